"""The memo's flowables: text drawn line by line as the layout engine wrapped it, panels, tables, charts, images.

Platypus paginates; these flowables only measure and draw. :class:`TextFlow` asks
:func:`briefgen.layout.text.wrap` for its lines (so the memo breaks lines as the
deck does), draws each run in its own embedded font, and splits between lines
(never leaving one line alone at a page's foot or head). :class:`Panel` boxes other
flowables and splits with them. Tables are platypus tables whose over-tall rows
are cut into continuation rows first, so no row is ever taller than a page.
:class:`FontBook` registers each font file with ReportLab once per process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.glyphs import apply_fallback, draws_all
from briefgen.layout.memo import line_chunks
from briefgen.layout.text import Line, wrap
from briefgen.layout.values import chart_alt_lines
from briefgen.load.markup import Runs, plain_text
from briefgen.load.model import Chart
from briefgen.render.memo_script import (
    actual_text_begin,
    actual_text_end,
    end_rise,
    has_marks,
    is_rtl_text,
    needs_script_layout,
    reads_back,
    shape,
    shaped_width,
    visual_pieces,
)
from briefgen.render.memo_tagging import Tag, decoration, tagged, tagger_of

if TYPE_CHECKING:  # charts are drawn with reportlab.graphics, imported only when a memo has a chart
    from briefgen.render.memo_chart import ChartLook

__all__ = [
    "BIG",
    "ChartFlow",
    "FontBook",
    "ImageFlow",
    "Panel",
    "TextFlow",
    "TextStyle",
    "ToneChip",
    "draw_runs",
    "grid",
    "lead_height",
]

BIG = 1e7
"""An available height that never limits a flowable (used to measure one whole)."""

_EPS = 1e-6


@lru_cache(maxsize=256)
def colour(hex_colour: str) -> Color:
    """A ReportLab colour from ``#RRGGBB`` (one shared object per colour: treat it as read-only)."""
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


@dataclass(frozen=True)
class TextStyle:
    """How a run of text is set: family, size, colour, line spacing; fallbacks for missing glyphs."""

    family: FontFamily
    size: float
    colour: str
    line_spacing: float
    link_colour: str
    fallbacks: Mapping[str, FontFamily] = field(default_factory=dict, compare=False)
    bold: bool = False
    italic: bool = False

    @property
    def line_height(self) -> float:
        """The distance between baselines, points."""
        return self.size * self.line_spacing

    def sized(self, size: float) -> TextStyle:
        """The same style at another size."""
        return replace(self, size=size)

    def coloured(self, hex_colour: str) -> TextStyle:
        """The same style in another colour."""
        return replace(self, colour=hex_colour)

    def family_of(self, font: str | None) -> FontFamily:
        """The family a run is drawn in: its fallback family if it names one, else the style's."""
        if font is not None and font in self.fallbacks:
            return self.fallbacks[font]
        return self.family


def _styled(runs: Runs, style: TextStyle) -> Runs:
    """Apply a style's own bold/italic to every run (a heading style is bold throughout), then set
    fallback fonts for the characters its family lacks: every text the memo draws passes here."""
    if style.bold or style.italic:
        runs = tuple(
            type(r)(r.text, r.bold or style.bold, r.italic or style.italic, r.href, r.font) for r in runs
        )
    if style.fallbacks:
        runs = apply_fallback(runs, style.family, list(style.fallbacks.values()))
    return runs


@dataclass(frozen=True)
class Outline:
    """A bookmark and its outline entry, made where a heading is drawn."""

    key: str
    title: str
    level: int = 0


