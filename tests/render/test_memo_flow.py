"""The memo's fonts: the quick TrueType face reads every font exactly as ReportLab's own parser does.

The memo registers each font with ReportLab through a face that reads the ``cmap``,
``hmtx`` and ``loca`` tables in bulk (:class:`briefgen.render.memo_flow._QuickFace`).
Its tables must equal ReportLab's, value for value and in the same order, so that
the embedded subsets (and the PDFs) are the same bytes; what it cannot read itself
it leaves to ReportLab.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile, TTFontMaker

from briefgen.assets import assets_dir
from briefgen.render.memo_flow import _SUBSETS_KEPT, _cmap_pairs, _EmbeddedFont

FONT_FILES = sorted(assets_dir().glob("fonts/*/*.ttf"))


def _state(font: TTFont) -> dict[str, Any]:
    """What a font and its face hold once read (the read position and the scaling closure aside)."""
    lazy = ("glyphToChar", "hmetrics", "_glyph_to_char", "_cmap")  # the quick face's, compared as read
    face = {k: v for k, v in vars(font.face).items() if k not in ("_pos", "_pdfScale", *lazy)}
    face["glyphToChar"] = font.face.glyphToChar  # made on first use by the quick face
    face["hmetrics"] = list(font.face.hmetrics)  # read glyph by glyph by the quick face
    own = {k: v for k, v in vars(font).items() if k not in ("face", "state", "encoding")}
    own["encoding"] = (type(font.encoding), vars(font.encoding))
    return {"font": own, "face": face}


def _assert_same(path: Path) -> None:
    stock, quick = TTFont("stock", str(path)), _EmbeddedFont("quick", path)
    assert type(quick.face) is not type(stock.face)
    want, got = _state(stock), _state(quick)
    assert got["font"] == {**want["font"], "fontName": "quick"}
    assert set(got["face"]) == set(want["face"])
    for key, value in want["face"].items():
        assert got["face"][key] == value, key
    # the same order (ReportLab's subsets and shaping take the first character of a glyph) and number types
    assert list(quick.face.charToGlyph) == list(stock.face.charToGlyph)
    assert list(quick.face.glyphToChar.items()) == list(stock.face.glyphToChar.items())
    assert [type(w) for w in quick.face.charWidths.values()] == [
        type(stock.face.charWidths[c]) for c in quick.face.charWidths
    ]
    assert [tuple(map(type, m)) for m in quick.face.hmetrics] == [
        tuple(map(type, m)) for m in stock.face.hmetrics
    ]
    subset = [0, *list(stock.face.charToGlyph)[:150], 0xE9, 0xFB01, 0x2026]
    assert quick.face.makeSubset(subset) == stock.face.makeSubset(subset)


@pytest.mark.parametrize("path", FONT_FILES, ids=[p.name for p in FONT_FILES])
def test_quick_face_reads_every_shipped_font_as_reportlab_does(path: Path) -> None:
    _assert_same(path)


def _with_cmap(path: Path, cmap: bytes, out: Path) -> Path:
    """A copy of the font at ``path`` whose ``cmap`` table is ``cmap``."""
    source = TTFontFile(str(path), charInfo=0)
    maker = TTFontMaker()
    for tag in source.table:
        maker.add(tag, cmap if tag == "cmap" else source.get_table(tag))
    out.write_bytes(maker.makeStream())
    return out


def _char_to_glyph(path: Path) -> dict[int, int]:
    return dict(TTFontFile(str(path)).charToGlyph)


def test_a_format_12_cmap_is_read_as_reportlab_does(tmp_path: Path) -> None:
    path = assets_dir() / "fonts" / "Carlito" / "Carlito-Regular.ttf"
    mapping = sorted((c, g) for c, g in _char_to_glyph(path).items() if g and c != 0xA0)
    groups: list[list[int]] = []
    for char, glyph in mapping:
        if groups and char == groups[-1][1] + 1 and glyph == groups[-1][2] + char - groups[-1][0]:
            groups[-1][1] = char
        else:
            groups.append([char, char, glyph])
    body = b"".join(struct.pack(">LLL", *g) for g in groups)
    subtable = struct.pack(">HHLLL", 12, 0, 16 + len(body), 0, len(groups)) + body
    cmap = struct.pack(">HHHHL", 0, 1, 3, 10, 12) + subtable
    font = _with_cmap(path, cmap, tmp_path / "format12.ttf")
    assert _cmap_pairs(font.read_bytes(), TTFontFile(str(font), charInfo=0).get_table_pos("cmap")[0])
    _assert_same(font)


def test_other_cmap_formats_are_left_to_reportlab(tmp_path: Path) -> None:
    path = assets_dir() / "fonts" / "Caladea" / "Caladea-Regular.ttf"
    glyphs = [_char_to_glyph(path).get(c, 0) for c in range(32, 127)]
    subtable = struct.pack(f">HHHHH{len(glyphs)}H", 6, 10 + 2 * len(glyphs), 0, 32, len(glyphs), *glyphs)
    cmap = struct.pack(">HHHHL", 0, 1, 1, 0, 12) + subtable
    font = _with_cmap(path, cmap, tmp_path / "format6.ttf")
    assert _cmap_pairs(font.read_bytes(), TTFontFile(str(font), charInfo=0).get_table_pos("cmap")[0]) is None
    _assert_same(font)


def test_importing_the_memo_leaves_the_chart_modules_for_the_first_chart() -> None:
    code = (
        "import sys, briefgen.render.memo\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab.graphics', 'briefgen.render.memo_'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "['briefgen.render.memo_flow']"


def test_subset_font_files_are_reportlabs_and_the_last_few_are_kept() -> None:
    path = assets_dir() / "fonts" / "Carlito" / "Carlito-Regular.ttf"
    stock, quick = TTFont("stock", str(path)).face, _EmbeddedFont("quick", path).face
    subsets = [[0, *range(32, 40 + k), 0xE9] for k in range(_SUBSETS_KEPT + 3)]
    for subset in subsets:
        assert quick.makeSubset(subset) == stock.makeSubset(subset)
    assert len(quick._subsets) == _SUBSETS_KEPT
    assert quick.makeSubset(subsets[-1]) is quick.makeSubset(list(subsets[-1]))
    assert quick.makeSubset(subsets[0]) == stock.makeSubset(subsets[0])  # made again once forgotten
