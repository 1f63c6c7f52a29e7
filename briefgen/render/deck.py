"""Draw a :class:`~briefgen.layout.slides.DeckPlan` into PPTX bytes with python-pptx; nothing is measured here.

The deck is planned (:func:`~briefgen.layout.deck.plan_deck`), then drawn on a base
(:func:`~briefgen.render.deck_template.open_base`) by :func:`draw_deck`. Every
element of the plan becomes one shape, in the plan's reading order (the title
placeholder first): text frames, decor shapes, tables and pictures as XML
(:mod:`briefgen.render.deck_xml`, :mod:`briefgen.render.deck_slides`), native charts
through python-pptx (:mod:`briefgen.render.deck_chart`). The zip is rewritten so
that the same brief and epoch give the same bytes (:mod:`briefgen.render.deck_package`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

from pptx.util import Emu

from briefgen.layout.deck import SlideFrame, plan_deck, slide_frame
from briefgen.layout.slides import DeckPlan, Rect
from briefgen.render import Rendered
from briefgen.render.deck_package import DocumentInfo, epoch_datetime, package_bytes, set_document_info
from briefgen.render.deck_slides import Notes, SlideWriter, memo_placeholders
from briefgen.render.deck_template import DeckBase, open_base
from briefgen.render.deck_xml import emu
from briefgen.render.pptx_internals import SlideList
from briefgen.render.template_look import clear_of, contrast_warnings, readable_titles, template_palette

if TYPE_CHECKING:
    from briefgen.load.loader import LoadedBrief
    from briefgen.session import RenderSession
    from briefgen.theme import Theme

__all__ = ["draw_deck", "in_template_look", "open_base", "plan_for_base", "render_deck_pptx", "with_fonts"]


def render_deck_pptx(
    loaded: LoadedBrief,
    theme: Theme,
    *,
    epoch: int,
    template: Path | None = None,
    session: RenderSession | None = None,
    embed_fonts: bool = False,
) -> Rendered:
    """Plan the brief's deck with ``theme`` and draw it; the bytes depend only on the brief, theme, template and ``epoch``.

    ``session`` keeps the prepared base for the next deck of the run; without one the base is prepared for this deck alone.
    ``embed_fonts`` embeds the faces the slides use whose own name the deck names (:mod:`briefgen.render.deck_fonts`).
    """
    base = open_base(theme, template, session)
    plan = plan_for_base(loaded, theme, base)
    data = draw_deck(plan, base, epoch=epoch)
    if embed_fonts:
        data = with_fonts(data, plan, theme, epoch=epoch)
    return Rendered(data, list(plan.warnings))


def with_fonts(data: bytes, plan: DeckPlan, theme: Theme, *, epoch: int) -> bytes:
    """The drawn deck with the faces its slides use, whose own name it names, embedded (:mod:`briefgen.render.deck_fonts`)."""
    from briefgen.render.deck_fonts import embed_fonts, faces_to_embed

    families = {theme.body_family.name: theme.body_family, theme.heading_family.name: theme.heading_family}
    return embed_fonts(data, faces_to_embed(plan, {**families, **theme.fallbacks}), epoch=epoch)


def plan_for_base(loaded: LoadedBrief, theme: Theme, base: DeckBase) -> DeckPlan:
    """The brief's deck planned in the frame ``base`` imposes (a template's slide size, title places, body area, colours).

    On a template the palette is the template's colour scheme (text AA on its background),
    unless the theme is not the default one; the content area is the body placeholder of
    its title-and-content layout, kept between the title and the footer. Every text colour
    is then checked against what is behind it, with a warning naming slide and element.
    """
    look = base.look
    theme = in_template_look(theme, base)
    frame = slide_frame(
        theme,
        banner=bool(loaded.brief.classification),
        title=base.title_rect,
        size=base.size,
    )
    if look is not None:
        frame = clear_of(frame, look.decorations)
    if look is not None and look.body is not None:
        frame = dataclasses.replace(frame, content=body_area(frame, look.body))
    plan = plan_deck(loaded, theme, frame=frame, template_title=base.title_slide_rects)
    if look is None:
        return plan
    plan = without_chrome(
        plan, "Title rule"
    )  # the title takes the template's formatting, not briefgen's rule
    if look.numbers_slides:  # the template prints its own: one number a slide, not two
        plan = without_slide_numbers(plan)
    plan = readable_titles(plan, look)
    warnings = contrast_warnings(plan, look.background, str(base.template or "<template>"), look)
    return dataclasses.replace(plan, warnings=(*plan.warnings, *warnings)) if warnings else plan


def in_template_look(theme: Theme, base: DeckBase) -> Theme:
    """The default theme in the look of ``base``'s template; any other theme as it is.

    Colours come from the template's scheme (text AA on its background); the heading and
    body fonts from its font scheme where a metric twin is shipped to measure with
    (Arial: Liberation Sans), else the theme's stay. The build gives both outputs this
    theme, so the memo matches a deck on an organisation's template.
    """
    look = base.look
    if look is None or theme.name != "default":
        return theme
    from briefgen.render.template_theme import twin_files

    families = {}
    for role, family in (("heading", look.major_font), ("body", look.minor_font)):
        files = twin_files(family) if family else None
        if files is not None:
            families[role] = (family, files)
    themed = theme.with_palette(template_palette(theme.palette, look))
    return themed.with_families(families) if families else themed


def without_slide_numbers(plan: DeckPlan) -> DeckPlan:
    """``plan`` with briefgen's own slide numbers left off (for a template that prints them)."""
    return without_chrome(plan, "Slide number")


def without_chrome(plan: DeckPlan, name: str) -> DeckPlan:
    """``plan`` with the running element called ``name`` left off every slide."""
    slides = tuple(
        dataclasses.replace(s, chrome=tuple(el for el in s.chrome if el.name != name)) for s in plan.slides
    )
    return dataclasses.replace(plan, slides=slides)


def body_area(frame: SlideFrame, body: Rect) -> Rect:
    """The template's body area, below the title and above the footer, within the slide."""
    top = max(body.y, frame.title.bottom + 12)
    bottom = min(body.bottom, frame.footer.y - 8)
    left = max(body.x, 0.0)
    right = min(body.right, frame.width)
    return Rect(left, top, right - left, bottom - top)


def draw_deck(plan: DeckPlan, base: DeckBase, *, epoch: int) -> bytes:
    """Serialise ``plan`` onto ``base`` (the default or a user's template) and return the PPTX bytes.

    A base is drawn on once: take a fresh one from :func:`open_base` for every deck
    (a base that already has slides raises :class:`ValueError`).
    """
    prs = base.presentation
    slides = SlideList(prs)
    if len(slides):
        raise ValueError("this deck base has been drawn on: take a fresh one from open_base for every deck")
    prs.slide_width = Emu(emu(plan.width))
    prs.slide_height = Emu(emu(plan.height))
    lang = plan.info.language
    notes = Notes(prs, base.memo, lang)
    for slide in plan.slides:
        layout = base.layouts[slide.layout]
        part = slides.add(layout)
        SlideWriter(part, lang, memo_placeholders(base.memo, slide.layout, layout)).draw(slide)
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
