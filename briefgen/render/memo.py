"""The PDF briefing memo: a brief drawn with ReportLab in the theme's look, returned as bytes.

:func:`render_memo_pdf` is the entry point. The memo holds, in order: letterhead,
header block (to, from, date, prepared by), subject, the bottom line up front,
the meeting at a glance, key points, positions, reactions, outlook,
recommendations, highlights, further sections and sources. Platypus paginates;
every line of text comes from the layout engine (:mod:`briefgen.layout.text`) and
is drawn by :mod:`briefgen.render.memo_flow`. Pages carry the classification
banner (top and bottom), a running header from page 2 and a "Page N of M" footer;
the PDF has metadata, an outline entry per section, and the theme's fonts
embedded and subset. The same brief, theme and ``epoch`` give the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib.utils import ImageReader, TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from briefgen.errors import Diagnostic, RenderError
from briefgen.labels import Labels, labels_for
from briefgen.layout import locale_format
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo import (
    BANNER_EDGE,
    BANNER_HEIGHT,
    MemoGeometry,
    column_widths,
    label_width,
    longest_word,
    memo_geometry,
    natural_width,
)
from briefgen.layout.text import Line, join_runs, wrap
from briefgen.layout.values import (
    chart_colours,
    document_keywords,
    numeric_columns,
)
from briefgen.load.loader import LoadedBrief
from briefgen.load.markup import Run, Runs, parse_inline, strip_markup
from briefgen.load.model import Brief, Chart, Image, Quote, Table
from briefgen.render import Rendered
from briefgen.render.memo_flow import (
    BIG,
    Cell,
    ChartFlow,
    FontBook,
    ImageFlow,
    Outline,
    Panel,
    TextFlow,
    TextStyle,
    ToneChip,
    chip_face_for,
    colour,
    draw_runs,
    grid,
    lead_height,
)
from briefgen.render.memo_tagging import Tag, decoration
from briefgen.render.memo_tags import Tagger
from briefgen.theme import Theme

if TYPE_CHECKING:  # the chart module (and reportlab.graphics) is imported for the first chart only
    from briefgen.render.memo_chart import ChartLook

__all__ = ["render_memo_pdf"]

MAX_IMAGE_PIXELS = 40_000_000
"""The largest picture (in pixels) the memo embeds; larger ones are an error, not a slow build."""

_ROW_SHARE = 0.45  # a table row taller than this share of the page continues on further rows
_TRACKING = 0.08  # letter spacing of capital labels, as a share of their size


def render_memo_pdf(loaded: LoadedBrief, theme: Theme, *, epoch: int, pdfa: bool = False) -> Rendered:
    """Return the memo of ``loaded`` as PDF bytes; the same inputs and ``epoch`` give the same bytes.

    Raises :class:`RenderError` (positioned) for a picture that cannot be embedded.
    """
    brief = loaded.brief
    fonts = FontBook()
    geo = memo_geometry(theme, brief)
    words = _Words.of(brief)
    writer = _MemoWriter(loaded, theme, fonts, geo, words)
    story = writer.story()
    decor = _Decor(brief, theme, fonts, geo, words)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(geo.page_width, geo.page_height),
        leftMargin=geo.left,
        rightMargin=geo.page_width - geo.right,
        topMargin=geo.page_height - geo.top,
        bottomMargin=geo.bottom,
        title=strip_markup(brief.title),
        author=strip_markup(brief.memo.prepared_by or brief.memo.from_ or brief.memo.organization or ""),
        subject=_subject(brief, words),
        keywords=document_keywords(brief),
        creator="briefgen",
        lang=brief.language,
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
    fingerprint = hashlib.sha256(repr(brief).encode("utf-8")).hexdigest()
    tagger = Tagger(brief.language, pdfa=pdfa)
    maker = functools.partial(_MemoCanvas, decor=decor, epoch=epoch, fingerprint=fingerprint, tagger=tagger)
    with _binary_streams():
        doc.build(story, canvasmaker=maker)
    return Rendered(out.getvalue(), list(writer.warnings))


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


class _Words:
    """The memo's fixed words and dates in the brief's language (catalogue, then the brief's own labels)."""

    def __init__(self, labels: Labels, language: str) -> None:
        self.labels = labels
        self.language = language

    @classmethod
    def of(cls, brief: Brief) -> _Words:
        return cls(labels_for(brief.language, [brief.labels]), brief.language)

    def __call__(self, key: str, **values: object) -> str:
        return self.labels.text(key, **values)

    def date(self, day: Any) -> str:
        return locale_format.format_date(day, self.language)

    def date_range(self, start: Any, end: Any) -> str:
        return locale_format.format_date_range(start, end, self.language)


def _subject(brief: Brief, words: _Words) -> str:
    meeting = strip_markup(brief.meeting.name)
    when = words.date_range(brief.meeting.date, brief.meeting.end_date)
    if brief.meeting.location:
        when += words("list_separator") + strip_markup(brief.meeting.location)
    return words("pdf_subject", meeting=meeting, when=when)


# ---------------------------------------------------------------------------
# Pages: banners, running header, footer


class _MemoCanvas(Canvas):
    """A canvas that stamps the epoch as the PDF's dates and writes "Page N of M" once the count is known."""

    def __init__(
        self, *args: Any, decor: _Decor, epoch: int, fingerprint: str, tagger: Tagger, **kwargs: Any
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


class _Decor:
    """Draws what every page carries: banners, the running header (page 2 on) and the footer.

    Each of these lines is planned once by the layout engine (glyph fallback, widths
    from the font files, cut with "…" where it would not fit) and drawn with the run
    drawing the body uses, so a Thai or Greek meeting name prints in every footer.
    """

    def __init__(self, brief: Brief, theme: Theme, fonts: FontBook, geo: MemoGeometry, words: _Words) -> None:
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


# ---------------------------------------------------------------------------
# Styles


class _Styles:
    """The memo's text styles, from the theme's fonts, sizes and palette."""

    def __init__(self, theme: Theme) -> None:
        t, p = theme.type_scale.memo, theme.palette
        body, head = theme.body_family, theme.heading_family
        fb = theme.fallbacks
        ls = t.line_spacing

        def style(family: Any, size: float, ink: str, spacing: float = ls, **kw: Any) -> TextStyle:
            return TextStyle(family, size, ink, spacing, p.accent, fb, **kw)

        self.body = style(body, t.body, p.text)
        self.lead = style(body, t.body + 0.5, p.text)
        self.small = style(body, t.small, p.text)
        self.small_muted = style(body, t.small, p.muted)
        self.caption = style(body, t.caption, p.muted, italic=True)
        self.label = style(head, t.caption, p.muted, 1.3, bold=True)
        self.label_primary = style(head, t.caption, p.primary, 1.3, bold=True)
        self.heading = style(head, t.heading, p.primary, 1.2, bold=True)
        self.subheading = style(head, t.subheading, p.text, 1.2, bold=True)
        self.number = style(head, t.subheading, p.primary, 1.2, bold=True)
        self.title = style(head, t.title, p.primary, 1.12, bold=True)
        self.subtitle = style(body, t.subheading, p.muted, 1.25, italic=True)
        self.org = style(head, t.heading + 2, p.primary, 1.15, bold=True)
        self.quote = style(body, t.body + 1, p.primary, ls, italic=True)
        self.cell = style(body, t.small, p.text, 1.22)
        self.cell_head = style(head, t.small, p.on_primary, 1.22, bold=True)
        self.bullet = style(body, t.body, p.accent, ls, bold=True)
        self.para = t.paragraph_spacing


# ---------------------------------------------------------------------------
# The story


def _runs(text: str, style: TextStyle) -> Runs:
    """The styled runs of ``text`` (TextFlow sets fallback fonts for what the style's family lacks)."""
    return parse_inline(text)


def _plain(text: str) -> Runs:
    """Literal text (no markup) as one run."""
    return (Run(text),) if text else ()


class _MemoWriter:
    """Builds the memo's flowables from the brief, part by part, in the order the memo prints them."""

    def __init__(
        self, loaded: LoadedBrief, theme: Theme, fonts: FontBook, geo: MemoGeometry, words: _Words
    ) -> None:
        self.loaded = loaded
        self.say = words
        self.brief = loaded.brief
        self.theme = theme
        self.p = theme.palette
        self.fonts = fonts
        self.geo = geo
        self.width = geo.width
        self.styles = _Styles(theme)
        self.warnings: list[Diagnostic] = []
        self.out: list[Flowable] = []
        self._outline = 0
        self._tables = 0
        self._figures = 0
        self.cell_font = fonts.name(theme.body_family.regular)

    @functools.cached_property
    def chart_look(self) -> ChartLook:
        """How this memo draws charts (made, with the chart module, for the first chart only)."""
        from briefgen.render.memo_chart import ChartLook

        palette = self.theme.palette
        return ChartLook(
            series=chart_colours(palette),
            text=palette.text,
            muted=palette.muted,
            grid=palette.rule,
            axis=palette.muted,
            background=palette.background,
            family=self.theme.body_family,
            fallbacks=self.theme.fallback_families,
            name_of=self.fonts.name,
            size=self.theme.type_scale.memo.caption,
            title_size=self.theme.type_scale.memo.body,
            width_of=pdfmetrics.stringWidth,
        )

    # -- helpers -----------------------------------------------------------------

    def text(self, text: str, style: TextStyle | None = None, **kw: Any) -> TextFlow:
        style = style or self.styles.body
        return TextFlow(_runs(text, style), style, self.fonts, **kw)

    def plain(self, text: str, style: TextStyle, **kw: Any) -> TextFlow:
        return TextFlow(_plain(text), style, self.fonts, **kw)

    def label(
        self, text: str, style: TextStyle | None = None, *, beside: TextStyle | None = None, **kw: Any
    ) -> TextFlow:
        """A small letter-spaced label in capitals (``TO``, ``SUBJECT``); ``beside`` a value, on its baseline."""
        style = style or self.styles.label
        if beside is not None:
            style = replace(style, line_spacing=beside.line_height / style.size)
        return TextFlow(_plain(text), style, self.fonts, char_space=style.size * _TRACKING, **kw)

    def _label_width(self, text: str) -> float:
        s = self.styles.label
        return label_width(text, s.family.face(True, False), s.size, s.size * _TRACKING)

    def _around(self, key: str, slot: str, runs: Runs) -> tuple[Runs, Runs, Runs]:
        """``runs`` inside the words of label ``key`` (its ``{slot}``): quotation marks, a dash before a name."""
        before, after = self.say.labels.around(key, slot)
        return _plain(before) if before else (), runs, _plain(after) if after else ()

    def add(self, *flowables: Flowable) -> None:
        self.out.extend(flowables)

    def keep(self, first: Flowable, *following: Flowable) -> None:
        """Add ``first`` (a heading) so that it never ends a page: it needs room for the first lines that follow.

        ``following`` are the flowables it is kept with (a key point's title, then its body): the
        smallest first piece of each must fit under it on the same page.
        """
        need = lead_height(first, self.width)
        before = first
        for flow in following:
            need += before.getSpaceAfter() + lead_height(flow, self.width)
            before = flow
        need = min(need, self.geo.height * 0.6)
        self.out.append(CondPageBreak(need))
        self.out.append(first)

    def _next_outline(self, title: str) -> Outline:
        self._outline += 1
        return Outline(f"section-{self._outline}", title)

    def heading(self, title: str, *following: Flowable, plain: bool = False) -> None:
        s = self.styles.heading
        runs = _plain(title) if plain else _runs(title, s)
        flow = TextFlow(
            runs,
            s,
            self.fonts,
            space_before=s.size * 1.35,
            space_after=s.size * 0.55,
            rule=(self.p.rule, 0.75, 3.0),
            outline=self._next_outline(strip_markup(title)),
            tag=Tag("H2"),
        )
        self.keep(flow, *following)

    def section(self, title: str, body: Sequence[Flowable], *, plain: bool = True) -> None:
        if not body:
            return
        self.heading(title, body[0], plain=plain)
        self.add(*body)

    def bullets(
        self,
        items: Sequence[str],
        *,
        style: TextStyle | None = None,
        numbered: bool = False,
        indent: float = 0.0,
    ) -> list[Flowable]:
        style = style or self.styles.body
        label_style = self.styles.number.sized(style.size) if numbered else self.styles.bullet
        hang = style.size * (1.9 if numbered else 1.35)
        out: list[Flowable] = []
        listed = Tag("L")
        for i, item in enumerate(items, 1):
            label = _plain(f"{i}." if numbered else "•")
            entry = Tag("LI", listed)
            out.append(
                self.text(
                    item,
                    style,
                    indent=indent + hang,
                    label=label,
                    label_style=label_style,
                    label_x=indent + (0 if numbered else style.size * 0.25),
                    space_before=style.size * 0.3,
                    tag=Tag("LBody", entry),
                    label_tag=Tag("Lbl", entry),
                )
            )
        return out

    def quote(self, quote: Quote, *, left: float = 0.0) -> Panel:
        s = self.styles
        quoted = Tag("BlockQuote")
        children: list[Flowable] = [
            TextFlow(
                join_runs(*self._around("quotation", "text", _runs(quote.text, s.quote))),
                s.quote,
                self.fonts,
                tag=Tag("P", quoted),
            )
        ]
        who: list[Runs] = []
        if quote.by:
            who.append(
                tuple(Run(r.text, True, r.italic, r.href, r.font) for r in _runs(quote.by, s.small_muted))
            )
        if quote.role:
            who.append(_runs(quote.role, s.small_muted))
        if who:
            sep = _plain(self.say("list_separator"))
            names = join_runs(*(join_runs(sep if k else (), x) for k, x in enumerate(who)))
            runs = join_runs(*self._around("attribution", "name", names))
            children.append(TextFlow(runs, s.small_muted, self.fonts, space_before=3, tag=Tag("P", quoted)))
        return Panel(
            children,
            pad=(3, 0, 3, 12),
            left=left,
            bar=self.p.accent,
            bar_width=2.5,
            space_before=s.para + 2,
            space_after=s.para,
        )

    # -- the parts -----------------------------------------------------------------

    def story(self) -> list[Flowable]:
        self.letterhead()
        self.header_block()
        self.bluf()
        self.meeting()
        self.key_points()
        self.positions()
        self.reactions()
        b, s = self.brief, self.styles
        if b.outlook:
            self.section(self.say("outlook"), [self.text(b.outlook, s.body)])
        if b.recommendations:
            self.section(self.say("recommendations"), self.bullets(b.recommendations, numbered=True))
        if b.highlights:
            self.section(
                self.say("highlights"),
                [Panel(self.bullets(b.highlights), pad=(4, 10, 8, 10), fill=self.p.surface)],
            )
        for i, sec in enumerate(b.sections):
            self.custom_section(i, sec.title, sec.blocks)
        self.sources()
        return self.out

    def letterhead(self) -> None:
        s, b = self.styles, self.brief
        org = b.memo.organization
        lines: list[Flowable] = []
        if org:
            lines.append(self.text(org, s.org))
        lines.append(
            self.plain(
                self.say("briefing_memorandum"),
                s.label_primary if org else s.org,
                space_before=2,
                char_space=0.4 if org else 0.0,
            )
        )
        logo = self.theme.logo_path
        if logo is not None and self.theme.logo is not None:
            reader = ImageReader(str(logo))
            px_w, px_h = reader.getSize()
            h = self.theme.logo.height
            w = min(px_w * h / px_h, self.width * 0.3) if px_h else h
            mark = ImageFlow(
                reader,
                self.say("logo_alt", name=strip_markup(org or self.say("organisation"))),
                max_height=h,
                dpi=px_h * 72.0 / h if h else 96.0,
            )
            self.add(Panel(lines, label=mark, label_width=w, label_gap=12))
        else:
            self.add(*lines)
        self.add(_Rule(self.p.primary, 2.0, space_before=6, space_after=8))

    def header_block(self) -> None:
        s, m = self.styles, self.brief.memo
        items = [
            (self.say("to").upper(), m.to),
            (self.say("from").upper(), m.from_),
            (self.say("date").upper(), self.say.date(self.brief.date)),
            (self.say("prepared_by").upper(), m.prepared_by),
        ]
        date_label = items[2][0]
        present: list[tuple[str, str]] = [(k, v) for k, v in items if v]
        half = (len(present) + 1) // 2
        left, right = present[:half], present[half:]
        label_w = max(self._label_width(k) for k, _ in present) + 10
        gutter = 14.0
        pair = (self.width - gutter) / 2
        widths = [label_w, pair - label_w, gutter, label_w, pair - label_w]
        rows = []
        for i in range(half):
            row: list[Cell] = []
            for n, col in enumerate((left, right)):
                if n:
                    row.append(Cell())
                if i < len(col):
                    k, v = col[i]
                    runs = _plain(v) if k == date_label else _runs(v, s.body)
                    row += [Cell(self.label(k, beside=s.body)), Cell(TextFlow(runs, s.body, self.fonts))]
                else:
                    row += [Cell(), Cell()]
            rows.append(row)
        self.add(
            grid(
                None,
                rows,
                widths,
                pad=(0.0, 2.0),
                max_row_height=self.geo.height * _ROW_SHARE,
                header_fill=None,
                zebra=None,
                rule=None,
                font=self.cell_font,
                row_headers=frozenset({0, 3}),  # the TO, FROM, DATE, PREPARED BY labels
            )
        )
        self.add(_Rule(self.p.rule, 0.75, space_before=6, space_after=10))
        self.add(self.label(self.say("subject").upper(), space_after=2))
        self.add(self.text(self.brief.title, s.title, space_after=4, tag=Tag("H1")))
        if self.brief.subtitle:
            self.add(self.text(self.brief.subtitle, s.subtitle, space_before=2))

    def bluf(self) -> None:
        s = self.styles
        children = [
            self.label(
                self.say("bottom_line").upper(),
                s.label_primary,
                space_after=3,
                outline=self._next_outline(self.say("bottom_line")),
            ),
            self.text(self.brief.summary, s.lead),
        ]
        self.add(
            Panel(
                children,
                pad=(9, 12, 11, 15),
                fill=self.p.surface,
                bar=self.p.primary,
                bar_width=4,
                space_before=14,
                space_after=6,
            )
        )

    def facts_grid(self, facts: Sequence[tuple[str, Runs]]) -> Flowable:
        s = self.styles
        label_w = max(self._label_width(k) for k, _ in facts) + 14
        rows = [
            [Cell(self.label(k, beside=s.small)), Cell(TextFlow(v, s.small, self.fonts))] for k, v in facts
        ]
        return grid(
            None,
            rows,
            [label_w, self.width - label_w],
            pad=(0.0, 3.0),
            max_row_height=self.geo.height * _ROW_SHARE,
            header_fill=None,
            zebra=None,
            rule=self.p.rule,
            font=self.cell_font,
            row_headers=frozenset({0}),
        )

    def meeting(self) -> None:
        mt, s, say = self.brief.meeting, self.styles, self.say
        name = _runs(mt.name, s.small)
        if mt.short_name:
            name = join_runs(name, _plain(" ("), _runs(mt.short_name, s.small), _plain(")"))
        facts: list[tuple[str, Runs]] = [
            (say("meeting").upper(), name),
            (say("dates").upper(), _plain(say.date_range(mt.date, mt.end_date))),
        ]
        for key, value in (("location", mt.location), ("chair", mt.chair), ("theme", mt.theme)):
            if value:
                facts.append((say(key).upper(), _runs(value, s.small)))
        if mt.participants:
            parts = [_runs(x, s.small) for x in mt.participants]
            facts.append(
                (
                    say("participants").upper(),
                    join_runs(
                        *(
                            join_runs(_plain(say("list_separator")) if i else (), r)
                            for i, r in enumerate(parts)
                        )
                    ),
                )
            )
        self.section(say("meeting_at_a_glance"), [self.facts_grid(facts)])

    def key_points(self) -> None:
        s = self.styles
        hang = s.subheading.size * 1.9
        first = True
        for i, kp in enumerate(self.brief.key_points, 1):
            title = self.text(
                kp.title,
                s.subheading,
                indent=hang,
                label=_plain(str(i)),
                label_style=s.number,
                space_before=0 if first else 12,
                space_after=3,
                tag=Tag("H3"),
            )
            body = self.text(kp.body, s.body, indent=hang)
            if first:
                self.heading(self.say("key_points"), title, body, plain=True)
                self.add(title)
            else:
                self.keep(title, body)
            self.add(body)
            if kp.quote:
                self.add(self.quote(kp.quote, left=hang))
            if kp.notes:
                lead = self.say.labels.around("label_value", "value", label=self.say("detail"))[0]
                runs = join_runs((Run(lead, bold=True),), _runs(kp.notes, s.small_muted))
                self.add(TextFlow(runs, s.small_muted, self.fonts, indent=hang, space_before=s.para * 0.8))
            first = False

    def positions(self) -> None:
        s = self.styles
        blocks: list[Flowable] = []
        label_w = min(150.0, self.width * 0.28)
        for pos in self.brief.positions:
            children: list[Flowable] = [self.text(pos.summary, s.body)]
            children += self.bullets(pos.points, style=s.body)
            actor = self.text(pos.actor, s.subheading.coloured(self.p.primary), tag=Tag("H3"))
            blocks.append(
                Panel(
                    children,
                    label=actor,
                    label_width=label_w,
                    label_gap=14,
                    pad=(7, 0, 7, 0),
                    rule_top=(self.p.rule, 0.5),
                )
            )
        self.section(self.say("positions"), blocks)

    def reactions(self) -> None:
        reactions = self.brief.reactions
        if not reactions:
            return
        s = self.styles
        chip_face = s.cell_head.family.face(True, False)
        chip_font = self.fonts.name(chip_face)
        chip_size = s.cell.size * 0.92
        header = [
            Cell(self.plain(h, s.cell_head)) for h in map(self.say, ("outlet", "country", "tone", "summary"))
        ]
        rows: list[list[Cell]] = []
        for r in reactions:
            tone = r.tone or None
            name = self.say.labels.tone(tone) if tone else ""
            face = chip_face_for(name, s.cell_head.family, chip_face, self.theme.fallback_families)
            chip = (
                ToneChip(
                    name,
                    self.theme.tone(tone),
                    self.p.on_tone,
                    chip_font if face is chip_face else self.fonts.name(face),
                    chip_size,
                    label_width(name, face, chip_size, 0.0),
                )
                if tone
                else None
            )
            rows.append(
                [
                    Cell(TextFlow(_runs(r.outlet, s.cell), s.cell.coloured(self.p.text), self.fonts)),
                    Cell(
                        TextFlow(_runs(r.country, s.cell) if r.country else _plain("—"), s.cell, self.fonts)
                    ),
                    Cell(fixed=chip) if chip else Cell(self.plain("—", s.cell)),
                    Cell(TextFlow(_runs(r.summary, s.cell), s.cell, self.fonts)),
                ]
            )
        chip_w = max((c.fixed.width for row in rows for c in row if c.fixed is not None), default=40.0) + 12
        rest = self.width - chip_w
        widths = [rest * 0.25, rest * 0.16, chip_w, rest * 0.59]
        self.section(self.say("reactions"), [self.data_grid(header, rows, widths)])

    def data_grid(
        self,
        header: Sequence[Cell],
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        space_before: float = 0.0,
    ) -> Flowable:
        """A table of data in the theme's look: a primary header row repeated on each page, zebra rows."""
        return grid(
            header,
            rows,
            widths,
            max_row_height=self.geo.height * _ROW_SHARE,
            header_fill=self.p.primary,
            zebra=self.p.surface,
            rule=self.p.rule,
            header_rule=self.p.primary,
            font=self.cell_font,
            space_before=space_before,
        )

    def custom_section(self, index: int, title: str, blocks: Sequence[Any]) -> None:
        flows: list[Flowable] = []
        s = self.styles
        for j, block in enumerate(blocks):
            kind, value = block.kind, block.value
            if kind == "text":
                flows.append(self.text(value, s.body, space_before=s.para))
            elif kind == "bullets":
                items = self.bullets(value)
                if items:
                    items[0].spaceBefore = s.para
                flows += items
            elif kind == "quote":
                flows.append(self.quote(value))
            elif kind == "table":
                flows += self.table(value)
            elif kind == "chart":
                flows.append(self.chart(value, ("sections", index, "blocks", j, "chart")))
            elif kind == "image":
                flows += self.image(value, ("sections", index, "blocks", j, "image"))
        if flows:
            flows[0].spaceBefore = 0.0
        self.heading(title, *flows[:1])
        self.add(*flows)

    def table(self, table: Table) -> list[Flowable]:
        s = self.styles
        n = len(table.columns)
        rows = [(list(r) + [""] * n)[:n] for r in table.rows]
        numeric = numeric_columns(rows, n)
        pad_x = 5.0
        natural, minimum = [], []
        head_runs = [_runs(c, s.cell_head) for c in table.columns]
        cell_runs = [[_plain(v) for v in r] for r in rows]
        for c in range(n):
            texts = [head_runs[c]] + [r[c] for r in cell_runs]
            widest = max(self._natural(t, s.cell) for t in texts) + 2 * pad_x
            word = max(self._longest_word(t, s.cell) for t in texts) + 2 * pad_x
            natural.append(min(widest, self.width))
            minimum.append(word)
        widths = column_widths(natural, minimum, self.width)
        align = ["right" if numeric[c] else "left" for c in range(n)]
        header = [Cell(TextFlow(head_runs[c], s.cell_head, self.fonts, align=align[c])) for c in range(n)]
        body = [
            [Cell(TextFlow(cell_runs[i][c], s.cell, self.fonts, align=align[c])) for c in range(n)]
            for i in range(len(rows))
        ]
        out: list[Flowable] = [self.data_grid(header, body, widths, space_before=s.para + 2)]
        self._tables += 1
        caption = join_runs(
            _plain(self.say("table_number", n=self._tables)),
            join_runs(_plain(self.say("caption_separator")), _runs(table.caption, s.caption))
            if table.caption
            else (),
        )
        out.append(TextFlow(caption, s.caption, self.fonts, space_before=4, space_after=s.para))
        return out

    def _natural(self, runs: Runs, style: TextStyle) -> float:
        return natural_width(runs, style.family, style.size, style.fallbacks)

    def _longest_word(self, runs: Runs, style: TextStyle) -> float:
        return min(longest_word(runs, style.family.regular, style.size), self.width * 0.3)

    def chart(self, chart: Chart, where: tuple[Any, ...]) -> Flowable:
        def cut(labels: list[str]) -> None:
            names = ", ".join(repr(strip_markup(x)) for x in labels)
            self.warn(
                (*where, "categories"), f"chart labels too long for the memo's chart, shortened: {names}"
            )

        return ChartFlow(
            chart,
            self.chart_look,
            max_height=self.geo.height * 0.45,
            space_before=self.styles.para + 4,
            space_after=self.styles.para,
            on_cut=cut,
        )

    def warn(self, where: tuple[Any, ...], message: str) -> None:
        """Record a positioned warning (once)."""
        found = self.loaded.document.diagnostic(where, message)
        found = replace(found, severity="warning")
        if found not in self.warnings:
            self.warnings.append(found)

    def image(self, image: Image, where: tuple[Any, ...]) -> list[Flowable]:
        s = self.styles
        path = (self.loaded.folder / image.path).resolve()
        doc = self.loaded.document
        try:
            with PILImage.open(path) as im:
                px_w, px_h = im.size
                dpi = im.info.get("dpi", (96, 96))[0] or 96
            if px_w * px_h > MAX_IMAGE_PIXELS:
                raise RenderError(
                    "image too large",
                    [
                        doc.diagnostic(
                            (*where, "path"),
                            f"image {image.path!r} is {px_w} × {px_h} pixels; the memo embeds at most "
                            f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels",
                        )
                    ],
                )
            reader = ImageReader(str(path))
        except RenderError:
            raise
        except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
            raise RenderError(
                "image unreadable",
                [doc.diagnostic((*where, "path"), f"image {image.path!r} cannot be read: {exc}")],
            ) from None
        self._figures += 1
        flow = ImageFlow(
            reader,
            strip_markup(image.alt),
            max_height=self.geo.height * 0.5,
            dpi=max(float(dpi), 72.0),
            space_before=s.para + 4,
        )
        caption = join_runs(
            _plain(self.say("figure_number", n=self._figures)),
            join_runs(_plain(self.say("caption_separator")), _runs(image.caption, s.caption))
            if image.caption
            else (),
        )
        cap = TextFlow(caption, s.caption, self.fonts, align="centre", space_before=4, space_after=s.para)
        return [Panel([flow, cap], space_before=s.para + 4, space_after=s.para)]

    def sources(self) -> None:
        s = self.styles
        flows: list[Flowable] = []
        hang = s.small.size * 2.6
        for i, src in enumerate(self.brief.sources, 1):
            parts: list[Runs] = [_runs(src.title, s.small)]
            meta = [
                x
                for x in (
                    _runs(src.publisher, s.small) if src.publisher else (),
                    _plain(self.say.date(src.date)) if src.date else (),
                )
                if x
            ]
            if meta:
                parts.append(_plain(". "))  # title. Publisher, 10 April 2026. https://…
                for k, m in enumerate(meta):
                    parts.append(join_runs(_plain(self.say("list_separator")) if k else (), m))
            if src.url:
                parts.append(_plain(". "))
                parts.append((Run(src.url, href=src.url),))
            flows.append(
                TextFlow(
                    join_runs(*parts),
                    s.small,
                    self.fonts,
                    indent=hang,
                    label=_plain(f"[{i}]"),
                    label_style=s.small_muted,
                    space_before=3,
                )
            )
        self.section(self.say("sources"), flows)


class _Rule(Flowable):
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
