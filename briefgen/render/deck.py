"""Draw a :class:`~briefgen.layout.slides.DeckPlan` into PPTX bytes with python-pptx; nothing is measured here.

Every element of the plan becomes one shape, in the plan's reading order (the
title placeholder first): text frames word-wrapped with auto-fit off and the
planned insets, exact line spacing and sizes, each run naming its font family;
native tables with the planned column widths and row heights; native charts
with their data embedded; pictures with their alt text as description. The
zip is rewritten so that the same brief and epoch give the same bytes.

Each slide's XML (python-pptx's new slide, the layout's placeholders as python-pptx
clones them, then the shapes) is written as one string and parsed once; python-pptx
still makes the parts and relationships, the notes master and the charts.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, cast
from xml.sax.saxutils import escape

from lxml import etree
from pptx.enum.chart import (
    XL_AXIS_CROSSES,
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_TICK_LABEL_POSITION,
)
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import namespaces, nsdecls, qn
from pptx.util import Emu, Pt

from briefgen.layout.deck import plan_deck, slide_frame
from briefgen.layout.slides import (
    ChartFrame,
    DeckPlan,
    Element,
    Para,
    PictureFrame,
    Rect,
    Shape,
    Slide,
    TableFrame,
    TextBox,
)
from briefgen.load.markup import Run
from briefgen.render import Rendered
from briefgen.render.deck_package import DocumentInfo, epoch_datetime, package_bytes, set_document_info
from briefgen.render.deck_template import DeckBase, open_base

if TYPE_CHECKING:
    from briefgen.load.loader import LoadedBrief
    from briefgen.theme import Theme

__all__ = ["draw_deck", "render_deck_pptx"]

_EMU_PER_PT = 12700
_NO_STYLE_TABLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"  # PowerPoint's built-in "No Style, No Grid"
_SLIDENUM_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
_DECORATIVE = (
    '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
    '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
    "</a:ext></a:extLst>"
)
_ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
_ALIGN = {"left": "l", "center": "ctr", "right": "r"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NSDECLS = nsdecls("a", "p", "r")
# python-pptx's new slide (pptx.oxml.slide.CT_Slide.new) around its shapes
_SLIDE_HEAD = (
    f'<p:sld {_NSDECLS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
    "</p:nvGrpSpPr><p:grpSpPr/>"
)
_SLIDE_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
# where XML taken from python-pptx's elements is cut open to be filled
_NAME_SLOT = "briefgen\ue000name"
_SP_PR_SLOT = "briefgen:spPr"
_BODY_SLOT = "briefgen:body"

# XPath expressions compiled once (an element's .xpath() compiles its expression on every call)
_NS = namespaces("a", "p", "r")
_SHAPE_IDS = etree.XPath("//p:cNvPr/@id", namespaces=_NS)
_PLACEHOLDERS = etree.XPath("./p:sp[p:nvSpPr/p:nvPr/p:ph]", namespaces=_NS)
_PH = etree.XPath("./p:nvSpPr/p:nvPr/p:ph", namespaces=_NS)
_CNVPR = etree.XPath("./p:nvSpPr/p:cNvPr", namespaces=_NS)
_NOTES_BODY = etree.XPath('.//p:sp[p:nvSpPr/p:nvPr/p:ph[@type="body"]]/p:txBody', namespaces=_NS)


def emu(pt: float) -> int:
    """Points to EMU, rounded to a whole EMU."""
    return round(pt * _EMU_PER_PT)


def render_deck_pptx(
    loaded: LoadedBrief, theme: Theme, *, epoch: int, template: Path | None = None
) -> Rendered:
    """Plan the brief's deck with ``theme`` and draw it; the bytes depend only on the brief, theme, template and ``epoch``."""
    base = open_base(theme, template)
    frame = slide_frame(
        theme,
        banner=bool(loaded.brief.classification),
        title=base.title_rect,
        size=base.size,
    )
    plan = plan_deck(loaded, theme, frame=frame, template_title=base.title_slide_rects)
    data = draw_deck(plan, base, epoch=epoch)
    return Rendered(data, list(plan.warnings))


