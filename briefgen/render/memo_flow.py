"""The memo's text: paragraphs drawn line by line as the memo plan broke them, in embedded fonts.

Platypus paginates; :class:`TextFlow` draws a planned paragraph's lines (broken by
the text engine when the memo was planned, so the memo breaks lines as the deck
does), each run in its own embedded font, and splits between lines (never leaving
one line alone at a page's foot or head). :class:`FontBook` registers each font file with ReportLab once per
process. Boxes are in ``memo_boxes``, tables in ``memo_grid``, pictures in ``memo_media``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus.flowables import Flowable

from briefgen.fonts import FontFace
from briefgen.layout.memo_blocks import BIG, Text, TextStyle
from briefgen.layout.memo_chunks import Chunk, DrawnLine
from briefgen.layout.text import Line
from briefgen.load.markup import plain_text
from briefgen.render.memo_script import (
    actual_text_begin,
    actual_text_end,
    end_rise,
    needs_script_layout,
    reads_back,
    shape,
)
from briefgen.render.memo_tagging import decoration, tagged, tagger_of

__all__ = ["BIG", "FontBook", "TextFlow", "TextStyle", "colour", "draw_chunks"]

_EPS = 1e-6


def colour(hex_colour: str) -> Color:
    """A ReportLab colour from ``#RRGGBB``."""
    return HexColor(hex_colour)


class FontBook:
    """The ReportLab name of each font file, registered with ReportLab at most once per process.

    The name is derived from the file's path, so ReportLab's own font registry is
    the only cache; a FontBook only remembers, for one render, the names it has
    looked up.
    """

    def __init__(self) -> None:
        self._names: dict[Path, str] = {}

    def name(self, face: FontFace) -> str:
        """The registered font name for ``face`` (TrueType, embedded and subset when drawn)."""
        path = face.path
        found = self._names.get(path)
        if found is not None:
            return found
        digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:10]
        found = f"briefgen-{path.stem}-{digest}"
        if found not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(found, str(path)))
        self._names[path] = found
        return found