class TextFlow(Flowable):
    """A paragraph set by the layout engine: lines of runs, each run in its own embedded font.

    Optional: a hanging ``label`` (a bullet or number) drawn on the first line at
    ``label_x``; an ``indent`` for the text; ``align`` left, right or centre; a
    ``rule`` drawn under the last line; an ``outline`` entry made where it is drawn.
    Splits between lines, keeping at least two lines on each side when it has four
    or more. Given ``lines`` (a piece of a split paragraph), it draws those, and its
    runs and label are taken as already styled.
    """

    def __init__(
        self,
        runs: Runs,
        style: TextStyle,
        fonts: FontBook,
        *,
        indent: float = 0.0,
        right: float = 0.0,
        align: str = "left",
        label: Runs = (),
        label_style: TextStyle | None = None,
        label_x: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        rule: tuple[str, float, float] | None = None,
        outline: Outline | None = None,
        char_space: float = 0.0,
        lines: tuple[Line, ...] | None = None,
        head: bool = True,
        tail: bool = True,
        tag: Tag | None = None,
        label_tag: Tag | None = None,
    ) -> None:
        super().__init__()
        self.tag = tag or Tag("P")
        self.label_tag = label_tag
        self._drawn = False
        pieced = lines is not None  # a piece of a styled paragraph: styling again would change nothing
        self.runs = runs if pieced else _styled(runs, style)
        self.style = style
        self.fonts = fonts
        self.indent = indent
        self.right = right
        self.align = align
        self.label = label if pieced else _styled(label, label_style or style) if label else ()
        self.label_style = label_style or style
        self.label_x = label_x
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.rule = rule
        self.outline = outline
        self.char_space = char_space
        self.head = head
        self.tail = tail
        self._lines = lines
        self._fixed = lines is not None
        self._wrapped_at: float | None = None
        self.width = 0.0
        self.height = 0.0

    # -- measuring -------------------------------------------------------------

    def lines_at(self, width: float) -> tuple[Line, ...]:
        """The lines of this paragraph when its box is ``width`` wide."""
        if self._fixed:
            return self._lines or ()
        text_w = max(1.0, width - self.indent - self.right)
        if self._wrapped_at != text_w:
            if self.runs:
                para = wrap(
                    self.runs,
                    self.style.family,
                    self.style.size,
                    text_w,
                    line_spacing=self.style.line_spacing,
                    fallbacks=self.style.fallbacks,
                )
                self._lines = para.lines
            else:
                self._lines = ()
            self._wrapped_at = text_w
        return self._lines or ()

    def _rule_height(self) -> float:
        return self.rule[1] + self.rule[2] if self.rule and self.tail else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        lines = self.lines_at(availWidth)
        self.width = availWidth
        self.height = len(lines) * self.style.line_height + self._rule_height()
        return availWidth, self.height

    def lead_height(self, width: float) -> float:
        """The height of the smallest first piece this paragraph can leave on a page."""
        n = len(self.lines_at(width))
        first = n if n < 4 else 2
        return self.spaceBefore + first * self.style.line_height + (self._rule_height() if first == n else 0)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.lines_at(availWidth)
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
        first = self._part(lines[:fit], head=self.head, tail=False)
        first.spaceAfter = 0.0
        rest = self._part(lines[fit:], head=False, tail=self.tail)
        rest.spaceBefore = 0.0
        return [first, rest]

    def _part(self, lines: tuple[Line, ...], *, head: bool, tail: bool) -> TextFlow:
        return TextFlow(
            self.runs,
            self.style,
            self.fonts,
            indent=self.indent,
            right=self.right,
            align=self.align,
            label=self.label if head else (),
            label_style=self.label_style,
            label_x=self.label_x,
            space_before=self.spaceBefore,
            space_after=self.spaceAfter,
            rule=self.rule,
            outline=self.outline if head else None,
            char_space=self.char_space,
            lines=lines,
            head=head,
            tail=tail,
            tag=self.tag,
            label_tag=self.label_tag,
        )

    # -- drawing ---------------------------------------------------------------

    def _baseline_drop(self, style: TextStyle) -> float:
        face = style.family.regular
        asc, desc = face.ascent_pt(style.size), face.descent_pt(style.size)
        return (style.line_height - (asc + desc)) / 2 + asc

    def draw(self) -> None:
        canv = self.canv
        lines = self.lines_at(self.width)
        style = self.style
        lh = style.line_height
        top = self.height - self._rule_height()
        drop = self._baseline_drop(style)
        if self.outline is not None and self.head:
            canv.bookmarkHorizontal(self.outline.key, 0, self.height + style.size * 0.5)
            canv.addOutlineEntry(self.outline.title, self.outline.key, self.outline.level)
        again, self._drawn = self._drawn, True
        full = plain_text(self.runs)
        rtl = is_rtl_text(full)  # a right-to-left paragraph: set from the right, its label mirrored
        if self.label and self.head and lines:
            label_x = self.label_x
            if rtl:
                label_w = natural_width_of(self.label, self.label_style, self.fonts)
                label_x = self.width - self.label_x - label_w
            with tagged(canv, self.label_tag or self.tag, again=again):
                draw_runs(canv, self.label, self.label_style, self.fonts, label_x, top - drop, None, rtl=rtl)
        text_w = self.width - self.indent - self.right
        spaced = _spaced_ends(full, lines)
        align = {"left": "right", "right": "left"}.get(self.align, self.align) if rtl else self.align
        start = self.right if rtl else self.indent
        # tracking would pull joined Arabic letters apart, and Thai or Khmer marks off their base
        spacing = 0.0 if self.char_space and (rtl or needs_script_layout(full)) else self.char_space
        with tagged(canv, self.tag, again=again) as node:
            for i, line in enumerate(lines):
                x = start
                if align == "right":
                    x += text_w - line.width
                elif align == "centre":
                    x += (text_w - line.width) / 2
                baseline = top - i * lh - drop
                end = " " if spaced[i] else ""
                draw_runs(
                    canv,
                    line.runs,
                    style,
                    self.fonts,
                    x,
                    baseline,
                    line.width,
                    spacing,
                    node,
                    end,
                    rtl,
                )
        if self.rule and self.tail:
            hex_colour, thickness, gap = self.rule
            y = top - len(lines) * lh - gap + thickness / 2
            with decoration(canv):
                canv.saveState()
                canv.setStrokeColor(colour(hex_colour))
                canv.setLineWidth(thickness)
                canv.line(self.indent, y, self.width - self.right, y)
                canv.restoreState()


