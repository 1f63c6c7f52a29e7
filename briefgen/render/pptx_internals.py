"""Every use of a private or undocumented python-pptx name, each behind a small named function.

The deck renderer writes slide XML itself, adds slide and notes parts without
python-pptx's per-slide look-ups and writes the package without its serializer.
All of that leans on python-pptx's parts, relationships and element classes, which
are not its public API; this module is the one place that touches them, and
``tests/render/test_pptx_internals.py`` pins each thing relied on (python-pptx is
pinned below its next minor version in pyproject.toml). A fast path that cannot
run on the installed python-pptx falls back to python-pptx's own way
(:func:`package_contents` returns ``None``) or raises; it is never silently wrong.
"""

from __future__ import annotations

import copy
import posixpath
from collections.abc import Sequence
from typing import Any, NamedTuple, cast

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml as _parse_xml
from pptx.oxml.ns import namespaces, nsdecls, qn

__all__ = [
    "NAMESPACES",
    "NSDECLS",
    "SLIDE_HEAD",
    "SLIDE_TAIL",
    "PackageContents",
    "PartItem",
    "Rel",
    "SlideList",
    "add_default_notes_master",
    "add_notes_page",
    "chart_workbook_blob",
    "copy_presentation",
    "delete_chart_auto_title",
    "drop_slides",
    "drop_thumbnail",
    "first_notes_page",
    "master_and_layout_elements",
    "master_theme_blob",
    "new_slide_tree",
    "notes_master_elements",
    "package_contents",
    "parse_xml",
    "qn",
    "relate_hyperlink",
    "relate_image",
    "set_chart_descr",
    "set_chart_workbook_blob",
    "set_master_theme_blob",
    "set_part_blob",
    "set_slide_xml",
    "shape_tree",
    "slide_of",
    "template_notes_master",
    "value_axis_crosses_at_max",
]

NSDECLS = nsdecls("a", "p", "r")
"""The a/p/r namespace declarations python-pptx puts on a new slide's root."""
NAMESPACES = namespaces("a", "p", "r")
"""The a/p/r prefixes and URIs, for compiled XPath expressions."""
SLIDE_HEAD = (
    f'<p:sld {NSDECLS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
    "</p:nvGrpSpPr><p:grpSpPr/>"
)
"""The XML of python-pptx's new slide (``CT_Slide.new()``) up to where its shapes go."""
SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
"""The XML of python-pptx's new slide after its shapes."""


def parse_xml(xml: str | bytes) -> Any:
    """``xml`` parsed by python-pptx's parser, so elements get its element classes (``CT_Slide``…)."""
    return _parse_xml(xml)


# ---------------------------------------------------------------------------
# Slides


class SlideList:
    """Adds slide parts as ``prs.slides.add_slide`` does, without its look-ups per slide; the caller sets their XML."""

    def __init__(self, prs: Any) -> None:
        self.prs_part = prs.part
        self.package = prs.part.package
        self.sld_ids = prs.part._element.get_or_add_sldIdLst()
        self.next_id = max([255, *(int(s.get("id")) for s in self.sld_ids.iterchildren(qn("p:sldId")))]) + 1

    def __len__(self) -> int:
        return len(self.sld_ids)

    def add(self, layout: Any) -> Any:
        """A new slide part on ``layout``, related and listed as python-pptx does; it holds no XML yet."""
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import SlidePart

        name = PackURI(f"/ppt/slides/slide{len(self.sld_ids) + 1}.xml")
        part = SlidePart(name, CT.PML_SLIDE, self.package, cast(Any, None))
        part.relate_to(layout.part, RT.SLIDE_LAYOUT)
        r_id = self.prs_part.rels._add_relationship(RT.SLIDE, part)  # relate_to, less its search for a match
        self.sld_ids._add_sldId(id=self.next_id, rId=r_id)
        self.next_id += 1
        return part


def set_slide_xml(part: Any, xml: str) -> Any:
    """Give the slide ``part`` the root element parsed from ``xml``, and return it."""
    part._element = parse_xml(xml)
    return part._element


def shape_tree(part: Any) -> Any:
    """The ``p:spTree`` of the slide ``part``."""
    return part._element.cSld.spTree


def slide_of(part: Any) -> Any:
    """The python-pptx :class:`~pptx.slide.Slide` of the slide ``part`` (made once, from its current XML)."""
    return part.slide


def relate_hyperlink(part: Any, url: str) -> str:
    """The id of an external hyperlink relationship from ``part`` to ``url``."""
    return cast(str, part.relate_to(url, RT.HYPERLINK, is_external=True))


def relate_image(part: Any, path: str) -> str:
    """The id of the relationship from ``part`` to the image file at ``path`` (one image part per distinct image)."""
    _, r_id = part.get_or_add_image_part(path)
    return cast(str, r_id)