def draw_deck(plan: DeckPlan, base: DeckBase, *, epoch: int) -> bytes:
    """Serialise ``plan`` onto ``base`` (the default or a user's template) and return the PPTX bytes."""
    prs = base.presentation
    prs.slide_width = Emu(emu(plan.width))
    prs.slide_height = Emu(emu(plan.height))
    lang = plan.info.language
    slides = _SlideParts(prs, base)
    notes = _Notes(prs, base.memo, lang)
    for slide in plan.slides:
        part = slides.add(slide.layout)
        _SlideWriter(part, lang, slides.placeholders(slide.layout)).draw(slide)
        if slide.notes:
            notes.add(part, slide)
    info = DocumentInfo(
        title=plan.info.title,
        subject=plan.info.subject,
        author=plan.info.author,
        keywords=plan.info.keywords,
        category=plan.info.category,
        language=plan.info.language,
        when=epoch_datetime(epoch),
        slide_titles=plan.titles,
    )
    set_document_info(prs, info, notes=notes.count)
    return package_bytes(prs, epoch=epoch)


# ---------------------------------------------------------------------------
# Text


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


@lru_cache(maxsize=1024)
def _attr(value: str) -> str:
    """``value`` as a quoted XML attribute value that parses back to exactly ``value``, tabs and newlines kept."""
    return (
        '"'
        + value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
        + '"'
    )


@lru_cache(maxsize=256)
def _color(hex_colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_colour.lstrip("#").upper()}"/></a:solidFill>'


