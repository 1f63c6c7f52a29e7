"""The deck's base: python-pptx's default template made 16:9 in the theme's look, or a user's corporate template.

A corporate template (``--template corp.pptx``) gives its masters and layouts;
briefgen finds the layouts it needs by name and reports clearly what a template
lacks. :func:`check_template` is what ``briefgen check-template FILE`` prints.

A base is prepared once per :class:`~briefgen.session.RenderSession` (a template's
again when its file changes), kept in the session's ``deck_bases``; without a
session every call prepares its own.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError

from briefgen.errors import Diagnostic, ThemeError
from briefgen.layout.slides import Rect
from briefgen.render.pptx_internals import (
    copy_presentation,
    drop_slides,
    master_and_layout_elements,
    master_theme_blob,
    set_master_theme_blob,
)
from briefgen.render.template_check import LayoutCheck, TemplateReport
from briefgen.render.template_look import (
    TemplateLook,
    agreeing,
    decorations,
    free_area,
    read_look,
    template_palette,
    with_title,
)

if TYPE_CHECKING:
    from briefgen.session import RenderSession
    from briefgen.theme import Theme

__all__ = [
    "LAYOUTS",
    "BaseMemo",
    "BaseSource",
    "DeckBase",
    "LayoutCheck",
    "TemplateReport",
    "check_template",
    "layout_names",
    "open_base",
]

_EMU_PER_PT = 12700

LAYOUTS: dict[str, tuple[str, tuple[tuple[str, tuple[PP_PLACEHOLDER, ...]], ...]]] = {
    "title": ("Title Slide", (("title", (PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.TITLE)),)),
    "content": ("Title Only", (("title", (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)),)),
}
"""The layouts briefgen uses, by role: the layout's name and the placeholders it must have."""

_OPTIONAL = {"title": (("subtitle", (PP_PLACEHOLDER.SUBTITLE,)),)}


@dataclass
class BaseMemo:
    """What the deck renderer derives from a base's layouts once, shared by every base of one source.

    Filled by :mod:`briefgen.render.deck_slides` on the first deck and read by the next ones.
    """

    placeholders: dict[str, Any] = field(default_factory=dict)
    """By role: the placeholders a new slide on that layout gets, ready to fill."""
    notes_page: tuple[str, str] | None = None
    """The XML of python-pptx's notes page before and after its paragraphs."""
    notes_master: tuple[Any, Any] | None = None
    """python-pptx's default notes master and its theme, as root elements (when the base has none)."""


@dataclass
class DeckBase:
    """A presentation to add slides to, its layouts by role, and the geometry a template imposes.

    ``memo`` is shared by every base prepared from the same template (or the same default).
    """

    presentation: Any
    layouts: dict[str, Any]
    size: tuple[float, float] | None = None
    title_rect: Rect | None = None
    title_slide_rects: tuple[Rect, Rect | None] | None = None
    template: Path | None = None
    memo: BaseMemo = field(default_factory=BaseMemo)
    look: TemplateLook | None = None
    """A template's colours, fonts, background and body area (None on the default base)."""


def _pt(emu: int | None) -> float:
    return (emu or 0) / _EMU_PER_PT


def _rect(shape: Any) -> Rect | None:
    try:
        return Rect(_pt(shape.left), _pt(shape.top), _pt(shape.width), _pt(shape.height))
    except Exception:  # a placeholder without any position up its inheritance chain
        return None


def _placeholder(layout: Any, kinds: tuple[PP_PLACEHOLDER, ...]) -> Any:
    for ph in layout.placeholders:
        if ph.placeholder_format.type in kinds:
            return ph
    return None


def layout_names(theme: Theme | None = None) -> dict[str, str]:
    """The layout name briefgen looks for, by role: the defaults, or a theme's ``slide.layouts`` (when themes have it)."""
    names = {role: name for role, (name, _) in LAYOUTS.items()}
    custom = getattr(getattr(theme, "slide", None), "layouts", None) if theme is not None else None
    if isinstance(custom, dict):
        names.update({k: v for k, v in custom.items() if k in names and isinstance(v, str)})
    return names


