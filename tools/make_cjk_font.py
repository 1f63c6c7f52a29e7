"""Make assets/fonts/NotoSansCJKsc/NotoSansCJKsc-Regular.ttf: Noto Sans CJK SC with TrueType outlines.

ReportLab embeds TrueType-outline fonts only, and Noto Sans CJK ships with CFF
outlines, so this converts the SC face of Debian's fonts-noto-cjk collection
(``NotoSansCJK-Regular.ttc``) to quadratic ``glyf`` outlines with fontTools
(cu2qu), keeping the characters a brief can use: CJK ideographs (BMP and
Extension A), kana, Hangul syllables and jamo, bopomofo, CJK punctuation and
full-width forms, and the ASCII and general punctuation set among them. OFL 1.1 allows modified versions; the family name keeps
"Noto Sans CJK SC" (the licence reserves only the name "Source").

    python tools/make_cjk_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

RANGES = (
    (0x0020, 0x007E),  # ASCII: the spaces and punctuation a CJK stretch carries along
    (0x00A0, 0x00FF),
    (0x2000, 0x206F),  # general punctuation
    (0x1100, 0x11FF),  # Hangul jamo
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x30FF),  # CJK punctuation, hiragana, katakana
    (0x3100, 0x31FF),  # bopomofo, Hangul compatibility jamo, kanbun, katakana ext.
    (0x3200, 0x33FF),  # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # half- and full-width forms
)
OUT = Path(__file__).resolve().parent.parent / "assets/fonts/NotoSansCJKsc/NotoSansCJKsc-Regular.ttf"


def sc_face(ttc: Path) -> TTFont:
    """The 'Noto Sans CJK SC' font of the collection."""
    for font in TTCollection(str(ttc)).fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return font
    raise SystemExit(f"{ttc}: no Noto Sans CJK SC face")


def to_truetype(font: TTFont) -> None:
    """Replace the CFF table by quadratic glyf outlines (max error 1 unit)."""
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font["post"].glyphOrder = None
    font.sfntVersion = "\x00\x01\x00\x00"


def main(ttc: str) -> None:
    font = sc_face(Path(ttc))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[cp for lo, hi in RANGES for cp in range(lo, hi + 1)])
    sub.subset(font)
    to_truetype(font)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT))
    print(OUT, OUT.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])
