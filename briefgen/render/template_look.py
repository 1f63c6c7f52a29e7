"""A template's look, read from its XML: colour scheme, font scheme, the background behind the text and the body area.

:func:`read_look` is pure over a python-pptx presentation; :func:`template_palette`
turns a look into a briefgen palette whose text colours meet WCAG AA on that
background; :func:`contrast_warnings` checks every planned text run against what
is behind it.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from briefgen.errors import Diagnostic
from briefgen.layout.deck_context import SlideFrame
from briefgen.layout.slides import DeckPlan, Rect, TableFrame, TextBox
from briefgen.theme import Palette, contrast_ratio

__all__ = [
    "AA",
    "TemplateLook",
    "agreeing",
    "contrast_warnings",
    "decorations",
    "free_area",
    "placeholder_rect",
    "read_look",
    "readable",
    "template_palette",
    "with_title",
]

AA = 4.5
"""WCAG AA contrast for body text."""

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_SCHEME_ALIASES = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2", "phClr": "dk1"}
_SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


@dataclass(frozen=True)
class TemplateLook:
    """What a template's theme and layouts say about colours, fonts and where content goes (points)."""

    scheme: tuple[tuple[str, str], ...]
    """The colour scheme, ``(slot, #RRGGBB)`` for dk1, lt1, dk2, lt2, accent1–6 (those found)."""
    major_font: str
    minor_font: str
    background: str
    """The colour behind a content slide's text: its layout's or master's background, or a picture over it."""
    body: Rect | None
    """The body placeholder of the title-and-content layout."""
    body_layout: str | None
    body_title: Rect | None = None
    """The title placeholder of the title-and-content layout."""
    title_colour: str | None = None
    """The colour the content layout gives its title text (its placeholder's, else the master's title style)."""
    title_behind: str | None = None
    """The colour behind the content layout's title: a decoration under it (a title bar), else the background."""
    cover: tuple[str | None, str | None] = (None, None)
    """The title slide's title colour and what lies behind it, as ``title_colour`` and ``title_behind``."""
    numbers_slides: bool = False
    """The content layout (or the master it shows) prints the slide number itself, in a shape of its own."""
    decorations: tuple[Rect, ...] = ()
    """The boxes of the content layout's (and its master's) own shapes: nothing briefgen draws goes over them."""

    def colour(self, slot: str) -> str | None:
        """The scheme colour of ``slot``, if the template has one."""
        return dict(self.scheme).get(slot)


def _hex(value: str | None) -> str | None:
    if value and len(value) == 6:
        try:
            int(value, 16)
        except ValueError:
            return None
        return "#" + value.upper()
    return None


def _colour_of(el: Any, scheme: dict[str, str]) -> str | None:
    """The colour an ``srgbClr``/``schemeClr``/``sysClr`` child of ``el`` names (modifiers ignored)."""
    if el is None:
        return None
    for child in el:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "srgbClr":
            return _hex(child.get("val"))
        if tag == "schemeClr":
            name = child.get("val", "")
            return scheme.get(_SCHEME_ALIASES.get(name, name))
        if tag == "sysClr":
            return _hex(child.get("lastClr"))
    return None


def _mix(colours: list[str]) -> str:
    """The average of ``colours``."""
    rgb = [tuple(int(c[k : k + 2], 16) for k in (1, 3, 5)) for c in colours]
    return "#" + "".join(f"{round(sum(v[i] for v in rgb) / len(rgb)):02X}" for i in range(3))


def _image_colour(part: Any, rid: str | None) -> str | None:
    """The mean colour of the image related to ``part`` as ``rid``."""
    if not rid:
        return None
    try:
        from PIL import Image

        img = (
            Image.open(io.BytesIO(part.related_part(rid).blob)).convert("RGBA").convert("RGB").resize((1, 1))
        )
        r, g, b = img.getpixel((0, 0))  # type: ignore[misc]
        return f"#{r:02X}{g:02X}{b:02X}"
    except Exception:  # an image Pillow cannot read (EMF, SVG): unknown
        return None


