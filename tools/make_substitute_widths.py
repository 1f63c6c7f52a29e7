"""Write the advance widths of DejaVu Sans, the widest font a viewer without Calibri falls back on.

A Linux LibreOffice without Carlito draws the deck's Calibri in its default sans,
usually DejaVu Sans (about 24 % wider than Carlito, 37 % in bold). briefgen sizes
table columns and rows so that they hold the text in DejaVu Sans too
(:mod:`briefgen.substitutes`); it needs only each character's advance, not the
font, so it ships this table instead of 2.7 MB of font files.

Run from the repository's root, with Debian's ``fonts-dejavu-core`` installed::

    python tools/make_substitute_widths.py

It reads the four DejaVu Sans faces and writes
``assets/fonts/substitutes/dejavu-sans-widths.json``: per style, the font's units
per em, its ``hhea`` ascent and descent, and the advance (font units, unkerned) of
every character it has below U+3000 (Latin, Greek, Cyrillic, punctuation and
symbols), as runs of consecutive code points.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import uharfbuzz as hb

FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
FOLDER = Path("/usr/share/fonts/truetype/dejavu")
OUT = Path("assets/fonts/substitutes/dejavu-sans-widths.json")
LIMIT = 0x3000


def style_table(path: Path) -> dict[str, object]:
    """The widths and vertical metrics of one face."""
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    font = hb.Font(face)
    ascent, descent = struct.unpack(">hh", face.reference_table("hhea").data[4:8])
    runs: list[list[object]] = []
    for cp in sorted(c for c in face.unicodes if c < LIMIT):
        glyph = font.get_nominal_glyph(cp)
        if glyph is None:
            continue
        advance = font.get_glyph_h_advance(glyph)
        if runs and runs[-1][0] + len(runs[-1][1]) == cp:  # type: ignore[operator, arg-type]
            runs[-1][1].append(advance)  # type: ignore[union-attr]
        else:
            runs.append([cp, [advance]])
    return {"units_per_em": face.upem, "ascent": ascent, "descent": descent, "runs": runs}


def main() -> None:
    version = hb.Face(hb.Blob.from_file_path(str(FOLDER / FILES["regular"]))).get_name(5)
    table = {
        "font": "DejaVu Sans",
        "version": version,
        "source": "Debian fonts-dejavu-core",
        "styles": {style: style_table(FOLDER / name) for style, name in FILES.items()},
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(table, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
