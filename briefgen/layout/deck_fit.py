"""Fitting for the deck: text flows that shrink to the theme's floor and then continue, balanced; tables paginated.

Pure: :func:`fit_flow` sets a sequence of :class:`Item` (paragraphs, list items,
quote call-outs) into a box: the largest size from the base down to the floor at
which all of it fits; otherwise the fewest slides it needs at the floor, set at the
largest size that still needs no more, the text balanced across them. Chunks break
between items, else between sentences, and inside a sentence (between its lines)
only when that sentence alone is taller than the box.

Tables are fitted the same way in :mod:`briefgen.layout.table_fit`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import NamedTuple

from briefgen.fonts import FontFamily
from briefgen.layout.glyphs import apply_fallback, draws_all
from briefgen.layout.line_starts import LineStarts
from briefgen.layout.slides import Align, Element, Insets, Para, Rect, Shape, TextBox
from briefgen.layout.text import Line, Paragraph, slice_runs, split_sentences, wrap
from briefgen.load.markup import Run, Runs, parse_inline, plain_text
from briefgen.substitutes import widest_family
from briefgen.theme import Theme

__all__ = [
    "Flow",
    "FlowStyle",
    "Item",
    "Piece",
    "Typesetter",
    "fit_flow",
    "fit_one",
    "fits",
    "layout_chunk",
    "pieces_height",
    "sizes_between",
    "styled",
]

_EPS = 1e-6
_SENTENCE_COST = 0.15
_LINE_COST = 1.0
_SHORT_CHUNK_COST = 1.5  # a continuation chunk of fewer than _MIN_LINES lines
_MIN_LINES = 3
_OVERFULL = 1000.0


def sizes_between(base: float, floor: float, step: float = 1.0) -> list[float]:
    """Sizes from ``base`` down to ``floor`` (always included), ``step`` apart."""
    out: list[float] = []
    s = float(base)
    while s > floor + _EPS:
        out.append(round(s, 2))
        s -= step
    out.append(float(min(floor, base)))
    return out


def styled(runs: Runs, *, bold: bool = False, italic: bool = False) -> Runs:
    """``runs`` with bold and/or italic added to every run."""
    if not bold and not italic:
        return runs
    return tuple(Run(r.text, r.bold or bold, r.italic or italic, r.href, r.font) for r in runs)


def strip_runs(runs: Runs) -> Runs:
    """``runs`` without leading and trailing whitespace."""
    text = plain_text(runs)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return slice_runs(runs, start, end) if (start, end) != (0, len(text)) else runs


@dataclass(frozen=True)
class Typesetter:
    """The theme's deck fonts and spacing, and the one way text is measured for the deck.

    With ``widest`` every character is measured as wide as in the widest font a
    viewer may substitute (:func:`briefgen.substitutes.widest_family`): for what
    cannot shrink when a viewer draws wider text, such as table cells.
    """

    theme: Theme
    widest: bool = False

    @cached_property
    def line_spacing(self) -> float:
        """Line height as a multiple of the size."""
        return self.theme.type_scale.deck.line_spacing

    def family(self, heading: bool = False) -> FontFamily:
        """The heading or body family (at its widest substitute's widths when ``widest``)."""
        family = self.theme.heading_family if heading else self.theme.body_family
        return widest_family(family) if self.widest else family

    @cached_property
    def fallbacks(self) -> dict[str, FontFamily]:
        """The theme's fallback fonts, at their widest substitute's widths when ``widest`` (DejaVu's Arabic)."""
        own = self.theme.fallbacks
        return {name: widest_family(f) for name, f in own.items()} if self.widest else own

    def at_widest(self) -> Typesetter:
        """This typesetter measuring every character at its widest substitute's width."""
        return replace(self, widest=True)

    def runs(self, text: str, *, heading: bool = False, bold: bool = False, italic: bool = False) -> Runs:
        """The styled runs of brief text (inline markup parsed), uncovered characters set in a fallback font."""
        return self.fallback(styled(parse_inline(text), bold=bold, italic=italic), heading=heading)

    def plain(self, text: str, *, heading: bool = False, bold: bool = False, italic: bool = False) -> Runs:
        """Literal text (no markup) as runs, uncovered characters set in a fallback font."""
        return self.fallback((Run(text, bold, italic),) if text else (), heading=heading)

    def fallback(self, runs: Runs, *, heading: bool = False) -> Runs:
        """``runs`` with the characters the family lacks set in the theme's fallback fonts."""
        family = self.family(heading)
        if all(draws_all(family.face(r.bold, r.italic), r.text) for r in runs):
            return runs
        return apply_fallback(runs, family, self.theme.fallback_families)

    def wrap(self, runs: Runs, size: float, width: float, *, heading: bool = False) -> Paragraph:
        """``runs`` wrapped at ``size`` into lines no wider than ``width``."""
        return wrap(
            runs,
            self.family(heading),
            size,
            max(width, 1.0),
            line_spacing=self.line_spacing,
            fallbacks=self.fallbacks,
        )

    def descent_spread(self, wrapped: Paragraph, heading: bool = False) -> float:
        """How much deeper (in ems) the deepest line's fonts reach below the baseline than the shallowest line's.

        LibreOffice sets a line of exact spacing with its baseline at the pitch minus the
        line's deepest descent, so a line holding a deep fallback font (Myanmar, Thai,
        Lao) rises towards the line above. A paragraph whose lines differ so is given
        that much more pitch, and no line comes closer to the one above than the theme's spacing.
        """
        if len(wrapped.lines) < 2 or not any(r.font for line in wrapped.lines for r in line.runs):
            return 0.0
        own = self.family(heading)
        fallbacks = self.fallbacks

        def depth(line: Line) -> float:
            deepest = 0.0
            for run in line.runs:
                face = (fallbacks.get(run.font, own) if run.font else own).face(run.bold, run.italic)
                deepest = max(deepest, -face.descent / face.units_per_em)
            return deepest

        depths = [depth(line) for line in wrapped.lines if line.runs]
        return max(depths) - min(depths) if depths else 0.0

    def line_starts(self, runs: Runs, size: float, width: float, *, heading: bool = False) -> LineStarts:
        """Where the lines of every suffix of ``runs`` start, wrapped as :meth:`wrap` wraps them."""
        return LineStarts(runs, self.family(heading), size, max(width, 1.0), fallbacks=self.fallbacks)

    def para(
        self,
        runs: Runs,
        size: float,
        width: float,
        color: str,
        *,
        heading: bool = False,
        align: Align = "left",
        space_before: float = 0.0,
        bullet: str | None = None,
        number: int | None = None,
        indent: float = 0.0,
    ) -> Para:
        """A planned paragraph: ``runs`` wrapped at ``size`` into ``width`` minus the bullet's indent."""
        wrapped = self.wrap(runs, size, width - indent, heading=heading)
        return Para(
            runs=runs,
            font=self.family(heading).name,
            size=size,
            color=color,
            line_height=wrapped.line_height + self.descent_spread(wrapped, heading) * size,
            lines=len(wrapped.lines),
            align=align,
            space_before=space_before,
            bullet=bullet,
            number=number,
            indent=indent,
        )

    def line_cuts(self, runs: Runs, size: float, width: float, *, heading: bool = False) -> list[Runs]:
        """``runs`` cut losslessly at the start of each wrapped line."""
        n = len(plain_text(runs))
        starts = self.line_starts(runs, size, width, heading=heading).starts(0, n)
        cuts = sorted({0, *starts, n})
        return [slice_runs(runs, a, b) for a, b in itertools.pairwise(cuts) if b > a]


# ---------------------------------------------------------------------------
# Flows


@dataclass(frozen=True)
class Item:
    """One paragraph of a flow, sized relative to the flow's base size.

    Items of one ``group`` share a frame; a ``quote`` group is drawn as a call-out
    (a panel with an accent bar). ``keep_with_next`` forbids a slide break after
    the item (a heading, a quotation before its speaker).
    """

    runs: Runs
    color: str
    rel: float = 0.0
    heading: bool = False
    bullet: str | None = None
    number: int | None = None
    indent: float = 0.0
    align: Align = "left"
    space: float = 0.0
    group: int = 0
    kind: str = "text"
    keep_with_next: bool = False
    floor: float = 8.0

    def size(self, base: float) -> float:
        """The item's size when the flow's base size is ``base``."""
        return max(self.floor, base + self.rel)


class _Atom(NamedTuple):
    """A piece of an item a slide may break before: a line, a sentence or the whole item."""

    item: int
    start: int  # character offsets in the item's text
    end: int
    cost: float  # of a slide break before this atom
    first: bool  # the atom starts its item


@dataclass(frozen=True)
class Piece:
    """A share of one item placed in one chunk."""

    item: int
    runs: Runs
    continued: bool  # the item started in an earlier chunk


@dataclass(frozen=True)
class FlowStyle:
    """How a flow's frames look: the colours of quote call-outs and the gaps between frames."""

    panel: str
    bar: str
    gap: float = 14.0
    bar_width: float = 5.0
    pad_x: float = 16.0
    pad_y: float = 10.0


@dataclass(frozen=True)
class Flow:
    """A fitted flow: the size chosen and the pieces of each chunk (one chunk per slide)."""

    base: float
    chunks: tuple[tuple[Piece, ...], ...]
    items: tuple[Item, ...]

    @property
    def shrunk(self) -> bool:
        """True when more than one chunk was needed."""
        return len(self.chunks) > 1


def _text_width(item: Item, width: float, style: FlowStyle) -> float:
    if item.kind == "quote":
        width -= style.bar_width + 2 * style.pad_x
    return width - item.indent


class _Measure:
    """Line counts of any share of a flow's items at one base size, each item wrapped once.

    Greedy breaking decides a line from the text up to that line's last word, so the
    lines of ``text[a:b]`` are those of ``text[a:]`` up to the line holding ``b``'s
    last character, when ``b`` ends a sentence or a line; :class:`LineStarts` finds
    those of every suffix in time linear in the item.
    """

    def __init__(
        self, ts: Typesetter, items: Sequence[Item], base: float, width: float, style: FlowStyle
    ) -> None:
        self.ts = ts
        self.items = items
        self.base = base
        self.style = style
        self.texts = [plain_text(it.runs) for it in items]
        self.widths = [_text_width(it, width, style) for it in items]
        self._breaks: dict[int, LineStarts] = {}

    def _lines_of(self, item: int) -> LineStarts:
        found = self._breaks.get(item)
        if found is None:
            it = self.items[item]
            found = self._breaks[item] = self.ts.line_starts(
                it.runs, it.size(self.base), self.widths[item], heading=it.heading
            )
        return found

    def starts(self, item: int, offset: int, stop: int) -> list[int]:
        """Where the lines of ``text[offset:]`` of one item start, those before ``stop``."""
        return self._lines_of(item).starts(offset, stop)

    def lines(self, item: int, start: int, end: int) -> int:
        """Lines of ``text[start:end]`` of one item, set on its own."""
        text = self.texts[item]
        e = end
        while e > start and text[e - 1].isspace():
            e -= 1
        if e <= start:
            return 1
        return max(1, self._lines_of(item).count(start, e - 1))

    def height(self, pieces: Sequence[tuple[int, int, int]]) -> tuple[float, int]:
        """Height and line count of ``(item, start, end)`` shares stacked as frames."""
        total = 0.0
        count = 0
        prev_group: int | None = None
        style = self.style
        for item, start, end in pieces:
            it = self.items[item]
            n = self.lines(item, start, end)
            count += n
            total += _space_before(it, prev_group, style)
            prev_group = it.group
            total += n * it.size(self.base) * self.ts.line_spacing
        return total, count


def _space_before(item: Item, prev_group: int | None, style: FlowStyle) -> float:
    """The space above ``item`` in a stack: a gap between groups, a quote's padding, else its own spacing.

    The estimate (``_Measure``) and the real wrap (:func:`pieces_height`) must stack alike.
    """
    if item.group == prev_group:
        return item.space
    return (style.gap if prev_group is not None else 0.0) + (2 * style.pad_y if item.kind == "quote" else 0.0)


def pieces_height(
    ts: Typesetter,
    items: Sequence[Item],
    pieces: Sequence[Piece],
    base: float,
    width: float,
    style: FlowStyle,
) -> tuple[float, int]:
    """Height and line count of ``pieces`` stacked as frames at base size ``base``, each wrapped for real."""
    total = 0.0
    lines = 0
    prev_group: int | None = None
    for piece in pieces:
        item = items[piece.item]
        size = item.size(base)
        para = ts.wrap(piece.runs, size, _text_width(item, width, style), heading=item.heading)
        lines += len(para.lines)
        total += _space_before(item, prev_group, style)
        prev_group = item.group
        total += para.height
    return total, lines


def _atoms(m: _Measure, height: float) -> list[_Atom]:
    """The places a slide break may fall: between items, sentences, or lines of an over-tall sentence."""
    atoms: list[_Atom] = []
    style = m.style
    for k, item in enumerate(m.items):
        text = m.texts[k]
        cuts = [0]
        pos = 0
        for sentence in split_sentences(item.runs)[:-1]:
            pos += len(plain_text(sentence))
            cuts.append(pos)
        cuts.append(len(text))
        first = True
        room = height - (2 * style.pad_y if item.kind == "quote" else 0.0)
        pitch = item.size(m.base) * m.ts.line_spacing
        for a, b in itertools.pairwise(cuts):
            if b <= a and not (a == 0 and b == 0):
                continue
            n = m.lines(k, a, b)
            if n * pitch > room + _EPS and n > 1:
                starts = [x for x in m.starts(k, a, b) if x > a]
                for x, y in itertools.pairwise([a, *starts, b]):
                    atoms.append(_Atom(k, x, y, 0.0 if first else _LINE_COST, first))
                    first = False
            else:
                atoms.append(_Atom(k, a, b, 0.0 if first else _SENTENCE_COST, first))
                first = False
    return atoms


def _shares(atoms: Sequence[_Atom], i: int, j: int) -> list[tuple[int, int, int]]:
    """The ``(item, start, end)`` shares of atoms ``i`` to ``j - 1``."""
    out: list[tuple[int, int, int]] = []
    for a in atoms[i:j]:
        if out and out[-1][0] == a.item:
            out[-1] = (a.item, out[-1][1], a.end)
        else:
            out.append((a.item, a.start, a.end))
    return out


def _chunk_pieces(m: _Measure, atoms: Sequence[_Atom], i: int, j: int) -> list[Piece]:
    out: list[Piece] = []
    for item, start, end in _shares(atoms, i, j):
        runs = m.items[item].runs
        full = len(m.texts[item])
        if (start, end) != (0, full):
            runs = strip_runs(slice_runs(runs, start, end))
        out.append(Piece(item, runs, start > 0))
    return out


def _split(
    ts: Typesetter, items: Sequence[Item], base: float, width: float, height: float, style: FlowStyle
) -> list[list[Piece]]:
    """The fewest, most even chunks of ``items`` at ``base`` that fit ``height`` each."""
    m = _Measure(ts, items, base, width, style)
    atoms = _atoms(m, height)
    n = len(atoms)

    def allowed(i: int) -> bool:
        """A break may fall before atom ``i``."""
        if i == 0 or i == n:
            return True
        a = atoms[i]
        return not (a.first and a.item > 0 and items[a.item - 1].keep_with_next)

    inf = (math.inf, math.inf, -1)
    best: list[tuple[float, float, int]] = [inf] * (n + 1)
    best[0] = (0, 0.0, -1)
    for j in range(1, n + 1):
        if not allowed(j):
            continue
        choice = inf
        for i in range(j - 1, -1, -1):
            if not allowed(i) or best[i][0] == math.inf:
                continue
            h, lines = m.height(_shares(atoms, i, j))
            fits = h <= height + _EPS
            if not fits and choice != inf:
                break  # a chunk starting earlier is taller still
            fill = h / height if height > 0 else 1.0
            cost = best[i][1] + atoms[i].cost + fill * fill
            if not fits:
                cost += _OVERFULL
            if lines < _MIN_LINES and (i > 0 or j < n):
                cost += _SHORT_CHUNK_COST
            choice = min(choice, (best[i][0] + 1, cost, i))
            if not fits:
                break
        best[j] = choice
    cuts = []
    j = n
    while j > 0:
        cuts.append(j)
        j = best[j][2]
    cuts.append(0)
    cuts.reverse()
    return [_chunk_pieces(m, atoms, a, b) for a, b in itertools.pairwise(cuts)]


def fit_flow(
    ts: Typesetter,
    items: Sequence[Item],
    width: float,
    height: float,
    base: float,
    floor: float,
    style: FlowStyle,
) -> Flow:
    """Fit ``items`` into boxes ``width`` × ``height``: one box at the largest size that fits, else balanced boxes."""
    items = tuple(items)
    one = fit_one(ts, items, width, height, base, floor, style)
    if one is not None:
        return Flow(one, (tuple(Piece(k, it.runs, False) for k, it in enumerate(items)),), items)
    sizes = sizes_between(base, floor)
    at_floor = _split(ts, items, sizes[-1], width, height, style)
    need = len(at_floor)
    for s in sizes[:-1]:
        chunks = _split(ts, items, s, width, height, style)
        if len(chunks) <= need and _all_fit(ts, items, chunks, s, width, height, style):
            return Flow(s, tuple(tuple(c) for c in chunks), items)
    return Flow(sizes[-1], tuple(tuple(c) for c in at_floor), items)


def fit_one(
    ts: Typesetter,
    items: Sequence[Item],
    width: float,
    height: float,
    base: float,
    floor: float,
    style: FlowStyle,
) -> float | None:
    """The largest base size from ``base`` down to ``floor`` at which all of ``items`` fit one box, else None."""
    for s in sizes_between(base, floor):
        if fits(ts, items, width, height, s, style):
            return s
    return None


def fits(
    ts: Typesetter, items: Sequence[Item], width: float, height: float, base: float, style: FlowStyle
) -> bool:
    """True if all of ``items`` fit one box at base size ``base``."""
    whole = [Piece(k, it.runs, False) for k, it in enumerate(items)]
    return pieces_height(ts, items, whole, base, width, style)[0] <= height + _EPS


def _all_fit(
    ts: Typesetter,
    items: Sequence[Item],
    chunks: Sequence[Sequence[Piece]],
    base: float,
    width: float,
    height: float,
    style: FlowStyle,
) -> bool:
    """Every chunk, wrapped for real, fits (guards the measure's shortcut)."""
    return all(pieces_height(ts, items, c, base, width, style)[0] <= height + _EPS for c in chunks)


def layout_chunk(
    ts: Typesetter,
    flow: Flow,
    chunk: Sequence[Piece],
    rect: Rect,
    style: FlowStyle,
    name: str,
) -> tuple[list[Element], float]:
    """The frames of one chunk stacked from the top of ``rect``; returns them and the height used."""
    elements: list[Element] = []
    groups: list[list[Piece]] = []
    for piece in chunk:
        item = flow.items[piece.item]
        if groups and flow.items[groups[-1][0].item].group == item.group:
            groups[-1].append(piece)
        else:
            groups.append([piece])
    y = rect.y
    for g, group in enumerate(groups):
        kind = flow.items[group[0].item].kind
        if g:
            y += style.gap
        paras = []
        for n, piece in enumerate(group):
            item = flow.items[piece.item]
            size = item.size(flow.base)
            paras.append(
                ts.para(
                    piece.runs,
                    size,
                    _text_width(item, rect.w, style) + item.indent,
                    item.color,
                    heading=item.heading,
                    align=item.align,
                    space_before=item.space if n else 0.0,
                    bullet=None if piece.continued else item.bullet,
                    number=None if piece.continued else item.number,
                    indent=item.indent,
                )
            )
        text_h = sum(p.height for p in paras) + sum(p.space_before for p in paras[1:])
        label = f"{name} {len(elements) + 1}"
        if kind == "quote":
            h = text_h + 2 * style.pad_y
            elements.append(Shape(f"{label} panel", Rect(rect.x, y, rect.w, h), style.panel))
            elements.append(Shape(f"{label} bar", Rect(rect.x, y, style.bar_width, h), style.bar))
            inner = Rect(rect.x + style.bar_width, y, rect.w - style.bar_width, h)
            elements.append(
                TextBox(
                    f"{label} quote",
                    inner,
                    tuple(paras),
                    Insets(style.pad_x, style.pad_y, style.pad_x, style.pad_y),
                )
            )
        else:
            h = text_h
            elements.append(TextBox(label, Rect(rect.x, y, rect.w, h), tuple(paras)))
        y += h
    return elements, y - rect.y
