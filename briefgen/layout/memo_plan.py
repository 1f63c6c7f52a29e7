"""The memo plan: every part of the brief as measured blocks, in the order the memo prints them.

:func:`plan_memo` is the memo's layout stage. It returns a :class:`MemoPlan`: the
story's blocks (:mod:`briefgen.layout.memo_blocks`) with every paragraph broken
into lines by the text engine at the width it is printed at, column widths,
what is kept together, image sizes and outline entries; the running header,
footer and banner lines; and the PDF's metadata. The memo renderer
(:mod:`briefgen.render.memo`) only draws it. Pure: no reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image as PILImage

from briefgen.errors import PathWarning
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo import MemoGeometry, label_width, memo_geometry
from briefgen.layout.memo_blocks import BIG as _BIG
from briefgen.layout.memo_blocks import (
    Block,
    Box,
    Chip,
    Grid,
    GridCell,
    Keep,
    Picture,
    Rule,
    Tag,
    Text,
    TextStyle,
    measure_all,
)
from briefgen.layout.memo_chunks import DrawnLine, drawn
from briefgen.layout.memo_writer import (
    ROW_SHARE,
    MemoWriter,
    Words,
    chip_face_for,
    markup_runs,
    para,
    plain_runs,
)
from briefgen.layout.text import Line, join_runs, wrap
from briefgen.layout.values import document_keywords
from briefgen.load.loader import LoadedBrief
from briefgen.load.markup import Run, Runs, strip_markup
from briefgen.load.model import Brief
from briefgen.session import in_session
from briefgen.theme import Theme

__all__ = ["MemoInfo", "MemoPlan", "RunningParts", "plan_memo"]


@dataclass(frozen=True)
class MemoInfo:
    """The PDF's metadata."""

    title: str
    author: str
    subject: str
    keywords: str
    language: str


@dataclass(frozen=True)
class MemoPlan:
    """The memo, measured: its page geometry, story blocks, running parts and metadata."""

    geometry: MemoGeometry
    blocks: tuple[Block, ...]
    running: RunningParts
    info: MemoInfo

    @property
    def outline(self) -> list[tuple[str, str]]:
        """The outline entries (bookmark key, title), in order."""
        out = []
        for block in self.blocks:
            for text in _texts(block):
                if text.outline is not None:
                    out.append((text.outline.key, text.outline.title))
        return out


def _texts(block: Block) -> list[Text]:
    """The paragraphs of a block and of the boxes it holds."""
    if isinstance(block, Text):
        return [block]
    if isinstance(block, Box):
        return [t for child in block.children for t in _texts(child)]
    return []


@in_session
def plan_memo(loaded: LoadedBrief, theme: Theme) -> tuple[MemoPlan, list[PathWarning]]:
    """Plan the memo of ``loaded`` in ``theme``; return the plan and warnings keyed by the brief's model path."""
    brief = loaded.brief
    geo = memo_geometry(theme, brief)
    words = Words.of(brief, theme)
    writer = _Memo(loaded, theme, geo, words)
    blocks = writer.story()
    measure_all(blocks, geo.width)
    info = MemoInfo(
        title=strip_markup(brief.title),
        author=strip_markup(brief.memo.prepared_by or brief.memo.from_ or brief.memo.organization or ""),
        subject=subject(brief, words),
        keywords=document_keywords(brief),
        language=brief.language,
    )
    plan = MemoPlan(geo, tuple(blocks), RunningParts(brief, theme, geo, words), info)
    return plan, list(writer.warnings)


def subject(brief: Brief, words: Words) -> str:
    """The PDF's subject: the meeting, its dates and place."""
    meeting = strip_markup(brief.meeting.name)
    when = words.date_range(brief.meeting.date, brief.meeting.end_date)
    if brief.meeting.location:
        when += words("list_separator") + strip_markup(brief.meeting.location)
    return words("pdf_subject", meeting=meeting, when=when)


