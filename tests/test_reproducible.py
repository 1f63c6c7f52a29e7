"""Reproducible builds: the same brief, theme and SOURCE_DATE_EPOCH give the same bytes.

This is the one test that compares whole files byte for byte: across runs, folders,
time zones and hash seeds, in fresh processes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BRIEFS = ["asean-58th-amm.yaml", "quarterly-trade-review.yaml"]


def build_in(folder: Path, env_extra: dict[str, str]) -> dict[str, bytes]:
    briefs = folder / "briefs"
    shutil.copytree(ROOT / "briefs", briefs)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env_extra
    subprocess.run(
        [sys.executable, "-m", "briefgen", "-q", "build", *(str(briefs / b) for b in BRIEFS), "-o", "out"],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


@pytest.mark.parametrize("epoch", [None, "1750000000"], ids=["brief-date", "SOURCE_DATE_EPOCH"])
def test_same_bytes_across_runs_folders_time_zones_and_hash_seeds(tmp_path: Path, epoch: str | None) -> None:
    extra = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    first = build_in(tmp_path / "a", extra | {"TZ": "UTC", "PYTHONHASHSEED": "1"})
    second = build_in(
        tmp_path / "elsewhere" / "b", extra | {"TZ": "Asia/Kuala_Lumpur", "PYTHONHASHSEED": "2"}
    )
    assert sorted(first) == [
        "asean-58th-amm.pdf",
        "asean-58th-amm.pptx",
        "quarterly-trade-review.pdf",
        "quarterly-trade-review.pptx",
    ]
    for name in first:
        assert first[name] == second[name], f"{name} differs between builds"


def test_epoch_changes_the_timestamps(tmp_path: Path) -> None:
    one = build_in(tmp_path / "a", {"SOURCE_DATE_EPOCH": "1750000000"})
    two = build_in(tmp_path / "b", {"SOURCE_DATE_EPOCH": "1760000000"})
    assert one["asean-58th-amm.pdf"] != two["asean-58th-amm.pdf"]
    assert one["asean-58th-amm.pptx"] != two["asean-58th-amm.pptx"]
