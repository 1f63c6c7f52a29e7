"""Tables for the deck: columns sized from their content, every cell wrapped, rows split across slides.

Pure, like :mod:`briefgen.layout.deck_fit` whose :class:`~briefgen.layout.deck_fit.Typesetter`
measures the cells: :func:`fit_table` shrinks a table to the theme's floor, then splits its
rows across the fewest slides, balanced, the header repeated on each. Cells are measured at
the widest substitute font's widths (:func:`briefgen.substitutes.widest_family`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefgen.layout.deck_fit import Typesetter, sizes_between, strip_runs
from briefgen.layout.slides import Align, Insets, Para, Rect, TableCell, TableFrame
from briefgen.layout.text import join_runs
from briefgen.load.markup import Runs, plain_text

__all__ = ["CellSpec", "FittedTable", "TableStyle", "column_widths", "fit_table"]

_EPS = 1e-6


@dataclass(frozen=True)
class CellSpec:
    """A cell before fitting: its runs and how it looks."""

    runs: Runs
    color: str
    fill: str | None = None
    align: Align = "left"
    heading: bool = False
    rel: float = 0.0


@dataclass(frozen=True)
class TableStyle:
    """How a fitted table looks."""

    insets: Insets
    rule: str | None
    min_col: float = 36.0


def _natural_widths(
    ts: Typesetter, rows: Sequence[Sequence[CellSpec]], size: float
) -> tuple[list[float], list[float]]:
    """Per column: the widest cell set on one line, and the widest word (capped by the caller)."""
    ncols = len(rows[0]) if rows else 0
    natural = [0.0] * ncols
    words = [0.0] * ncols
    for row in rows:
        for c, cell in enumerate(row):
            if not cell.runs:
                continue
            one = ts.wrap(cell.runs, size + cell.rel, 1e6, heading=cell.heading)
            natural[c] = max(natural[c], one.width)
            for word in plain_text(cell.runs).split():
                w = (
                    ts.family(cell.heading)
                    .face(any(r.bold for r in cell.runs))
                    .advance(word, size + cell.rel)
                )
                words[c] = max(words[c], w)
    return natural, words


def column_widths(
    ts: Typesetter,
    rows: Sequence[Sequence[CellSpec]],
    size: float,
    width: float,
    style: TableStyle,
    *,
    fill: bool,
) -> list[float]:
    """Column widths summing to at most ``width``: natural widths when they fit, else shared by need.

    Each column gets at least its longest word (up to a fair share), the rest goes
    to the columns whose text is longest. With ``fill`` the table takes the whole width.
    """
    pad = style.insets.left + style.insets.right
    natural, words = _natural_widths(ts, rows, size)
    ncols = len(natural)
    if not ncols:
        return []
    natural = [n + pad + 1 for n in natural]
    cap = width / ncols
    minimum = [max(style.min_col, min(w + pad + 1, max(cap, style.min_col))) for w in words]
    minimum = [min(m, n) if n > style.min_col else max(m, style.min_col) for m, n in zip(minimum, natural)]
    total_natural = sum(natural)
    if total_natural <= width:
        if not fill:
            return natural
        extra = width - total_natural
        return [n + extra * n / total_natural for n in natural]
    total_min = sum(minimum)
    if total_min >= width:
        return [m * width / total_min for m in minimum]
    spare = width - total_min
    want = [max(n - m, 0.0) for n, m in zip(natural, minimum)]
    total_want = sum(want) or 1.0
    return [m + spare * w / total_want for m, w in zip(minimum, want)]


@dataclass(frozen=True)
class FittedTable:
    """A table split into slides: each page's frame (header repeated) and the size chosen."""

    size: float
    pages: tuple[TableFrame, ...]


def _cell_paras(
    ts: Typesetter, cell: CellSpec, size: float, width: float, style: TableStyle
) -> tuple[Para, ...]:
    inner = width - style.insets.left - style.insets.right
    return (ts.para(cell.runs, size + cell.rel, inner, cell.color, heading=cell.heading, align=cell.align),)


def _row_height(paras_row: Sequence[tuple[Para, ...]], style: TableStyle) -> float:
    tallest = max((sum(p.height for p in paras) for paras in paras_row), default=0.0)
    return tallest + style.insets.top + style.insets.bottom