def _fill(el: Any, part: Any, scheme: dict[str, str]) -> str | None:
    """The colour of a fill held by ``el`` (solid, gradient averaged, picture averaged)."""
    solid = el.find(f"{_A}solidFill")
    if solid is not None:
        return _colour_of(solid, scheme)
    grad = el.find(f"{_A}gradFill")
    if grad is not None:
        stops = [c for gs in grad.iter(f"{_A}gs") if (c := _colour_of(gs, scheme))]
        return _mix(stops) if stops else None
    blip = el.find(f"{_A}blipFill/{_A}blip")
    if blip is not None:
        return _image_colour(part, blip.get(f"{_R}embed"))
    return None


def _background(part: Any, scheme: dict[str, str], width: float, height: float) -> str | None:
    """The colour a layout or master puts behind the text: a covering picture or shape, else its ``p:bg``."""
    root = part._element
    tree = root.find(f"{_P}cSld/{_P}spTree")
    for shape in reversed(list(tree) if tree is not None else []):  # the topmost covering decoration wins
        if shape.find(f".//{_P}ph") is not None:
            continue
        off, ext = shape.find(f".//{_A}off"), shape.find(f".//{_A}ext")
        if off is None or ext is None or ext.get("cx") is None:
            continue
        if int(ext.get("cx")) / 12700 >= width * 0.9 and int(ext.get("cy")) / 12700 >= height * 0.9:
            if shape.tag == f"{_P}pic":
                blip = shape.find(f"{_P}blipFill/{_A}blip")
                colour = _image_colour(part, blip.get(f"{_R}embed") if blip is not None else None)
            else:
                sp_pr = shape.find(f"{_P}spPr")
                colour = _fill(sp_pr, part, scheme) if sp_pr is not None else None
            if colour:
                return colour
    bg = root.find(f"{_P}cSld/{_P}bg")
    if bg is None:
        return None
    pr = bg.find(f"{_P}bgPr")
    if pr is not None:
        return _fill(pr, part, scheme)
    return _colour_of(bg.find(f"{_P}bgRef"), scheme)


def _scheme(theme_xml: bytes) -> tuple[dict[str, str], str, str]:
    from lxml import etree

    root = etree.fromstring(theme_xml)
    scheme: dict[str, str] = {}
    clr = root.find(f".//{_A}clrScheme")
    for slot in _SLOTS:
        el = clr.find(f"{_A}{slot}") if clr is not None else None
        colour = _colour_of(el, {}) if el is not None else None
        if colour:
            scheme[slot] = colour
    major = root.find(f".//{_A}fontScheme/{_A}majorFont/{_A}latin")
    minor = root.find(f".//{_A}fontScheme/{_A}minorFont/{_A}latin")
    return (
        scheme,
        (major.get("typeface", "") if major is not None else ""),
        (minor.get("typeface", "") if minor is not None else ""),
    )


