"""Where the shipped assets (themes, fonts, logos) live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def assets_dir() -> Path:
    """Return the assets folder: ``briefgen/assets`` in an installed wheel, else the checkout's ``assets/``."""
    packaged = Path(__file__).parent / "assets"
    if packaged.is_dir():
        return packaged
    return Path(__file__).parent.parent / "assets"
