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
from briefgen.render.memo_boxes import Blank
from briefgen.render.memo_flow import BIG, TextFlow, colour
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
                    row.append(Blank())
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
