"""The memo's charts laid out (layout/memo_chart.py): the height they ask for, plans that stay in their box,
over-long labels cut and reported, labels placed by their anchor at the width the PDF draws them."""

from __future__ import annotations

import pytest

from briefgen.layout.memo_blocks import chart_height
from briefgen.layout.memo_chart import (
    ChartLook,
    ChartNotes,
    ChartPlan,
    Dot,
    Fill,
    Label,
    Slice,
    Stroke,
    plan_chart,
)
from briefgen.load.model import Chart, Series
from briefgen.theme import load_theme


@pytest.fixture(scope="module")
def look() -> ChartLook:
    return ChartLook.of(load_theme(), size=8.0, title_size=10.0)


def _chart(kind: str, categories: int, series: int = 1, label: str = "Cat") -> Chart:
    return Chart(
        kind=kind,  # type: ignore[arg-type]
        title=f"A {kind} chart",
        categories=[f"{label} {i}" for i in range(categories)],
        series=[Series(name=f"S{j}", values=[i + j + 1 for i in range(categories)]) for j in range(series)],
        unit="%",
    )


def test_a_bar_chart_grows_with_its_categories_times_series_within_bounds() -> None:
    assert chart_height(_chart("bar", 2), 400.0) == 150.0  # 70 + 2 × 16 is under the floor
    assert chart_height(_chart("bar", 6), 400.0) == pytest.approx(70 + 6 * 16)
    assert chart_height(_chart("bar", 6, series=2), 400.0) == pytest.approx(70 + 12 * 16)
    assert chart_height(_chart("bar", 60), 400.0) == pytest.approx(300.0)  # at most 3/4 of the width


@pytest.mark.parametrize("kind", ["column", "line"])
def test_columns_and_lines_are_wide_and_low(kind: str) -> None:
    assert chart_height(_chart(kind, 3), 400.0) == pytest.approx(192.0)  # 48% of the width
    assert chart_height(_chart(kind, 30, series=3), 400.0) == pytest.approx(192.0)  # not by their data
    assert chart_height(_chart(kind, 3), 100.0) == 160.0
    assert chart_height(_chart(kind, 3), 1000.0) == 240.0


def test_a_pie_is_between_150_and_220_points() -> None:
    assert chart_height(_chart("pie", 4), 400.0) == pytest.approx(168.0)
    assert chart_height(_chart("pie", 4), 100.0) == 150.0
    assert chart_height(_chart("pie", 4), 1000.0) == 220.0


def _strings(plan: ChartPlan) -> list[str]:
    return [label.text for label in plan.labels]


def _bounds(plan: ChartPlan) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for s in plan.shapes:
        if isinstance(s, Fill):
            xs += [s.x, s.x + s.w]
            ys += [s.y, s.y + s.h]
        elif isinstance(s, Stroke):
            xs += list(s.points[::2])
            ys += list(s.points[1::2])
        elif isinstance(s, (Dot, Slice)):
            xs += [s.cx - s.r, s.cx + s.r]
            ys += [s.cy - s.r, s.cy + s.r]
        elif isinstance(s, Label):
            end = max(p.x + p.face.drawn_width(p.text, s.size) for p in s.pieces)
            xs += [s.pieces[0].x, end]
            ys += [s.y, s.y + s.size * 0.8]
    return min(xs), min(ys), max(xs), max(ys)


@pytest.mark.parametrize(("kind", "series"), [("bar", 2), ("column", 2), ("line", 2), ("pie", 1)])
def test_a_plan_fits_its_width_and_height(look: ChartLook, kind: str, series: int) -> None:
    chart = _chart(kind, 4, series=series)
    width = 400.0
    height = chart_height(chart, width)
    plan = plan_chart(chart, width, height, look)
    assert (plan.width, plan.height) == (width, height)
    x0, y0, x1, y1 = _bounds(plan)
    assert x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1, (x0, y0, x1, y1)
    texts = _strings(plan)
    assert f"A {kind} chart" in texts
    assert all(f"Cat {i}" in texts for i in range(4))


def test_labels_are_placed_by_their_anchor_at_the_width_the_pdf_draws(look: ChartLook) -> None:
    plan = plan_chart(_chart("column", 3), 400.0, 200.0, look)
    ticks = [label for label in plan.labels if label.colour == look.muted and label.text[:1].isdigit()]
    assert ticks, "the value axis is labelled"
    ends = {round(t.pieces[0].x + look.width(t.text, t.size), 6) for t in ticks}
    assert len(ends) == 1, "tick labels are right-aligned on one edge"
    category = next(label for label in plan.labels if label.text == "Cat 0")
    centre = category.pieces[0].x + look.width("Cat 0", category.size) / 2
    column = next(s for s in plan.shapes if isinstance(s, Fill) and s.colour == look.series[0])
    assert centre == pytest.approx(column.x + column.w / 2, abs=0.7)  # a category's name centred under it


def test_a_label_in_two_scripts_is_in_pieces_side_by_side(look: ChartLook) -> None:
    chart = Chart(kind="column", categories=["ASEAN ประเทศไทย"], series=[Series(name="V", values=[1])])
    plan = plan_chart(chart, 400.0, 200.0, look)
    (label,) = [label for label in plan.labels if "ประเทศไทย" in label.text]
    assert len(label.pieces) >= 2 and any(p.shaped for p in label.pieces)
    for a, b in zip(label.pieces, label.pieces[1:]):
        width = (
            a.face.shaped_width(a.text, label.size, a.rtl)
            if a.shaped
            else a.face.drawn_width(a.text, label.size)
        )
        assert b.x == pytest.approx(a.x + width)


def test_labels_too_long_are_cut_with_an_ellipsis_and_reported(look: ChartLook) -> None:
    long = " ".join(["Extraordinarily long category name"] * 6)
    chart = Chart(kind="column", categories=["Short", long], series=[Series(name="V", values=[1, 2])])
    notes = ChartNotes()
    plan = plan_chart(chart, 300.0, chart_height(chart, 300.0), look, notes)
    assert notes.cut == [long]
    texts = _strings(plan)
    assert "Short" in texts
    assert any(t.endswith("…") for t in texts)
    assert " ".join(texts).count("Extraordinarily") < 6


def test_bar_labels_too_long_for_their_row_are_reported(look: ChartLook) -> None:
    long = " ".join(["word"] * 80)
    chart = Chart(kind="bar", categories=["A", long], series=[Series(name="V", values=[1, 2])])
    notes = ChartNotes()
    plan_chart(chart, 300.0, chart_height(chart, 300.0), look, notes)
    assert notes.cut == [long]


def test_labels_that_fit_are_not_reported(look: ChartLook) -> None:
    notes = ChartNotes()
    plan_chart(_chart("column", 3), 400.0, 200.0, look, notes)
    assert notes.cut == []
