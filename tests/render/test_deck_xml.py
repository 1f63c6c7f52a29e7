"""The XML of a slide's shapes: escaped so it parses back to the plan's text, decor shapes without text, fields, tables."""

from __future__ import annotations

import io
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from deckbriefs import long_brief
from pptx import Presentation

from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import Rect, Shape, TableFrame
from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.deck_xml import ShapeXml, attr, clean, color, emu
from briefgen.render.pptx_internals import NSDECLS, parse_xml
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
PT = 12700
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
NASTY = [
    'a "quoted" it\'s',
    "tab\there",
    "line\nbreak",
    "cr\rlf\r\n",
    "R&D <b> ]]> &amp;",
    "中文 😀 \u202e",
    "",
]


def _parse(xml: str) -> object:
    return parse_xml(f"<p:spTree {NSDECLS}>{xml}</p:spTree>")[0]


@pytest.mark.parametrize("value", NASTY)
def test_escapes_parse_back_as_saxutils_ones_did(value: str) -> None:
    ours = parse_xml(f"<x v={attr(value)}>{escape(value)}</x>")
    theirs = parse_xml(f"<x v={quoteattr(value)}>{escape(value)}</x>")
    assert ours.get("v") == theirs.get("v") == value
    assert ours.text == theirs.text


def test_units_colours_and_illegal_characters() -> None:
    assert emu(1) == PT and emu(0.5) == 6350 and emu(1 / PT / 3) == 0
    assert color("#1f4e79") == '<a:solidFill><a:srgbClr val="1F4E79"/></a:solidFill>'
    assert clean("a\x00b\x0bc\ufffed\te\nf") == "abcd\te\nf"


def test_decor_shapes_hold_no_text_and_are_marked_decorative(tmp_path: Path) -> None:
    # every decor shape of the plan is drawn as one shape marked decorative, with an empty text body;
    # no other shape is marked decorative
    for path in [*EXAMPLES, long_brief(tmp_path)]:
        loaded = load(path)
        theme = load_theme(loaded.brief.theme)
        plan = plan_deck(loaded, theme)
        prs = Presentation(io.BytesIO(render_deck_pptx(loaded, theme, epoch=EPOCH).data))
        decor_count = 0
        for planned, slide in zip(plan.slides, prs.slides, strict=True):
            decor = [el for el in planned.elements() if isinstance(el, Shape)]
            marked = [shape for shape in slide.shapes if shape._element.find(f".//{DECORATIVE}") is not None]
            assert [s.name for s in marked] == [d.name for d in decor], path
            for shape, planned_shape in zip(marked, decor, strict=True):
                assert shape.has_text_frame and shape.text_frame.text == ""
                assert (shape.left, shape.top) == (emu(planned_shape.rect.x), emu(planned_shape.rect.y))
            decor_count += len(decor)
        assert decor_count > 0, path


def test_a_shape_of_the_plan_with_a_line_and_rounded_corners() -> None:
    xml = ShapeXml(None, "en-GB", 5).shape_xml(
        Shape("Panel & <bar>", Rect(10, 20, 30, 40), "#112233", kind="rounded", line="#445566")
    )
    sp = _parse(xml)
    assert sp.xpath("./p:nvSpPr/p:cNvPr/@id") == ["5"] and sp.xpath("./p:nvSpPr/p:cNvPr/@name") == [
        "Panel & <bar>"
    ]
    assert sp.xpath(".//a:prstGeom/@prst") == ["roundRect"]
    assert sp.xpath("./p:spPr/a:solidFill/a:srgbClr/@val") == ["112233"]
    assert sp.xpath("./p:spPr/a:ln/a:solidFill/a:srgbClr/@val") == ["445566"]
    assert sp.xpath(".//a:t") == []


def test_the_slide_number_is_a_field_and_text_keeps_its_runs() -> None:
    loaded = load(EXAMPLES[0])
    theme = load_theme(loaded.brief.theme)
    data = render_deck_pptx(loaded, theme, epoch=EPOCH).data
    prs = Presentation(io.BytesIO(data))
    numbers = [s for slide in prs.slides for s in slide.shapes if s.name == "Slide number"]
    assert numbers
    for shape in numbers:
        assert shape._element.xpath(".//a:fld/@type") == ["slidenum"]


def test_a_table_has_the_planned_widths_heights_and_cells(tmp_path: Path) -> None:
    loaded = load(long_brief(tmp_path))
    theme = load_theme(loaded.brief.theme)
    plan = plan_deck(loaded, theme)
    prs = Presentation(io.BytesIO(render_deck_pptx(loaded, theme, epoch=EPOCH).data))
    tables = 0
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        frames = [el for el in planned.elements() if isinstance(el, TableFrame)]
        drawn = [shape.table for shape in slide.shapes if shape.has_table]
        assert len(drawn) == len(frames)
        for frame, table in zip(frames, drawn, strict=True):
            assert [c.width for c in table.columns] == [emu(w) for w in frame.widths]
            assert [r.height for r in table.rows] == [emu(h) for h in frame.heights]
            for row, cells in zip(frame.rows, table.rows, strict=True):
                for cell, got in zip(row, cells.cells, strict=True):
                    want = "\n".join("".join(run.text for run in para.runs) for para in cell.paras)
                    assert re.sub(r"\s+", " ", got.text_frame.text) == re.sub(r"\s+", " ", want)
            tables += 1
    assert tables >= 4
