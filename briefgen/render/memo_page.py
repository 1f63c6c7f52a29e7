"""The memo's pages: the canvas that tags and counts them, the running parts (banners, header, footer), rules.

:class:`Decor` draws on every page, as artifacts, the classification banner at
top and bottom, the running header from page 2 and the "Page N of M" footer (its
total filled in a form when the last page is known); :class:`Words` gives the
fixed words and dates in the brief's language.
"""

from __future__ import annotations

import hashlib
import time
from typing import TYPE_CHECKING, Any

from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.flowables import Flowable

from briefgen.labels import Labels, labels_for, theme_labels_for
from briefgen.layout import locale_format
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo import (
    BANNER_EDGE,
    BANNER_HEIGHT,
    MemoGeometry,
)
from briefgen.layout.text import Line, wrap
from briefgen.load.markup import Run, strip_markup
from briefgen.load.model import Brief
from briefgen.render.memo_flow import (
    BIG,
    FontBook,
    TextStyle,
    colour,
    draw_runs,
)
from briefgen.render.memo_tagging import decoration
from briefgen.render.memo_tags import Tagger
from briefgen.theme import Theme

if TYPE_CHECKING:  # the chart module (and reportlab.graphics) is imported for the first chart only
    pass

__all__ = ["Decor", "MemoCanvas", "Rule", "Words", "subject"]


class Words:
    """The memo's fixed words and dates in the brief's language (catalogue, then the brief's own labels)."""

    def __init__(self, labels: Labels, language: str) -> None:
        self.labels = labels
        self.language = language

    @classmethod
    def of(cls, brief: Brief, theme: Theme | None = None) -> Words:
        """The words of ``brief``: its language's catalogue, the theme's labels, then the brief's own."""
        ours = theme_labels_for(theme.labels, brief.language) if theme is not None else {}
        return cls(labels_for(brief.language, [ours, brief.labels]), brief.language)

    def __call__(self, key: str, **values: object) -> str:
        return self.labels.text(key, **values)

    def date(self, day: Any) -> str:
        return locale_format.format_date(day, self.language)

    def date_range(self, start: Any, end: Any) -> str:
        return locale_format.format_date_range(start, end, self.language)


def subject(brief: Brief, words: Words) -> str:
    meeting = strip_markup(brief.meeting.name)
    when = words.date_range(brief.meeting.date, brief.meeting.end_date)
    if brief.meeting.location:
        when += words("list_separator") + strip_markup(brief.meeting.location)
    return words("pdf_subject", meeting=meeting, when=when)


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


def _one_line(text: str) -> str:
    """Brief text as a running line shows it: markup removed, every run of whitespace one space."""
    return " ".join(strip_markup(text).split())


