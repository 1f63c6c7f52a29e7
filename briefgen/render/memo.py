"""The PDF briefing memo: a memo plan drawn with ReportLab in the theme's look, returned as bytes.

:func:`render_memo_pdf` plans (:func:`briefgen.layout.memo_plan.plan_memo`) and
draws (:func:`draw_memo`). Drawing makes each planned block its flowable — a
paragraph (:mod:`~briefgen.render.memo_flow`), a box (:mod:`~briefgen.render.memo_boxes`),
a table (:mod:`~briefgen.render.memo_grid`), a picture or chart
(:mod:`~briefgen.render.memo_media`) — and lets Platypus cut them across pages;
:mod:`~briefgen.render.memo_page` dresses the pages: the classification banner
(top and bottom), a running header from page 2 and a "Page N of M" footer. The
PDF has metadata, an outline entry per section, a structure tree, and the
theme's fonts embedded and subset. The same brief, theme and ``epoch`` give the
same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from briefgen.errors import PathWarning, RenderError
from briefgen.layout.memo_blocks import Block, Box, Figure, Grid, Keep, Picture, Text
from briefgen.layout.memo_blocks import Rule as RuleBlock
from briefgen.layout.memo_plan import MemoPlan, plan_memo
from briefgen.load.loader import LoadedBrief
from briefgen.load.markup import strip_markup
from briefgen.render import Rendered
from briefgen.render.memo_boxes import Panel
from briefgen.render.memo_flow import FontBook, TextFlow
from briefgen.render.memo_grid import grid
from briefgen.render.memo_media import ChartFlow, ImageFlow
from briefgen.render.memo_page import Decor, MemoCanvas, Rule
from briefgen.render.memo_tags import Tagger
from briefgen.theme import Theme

if TYPE_CHECKING:  # the chart module (and reportlab.graphics) is imported for the first chart only
    from briefgen.layout.memo_chart import ChartLook

__all__ = ["draw_memo", "render_memo_pdf"]


def render_memo_pdf(loaded: LoadedBrief, theme: Theme, *, epoch: int, pdfa: bool = False) -> Rendered:
    """Return the memo of ``loaded`` as PDF bytes: :func:`plan_memo`, then :func:`draw_memo`.

    Raises :class:`RenderError` (positioned) for a picture that cannot be embedded.
    """
    plan, warnings = plan_memo(loaded, theme)
    return draw_memo(plan, loaded, theme, epoch=epoch, pdfa=pdfa, warnings=warnings)


def draw_memo(
    plan: MemoPlan,
    loaded: LoadedBrief,
    theme: Theme,
    *,
    epoch: int,
    pdfa: bool = False,
    warnings: Sequence[PathWarning] = (),
) -> Rendered:
    """Draw a memo plan as PDF bytes; the same plan and ``epoch`` give the same bytes.

    Platypus only cuts the planned blocks across pages. ``warnings`` (the plan's)
    come back with those drawing adds (chart labels cut short).
    """
    fonts = FontBook()
    geo = plan.geometry
    story = _Story(loaded, theme, fonts, list(warnings))
    flowables = [story.flowable(block) for block in plan.blocks]
    decor = Decor(plan.running, theme, fonts, geo)
    info = plan.info
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(geo.page_width, geo.page_height),
        leftMargin=geo.left,
        rightMargin=geo.page_width - geo.right,
        topMargin=geo.page_height - geo.top,
        bottomMargin=geo.bottom,
        title=info.title,
        author=info.author,
        subject=info.subject,
        keywords=info.keywords,
        creator="briefgen",
        lang=info.language,
        invariant=1,
        initialFontName=fonts.name(theme.body_family.regular),
        initialFontSize=theme.type_scale.memo.body,
        allowSplitting=1,
        displayDocTitle=1,
    )
    frame = Frame(
        geo.left,
        geo.bottom,
        geo.width,
        geo.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )
    doc.addPageTemplates(
        [
            PageTemplate(id="first", frames=[frame], onPage=decor.first_page, autoNextPageTemplate="later"),
            PageTemplate(id="later", frames=[frame], onPage=decor.later_page),
        ]
    )
    # Only a document-ID seed: the repr of the brief (frozen dataclasses) is deterministic.
    fingerprint = hashlib.sha256(repr(loaded.brief).encode("utf-8")).hexdigest()
    tagger = Tagger(info.language, pdfa=pdfa)
    maker = functools.partial(MemoCanvas, decor=decor, epoch=epoch, fingerprint=fingerprint, tagger=tagger)
    with _binary_streams():
        doc.build(flowables, canvasmaker=maker)
    return Rendered(out.getvalue(), list(story.warnings))


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Write streams Flate-compressed only, not also ASCII85-encoded: a smaller file, built faster.

    ReportLab has this only as a process-wide setting; it is restored when the render ends.
    """
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


class _Story:
    """Each planned block as the flowable that draws it."""

    def __init__(
        self, loaded: LoadedBrief, theme: Theme, fonts: FontBook, warnings: list[PathWarning]
    ) -> None:
        self.loaded = loaded
        self.theme = theme
        self.fonts = fonts
        self.warnings = warnings
        self.cell_font = fonts.name(theme.body_family.regular)

    @functools.cached_property
    def chart_look(self) -> ChartLook:
        """How this memo draws charts (made, with the chart module, for the first chart only)."""
        from briefgen.layout.memo_chart import ChartLook

        memo = self.theme.type_scale.memo
        return ChartLook.of(self.theme, size=memo.caption, title_size=memo.body)

    def flowable(self, block: Block) -> Flowable:
        if isinstance(block, Text):
            return TextFlow(block, self.fonts)
        if isinstance(block, Box):
            return Panel(
                [self.flowable(child) for child in block.children],
                pad=block.pad,
                left=block.left,
                fill=block.fill,
                bar=block.bar,
                bar_width=block.bar_width,
                rule_top=block.rule_top,
                label=self.flowable(block.label) if block.label is not None else None,
                label_width=block.label_width,
                label_gap=block.label_gap,
                space_before=block.space_before,
                space_after=block.space_after,
            )
        if isinstance(block, Grid):
            return grid(block, self.fonts, self.cell_font)
        if isinstance(block, Keep):
            return CondPageBreak(block.need)
        if isinstance(block, RuleBlock):
            return Rule(block)
        if isinstance(block, Picture):
            return self.picture(block)
        return self.figure(block)

    def picture(self, block: Picture) -> Flowable:
        try:
            reader = ImageReader(str(block.file))
        except (OSError, ValueError) as exc:
            if block.where is None:
                raise
            raise RenderError(
                "image unreadable",
                [
                    self.loaded.document.diagnostic(
                        (*block.where, "path"), f"image {str(block.file.name)!r} cannot be read: {exc}"
                    )
                ],
            ) from None
        return ImageFlow(
            reader,
            block.alt,
            max_height=block.max_height,
            dpi=block.dpi,
            space_before=block.space_before,
            space_after=block.space_after,
        )

    def figure(self, block: Figure) -> Flowable:
        def cut(labels: list[str]) -> None:
            names = ", ".join(repr(strip_markup(x)) for x in labels)
            found = PathWarning(
                (*block.where, "categories"),
                f"chart labels too long for the memo's chart, shortened: {names}",
            )
            if found not in self.warnings:
                self.warnings.append(found)

        return ChartFlow(
            block.chart,
            self.chart_look,
            self.fonts.name,
            max_height=block.max_height,
            space_before=block.space_before,
            space_after=block.space_after,
            on_cut=cut,
        )
