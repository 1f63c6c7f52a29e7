"""Shared test fixtures: external tools are required in CI and optional on a laptop."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

import pytest


def require_tool(name: str) -> str:
    """The path of command ``name``; fail under ``CI=true`` when it is missing, else skip."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{name} is required in CI (.ci/run installs it)")
    pytest.skip(f"{name} is not installed")


@pytest.fixture(scope="session")
def tool() -> Callable[[str], str]:
    """``tool("qpdf")`` gives the command's path, failing in CI and skipping elsewhere when it is missing."""
    return require_tool
