"""Slides and notes pages written as XML and parsed once, on the parts python-pptx would make.

A slide's XML is python-pptx's new slide (:data:`~briefgen.render.pptx_internals.SLIDE_HEAD`),
the layout's placeholders as python-pptx clones them (filled, unused ones left out),
then every other shape in the plan's reading order. A slide with a chart is built
in steps, the chart added by python-pptx where it falls in the reading order.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple
from xml.sax.saxutils import escape

from lxml import etree

from briefgen.layout.slides import ChartFrame, Element, Slide, TextBox
from briefgen.render.deck_chart import add_chart
from briefgen.render.deck_template import BaseMemo
from briefgen.render.deck_xml import ShapeXml, attr, clean
from briefgen.render.pptx_internals import (
    NAMESPACES,
    NSDECLS,
    SLIDE_HEAD,
    SLIDE_TAIL,
    add_default_notes_master,
    add_notes_page,
    first_notes_page,
    new_slide_tree,
    notes_master_elements,
    parse_xml,
    qn,
    set_slide_xml,
    shape_tree,
    slide_of,
    template_notes_master,
)

__all__ = ["Notes", "Placeholder", "SlideWriter", "layout_placeholders"]

# where XML taken from python-pptx's elements is cut open to be filled
_NAME_SLOT = "briefgen\ue000name"
_SP_PR_SLOT = "briefgen:spPr"
_BODY_SLOT = "briefgen:body"

# XPath expressions compiled once (an element's .xpath() compiles its expression on every call)
_SHAPE_IDS = etree.XPath("//p:cNvPr/@id", namespaces=NAMESPACES)
_PLACEHOLDERS = etree.XPath("./p:sp[p:nvSpPr/p:nvPr/p:ph]", namespaces=NAMESPACES)
_PH = etree.XPath("./p:nvSpPr/p:nvPr/p:ph", namespaces=NAMESPACES)
_CNVPR = etree.XPath("./p:nvSpPr/p:cNvPr", namespaces=NAMESPACES)
_NOTES_BODY = etree.XPath('.//p:sp[p:nvSpPr/p:nvPr/p:ph[@type="body"]]/p:txBody', namespaces=NAMESPACES)


def _fragment(xml: str) -> Any:
    """Shapes (or paragraphs) given as XML, parsed under an element that declares the a/p/r namespaces."""
    return parse_xml(f"<p:spTree {NSDECLS}>{xml}</p:spTree>")


def _inner_xml(element: Any) -> str:
    """A copy of ``element`` serialised inside a slide's shape tree (so without namespace declarations)."""
    wrapper = _fragment("")
    wrapper.append(copy.deepcopy(element))
    xml = etree.tostring(wrapper, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</p:spTree>")]


# ---------------------------------------------------------------------------
# Placeholders


class Placeholder(NamedTuple):
    """A placeholder as python-pptx clones it from a layout onto a new slide, as XML with slots to fill."""

    kind: str  # the ph element's type, "obj" when it has none
    id: int
    xml: str  # as cloned
    parts: tuple[str, str, str, str]  # the XML around its name, its shape properties and its text body

    def filled(self, name: str, sp_pr: str, body: str) -> str:
        """The placeholder named ``name`` with ``sp_pr`` as its shape properties and ``body`` as its text body."""
        before_name, before_sp_pr, before_body, end = self.parts
        return f"{before_name}{attr(name)[1:-1]}{before_sp_pr}{sp_pr}{before_body}{body}{end}"


def layout_placeholders(layout: Any) -> tuple[Placeholder, ...]:
    """The placeholders a new slide on ``layout`` gets (python-pptx's clones), ready to fill."""
    out = []
    for sp in _PLACEHOLDERS(new_slide_tree(layout)):
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
        out.append(Placeholder(kind, sid, _inner_xml(sp), (before_name, before_sp_pr, before_body, end)))
    return tuple(out)


def memo_placeholders(memo: BaseMemo, role: str, layout: Any) -> tuple[Placeholder, ...]:
    """The placeholders of a slide on the layout for ``role``, worked out once per base source."""
    if role not in memo.placeholders:
        memo.placeholders[role] = layout_placeholders(layout)
    placeholders: tuple[Placeholder, ...] = memo.placeholders[role]
    return placeholders


def _placeholder_index(element: Element, by_kind: dict[str, int]) -> int | None:
    """The index of the layout placeholder ``element`` goes into, if it is a placeholder's text and the layout has one."""
    if not isinstance(element, TextBox) or not element.placeholder:
        return None
    kinds = ("title", "ctrTitle") if element.placeholder == "title" else ("subTitle",)
    return next((by_kind[k] for k in kinds if k in by_kind), None)


# ---------------------------------------------------------------------------
# Slides


class SlideWriter:
    """Writes a slide's elements, in reading order, as the XML of its shape tree, parsed once."""

    def __init__(self, part: Any, lang: str, placeholders: tuple[Placeholder, ...]) -> None:
        self.part = part
        self.placeholders = placeholders
        self.xml = ShapeXml(part, lang, max([1, *(ph.id for ph in placeholders)]) + 1)

    def placeholder_xml(self, ph: Placeholder, box: TextBox) -> str:
        """The layout's placeholder named after ``box``, in its place and size, holding its text."""
        return ph.filled(box.name, self.xml.placeholder_sp_pr(box), self.xml.body_xml(box))

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
                shapes.append(self.xml.element_xml(element))
        placeholders = "".join(
            filled.get(k, ph.xml)
            for k, ph in enumerate(self.placeholders)
            if k in filled or k not in reachable
        )
        set_slide_xml(self.part, f"{SLIDE_HEAD}{placeholders}{''.join(shapes)}{SLIDE_TAIL}")

    def draw_in_steps(self, elements: tuple[Element, ...], by_kind: dict[str, int]) -> None:
        """:meth:`draw` for a slide with a chart: the shapes up to each chart parsed together, the chart added after."""
        placeholders = "".join(ph.xml for ph in self.placeholders)
        set_slide_xml(self.part, f"{SLIDE_HEAD}{placeholders}{SLIDE_TAIL}")
        tree = shape_tree(self.part)
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
                add_chart(slide_of(self.part), element)
                self.xml.next_id = max((int(x) for x in _SHAPE_IDS(tree)), default=1) + 1
            else:
                pending.append(self.xml.element_xml(element))
        tree.extend(list(_fragment("".join(pending))))
        for k in set(by_kind.values()) - used:
            tree.remove(sps[k])


# ---------------------------------------------------------------------------
# Notes


class Notes:
    """Adds notes pages, each parsed once from the XML of the notes page python-pptx makes.

    The first deck of a base has python-pptx make the notes master (unless the template
    has one) and the first page; the base's memo keeps that page's XML and the master's,
    and later decks build both from them, related as python-pptx relates them.
    """

    def __init__(self, prs: Any, memo: BaseMemo, lang: str) -> None:
        self.prs = prs
        self.memo = memo
        self.lang = lang
        self.count = 0
        self.master: Any = None

    def add(self, slide_part: Any, planned: Slide) -> None:
        """Give ``slide_part`` a notes page holding the planned slide's notes."""
        self.count += 1
        paras = self.paras_xml(planned)
        if self.master is None and self.memo.notes_page is None:
            self.first_by_python_pptx(slide_part, paras)
            return
        number: int | None = self.count
        if self.master is None:
            self.master = self.notes_master()
            number = None
        assert self.memo.notes_page is not None
        before, after = self.memo.notes_page
        add_notes_page(slide_part, self.master, parse_xml(before + paras + after), number)

    def first_by_python_pptx(self, slide_part: Any, paras: str) -> None:
        """The first notes page (and the notes master) as python-pptx makes them; their XML kept in the memo."""
        own_master = template_notes_master(self.prs) is not None
        element, self.master = first_notes_page(slide_part)
        if not own_master:  # python-pptx's default notes master and its theme, as made
            self.memo.notes_master = tuple(copy.deepcopy(e) for e in notes_master_elements(self.master))
        body = _NOTES_BODY(element)[0]
        for p in body.findall(qn("a:p")):
            body.remove(p)
        template = copy.deepcopy(element)
        _NOTES_BODY(template)[0].append(etree.Comment(_BODY_SLOT))
        before, after = etree.tostring(template, encoding="unicode").split(f"<!--{_BODY_SLOT}-->")
        self.memo.notes_page = (before, after)
        body.extend(list(_fragment(paras)))

    def notes_master(self) -> Any:
        """The template's notes master, else python-pptx's default one made from the memo's copy."""
        own = template_notes_master(self.prs)
        if own is not None:
            return own
        assert self.memo.notes_master is not None, "the first deck of a base keeps the notes master"
        master_xml, theme_xml = self.memo.notes_master
        return add_default_notes_master(self.prs, copy.deepcopy(master_xml), copy.deepcopy(theme_xml))

    def paras_xml(self, planned: Slide) -> str:
        """The notes' paragraphs, one per planned paragraph, newlines as spaces."""
        out = []
        for runs in planned.notes:
            xml = []
            for run in runs:
                text = clean(run.text).replace("\n", " ")
                if not text:
                    continue
                font = (
                    f"<a:latin typeface={attr(run.font)}/><a:cs typeface={attr(run.font)}/>"
                    if run.font
                    else ""
                )
                xml.append(
                    f'<a:r><a:rPr lang="{self.lang}" b="{int(run.bold)}" i="{int(run.italic)}" dirty="0">{font}</a:rPr>'
                    f"<a:t>{escape(text)}</a:t></a:r>"
                )
            out.append(f"<a:p>{''.join(xml)}</a:p>")
        return "".join(out)