def _one_line(text: str) -> str:
    """Brief text as a running line shows it: markup removed, every run of whitespace one space."""
    return " ".join(strip_markup(text).split())


def one_line(text: str, style: TextStyle, width: float, spacing: float = 0.0) -> DrawnLine:
    """``text`` on one line no wider than ``width`` (letter-spaced by ``spacing``), cut with "…" if need be; with its chunks."""
    return drawn(_one_line_cut(text, style, width, spacing), style)


def _one_line_cut(text: str, style: TextStyle, width: float, spacing: float) -> Line:
    """``text`` on one line no wider than ``width`` (letter-spaced by ``spacing``), cut with "…" if need be."""

    def plan(s: str) -> Line:
        runs = apply_fallback((Run(s, style.bold),), style.family, style.fallbacks) if s else ()
        return wrap(runs, style.family, style.size, _BIG, fallbacks=style.fallbacks).lines[0]

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


class RunningParts:
    """What every page carries, planned once: the banner's marking, the running header (page 2 on), the footer.

    Each line is set by the text engine (glyph fallback, widths from the font files,
    cut with "…" where it would not fit), so a Thai or Greek meeting name prints in
    every footer; "Page N of M" is set by :meth:`page_of` once the count is known.
    """

    def __init__(self, brief: Brief, theme: Theme, geo: MemoGeometry, words: Words) -> None:
        self.words = words
        p = theme.palette
        size = theme.type_scale.memo.caption
        self.size = size

        def style(ink: str, bold: bool = False) -> TextStyle:
            return TextStyle(theme.body_family, size, ink, 1.2, p.accent, theme.fallbacks, bold=bold)

        self.header_left_style = style(p.primary, bold=True)
        self.muted_style = style(p.muted)
        short = _one_line(brief.meeting.short_name or brief.meeting.name)
        self.header_left = one_line(short, self.header_left_style, geo.width * 0.4)
        room = geo.width - self.header_left.width - 24
        self.header_right = one_line(_one_line(brief.title), self.muted_style, room)
        footer = f"{short}  ·  {words.date(brief.date)}"
        self.footer_left = one_line(footer, self.muted_style, geo.width * 0.6)
        self.banner_colours = theme.banner(brief.classification) if brief.classification else None
        self.banner: tuple[DrawnLine, TextStyle, float] | None = None
        if self.banner_colours and brief.classification:
            marking = _one_line(brief.classification).upper()
            banner_style = style(self.banner_colours[1], bold=True)
            spacing = size * 0.12
            self.banner = (one_line(marking, banner_style, geo.width - 16, spacing), banner_style, spacing)

    def page_of(self, number: int, total: int) -> DrawnLine:
        """The footer's "Page ``number`` of ``total``"."""
        return one_line(self.words("page_of", n=number, m=total), self.muted_style, _BIG)