def natural_width_of(runs: Runs, style: TextStyle, fonts: FontBook) -> float:
    """The width ReportLab draws ``runs`` at (a label's, to place it from the right)."""
    return sum(
        pdfmetrics.stringWidth(r.text, fonts.name(style.family_of(r.font).face(r.bold, r.italic)), style.size)
        for r in runs
    )


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


def draw_runs(
    canv: Any,
    runs: Runs,
    style: TextStyle,
    fonts: FontBook,
    x: float,
    baseline: float,
    planned: float | None,
    char_space: float = 0.0,
    link_owner: Any = None,
    end: str = "",
    rtl: bool | None = None,
) -> float:
    """Draw ``runs`` from ``x`` on ``baseline``; return the drawn width.

    When ``planned`` (the layout engine's width, which counts kerning) is narrower
    than ReportLab's unkerned width, the characters are tightened evenly so the line
    ends where the engine said. A line with right-to-left or complex-script text is
    drawn in bidi order and shaped (see :mod:`briefgen.render.memo_script`), right to
    left when ``rtl`` (None: when its first strong character is).
    """
    size = style.size
    pieces = _pieces(runs, style, fonts, rtl, end)
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
        face = style.family.regular
        asc, desc = face.ascent_pt(size), face.descent_pt(size)
        canv.saveState()
        canv.setLineWidth(max(0.4, size * 0.05))
        for href, x0, x1, hex_colour in links:
            canv.setStrokeColor(colour(hex_colour))
            canv.line(x0, baseline - size * 0.12, x1, baseline - size * 0.12)
            box = (x0, baseline - desc, x1, baseline + asc)
            tagger = tagger_of(canv)
            if (
                tagger is not None and link_owner is not None
            ):  # a Link element in the paragraph, owning the annotation
                tagger.link(canv, tagger.node("Link", link_owner), href, box, relative=1)
            else:
                canv.linkURL(href, box, relative=1, thickness=0)
        canv.restoreState()
    return cursor - x


_Piece = tuple[str, str, str, "str | None", float, "tuple[str, bool] | None", int, str]
"""What draw_runs draws: text (or shaped glyphs), font name, colour, link, width, (ActualText, rtl),
where the piece starts in the line's logical order, and the space drawn after it (not counted)."""


