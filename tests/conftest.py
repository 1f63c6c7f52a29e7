"""Shared test fixtures: external tools are required in CI and optional on a laptop."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

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


FONTS_CONF = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"
"""A fontconfig setup that gives LibreOffice exactly the shipped fonts (Calibri → Carlito, …)."""


def soffice_to_pdf(
    decks: Sequence[Path], outdir: Path, *, timeout: float = 900, fonts_conf: Path = FONTS_CONF
) -> subprocess.CompletedProcess[str]:
    """Convert ``decks`` to PDFs in ``outdir`` with one LibreOffice run, isolated from the user's profile and fonts.

    The fonts LibreOffice sees are those of ``fonts_conf`` (by default the shipped ones);
    its profile is ``outdir/profile``, so runs into different folders may run at once.
    """
    env = dict(
        os.environ,
        FONTCONFIG_FILE=str(fonts_conf),
        XDG_CACHE_HOME=str(outdir / "cache"),
        HOME=str(outdir / "home"),
        SAL_USE_VCLPLUGIN="svp",
    )
    cmd = [
        "soffice",
        f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, decks),
    ]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