def _body_layout(master: Any) -> tuple[Any, Any] | tuple[None, None]:
    """The title-and-content layout of ``master`` and its body placeholder: its first layout with a title and one body."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    for layout in master.slide_layouts:
        kinds = [ph.placeholder_format.type for ph in layout.placeholders]
        bodies = [ph for ph in layout.placeholders if ph.placeholder_format.type in (PH.BODY, PH.OBJECT)]
        if PH.TITLE in kinds and len(bodies) == 1:
            return layout, bodies[0]
    return None, None


_OWN_SLIDE_NUMBER = "//p:sp[not(p:nvSpPr/p:nvPr/p:ph)]//a:fld[@type='slidenum']"


def prints_slide_numbers(layout: Any) -> bool:
    """Whether ``layout``, or its master where the layout shows the master's shapes, draws a slide-number
    field in a shape that is not a placeholder (so it is on every slide whatever the slide holds)."""
    from lxml import etree

    ns = {
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    }
    root = etree.fromstring(layout.part.blob)
    if root.xpath(_OWN_SLIDE_NUMBER, namespaces=ns):
        return True
    if root.get("showMasterSp") == "0":
        return False
    master = etree.fromstring(layout.slide_master.part.blob)
    return bool(master.xpath(_OWN_SLIDE_NUMBER, namespaces=ns))


def read_look(prs: Any, content_layout: Any, theme_xml: bytes) -> TemplateLook:
    """The look of the template ``prs`` whose content slides use ``content_layout``."""
    scheme, major, minor = _scheme(theme_xml)
    width, height = prs.slide_width / 12700, prs.slide_height / 12700
    master = content_layout.slide_master
    background = _background(content_layout.part, scheme, width, height)
    if background is None and content_layout._element.get("showMasterSp") != "0":
        background = _background(master.part, scheme, width, height)
    if background is None:
        background = _background(master.part, scheme, width, height) or scheme.get("lt1", "#FFFFFF")
    layout, body = _body_layout(master)
    rect = master_rect = None
    if body is not None:
        rect = placeholder_rect(body)
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    master_body = next((ph for ph in master.placeholders if ph.placeholder_format.type == PH.BODY), None)
    if master_body is not None:
        master_rect = placeholder_rect(master_body)
    rect = agreeing(rect, master_rect)
    shapes = tuple(decorations(content_layout, width, height))
    if rect is not None:  # never under the template's decorations
        rect = free_area(rect, list(shapes), min_w=rect.w * 0.4)
    body_title = None
    if layout is not None:
        title = next((ph for ph in layout.placeholders if ph.placeholder_format.type == PH.TITLE), None)
        body_title = placeholder_rect(title) if title is not None else None
    return TemplateLook(
        tuple(scheme.items()),
        major,
        minor,
        background,
        rect,
        layout.name if layout is not None else None,
        body_title,
        numbers_slides=prints_slide_numbers(content_layout),
        decorations=shapes,
    )


def with_title(look: TemplateLook, layout: Any, rect: Rect | None) -> TemplateLook:
    """``look`` with the colour the content layout gives its title and the colour under the title box ``rect``."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PH

    scheme = dict(look.scheme)
    background = look.background
    kinds = (PH.TITLE, PH.CENTER_TITLE)
    colour = None
    for holder in (layout, layout.slide_master):
        ph = next((p for p in holder.placeholders if p.placeholder_format.type in kinds), None)
        if ph is None:
            continue
        for path in (
            f".//{_A}lvl1pPr/{_A}defRPr/{_A}solidFill",
            f".//{_A}pPr/{_A}defRPr/{_A}solidFill",
            f".//{_A}rPr/{_A}solidFill",
            f".//{_A}endParaRPr/{_A}solidFill",
        ):
            fill = ph._element.find(path)
            if fill is not None and colour is None:
                colour = _colour_of(fill, scheme)
    if colour is None:
        style = layout.slide_master._element.find(
            f"{_P}txStyles/{_P}titleStyle/{_A}lvl1pPr/{_A}defRPr/{_A}solidFill"
        )
        colour = _colour_of(style, scheme) if style is not None else None
    if rect is None:
        return dataclasses.replace(look, title_colour=colour, title_behind=background)
    cx, cy = rect.x + rect.w / 2, rect.y + rect.h / 2
    holders = [layout] if layout._element.get("showMasterSp") == "0" else [layout, layout.slide_master]
    for holder in holders:  # the layout's shapes lie over the master's
        for shape in reversed(list(holder.shapes)):
            r = placeholder_rect(shape)
            if shape.is_placeholder or r is None or not (r.x <= cx <= r.right and r.y <= cy <= r.bottom):
                continue
            sp_pr = shape._element.find(f"{_P}spPr")
            fill = _fill(sp_pr, holder.part, scheme) if sp_pr is not None else None
            if fill:
                return dataclasses.replace(look, title_colour=colour, title_behind=fill)
    return dataclasses.replace(look, title_colour=colour, title_behind=background)


def placeholder_rect(ph: Any) -> Rect | None:
    """A placeholder's box in points, or None when nothing up its inheritance chain places it."""
    try:
        return Rect(ph.left / 12700, ph.top / 12700, ph.width / 12700, ph.height / 12700)
    except Exception:
        return None


