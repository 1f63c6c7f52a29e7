"""Complex scripts in the memo: the bidi order of a line's runs and HarfBuzz-shaped glyphs ReportLab draws.

ReportLab draws a string one glyph per character, left to right, so Arabic would
print unjoined and backwards and Thai marks would collide. For a line that holds
right-to-left or complex-script text, :func:`visual_pieces` splits the runs by the
Unicode bidirectional algorithm (UAX #9, from python-bidi) and puts them in visual
order; :func:`shape` shapes a piece with HarfBuzz (through ReportLab's own
TrueType font, so glyph ids and subsets agree) in the piece's direction, giving a
``ShapedStr`` ReportLab positions glyph by glyph. The caller wraps each shaped
piece in a marked-content span whose ``/ActualText`` is the piece's logical text,
so copying, searching and pdftotext give back the brief's characters in their
order, with Thai tone marks and Arabic ligatures whole (a right-to-left piece in a
``ReversedChars`` sequence, see :func:`actual_text_begin`).

Latin-only lines never get here (:func:`needs_script_layout` is a fast test), and
python-bidi is imported only for a line that holds right-to-left text.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from briefgen.layout.bidi import Piece, has_marks, visual_pieces
from briefgen.layout.scripts import is_rtl_text, needs_script_layout

__all__ = [
    "Piece",
    "actual_text_begin",
    "actual_text_end",
    "end_rise",
    "has_marks",
    "is_rtl_text",
    "needs_script_layout",
    "reads_back",
    "shape",
    "shaped_width",
    "visual_pieces",
]


def shape(text: str, font_name: str, size: float, rtl: bool) -> ShapedStr:
    """``text`` shaped by HarfBuzz in ``font_name`` (a registered TrueType font), glyphs in visual order.

    The result is the ReportLab string of the glyphs (ligatures and contextual forms
    get private-use codes in the font's subset) with each glyph's advance and offset.
    """
    import uharfbuzz as hb

    font = pdfmetrics.getFont(font_name)
    hb_font = font.hbFont(size)
    buf = hb.Buffer()
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    face = font.face
    chars: list[str] = []
    data: list[ShapeData] = []
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        gid = info.codepoint
        owners = face.glyphToChar.get(gid)
        code = owners[0] if owners else font.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
        chars.append(chr(code))
        data.append(
            ShapeData(
                info.cluster,
                font.pdfScale(pos.x_advance),
                font.pdfScale(pos.y_advance),
                font.pdfScale(pos.x_offset),
                font.pdfScale(pos.y_offset),
                face.charWidths.get(code, 0),
            )
        )
    return ShapedStr("".join(chars), shapeData=data)


def reads_back(glyphs: ShapedStr, text: str, rtl: bool) -> bool:
    """True if a Latin-script piece's glyphs, through the font's own character map, give ``text`` back
    (canonically: ``e`` and a combining acute drawn as ``é``), so it needs no ActualText."""
    return (
        not rtl
        and max(text, default="\0") < "\u0590"
        and (unicodedata.normalize("NFC", str(glyphs)) == unicodedata.normalize("NFC", text))
    )


def end_rise(text: Any) -> None:
    """Put the text rise back to 0 after a shaped string (a ReportLab text object).

    ReportLab raises and lowers marks with ``Ts``; when it merges two rises into one
    operator it does not record the second, so a string whose last glyph is raised
    or lowered (a Khmer subscript, a Thai vowel below) leaves the rise set for the text
    that follows.
    """
    text._code.append("0 Ts")
    text._rise = 0


def shaped_width(text: ShapedStr, size: float) -> float:
    """The advance of a shaped string at ``size`` points (tests pin the plan's widths to it; drawing takes the plan's)."""
    return sum(sd.x_advance for sd in text.__shapeData__) * size / 1000


def actual_text_begin(text: str, rtl: bool) -> str:
    """The operators that open a span whose ActualText is ``text``; close it with :func:`actual_text_end`.

    A right-to-left piece is drawn in visual order, so its ActualText is too, inside a
    ``ReversedChars`` sequence (ISO 32000 14.8.2.3.3): a reader that follows the
    standard, like one that reorders by direction as pdftotext does, gets the
    logical text back.
    """
    shown = text[::-1] if rtl else text
    utf16 = shown.encode("utf-16-be").hex().upper()
    span = f"/Span <</ActualText <FEFF{utf16}>>> BDC"
    return f"/ReversedChars BMC {span}" if rtl else span


def actual_text_end(rtl: bool) -> str:
    """The operators that close what :func:`actual_text_begin` opened."""
    return "EMC EMC" if rtl else "EMC"
