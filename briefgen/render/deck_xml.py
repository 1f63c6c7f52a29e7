"""The XML of a slide's shapes, drawn from the plan's elements: text boxes, decor shapes, tables, pictures.

Each function returns the shape as python-pptx would hold it in a slide's shape
tree (the a/p/r prefixes declared by the slide's root): text word-wrapped with
autofit only where the plan marks it and the planned insets, exact line spacing and sizes, each run naming
its font family; tables with the planned column widths and row heights; pictures
with their alt text as description. Nothing is measured here.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from briefgen.layout.scripts import is_rtl_text
from briefgen.layout.slides import Element, Para, PictureFrame, Rect, Shape, TableFrame, TextBox
from briefgen.load.markup import Run
from briefgen.render.pptx_internals import relate_hyperlink, relate_image

__all__ = ["ShapeXml", "attr", "clean", "color", "emu", "typefaces"]

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
_MIRRORED = {"left": "right", "right": "left"}
_HEX_COLOUR = re.compile("[0-9A-F]{6}")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def emu(pt: float) -> int:
    """Points to EMU, rounded to a whole EMU."""
    return round(pt * _EMU_PER_PT)


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def attr(value: str) -> str:
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


def color(hex_colour: str) -> str:
    """A solid fill of ``hex_colour`` (``#RRGGBB``); nothing for an empty colour, which the template's styles give.

    Raises :class:`ValueError` on anything but six hex digits, so no file ever holds an invalid colour.
    """
    if not hex_colour:
        return ""
    value = hex_colour.lstrip("#").upper()
    if not _HEX_COLOUR.fullmatch(value):
        raise ValueError(f"not a #RRGGBB colour: {hex_colour!r}")
    return f'<a:solidFill><a:srgbClr val="{value}"/></a:solidFill>'


def typefaces(family: str) -> str:
    """The Latin, East Asian and complex-script typefaces of a run; nothing for an empty family (the template's)."""
    if not family:
        return ""
    font = attr(family)
    return f"<a:latin typeface={font}/><a:ea typeface={font}/><a:cs typeface={font}/>"


def xfrm(r: Rect, ns: str = "a") -> str:
    """The position and size of ``r`` as an ``xfrm`` element of namespace ``ns``."""
    return f'<{ns}:xfrm><a:off x="{emu(r.x)}" y="{emu(r.y)}"/><a:ext cx="{emu(r.w)}" cy="{emu(r.h)}"/></{ns}:xfrm>'


class ShapeXml:
    """Writes the shapes of one slide part: numbers them from ``next_id`` and relates its links and images."""

    def __init__(self, part: Any, lang: str, next_id: int) -> None:
        self.part = part
        self.lang = lang
        self.next_id = next_id

    def new_id(self) -> int:
        """The next free shape id of the slide."""
        n = self.next_id
        self.next_id += 1
        return n

    # -- text -------------------------------------------------------------------

    def runs_xml(self, para: Para, field: str | None = None) -> str:
        """The runs of ``para``, its newlines as line breaks; each run a ``field`` when one is given."""
        out = []
        size = round(para.size * 100)
        for run in para.runs:
            props = ""  # made at the run's first piece of text: a run without any adds no link
            for k, piece in enumerate(clean(run.text).split("\n")):
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
        """The run's properties: language, size, weight, slant, colour, font family and link."""
        link = ""
        if run.href:
            link = f'<a:hlinkClick r:id="{relate_hyperlink(self.part, run.href)}"/>'
        return (
            f'<a:rPr lang="{self.lang}" sz="{size}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">'
            f"{color(para.color)}{typefaces(run.font or para.font)}"
            f"{link}</a:rPr>"
        )

    def para_xml(self, para: Para, first: bool, field: str | None = None) -> str:
        """One paragraph: alignment, bullet or number, exact line spacing and the space before unless ``first``."""
        rtl = is_rtl_text("".join(run.text for run in para.runs))
        if rtl:  # PowerPoint and LibreOffice shape the text; the paragraph runs and aligns from the right
            attrs = f'algn="{_ALIGN[_MIRRORED.get(para.align, para.align)]}" rtl="1"'
        else:
            attrs = f'algn="{_ALIGN[para.align]}"'
        bullet = "<a:buNone/>"
        if para.bullet or para.number:
            attrs += f' marL="{emu(para.indent)}" indent="{-emu(para.indent)}"'
            if para.number:
                bu_font = f"<a:buFont typeface={attr(para.font)}/>" if para.font else ""
                bullet = f'{bu_font}<a:buAutoNum type="arabicPeriod" startAt="{para.number}"/>'
            else:
                bullet = f'<a:buFont typeface="Arial"/><a:buChar char={attr(para.bullet or "•")}/>'
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
        """The text body of ``box``: word-wrapped, the planned insets and anchor, autofit where the plan asks."""
        ins = box.insets
        fit = "<a:normAutofit/>" if box.autofit else "<a:noAutofit/>"
        body_pr = (
            f'<a:bodyPr wrap="square" lIns="{emu(ins.left)}" tIns="{emu(ins.top)}" rIns="{emu(ins.right)}" '
            f'bIns="{emu(ins.bottom)}" anchor="{_ANCHOR[box.anchor]}" anchorCtr="0" rtlCol="0">{fit}</a:bodyPr>'
        )
        paras = "".join(self.para_xml(p, k == 0, field) for k, p in enumerate(box.paras)) or "<a:p/>"
        return f"<{tag}>{body_pr}<a:lstStyle/>{paras}</{tag}>"

    # -- shapes -----------------------------------------------------------------

    def element_xml(self, element: Element) -> str:
        """The shape of any element but a chart."""
        if isinstance(element, TextBox):
            return self.textbox_xml(element)
        if isinstance(element, Shape):
            return self.shape_xml(element)
        if isinstance(element, TableFrame):
            return self.table_xml(element)
        assert isinstance(element, PictureFrame)
        return self.picture_xml(element)

    def placeholder_sp_pr(self, box: TextBox) -> str:
        """The shape properties a placeholder takes from ``box``: its place, size and fill."""
        fill = color(box.fill) if box.fill else "<a:noFill/>"
        return f'{xfrm(box.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}'

    def textbox_xml(self, box: TextBox) -> str:
        """A text box; the one named "Slide number" holds the slide number field."""
        fill = color(box.fill) if box.fill else "<a:noFill/>"
        field = "slidenum" if box.name == "Slide number" else None
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={attr(box.name)}/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
            f'<p:spPr>{xfrm(box.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill}<a:ln><a:noFill/></a:ln></p:spPr>'
            f"{self.body_xml(box, field=field)}</p:sp>"
        )

    def shape_xml(self, shape: Shape) -> str:
        """A decor shape, marked decorative, its text body empty."""
        geom = "roundRect" if shape.kind == "rounded" else "rect"
        line = f'<a:ln w="9525">{color(shape.line)}</a:ln>' if shape.line else "<a:ln><a:noFill/></a:ln>"
        return (
            f'<p:sp><p:nvSpPr><p:cNvPr id="{self.new_id()}" name={attr(shape.name)}>'
            f"{_DECORATIVE}</p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
            f'<p:spPr>{xfrm(shape.rect)}<a:prstGeom prst="{geom}"><a:avLst/></a:prstGeom>{color(shape.fill) or "<a:noFill/>"}{line}</p:spPr>'
            '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr dirty="0"/></a:p></p:txBody></p:sp>'
        )

    def table_xml(self, table: TableFrame) -> str:
        """A native table without a style: the planned column widths, row heights, insets, fills and rule."""
        ins = table.cell_insets
        grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in table.widths)
        widths_emu = [emu(w) for w in table.widths]
        heights_emu = [emu(h) for h in table.heights]
        no_line = "<a:noFill/>"
        bottom = (
            f'<a:lnB w="9525" cap="flat" cmpd="sng">{color(table.rule)}</a:lnB>'
            if table.rule
            else f'<a:lnB w="0">{no_line}</a:lnB>'
        )
        tc_pr = (
            f'<a:tcPr marL="{emu(ins.left)}" marR="{emu(ins.right)}" marT="{emu(ins.top)}" marB="{emu(ins.bottom)}" anchor="t">'
            f'<a:lnL w="0">{no_line}</a:lnL><a:lnR w="0">{no_line}</a:lnR>'
            f'<a:lnT w="0">{no_line}</a:lnT>{bottom}'
        )
        rows = []
        for row, h in zip(table.rows, heights_emu, strict=True):
            cells = []
            for cell in row:
                paras = "".join(self.para_xml(p, k == 0) for k, p in enumerate(cell.paras)) or "<a:p/>"
                fill = color(cell.fill) if cell.fill else "<a:noFill/>"
                cells.append(
                    f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>{tc_pr}{fill}</a:tcPr></a:tc>"
                )
            rows.append(f'<a:tr h="{h}">{"".join(cells)}</a:tr>')
        first = ' firstRow="1"' if table.header else ""
        return (
            "<p:graphicFrame><p:nvGraphicFramePr>"
            f'<p:cNvPr id="{self.new_id()}" name={attr(table.name)}/>'
            '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{emu(table.rect.x)}" y="{emu(table.rect.y)}"/>'
            f'<a:ext cx="{sum(widths_emu)}" cy="{sum(heights_emu)}"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
            f"<a:tbl><a:tblPr{first}><a:tableStyleId>{_NO_STYLE_TABLE}</a:tableStyleId></a:tblPr>"
            f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
        )

    def picture_xml(self, pic: PictureFrame) -> str:
        """A picture of the image file, stretched to its planned frame, its alt text as description."""
        rid = relate_image(self.part, pic.path)
        return (
            "<p:pic><p:nvPicPr>"
            f'<p:cNvPr id="{self.new_id()}" name={attr(pic.name)} descr={attr(clean(pic.alt))}/>'
            '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
            f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
            f'<p:spPr>{xfrm(pic.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
        )