def agreeing(layout: Rect | None, master: Rect | None) -> Rect | None:
    """The layout's placeholder box, unless it strays from the master's (LibreOffice's exports misplace them).

    It strays when it misses the master's box or covers less than half its area.
    """
    if layout is None or master is None:
        return layout or master
    overlap_w = min(layout.right, master.right) - max(layout.x, master.x)
    overlap_h = min(layout.bottom, master.bottom) - max(layout.y, master.y)
    if overlap_w <= 0 or overlap_h <= 0 or layout.w * layout.h < 0.5 * master.w * master.h:
        return master
    return layout


def decorations(layout: Any, width: float, height: float) -> list[Rect]:
    """The boxes of the shapes a layout and (unless it hides them) its master draw that are neither placeholders nor backgrounds."""
    holders = [layout]
    if layout._element.get("showMasterSp") != "0":
        holders.append(layout.slide_master)
    out = []
    for holder in holders:
        for shape in holder.shapes:
            if shape.is_placeholder:
                continue
            r = placeholder_rect(shape)
            if r is None or r.w <= 0 or r.h <= 0:
                continue
            if r.w >= width * 0.9 and r.h >= height * 0.9:  # a background picture: what is painted on it
                if shape.shape_type == 13:  # MSO_SHAPE_TYPE.PICTURE
                    out += painted_marks(shape.image.blob, r)
                continue
            out.append(r)
    return out


_GRID = (48, 36)  # cells a background picture is read in, across and down
_MARK = 1.6  # contrast with the picture's own colour that makes a cell a mark (paper grain stays below)


