"""The memo's pictures: images keep their shape and shrink at most to 75%; alt texts say what a chart shows."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from briefgen.load.model import Chart, Series
from briefgen.render.memo_flow import BIG, FontBook
from briefgen.render.memo_media import ChartFlow, ImageFlow, pdf_text_string
from briefgen.theme import load_theme


def _reader(w: int, h: int) -> ImageReader:
    buf = io.BytesIO()
    Image.new("RGB", (w, h), "#2A6099").save(buf, "PNG")
    buf.seek(0)
    return ImageReader(buf)


def test_an_image_is_sized_from_its_pixels_and_resolution() -> None:
    flow = ImageFlow(_reader(192, 96), "alt", max_height=500.0, dpi=96.0)
    assert flow.wrap(400.0, BIG) == pytest.approx((400.0, 72.0))  # 96 px at 96 dpi is one inch
    assert flow.draw_w == pytest.approx(144.0)


@pytest.mark.parametrize(
    ("width", "max_height", "expected"),
    [(360.0, 1000.0, (360.0, 180.0)), (1000.0, 90.0, (180.0, 90.0)), (100.0, 90.0, (100.0, 50.0))],
)
def test_an_image_fits_its_width_and_max_height_keeping_its_aspect(
    width: float, max_height: float, expected: tuple[float, float]
) -> None:
    flow = ImageFlow(_reader(960, 480), "alt", max_height=max_height)  # 720 × 360 pt nominal
    _, h = flow.wrap(width, BIG)
    assert (flow.draw_w, h) == pytest.approx(expected)
    assert flow.draw_w / h == pytest.approx(2.0)


def test_an_image_shrinks_down_to_75_percent_but_not_below() -> None:
    flow = ImageFlow(_reader(960, 480), "alt", max_height=1000.0)  # 720 × 360 pt
    _, h = flow.wrap(720.0, 300.0)  # 83%: shrinks into the room
    assert (flow.draw_w, h) == pytest.approx((600.0, 300.0))
    _, h = flow.wrap(720.0, 270.0)  # exactly 75%
    assert h == pytest.approx(270.0) and flow.draw_w == pytest.approx(540.0)
    _, h = flow.wrap(720.0, 260.0)  # below 75%: keeps its size (and goes to the next page)
    assert h == pytest.approx(360.0) and flow.draw_w == pytest.approx(720.0)


def test_an_untagged_image_still_carries_its_alt_text() -> None:
    flow = ImageFlow(_reader(40, 20), "Map (Asia) \\ 1", max_height=100.0)
    canv = Canvas(io.BytesIO())
    flow.wrap(100.0, BIG)
    flow.drawOn(canv, 0, 0)
    code = "\n".join(canv._code)
    assert "/Figure <</Alt (Map \\(Asia\\) \\\\ 1)>> BDC" in code and "EMC" in code


CHART = Chart(
    kind="column",
    title="Trade with **China**",
    categories=["2024", "2025"],
    series=[Series(name="Exports", values=[1.5, 2]), Series(name="Imports", values=[3, 4.25])],
    unit="USD bn",
)


def _look():  # type: ignore[no-untyped-def]

    from briefgen.layout.memo_chart import ChartLook

    return ChartLook.of(load_theme(), size=8.0, title_size=10.0)


def test_a_charts_alt_text_names_its_title_series_and_values() -> None:
    flow = ChartFlow(CHART, _look(), FontBook().name, max_height=300.0)
    alt = flow.tag.attrs["alt"]
    assert flow.tag.role == "Figure"
    assert alt.startswith("Trade with China")  # markup removed
    for part in ("2024: Exports 1.50; Imports 3.00 USD bn", "2025: Exports 2.00; Imports 4.25 USD bn"):
        assert part in alt


def test_a_chart_without_a_title_is_named_by_its_kind() -> None:
    chart = Chart(kind="pie", categories=["A"], series=[Series(name="S", values=[1])])
    assert (
        ChartFlow(chart, _look(), FontBook().name, max_height=300.0)
        .tag.attrs["alt"]
        .startswith("A pie chart")
    )


def test_a_chart_shrinks_down_to_75_percent_but_not_below() -> None:
    flow = ChartFlow(CHART, _look(), FontBook().name, max_height=1000.0)
    nominal = flow.wrap(400.0, BIG)[1]
    assert flow.wrap(400.0, nominal * 0.8)[1] == pytest.approx(nominal * 0.8)
    assert flow.wrap(400.0, nominal * 0.7)[1] == pytest.approx(nominal)
    capped = ChartFlow(CHART, _look(), FontBook().name, max_height=100.0)
    assert capped.wrap(400.0, BIG)[1] == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", "(plain)"),
        ("a (b) c", "(a \\(b\\) c)"),
        ("back\\slash", "(back\\\\slash)"),
        ("", "()"),
    ],
)
def test_pdf_text_string_escapes_ascii(text: str, literal: str) -> None:
    assert pdf_text_string(text) == literal


def test_pdf_text_string_is_utf16be_hex_with_a_bom_beyond_ascii() -> None:
    out = pdf_text_string("Zürich (€)")
    assert out.startswith("<FEFF") and out.endswith(">")
    assert bytes.fromhex(out[5:-1]).decode("utf-16-be") == "Zürich (€)"
    assert bytes.fromhex(pdf_text_string("😀")[5:-1]).decode("utf-16-be") == "😀"  # a surrogate pair
    assert pdf_text_string("tab\there").startswith("<FEFF")  # control characters are not left raw