class _Memo(MemoWriter):
    """The memo's parts, in the order the memo prints them."""

    def story(self) -> list[Block]:
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
                [Box(self.bullets(b.highlights), pad=(4, 10, 8, 10), fill=self.p.surface)],
            )
        for i, sec in enumerate(b.sections):
            self.custom_section(i, sec.title, sec.blocks)
        self.sources()
        return self.out

    def letterhead(self) -> None:
        s, b = self.styles, self.brief
        org = b.memo.organization
        lines: list[Block] = []
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
            with PILImage.open(logo) as im:
                px_w, px_h = im.size
            h = self.theme.logo.height
            w = min(px_w * h / px_h, self.width * 0.3) if px_h else h
            mark = Picture(
                logo,
                self.say("logo_alt", name=strip_markup(org or self.say("organisation"))),
                px_w,
                px_h,
                dpi=px_h * 72.0 / h if h else 96.0,
                max_height=h,
            )
            self.add(Box(lines, label=mark, label_width=w, label_gap=12))
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
            row: list[GridCell] = []
            for n, col in enumerate((left, right)):
                if n:
                    row.append(GridCell())
                if i < len(col):
                    k, v = col[i]
                    runs = plain_runs(v) if k == date_label else markup_runs(v, s.body)
                    row += [GridCell(self.label(k, beside=s.body)), GridCell(para(runs, s.body))]
                else:
                    row += [GridCell(), GridCell()]
            rows.append(row)
        self.add(
            Grid(
                None,
                rows,
                widths,
                pad=(0.0, 2.0),
                max_row_height=self.geo.height * ROW_SHARE,
                header_fill=None,
                zebra=None,
                rule=None,
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
        children: list[Block] = [
            self.label(
                self.say("bottom_line").upper(),
                s.label_primary,
                space_after=3,
                outline=self._next_outline(self.say("bottom_line")),
            ),
            self.text(self.brief.summary, s.lead),
        ]
        self.add(
            Box(
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
                self.add(para(runs, s.small_muted, indent=hang, space_before=s.para * 0.8))
            first = False

    def positions(self) -> None:
        s = self.styles
        blocks: list[Block] = []
        label_w = min(150.0, self.width * 0.28)
        for pos in self.brief.positions:
            children: list[Block] = [self.text(pos.summary, s.body)]
            children += self.bullets(pos.points, style=s.body)
            actor = self.text(pos.actor, s.subheading.coloured(self.p.primary), tag=Tag("H3"))
            blocks.append(
                Box(
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
        chip_size = s.cell.size * 0.92
        header = [
            GridCell(self.plain(h, s.cell_head))
            for h in map(self.say, ("outlet", "country", "tone", "summary"))
        ]
        rows: list[list[GridCell]] = []
        for r in reactions:
            tone = r.tone or None
            name = self.say.labels.tone(tone) if tone else ""
            face = chip_face_for(name, s.cell_head.family, chip_face, self.theme.fallback_families)
            chip = (
                Chip(
                    name,
                    self.theme.tone(tone),
                    self.p.on_tone,
                    face,
                    chip_size,
                    label_width(name, face, chip_size, 0.0),
                )
                if tone
                else None
            )
            rows.append(
                [
                    GridCell(para(markup_runs(r.outlet, s.cell), s.cell.coloured(self.p.text))),
                    GridCell(para(markup_runs(r.country, s.cell) if r.country else plain_runs("—"), s.cell)),
                    GridCell(chip=chip) if chip else GridCell(self.plain("—", s.cell)),
                    GridCell(para(markup_runs(r.summary, s.cell), s.cell)),
                ]
            )
        chip_w = max((c.chip.width for row in rows for c in row if c.chip is not None), default=40.0) + 12
        rest = self.width - chip_w
        widths = [rest * 0.25, rest * 0.16, chip_w, rest * 0.59]
        self.section(self.say("reactions"), [self.data_grid(header, rows, widths)])

    def custom_section(self, index: int, title: str, blocks: Sequence[Any]) -> None:
        flows: list[Block] = []
        s = self.styles
        for j, block in enumerate(blocks):
            kind, value = block.kind, block.value
            if kind == "text":
                flows.append(self.text(value, s.body, space_before=s.para))
            elif kind == "bullets":
                items = self.bullets(value)
                if items and not isinstance(items[0], Keep):
                    items[0].space_before = s.para
                flows += items
            elif kind == "quote":
                flows.append(self.quote(value))
            elif kind == "table":
                flows += self.table(value)
            elif kind == "chart":
                flows.append(self.chart(value, ("sections", index, "blocks", j, "chart")))
            elif kind == "image":
                flows += self.image(value, ("sections", index, "blocks", j, "image"))
        if flows and not isinstance(flows[0], Keep):
            flows[0].space_before = 0.0
        self.heading(title, *flows[:1])
        self.add(*flows)

    def sources(self) -> None:
        s = self.styles
        flows: list[Block] = []
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
                para(
                    join_runs(*parts),
                    s.small,
                    indent=hang,
                    label=plain_runs(f"[{i}]"),
                    label_style=s.small_muted,
                    space_before=3,
                )
            )
        self.section(self.say("sources"), flows)