def open_base(theme: Theme, template: Path | None = None, session: RenderSession | None = None) -> DeckBase:
    """The base to draw on: a user's template (its slides removed), else the default template made 16:9.

    ``template`` defaults to the theme's own (``theme.template_path``, when themes
    have one). Raises :class:`ThemeError` naming the file and listing what a template lacks.
    With a ``session`` a base is prepared once (a template's again when its file changes)
    and each call returns a fresh copy to draw on; without one, each call prepares its own.
    """
    if template is None:
        template = getattr(theme, "template_path", None)
    if template is None:
        key: tuple[Any, ...] = ("default", theme.slide.width, theme.slide.height, _look(theme))
        return _source(session, key, lambda: _default_source(*key[1:])).take()
    template = Path(template)
    names = tuple(sorted(layout_names(theme).items()))
    try:
        stat = template.stat()
    except OSError:  # opening it reports the problem
        return _template_source(template, names).take(template)
    key = ("template", template, stat.st_mtime_ns, stat.st_size, names)
    return _source(session, key, lambda: _template_source(template, names)).take(template)


def _source(
    session: RenderSession | None, key: tuple[Any, ...], make: Callable[[], BaseSource]
) -> BaseSource:
    """The session's source under ``key``, made (and kept, replacing any of the same file) when it has none."""
    if session is None:
        return make()
    bases = session.deck_bases
    source = bases.get(key)
    if source is None:
        if key[0] == "template":  # a source of the same file, changed since, is dropped
            for old in [k for k in bases if k[:2] == key[:2]]:
                del bases[old]
        source = bases[key] = make()
    return source


class BaseSource:
    """Hands out bases of one kind: the first as prepared, the rest as deep copies of a pristine one.

    A single build (the common case) pays for nothing more. From the second base on,
    a presentation is prepared again and kept. Preparing reaches the parts through
    their relationships, never through python-pptx's proxies (``prs.slide_master``,
    ``prs.slides``…), which cache objects pointing inside an XML tree: so the kept one
    holds none, and :func:`~briefgen.render.pptx_internals.copy_presentation` copies it whole (a proxy
    holding a child element would get a detached copy of it). Nothing is ever drawn
    on the kept one.
    """

    def __init__(
        self,
        first: Any,
        prepare: Callable[[], Any],
        layouts: tuple[tuple[str, str] | tuple[str, str, int], ...],
        size: tuple[float, float] | None = None,
        title_rect: Rect | None = None,
        title_slide_rects: tuple[Rect, Rect | None] | None = None,
        look: TemplateLook | None = None,
    ) -> None:
        self._look = look
        self._first: Any = first
        self._prepare = prepare
        self._pristine: Any = None
        self._layouts = layouts  # (role, layout name[, index of its master])
        self._geometry = (size, title_rect, title_slide_rects)
        self._memo = BaseMemo()

    def take(self, template: Path | None = None) -> DeckBase:
        """A base to draw on, its layouts looked up by name."""
        if self._first is not None:
            prs, self._first = self._first, None
        else:
            if self._pristine is None:
                self._pristine = self._prepare()
            prs = copy_presentation(self._pristine)
        layouts = {}
        for role, name, *master in self._layouts:
            index: list[int] = master  # type: ignore[assignment]
            pool = prs.slide_masters[index[0]].slide_layouts if index else prs.slide_layouts
            layouts[role] = next(layout for layout in pool if layout.name == name)
        return DeckBase(prs, layouts, *self._geometry, template, self._memo, self._look)


class _Look(NamedTuple):
    """What the default template's theme part takes from a briefgen theme: its name, colours and fonts."""

    name: str
    colours: tuple[tuple[str, str], ...]
    major_font: str
    minor_font: str


def _look(theme: Theme) -> _Look:
    p = theme.palette
    colours = {
        "dk1": p.text,
        "lt1": p.background,
        "dk2": p.primary,
        "lt2": p.surface,
        "accent1": p.primary,
        "accent2": p.tones.cautious,
        "accent3": p.tones.positive,
        "accent4": p.accent,
        "accent5": p.tones.mixed,
        "accent6": p.tones.critical,
        "hlink": p.accent,
        "folHlink": p.accent,
    }
    return _Look(theme.name, tuple(colours.items()), theme.fonts.heading.family, theme.fonts.body.family)


def _default_presentation(width: float, height: float, look: _Look) -> Any:
    """python-pptx's default template, stretched to ``width`` × ``height`` points and restyled."""
    prs = Presentation()
    _widen_default(prs, width, height)
    _restyle_theme(prs, look)
    return prs


