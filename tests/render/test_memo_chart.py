"""The memo's charts: the height they ask for, drawings that stay in their box, over-long labels cut and reported."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing, Group, String

from briefgen.layout.memo_blocks import chart_height
from briefgen.load.model import Chart, Series
from briefgen.render.memo_chart import ChartLook, ChartNotes, chart_drawing
from briefgen.render.memo_flow import FontBook
from briefgen.theme import load_theme


@pytest.fixture(scope="module")
def look() -> ChartLook:
    return ChartLook.of(load_theme(), FontBook().name, size=8.0, title_size=10.0)


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


def _strings(node: object) -> list[str]:
    out: list[str] = []
    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            out.append(item.text)
        elif isinstance(item, Group):
            out += _strings(item)
    return out


@pytest.mark.parametrize(("kind", "series"), [("bar", 2), ("column", 2), ("line", 2), ("pie", 1)])
def test_a_drawing_fits_its_width_and_height(look: ChartLook, kind: str, series: int) -> None:
    chart = _chart(kind, 4, series=series)
    width = 400.0
    height = chart_height(chart, width)
    d = chart_drawing(chart, width, height, look)
    assert isinstance(d, Drawing) and (d.width, d.height) == (width, height)
    x0, y0, x1, y1 = d.getBounds()
    assert x0 >= -1 and y0 >= -1 and x1 <= width + 1 and y1 <= height + 1, (x0, y0, x1, y1)
    texts = _strings(d)
    assert f"A {kind} chart" in texts
    assert all(f"Cat {i}" in texts for i in range(4))
    assert texts, "the chart draws its labels"


def test_labels_too_long_are_cut_with_an_ellipsis_and_reported(look: ChartLook) -> None:
    long = " ".join(["Extraordinarily long category name"] * 6)
    chart = Chart(kind="column", categories=["Short", long], series=[Series(name="V", values=[1, 2])])
    notes = ChartNotes()
    d = chart_drawing(chart, 300.0, chart_height(chart, 300.0), look, notes)
    assert notes.cut == [long]
    texts = _strings(d)
    assert "Short" in texts
    assert any(t.endswith("…") for t in texts)
    assert " ".join(texts).count("Extraordinarily") < 6


def test_bar_labels_too_long_for_their_row_are_reported(look: ChartLook) -> None:
    long = " ".join(["word"] * 80)
    chart = Chart(kind="bar", categories=["A", long], series=[Series(name="V", values=[1, 2])])
    notes = ChartNotes()
    chart_drawing(chart, 300.0, chart_height(chart, 300.0), look, notes)
    assert notes.cut == [long]


def test_labels_that_fit_are_not_reported(look: ChartLook) -> None:
    notes = ChartNotes()
    chart_drawing(_chart("column", 3), 400.0, 200.0, look, notes)
    assert notes.cut == []
