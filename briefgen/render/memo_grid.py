"""The memo's tables: platypus tables whose over-tall rows are cut into continuation rows first.

No row is ever taller than ``max_row_height``; a header row repeats on each page
(tagged once, an artifact where it repeats); header cells are TH with their scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo import line_chunks
from briefgen.load.markup import plain_text
from briefgen.render.memo_boxes import Blank
from briefgen.render.memo_flow import BIG, TextFlow, colour
from briefgen.render.memo_script import is_rtl_text
from briefgen.render.memo_tagging import Tag, decoration

__all__ = ["Cell", "grid"]


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
    ``row_headers`` are the columns whose body cells head their row (TH, scope Row).
    """
    look = _Look(pad, max_row_height, header_fill, zebra, rule, header_rule, row_headers)
    rows_of = _Rows(look, widths, font, tag or Tag("Table"))
    repeat = rows_of.add(header, 0, is_header=True) if header else 0
    for i, row in enumerate(rows):
        rows_of.add(row, i, is_header=False)
    data = rows_of.data
    if _right_to_left(header, rows):  # columns read from the right: drawn mirrored, tagged in logical order
        data = [row[::-1] for row in data]
        widths = list(widths)[::-1]
    table = _Grid(
        data,
        colWidths=list(widths),
        rowHeights=rows_of.heights,
        repeatRows=repeat,
        hAlign="LEFT",
        style=TableStyle(rows_of.commands),
    )
    table.spaceBefore = space_before
    table.spaceAfter = space_after
    heights = rows_of.heights
    body = len(heights) - repeat
    want = min(2, body)
    table.lead = space_before + sum(heights[: repeat + want])
    if body > want and sum(heights[: repeat + want]) <= max_row_height * 0.5:  # moving costs little room
        table.orphans = want
    return table


@dataclass(frozen=True)
class _Look:
    """How a grid's rows are padded, cut and dressed."""

    pad: tuple[float, float]
    max_row_height: float
    header_fill: str | None
    zebra: str | None
    rule: str | None
    header_rule: str | None
    row_headers: frozenset[int]


class _Rows:
    """The platypus rows of a grid, made one logical row at a time: cell pieces, heights, style commands."""

    def __init__(self, look: _Look, widths: Sequence[float], font: str, table_tag: Tag) -> None:
        pad_x, pad_y = look.pad
        self.look = look
        self.table_tag = table_tag
        self.inner = [max(1.0, w - 2 * pad_x) for w in widths]
        self.data: list[list[Any]] = []
        self.heights: list[float] = []
        self.commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), font),  # platypus sets a cell font even for flowables
            ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ]

    def add(self, cells: Sequence[Cell], index: int, *, is_header: bool) -> int:
        """Add logical row ``index`` as one or more platypus rows; return how many."""
        self._tag(cells, is_header)
        start = len(self.data)
        self._pieces(cells)
        end = len(self.data) - 1
        self._dress(start, end, index, is_header)
        return end - start + 1

    def _tag(self, cells: Sequence[Cell], is_header: bool) -> None:
        """Give each cell its structure tag before its pieces are made: TH (with scope) or TD in a TR."""
        row_tag = Tag("TR", self.table_tag)
        for j, c in enumerate(cells):
            if is_header:
                cell_tag = Tag("TH", row_tag, {"scope": "Column"}, repeats=True)
            elif j in self.look.row_headers:
                cell_tag = Tag("TH", row_tag, {"scope": "Row"})
            else:
                cell_tag = Tag("TD", row_tag)
            if c.flow is not None:
                c.flow.tag = cell_tag
            elif c.fixed is not None:
                c.fixed.tag = cell_tag

    def _pieces(self, cells: Sequence[Cell]) -> None:
        """The row's cells cut into pieces of at most a row's height of lines, one platypus row per piece."""
        pad_y = self.look.pad[1]
        inner = self.inner
        line_sets = [
            c.flow.lines_at(w) if c.flow is not None else () for c, w in zip(cells, inner, strict=True)
        ]
        lh = max((c.flow.style.line_height for c in cells if c.flow is not None), default=12.0)
        fixed_h = max(
            (c.fixed.wrap(w, BIG)[1] for c, w in zip(cells, inner, strict=True) if c.fixed is not None),
            default=0.0,
        )
        per_chunk = max(1, int((self.look.max_row_height - 2 * pad_y) // lh))
        chunks = line_chunks([len(ls) for ls in line_sets], per_chunk)
        for k, (a, b) in enumerate(chunks):
            row: list[Any] = []
            for c, ls in zip(cells, line_sets, strict=True):
                if c.flow is not None:
                    row.append(c.flow._part(tuple(ls[a:b]), head=k == 0, tail=k == len(chunks) - 1))
                elif c.fixed is not None and k == 0:
                    row.append(c.fixed)
                else:
                    row.append(Blank())
            self.data.append(row)
            most = max((len(ls[a:b]) for ls in line_sets), default=0)
            self.heights.append(max(most * lh, fixed_h if k == 0 else 0.0) + 2 * pad_y)

    def _dress(self, start: int, end: int, index: int, is_header: bool) -> None:
        """The padding, fill and rules of the platypus rows ``start``..``end`` of one logical row."""
        look, commands = self.look, self.commands
        if end > start:  # the pieces of one cut row sit together
            commands.append(("BOTTOMPADDING", (0, start), (-1, end - 1), 0))
            commands.append(("TOPPADDING", (0, start + 1), (-1, end), 0))
        if is_header:
            if look.header_fill:
                commands.append(("BACKGROUND", (0, start), (-1, end), colour(look.header_fill)))
            below = look.header_rule or look.rule
            if below:
                commands.append(("LINEBELOW", (0, end), (-1, end), 1.0, colour(below)))
        else:
            if look.zebra and index % 2 == 1:
                commands.append(("BACKGROUND", (0, start), (-1, end), colour(look.zebra)))
            if look.rule:
                commands.append(("LINEBELOW", (0, end), (-1, end), 0.5, colour(look.rule)))


def _right_to_left(header: Sequence[Cell] | None, rows: Sequence[Sequence[Cell]]) -> bool:
    """True if the table's first cell with text starts right to left (an Arabic or Hebrew table)."""
    for row in ([header] if header else []) + list(rows):
        for cell in row:
            if cell.flow is not None and cell.flow.runs:
                text = plain_text(cell.flow.runs)
                if text.strip():
                    return is_rtl_text(text)
    return False
