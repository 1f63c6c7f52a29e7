"""Plan the deck: a pure function from a brief and a theme to slides whose every box is measured and placed.

:func:`plan_deck` turns a :class:`~briefgen.load.model.Brief` into a
:class:`~briefgen.layout.slides.DeckPlan` (pandoc's Powerpoint writer is the
model): title slide; the bottom line; meeting facts; key points (one a slide, or
two short ones side by side, quotes as call-outs); positions as actor cards;
reactions as a native table with tone chips; outlook; recommendations;
highlights; every further section with every block kind; sources. Every text box
is wrapped here with the theme's font files at the box's inner width: text
shrinks to the theme's floor (``type.deck.body_min``), then continues on slides
titled "… (2/3)", balanced, breaking between items or sentences. Nothing is
dropped: what cannot be placed is reported in the plan's warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.layout.deck_context import DeckContext, SlideFrame, slide_frame
from briefgen.layout.deck_finish import finish
from briefgen.layout.deck_headroom import mark_autofit
from briefgen.layout.deck_points import key_points
from briefgen.layout.deck_positions import positions
from briefgen.layout.deck_sections import section
from briefgen.layout.deck_tables import facts, reactions
from briefgen.layout.deck_text import bottom_line, plan_texts, sources
from briefgen.layout.slides import DeckInfo, DeckPlan, Para, Rect, Slide, TextBox
from briefgen.layout.values import document_keywords
from briefgen.load.markup import strip_markup
from briefgen.load.model import Brief
from briefgen.session import in_session
from briefgen.theme import Theme

if TYPE_CHECKING:
    from briefgen.load.loader import LoadedBrief

__all__ = ["SlideFrame", "plan_deck", "slide_frame"]


@in_session
def plan_deck(
    source: LoadedBrief | Brief,
    theme: Theme,
    *,
    folder: Path | None = None,
    frame: SlideFrame | None = None,
    template_title: tuple[Rect, Rect | None] | None = None,
) -> DeckPlan:
    """Return the planned deck of a brief (a :class:`LoadedBrief`, or a bare :class:`Brief` with ``folder``).

    Pure apart from reading image headers for their pixel size. ``frame`` overrides
    the slide geometry (a template's title placeholder); ``template_title`` gives the
    title and subtitle boxes of a template's title slide, drawn in the template's own
    colours instead of the theme's title band. The plan's warnings say
    what was shrunk below the theme's floor or could not be placed.
    """
    if isinstance(source, Brief):
        brief, where = source, None
    else:
        brief = source.brief
        folder = folder or source.folder
        doc = source.document

        def where(path: tuple[Any, ...]) -> tuple[str, int, int]:
            line, col = doc.where(path)
            return doc.file, line, col

    frame = frame or slide_frame(theme, banner=bool(brief.classification))
    images = None if isinstance(source, Brief) else source.images
    cx = DeckContext.create(brief, theme, folder, where, frame, template_title, images)
    _plan(cx)
    slides = mark_autofit(cx.ts, finish(cx))
    fonts = sorted({theme.fonts.heading.family, theme.fonts.body.family, *_run_fonts(slides)})
    m = brief.meeting
    info = DeckInfo(
        title=strip_markup(brief.title),
        subject=strip_markup(brief.subtitle) if brief.subtitle else strip_markup(m.name),
        author=strip_markup(brief.memo.prepared_by) if brief.memo.prepared_by else "",
        keywords=document_keywords(brief),
        category=strip_markup(brief.classification) if brief.classification else "",
        language=brief.language,
    )
    return DeckPlan(frame.width, frame.height, tuple(slides), info, tuple(fonts), tuple(cx.warnings))


def _plan(cx: DeckContext) -> None:
    """Every family in the deck's order, each adding its drafts to ``cx``."""
    b = cx.brief
    bottom_line(cx)
    facts(cx)
    key_points(cx)
    if b.positions:
        positions(cx)
    if b.reactions:
        reactions(cx)
    plan_texts(cx)
    for k, part in enumerate(b.sections):
        section(cx, k, part.title, part.blocks)
    if b.sources:
        sources(cx)


def _run_fonts(slides: Sequence[Slide]) -> set[str]:
    out: set[str] = set()
    for slide in slides:
        for el in slide.elements():
            paras: Sequence[Para] = ()
            if isinstance(el, TextBox):
                paras = el.paras
            for p in paras:
                out.update(r.font for r in p.runs if r.font)
    return out