def _pieces(runs: Runs, style: TextStyle, fonts: FontBook, rtl: bool | None, end: str) -> list[_Piece]:
    """The line's chunks from left to right; the space the line broke at rides on its logical last
    chunk (not seen, but there to copy, search and read aloud)."""
    size = style.size
    line_text = "".join(r.text for r in runs)
    out: list[_Piece] = []
    if not needs_script_layout(line_text) and not rtl:
        for run in runs:
            if not run.text:
                continue
            name = fonts.name(style.family_of(run.font).face(run.bold, run.italic))
            width = pdfmetrics.stringWidth(run.text, name, size)
            hex_colour = style.link_colour if run.href else style.colour
            out.append((run.text, name, hex_colour, run.href, width, None, len(out), ""))
    else:
        for piece in visual_pieces(runs, is_rtl_text(line_text) if rtl is None else rtl):
            run = piece.run
            name = fonts.name(style.family_of(run.font).face(run.bold, run.italic))
            hex_colour = style.link_colour if run.href else style.colour
            if piece.rtl or needs_script_layout(piece.text) or has_marks(piece.text):
                glyphs = shape(piece.text, name, size, piece.rtl)
                width = shaped_width(glyphs, size)
                actual = None if reads_back(glyphs, piece.text, piece.rtl) else (piece.text, piece.rtl)
                out.append((glyphs, name, hex_colour, run.href, width, actual, piece.start, ""))
            else:
                width = pdfmetrics.stringWidth(piece.text, name, size)
                out.append((piece.text, name, hex_colour, run.href, width, None, piece.start, ""))
    if out and end:
        k = max(range(len(out)), key=lambda i: out[i][6])
        chunk, name, hex_colour, href, width, actual, start, _ = out[k]
        if actual is None:
            out[k] = (chunk, name, hex_colour, href, width, None, start, end)
        else:
            out[k] = (chunk, name, hex_colour, href, width, (actual[0] + end, actual[1]), start, "")
    return out


