"""The memo's charts drawn (render/memo_chart.py): a plan becomes a Drawing of its size, every label in the theme's fonts."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Drawing, Group, String
from reportlab.pdfbase.ttfonts import ShapedStr

from briefgen.layout.memo_blocks import chart_height
from briefgen.layout.memo_chart import ChartLook, plan_chart
from briefgen.load.model import Chart, Series
from briefgen.render.memo_chart import chart_drawing
from briefgen.render.memo_flow import FontBook
from briefgen.theme import load_theme


@pytest.fixture(scope="module")
def look() -> ChartLook:
    return ChartLook.of(load_theme(), size=8.0, title_size=10.0)


def _strings(node: object) -> list[String]:
    out: list[String] = []
    for item in getattr(node, "contents", []):
        if isinstance(item, String):
            out.append(item)
        elif isinstance(item, Group):
            out += _strings(item)
    return out


@pytest.mark.parametrize("kind", ["bar", "column", "line", "pie"])
def test_a_drawing_is_its_plan_every_label_where_planned_in_the_theme_s_fonts(
    look: ChartLook, kind: str
) -> None:
    chart = Chart(
        kind=kind,  # type: ignore[arg-type]
        title=f"A {kind} chart",
        categories=["2024", "2025", "2026"],
        series=[Series(name="Exports", values=[1.5, 2, 3])],
        unit="USD bn",
    )
    fonts = FontBook()
    plan = plan_chart(chart, 400.0, chart_height(chart, 400.0), look)
    d = chart_drawing(plan, fonts.name)
    assert isinstance(d, Drawing) and (d.width, d.height) == (plan.width, plan.height)
    strings = _strings(d)
    placed = [(p.text, p.x, label.y) for label in plan.labels for p in label.pieces]
    assert [(s.text, s.x, s.y) for s in strings] == placed
    assert {s.fontName for s in strings} <= {fonts.name(f) for f in look.family.faces()}
    assert all(s.textAnchor == "start" for s in strings), "anchors are resolved by the plan"


def test_a_thai_label_is_drawn_as_shaped_glyphs(look: ChartLook) -> None:
    chart = Chart(kind="column", categories=["ประเทศไทย"], series=[Series(name="V", values=[1])])
    d = chart_drawing(plan_chart(chart, 400.0, 200.0, look), FontBook().name)
    assert any(isinstance(s.text, ShapedStr) for s in _strings(d))
