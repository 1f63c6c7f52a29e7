"""The deck's slide XML: escaped as before, built alike on every path, the same deck after deck in one process."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
import yaml
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.util import Emu

from briefgen.layout.deck import plan_deck, slide_frame
from briefgen.load.loader import LoadedBrief, load
from briefgen.render.deck import _attr, draw_deck, render_deck_pptx
from briefgen.render.deck_template import DeckBase, _default_source, _look, _template_source, layout_names
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
PT = 12700
NASTY = [
    'a "quoted" it\'s',
    "tab\there",
    "line\nbreak",
    "cr\rlf\r\n",
    "R&D <b> ]]> &amp;",
    "中文 😀 \u202e",
    "",
]


@pytest.mark.parametrize("value", NASTY)
def test_escapes_parse_back_as_saxutils_ones_did(value: str) -> None:
    ours = parse_xml(f"<x v={_attr(value)}>{escape(value)}</x>")
    theirs = parse_xml(f"<x v={quoteattr(value)}>{escape(value)}</x>")
    assert ours.get("v") == theirs.get("v") == value
    assert ours.text == theirs.text


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _draw(loaded: LoadedBrief, base: DeckBase) -> bytes:
    theme = load_theme(loaded.brief.theme)
    frame = slide_frame(
        theme, banner=bool(loaded.brief.classification), title=base.title_rect, size=base.size
    )
    plan = plan_deck(loaded, theme, frame=frame, template_title=base.title_slide_rects)
    return draw_deck(plan, base, epoch=EPOCH)


def test_every_deck_from_a_base_is_the_same() -> None:
    # the first deck of a base draws on the prepared presentation and has python-pptx make the notes;
    # the next ones draw on copies and build the notes from the memo: the bytes must not tell them apart
    loaded = load(ASEAN)
    theme = load_theme(loaded.brief.theme)
    source = _default_source.__wrapped__(theme.slide.width, theme.slide.height, _look(theme))
    decks = [_draw(loaded, source.take()) for _ in range(3)]
    assert decks[0] == decks[1] == decks[2]
    assert decks[0] == render_deck_pptx(loaded, theme, epoch=EPOCH).data


def _template(path: Path, *, notes: bool = False, extra: bool = False) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    if extra:  # "Title Only" with the content placeholders of "Two Content" (python-pptx's kind "obj")
        for ph in list(layouts["Two Content"].placeholders)[1:]:
            layouts["Title Only"].shapes._spTree.append(copy.deepcopy(ph._element))
    slide = prs.slides.add_slide(layouts["Title Only"])
    if notes:  # the template brings its own notes master
        slide.notes_slide.notes_text_frame.text = "The template's own notes."
    prs.save(str(path))
    return path


@pytest.mark.parametrize("kind", ["notes", "extra"])
def test_every_deck_from_a_template_is_the_same(tmp_path: Path, kind: str) -> None:
    template = _template(tmp_path / "corp.pptx", notes=kind == "notes", extra=kind == "extra")
    loaded = load(ASEAN)
    names = tuple(sorted(layout_names(load_theme()).items()))
    source = _template_source(template, names)
    decks = [_draw(loaded, source.take()) for _ in range(3)]
    assert decks[0] == decks[1] == decks[2]
    members = _members(decks[0])
    assert "ppt/notesMasters/notesMaster1.xml" in members
    if kind == "notes":
        assert b"The template's own notes." not in b"".join(members.values())


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


def test_a_chart_slide_keeps_the_placeholders_a_text_slide_keeps(tmp_path: Path) -> None:
    # a slide with a chart is built in steps (python-pptx adds the chart); its placeholders must end as
    # those of a slide built in one piece: the title filled, the same others removed or kept
    template = _template(tmp_path / "corp.pptx", extra=True)
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