class Panel(Flowable):
    """Flowables in a box: optional fill, left bar, top rule and a label column; splits with its content.

    ``pad`` is (top, right, bottom, left) inside the box; ``left`` indents the whole
    box. The label (e.g. an actor's name) sits in a column ``label_width`` wide on
    the box's left, on its first part only.
    """

    def __init__(
        self,
        children: Sequence[Flowable],
        *,
        pad: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
        left: float = 0.0,
        fill: str | None = None,
        bar: str | None = None,
        bar_width: float = 3.0,
        rule_top: tuple[str, float] | None = None,
        label: Flowable | None = None,
        label_width: float = 0.0,
        label_gap: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        head: bool = True,
        tail: bool = True,
    ) -> None:
        super().__init__()
        self.children = list(children)
        self.pad = pad
        self.left = left
        self.fill = fill
        self.bar = bar
        self.bar_width = bar_width
        self.rule_top = rule_top
        self.label = label
        self.label_width = label_width
        self.label_gap = label_gap
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.head = head
        self.tail = tail
        self._placed: list[tuple[Flowable, float, float]] = []
        self._label_h = 0.0
        self.width = 0.0
        self.height = 0.0

    def _inner_width(self, width: float) -> float:
        side = self.label_width + self.label_gap if self.label is not None else 0.0
        return max(1.0, width - self.left - self.pad[1] - self.pad[3] - side)

    @staticmethod
    def _gap(before: Flowable, after: Flowable) -> float:
        return max(before.getSpaceAfter(), after.getSpaceBefore())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = self._inner_width(availWidth)
        y = 0.0
        placed: list[tuple[Flowable, float, float]] = []
        for i, child in enumerate(self.children):
            if i:
                y += self._gap(self.children[i - 1], child)
            _, h = child.wrap(inner, BIG)
            placed.append((child, y, h))
            y += h
        self._placed = placed
        self._label_h = self.label.wrap(self.label_width, BIG)[1] if self.label is not None else 0.0
        self.width = availWidth
        self.height = self.pad[0] + max(y, self._label_h) + self.pad[2]
        return availWidth, self.height

    def lead_height(self, width: float) -> float:
        """The height of the smallest first piece: the padding, the label and the first child's lead."""
        self.wrap(width, BIG)
        first = self.children[0] if self.children else None
        inner = self._inner_width(width)
        lead = lead_height(first, inner) if first is not None else 0.0
        return self.spaceBefore + self.pad[0] + max(lead, self._label_h) + self.pad[2]

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        inner_w = self._inner_width(availWidth)
        room = availHeight - self.pad[0] - self.pad[2]
        if room <= 0:
            return []
        first, rest = _split_stack(self.children, inner_w, room, self._gap)
        label_first: Flowable | None = self.label
        label_rest: Flowable | None = _Blank() if self.label is not None else None
        if self.label is not None and self._label_h > room + _EPS:
            # A label taller than the room (a huge actor name) continues in the next part's label column.
            parts = self.label.split(self.label_width, room)
            if len(parts) < 2:
                return []
            label_first, label_rest = parts[0], parts[1]
            if len(parts) > 2:
                label_rest = Panel(parts[1:])
        elif not first or not rest:
            return []
        return [
            self._part(first, label_first, head=self.head, tail=False),
            self._part(rest, label_rest, head=False, tail=self.tail),
        ]

    def _part(self, children: list[Flowable], label: Flowable | None, *, head: bool, tail: bool) -> Panel:
        return Panel(
            children,
            pad=self.pad,
            left=self.left,
            fill=self.fill,
            bar=self.bar,
            bar_width=self.bar_width,
            rule_top=self.rule_top if head else None,
            label=label,
            label_width=self.label_width,
            label_gap=self.label_gap,
            space_before=self.spaceBefore if head else 0.0,
            space_after=self.spaceAfter if tail else 0.0,
            head=head,
            tail=tail,
        )

    def draw(self) -> None:
        canv = self.canv
        w, h = self.width, self.height
        x0 = self.left
        rtl = self._right_to_left()  # bar and label on the right, the content mirrored
        if self.fill or self.bar or self.rule_top:
            with decoration(canv):
                self._draw_box(canv, x0, w, h, rtl)
        inner_x = x0 + self.pad[3]
        if rtl:
            inner_x = x0 + self.pad[1]
        if self.label is not None:
            self.label.wrap(self.label_width, BIG)
            label_x = w - self.pad[3] - self.label_width if rtl else inner_x
            self.label.drawOn(canv, label_x, h - self.pad[0] - self._label_h)
            if not rtl:
                inner_x += self.label_width + self.label_gap
        for child, y, ch in self._placed:
            child.drawOn(canv, inner_x, h - self.pad[0] - y - ch)

    def _right_to_left(self) -> bool:
        """True if the panel's first paragraph runs right to left."""
        for child, _, _ in self._placed:
            if isinstance(child, TextFlow):
                return is_rtl_text(plain_text(child.runs))
        return False

    def _draw_box(self, canv: Any, x0: float, w: float, h: float, rtl: bool = False) -> None:
        canv.saveState()
        if self.fill:
            canv.setFillColor(colour(self.fill))
            canv.rect(x0, 0, w - x0, h, stroke=0, fill=1)
        if self.bar:
            canv.setFillColor(colour(self.bar))
            canv.rect(w - self.bar_width if rtl else x0, 0, self.bar_width, h, stroke=0, fill=1)
        if self.rule_top:
            hex_colour, thickness = self.rule_top
            canv.setStrokeColor(colour(hex_colour))
            canv.setLineWidth(thickness)
            canv.line(x0, h - thickness / 2, w, h - thickness / 2)
        canv.restoreState()


def _split_stack(
    children: Sequence[Flowable], width: float, room: float, gap_of: Any
) -> tuple[list[Flowable], list[Flowable]]:
    """Cut a stack of flowables so the first list fits ``room``: whole ones, then a split piece if any."""
    first: list[Flowable] = []
    rest = list(children)
    y = 0.0
    while rest:
        child = rest[0]
        gap = gap_of(first[-1], child) if first else 0.0
        _, h = child.wrap(width, BIG)
        if y + gap + h <= room + _EPS:
            first.append(rest.pop(0))
            y += gap + h
            continue
        left = room - y - gap
        parts = child.split(width, left) if left > 0 else []
        if len(parts) >= 2 and parts[0].wrap(width, BIG)[1] <= left + _EPS:
            first.append(parts[0])
            rest = [*parts[1:], *rest[1:]]
        break
    return first, rest


