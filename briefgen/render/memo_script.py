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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

from briefgen.layout.scripts import RTL_CLASSES, is_rtl_text, needs_script_layout
from briefgen.load.markup import Run

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


@dataclass(frozen=True)
class Piece:
    """A stretch of one run at one bidi level: its text in logical order, and whether it runs right to left."""

    run: Run
    text: str
    rtl: bool
    start: int = 0  # where it starts in the line's text (logical order)


def visual_pieces(runs: Sequence[Run], rtl_base: bool) -> list[Piece]:
    """The line's runs cut where the bidi level changes, in visual (left-to-right drawing) order."""
    text = "".join(r.text for r in runs)
    if not rtl_base and not any(unicodedata.bidirectional(ch) in RTL_CLASSES for ch in set(text)):
        starts = [0]
        for r in runs:
            starts.append(starts[-1] + len(r.text))
        return [Piece(r, r.text, False, at) for r, at in zip(runs, starts) if r.text]
    levels = _levels(text, rtl_base)
    owners = [i for i, r in enumerate(runs) for _ in r.text]
    spans: list[tuple[int, int, int, int]] = []  # (level, run index, start, end) in logical order
    for i, (level, owner) in enumerate(zip(levels, owners)):
        if spans and spans[-1][0] == level and spans[-1][1] == owner:
            spans[-1] = (level, owner, spans[-1][2], i + 1)
        else:
            spans.append((level, owner, i, i + 1))
    order = list(range(len(spans)))
    top = max(s[0] for s in spans) if spans else 0
    lowest_odd = min((s[0] for s in spans if s[0] % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2: reverse each sequence at this level or higher
        i = 0
        while i < len(order):
            if spans[order[i]][0] >= level:
                j = i
                while j < len(order) and spans[order[j]][0] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [
        Piece(runs[spans[k][1]], text[spans[k][2] : spans[k][3]], spans[k][0] % 2 == 1, spans[k][2])
        for k in order
    ]


def _levels(text: str, rtl_base: bool) -> list[int]:
    """The resolved embedding level of each character of one line (rules X1-I2 and L1)."""
    from bidi import algorithm as uax9  # only lines with right-to-left text pay for the import

    storage = uax9.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    # an unassigned code point has no class in unicodedata; UAX #9 gives it L by default
    classed = "".join(ch if unicodedata.bidirectional(ch) else "a" for ch in text)
    uax9.get_embedding_levels(classed, storage)
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    kept = iter(c["level"] for c in storage["chars"])
    base = storage["base_level"]
    levels: list[int] = []
    for ch in text:  # characters X9 removed (embedding controls, joiners) take their neighbour's level
        if unicodedata.bidirectional(ch) in uax9.X9_REMOVED:
            levels.append(levels[-1] if levels else base)
        else:
            levels.append(next(kept, base))
    for i in range(len(text) - 1, -1, -1):  # L1: whitespace at the end of the line takes the base level
        if not text[i].isspace():
            break
        levels[i] = base
    return levels


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


def has_marks(text: str) -> bool:
    """True if ``text`` holds a combining mark (decomposed Latin, say, in a right-to-left line)."""
    return max(text, default="\0") >= "\u0300" and any(unicodedata.category(ch) == "Mn" for ch in text)


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
    """The advance of a shaped string at ``size`` points."""
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
