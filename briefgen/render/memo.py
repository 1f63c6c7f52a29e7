"""The PDF briefing memo: a brief drawn with ReportLab in the theme's look, returned as bytes.

:func:`render_memo_pdf` is the entry point. The memo holds, in order: letterhead,
header block (to, from, date, prepared by), subject, the bottom line up front,
the meeting at a glance, key points, positions, reactions, outlook,
recommendations, highlights, further sections and sources. Platypus paginates;
every line of text comes from the layout engine (:mod:`briefgen.layout.text`) and
is drawn by :mod:`briefgen.render.memo_flow`; the parts are made with the tools of
:mod:`briefgen.render.memo_writer` and the pages dressed by :mod:`briefgen.render.memo_page`. Pages carry the classification
banner (top and bottom), a running header from page 2 and a "Page N of M" footer;
the PDF has metadata, an outline entry per section, and the theme's fonts
embedded and subset. The same brief, theme and ``epoch`` give the same bytes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo import (
    label_width,
    memo_geometry,
)
from briefgen.layout.text import join_runs
from briefgen.layout.values import (
    document_keywords,
)
from briefgen.load.loader import LoadedBrief
from briefgen.load.markup import Run, Runs, strip_markup
from briefgen.render import Rendered
from briefgen.render.memo_boxes import Panel, ToneChip, chip_face_for
from briefgen.render.memo_flow import (
    FontBook,
    TextFlow,
)
from briefgen.render.memo_grid import Cell, grid
from briefgen.render.memo_media import ImageFlow
from briefgen.render.memo_page import Decor, MemoCanvas, Rule, Words, subject
from briefgen.render.memo_tagging import Tag
from briefgen.render.memo_tags import Tagger
from briefgen.render.memo_writer import ROW_SHARE, MemoWriter, markup_runs, plain_runs
from briefgen.theme import Theme

if TYPE_CHECKING:  # the chart module (and reportlab.graphics) is imported for the first chart only
    pass

__all__ = ["render_memo_pdf"]


def render_memo_pdf(loaded: LoadedBrief, theme: Theme, *, epoch: int, pdfa: bool = False) -> Rendered:
    """Return the memo of ``loaded`` as PDF bytes; the same inputs and ``epoch`` give the same bytes.

    Raises :class:`RenderError` (positioned) for a picture that cannot be embedded.
    """
    brief = loaded.brief
    fonts = FontBook()
    geo = memo_geometry(theme, brief)
    words = Words.of(brief, theme)
    writer = _Memo(loaded, theme, fonts, geo, words)
    story = writer.story()
    decor = Decor(brief, theme, fonts, geo, words)
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
        subject=subject(brief, words),
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
    maker = functools.partial(MemoCanvas, decor=decor, epoch=epoch, fingerprint=fingerprint, tagger=tagger)
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


class _Memo(MemoWriter):
    """The memo's parts, in the order the memo prints them."""

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
        self.add(Rule(self.p.primary, 2.0, space_before=6, space_after=8))

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
                    runs = plain_runs(v) if k == date_label else markup_runs(v, s.body)
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
                max_row_height=self.geo.height * ROW_SHARE,
                header_fill=None,
                zebra=None,
                rule=None,
                font=self.cell_font,
                row_headers=frozenset({0, 3}),  # the TO, FROM, DATE, PREPARED BY labels
            )
        )
        self.add(Rule(self.p.rule, 0.75, space_before=6, space_after=10))
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

    def meeting(self) -> None:
        mt, s, say = self.brief.meeting, self.styles, self.say
        name = markup_runs(mt.name, s.small)
        if mt.short_name:
            name = join_runs(name, plain_runs(" ("), markup_runs(mt.short_name, s.small), plain_runs(")"))
        facts: list[tuple[str, Runs]] = [
            (say("meeting").upper(), name),
            (say("dates").upper(), plain_runs(say.date_range(mt.date, mt.end_date))),
        ]
        for key, value in (("location", mt.location), ("chair", mt.chair), ("theme", mt.theme)):
            if value:
                facts.append((say(key).upper(), markup_runs(value, s.small)))
        if mt.participants:
            parts = [markup_runs(x, s.small) for x in mt.participants]
            facts.append(
                (
                    say("participants").upper(),
                    join_runs(
                        *(
                            join_runs(plain_runs(say("list_separator")) if i else (), r)
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
                label=plain_runs(str(i)),
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
                runs = join_runs((Run(lead, bold=True),), markup_runs(kp.notes, s.small_muted))
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
                    Cell(TextFlow(markup_runs(r.outlet, s.cell), s.cell.coloured(self.p.text), self.fonts)),
                    Cell(
                        TextFlow(
                            markup_runs(r.country, s.cell) if r.country else plain_runs("—"),
                            s.cell,
                            self.fonts,
                        )
                    ),
                    Cell(fixed=chip) if chip else Cell(self.plain("—", s.cell)),
                    Cell(TextFlow(markup_runs(r.summary, s.cell), s.cell, self.fonts)),
                ]
            )
        chip_w = max((c.fixed.width for row in rows for c in row if c.fixed is not None), default=40.0) + 12
        rest = self.width - chip_w
        widths = [rest * 0.25, rest * 0.16, chip_w, rest * 0.59]
        self.section(self.say("reactions"), [self.data_grid(header, rows, widths)])

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

    def sources(self) -> None:
        s = self.styles
        flows: list[Flowable] = []
        hang = s.small.size * 2.6
        for i, src in enumerate(self.brief.sources, 1):
            parts: list[Runs] = [markup_runs(src.title, s.small)]
            meta = [
                x
                for x in (
                    markup_runs(src.publisher, s.small) if src.publisher else (),
                    plain_runs(self.say.date(src.date)) if src.date else (),
                )
                if x
            ]
            if meta:
                parts.append(plain_runs(". "))  # title. Publisher, 10 April 2026. https://…
                for k, m in enumerate(meta):
                    parts.append(join_runs(plain_runs(self.say("list_separator")) if k else (), m))
            if src.url:
                parts.append(plain_runs(". "))
                parts.append((Run(src.url, href=src.url),))
            flows.append(
                TextFlow(
                    join_runs(*parts),
                    s.small,
                    self.fonts,
                    indent=hang,
                    label=plain_runs(f"[{i}]"),
                    label_style=s.small_muted,
                    space_before=3,
                )
            )
        self.section(self.say("sources"), flows)