def new_slide_tree(layout: Any) -> Any:
    """The ``p:spTree`` of a new slide on ``layout``: python-pptx's clones of the layout's placeholders, nothing related."""
    from pptx.oxml.slide import CT_Slide
    from pptx.shapes.shapetree import SlideShapes

    tree = CT_Slide.new().cSld.spTree
    SlideShapes(tree, cast(Any, None)).clone_layout_placeholders(layout)
    return tree


# ---------------------------------------------------------------------------
# Notes


def template_notes_master(prs: Any) -> Any | None:
    """The presentation's notes master part, or ``None`` when it has none."""
    if any(rel.reltype == RT.NOTES_MASTER for rel in prs.part.rels.values()):
        return prs.part.part_related_by(RT.NOTES_MASTER)
    return None


def first_notes_page(slide_part: Any) -> tuple[Any, Any]:
    """The root element of the notes page python-pptx makes for ``slide_part`` and its notes master part."""
    part = slide_part.notes_slide.part
    return part._element, part.part_related_by(RT.NOTES_MASTER)


def notes_master_elements(master: Any) -> tuple[Any, Any]:
    """The root elements of the notes ``master`` part and of its theme part."""
    return master._element, master.part_related_by(RT.THEME)._element


def add_notes_page(slide_part: Any, master: Any, element: Any, number: int | None) -> None:
    """Add ``element`` as the notes page of ``slide_part`` on ``master``, related as python-pptx relates it.

    ``number`` names the part (``notesSlide<number>.xml``); ``None`` takes the next free name.
    """
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import NotesSlidePart

    package = slide_part.package
    if number is None:
        name = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
    else:
        name = PackURI(f"/ppt/notesSlides/notesSlide{number}.xml")
    part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(master, RT.NOTES_MASTER)
    part.relate_to(slide_part, RT.SLIDE)
    slide_part.relate_to(part, RT.NOTES_SLIDE)


def add_default_notes_master(prs: Any, master_xml: Any, theme_xml: Any) -> Any:
    """A notes master part of ``master_xml`` with its theme of ``theme_xml``, as ``NotesMasterPart.create_default`` relates them."""
    from pptx.opc.package import XmlPart
    from pptx.opc.packuri import PackURI
    from pptx.parts.slide import NotesMasterPart

    prs_part = prs.part
    package = prs_part.package
    master = NotesMasterPart(
        PackURI("/ppt/notesMasters/notesMaster1.xml"), CT.PML_NOTES_MASTER, package, master_xml
    )
    theme_name = package.next_partname("/ppt/theme/theme%d.xml")
    theme = XmlPart(theme_name, CT.OFC_THEME, package, theme_xml)
    master.relate_to(theme, RT.THEME)
    prs_part.relate_to(master, RT.NOTES_MASTER)
    return master


# ---------------------------------------------------------------------------
# Charts


def set_chart_descr(graphic_frame: Any, text: str) -> None:
    """Set the chart's alternative text (its ``cNvPr``'s ``descr``)."""
    graphic_frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].set("descr", text)


def delete_chart_auto_title(chart: Any) -> None:
    """Mark the chart's automatic title deleted, so no application makes one up from a lone series' name."""
    chart._chartSpace.chart.get_or_add_autoTitleDeleted().set("val", "1")


def value_axis_crosses_at_max(value_axis: Any) -> None:
    """Put the value axis where the category axis ends (``c:crosses val="max"`` on the value axis itself)."""
    from pptx.enum.chart import XL_AXIS_CROSSES

    # python-pptx's ``crosses`` writes the *other* axis's element (where the category axis crosses this one)
    val_ax = value_axis._element
    val_ax._remove_crossesAt()
    val_ax.get_or_add_crosses().val = XL_AXIS_CROSSES.MAXIMUM


def chart_workbook_blob(chart: Any) -> bytes | None:
    """The bytes of the workbook embedded in ``chart``, ``None`` when it has none."""
    xlsx = chart.part.chart_workbook.xlsx_part
    return None if xlsx is None else cast(bytes, xlsx.blob)


def set_chart_workbook_blob(chart: Any, blob: bytes) -> None:
    """Replace the bytes of the workbook embedded in ``chart``."""
    chart.part.chart_workbook.xlsx_part.blob = blob


# ---------------------------------------------------------------------------
# The package


class Rel(NamedTuple):
    """One relationship as its ``.rels`` item writes it: the target relative to the source's folder, or a URL."""

    r_id: str
    reltype: str
    target: str
    external: bool


class PartItem(NamedTuple):
    """One part of the package: its zip member name, bytes, and its relationships' member name and entries."""

    member: str
    blob: bytes
    rels_member: str
    rels: tuple[Rel, ...]