def _split_row(
    ts: Typesetter,
    row: Sequence[CellSpec],
    widths: Sequence[float],
    size: float,
    room: float,
    style: TableStyle,
) -> list[list[CellSpec]]:
    """A row too tall for a slide cut into rows that fit, each cell cut between its lines."""
    inner = [w - style.insets.left - style.insets.right for w in widths]
    pitch = max(size + cell.rel for cell in row) * ts.line_spacing
    per = max(1, int((room - style.insets.top - style.insets.bottom + _EPS) // pitch))
    pieces = [
        ts.line_cuts(cell.runs, size + cell.rel, w, heading=cell.heading) if cell.runs else []
        for cell, w in zip(row, inner)
    ]
    parts = max(1, max(math.ceil(len(p) / per) for p in pieces))
    out: list[list[CellSpec]] = []
    for k in range(parts):
        out.append(
            [
                replace(cell, runs=strip_runs(join_runs(*p[k * per : (k + 1) * per])))
                for cell, p in zip(row, pieces)
            ]
        )
    return out


def _partition(heights: Sequence[float], room: float) -> list[int]:
    """Cut points splitting ``heights`` into the fewest pages of at most ``room``, the tallest page as low as can be."""
    n = len(heights)
    prefix = [0.0]
    for h in heights:
        prefix.append(prefix[-1] + h)
    # fewest pages, greedily
    pages = 0
    i = 0
    while i < n:
        j = i + 1
        while j < n and prefix[j + 1] - prefix[i] <= room + _EPS:
            j += 1
        pages += 1
        i = j
    # the lowest tallest page for that many pages: binary search over limits
    lo, hi = max(heights, default=0.0), min(room, prefix[-1])
    hi = max(hi, lo)

    def cuts_for(limit: float) -> list[int] | None:
        cuts = [0]
        i = 0
        while i < n:
            j = i + 1
            while j < n and prefix[j + 1] - prefix[i] <= limit + _EPS:
                j += 1
            cuts.append(j)
            i = j
        return cuts if len(cuts) - 1 <= pages else None

    best = cuts_for(hi) or cuts_for(room) or list(range(n + 1))
    for _ in range(30):
        mid = (lo + hi) / 2
        found = cuts_for(mid)
        if found is not None:
            best, hi = found, mid
        else:
            lo = mid
    return best


def fit_table(
    ts: Typesetter,
    header: Sequence[CellSpec] | None,
    rows: Sequence[Sequence[CellSpec]],
    rect: Rect,
    base: float,
    floor: float,
    style: TableStyle,
    *,
    name: str,
    fill: bool = True,
    widths: Sequence[float] | None = None,
) -> FittedTable:
    """Fit a table into ``rect``: shrink to ``floor``, then split its rows across the fewest pages, balanced.

    Every page repeats the header. A row taller than a page is cut between the lines of its cells.
    Cells are measured at the widest substitute font's widths: a table cannot shrink its
    text when a viewer lacks the deck's font, so its columns hold every word whole and its
    rows are tall enough in DejaVu Sans or Liberation Sans too.
    """
    ts = ts.at_widest()
    sizes = sizes_between(base, floor)
    if widths is None:
        everything = ([list(header)] if header else []) + [list(r) for r in rows]
        widths = column_widths(ts, everything, sizes[0], rect.w, style, fill=fill)
    table = _Table(ts, header, rows, list(widths), rect, style)
    size, laid = _chosen_size(table, sizes)
    return FittedTable(size, tuple(_frames(laid, table, name)))


@dataclass(frozen=True)
class _Table:
    """What fitting a table works from: its cells, column widths, room and look."""

    ts: Typesetter
    header: Sequence[CellSpec] | None
    rows: Sequence[Sequence[CellSpec]]
    widths: list[float]
    rect: Rect
    style: TableStyle

    def cells(self, row: Sequence[CellSpec], size: float) -> tuple[tuple[TableCell, ...], float]:
        """A row's cells wrapped at ``size`` and the row's height."""
        paras = [_cell_paras(self.ts, c, size, w, self.style) for c, w in zip(row, self.widths)]
        return tuple(TableCell(p, c.fill) for p, c in zip(paras, row)), _row_height(paras, self.style)


@dataclass(frozen=True)
class _Laid:
    """A table wrapped at one size: body rows and heights, the header row, and where pages start."""

    cells: list[tuple[TableCell, ...]]
    heights: list[float]
    head: tuple[TableCell, ...] | None
    head_h: float
    cuts: list[int]

    @property
    def pages(self) -> int:
        return len(self.cuts) - 1


def _lay(table: _Table, size: float) -> _Laid:
    """Every row of ``table`` wrapped at ``size`` (a row taller than a page cut in parts) and the page cuts."""
    head, head_h = table.cells(table.header, size) if table.header else (None, 0.0)
    room = table.rect.h - head_h
    cells: list[tuple[TableCell, ...]] = []
    heights: list[float] = []
    for row in table.rows:
        row_cells, h = table.cells(row, size)
        if h > room + _EPS:
            for part in _split_row(table.ts, row, table.widths, size, room, table.style):
                part_cells, part_h = table.cells(part, size)
                cells.append(part_cells)
                heights.append(part_h)
        else:
            cells.append(row_cells)
            heights.append(h)
    cuts = _partition(heights, room) if heights else [0, 0]
    return _Laid(cells, heights, head, head_h, cuts)


def _chosen_size(table: _Table, sizes: Sequence[float]) -> tuple[float, _Laid]:
    """The largest size on one page; else the largest that needs no more pages than the floor."""
    for s in sizes:
        laid = _lay(table, s)
        if laid.pages <= 1:
            return s, laid
    at_floor = _lay(table, sizes[-1])
    for s in sizes[:-1]:
        laid = _lay(table, s)
        if laid.pages <= at_floor.pages:
            return s, laid
    return sizes[-1], at_floor


def _frames(laid: _Laid, table: _Table, name: str) -> list[TableFrame]:
    """One frame per page: the header row repeated, then that page's rows."""
    frames: list[TableFrame] = []
    cuts = laid.cuts
    for a, b in zip(cuts, cuts[1:]) if len(cuts) > 1 else [(0, 0)]:
        page_rows = ([laid.head] if laid.head else []) + laid.cells[a:b]
        page_heights = ([laid.head_h] if laid.head else []) + laid.heights[a:b]
        rect = table.rect
        frames.append(
            TableFrame(
                name=name,
                rect=Rect(rect.x, rect.y, sum(table.widths), sum(page_heights)),
                widths=tuple(table.widths),
                heights=tuple(page_heights),
                rows=tuple(page_rows),
                cell_insets=table.style.insets,
                header=table.header is not None,
                rule=table.style.rule,
            )
        )
    return frames