def _default_source(width: float, height: float, look: _Look) -> BaseSource:
    """python-pptx's default template in the theme's size and look."""
    prepare = partial(_default_presentation, width, height, look)
    return BaseSource(prepare(), prepare, tuple((role, name) for role, (name, _) in LAYOUTS.items()))


def _template_source(template: Path, names: tuple[tuple[str, str], ...]) -> BaseSource:
    """A user's template, checked for the layouts named ``names`` (by role), its own slides removed."""
    wanted = dict(names)
    prs = _open(template)
    report = _report(prs, template, wanted)
    if not report.ok:
        message = f"{template}: the template cannot be used: " + "; ".join(report.problems)
        raise ThemeError(message, [Diagnostic(str(template), 1, 1, message)])
    drop_slides(prs)
    _ensure_view_props(prs)
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    layouts = {role: by_name[wanted[role]] for role in LAYOUTS}
    ts_title = _placeholder(layouts["title"], LAYOUTS["title"][1][0][1])
    ts_sub = _placeholder(layouts["title"], (PP_PLACEHOLDER.SUBTITLE,))
    main = _title_slide_rect(layouts["title"], ts_title, ts_sub)
    sub = _rect(ts_sub) if ts_sub is not None else None
    master_index, layouts["content"], look = _content_layout(prs, wanted["content"])
    title_rect = _title_rect(layouts["content"], look)
    size = (_pt(prs.slide_width), _pt(prs.slide_height))
    title_role: tuple[str, str] | tuple[str, str, int] = ("title", wanted["title"])
    if main is not None and _covered(main, decorations(layouts["title"], *size)):
        # The cover is all decoration where its title goes (LibreOffice's Focus): the title
        # slide goes on the content layout, its title in the title place, the rest in the body.
        layouts["title"] = layouts["content"]
        title_role = ("title", wanted["content"], master_index)
        main, sub = title_rect, look.body
    cover = with_title(look, layouts["title"], main)
    look = dataclasses.replace(
        with_title(look, layouts["content"], title_rect), cover=(cover.title_colour, cover.title_behind)
    )
    return BaseSource(
        prs,
        partial(_template_presentation, template),
        (title_role, ("content", wanted["content"], master_index)),
        size=size,
        title_rect=title_rect,
        title_slide_rects=(main, sub) if main else None,
        look=look,
    )


def _covered(box: Rect, shapes: list[Rect]) -> bool:
    """Whether decorations leave less than half of ``box`` free (at least half its width wide)."""
    free = free_area(box, shapes, min_w=box.w * 0.5)
    return free.w * free.h < 0.5 * box.w * box.h


def _title_slide_rect(layout: Any, title: Any, subtitle: Any) -> Rect | None:
    """The title slide's title box: the layout's, or its master's where they disagree and the subtitle stays below."""
    own = _rect(title)
    chosen = agreeing(own, _rect(_placeholder(layout.slide_master, LAYOUTS["title"][1][0][1])))
    sub = _rect(subtitle) if subtitle is not None else None
    if chosen is not None and sub is not None and chosen.bottom > sub.y + 1:
        return own
    return chosen


def _content_layout(prs: Any, name: str) -> tuple[int, Any, TemplateLook]:
    """The layout named ``name`` for content slides, of the master whose body area is largest, and its look.

    A template with several masters (LibreOffice's designs) may leave room for text on one only.
    """
    theme_xml = master_theme_blob(prs)
    best: tuple[float, int, Any, TemplateLook] | None = None
    for k, master in enumerate(prs.slide_masters):
        layout = next((la for la in master.slide_layouts if la.name == name), None)
        if layout is None or _placeholder(layout, LAYOUTS["content"][1][0][1]) is None:
            continue
        look = read_look(prs, layout, theme_xml)
        area = look.body.w * look.body.h if look.body is not None else 0.0
        if best is None or area > best[0] + 1:
            best = (area, k, layout, look)
        if k == 0 and look.body is not None and look.body.h >= 150:  # the first master is fine: keep it
            break
    assert best is not None, "the report checked the first master's layout"
    return best[1], best[2], best[3]


def _template_presentation(template: Path) -> Any:
    """A user's template, its own slides removed."""
    prs = _open(template)
    drop_slides(prs)
    _ensure_view_props(prs)
    return prs