class Decor:
    """Draws what every page carries: banners, the running header (page 2 on) and the footer.

    Each of these lines is planned once by the layout engine (glyph fallback, widths
    from the font files, cut with "…" where it would not fit) and drawn with the run
    drawing the body uses, so a Thai or Greek meeting name prints in every footer.
    """

    def __init__(self, brief: Brief, theme: Theme, fonts: FontBook, geo: MemoGeometry, words: Words) -> None:
        self.theme = theme
        self.words = words
        self.fonts = fonts
        self.geo = geo
        p = theme.palette
        size = theme.type_scale.memo.caption

        def style(ink: str, bold: bool = False) -> TextStyle:
            return TextStyle(theme.body_family, size, ink, 1.2, p.accent, theme.fallbacks, bold=bold)

        self.header_left_style = style(p.primary, bold=True)
        self.muted_style = style(p.muted)
        short = _one_line(brief.meeting.short_name or brief.meeting.name)
        self.header_left = self._line(short, self.header_left_style, geo.width * 0.4)
        room = geo.width - self.header_left.width - 24
        self.header_right = self._line(_one_line(brief.title), self.muted_style, room)
        footer = f"{short}  ·  {words.date(brief.date)}"
        self.footer_left = self._line(footer, self.muted_style, geo.width * 0.6)
        self.banner_colours = theme.banner(brief.classification) if brief.classification else None
        self.banner: tuple[Line, TextStyle, float] | None = None
        if self.banner_colours and brief.classification:
            marking = _one_line(brief.classification).upper()
            banner_style = style(self.banner_colours[1], bold=True)
            spacing = size * 0.12
            self.banner = (self._line(marking, banner_style, geo.width - 16, spacing), banner_style, spacing)

    def first_page(self, canv: Canvas, doc: Any) -> None:
        self._page(canv, header=False)

    def later_page(self, canv: Canvas, doc: Any) -> None:
        self._page(canv, header=True)

    def _line(self, text: str, style: TextStyle, width: float, spacing: float = 0.0) -> Line:
        """``text`` on one line no wider than ``width`` (letter-spaced by ``spacing``), cut with "…" if need be."""

        def plan(s: str) -> Line:
            runs = apply_fallback((Run(s, style.bold),), style.family, style.fallbacks) if s else ()
            return wrap(runs, style.family, style.size, BIG, fallbacks=style.fallbacks).lines[0]

        def measure(line: Line) -> float:
            return line.width + spacing * len(line.text)

        whole = plan(text)
        if measure(whole) <= width:
            return whole
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if measure(plan(text[:mid].rstrip() + "…")) <= width:
                lo = mid
            else:
                hi = mid - 1
        return plan(text[:lo].rstrip() + "…")

    def _draw(
        self, canv: Canvas, line: Line, style: TextStyle, x: float, baseline: float, spacing: float = 0.0
    ) -> None:
        draw_runs(canv, line.runs, style, self.fonts, x, baseline, line.width, spacing)

    def _page(self, canv: Canvas, *, header: bool) -> None:
        """The page's running parts, each an artifact of its own (as a reader skips them, one by one)."""
        geo, p = self.geo, self.theme.palette
        canv.saveState()
        if self.theme.palette.background.upper() != "#FFFFFF":
            with decoration(canv, "Background"):
                canv.setFillColor(colour(p.background))
                canv.rect(0, 0, geo.page_width, geo.page_height, stroke=0, fill=1)
        if self.banner is not None:
            with decoration(canv, "Pagination", "Header"):
                self._banner(canv, geo.page_height - BANNER_EDGE - BANNER_HEIGHT)
        canv.setStrokeColor(colour(p.rule))
        canv.setLineWidth(0.5)
        if header:
            with decoration(canv, "Pagination", "Header"):
                canv.line(geo.left, geo.header_rule, geo.right, geo.header_rule)
                self._draw(canv, self.header_left, self.header_left_style, geo.left, geo.header_baseline)
                right = self.header_right
                self._draw(canv, right, self.muted_style, geo.right - right.width, geo.header_baseline)
        with decoration(canv, "Pagination", "Footer"):
            canv.line(geo.left, geo.footer_rule, geo.right, geo.footer_rule)
            self._draw(canv, self.footer_left, self.muted_style, geo.left, geo.footer_baseline)
        with decoration(canv, "Pagination", "Footer"):
            canv.saveState()
            canv.translate(geo.right, geo.footer_baseline)
            canv.doForm(f"briefgen-page-{canv.getPageNumber()}")
            canv.restoreState()
        if self.banner is not None:
            with decoration(canv, "Pagination", "Footer"):
                self._banner(canv, BANNER_EDGE)
        canv.restoreState()

    def _banner(self, canv: Canvas, y: float) -> None:
        assert self.banner_colours is not None and self.banner is not None
        fill = self.banner_colours[0]
        line, style, spacing = self.banner
        geo = self.geo
        size = style.size
        canv.setFillColor(colour(fill))
        canv.rect(geo.left, y, geo.width, BANNER_HEIGHT, stroke=0, fill=1)
        width = line.width + spacing * max(0, len(line.text) - 1)
        x = geo.left + (geo.width - width) / 2
        self._draw(canv, line, style, x, y + (BANNER_HEIGHT - size) / 2 + size * 0.2, spacing)

    def page_count_form(self, canv: Canvas, number: int, total: int) -> None:
        """Define the form that prints "Page ``number`` of ``total``", right-aligned at its origin."""
        size = self.theme.type_scale.memo.caption
        line = self._line(self.words("page_of", n=number, m=total), self.muted_style, BIG)
        canv.beginForm(f"briefgen-page-{number}", lowerx=-400, lowery=-size, upperx=1, uppery=size * 2)
        self._draw(canv, line, self.muted_style, -line.width, 0)
        canv.endForm()


class Rule(Flowable):
    """A horizontal line across the frame."""

    def __init__(
        self, hex_colour: str, thickness: float, *, space_before: float = 0.0, space_after: float = 0.0
    ) -> None:
        super().__init__()
        self.hex_colour = hex_colour
        self.thickness = thickness
        self.spaceBefore = space_before
        self.spaceAfter = space_after
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