class PackageContents(NamedTuple):
    """What the package's zip holds, as plain values: content types, the package's relationships, the parts."""

    content_types_member: str
    defaults: tuple[tuple[str, str], ...]  # (extension, content type)
    overrides: tuple[tuple[str, str], ...]  # (part name, content type)
    package_rels: PartItem  # the package's own relationships (member and blob empty)
    parts: tuple[PartItem, ...]


def package_contents(prs: Any) -> PackageContents | None:
    """What python-pptx's ``Presentation.save`` would write, as plain values; ``None`` if this python-pptx lacks the means."""
    try:
        from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
        from pptx.opc.serialized import _ContentTypesItem
    except ImportError:  # another python-pptx layout: the caller saves through python-pptx
        return None
    package = prs.part.package
    parts = tuple(package.iter_parts())
    defaults, overrides = _ContentTypesItem(parts)._defaults_and_overrides
    items = []
    for part in parts:
        rels = _rels(part.rels, part.partname.baseURI) if part._rels else ()
        items.append(PartItem(part.partname.membername, part.blob, part.partname.rels_uri.membername, rels))
    return PackageContents(
        CONTENT_TYPES_URI.membername,
        tuple(defaults.items()),
        tuple((str(name), ct) for name, ct in overrides.items()),
        PartItem("", b"", PACKAGE_URI.rels_uri.membername, _rels(package._rels, PACKAGE_URI.baseURI)),
        tuple(items),
    )


def _rels(rels: Any, base_uri: str) -> tuple[Rel, ...]:
    """``rels`` as plain values, targets as python-pptx's ``PackURI.relative_ref`` gives them."""
    out = []
    for r_id, rel in rels.items():
        if rel.is_external:
            out.append(Rel(r_id, rel.reltype, rel.target_ref, True))
        else:
            name = str(rel.target_partname)
            target = name[1:] if base_uri == "/" else posixpath.relpath(name, base_uri)
            out.append(Rel(r_id, rel.reltype, target, False))
    return tuple(out)


def drop_thumbnail(prs: Any) -> None:
    """Remove the package's relationship to its thumbnail image, so the image is not written."""
    package = prs.part.package
    for r_id, rel in list(package._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(r_id)


def set_part_blob(prs: Any, partname: str, blob: bytes) -> bool:
    """Replace the bytes of the (non-XML) part named ``partname``; False when the package has no such part.

    The package's own relationships are looked through first (the extended
    properties hang off the package), every part only when they do not have it.
    """
    package = prs.part.package
    own: Sequence[Any] = [rel.target_part for rel in package._rels.values() if not rel.is_external]
    found = False
    for part in own if any(p.partname == partname for p in own) else package.iter_parts():
        if str(part.partname) == partname:
            part.blob = blob  # an XML part has no blob setter: that raises
            found = True
    return found


# ---------------------------------------------------------------------------
# Templates


def copy_presentation(prs: Any) -> Any:
    """A deep copy of ``prs``, whole and apart from it.

    Sound only for a presentation whose parts were reached through their relationships,
    never through python-pptx's proxies (``prs.slide_master``, ``prs.slides``…): those cache
    objects pointing inside an XML tree, and a copied proxy holding a child element would
    get a detached copy of it.
    """
    return copy.deepcopy(prs)


def drop_slides(prs: Any) -> None:
    """Remove the presentation's own slides: their relationships and their entries in the slide list."""
    sld_ids = prs.part._element.get_or_add_sldIdLst()
    for sld_id in list(sld_ids):
        prs.part.drop_rel(sld_id.rId)
        sld_ids.remove(sld_id)


def _first_master(prs: Any) -> Any:
    """The part of the presentation's first slide master (``prs.slide_master.part``, without the proxies)."""
    return prs.part.related_part(_ids(prs.part._element, "p:sldMasterId")[0])


def _ids(root: Any, tag: str) -> list[str]:
    """The relationship ids of the ``tag`` entries (``p:sldMasterId``, ``p:sldLayoutId``) listed in ``root``."""
    return [entry.get(qn("r:id")) for entry in root.iter(qn(tag))]


def master_and_layout_elements(prs: Any) -> list[Any]:
    """The root elements of the first slide master and of its layouts, reached without python-pptx's proxies."""
    master = _first_master(prs)
    layouts = [master.related_part(r_id) for r_id in _ids(master._element, "p:sldLayoutId")]
    return [part._element for part in (master, *layouts)]


def master_theme_blob(prs: Any) -> bytes:
    """The bytes of the first slide master's theme part."""
    return cast(bytes, _first_master(prs).part_related_by(RT.THEME).blob)


def set_master_theme_blob(prs: Any, blob: bytes) -> None:
    """Replace the bytes of the first slide master's theme part (a binary part in python-pptx's default template)."""
    _first_master(prs).part_related_by(RT.THEME).blob = blob