_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
)


def _ensure_view_props(prs: Any) -> None:
    """Give a template without view properties (LibreOffice writes none) an empty part: PowerPoint repairs a deck without."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    part = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, prs.part.package, _VIEW_PROPS)
    prs.part.relate_to(part, RT.VIEW_PROPS)


def _open(path: Path) -> Any:
    try:
        return Presentation(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        reason = "not a PowerPoint .pptx file" if not isinstance(exc, OSError) else (exc.strerror or str(exc))
        message = f"cannot open the template: {reason}"
        raise ThemeError(f"{path}: {message}", [Diagnostic(str(path), 1, 1, message)]) from None
    except Exception as exc:  # python-pptx raises assorted errors on broken packages
        message = f"cannot open the template: {exc}"
        raise ThemeError(f"{path}: {message}", [Diagnostic(str(path), 1, 1, message)]) from None


def _widen_default(prs: Any, width: float, height: float) -> None:
    """Stretch the 4:3 default master and layouts to the slide size, so a slide added by hand looks right."""
    sx = width * _EMU_PER_PT / prs.slide_width
    sy = height * _EMU_PER_PT / prs.slide_height
    if abs(sx - 1) < 1e-9 and abs(sy - 1) < 1e-9:
        return
    for root in master_and_layout_elements(prs):
        for off in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}off"):
            off.set("x", str(int(int(off.get("x")) * sx)))
            off.set("y", str(int(int(off.get("y")) * sy)))
        for ext in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}ext"):
            if ext.get("cx") is not None:
                ext.set("cx", str(int(int(ext.get("cx")) * sx)))
                ext.set("cy", str(int(int(ext.get("cy")) * sy)))


def _restyle_theme(prs: Any, look: _Look) -> None:
    """Name the theme's fonts and colours in the default template's theme, so added text and charts match."""
    from lxml import etree

    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(master_theme_blob(prs))
    scheme = root.find(f".//{a}clrScheme")
    if scheme is not None:
        scheme.set("name", look.name)
        for name, colour in look.colours:
            slot = scheme.find(f"{a}{name}")
            if slot is None:
                continue
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, f"{a}srgbClr", val=colour.lstrip("#").upper())
    fonts = root.find(f".//{a}fontScheme")
    if fonts is not None:
        fonts.set("name", look.name)
        for tag, family in (("majorFont", look.major_font), ("minorFont", look.minor_font)):
            latin = fonts.find(f"{a}{tag}/{a}latin")
            if latin is not None:
                latin.set("typeface", family)
    root.set("name", look.name)
    set_master_theme_blob(prs, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


# ---------------------------------------------------------------------------
# check-template


def _report(
    prs: Any, path: Path, wanted: dict[str, str] | None = None, theme: Theme | None = None
) -> TemplateReport:
    names = [layout.name for layout in prs.slide_layouts]
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    report = TemplateReport(
        Path(path),
        (_pt(prs.slide_width), _pt(prs.slide_height)),
        available=tuple(names),
        slides=len(prs.slides),
    )
    for role, (default, needs) in LAYOUTS.items():
        name = (wanted or {}).get(role, default)
        layout = by_name.get(name)
        if layout is None:
            report.layouts.append(LayoutCheck(role, name, False))
            report.problems.append(f"no layout named '{name}' (for {role} slides)")
            continue
        have = tuple(
            f"{ph.placeholder_format.type.name.lower()} (idx {ph.placeholder_format.idx})"
            for ph in layout.placeholders
        )
        missing = []
        for label, kinds in needs:
            ph = _placeholder(layout, kinds)
            if ph is None:
                missing.append(label)
                report.problems.append(f"layout '{name}' has no {label} placeholder")
            elif _rect(ph) is None:
                missing.append(f"{label} position")
                report.problems.append(f"the {label} placeholder of layout '{name}' has no position")
        for label, kinds in _OPTIONAL.get(role, ()):
            if _placeholder(layout, kinds) is None:
                missing.append(f"{label} (optional: drawn as a text box instead)")
        report.layouts.append(LayoutCheck(role, name, True, have, tuple(missing)))
    content = by_name.get((wanted or {}).get("content", LAYOUTS["content"][0]))
    if content is not None and not report.problems:
        _report_look(report, prs, content, theme)
        title = by_name[(wanted or {}).get("title", LAYOUTS["title"][0])]
        main = _title_slide_rect(
            title,
            _placeholder(title, LAYOUTS["title"][1][0][1]),
            _placeholder(title, (PP_PLACEHOLDER.SUBTITLE,)),
        )
        if main is not None and _covered(main, decorations(title, *report.slide_size)):
            report.notes.append(
                f"title slide: layout '{title.name}' is all decoration where its title goes; "
                "the title slide goes on the content layout"
            )
    return report


def _report_look(report: TemplateReport, prs: Any, content: Any, theme: Theme | None) -> None:
    """Add the areas, colours and contrast problems of the template's look; a problem when the body is too small."""
    from briefgen.layout.deck import slide_frame
    from briefgen.theme import contrast_ratio, load_theme

    theme = theme or load_theme()
    _, content, look = _content_layout(prs, content.name)
    frame = slide_frame(theme, banner=False, title=_title_rect(content, look), size=report.slide_size)
    report.title_area = frame.title
    body = look.body or frame.content
    top, bottom = max(body.y, frame.title.bottom + 12), min(body.bottom, frame.footer.y - 8)
    report.body_area = Rect(body.x, top, body.w, bottom - top)
    deck = theme.type_scale.deck
    need_h, need_w = 5 * deck.body_min * deck.line_spacing, 24 * deck.body_min
    if report.body_area.h < need_h or report.body_area.w < need_w:
        report.problems.append(
            f"the body area ({report.body_area.w:.0f} × {report.body_area.h:.0f} pt, from layout "
            f"'{look.body_layout or content.name}') is too small for a slide of text: it needs at least "
            f"{need_w:.0f} × {need_h:.0f} pt (five lines of {deck.body_min:g} pt text, 24 ems wide)"
        )
    palette = template_palette(theme.palette, look)
    report.colours = (
        ("background", look.background),
        ("text", palette.text),
        ("headings", palette.primary),
        ("accent", palette.accent),
        ("muted", palette.muted),
        ("panels", palette.surface),
    )
    _report_fonts(report, look, theme)
    for slot in ("dk1", "dk2", "accent1"):
        colour = look.colour(slot)
        if colour and contrast_ratio(colour, look.background) < 4.5:
            report.contrast.append(
                f"the template's {slot} {colour} on its background {look.background} is "
                f"{contrast_ratio(colour, look.background):.1f}:1, below AA 4.5:1; briefgen does not use it for text"
            )