def painted_marks(image: bytes, box: Rect) -> list[Rect]:
    """The boxes of the marks painted on a background picture shown in ``box``: a blot, a ribbon, a logo.

    The picture is read as a grid of cells; a cell whose colour stands out from the
    picture's median colour by ``_MARK`` is marked, and each group of touching marked
    cells gives one box. An unreadable picture (EMF, SVG) gives none.
    """
    try:
        from PIL import Image

        picture = Image.open(io.BytesIO(image)).convert("RGBA")
        white = Image.new("RGBA", picture.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, picture).convert("RGB").resize(_GRID)
    except Exception:
        return []
    cols, rows = _GRID
    cells: list[list[tuple[int, int, int]]] = [
        [cast("tuple[int, int, int]", img.getpixel((x, y))) for x in range(cols)] for y in range(rows)
    ]
    flat = sorted(cells[y][x] for y in range(rows) for x in range(cols))
    base = "#{:02X}{:02X}{:02X}".format(*flat[len(flat) // 2])
    marked = {
        (x, y)
        for y in range(rows)
        for x in range(cols)
        if contrast_ratio("#{:02X}{:02X}{:02X}".format(*cells[y][x]), base) >= _MARK
    }
    out = []
    while marked:
        todo = [marked.pop()]
        group = set(todo)
        while todo:
            x, y = todo.pop()
            for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if n in marked:
                    marked.discard(n)
                    group.add(n)
                    todo.append(n)
        x0, x1 = min(x for x, _ in group), max(x for x, _ in group) + 1
        y0, y1 = min(y for _, y in group), max(y for _, y in group) + 1
        cw, ch = (
            box.w / cols,
            box.h / rows,
        )  # half a cell more all round: a mark's edge may fill a cell only partly
        left, top = max(box.x, box.x + (x0 - 0.5) * cw), max(box.y, box.y + (y0 - 0.5) * ch)
        right, bottom = min(box.right, box.x + (x1 + 0.5) * cw), min(box.bottom, box.y + (y1 + 0.5) * ch)
        out.append(Rect(left, top, right - left, bottom - top))
    return sorted(out, key=lambda r: (r.y, r.x))


def free_area(body: Rect, obstacles: list[Rect], min_w: float = 0.0) -> Rect:
    """The largest rectangle inside ``body`` that no obstacle overlaps (``body`` itself when none does)."""
    inside = [
        o
        for o in obstacles
        if min(o.right, body.right) - max(o.x, body.x) > 1
        and min(o.bottom, body.bottom) - max(o.y, body.y) > 1
    ]
    if not inside:
        return body
    xs = sorted(
        {body.x, body.right, *(min(max(v, body.x), body.right) for o in inside for v in (o.x, o.right))}
    )
    ys = sorted(
        {body.y, body.bottom, *(min(max(v, body.y), body.bottom) for o in inside for v in (o.y, o.bottom))}
    )
    best, best_area = Rect(body.x, body.y, 0, 0), 0.0
    for i, x0 in enumerate(xs):
        for x1 in xs[i + 1 :]:
            if x1 - x0 < min_w:
                continue
            for j, y0 in enumerate(ys):
                for y1 in ys[j + 1 :]:
                    area = (x1 - x0) * (y1 - y0)
                    if area <= best_area:
                        continue
                    if any(
                        min(o.right, x1) - max(o.x, x0) > 0.5 and min(o.bottom, y1) - max(o.y, y0) > 0.5
                        for o in inside
                    ):
                        break  # taller rectangles from y0 hit the same obstacle
                    best, best_area = Rect(x0, y0, x1 - x0, y1 - y0), area
    return best


def readable(candidates: list[str], background: str, need: float = AA, *, also: str | None = None) -> str:
    """The first of ``candidates`` with ``need`` contrast on ``background`` (and on ``also``, a panel's
    fill, when given), else black or white, whichever is better on both."""
    behind = (background,) if also is None else (background, also)

    def worst(c: str) -> float:
        return min(contrast_ratio(c, b) for b in behind)

    for c in candidates:
        if c and worst(c) >= need:
            return c
    return max(("#000000", "#FFFFFF"), key=worst)


def _toward(colour: str, target: str, share: float) -> str:
    a = [int(colour[k : k + 2], 16) for k in (1, 3, 5)]
    b = [int(target[k : k + 2], 16) for k in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b, strict=True))


def template_palette(palette: Palette, look: TemplateLook) -> Palette:
    """``palette`` with the template's scheme colours, each text colour AA on what is behind it."""
    bg = look.background
    c = look.colour
    text = readable([c("dk1") or "", c("lt1") or "", c("dk2") or "", c("lt2") or ""], bg)
    surface = _toward(bg, text, 0.08)  # the panels' fill: every text colour must read on it too
    primary = readable([c("dk2") or "", c("accent1") or "", text], bg, also=surface)
    accent = readable([c("accent1") or "", c("accent2") or "", primary], bg, also=surface)
    muted = text
    for share in (0.45, 0.35, 0.25, 0.15):
        candidate = _toward(text, bg, share)
        if contrast_ratio(candidate, surface) >= AA and contrast_ratio(candidate, bg) >= AA:
            muted = candidate
            break
    return dataclasses.replace(  # type: ignore[type-var]
        palette,
        primary=primary,
        on_primary=readable(["#FFFFFF", bg], primary),
        accent=accent,
        text=text,
        muted=muted,
        background=bg,
        surface=surface,
        rule=_toward(bg, text, 0.35),
    )


def readable_titles(plan: DeckPlan, look: TemplateLook) -> DeckPlan:
    """``plan`` with each title that takes the template's colour given a readable one where that fails AA on what is behind it."""
    slides = []
    for k, slide in enumerate(plan.slides):
        colour, behind = look.cover if k == 0 else (look.title_colour, look.title_behind)
        behind = behind or look.background
        inherited = colour or look.colour("dk1") or "#000000"
        box = slide.title_box
        if contrast_ratio(inherited, behind) < AA and not box.fill and all(not p.color for p in box.paras):
            better = readable(
                [look.colour("lt1") or "", look.colour("dk1") or "", look.colour("lt2") or ""], behind
            )
            paras = tuple(dataclasses.replace(p, color=better) for p in box.paras)
            slide = dataclasses.replace(slide, title_box=dataclasses.replace(box, paras=paras))  # type: ignore[type-var]
        slides.append(slide)
    return dataclasses.replace(plan, slides=tuple(slides))


def contrast_warnings(
    plan: DeckPlan, background: str, file: str, look: TemplateLook | None = None
) -> list[Diagnostic]:
    """A warning for each planned text paragraph whose colour is below AA on its fill or the slide's background.

    With ``look``, a content slide's title is checked in the colour it takes from the template, on what is under it.
    """
    out = []
    for n, slide in enumerate(plan.slides, start=1):
        for element in slide.elements():
            boxes: list[tuple[str, str, Any]] = []
            if isinstance(element, TextBox) and look is not None and element is slide.title_box:
                own, under = look.cover if n == 1 else (look.title_colour, look.title_behind)
                colour = own or look.colour("dk1") or "#000000"
                paras = tuple(p if p.color else dataclasses.replace(p, color=colour) for p in element.paras)
                boxes.append((element.name, element.fill or under or background, paras))
            elif isinstance(element, TextBox):
                boxes.append((element.name, element.fill or background, element.paras))
            elif isinstance(element, TableFrame):
                for row in element.rows:
                    for cell in row:
                        boxes.append((element.name, cell.fill or background, cell.paras))
            for name, behind, paras in boxes:
                for para in paras:
                    if para.color and contrast_ratio(para.color, behind) < AA:
                        ratio = contrast_ratio(para.color, behind)
                        out.append(
                            Diagnostic(
                                file,
                                1,
                                1,
                                f"slide {n}, {name}: text {para.color} on {behind} has contrast {ratio:.1f}:1, "
                                f"below WCAG AA {AA}:1",
                                "warning",
                            )
                        )
                        break
    return out


def clear_of(frame: SlideFrame, obstacles: Sequence[Rect]) -> SlideFrame:
    """``frame`` with its title, footer and classification bands moved or narrowed off the template's decorations.

    Each keeps at least part of its width (the title half, the footer and bands 40%);
    where no such free span exists it stays where it was.
    """
    if not obstacles:
        return frame
    shapes = list(obstacles)
    title = free_area(frame.title, shapes, min_w=frame.title.w * 0.5)
    footer = _footer_place(frame, shapes)
    bands = None
    if frame.banner:
        top = Rect(0.0, 0.0, frame.width, frame.banner)
        bottom = Rect(0.0, frame.height - frame.banner, frame.width, frame.banner)
        bands = tuple(_band(b, shapes) for b in (top, bottom))
    return dataclasses.replace(
        frame,
        title=title if title.h >= frame.title.h - 0.5 else frame.title,
        footer=footer if footer.h >= frame.footer.h - 0.5 else frame.footer,
        banners=bands,  # type: ignore[arg-type]
    )


def _band(band: Rect, shapes: list[Rect]) -> Rect:
    """The widest full-height span of a classification band clear of the decorations narrower than the slide.

    A bar across the whole slide stays under the band (the marking keeps to the edge);
    where no span of 40% of the band is free (a row of shapes along the edge), the band stays whole.
    """
    narrow = [o for o in shapes if o.w < band.w * 0.9]
    free = free_area(band, narrow, min_w=band.w * 0.4)
    return free if free.h >= band.h - 0.5 and free.w > 0 else band


def _footer_place(frame: SlideFrame, shapes: list[Rect]) -> Rect:
    """The footer line off the decorations: a free span where it is, else just above a band across the foot."""
    footer = frame.footer
    free = free_area(footer, shapes, min_w=footer.w * 0.4)
    if free.h >= footer.h - 0.5 and free.w > 0:
        return free
    under = [o for o in shapes if o.x < footer.right and o.right > footer.x and o.bottom > footer.y]
    top = min((o.y for o in under), default=footer.y) - 6 - footer.h
    if top >= frame.height * 0.6 and top < footer.y:
        moved = Rect(footer.x, top, footer.w, footer.h)
        free = free_area(moved, shapes, min_w=footer.w * 0.4)
        if free.h >= footer.h - 0.5 and free.w > 0:
            return free
    return footer
