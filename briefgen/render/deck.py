"""Draw a :class:`~briefgen.layout.slides.DeckPlan` into PPTX bytes with python-pptx; nothing is measured here.

Every element of the plan becomes one shape, in the plan's reading order (the
title placeholder first): text frames word-wrapped with auto-fit off and the
planned insets, exact line spacing and sizes, each run naming its font family;
native tables with the planned column widths and row heights; native charts
with their data embedded; pictures with their alt text as description. The
zip is rewritten so that the same brief and epoch give the same bytes.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

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
from briefgen.markup import Run
from briefgen.render import Rendered
from briefgen.render.deck_package import DocumentInfo, epoch_datetime, package_bytes, set_document_info
from briefgen.render.deck_template import DeckBase, open_base

if TYPE_CHECKING:
    from briefgen.loader import LoadedBrief
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

# XPath expressions compiled once (an element's .xpath() compiles its expression on every call)
_NS = namespaces("a", "p", "r")
_SHAPE_IDS = etree.XPath("//p:cNvPr/@id", namespaces=_NS)
_PLACEHOLDERS = etree.XPath("./p:sp[p:nvSpPr/p:nvPr/p:ph]", namespaces=_NS)
_PH = etree.XPath("./p:nvSpPr/p:nvPr/p:ph", namespaces=_NS)
_CNVPR = etree.XPath("./p:nvSpPr/p:cNvPr", namespaces=_NS)
_NOTES_BODY = etree.XPath('.//p:sp[p:nvSpPr/p:nvPr/p:ph[@type="body"]]/p:txBody', namespaces=_NS)


def emu(pt: float) -> int:
    """Points to EMU, rounded to a whole EMU."""
    return int(round(pt * _EMU_PER_PT))


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
    notes = _Notes(prs, lang)
    placeholders: dict[int, list[Any]] = {}
    for slide in plan.slides:
        s = _new_slide(prs, base.layouts[slide.layout], placeholders)
        _SlideWriter(s, lang).draw(slide)
        if slide.notes:
            notes.add(s, slide)
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


def _color(hex_colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_colour.lstrip("#").upper()}"/></a:solidFill>'


class _SlideWriter:
    """Appends a slide's elements to its shape tree, as XML, in reading order."""

    def __init__(self, slide: Any, lang: str) -> None:
        self.slide = slide
        self.lang = lang
        self.tree = slide.shapes._spTree
        self.next_id = max((int(x) for x in _SHAPE_IDS(self.tree)), default=1) + 1

    # -- helpers ----------------------------------------------------------------

    def new_id(self) -> int:
        n = self.next_id
        self.next_id += 1
        return n

    def link(self, url: str) -> str:
        return self.slide.part.relate_to(url, RT.HYPERLINK, is_external=True)

    def runs_xml(self, para: Para, field: str | None = None) -> str:
        out = []
        size = int(round(para.size * 100))
        for run in para.runs:
            pieces = _clean(run.text).split("\n")
            for k, piece in enumerate(pieces):
                if k:
                    out.append(f'<a:br><a:rPr lang="{self.lang}" sz="{size}"/></a:br>')
                if piece:
                    out.append(self.run_xml(run, piece, para, size, field))
        return "".join(out)

    def run_xml(self, run: Run, text: str, para: Para, size: int, field: str | None) -> str:
        font = run.font or para.font
        attrs = f'lang="{self.lang}" sz="{size}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0"'
        link = f'<a:hlinkClick r:id="{self.link(run.href)}"/>' if run.href else ""
        props = (
            f"<a:rPr {attrs}>{_color(para.color)}"
            f"<a:latin typeface={quoteattr(font)}/><a:ea typeface={quoteattr(font)}/><a:cs typeface={quoteattr(font)}/>"
            f"{link}</a:rPr>"
        )
        if field:
            return f'<a:fld id="{_SLIDENUM_FIELD}" type="{field}">{props}<a:t>{escape(text)}</a:t></a:fld>'
        return f"<a:r>{props}<a:t>{escape(text)}</a:t></a:r>"

    def para_xml(self, para: Para, first: bool, field: str | None = None) -> str:
        attrs = f'algn="{_ALIGN[para.align]}"'
        bullet = "<a:buNone/>"
        if para.bullet or para.number:
            attrs += f' marL="{emu(para.indent)}" indent="{-emu(para.indent)}"'
            if para.number:
                bullet = f'<a:buFont typeface={quoteattr(para.font)}/><a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>'
            else:
                bullet = f'<a:buFont typeface="Arial"/><a:buChar char={quoteattr(para.bullet or "•")}/>'
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
        placeholders = {_PH(sp)[0].get("type", "obj"): sp for sp in _PLACEHOLDERS(self.tree)}
        used: set[int] = set()
        for element in slide.elements():
            if isinstance(element, TextBox) and element.placeholder:
                kinds = ("title", "ctrTitle") if element.placeholder == "title" else ("subTitle",)
                sp = next((placeholders[k] for k in kinds if k in placeholders), None)
                if sp is not None:
                    self.fill_placeholder(sp, element)
                    used.add(id(sp))
                    continue
            self.add(element)
        for sp in placeholders.values():
            if id(sp) not in used:
                self.tree.remove(sp)

    def add(self, element: Element) -> None:
        if isinstance(element, TextBox):
            self.tree.append(parse_xml(self.textbox_xml(element)))
        elif isinstance(element, Shape):
            self.tree.append(parse_xml(self.shape_xml(element)))
        elif isinstance(element, TableFrame):
            self.tree.append(parse_xml(self.table_xml(element)))
        elif isinstance(element, PictureFrame):
            self.tree.append(parse_xml(self.picture_xml(element)))
        elif isinstance(element, ChartFrame):
            _add_chart(self.slide, element)
            self.next_id = max((int(x) for x in _SHAPE_IDS(self.tree)), default=1) + 1

    def xfrm(self, r: Rect, ns: str = "a") -> str:
        return (
            f'<{ns}:xfrm><a:off x="{emu(r.x)}" y="{emu(r.y)}"/>'
            f'<a:ext cx="{emu(r.w)}" cy="{emu(r.h)}"/></{ns}:xfrm>'
        )

    def fill_placeholder(self, sp: Any, box: TextBox) -> None:
        _CNVPR(sp)[0].set("name", box.name)
        sp_pr = sp.find(qn("p:spPr"))
        for child in list(sp_pr):
            sp_pr.remove(child)
        sp_pr.append(
            parse_xml(
                f'<a:xfrm {nsdecls("a")}><a:off x="{emu(box.rect.x)}" y="{emu(box.rect.y)}"/><a:ext cx="{emu(box.rect.w)}" cy="{emu(box.rect.h)}"/></a:xfrm>'
            )
        )
        sp_pr.append(parse_xml(f'<a:prstGeom {nsdecls("a")} prst="rect"><a:avLst/></a:prstGeom>'))
        sp_pr.append(parse_xml(f"<a:noFill {nsdecls('a')}/>" if not box.fill else _with_ns(_color(box.fill))))
        old = sp.find(qn("p:txBody"))
        if old is not None:
            sp.remove(old)
        sp.append(parse_xml(_with_ns(self.body_xml(box))))

    def textbox_xml(self, box: TextBox) -> str:
        fill = _color(box.fill) if box.fill else "<a:noFill/>"
        field = "slidenum" if box.name == "Slide number" else None
        return (
            f'<p:sp {nsdecls("a", "p", "r")}><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={quoteattr(box.name)}/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{self.xfrm(box.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
            f"{self.body_xml(box, field=field)}</p:sp>"
        )

    def shape_xml(self, shape: Shape) -> str:
        geom = "roundRect" if shape.kind == "rounded" else "rect"
        line = f'<a:ln w="9525">{_color(shape.line)}</a:ln>' if shape.line else "<a:ln><a:noFill/></a:ln>"
        return (
            f'<p:sp {nsdecls("a", "p")}><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={quoteattr(shape.name)}>'
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
        for row, h in zip(table.rows, heights_emu, strict=True):
            cells = []
            for cell in row:
                paras = "".join(self.para_xml(p, k == 0) for k, p in enumerate(cell.paras)) or "<a:p/>"
                bottom = (
                    f'<a:lnB w="9525" cap="flat" cmpd="sng">{_color(table.rule)}</a:lnB>'
                    if table.rule
                    else f'<a:lnB w="0">{no_line}</a:lnB>'
                )
                fill = _color(cell.fill) if cell.fill else "<a:noFill/>"
                cells.append(
                    "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>"
                    f"{paras}</a:txBody>"
                    f'<a:tcPr marL="{emu(ins.left)}" marR="{emu(ins.right)}" marT="{emu(ins.top)}" marB="{emu(ins.bottom)}" anchor="t">'
                    f'<a:lnL w="0">{no_line}</a:lnL><a:lnR w="0">{no_line}</a:lnR>'
                    f'<a:lnT w="0">{no_line}</a:lnT>{bottom}{fill}</a:tcPr></a:tc>'
                )
            rows.append(f'<a:tr h="{h}">{"".join(cells)}</a:tr>')
        first = ' firstRow="1"' if table.header else ""
        return (
            f"<p:graphicFrame {nsdecls('a', 'p', 'r')}><p:nvGraphicFramePr>"
            f'<p:cNvPr id="{self.new_id()}" name={quoteattr(table.name)}/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(table.rect.x)}" y="{emu(table.rect.y)}"/>'
            f'<a:ext cx="{sum(widths_emu)}" cy="{sum(heights_emu)}"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f"<a:tbl><a:tblPr{first}><a:tableStyleId>{_NO_STYLE_TABLE}</a:tableStyleId></a:tblPr>"
            f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
        )

    def picture_xml(self, pic: PictureFrame) -> str:
        _, rid = self.slide.part.get_or_add_image_part(pic.path)
        return (
            f"<p:pic {nsdecls('a', 'p', 'r')}><p:nvPicPr>"
            f'<p:cNvPr id="{self.new_id()}" name={quoteattr(pic.name)} descr={quoteattr(_clean(pic.alt))}/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{self.xfrm(pic.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )


def _with_ns(xml: str) -> str:
    """Give the first element of an XML fragment the a/p/r namespace declarations."""
    m = re.match(r"<([\w:]+)", xml)
    assert m
    return xml[: m.end()] + " " + nsdecls("a", "p", "r") + xml[m.end() :]


# ---------------------------------------------------------------------------
# Notes


def _new_slide(prs: Any, layout: Any, cache: dict[int, list[Any]]) -> Any:
    """A slide on ``layout`` with the layout's placeholders; they are cloned once per layout, then copied."""
    r_id, slide = prs.part.add_slide(layout)
    prs.slides._sldIdLst.add_sldId(r_id)
    tree = slide.shapes._spTree
    key = id(layout)
    if key not in cache:
        slide.shapes.clone_layout_placeholders(layout)
        cache[key] = [copy.deepcopy(sp) for sp in _PLACEHOLDERS(tree)]
    else:
        for sp in cache[key]:
            tree.append(copy.deepcopy(sp))
    return slide


class _Notes:
    """Adds notes pages: the first through python-pptx (which makes the notes master), the rest copied from it."""

    def __init__(self, prs: Any, lang: str) -> None:
        self.prs = prs
        self.lang = lang
        self.count = 0
        self.template: Any = None
        self.master: Any = None

    def add(self, slide: Any, planned: Slide) -> None:
        self.count += 1
        if self.template is None:
            part = slide.notes_slide.part
            self.template = copy.deepcopy(part._element)
            self.master = part.part_related_by(RT.NOTES_MASTER)
            element = part._element
        else:
            from pptx.opc.constants import CONTENT_TYPE as CT
            from pptx.opc.packuri import PackURI
            from pptx.parts.slide import NotesSlidePart

            element = copy.deepcopy(self.template)
            name = PackURI(f"/ppt/notesSlides/notesSlide{self.count}.xml")
            part = NotesSlidePart(name, CT.PML_NOTES_SLIDE, slide.part.package, element)
            part.relate_to(self.master, RT.NOTES_MASTER)
            part.relate_to(slide.part, RT.SLIDE)
            slide.part.relate_to(part, RT.NOTES_SLIDE)
        body = _NOTES_BODY(element)[0]
        for p in body.findall(qn("a:p")):
            body.remove(p)
        for runs in planned.notes:
            xml = []
            for run in runs:
                text = _clean(run.text).replace("\n", " ")
                if not text:
                    continue
                font = (
                    f"<a:latin typeface={quoteattr(run.font)}/><a:cs typeface={quoteattr(run.font)}/>"
                    if run.font
                    else ""
                )
                xml.append(
                    f'<a:r><a:rPr lang="{self.lang}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">{font}</a:rPr>'
                    f"<a:t>{escape(text)}</a:t></a:r>"
                )
            body.append(parse_xml(f"<a:p {nsdecls('a')}>{''.join(xml)}</a:p>"))


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