class _Blank(Flowable):
    """An empty flowable: a continued panel's label column, an empty table cell."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0.0

    def draw(self) -> None:
        pass


def chip_face_for(text: str, family: FontFamily, face: FontFace, fallbacks: Sequence[FontFamily]) -> FontFace:
    """``face`` if it draws ``text``, else the bold (or nearest) face of the first fallback that does
    (a tone named in Arabic or Thai)."""
    if draws_all(face, text):
        return face
    return next((fb.face(True) for fb in fallbacks if draws_all(fb.face(True), text)), face)


class ToneChip(Flowable):
    """A small rounded chip in a tone's colour with its name on it (a reaction's tone), as wide as planned."""

    def __init__(
        self, text: str, fill: str, ink: str, face_name: str, size: float, text_width: float
    ) -> None:
        super().__init__()
        self.text = text
        self.fill = fill
        self.ink = ink
        self.face_name = face_name
        self.size = size
        self.height = size * 1.55
        self.width = text_width + size * 1.3  # ``text_width``: measured by the layout
        self.tag = Tag("P")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return min(self.width, availWidth), self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        with decoration(canv):
            canv.setFillColor(colour(self.fill))
            canv.roundRect(0, 0, self.width, self.height, self.height / 2, stroke=0, fill=1)
        with tagged(canv, self.tag):
            canv.setFillColor(colour(self.ink))
            canv.setFont(self.face_name, self.size)
            y = self.height / 2 - self.size * 0.33
            if needs_script_layout(self.text):  # a tone named in Arabic or Thai: shaped, read back whole
                rtl = is_rtl_text(self.text)
                glyphs = shape(self.text, self.face_name, self.size, rtl)
                text = canv.beginText(self.width / 2 - shaped_width(glyphs, self.size) / 2, y)
                text.setFont(self.face_name, self.size)
                text._code.append(actual_text_begin(self.text, rtl))
                text.textOut(glyphs)
                end_rise(text)
                text._code.append(actual_text_end(rtl))
                canv.drawText(text)
            else:
                canv.drawCentredString(self.width / 2, y, self.text)
        canv.restoreState()


class ChartFlow(Flowable):
    """A chart drawn as vector shapes; it shrinks (down to 75%) rather than leave a page half empty."""

    def __init__(
        self,
        chart: Chart,
        look: ChartLook,
        *,
        max_height: float,
        space_before: float = 0.0,
        space_after: float = 0.0,
        on_cut: Callable[[list[str]], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_cut = on_cut
        self.chart = chart
        self.tag = Tag("Figure", attrs={"alt": ". ".join(chart_alt_lines(chart))})
        self.look = look
        self.max_height = max_height
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.width = 0.0
        self.height = 0.0
        self._drawing: Any = None
        self._drawn_at: tuple[float, float] | None = None

    def _nominal(self, width: float) -> float:
        from briefgen.render.memo_chart import chart_height

        return min(chart_height(self.chart, width), self.max_height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        nominal = self._nominal(availWidth)
        h = nominal
        if availHeight < nominal and availHeight >= nominal * 0.75:
            h = availHeight
        self.width, self.height = availWidth, h
        return availWidth, h

    def lead_height(self, width: float) -> float:
        """The chart's smallest height."""
        return self.spaceBefore + self._nominal(width) * 0.75

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        from briefgen.render.memo_chart import ChartNotes, chart_drawing

        key = (self.width, self.height)
        if self._drawn_at != key:
            notes = ChartNotes()
            self._drawing = chart_drawing(self.chart, self.width, self.height, self.look, notes)
            self._drawn_at = key
            if notes.cut and self.on_cut is not None:
                self.on_cut(notes.cut)
        with tagged(self.canv, self.tag, bbox=(0.0, 0.0, self.width, self.height)):
            renderPDF.draw(self._drawing, self.canv, 0, 0)