class _SlideWriter:
    """Writes a slide's elements, in reading order, as the XML of its shape tree, parsed once.

    The XML is what python-pptx's slide template and placeholder clones hold, with the
    placeholders filled; a slide with a chart is built in steps, the chart added by
    python-pptx where it falls in the reading order.
    """

    def __init__(self, part: Any, lang: str, placeholders: tuple[_Placeholder, ...]) -> None:
        self.part = part
        self.lang = lang
        self.placeholders = placeholders
        self.next_id = max([1, *(ph.id for ph in placeholders)]) + 1

    # -- helpers ----------------------------------------------------------------

    def new_id(self) -> int:
        n = self.next_id
        self.next_id += 1
        return n

    def link(self, url: str) -> str:
        return self.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def runs_xml(self, para: Para, field: str | None = None) -> str:
        out = []
        size = round(para.size * 100)
        for run in para.runs:
            props = ""  # made at the run's first piece of text: a run without any adds no link
            for k, piece in enumerate(_clean(run.text).split("\n")):
                if k:
                    out.append(f'<a:br><a:rPr lang="{self.lang}" sz="{size}"/></a:br>')
                if piece:
                    props = props or self.run_props(run, para, size)
                    if field:
                        out.append(
                            f'<a:fld id="{_SLIDENUM_FIELD}" type="{field}">{props}<a:t>{escape(piece)}</a:t></a:fld>'
                        )
                    else:
                        out.append(f"<a:r>{props}<a:t>{escape(piece)}</a:t></a:r>")
        return "".join(out)

    def run_props(self, run: Run, para: Para, size: int) -> str:
        font = _attr(run.font or para.font)
        link = f'<a:hlinkClick r:id="{self.link(run.href)}"/>' if run.href else ""
        return (
            f'<a:rPr lang="{self.lang}" sz="{size}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">'
            f"{_color(para.color)}<a:latin typeface={font}/><a:ea typeface={font}/><a:cs typeface={font}/>"
            f"{link}</a:rPr>"
        )

    def para_xml(self, para: Para, first: bool, field: str | None = None) -> str:
        attrs = f'algn="{_ALIGN[para.align]}"'
        bullet = "<a:buNone/>"
        if para.bullet or para.number:
            attrs += f' marL="{emu(para.indent)}" indent="{-emu(para.indent)}"'
            if para.number:
                bullet = f'<a:buFont typeface={_attr(para.font)}/><a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>'
            else:
                bullet = f'<a:buFont typeface="Arial"/><a:buChar char={_attr(para.bullet or "•")}/>'
        else:
            attrs += ' marL="0" indent="0"'
        space = 0 if first else int(round(para.space_before * 100))
        ppr = (
            f'<a:pPr {attrs}><a:lnSpc><a:spcPts val="{int(round(para.line_height * 100))}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{space}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>'
            f"{bullet}</a:pPr>"
        )
        end = f'<a:endParaRPr lang="{self.lang}" sz="{int(round(para.size * 100))}" dirty="0"/>'
        return f"<a:p>{ppr}{self.runs_xml(para, field)}{end}</a:p>"

    def body_xml(self, box: TextBox, tag: str = "p:txBody", field: str | None = None) -> str:
        ins = box.insets
        body_pr = (
            f'<a:bodyPr wrap="square" lIns="{emu(ins.left)}" tIns="{emu(ins.top)}" rIns="{emu(ins.right)}" '
            f'bIns="{emu(ins.bottom)}" anchor="{_ANCHOR[box.anchor]}" anchorCtr="0" rtlCol="0"><a:noAutofit/></a:bodyPr>'
        )
        paras = "".join(self.para_xml(p, k == 0, field) for k, p in enumerate(box.paras)) or "<a:p/>"
        return f"<{tag}>{body_pr}<a:lstStyle/>{paras}</{tag}>"

    # -- elements ---------------------------------------------------------------

    def draw(self, slide: Slide) -> None:
        """Give the slide part its XML: the layout's placeholders filled (unused ones left out), then every shape."""
        elements = slide.elements()
        # the last placeholder of a kind takes the text; one left unused is removed, one never reachable kept
        by_kind = {ph.kind: k for k, ph in enumerate(self.placeholders)}
        reachable = set(by_kind.values())
        if any(isinstance(element, ChartFrame) for element in elements):
            self.draw_in_steps(elements, by_kind)
            return
        filled: dict[int, str] = {}
        shapes: list[str] = []
        for element in elements:
            k = _placeholder_index(element, by_kind)
            if k is not None:
                assert isinstance(element, TextBox)
                filled[k] = self.placeholder_xml(self.placeholders[k], element)
            else:
                shapes.append(self.element_xml(element))
        placeholders = "".join(
            filled.get(k, ph.xml)
            for k, ph in enumerate(self.placeholders)
            if k in filled or k not in reachable
        )
        self.part._element = parse_xml(f"{_SLIDE_HEAD}{placeholders}{''.join(shapes)}{_SLIDE_TAIL}")

    def draw_in_steps(self, elements: tuple[Element, ...], by_kind: dict[str, int]) -> None:
        """:meth:`draw` for a slide with a chart: the shapes up to each chart parsed together, the chart added after."""
        placeholders = "".join(ph.xml for ph in self.placeholders)
        self.part._element = parse_xml(f"{_SLIDE_HEAD}{placeholders}{_SLIDE_TAIL}")
        tree = self.part._element.cSld.spTree
        sps = list(_PLACEHOLDERS(tree))
        used: set[int] = set()
        pending: list[str] = []
        for element in elements:
            k = _placeholder_index(element, by_kind)
            if k is not None:
                assert isinstance(element, TextBox)
                sp = _fragment(self.placeholder_xml(self.placeholders[k], element))[0]
                tree.replace(sps[k], sp)
                sps[k] = sp
                used.add(k)
            elif isinstance(element, ChartFrame):
                tree.extend(list(_fragment("".join(pending))))
                pending = []
                _add_chart(self.part.slide, element)
                self.next_id = max((int(x) for x in _SHAPE_IDS(tree)), default=1) + 1
            else:
                pending.append(self.element_xml(element))
        tree.extend(list(_fragment("".join(pending))))
        for k in set(by_kind.values()) - used:
            tree.remove(sps[k])

    def element_xml(self, element: Element) -> str:
        if isinstance(element, TextBox):
            return self.textbox_xml(element)
        if isinstance(element, Shape):
            return self.shape_xml(element)
        if isinstance(element, TableFrame):
            return self.table_xml(element)
        assert isinstance(element, PictureFrame)
        return self.picture_xml(element)

    def xfrm(self, r: Rect, ns: str = "a") -> str:
        return (
            f'<{ns}:xfrm><a:off x="{emu(r.x)}" y="{emu(r.y)}"/>'
            f'<a:ext cx="{emu(r.w)}" cy="{emu(r.h)}"/></{ns}:xfrm>'
        )

    def placeholder_xml(self, ph: _Placeholder, box: TextBox) -> str:
        """The layout's placeholder named after ``box``, in its place and size, holding its text."""
        fill = _color(box.fill) if box.fill else "<a:noFill/>"
        sp_pr = f'{self.xfrm(box.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}'
        return ph.filled(box.name, sp_pr, self.body_xml(box))

    def textbox_xml(self, box: TextBox) -> str:
        fill = _color(box.fill) if box.fill else "<a:noFill/>"
        field = "slidenum" if box.name == "Slide number" else None
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={_attr(box.name)}/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{self.xfrm(box.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
            f"{self.body_xml(box, field=field)}</p:sp>"
        )

    def shape_xml(self, shape: Shape) -> str:
        geom = "roundRect" if shape.kind == "rounded" else "rect"
        line = f'<a:ln w="9525">{_color(shape.line)}</a:ln>' if shape.line else "<a:ln><a:noFill/></a:ln>"
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={_attr(shape.name)}>'
            f"{_DECORATIVE}</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr>{self.xfrm(shape.rect)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{_color(shape.fill)}{line}</p:spPr>'
            '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr dirty="0"/></a:p></p:txBody></p:sp>'
        )

    def table_xml(self, table: TableFrame) -> str:
        ins = table.cell_insets
        grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in table.widths)
        widths_emu = [emu(w) for w in table.widths]
        heights_emu = [emu(h) for h in table.heights]
        rows = []
        no_line = "<a:noFill/>"
        bottom = (
            f'<a:lnB w="9525" cap="flat" cmpd="sng">{_color(table.rule)}</a:lnB>'
            if table.rule
            else f'<a:lnB w="0">{no_line}</a:lnB>'
        )
        tc_pr = (
            f'<a:tcPr marL="{emu(ins.left)}" marR="{emu(ins.right)}" marT="{emu(ins.top)}" marB="{emu(ins.bottom)}" anchor="t">'
            f'<a:lnL w="0">{no_line}</a:lnL><a:lnR w="0">{no_line}</a:lnR>'
            f'<a:lnT w="0">{no_line}</a:lnT>{bottom}'
        )
        for row, h in zip(table.rows, heights_emu, strict=True):
            cells = []
            for cell in row:
                paras = "".join(self.para_xml(p, k == 0) for k, p in enumerate(cell.paras)) or "<a:p/>"
                fill = _color(cell.fill) if cell.fill else "<a:noFill/>"
                cells.append(
                    f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>{tc_pr}{fill}</a:tcPr></a:tc>"
                )
            rows.append(f'<a:tr h="{h}">{"".join(cells)}</a:tr>')
        first = ' firstRow="1"' if table.header else ""
        return (
            "<p:graphicFrame><p:nvGraphicFramePr>"
            f'<p:cNvPr id="{self.new_id()}" name={_attr(table.name)}/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(table.rect.x)}" y="{emu(table.rect.y)}"/>'
            f'<a:ext cx="{sum(widths_emu)}" cy="{sum(heights_emu)}"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f"<a:tbl><a:tblPr{first}><a:tableStyleId>{_NO_STYLE_TABLE}</a:tableStyleId></a:tblPr>"
            f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
        )

    def picture_xml(self, pic: PictureFrame) -> str:
        _, rid = self.part.get_or_add_image_part(pic.path)
        return (
            "<p:pic><p:nvPicPr>"
            f'<p:cNvPr id="{self.new_id()}" name={_attr(pic.name)} descr={_attr(_clean(pic.alt))}/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{self.xfrm(pic.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )


def _placeholder_index(element: Element, by_kind: dict[str, int]) -> int | None:
    """The index of the layout placeholder ``element`` goes into, if it is a placeholder's text and the layout has one."""
    if not isinstance(element, TextBox) or not element.placeholder:
        return None
    kinds = ("title", "ctrTitle") if element.placeholder == "title" else ("subTitle",)
    return next((by_kind[k] for k in kinds if k in by_kind), None)


def _has_rel(part: Any, reltype: str) -> bool:
    """True if ``part`` has a relationship of ``reltype``."""
    return any(rel.reltype == reltype for rel in part.rels.values())


def _fragment(xml: str) -> Any:
    """Shapes (or paragraphs) given as XML, parsed under an element that declares the a/p/r namespaces."""
    return parse_xml(f"<p:spTree {_NSDECLS}>{xml}</p:spTree>")


# ---------------------------------------------------------------------------
# Slides


class _Placeholder(NamedTuple):
    """A placeholder as python-pptx clones it from a layout onto a new slide, as XML with slots to fill."""

    kind: str  # the ph element's type, "obj" when it has none
    id: int
    xml: str  # as cloned
    parts: tuple[str, str, str, str]  # the XML around its name, its shape properties and its text body

    def filled(self, name: str, sp_pr: str, body: str) -> str:
        """The placeholder named ``name`` with ``sp_pr`` as its shape properties and ``body`` as its text body."""
        before_name, before_sp_pr, before_body, end = self.parts
        return f"{before_name}{_attr(name)[1:-1]}{before_sp_pr}{sp_pr}{before_body}{body}{end}"


def _layout_placeholders(layout: Any) -> tuple[_Placeholder, ...]:
    """The placeholders a new slide on ``layout`` gets (python-pptx's clones), ready to fill."""
    from pptx.oxml.slide import CT_Slide
    from pptx.shapes.shapetree import SlideShapes

    tree = CT_Slide.new().cSld.spTree
    SlideShapes(tree, cast(Any, None)).clone_layout_placeholders(layout)  # no part: nothing is related
    out = []
    for sp in _PLACEHOLDERS(tree):
        shell = copy.deepcopy(sp)
        _CNVPR(shell)[0].set("name", _NAME_SLOT)
        sp_pr = shell.find(qn("p:spPr"))
        for child in list(sp_pr):
            sp_pr.remove(child)
        sp_pr.append(etree.Comment(_SP_PR_SLOT))
        body = shell.find(qn("p:txBody"))
        if body is not None:
            shell.remove(body)
        shell.append(etree.Comment(_BODY_SLOT))
        before_name, rest = _inner_xml(shell).split(_NAME_SLOT)
        before_sp_pr, rest = rest.split(f"<!--{_SP_PR_SLOT}-->")
        before_body, end = rest.split(f"<!--{_BODY_SLOT}-->")
        kind = _PH(sp)[0].get("type", "obj")
        sid = int(_CNVPR(sp)[0].get("id"))
        out.append(_Placeholder(kind, sid, _inner_xml(sp), (before_name, before_sp_pr, before_body, end)))
    return tuple(out)


def _inner_xml(element: Any) -> str:
    """A copy of ``element`` serialised inside a slide's shape tree (so without namespace declarations)."""
    wrapper = _fragment("")
    wrapper.append(copy.deepcopy(element))
    xml = etree.tostring(wrapper, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</p:spTree>")]


class _SlideParts:
    """Adds slide parts as python-pptx's ``add_slide`` does, without its look-ups per slide."""

    def __init__(self, prs: Any, base: DeckBase) -> None:
        self.prs_part = prs.part
        self.package = prs.part.package
        self.layouts = base.layouts
        self.sld_ids = prs._element.get_or_add_sldIdLst()
        self.next_id = max([255, *(int(s.get("id")) for s in self.sld_ids.iterchildren(qn("p:sldId")))]) + 1
        self.memo = base.memo

    def placeholders(self, role: str) -> tuple[_Placeholder, ...]:
        """The placeholders of a slide on the layout for ``role``, worked out once per base source."""
        key = f"placeholders:{role}"
        if key not in self.memo:
            self.memo[key] = _layout_placeholders(self.layouts[role])
        return cast(tuple[_Placeholder, ...], self.memo[key])

    def add(self, role: str) -> Any:
        """A new slide part on the layout for ``role``, listed in the presentation; its XML is set by the caller."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import SlidePart

        name = PackURI(f"/ppt/slides/slide{len(self.sld_ids) + 1}.xml")
        part = SlidePart(name, CT.PML_SLIDE, self.package, cast(Any, None))  # the writer sets its XML
        part.relate_to(self.layouts[role].part, RT.SLIDE_LAYOUT)
        r_id = self.prs_part.rels._add_relationship(RT.SLIDE, part)  # relate_to, less its search for a match
        self.sld_ids._add_sldId(id=self.next_id, rId=r_id)
        self.next_id += 1
        return part


# ---------------------------------------------------------------------------
# Notes


class _Notes:
    """Adds notes pages, each parsed once from the XML of the notes page python-pptx makes.

    The first deck of a base has python-pptx make the notes master (unless the template
    has one) and the first page; the base's memo keeps that page's XML and the master's,
    and later decks build both from them, related as python-pptx relates them.
    """

    def __init__(self, prs: Any, memo: dict[str, Any], lang: str) -> None:
        self.prs_part = prs.part
        self.memo = memo
        self.lang = lang
        self.count = 0
        self.master: Any = None

    def add(self, slide_part: Any, planned: Slide) -> None:
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesSlidePart

        self.count += 1
        paras = self.paras_xml(planned)
        if self.master is None and "notes:page" not in self.memo:
            self.first_by_python_pptx(slide_part, paras)
            return
        package = slide_part.package
        if self.master is None:
            self.master = self.notes_master()
            name = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
        else:
            name = PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml")
        before, after = self.memo["notes:page"]
        part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, package, parse_xml(before + paras + after))
        part.relate_to(self.master, RT.NOTES_MASTER)
        part.relate_to(slide_part, RT.SLIDE)
        slide_part.relate_to(part, RT.NOTES_SLIDE)

    def first_by_python_pptx(self, slide_part: Any, paras: str) -> None:
        """The first notes page (and the notes master) as python-pptx makes them; their XML kept in the memo."""
        own_master = _has_rel(self.prs_part, RT.NOTES_MASTER)
        part = slide_part.notes_slide.part
        self.master = part.part_related_by(RT.NOTES_MASTER)
        if not own_master:  # python-pptx's default notes master and its theme, as made
            theme = self.master.part_related_by(RT.THEME)
            self.memo["notes:master"] = (copy.deepcopy(self.master._element), copy.deepcopy(theme._element))
        element = part._element
        body = _NOTES_BODY(element)[0]
        for p in body.findall(qn("a:p")):
            body.remove(p)
        template = copy.deepcopy(element)
        _NOTES_BODY(template)[0].append(etree.Comment(_BODY_SLOT))
        before, after = etree.tostring(template, encoding="unicode").split(f"<!--{_BODY_SLOT}-->")
        self.memo["notes:page"] = (before, after)
        body.extend(list(_fragment(paras)))

    def notes_master(self) -> Any:
        """The template's notes master, else python-pptx's default one made from the memo's copy."""
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.package import XmlPart
        from pptx.opc.packuri import PackURI
        from pptx.parts.slide import NotesMasterPart

        if _has_rel(self.prs_part, RT.NOTES_MASTER):
            return self.prs_part.part_related_by(RT.NOTES_MASTER)
        # as python-pptx's NotesMasterPart.create_default, then PresentationPart.notes_master_part
        master_xml, theme_xml = self.memo["notes:master"]
        package = self.prs_part.package
        name = PackURI("/ppt/notesMasters/notesMaster1.xml")
        master = NotesMasterPart(name, CT.PML_NOTES_MASTER, package, copy.deepcopy(master_xml))
        theme_name = package.next_partname("/ppt/theme/theme%d.xml")
        theme = XmlPart(theme_name, CT.OFC_THEME, package, copy.deepcopy(theme_xml))
        master.relate_to(theme, RT.THEME)
        self.prs_part.relate_to(master, RT.NOTES_MASTER)
        return master

    def paras_xml(self, planned: Slide) -> str:
        out = []
        for runs in planned.notes:
            xml = []
            for run in runs:
                text = _clean(run.text).replace("\n", " ")
                if not text:
                    continue
                font = (
                    f"<a:latin typeface={_attr(run.font)}/><a:cs typeface={_attr(run.font)}/>"
                    if run.font
                    else ""
                )
                xml.append(
                    f'<a:r><a:rPr lang="{self.lang}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">{font}</a:rPr>'
                    f"<a:t>{escape(text)}</a:t></a:r>"
                )
            out.append(f"<a:p>{''.join(xml)}</a:p>")
        return "".join(out)


# ---------------------------------------------------------------------------
# Charts

_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#"))


def _style_text(font: Any, frame: ChartFrame, size: float, color: str, bold: bool = False) -> None:
    font.name = frame.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = _rgb(color)


def _add_chart(slide: Any, frame: ChartFrame) -> None:
    from pptx.chart.data import CategoryChartData  # with XlsxWriter: imported only for a deck with charts

    data = CategoryChartData(number_format=frame.number_format if frame.kind != "pie" else "General")
    data.categories = list(frame.categories)
    for s in frame.series:
        data.add_series(s.name, list(s.values))
    r = frame.rect
    gf = slide.shapes.add_chart(
        _CHART_TYPES[frame.kind], Emu(emu(r.x)), Emu(emu(r.y)), Emu(emu(r.w)), Emu(emu(r.h)), data
    )
    gf.name = frame.name
    cnv = gf._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0]
    cnv.set("descr", _clean(frame.alt))
    chart = gf.chart
    chart.font.name = frame.font
    chart.font.size = Pt(frame.label_size)
    chart.font.color.rgb = _rgb(frame.text_color)
    if frame.title:
        chart.has_title = True
        tf = chart.chart_title.text_frame
        tf.text = frame.title
        _style_text(tf.paragraphs[0].runs[0].font, frame, frame.title_size, frame.text_color, bold=True)
    else:
        chart.has_title = False
        chart._chartSpace.chart.get_or_add_autoTitleDeleted().set("val", "1")
    chart.has_legend = frame.legend
    if frame.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM if frame.kind != "pie" else XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        _style_text(chart.legend.font, frame, frame.label_size, frame.text_color)
    plot = chart.plots[0]
    if frame.kind == "pie":
        plot.vary_by_categories = True
        series = plot.series[0]
        for i, _ in enumerate(frame.categories):
            point = series.points[i]
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = _rgb(frame.colors[i % len(frame.colors)])
            point.format.line.color.rgb = _rgb("#FFFFFF")
    else:
        plot.vary_by_categories = False
        if frame.kind in ("bar", "column"):
            plot.gap_width = 60
            plot.overlap = -10 if len(frame.series) > 1 else 0
        for i, series in enumerate(plot.series):
            colour = _rgb(frame.colors[i % len(frame.colors)])
            if frame.kind == "line":
                series.format.line.color.rgb = colour
                series.format.line.width = Pt(2.5)
                series.smooth = False
                series.marker.format.fill.solid()
                series.marker.format.fill.fore_color.rgb = colour
                series.marker.format.line.color.rgb = colour
            else:
                series.format.fill.solid()
                series.format.fill.fore_color.rgb = colour
        value_axis = chart.value_axis
        value_axis.has_major_gridlines = True
        value_axis.major_gridlines.format.line.color.rgb = _rgb(frame.grid_color)
        value_axis.major_gridlines.format.line.width = Pt(0.75)
        value_axis.format.line.fill.background()
        if frame.axis is not None:
            low, high, step = frame.axis
            value_axis.minimum_scale = low
            value_axis.maximum_scale = high
            value_axis.major_unit = step
        value_axis.tick_labels.number_format = frame.axis_format
        value_axis.tick_labels.number_format_is_linked = False
        _style_text(value_axis.tick_labels.font, frame, frame.label_size, frame.muted_color)
        if frame.unit:
            value_axis.has_title = True
            value_axis.axis_title.text_frame.text = frame.unit
            _style_text(
                value_axis.axis_title.text_frame.paragraphs[0].runs[0].font,
                frame,
                frame.label_size,
                frame.muted_color,
            )
        category_axis = chart.category_axis
        category_axis.format.line.color.rgb = _rgb(frame.grid_color)
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
        _style_text(category_axis.tick_labels.font, frame, frame.label_size, frame.text_color)
        category_axis.has_major_gridlines = False
        if frame.kind == "bar":
            # The memo reads a bar chart top-down: first category (and first series) on top. Reversed, the
            # category axis would take the value axis to the top; it crosses at the category axis's end.
            category_axis.reverse_order = True
            _value_axis_crosses_at_end(value_axis)
    if frame.data_labels:
        plot.has_data_labels = True
        labels = plot.data_labels
        labels.font.name = frame.font
        labels.font.size = Pt(frame.label_size)
        labels.font.color.rgb = _rgb(frame.text_color)
        if frame.kind == "pie":
            labels.show_percentage = True
            labels.show_value = False
            labels.number_format = "0%"
            labels.number_format_is_linked = False
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
        else:
            labels.show_value = True
            labels.number_format = frame.number_format
            labels.number_format_is_linked = False
            labels.position = (
                XL_LABEL_POSITION.ABOVE if frame.kind == "line" else XL_LABEL_POSITION.OUTSIDE_END
            )
    _fix_workbook(gf.chart.part)


def _value_axis_crosses_at_end(value_axis: Any) -> None:
    """Put the value axis where the category axis ends (at the bottom of a reversed bar chart)."""
    # python-pptx's ``crosses`` writes the *other* axis's element (where the category axis crosses this one)
    val_ax = value_axis._element
    val_ax._remove_crossesAt()
    val_ax.get_or_add_crosses().val = XL_AXIS_CROSSES.MAXIMUM


def _fix_workbook(chart_part: Any) -> None:
    """Make the embedded workbook reproducible: XlsxWriter stamps its creation time."""
    workbook = chart_part.chart_workbook
    xlsx = workbook.xlsx_part
    if xlsx is None:
        return
    src = zipfile.ZipFile(io.BytesIO(xlsx.blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>1980-01-01T00:00:00Z", data
                )
            zi = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    xlsx.blob = out.getvalue()
