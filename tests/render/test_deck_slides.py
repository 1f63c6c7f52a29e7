"""Slides and notes pages written as XML: the layout's placeholders as python-pptx clones them, filled; the planned notes."""

from __future__ import annotations

import copy
import io
from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from briefgen.layout.deck import plan_deck
from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.deck_slides import layout_placeholders
from briefgen.render.pptx_internals import NSDECLS, parse_xml
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
PT = 12700


def _template(path: Path) -> Path:
    """python-pptx's default at 16:9, "Title Only" given the content placeholders of "Two Content" (kind "obj")."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for ph in list(layouts["Two Content"].placeholders)[1:]:
        layouts["Title Only"].shapes._spTree.append(copy.deepcopy(ph._element))
    prs.save(str(path))
    return path


def _chart_brief(folder: Path) -> Path:
    data = {
        "title": "Trade",
        "meeting": {"name": "Partners meeting", "date": "2026-03-02"},
        "summary": "Trade grew.",
        "key_points": [{"title": "Growth", "body": "Exports grew in every quarter."}],
        "sections": [
            {
                "title": "Figures",
                "blocks": [
                    {
                        "chart": {
                            "kind": "column",
                            "title": "Exports",
                            "categories": ["Q1", "Q2"],
                            "series": [{"name": "Exports", "values": [1, 2]}],
                        }
                    }
                ],
            }
        ],
    }
    path = folder / "chart.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["Title Slide", "Title Only", "Two Content", "Comparison"])
def test_placeholders_are_python_pptx_clones_and_fill_with_any_name(name: str) -> None:
    prs = Presentation()
    layout = next(lay for lay in prs.slide_layouts if lay.name == name)
    clones = [sp for sp in prs.slides.add_slide(layout).shapes._spTree if sp.tag.endswith("}sp")]
    ours = layout_placeholders(layout)
    assert len(ours) == len(clones) > 0
    for ph, clone in zip(ours, clones, strict=True):
        got = parse_xml(f"<p:spTree {NSDECLS}>{ph.xml}</p:spTree>")[0]
        assert etree.tostring(got) == etree.tostring(clone)
        nasty = 'R&D "<x>"\tname'
        filled = parse_xml(f"<p:spTree {NSDECLS}>{ph.filled(nasty, '', '<p:txBody/>')}</p:spTree>")[0]
        assert filled.xpath("./p:nvSpPr/p:cNvPr/@name") == [nasty]
        assert filled.xpath("./p:nvSpPr/p:cNvPr/@id") == [str(ph.id)]
        assert filled.find("{*}txBody") is not None and len(filled.find("{*}spPr")) == 0


def test_a_chart_slide_keeps_the_placeholders_a_text_slide_keeps(tmp_path: Path) -> None:
    # a slide with a chart is built in steps (python-pptx adds the chart); its placeholders must end as
    # those of a slide built in one piece: the title filled, the same others removed or kept
    template = _template(tmp_path / "corp.pptx")
    loaded = load(_chart_brief(tmp_path))
    prs = Presentation(
        io.BytesIO(render_deck_pptx(loaded, load_theme(), epoch=EPOCH, template=template).data)
    )
    kept: dict[bool, set[tuple[tuple[str, int], ...]]] = {}
    for slide in list(prs.slides)[1:]:
        has_chart = any(shape.has_chart for shape in slide.shapes)
        placeholders = tuple(
            (str(ph.placeholder_format.type), ph.placeholder_format.idx) for ph in slide.placeholders
        )
        kept.setdefault(has_chart, set()).add(placeholders)
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text.strip()
    assert set(kept) == {True, False}
    assert kept[True] == kept[False] and len(kept[True]) == 1


def test_shape_ids_are_unique_on_every_slide(tmp_path: Path) -> None:
    loaded = load(_chart_brief(tmp_path))
    prs = Presentation(io.BytesIO(render_deck_pptx(loaded, load_theme(), epoch=EPOCH).data))
    for slide in prs.slides:
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids)) > 1


def test_every_notes_page_says_what_the_plan_says() -> None:
    loaded = load(ASEAN)
    plan = plan_deck(loaded, load_theme(loaded.brief.theme))
    prs = Presentation(io.BytesIO(render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data))
    pages = 0
    for planned, slide in zip(plan.slides, prs.slides, strict=True):
        want = ["".join(run.text.replace("\n", " ") for run in runs) for runs in planned.notes]
        if not want:
            assert not slide.has_notes_slide
            continue
        pages += 1
        assert slide.notes_slide.notes_text_frame.text.split("\n") == want
    assert pages >= len(plan.slides) - 1