def pdf_text_string(text: str) -> str:
    """``text`` as a PDF string literal: PDFDocEncoding-safe ASCII, else UTF-16BE hex with a BOM."""
    if all(32 <= ord(c) < 127 for c in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class ImageFlow(Flowable):
    """A PNG or JPEG scaled to fit (aspect ratio kept), centred, its alt text in a marked-content property list."""

    def __init__(
        self,
        reader: ImageReader,
        alt: str,
        *,
        max_height: float,
        dpi: float = 96.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.reader = reader
        self.alt = alt
        self.tag = Tag("Figure", attrs={"alt": alt})
        self.max_height = max_height
        self.px_w, self.px_h = reader.getSize()
        self.dpi = dpi
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.width = 0.0
        self.height = 0.0
        self.draw_w = 0.0

    def _nominal(self, width: float) -> tuple[float, float]:
        w = self.px_w * 72.0 / self.dpi
        h = self.px_h * 72.0 / self.dpi
        scale = min(1.0, width / w if w else 1.0, self.max_height / h if h else 1.0)
        return w * scale, h * scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self._nominal(availWidth)
        if availHeight < h and availHeight >= h * 0.75:
            w, h = w * availHeight / h, availHeight
        self.width, self.height, self.draw_w = availWidth, h, w
        return availWidth, h

    def lead_height(self, width: float) -> float:
        """The image's smallest height."""
        return self.spaceBefore + self._nominal(width)[1] * 0.75

    def draw(self) -> None:
        canv = self.canv
        x = (self.width - self.draw_w) / 2
        if tagger_of(canv) is None:  # untagged: the alt text still goes with the image
            canv._code.append(f"/Figure <</Alt {pdf_text_string(self.alt)}>> BDC")
            canv.drawImage(self.reader, x, 0, self.draw_w, self.height, mask="auto")
            canv._code.append("EMC")
            return
        with tagged(canv, self.tag, bbox=(x, 0.0, x + self.draw_w, self.height)):
            canv.drawImage(self.reader, x, 0, self.draw_w, self.height, mask="auto")


def lead_height(flowable: Flowable, width: float) -> float:
    """The smallest first piece of ``flowable`` a page can hold: what a heading is kept with."""
    own = getattr(flowable, "lead_height", None)
    if callable(own):
        return float(own(width))
    return float(flowable.getSpaceBefore() + flowable.wrap(width, BIG)[1])


@dataclass
class Cell:
    """One table cell before layout: a paragraph, or a fixed flowable (a tone chip) shown on its first piece."""

    flow: TextFlow | None = None
    fixed: Flowable | None = None


class _Grid(Table):
    """A platypus table that knows its smallest first piece and leaves no lone row under its header.

    ``orphans`` is how many body rows a page must show under the header before the
    table may break (0: any); it is only set when those rows fit on a page.
    """

    lead: float = 0.0
    orphans: int = 0

    def _drawBkgrnd(self) -> None:
        with decoration(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with decoration(self.canv):
            super()._drawLines()

    def lead_height(self, width: float) -> float:
        return self.lead

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and len(parts[0]._cellvalues) - self.repeatRows < self.orphans:
            return []
        for part in parts:
            part.lead, part.orphans = self.lead, self.orphans
        return parts


def grid(
    header: Sequence[Cell] | None,
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    pad: tuple[float, float] = (5.0, 3.5),
    max_row_height: float,
    header_fill: str | None,
    zebra: str | None,
    rule: str | None,
    font: str,
    header_rule: str | None = None,
    space_before: float = 0.0,
    space_after: float = 0.0,
    row_headers: frozenset[int] = frozenset(),
    tag: Tag | None = None,
) -> Table:
    """A table whose rows are never taller than ``max_row_height``: taller rows continue on further rows.

    The header row (if any) repeats on every page. Logical rows alternate the
    ``zebra`` fill; a rule separates them, but not the pieces of one cut row.
    """
    pad_x, pad_y = pad
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), font),  # platypus sets a cell font even for flowables
        ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
        ("TOPPADDING", (0, 0), (-1, -1), pad_y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
    ]
    heights: list[float] = []

    table_tag = tag or Tag("Table")

    def add_logical(cells: Sequence[Cell], index: int, is_header: bool) -> int:
        row_tag = Tag("TR", table_tag)
        for j, c in enumerate(cells):  # the cells' tags, before their pieces are made
            if is_header:
                cell_tag = Tag("TH", row_tag, {"scope": "Column"}, repeats=True)
            elif j in row_headers:
                cell_tag = Tag("TH", row_tag, {"scope": "Row"})
            else:
                cell_tag = Tag("TD", row_tag)
            if c.flow is not None:
                c.flow.tag = cell_tag
            elif c.fixed is not None:
                c.fixed.tag = cell_tag
        inner = [max(1.0, w - 2 * pad_x) for w in widths]
        line_sets = [
            c.flow.lines_at(w) if c.flow is not None else () for c, w in zip(cells, inner, strict=True)
        ]
        lh = max((c.flow.style.line_height for c in cells if c.flow is not None), default=12.0)
        fixed_h = max(
            (c.fixed.wrap(w, BIG)[1] for c, w in zip(cells, inner, strict=True) if c.fixed is not None),
            default=0.0,
        )
        per_chunk = max(1, int((max_row_height - 2 * pad_y) // lh))
        chunks = line_chunks([len(ls) for ls in line_sets], per_chunk)
        start = len(data)
        for k, (a, b) in enumerate(chunks):
            row: list[Any] = []
            for c, ls in zip(cells, line_sets, strict=True):
                if c.flow is not None:
                    piece = ls[a:b]
                    row.append(c.flow._part(tuple(piece), head=k == 0, tail=k == len(chunks) - 1))
                elif c.fixed is not None and k == 0:
                    row.append(c.fixed)
                else:
                    row.append(_Blank())
            data.append(row)
            most = max((len(ls[a:b]) for ls in line_sets), default=0)
            heights.append(max(most * lh, fixed_h if k == 0 else 0.0) + 2 * pad_y)
        end = len(data) - 1
        if end > start:
            commands.append(("BOTTOMPADDING", (0, start), (-1, end - 1), 0))
            commands.append(("TOPPADDING", (0, start + 1), (-1, end), 0))
        if is_header:
            if header_fill:
                commands.append(("BACKGROUND", (0, start), (-1, end), colour(header_fill)))
            if header_rule or rule:
                commands.append(("LINEBELOW", (0, end), (-1, end), 1.0, colour(header_rule or rule or "")))
        else:
            if zebra and index % 2 == 1:
                commands.append(("BACKGROUND", (0, start), (-1, end), colour(zebra)))
            if rule:
                commands.append(("LINEBELOW", (0, end), (-1, end), 0.5, colour(rule)))
        return end - start + 1

    repeat = add_logical(header, 0, True) if header else 0
    for i, row in enumerate(rows):
        add_logical(row, i, False)
    if _right_to_left(header, rows):  # columns read from the right: drawn mirrored, tagged in logical order
        data = [row[::-1] for row in data]
        widths = list(widths)[::-1]
    table = _Grid(
        data,
        colWidths=list(widths),
        rowHeights=heights,
        repeatRows=repeat,
        hAlign="LEFT",
        style=TableStyle(commands),
    )
    table.spaceBefore = space_before
    table.spaceAfter = space_after
    body = len(data) - repeat
    want = min(2, body)
    table.lead = space_before + sum(heights[: repeat + want])
    if body > want and sum(heights[: repeat + want]) <= max_row_height * 0.5:  # moving costs little room
        table.orphans = want
    return table


def _right_to_left(header: Sequence[Cell] | None, rows: Sequence[Sequence[Cell]]) -> bool:
    """True if the table's first cell with text starts right to left (an Arabic or Hebrew table)."""
    for row in ([header] if header else []) + list(rows):
        for cell in row:
            if cell.flow is not None and cell.flow.runs:
                text = plain_text(cell.flow.runs)
                if text.strip():
                    return is_rtl_text(text)
    return False
