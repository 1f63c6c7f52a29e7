"""The memo plan's blocks: what a page must hold of each (its lead), table rows cut to a height, picture sizes."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.layout.memo_blocks import Box, Figure, Grid, GridCell, Keep, Picture, Text, chart_height
from briefgen.layout.memo_writer import Styles, para, plain_runs
from briefgen.load.model import Chart, Series
from briefgen.theme import load_theme

STYLES = Styles(load_theme())


def _text(words: int, width: float = 300.0, **kw: float) -> Text:
    block = para(plain_runs(" ".join(f"word{i}" for i in range(words))), STYLES.body, **kw)
    block.measure(width)
    return block


def test_a_paragraph_leads_with_two_lines_or_all_of_up_to_three() -> None:
    lh = STYLES.body.line_height
    short, long = _text(12), _text(200, space_before=5.0)
    assert 1 <= len(short.lines) < 4 and len(long.lines) >= 4
    assert short.lead() == pytest.approx(len(short.lines) * lh)
    assert long.lead() == pytest.approx(5.0 + 2 * lh)  # a page shows at least two lines of it


def test_a_box_measures_its_children_in_its_inner_width_and_leads_with_the_first() -> None:
    child = para(plain_runs("word " * 80), STYLES.body)
    label = para(plain_runs("Label"), STYLES.body)
    box = Box([child], pad=(4, 6, 5, 8), left=10, label=label, label_width=60, label_gap=12)
    box.measure(400.0)
    assert child.width == pytest.approx(400 - 10 - 6 - 8 - 60 - 12)
    assert label.width == 60
    assert box.lead() == pytest.approx(4 + max(child.lead(), label.height) + 5)


def test_a_tall_table_row_is_cut_into_pieces_no_taller_than_the_limit() -> None:
    giant = GridCell(para(plain_runs("word " * 400), STYLES.cell))
    grid = Grid(
        [
            GridCell(para(plain_runs("H"), STYLES.cell_head)),
            GridCell(para(plain_runs("V"), STYLES.cell_head)),
        ],
        [[GridCell(para(plain_runs("a"), STYLES.cell)), giant]],
        [100.0, 200.0],
        max_row_height=80.0,
        header_fill="#000000",
        zebra=None,
        rule=None,
    )
    grid.measure(300.0)
    assert grid.repeat == 1
    assert len(grid.pieces[1]) > 2 and max(grid.heights) <= 80.0 + 1e-6
    assert sum(b - a for a, b in grid.pieces[1]) == len(giant.text.lines)  # every line in one piece
    assert giant.text.width == pytest.approx(200.0 - 2 * 5.0)
    assert grid.lead() == pytest.approx(sum(grid.heights[:3]))  # the header and two pieces


def test_keeping_adds_the_leads_and_the_space_between_up_to_its_cap() -> None:
    head, body = _text(3, space_after=4.0), _text(200, space_before=2.0)
    assert Keep(head, (body,), cap=1000.0).need == pytest.approx(head.lead() + 4.0 + body.lead())
    assert Keep(head, (body,), cap=10.0).need == 10.0


def test_a_picture_fits_its_width_and_height_and_leads_with_three_quarters() -> None:
    picture = Picture(Path("x.png"), "alt", 960, 480, dpi=96.0, max_height=1000.0, space_before=3.0)
    picture.measure(360.0)
    assert picture.nominal() == pytest.approx((360.0, 180.0))
    assert picture.lead() == pytest.approx(3.0 + 180.0 * 0.75)


def test_a_chart_leads_with_three_quarters_of_its_height() -> None:
    chart = Chart(kind="column", categories=["a", "b"], series=[Series(name="S", values=[1, 2])])
    figure = Figure(chart, ("sections", 0), max_height=1000.0)
    figure.measure(400.0)
    assert figure.nominal == pytest.approx(chart_height(chart, 400.0))
    assert figure.lead() == pytest.approx(chart_height(chart, 400.0) * 0.75)
