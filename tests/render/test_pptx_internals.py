"""Contract tests for briefgen.render.pptx_internals: each fails if a python-pptx upgrade changes what it relies on.

Each fast path is compared with what python-pptx itself makes: the slide XML head
with ``CT_Slide.new()``, slides and notes pages with ``add_slide`` and
``notes_slide``, the package writer with ``Presentation.save``.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pptx
import pytest
from lxml import etree
from packaging.specifiers import SpecifierSet
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.slide import CT_Slide
from pptx.util import Emu

import briefgen.render.deck as deck
from briefgen.load.loader import load
from briefgen.render import pptx_internals as pi
from briefgen.render.deck_package import _content_types_xml, _rels_xml, normalize_zip
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EPOCH = 1_751_932_800
RT_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def _saved(prs: Any) -> dict[str, bytes]:
    out = io.BytesIO()
    prs.save(out)
    return _members(out.getvalue())


def _layout(prs: Any, name: str) -> Any:
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def test_python_pptx_is_the_pinned_minor_version() -> None:
    (pin,) = re.findall(r'"python-pptx([^"]*)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    specifier = SpecifierSet(pin)
    assert "<" in str(specifier), "python-pptx must be pinned below its next minor version"
    assert pptx.__version__ in specifier


# ---------------------------------------------------------------------------
# Slides


def test_slide_head_and_tail_are_python_pptx_new_slide() -> None:
    assert etree.tostring(CT_Slide.new(), encoding="unicode") == pi.SLIDE_HEAD + pi.SLIDE_TAIL


def test_parse_xml_gives_python_pptx_element_classes() -> None:
    root = pi.parse_xml(pi.SLIDE_HEAD + pi.SLIDE_TAIL)
    assert isinstance(root, CT_Slide)
    assert root.cSld.spTree.tag == pi.qn("p:spTree")
    assert pi.NSDECLS in pi.SLIDE_HEAD and set(pi.NAMESPACES) == {"a", "p", "r"}


@pytest.mark.parametrize("name", ["Title Slide", "Title Only", "Two Content"])
def test_new_slide_tree_holds_the_placeholders_add_slide_clones(name: str) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(_layout(prs, name))
    ours = pi.new_slide_tree(_layout(prs, name))
    theirs = slide.shapes._spTree
    assert etree.tostring(ours) == etree.tostring(theirs)
    assert len(ours) > 2  # nvGrpSpPr, grpSpPr and at least one placeholder


def _two_ways(existing: int) -> tuple[Any, Any]:
    """Two presentations with ``existing`` slides, then three added: by python-pptx, and by SlideList."""
    theirs, ours = Presentation(), Presentation()
    for prs in (theirs, ours):
        for _ in range(existing):
            prs.slides.add_slide(prs.slide_layouts[0])
    for name in ("Title Slide", "Title Only", "Title Only"):
        theirs.slides.add_slide(_layout(theirs, name))
    slides = pi.SlideList(ours)
    for name in ("Title Slide", "Title Only", "Title Only"):
        layout = _layout(ours, name)
        part = slides.add(layout)
        root = pi.new_slide_tree(layout).getparent().getparent()  # spTree, cSld, sld
        pi.set_slide_xml(part, etree.tostring(root, encoding="unicode"))
    return theirs, ours


@pytest.mark.parametrize("existing", [0, 2])
def test_slide_list_adds_slides_as_add_slide_does(existing: int) -> None:
    theirs, ours = _two_ways(existing)
    assert _saved(ours) == _saved(theirs)
    assert [s.slide_id for s in ours.slides] == [s.slide_id for s in theirs.slides]


def test_a_slide_part_gets_its_xml_and_shows_it() -> None:
    prs = Presentation()
    part = pi.SlideList(prs).add(prs.slide_layouts[6])
    root = pi.set_slide_xml(part, pi.SLIDE_HEAD + pi.SLIDE_TAIL)
    assert pi.shape_tree(part) is root.cSld.spTree
    slide = pi.slide_of(part)
    assert slide.element is root and slide.slide_layout.name == prs.slide_layouts[6].name
    assert next(iter(prs.slides)).element is root


def test_hyperlinks_and_images_are_related_once_each(tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "x.png"
    Image.new("RGB", (4, 3), "red").save(image)
    prs = Presentation()
    part = prs.slides.add_slide(prs.slide_layouts[6]).part
    link = pi.relate_hyperlink(part, "https://example.org/a?b=1&c=2")
    assert part.rels[link].is_external and part.rels[link].target_ref == "https://example.org/a?b=1&c=2"
    first, second = pi.relate_image(part, str(image)), pi.relate_image(part, str(image))
    assert first == second and part.related_part(first).content_type == "image/png"


# ---------------------------------------------------------------------------
# Notes


def _notes_by_python_pptx(slides: int) -> Any:
    prs = Presentation()
    for _ in range(slides):
        prs.slides.add_slide(prs.slide_layouts[6]).notes_slide  # noqa: B018  (makes the page)
    return prs


def test_notes_pages_added_from_the_first_are_those_python_pptx_makes() -> None:
    theirs = _notes_by_python_pptx(3)
    ours = Presentation()
    first = ours.slides.add_slide(ours.slide_layouts[6]).part
    element, master = pi.first_notes_page(first)
    assert element.tag == pi.qn("p:notes") and master is pi.template_notes_master(ours)
    for number in (2, 3):
        part = ours.slides.add_slide(ours.slide_layouts[6]).part
        pi.add_notes_page(part, master, copy.deepcopy(element), number)
    assert _saved(ours) == _saved(theirs)


def test_a_notes_master_made_from_a_copy_is_the_one_python_pptx_makes() -> None:
    # a later deck of a base builds python-pptx's default notes master from the first deck's copy
    model = _notes_by_python_pptx(1)
    element, master = pi.first_notes_page(model.slides[0].part)
    master_xml, theme_xml = (copy.deepcopy(e) for e in pi.notes_master_elements(master))
    theirs = _notes_by_python_pptx(3)
    ours = Presentation()
    assert pi.template_notes_master(ours) is None
    made = None
    for number in (None, 2, 3):
        part = ours.slides.add_slide(ours.slide_layouts[6]).part
        if made is None:
            made = pi.add_default_notes_master(ours, copy.deepcopy(master_xml), copy.deepcopy(theme_xml))
            assert pi.template_notes_master(ours) is made
        pi.add_notes_page(part, made, copy.deepcopy(element), number)
    assert _saved(ours) == _saved(theirs)


# ---------------------------------------------------------------------------
# Charts


def _chart(kind: Any = XL_CHART_TYPE.BAR_CLUSTERED) -> tuple[Any, Any]:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", [1, 2])
    frame = slide.shapes.add_chart(kind, Emu(0), Emu(0), Emu(914400), Emu(914400), data)
    return prs, frame


def test_chart_alt_text_auto_title_and_axis_crossing() -> None:
    _, frame = _chart()
    chart = frame.chart
    pi.set_chart_descr(frame, "Two bars")
    pi.delete_chart_auto_title(chart)
    chart.value_axis.crosses  # noqa: B018  (reading must not undo it)
    pi.value_axis_crosses_at_max(chart.value_axis)
    ns = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
    xml = chart.part.blob
    root = etree.fromstring(xml)
    assert root.xpath("//c:autoTitleDeleted/@val", namespaces=ns) == ["1"]
    assert root.xpath("//c:valAx/c:crosses/@val", namespaces=ns) == ["max"]
    assert root.xpath("//c:valAx/c:crossesAt", namespaces=ns) == []
    assert frame.element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr") == ["Two bars"]


def test_chart_workbook_bytes_are_read_and_replaced() -> None:
    prs, frame = _chart()
    blob = pi.chart_workbook_blob(frame.chart)
    assert blob is not None and zipfile.is_zipfile(io.BytesIO(blob))
    pi.set_chart_workbook_blob(frame.chart, b"PK-new")
    assert pi.chart_workbook_blob(frame.chart) == b"PK-new"
    assert any(blob == b"PK-new" for blob in _saved(prs).values())


# ---------------------------------------------------------------------------
# The package


def test_package_contents_are_what_save_writes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the fast writer's entries equal Presentation.save's, for decks with notes, charts, a picture and links
    from deckbriefs import long_brief

    seen: list[str] = []
    fast = deck.package_bytes

    def both(prs: Any, *, epoch: int) -> bytes:
        data = fast(prs, epoch=epoch)
        out = io.BytesIO()
        prs.save(out)
        assert _members(data) == _members(normalize_zip(out.getvalue(), epoch=epoch))
        assert data == normalize_zip(out.getvalue(), epoch=epoch)
        seen.append(str(prs.core_properties.title))
        return data

    monkeypatch.setattr(deck, "package_bytes", both)
    template = tmp_path / "corp.pptx"
    Presentation().save(str(template))
    for path, tpl in ((long_brief(tmp_path), None), (ROOT / "briefs" / "asean-58th-amm.yaml", template)):
        loaded = load(path)
        deck.render_deck_pptx(loaded, load_theme(loaded.brief.theme), epoch=EPOCH, template=tpl)
    assert len(seen) == 2


def test_relationships_and_content_types_are_those_python_pptx_writes() -> None:
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for k in range(12):  # rId10 sorts after rId9, as python-pptx orders them
        pi.relate_hyperlink(slide.part, f"https://example.org/{k}")
    contents = pi.package_contents(prs)
    assert contents is not None
    package = prs.part.package
    assert _rels_xml(contents.package_rels.rels) == package._rels.xml
    by_member = {item.member: item for item in contents.parts}
    for part in package.iter_parts():
        item = by_member[part.partname.membername]
        assert item.blob == part.blob
        if part._rels:
            assert item.rels_member == part.partname.rels_uri.membername
            assert _rels_xml(item.rels) == part.rels.xml, part.partname
    parts = tuple(package.iter_parts())
    assert _content_types_xml(contents.defaults, contents.overrides) == serialize_part_xml(
        _ContentTypesItem.xml_for(parts)
    )


def test_the_thumbnail_is_dropped_and_a_binary_part_replaced() -> None:
    prs = Presentation()
    assert "docProps/thumbnail.jpeg" in _saved(prs)
    pi.drop_thumbnail(prs)
    assert pi.set_part_blob(prs, "/docProps/app.xml", b"<x/>")
    assert not pi.set_part_blob(prs, "/docProps/none.xml", b"<x/>")
    saved = _saved(prs)
    assert "docProps/thumbnail.jpeg" not in saved and saved["docProps/app.xml"] == b"<x/>"
    assert RT_THUMBNAIL not in saved["_rels/.rels"].decode()


def test_replacing_an_xml_part_as_bytes_fails_loudly() -> None:
    with pytest.raises(AttributeError):
        pi.set_part_blob(Presentation(), "/ppt/presentation.xml", b"<x/>")


# ---------------------------------------------------------------------------
# Templates


def test_a_copied_presentation_is_whole_and_apart() -> None:
    # prepared without proxies (as deck_template prepares a base), a presentation copies whole
    prs = Presentation()
    pi.drop_slides(prs)
    pi.set_master_theme_blob(prs, pi.master_theme_blob(prs))
    before = _saved(prs)
    copied = pi.copy_presentation(prs)
    assert _saved(copied) == before
    copied.slides.add_slide(copied.slide_layouts[1]).shapes.title.text = "Only in the copy"
    assert len(copied.slides) == 1 and _saved(prs) == before
    assert b"Only in the copy" in b"".join(_saved(copied).values())


def test_drop_slides_leaves_no_slide_part() -> None:
    prs = Presentation()
    for _ in range(2):
        prs.slides.add_slide(prs.slide_layouts[0])
    pi.drop_slides(prs)
    assert len(prs.slides) == 0
    assert not any(name.startswith("ppt/slides/") for name in _saved(prs))


def test_master_and_layout_elements_are_the_first_master_and_its_layouts() -> None:
    prs = Presentation()
    elements = pi.master_and_layout_elements(prs)
    assert elements == [prs.slide_master.element, *(layout.element for layout in prs.slide_layouts)]


def test_the_master_theme_is_read_and_replaced_as_bytes() -> None:
    prs = Presentation()
    blob = pi.master_theme_blob(prs)
    assert blob == prs.slide_master.part.part_related_by(RT_THEME).blob
    assert re.search(rb"<a:theme\b", blob)
    pi.set_master_theme_blob(prs, blob.replace(b'name="Office Theme"', b'name="Ours"'))
    assert b'name="Ours"' in pi.master_theme_blob(prs)
    assert b'name="Ours"' in _saved(prs)["ppt/theme/theme1.xml"]
