"""What the stages need to know of a brief's pictures, read once when the brief is loaded.

The loader's checks decode every picture (a damaged file is an error at its line);
they keep its pixel size and resolution here, so neither the deck's planner nor the
memo opens the file again to place it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["ImageInfo", "read_image_info"]


@dataclass(frozen=True)
class ImageInfo:
    """A picture's file, its size in pixels and its resolution (dots per inch; 96 when it says none)."""

    file: Path
    width: int
    height: int
    dpi: float = 96.0

    @classmethod
    def of(cls, file: Path, picture: Any) -> ImageInfo:
        """The info of ``picture``, a Pillow image opened from ``file``."""
        dpi = picture.info.get("dpi", (96, 96))[0] or 96
        return cls(file, picture.size[0], picture.size[1], float(dpi))


def read_image_info(file: Path) -> ImageInfo:
    """Open ``file`` and read its info (for a brief not made by the loader); raises OSError or ValueError."""
    from PIL import Image

    with Image.open(file) as picture:
        return ImageInfo.of(file, picture)
