"""The memo's tables: no row taller than allowed, a header repeated on each page, no lone row under it, TH/TD tags."""

from __future__ import annotations

import pytest

from briefgen.layout.memo_blocks import Grid, GridCell
from briefgen.layout.memo_writer import Styles, para, plain_runs
from briefgen.render.memo_flow import BIG, FontBook, TextFlow
from briefgen.render.memo_grid import grid
from briefgen.theme import Theme, load_theme

WIDTHS = [120.0, 280.0]
MAX_ROW = 80.0


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def styles(theme: Theme) -> Styles:
    return Styles(theme)


@pytest.fixture(scope="module")
def fonts() -> FontBook:
    return FontBook()


def _cell(styles: Styles, fonts: FontBook, text: str, head: bool = False) -> GridCell:
    return GridCell(para(plain_runs(text), styles.cell_head if head else styles.cell))


def _table(theme: Theme, styles: Styles, fonts: FontBook, rows: list[list[str]], **kw: object):  # type: ignore[no-untyped-def]
    header = [_cell(styles, fonts, "Name", True), _cell(styles, fonts, "Value", True)]
    body = [[_cell(styles, fonts, t) for t in row] for row in rows]
    args = dict(max_row_height=MAX_ROW, header_fill="#123456", zebra="#EEEEEE", rule="#CCCCCC")
    args.update(kw)
    plan = Grid(header, body, list(WIDTHS), **args)  # type: ignore[arg-type]
    plan.measure(sum(WIDTHS))
    return grid(plan, fonts, fonts.name(theme.body_family.regular)), header, body


def _cell_text(cell: object) -> str:
    assert isinstance(cell, TextFlow)
    return "".join(line.text for line in cell.lines)


def test_no_row_is_taller_than_the_limit_a_tall_cell_continues(
    theme: Theme, styles: Styles, fonts: FontBook
) -> None:
    giant = " ".join(f"word{i}" for i in range(600))
    table, _, _ = _table(theme, styles, fonts, [["short", giant], ["b", "c"]])
    table.wrap(sum(WIDTHS), BIG)
    heights = table._rowHeights
    assert len(heights) > 3, "the giant cell should be cut into several rows"
    assert max(heights) <= MAX_ROW + 1e-6
    # the cut row's pieces hold all of its lines, in order
    pieces = [row[1] for row in table._cellvalues[1:-1]]
    words = " ".join(line.text for p in pieces for line in p.lines).split()
    assert words == giant.split()
    # the other cell is printed on the first piece only
    assert table._cellvalues[1][0].lines
    assert all(not row[0].lines for row in table._cellvalues[2:-1])


def test_the_header_row_repeats_on_the_next_page(theme: Theme, styles: Styles, fonts: FontBook) -> None:
    table, header, _ = _table(theme, styles, fonts, [[f"row {i}", str(i)] for i in range(40)])
    assert table.repeatRows == 1
    total = table.wrap(sum(WIDTHS), BIG)[1]
    first, rest = table.split(sum(WIDTHS), total / 2)
    assert first._cellvalues[0][0].tag is header[0].text.tag
    assert rest._cellvalues[0][0].tag is header[0].text.tag  # the header again, as the same tagged cell
    names = [row[0] for row in rest._cellvalues[1:]]
    assert names and names[0].tag.role == "TD"


def test_no_lone_body_row_under_the_header_at_a_page_break(
    theme: Theme, styles: Styles, fonts: FontBook
) -> None:
    rows = [[f"row {i}", str(i)] for i in range(10)]
    table, _, _ = _table(theme, styles, fonts, rows, max_row_height=400.0)
    table.wrap(sum(WIDTHS), BIG)
    h = table._rowHeights
    assert table.orphans == 2  # the header and two rows take little of a page: they go together
    one_row = h[0] + h[1] + 0.5
    assert table.split(sum(WIDTHS), one_row) == [], "header + one row must move as a whole"
    two_rows = h[0] + h[1] + h[2] + 0.5
    first, _ = table.split(sum(WIDTHS), two_rows)
    assert len(first._cellvalues) == 3


def test_header_cells_are_th_column_and_row_headers_th_row(
    theme: Theme, styles: Styles, fonts: FontBook
) -> None:
    table, header, body = _table(
        theme, styles, fonts, [["alpha", "1"], ["beta", "2"]], row_headers=frozenset({0})
    )
    assert table is not None
    for cell in header:
        tag = cell.text.tag
        assert (tag.role, tag.attrs, tag.repeats) == ("TH", {"scope": "Column"}, True)
        assert tag.parent.role == "TR" and tag.parent.parent.role == "Table"
    assert body
    for row in body:
        first, second = (c.text.tag for c in row)
        assert (first.role, first.attrs, first.repeats) == ("TH", {"scope": "Row"}, False)
        assert (second.role, second.attrs) == ("TD", {})
        assert first.parent is second.parent and first.parent.role == "TR"
    assert body[0][0].text.tag.parent is not body[1][0].text.tag.parent
    assert header[0].text.tag.parent.parent is body[0][0].text.tag.parent.parent  # one Table
