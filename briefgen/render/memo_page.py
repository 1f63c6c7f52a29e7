"""The memo's pages: the canvas that tags and counts them, the running parts (banners, header, footer), rules.

:class:`Decor` draws on every page, as artifacts, the classification banner at
top and bottom, the running header from page 2 and the "Page N of M" footer (its
total filled in a form when the last page is known), as the memo plan set them.
"""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING, Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo import (
    BANNER_EDGE,
    BANNER_HEIGHT,
    MemoGeometry,
)
from briefgen.layout.memo_blocks import Rule as RuleBlock
from briefgen.layout.memo_chunks import DrawnLine
from briefgen.layout.memo_plan import RunningParts
from briefgen.render.memo_flow import (
    FontBook,
    TextStyle,
    colour,
    draw_chunks,
)
from briefgen.render.memo_tagging import decoration
from briefgen.render.memo_tags import Tagger
from briefgen.theme import Theme

if TYPE_CHECKING:  # the chart module (and reportlab.graphics) is imported for the first chart only
    pass

__all__ = ["Decor", "MemoCanvas", "Rule"]


# ---------------------------------------------------------------------------
# Pages: banners, running header, footer


class MemoCanvas(Canvas):
    """A canvas that stamps the epoch as the PDF's dates and writes "Page N of M" once the count is known."""

    def __init__(
        self, *args: Any, decor: Decor, epoch: int, fingerprint: str, tagger: Tagger, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._decor = decor
        self.tagger = tagger
        stamp = TimeStamp(invariant=True)
        stamp.t = epoch
        stamp.lt = time.gmtime(epoch)
        stamp.YMDhms = tuple(stamp.lt)[:6]
        stamp.dhh = stamp.dmm = 0
        stamp.tzname = "UTC"
        self._doc._timeStamp = stamp
        # The document ID comes from this digest: seed it with the brief and the epoch only, not the
        # environment (ReportLab's own seed reads SOURCE_DATE_EPOCH).
        signature = hashlib.md5(b"briefgen memo", usedforsecurity=False)
        signature.update(f"{epoch}:{fingerprint}".encode())
        self._doc.signature = signature
        self.showOutline()

    def save(self) -> None:
        total = self.getPageNumber() - 1
        for number in range(1, total + 1):
            self._decor.page_count_form(self, number, total)
        self.tagger.finish(self)
        super().save()


class Decor:
    """Draws what every page carries: banners, the running header (page 2 on) and the footer.

    Its lines are the memo plan's :class:`~briefgen.layout.memo_plan.RunningParts`,
    drawn with the run drawing the body uses.
    """

    def __init__(self, running: RunningParts, theme: Theme, fonts: FontBook, geo: MemoGeometry) -> None:
        self.theme = theme
        self.fonts = fonts
        self.geo = geo
        self.running = running

    def first_page(self, canv: Canvas, doc: Any) -> None:
        self._page(canv, header=False)

    def later_page(self, canv: Canvas, doc: Any) -> None:
        self._page(canv, header=True)

    def _draw(
        self, canv: Canvas, line: DrawnLine, style: TextStyle, x: float, baseline: float, spacing: float = 0.0
    ) -> None:
        draw_chunks(canv, line.chunks, style, self.fonts, x, baseline, line.width, spacing)

    def _page(self, canv: Canvas, *, header: bool) -> None:
        """The page's running parts, each an artifact of its own (as a reader skips them, one by one)."""
        geo, p = self.geo, self.theme.palette
        canv.saveState()
        if self.theme.palette.background.upper() != "#FFFFFF":
            with decoration(canv, "Background"):
                canv.setFillColor(colour(p.background))
                canv.rect(0, 0, geo.page_width, geo.page_height, stroke=0, fill=1)
        if self.running.banner is not None:
            with decoration(canv, "Pagination", "Header"):
                self._banner(canv, geo.page_height - BANNER_EDGE - BANNER_HEIGHT)
        canv.setStrokeColor(colour(p.rule))
        canv.setLineWidth(0.5)
        if header:
            with decoration(canv, "Pagination", "Header"):
                canv.line(geo.left, geo.header_rule, geo.right, geo.header_rule)
                self._draw(
                    canv,
                    self.running.header_left,
                    self.running.header_left_style,
                    geo.left,
                    geo.header_baseline,
                )
                right = self.running.header_right
                self._draw(
                    canv, right, self.running.muted_style, geo.right - right.width, geo.header_baseline
                )
        with decoration(canv, "Pagination", "Footer"):
            canv.line(geo.left, geo.footer_rule, geo.right, geo.footer_rule)
            self._draw(
                canv, self.running.footer_left, self.running.muted_style, geo.left, geo.footer_baseline
            )
        with decoration(canv, "Pagination", "Footer"):
            canv.saveState()
            canv.translate(geo.right, geo.footer_baseline)
            canv.doForm(f"briefgen-page-{canv.getPageNumber()}")
            canv.restoreState()
        if self.running.banner is not None:
            with decoration(canv, "Pagination", "Footer"):
                self._banner(canv, BANNER_EDGE)
        canv.restoreState()

    def _banner(self, canv: Canvas, y: float) -> None:
        assert self.running.banner_colours is not None and self.running.banner is not None
        fill = self.running.banner_colours[0]
        line, style, spacing = self.running.banner
        geo = self.geo
        size = style.size
        canv.setFillColor(colour(fill))
        canv.rect(geo.left, y, geo.width, BANNER_HEIGHT, stroke=0, fill=1)
        width = line.width + spacing * max(0, len(line.text) - 1)
        x = geo.left + (geo.width - width) / 2
        self._draw(canv, line, style, x, y + (BANNER_HEIGHT - size) / 2 + size * 0.2, spacing)

    def page_count_form(self, canv: Canvas, number: int, total: int) -> None:
        """Define the form that prints "Page ``number`` of ``total``", right-aligned at its origin."""
        size = self.running.size
        line = self.running.page_of(number, total)
        canv.beginForm(f"briefgen-page-{number}", lowerx=-400, lowery=-size, upperx=1, uppery=size * 2)
        self._draw(canv, line, self.running.muted_style, -line.width, 0)
        canv.endForm()


class Rule(Flowable):
    """A horizontal line across the frame."""

    def __init__(self, rule: RuleBlock) -> None:
        super().__init__()
        self.hex_colour = rule.colour
        self.thickness = rule.thickness
        self.spaceBefore = rule.space_before
        self.spaceAfter = rule.space_after
        self.width = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        return availWidth, self.thickness

    def draw(self) -> None:
        with decoration(self.canv):
            self.canv.saveState()
            self.canv.setStrokeColor(colour(self.hex_colour))
            self.canv.setLineWidth(self.thickness)
            self.canv.line(0, self.thickness / 2, self.width, self.thickness / 2)
            self.canv.restoreState()
