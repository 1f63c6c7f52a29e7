"""The memo's tables: a planned :class:`~briefgen.layout.memo_blocks.Grid` as a platypus table.

The plan has cut over-tall rows into pieces no taller than its ``max_row_height``;
each piece is a platypus row. A header row repeats on each page (tagged once, an
artifact where it repeats); header cells are TH with their scope.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo_blocks import Grid, GridCell
from briefgen.load.markup import plain_text
from briefgen.render.memo_boxes import Blank, ToneChip
from briefgen.render.memo_flow import FontBook, TextFlow, colour
from briefgen.render.memo_script import is_rtl_text
from briefgen.render.memo_tagging import decoration

__all__ = ["grid"]


class _Grid(Table):
    """A platypus table that leaves no lone row under its header.

    ``orphans`` is how many body rows a page must show under the header before the
    table may break (0: any); it is only set when those rows fit on a page.
    """

    orphans: int = 0

    def _drawBkgrnd(self) -> None:
        with decoration(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with decoration(self.canv):
            super()._drawLines()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2 and len(parts[0]._cellvalues) - self.repeatRows < self.orphans:
            return []
        for part in parts:
            part.orphans = self.orphans
        return parts


def grid(plan: Grid, fonts: FontBook, font: str) -> Table:
    """The platypus table of a planned grid: each logical row as its planned pieces, the header repeated.

    Logical rows alternate the ``zebra`` fill; a rule separates them, but not the
    pieces of one cut row. ``font`` is the cell font platypus insists on setting.
    """
    rows_of = _Rows(plan, fonts, font)
    logical = ([plan.header] if plan.header else []) + plan.rows
    for i, (cells, chunks) in enumerate(zip(logical, plan.pieces, strict=True)):
        is_header = plan.header is not None and i == 0
        rows_of.add(cells, chunks, i - 1 if plan.header else i, is_header=is_header)
    data = rows_of.data
    widths = list(plan.widths)
    if _right_to_left(logical):  # columns read from the right: drawn mirrored, tagged in logical order
        data = [row[::-1] for row in data]
        widths = widths[::-1]
    table = _Grid(
        data,
        colWidths=widths,
        rowHeights=list(plan.heights),
        repeatRows=plan.repeat,
        hAlign="LEFT",
        style=TableStyle(rows_of.commands),
    )
    table.spaceBefore = plan.space_before
    table.spaceAfter = plan.space_after
    table.orphans = plan.orphans
    return table


class _Rows:
    """The platypus rows of a grid, made one logical row at a time: cell pieces and style commands."""

    def __init__(self, plan: Grid, fonts: FontBook, font: str) -> None:
        pad_x, pad_y = plan.pad
        self.plan = plan
        self.fonts = fonts
        self.data: list[list[Any]] = []
        self.commands: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), font),  # platypus sets a cell font even for flowables
            ("LEFTPADDING", (0, 0), (-1, -1), pad_x),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad_x),
            ("TOPPADDING", (0, 0), (-1, -1), pad_y),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad_y),
        ]

    def add(
        self, cells: Sequence[GridCell], chunks: Sequence[tuple[int, int]], index: int, *, is_header: bool
    ) -> None:
        """Add logical row ``index`` as its planned pieces, one platypus row each."""
        start = len(self.data)
        for k, (a, b) in enumerate(chunks):
            row: list[Any] = []
            for c in cells:
                if c.text is not None:
                    flow = TextFlow(c.text, self.fonts)
                    row.append(flow.part(flow.lines[a:b], head=k == 0, tail=k == len(chunks) - 1))
                elif c.chip is not None and k == 0:
                    row.append(ToneChip(c.chip, self.fonts.name(c.chip.face)))
                else:
                    row.append(Blank())
            self.data.append(row)
        self._dress(start, len(self.data) - 1, index, is_header)

    def _dress(self, start: int, end: int, index: int, is_header: bool) -> None:
        """The padding, fill and rules of the platypus rows ``start``..``end`` of one logical row."""
        look, commands = self.plan, self.commands
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


def _right_to_left(rows: Sequence[Sequence[GridCell]]) -> bool:
    """True if the table's first cell with text starts right to left (an Arabic or Hebrew table)."""
    for row in rows:
        for cell in row:
            if cell.text is not None and cell.text.runs:
                text = plain_text(cell.text.runs)
                if text.strip():
                    return is_rtl_text(text)
    return False
