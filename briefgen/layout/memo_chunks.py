"""A memo line as it will be drawn: its chunks in drawing order, each with the width the PDF gives it.

The text engine breaks a paragraph into lines with the advances LibreOffice uses
(shaped, kerned, at 600 dpi). A PDF draws a plain string with each glyph's own
advance, unkerned, and a shaped piece with HarfBuzz's advances; the renderer lays
chunks side by side, and tightens a line whose drawn width exceeds the planned one.
So that the renderer measures nothing, the plan gives each line its chunks: a run
(or, in a line with right-to-left or complex-script text, a piece of one at one
bidi level, in visual order) with the width it will be drawn at
(:meth:`~briefgen.fonts.FontFace.drawn_width` or
:meth:`~briefgen.fonts.FontFace.shaped_width`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefgen.layout.bidi import has_marks, visual_pieces
from briefgen.layout.scripts import is_rtl_text, needs_script_layout
from briefgen.layout.text import Line
from briefgen.load.markup import Run, Runs

if TYPE_CHECKING:
    from briefgen.layout.memo_blocks import TextStyle

__all__ = ["Chunk", "DrawnLine", "chunks_of", "drawn"]


@dataclass(frozen=True, slots=True)
class Chunk:
    """What is drawn in one go: ``text`` in ``run``'s style, in one direction, ``width`` points wide.

    ``start`` orders the chunks logically: a run's index in a plain line, a piece's
    first character in a bidi line. ``shaped`` chunks are drawn as HarfBuzz glyphs.
    """

    run: Run
    text: str
    start: int
    rtl: bool
    shaped: bool
    width: float


@dataclass(frozen=True)
class DrawnLine(Line):
    """A line of the engine with the chunks it is drawn in."""

    chunks: tuple[Chunk, ...] = ()


def chunks_of(runs: Runs, style: TextStyle, rtl: bool | None = None) -> tuple[Chunk, ...]:
    """The chunks ``runs`` are drawn in with ``style``, left to right; ``rtl`` is the paragraph's direction
    (None: the line's own, from its first strong character)."""
    size = style.size
    line_text = "".join(r.text for r in runs)
    out: list[Chunk] = []
    if not needs_script_layout(line_text) and not rtl:
        for run in runs:
            if run.text:
                face = style.family_of(run.font).face(run.bold, run.italic)
                out.append(Chunk(run, run.text, len(out), False, False, face.drawn_width(run.text, size)))
        return tuple(out)
    for piece in visual_pieces(runs, is_rtl_text(line_text) if rtl is None else rtl):
        run = piece.run
        face = style.family_of(run.font).face(run.bold, run.italic)
        if piece.rtl or needs_script_layout(piece.text) or has_marks(piece.text):
            width = face.shaped_width(piece.text, size, piece.rtl)
            out.append(Chunk(run, piece.text, piece.start, piece.rtl, True, width))
        else:
            out.append(
                Chunk(run, piece.text, piece.start, piece.rtl, False, face.drawn_width(piece.text, size))
            )
    return tuple(out)


def drawn(line: Line, style: TextStyle, rtl: bool | None = None) -> DrawnLine:
    """``line`` with its chunks (see :func:`chunks_of`)."""
    return DrawnLine(line.runs, line.width, chunks_of(line.runs, style, rtl))
