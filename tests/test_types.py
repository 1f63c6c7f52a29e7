"""The package type-checks: ``mypy briefgen`` with the project's settings finds nothing.

The README's development loop runs it; this keeps a change that breaks a signature,
a record's fields or a stage's types from landing unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_no_errors_in_the_package() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "briefgen"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Success: no issues found" in result.stdout