def _report_fonts(report: TemplateReport, look: TemplateLook, theme: Theme) -> None:
    """Which of the template's fonts briefgen takes (with the default theme) and what it measures them with."""
    from briefgen.render.template_theme import METRIC_TWINS, twin_files

    if theme.name != "default":
        report.notes.append(f"fonts and colours: the theme '{theme.name}' keeps its own")
        return
    for role, family in (("headings", look.major_font), ("body", look.minor_font)):
        if family and twin_files(family) is not None:
            twin = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", METRIC_TWINS[family])
            report.notes.append(f"fonts: {role} in {family} (measured and embedded as {twin})")
        elif family:
            report.notes.append(
                f"fonts: {role}: the template's '{family}' has no metric twin shipped; the theme's font is used"
            )


def _title_rect(content: Any, look: TemplateLook) -> Rect | None:
    """The title place of content slides, as :func:`open_base` works it out."""
    kinds = LAYOUTS["content"][1][0][1]
    rect = agreeing(_rect(_placeholder(content, kinds)), _rect(_placeholder(content.slide_master, kinds)))
    if rect is not None and look.body is not None and rect.bottom > look.body.y + 1:
        rect = look.body_title or rect
    if rect is not None:  # off the template's decorations, keeping its height and half its width
        free = free_area(rect, list(look.decorations), min_w=rect.w * 0.5)
        rect = free if free.h >= rect.h - 0.5 else rect
    return rect


def check_template(path: str | Path, theme: Theme | None = None) -> TemplateReport:
    """Report the layouts and placeholders briefgen would use in the template at ``path``, and any missing.

    ``theme`` may rename the layouts looked for. Raises :class:`ThemeError` when the
    file cannot be opened as a .pptx.
    """
    path = Path(path)
    return _report(_open(path), path, layout_names(theme), theme)
