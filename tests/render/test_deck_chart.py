"""Native charts: the brief's data embedded and read back, styled as planned, the workbook reproducible."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from deckbriefs import long_brief
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.deck_chart import reproducible_workbook
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
TRADE = ROOT / "briefs" / "quarterly-trade-review.yaml"
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _charts(path: Path) -> list[Any]:
    loaded = load(path)
    data = render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data
    prs = Presentation(io.BytesIO(data))
    return [shape for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def test_chart_round_trips(tmp_path: Path) -> None:
    loaded = load(long_brief(tmp_path))
    charts = [frame.chart for frame in _charts(long_brief(tmp_path))]
    blocks = [b.value for s in loaded.brief.sections for b in s.blocks if b.kind == "chart"]
    assert len(charts) == len(blocks) == 4
    types = {
        "bar": XL_CHART_TYPE.BAR_CLUSTERED,
        "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
        "line": XL_CHART_TYPE.LINE_MARKERS,
        "pie": XL_CHART_TYPE.PIE,
    }
    for chart, block in zip(charts, blocks, strict=True):
        assert chart.chart_type == types[block.kind]
        plot = chart.plots[0]
        assert list(plot.categories) == block.categories
        assert [s.name for s in plot.series] == [s.name for s in block.series]
        for got, want in zip(plot.series, block.series, strict=True):
            assert list(got.values) == pytest.approx(want.values)
        assert chart.has_title and chart.chart_title.text_frame.text == block.title
        assert chart.has_legend == (len(block.series) > 1 or block.kind == "pie")
        # the data is embedded, so PowerPoint's "Edit Data" opens it
        assert chart.part.chart_workbook.xlsx_part is not None


def test_the_trade_review_chart_is_native_with_its_unit() -> None:
    (frame,) = _charts(TRADE)
    chart = frame.chart
    assert chart.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert chart.value_axis.axis_title.text_frame.text == "EUR bn"
    assert [s.name for s in chart.plots[0].series] == ["Exports", "Imports"]


def test_every_chart_has_its_alt_text(tmp_path: Path) -> None:
    frames = _charts(long_brief(tmp_path))
    assert len(frames) == 4
    for frame in frames:
        (descr,) = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")
        assert descr.strip()


def test_a_bar_chart_reads_top_down_with_its_values_below(tmp_path: Path) -> None:
    (bar,) = [
        f.chart for f in _charts(long_brief(tmp_path)) if f.chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    ]
    assert bar.category_axis.reverse_order
    val_ax = bar._chartSpace.find(f".//{C}valAx")
    assert val_ax.find(f"{C}crosses").get("val") == "max"


def test_a_chart_without_a_title_gets_none_made_up(tmp_path: Path) -> None:
    data = {
        "title": "Trade",
        "meeting": {"name": "Partners meeting", "date": "2026-03-02"},
        "summary": "Trade grew.",
        "key_points": [{"title": "Growth", "body": "Exports grew."}],
        "sections": [
            {
                "title": "Figures",
                "blocks": [
                    {
                        "chart": {
                            "kind": "line",
                            "categories": ["Q1", "Q2"],
                            "series": [{"name": "Exports", "values": [1, 2]}],
                        }
                    }
                ],
            }
        ],
    }
    path = tmp_path / "untitled.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    (frame,) = _charts(path)
    assert not frame.chart.has_title
    assert frame.chart._chartSpace.find(f".//{C}autoTitleDeleted").get("val") == "1"


def test_the_workbook_is_rewritten_with_fixed_times() -> None:
    src = io.BytesIO()
    with zipfile.ZipFile(src, "w") as z:
        z.writestr(
            "docProps/core.xml",
            "<cp><dcterms:created x='1'>2026-12-05T10:00:00Z</dcterms:created>"
            "<dcterms:modified>2026-12-05T10:00:01Z</dcterms:modified></cp>",
        )
        z.writestr("xl/workbook.xml", "<workbook/>")
    out = reproducible_workbook(src.getvalue())
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert z.namelist() == ["docProps/core.xml", "xl/workbook.xml"]
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
        assert "2026" not in core and core.count("1980-01-01T00:00:00Z") == 2
        assert z.read("xl/workbook.xml") == b"<workbook/>"
    assert reproducible_workbook(src.getvalue()) == out
