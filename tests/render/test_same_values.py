"""The memo and the deck show the same values: chart axes, tick and data labels, category order, table headings, keywords.

One brief with a bar, a column, a line and a pie chart and a table whose headings
carry markup is rendered both ways. The memo is read back with ``pdftotext -bbox``
(words and their boxes); the deck with python-pptx (the chart's axis settings and
number formats, as PowerPoint would apply them). Under ``CI=true`` a missing
``pdftotext`` or ``pdfinfo`` fails the tests; elsewhere they skip.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import require_tool
from pptx import Presentation

from briefgen.load.loader import LoadedBrief, load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

EPOCH = 1_751_932_800
C_NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}

CHARTS = [
    {
        "kind": "bar",
        "title": "Alpha bars",
        "categories": ["North", "Centre", "South"],
        "series": [{"name": "Exports", "values": [10, 12, 11]}, {"name": "Imports", "values": [4, 7, 9]}],
        "unit": "EUR bn",
    },
    {
        "kind": "column",
        "title": "Beta columns",
        "categories": ["Spring", "Summer", "Autumn"],
        "series": [{"name": "Freight", "values": [1250.5, 3000, -400]}],
    },
    {
        "kind": "line",
        "title": "Gamma lines",
        "categories": ["Y2023", "Y2024", "Y2025", "Y2026"],
        "series": [{"name": "Rate", "values": [0.25, 0.5, 0.75, 0.6]}],
    },
    {
        "kind": "pie",
        "title": "Delta pie",
        "categories": ["Coal", "Wind", "Hydro"],
        "series": [{"name": "Mix", "values": [20, 50, 30]}],
    },
]

BRIEF = {
    "title": "Same values",
    "meeting": {
        "name": "Parity meeting",
        "short_name": "PM",
        "date": "2026-03-02",
        "location": "Oslo, Norway",
        "chair": "Norway",
    },
    "classification": "RESTRICTED",
    "summary": "S",
    "key_points": [{"title": "K", "body": "B"}],
    "positions": [{"actor": "Iceland", "summary": "s"}],
    "sections": [
        {"title": "Charts", "blocks": [{"chart": c} for c in CHARTS]},
        {
            "title": "Table",
            "blocks": [
                {
                    "table": {
                        "columns": ["**Member**", "*Share*", "Change"],
                        "rows": [["Norway", "12%", "−3.5"], ["Iceland", "€4.2bn", "1 234"]],
                    }
                }
            ],
        },
    ],
}


@dataclass(frozen=True)
class Word:
    text: str
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Outputs:
    loaded: LoadedBrief
    pdf: Path
    words: list[Word]
    prs: Any


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Outputs:
    require_tool("pdftotext")
    folder = tmp_path_factory.mktemp("same")
    path = folder / "brief.yaml"
    path.write_text(yaml.safe_dump(BRIEF, allow_unicode=True, sort_keys=False), encoding="utf-8")
    loaded = load(path)
    theme = load_theme(loaded.brief.theme)
    pdf = folder / "memo.pdf"
    pdf.write_bytes(render_memo_pdf(loaded, theme, epoch=EPOCH).data)
    deck = render_deck_pptx(loaded, theme, epoch=EPOCH).data
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True)
    words = []
    for n, page in enumerate(out.stdout.split("<page ")[1:]):
        for x0, y0, x1, y1, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            words.append(Word(html.unescape(text), n, float(x0), float(y0), float(x1), float(y1)))
    return Outputs(loaded, pdf, words, Presentation(io.BytesIO(deck)))


# ---------------------------------------------------------------------------
# Reading the deck's charts as PowerPoint shows them


def _deck_charts(prs: Any) -> dict[str, Any]:
    charts = [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]
    return {chart.chart_title.text_frame.text: chart for chart in charts}


def _apply_format(code: str, value: float) -> str:
    """``value`` as a spreadsheet shows it with number format ``code`` (the ``#,##0.00`` family only)."""
    assert re.fullmatch(r"#,##0(\.0+)?", code), code
    decimals = len(code.split(".")[1]) if "." in code else 0
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _deck_ticks(chart: Any) -> list[str]:
    axis = chart.value_axis
    low, high, step = axis.minimum_scale, axis.maximum_scale, axis.major_unit
    assert None not in (low, high, step)
    assert not axis.tick_labels.number_format_is_linked
    count = round((high - low) / step)
    return [_apply_format(axis.tick_labels.number_format, low + i * step) for i in range(count + 1)]


def _deck_categories_as_read(chart: Any, kind: str) -> list[str]:
    """The categories in reading order: top-down for a bar chart, left to right otherwise."""
    categories = list(chart.plots[0].categories)
    reverse = chart.category_axis.reverse_order
    if kind == "bar":  # PowerPoint draws the first category at the bottom unless the axis is reversed
        return categories if reverse else categories[::-1]
    return categories[::-1] if reverse else categories


# ---------------------------------------------------------------------------
# Reading the memo's charts from the words on its pages


def _region(words: list[Word], title: str) -> list[Word]:
    """The words of a chart: from its title's line down to the next chart's title (or the page's frame end)."""
    firsts = {c["title"].split()[0] for c in CHARTS}
    (head,) = [w for w in words if w.text == title.split()[0]]
    below = [w.y0 for w in words if w.page == head.page and w.text in firsts and w.y0 > head.y0 + 1]
    end = min(below, default=1e9)
    return [w for w in words if w.page == head.page and head.y0 - 1 <= w.y0 < end - 1]


def _memo_ticks(region: list[Word], kind: str, expected: list[str]) -> list[str]:
    """The value axis labels of a memo chart, low to high: a row under a bar chart, a column left of others."""
    wanted = set(expected)
    lines: dict[float, list[Word]] = defaultdict(list)
    for w in region:
        if w.text in wanted:
            key = (
                round(w.y1) if kind == "bar" else round(w.x1)
            )  # a row shares its baseline, a column its right edge
            lines[key].append(w)
    best = max(lines.values(), key=len)
    if kind == "bar":
        return [w.text for w in sorted(best, key=lambda w: w.x0)]
    return [w.text for w in sorted(best, key=lambda w: -w.y0)]  # bottom to top


def _memo_categories(region: list[Word], kind: str, categories: list[str]) -> list[str]:
    found = [w for w in region if w.text in categories]
    assert sorted(w.text for w in found) == sorted(categories)
    order = sorted(found, key=lambda w: w.y0 if kind in ("bar", "pie") else w.x0)
    return [w.text for w in order]


@pytest.mark.parametrize("chart", CHARTS, ids=[c["kind"] for c in CHARTS])
def test_the_same_chart_picture(outputs: Outputs, chart: dict[str, Any]) -> None:
    deck = _deck_charts(outputs.prs)[chart["title"]]
    region = _region(outputs.words, chart["title"])
    kind = chart["kind"]
    values = [v for s in chart["series"] for v in s["values"]]
    text = [w.text for w in region]
    if kind == "pie":
        labels = deck.plots[0].data_labels
        assert labels.number_format == "0%" and labels.show_percentage
        total = sum(values)
        for v in values:
            assert f"{v / total:.0%}" in text
        assert _memo_categories(region, kind, chart["categories"]) == list(deck.plots[0].categories)
        return
    ticks = _deck_ticks(deck)
    assert _memo_ticks(region, kind, ticks) == ticks
    assert _memo_categories(region, kind, chart["categories"]) == _deck_categories_as_read(deck, kind)
    # data labels: the deck's format prints each value as the memo prints it
    code = deck.plots[0].data_labels.number_format
    assert not deck.plots[0].data_labels.number_format_is_linked
    for v in values:
        assert _apply_format(code, v) in text, (v, code)


def test_bar_chart_reads_top_down_with_its_value_axis_below(outputs: Outputs) -> None:
    chart = _deck_charts(outputs.prs)["Alpha bars"]
    assert chart.category_axis.reverse_order
    # the value axis crosses the (reversed) category axis at its end: the bottom, as in the memo
    assert chart._chartSpace.xpath("string(.//c:valAx/c:crosses/@val)") == "max"
    assert chart._chartSpace.xpath("count(.//c:valAx/c:crossesAt)") == 0
    for title in ("Beta columns", "Gamma lines"):
        assert not _deck_charts(outputs.prs)[title].category_axis.reverse_order


def test_tick_labels_are_not_the_data_format(outputs: Outputs) -> None:
    """Values 10, 12, 11 step by 2.5: the ticks need a decimal the data labels do not."""
    chart = _deck_charts(outputs.prs)["Alpha bars"]
    assert _deck_ticks(chart) == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert chart.plots[0].data_labels.number_format == "#,##0"


# ---------------------------------------------------------------------------
# Tables and document properties


def test_table_headings_with_markup_are_styled_in_both(outputs: Outputs) -> None:
    (table,) = [
        shape.table
        for slide in outputs.prs.slides
        for shape in slide.shapes
        if shape.has_table and shape.table.cell(0, 0).text_frame.text.endswith("Member")
    ]
    header = [table.cell(0, c).text_frame for c in range(3)]
    assert [tf.text for tf in header] == ["Member", "Share", "Change"]
    member_runs = [r for p in header[0].paragraphs for r in p.runs]
    assert member_runs and all(r.font.bold for r in member_runs)
    share_runs = [r for p in header[1].paragraphs for r in p.runs]
    assert share_runs and all(r.font.italic for r in share_runs)
    text = [w.text for w in outputs.words]
    assert "Member" in text and not any("**" in t or "*Share" in t for t in text)
    # numbers right-aligned alike: "12%", "€4.2bn", "−3.5" and "1 234" are numbers in both outputs
    from pptx.enum.text import PP_ALIGN

    for c in (1, 2):
        for r in range(1, 3):
            assert table.cell(r, c).text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT


def test_same_keywords_in_pdf_and_pptx(outputs: Outputs) -> None:
    require_tool("pdfinfo")
    info = subprocess.run(["pdfinfo", str(outputs.pdf)], check=True, capture_output=True, text=True).stdout
    (pdf_keywords,) = re.findall(r"^Keywords:\s+(.*)$", info, re.M)
    assert pdf_keywords == outputs.prs.core_properties.keywords
    assert pdf_keywords == "PM, Parity meeting, Oslo Norway, Norway, RESTRICTED, Iceland"