class TextFlow(Flowable):
    """A paragraph of the memo plan (:class:`~briefgen.layout.memo_blocks.Text`), drawn line by line as planned.

    Its lines were broken by the text engine when the memo was planned; this draws
    them, each run in its own embedded font, its hanging label on the first line,
    its rule under the last, its outline entry where it is drawn. It splits between
    lines, keeping at least two lines on each side when it has four or more; a
    piece (``lines``, ``head``, ``tail``) draws part of the paragraph.
    """

    def __init__(
        self,
        text: Text,
        fonts: FontBook,
        *,
        lines: tuple[DrawnLine, ...] | None = None,
        head: bool = True,
        tail: bool = True,
    ) -> None:
        super().__init__()
        self.text = text
        self.tag = text.tag
        self.fonts = fonts
        self.lines = text.lines if lines is None else lines
        self.style = text.style
        self.runs = text.runs
        self.spaceBefore = text.space_before
        self.spaceAfter = text.space_after
        self.head = head
        self.tail = tail
        self._drawn = False
        self.width = 0.0
        self.height = 0.0

    def _rule_height(self) -> float:
        return self.text.rule_height if self.tail else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = len(self.lines) * self.style.line_height + self._rule_height()
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines
        lh = self.style.line_height
        total = len(lines)
        fit = int((availHeight + _EPS) // lh)
        if total >= 4:
            fit = min(fit, total - 2)
            if fit < 2:
                return []
        elif fit < total or total < 2:
            return []
        fit = min(fit, total - 1)
        first = self.part(lines[:fit], head=self.head, tail=False)
        first.spaceAfter = 0.0
        rest = self.part(lines[fit:], head=False, tail=self.tail)
        rest.spaceBefore = 0.0
        return [first, rest]

    def part(self, lines: tuple[DrawnLine, ...], *, head: bool, tail: bool) -> TextFlow:
        """A piece of this paragraph: ``lines`` of it, with its head (label, outline) and tail (rule) or not."""
        piece = TextFlow(self.text, self.fonts, lines=lines, head=head, tail=tail)
        piece.spaceBefore, piece.spaceAfter = self.spaceBefore, self.spaceAfter
        return piece

    # -- drawing ---------------------------------------------------------------

    def _baseline_drop(self, style: TextStyle) -> float:
        face = style.family.regular
        asc, desc = face.ascent_pt(style.size), face.descent_pt(style.size)
        return (style.line_height - (asc + desc)) / 2 + asc

    def draw(self) -> None:
        canv, t = self.canv, self.text
        lines = self.lines
        style = self.style
        lh = style.line_height
        top = self.height - self._rule_height()
        drop = self._baseline_drop(style)
        if t.outline is not None and self.head:
            canv.bookmarkHorizontal(t.outline.key, 0, self.height + style.size * 0.5)
            canv.addOutlineEntry(t.outline.title, t.outline.key, t.outline.level)
        again, self._drawn = self._drawn, True
        full = plain_text(self.runs)
        rtl = t.rtl  # a right-to-left paragraph: set from the right, its label mirrored
        label_style = t.label_style or style
        if t.label and self.head and lines:
            label_x = t.label_x
            if rtl:
                label_x = self.width - t.label_x - t.label_width
            with tagged(canv, t.label_tag or self.tag, again=again):
                draw_chunks(canv, t.label_chunks, label_style, self.fonts, label_x, top - drop, None)
        text_w = self.width - t.indent - t.right
        spaced = _spaced_ends(full, lines)
        align = {"left": "right", "right": "left"}.get(t.align, t.align) if rtl else t.align
        start = t.right if rtl else t.indent
        # tracking would pull joined Arabic letters apart, and Thai or Khmer marks off their base
        spacing = 0.0 if t.char_space and (rtl or needs_script_layout(full)) else t.char_space
        with tagged(canv, self.tag, again=again) as node:
            for i, line in enumerate(lines):
                x = start
                if align == "right":
                    x += text_w - line.width
                elif align == "centre":
                    x += (text_w - line.width) / 2
                baseline = top - i * lh - drop
                end = " " if spaced[i] else ""
                draw_chunks(canv, line.chunks, style, self.fonts, x, baseline, line.width, spacing, node, end)
        if t.rule and self.tail:
            hex_colour, thickness, gap = t.rule
            y = top - len(lines) * lh - gap + thickness / 2
            with decoration(canv):
                canv.saveState()
                canv.setStrokeColor(colour(hex_colour))
                canv.setLineWidth(thickness)
                canv.line(t.indent, y, self.width - t.right, y)
                canv.restoreState()


def _spaced_ends(full: str, lines: Sequence[Line]) -> list[bool]:
    """For each line, whether the text went on after a space or line break where the line ends."""
    out: list[bool] = []
    pos = 0
    for line in lines:
        at = full.find(line.text, pos) if line.text else pos
        pos = (at if at >= 0 else pos) + len(line.text)
        out.append(pos < len(full) and full[pos].isspace())
    if out:
        out[-1] = False
    return out


def draw_chunks(
    canv: Any,
    chunks: Sequence[Chunk],
    style: TextStyle,
    fonts: FontBook,
    x: float,
    baseline: float,
    planned: float | None,
    char_space: float = 0.0,
    link_owner: Any = None,
    end: str = "",
) -> float:
    """Draw a planned line's ``chunks`` from ``x`` on ``baseline``; return the drawn width.

    When ``planned`` (the layout engine's width, which counts kerning) is narrower
    than the chunks' drawn (unkerned) width, the characters are tightened evenly so
    the line ends where the engine said. A line with right-to-left or complex-script
    text comes in bidi order, its shaped chunks drawn as HarfBuzz glyphs (see
    :mod:`briefgen.render.memo_script`).
    """
    size = style.size
    pieces = _pieces(chunks, style, fonts, end)
    if not pieces:
        return 0.0
    chars = sum(len(p[0]) for p in pieces)
    natural = sum(p[4] for p in pieces) + char_space * chars
    squeeze = 0.0
    if planned is not None:
        planned += char_space * chars
    if planned is not None and chars and natural > planned + 0.01:
        squeeze = (planned - natural) / chars
    spacing = char_space + squeeze
    text = canv.beginText(x, baseline)
    if spacing:
        text.setCharSpace(spacing)  # reset below: Tc outlives the text object
    links: list[tuple[str, float, float, str]] = []
    cursor = x
    order: Sequence[int] = range(len(pieces))
    starts: list[float] = []  # for a bidi line: each piece's place, left to right
    if any(p[6] != i for i, p in enumerate(pieces)):  # drawn in logical order, each piece at its place
        for piece in pieces:
            starts.append(cursor)
            cursor += piece[4] + spacing * len(piece[0])
        order = sorted(order, key=lambda k: pieces[k][6])
    current: tuple[str, str] | None = None
    for k in order:
        chunk, name, hex_colour, href, chunk_width, actual, _, tail = pieces[k]
        if starts:
            text.setTextOrigin(starts[k], baseline)
        if current != (name, hex_colour):
            text.setFont(name, size)
            text.setFillColor(colour(hex_colour))
            current = (name, hex_colour)
        if actual is not None:  # shaped glyphs: the brief's characters, in logical order, for copy and search
            text._code.append(actual_text_begin(*actual))
        text.textOut(chunk + tail if tail else chunk)
        if type(chunk) is not str:  # shaped glyphs (a ShapedStr)
            end_rise(text)
        if actual is not None:
            text._code.append(actual_text_end(actual[1]))
        width = chunk_width + spacing * len(chunk)
        at = starts[k] if starts else cursor
        if href:
            links.append((href, at, at + width, hex_colour))
        if not starts:
            cursor += width
    if spacing:
        text.setCharSpace(0)
    canv.drawText(text)
    if links:
        _link(canv, links, style, baseline, link_owner)
    return cursor - x


def _link(
    canv: Any, links: list[tuple[str, float, float, str]], style: TextStyle, baseline: float, owner: Any
) -> None:
    """Underline each link of a line and make its annotation (owned by a Link element when tagged)."""
    size = style.size
    face = style.family.regular
    asc, desc = face.ascent_pt(size), face.descent_pt(size)
    canv.saveState()
    canv.setLineWidth(max(0.4, size * 0.05))
    tagger = tagger_of(canv)
    for href, x0, x1, hex_colour in links:
        canv.setStrokeColor(colour(hex_colour))
        canv.line(x0, baseline - size * 0.12, x1, baseline - size * 0.12)
        box = (x0, baseline - desc, x1, baseline + asc)
        if tagger is not None and owner is not None:  # a Link element in the paragraph, owning the annotation
            tagger.link(canv, tagger.node("Link", owner), href, box, relative=1)
        else:
            canv.linkURL(href, box, relative=1, thickness=0)
    canv.restoreState()


_Piece = tuple[str, str, str, "str | None", float, "tuple[str, bool] | None", int, str]
"""What draw_chunks draws: text (or shaped glyphs), font name, colour, link, width, (ActualText, rtl),
where the piece starts in the line's logical order, and the space drawn after it (not counted)."""


def _pieces(chunks: Sequence[Chunk], style: TextStyle, fonts: FontBook, end: str) -> list[_Piece]:
    """The line's chunks from left to right, ready to draw; the space the line broke at rides on its
    logical last chunk (not seen, but there to copy, search and read aloud)."""
    size = style.size
    out: list[_Piece] = []
    for c in chunks:
        run = c.run
        name = fonts.name(style.family_of(run.font).face(run.bold, run.italic))
        hex_colour = style.link_colour if run.href else style.colour
        if c.shaped:
            glyphs = shape(c.text, name, size, c.rtl)
            actual = None if reads_back(glyphs, c.text, c.rtl) else (c.text, c.rtl)
            out.append((glyphs, name, hex_colour, run.href, c.width, actual, c.start, ""))
        else:
            out.append((c.text, name, hex_colour, run.href, c.width, None, c.start, ""))
    if out and end:
        k = max(range(len(out)), key=lambda i: out[i][6])
        chunk, name, hex_colour, href, width, actual, start, _ = out[k]
        if actual is None:
            out[k] = (chunk, name, hex_colour, href, width, None, start, end)
        else:
            out[k] = (chunk, name, hex_colour, href, width, (actual[0] + end, actual[1]), start, "")
    return out
