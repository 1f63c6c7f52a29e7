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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from briefgen.errors import Diagnostic, RenderError
from briefgen.labels import Labels, labels_for
from briefgen.layout.deck_fit import (
    CellSpec,
    FlowStyle,
    Item,
    TableStyle,
    Typesetter,
    fit_flow,
    fit_one,
    fit_table,
    fits,
    layout_chunk,
    pieces_height,
    sizes_between,
    styled,
)
from briefgen.layout.locale_format import format_date, format_date_range
from briefgen.layout.slides import (
    CardsSlide,
    ChartFrame,
    ChartSeries,
    ChartSlide,
    DeckInfo,
    DeckPlan,
    Element,
    FactsSlide,
    ImageSlide,
    Insets,
    KeyPointSlide,
    Para,
    PictureFrame,
    Rect,
    Shape,
    Slide,
    TableSlide,
    TextBox,
    TextSlide,
    TitleSlide,
)
from briefgen.layout.text import join_runs
from briefgen.layout.values import (
    chart_colours,
    chart_numbers,
    document_keywords,
    numeric_columns,
)
from briefgen.load.markup import Run, Runs, plain_text, strip_markup
from briefgen.load.model import Block, Brief, Chart, Image, KeyPoint, Position, Quote, Table
from briefgen.theme import Theme

if TYPE_CHECKING:
    from briefgen.load.loader import LoadedBrief

__all__ = ["SlideFrame", "plan_deck", "slide_frame"]

BULLET = "•"
_TITLE_FLOOR = 12.0  # below the theme's floor, a title still must fit its box: down to here, quietly
_LAST_RESORT = 6.0
_GAP = 16.0  # between a short text and the table, chart or picture under it  # and down to here with a warning, rather than overflow


# ---------------------------------------------------------------------------
# Geometry


@dataclass(frozen=True)
class SlideFrame:
    """Where the running parts of a content slide go, in points.

    ``banner`` is the height of the classification bands at the top and bottom
    (0 without a classification); ``title`` the title placeholder's box;
    ``content`` the area every planner fills; ``footer`` the footer line.
    """

    width: float
    height: float
    banner: float
    title: Rect
    content: Rect
    footer: Rect
    footer_size: float


def slide_frame(
    theme: Theme, *, banner: bool, title: Rect | None = None, size: tuple[float, float] | None = None
) -> SlideFrame:
    """The frame of a content slide for ``theme``.

    ``title`` overrides the title box and ``size`` the slide size (both from a user's template).
    """
    deck = theme.type_scale.deck
    ls = deck.line_spacing
    width, height = size or (theme.slide.width, theme.slide.height)
    footer_size = round(min(deck.small, deck.body_min) * 0.8, 1)
    band = round(footer_size * ls + 6, 1) if banner else 0.0
    m = theme.slide.margins
    if title is None:
        title_h = 2 * deck.heading * ls
        title = Rect(m.left, band + max(m.top * 0.75, 16), width - m.left - m.right, title_h)
    else:
        top = max(title.y, band + 4)
        title = Rect(title.x, top, title.w, max(title.bottom - top, deck.heading * ls))
    footer_h = footer_size * ls
    footer = Rect(
        m.left, height - band - max(m.bottom * 0.45, 10) - footer_h, width - m.left - m.right, footer_h
    )
    top = title.bottom + 24
    bottom = footer.y - 18
    content = Rect(m.left, top, width - m.left - m.right, bottom - top)
    return SlideFrame(width, height, band, title, content, footer, footer_size)


# ---------------------------------------------------------------------------
# Drafts: slides before their titles are made unique and the running parts added


class _Draft(NamedTuple):
    """A slide whose title frame and running parts are not made yet."""

    title: Runs
    series: int
    make: Callable[[TextBox], Slide]
    path: tuple[Any, ...] = ()


@dataclass
class _Planner:
    brief: Brief
    theme: Theme
    folder: Path | None
    where: Callable[[tuple[Any, ...]], tuple[str, int, int]] | None
    frame: SlideFrame
    template_title: tuple[Rect, Rect | None] | None = None
    ts: Typesetter = field(init=False)
    labels: Labels = field(init=False)
    drafts: list[_Draft] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    _series: int = 0

    def __post_init__(self) -> None:
        self.ts = Typesetter(self.theme)
        self.labels = labels_for(self.brief.language, [self.brief.labels])
        self.lang = self.brief.language
        p = self.theme.palette
        self.flow_style = FlowStyle(panel=p.surface, bar=p.accent)
        deck = self.theme.type_scale.deck
        self.body = deck.body
        self.floor = deck.body_min
        self.small = deck.small
        self.spacing = deck.paragraph_spacing

    # -- helpers ------------------------------------------------------------

    def series(self) -> int:
        self._series += 1
        return self._series

    def warn(self, path: tuple[Any, ...], message: str) -> None:
        if self.where is not None:
            file, line, col = self.where(path)
        else:
            file, line, col = "<brief>", 1, 1
        self.warnings.append(Diagnostic(file, line, col, message, "warning"))

    def add(
        self, title: Runs, series: int, make: Callable[[TextBox], Slide], path: tuple[Any, ...] = ()
    ) -> None:
        self.drafts.append(_Draft(title, series, make, path))

    def text(self, text: str, **kw: Any) -> Runs:
        return self.ts.runs(text, **kw)

    def say(self, key: str, **values: object) -> str:
        """The fixed words ``key`` in the brief's language, placeholders filled."""
        return self.labels.text(key, **values)

    def around(self, key: str, slot: str, **values: object) -> tuple[str, str]:
        """The words of label ``key`` before and after its ``{slot}`` (which holds styled runs)."""
        return self.labels.around(key, slot, **values)

    def date_range(self, start: Any, end: Any) -> str:
        return format_date_range(start, end, self.lang)

    def date(self, day: Any) -> str:
        return format_date(day, self.lang)

    @property
    def c(self) -> Any:
        return self.theme.palette

    def flow_slides(
        self,
        title: Runs,
        items: Sequence[Item],
        notes: Sequence[Runs],
        *,
        base: float,
        floor: float | None = None,
        series: int | None = None,
        rect: Rect | None = None,
        name: str = "Body",
        path: tuple[Any, ...] = (),
        center: bool = False,
    ) -> int:
        """Add the slides of a flow; return the number of slides.

        With ``center``, a flow that fits one slide sits in the middle of a narrower
        area (a pull quote).
        """
        rect = rect or self.frame.content
        floor = self.floor if floor is None else floor
        if center:
            narrow = Rect(rect.x + rect.w * 0.1, rect.y, rect.w * 0.8, rect.h)
            if (
                fit_one(self.ts, items, narrow.w, narrow.h, base, min(floor, base), self.flow_style)
                is not None
            ):
                rect = narrow
            else:
                center = False
        flow = fit_flow(self.ts, items, rect.w, rect.h, base, min(floor, base), self.flow_style)
        series = self.series() if series is None else series
        for chunk in flow.chunks:
            elements, used = layout_chunk(self.ts, flow, chunk, rect, self.flow_style, name)
            if center and len(flow.chunks) == 1:
                shifted = Rect(rect.x, rect.y + (rect.h - used) * 0.4, rect.w, used)
                elements, _ = layout_chunk(self.ts, flow, chunk, shifted, self.flow_style, name)
            chunk_notes = tuple(notes) if len(flow.chunks) == 1 else tuple(p.runs for p in chunk)
            body = tuple(elements)

            def make(
                tb: TextBox, body: tuple[Element, ...] = body, n: tuple[Runs, ...] = chunk_notes
            ) -> Slide:
                return TextSlide(
                    title=plain_text(tb.paras[0].runs) if tb.paras else "", title_box=tb, body=body, notes=n
                )

            self.add(title, series, make, path)
        return len(flow.chunks)

    # -- the slides ---------------------------------------------------------

    def plan(self) -> None:
        b = self.brief
        self.bottom_line()
        self.facts()
        self.key_points()
        if b.positions:
            self.positions()
        if b.reactions:
            self.reactions()
        if b.outlook:
            items = [Item(self.text(b.outlook), self.c.text, space=self.spacing)]
            self.flow_slides(
                self.text(self.say("outlook")),
                items,
                [self.text(b.outlook)],
                base=self.body + 2,
                path=("outlook",),
            )
        if b.recommendations:
            items = [
                Item(
                    self.text(r), self.c.text, number=k + 1, indent=self.body * 1.5, space=self.spacing * 1.5
                )
                for k, r in enumerate(b.recommendations)
            ]
            self.flow_slides(
                self.text(self.say("recommendations")),
                items,
                [self.text(f"{k + 1}. {r}") for k, r in enumerate(b.recommendations)],
                base=self.body,
                path=("recommendations",),
            )
        if b.highlights:
            items = [
                Item(
                    self.text(h), self.c.text, bullet=BULLET, indent=self.body * 1.1, space=self.spacing * 1.5
                )
                for h in b.highlights
            ]
            self.flow_slides(
                self.text(self.say("highlights")),
                items,
                [self.text(h) for h in b.highlights],
                base=self.body,
                path=("highlights",),
            )
        for k, section in enumerate(b.sections):
            self.section(k, section.title, section.blocks)
        if b.sources:
            self.sources()

    def bottom_line(self) -> None:
        summary = self.text(self.brief.summary)
        items = [Item(summary, self.c.text, kind="quote", group=1)]
        self.flow_slides(
            self.text(self.say("bottom_line_slide")), items, [summary], base=self.body + 4, path=("summary",)
        )

    def facts(self) -> None:
        b, m = self.brief, self.brief.meeting
        say = self.say
        rows: list[tuple[str, Runs]] = [(say("meeting"), self.text(m.name))]
        rows.append(
            (
                say("dates") if m.end_date and m.end_date != m.date else say("date"),
                self.ts.plain(self.date_range(m.date, m.end_date)),
            )
        )
        if m.location:
            rows.append((say("location"), self.text(m.location)))
        if m.chair:
            rows.append((say("chair"), self.text(m.chair)))
        if m.theme:
            rows.append((say("theme"), self.text(m.theme)))
        if m.participants:
            joined: list[Run] = []
            for k, p in enumerate(m.participants):
                if k:
                    joined.append(Run(" · "))
                joined.extend(self.text(p))
            rows.append((say("participants_count", n=len(m.participants)), join_runs(tuple(joined))))
        if b.memo.to:
            rows.append((say("prepared_for"), self.text(b.memo.to)))
        origin = [x for x in (b.memo.from_, b.memo.organization) if x]
        if origin:
            rows.append((say("from"), self.text(say("list_separator").join(origin))))
        label_w = 0.0
        size = self.body - 2
        specs = []
        for label, value in rows:
            lab = self.ts.plain(label.upper(), bold=True)
            label_w = max(label_w, self.ts.wrap(lab, size - 4, 1e6).width)
            specs.append([CellSpec(lab, self.c.muted, rel=-4), CellSpec(value, self.c.text)])
        style = TableStyle(Insets(0, 9, 12, 9), self.c.rule)
        rect = self.frame.content
        label_col = min(label_w + 16, rect.w * 0.3)
        fitted = fit_table(
            self.ts,
            None,
            specs,
            rect,
            size,
            self.floor,
            style,
            name="Meeting facts",
            widths=[label_col, rect.w - label_col],
        )
        # labels a step smaller than the values
        series = self.series()
        notes = tuple(
            join_runs_text(self.ts.plain(self.around("label_value", "value", label=label)[0]), value)
            for label, value in rows
        )
        for page in fitted.pages:

            def make(tb: TextBox, page: Any = page) -> Slide:
                return FactsSlide(title="", title_box=tb, table=page, notes=notes)

            self.add(self.text(self.say("meeting_facts")), series, make, ("meeting",))

    # -- key points -----------------------------------------------------------

    def key_points(self) -> None:
        kps = self.brief.key_points
        k = 0
        total = len(kps)
        while k < total:
            kp = kps[k]
            nxt = kps[k + 1] if k + 1 < total else None
            if nxt is not None and self.pair_key_points(k, kp, nxt, total):
                k += 2
                continue
            self.key_point(k, kp)
            k += 1

    def kp_notes(self, kp: KeyPoint) -> tuple[Runs, ...]:
        notes: list[Runs] = []
        if kp.notes:
            notes.append(self.text(kp.notes))
        notes.append(self.text(kp.body))
        if kp.quote:
            notes.append(self.quote_line(kp.quote))
        return tuple(notes)

    def quote_line(self, q: Quote) -> Runs:
        who = self.say("list_separator").join(x for x in (q.by, q.role) if x)
        quoted = self.say("quotation", text=q.text)
        return self.text(quoted + (" " + self.say("attribution", name=who) if who else ""))

    def quote_items(self, q: Quote, group: int, rel: float = 2.0, by_rel: float = -4.0) -> list[Item]:
        items = [
            Item(
                self.text(self.say("quotation", text=q.text), italic=True),
                self.c.primary,
                rel=rel,
                group=group,
                kind="quote",
                keep_with_next=bool(q.by or q.role),
            )
        ]
        if q.by or q.role:
            runs: list[Run] = []
            if q.by:
                runs.extend(self.text(self.say("attribution", name=q.by), bold=True))
            if q.role:
                if runs:
                    runs.append(Run(self.say("list_separator")))
                runs.extend(self.text(q.role))
            items.append(
                Item(
                    tuple(runs),
                    self.c.muted,
                    rel=by_rel,
                    group=group,
                    kind="quote",
                    space=self.spacing * 0.75,
                    floor=11,
                )
            )
        return items

    def body_items(self, body: str) -> list[Item]:
        paras = [p for p in body.split("\n\n") if p.strip()] or [body]
        return [Item(self.text(p.strip()), self.c.text, space=self.spacing) for p in paras]

    def key_point(self, k: int, kp: KeyPoint) -> None:
        title = self.text(kp.title)
        notes = self.kp_notes(kp)
        rect = self.frame.content
        path = ("key_points", k)
        base = self.body + 2
        if kp.quote:
            gap = 28.0
            body_w = round(rect.w * 0.56, 1)
            quote_w = rect.w - body_w - gap
            body_items = self.body_items(kp.body)
            quote_items = self.quote_items(kp.quote, 1)
            body_size = fit_one(self.ts, body_items, body_w, rect.h, base, self.floor, self.flow_style)
            quote_size = fit_one(self.ts, quote_items, quote_w, rect.h, base, self.floor, self.flow_style)
            if body_size is not None and quote_size is not None:
                body_flow = fit_flow(
                    self.ts, body_items, body_w, rect.h, body_size, body_size, self.flow_style
                )
                quote_flow = fit_flow(
                    self.ts, quote_items, quote_w, rect.h, quote_size, quote_size, self.flow_style
                )
                body, _ = layout_chunk(
                    self.ts,
                    body_flow,
                    body_flow.chunks[0],
                    Rect(rect.x, rect.y, body_w, rect.h),
                    self.flow_style,
                    "Key point",
                )
                callout, _ = layout_chunk(
                    self.ts,
                    quote_flow,
                    quote_flow.chunks[0],
                    Rect(rect.x + body_w + gap, rect.y, quote_w, rect.h),
                    self.flow_style,
                    "Quote",
                )

                def make(tb: TextBox) -> Slide:
                    return KeyPointSlide(
                        title="", title_box=tb, body=tuple(body), callout=tuple(callout), notes=notes
                    )

                self.add(title, self.series(), make, path)
                return
            items = body_items + self.quote_items(kp.quote, 1)
        else:
            items = self.body_items(kp.body)
        flow = fit_flow(self.ts, items, rect.w, rect.h, base, self.floor, self.flow_style)
        series = self.series()
        for chunk in flow.chunks:
            elements, _ = layout_chunk(self.ts, flow, chunk, rect, self.flow_style, "Key point")
            chunk_notes = notes if len(flow.chunks) == 1 else tuple(p.runs for p in chunk)
            if len(flow.chunks) > 1 and kp.notes and chunk is flow.chunks[0]:
                chunk_notes = (self.text(kp.notes), *chunk_notes)

            def make_chunk(
                tb: TextBox, body: tuple[Element, ...] = tuple(elements), n: tuple[Runs, ...] = chunk_notes
            ) -> Slide:
                return KeyPointSlide(title="", title_box=tb, body=body, notes=n)

            self.add(title, series, make_chunk, path)

    def pair_key_points(self, k: int, a: KeyPoint, b: KeyPoint, total: int) -> bool:
        """Put two short key points without quotes side by side; False when they do not both fit at full size."""
        if a.quote or b.quote:
            return False
        rect = self.frame.content
        gap = 40.0
        col_w = (rect.w - gap) / 2
        base = self.body
        columns = []
        for kp in (a, b):
            items = [
                Item(
                    self.text(kp.title, heading=True, bold=True),
                    self.c.primary,
                    rel=2,
                    heading=True,
                    group=0,
                    keep_with_next=True,
                )
            ]
            items += [replace(it, group=0, space=self.spacing) for it in self.body_items(kp.body)]
            if not fits(self.ts, items, col_w, rect.h, base, self.flow_style):
                return False
            lines = sum(
                len(self.ts.wrap(it.runs, it.size(base), col_w, heading=it.heading).lines) for it in items
            )
            if lines > 9:
                return False
            flow = fit_flow(self.ts, items, col_w, rect.h, base, base, self.flow_style)
            columns.append(flow)
        body: list[Element] = []
        for n, flow in enumerate(columns):
            x = rect.x + n * (col_w + gap)
            elements, _ = layout_chunk(
                self.ts,
                flow,
                flow.chunks[0],
                Rect(x, rect.y, col_w, rect.h),
                self.flow_style,
                f"Key point {k + n + 1}",
            )
            body.extend(elements)
        divider = Shape(
            "Divider", Rect(rect.x + col_w + gap / 2 - 0.5, rect.y, 1.0, rect.h * 0.8), self.c.rule
        )
        notes = (*self.kp_notes(a), *self.kp_notes(b))
        title = self.ts.plain(self.say("key_points_pair", a=k + 1, b=k + 2))

        def make(tb: TextBox) -> Slide:
            return KeyPointSlide(title="", title_box=tb, body=(*body, divider), notes=notes)

        self.add(title, self.series(), make, ("key_points", k))
        return True

    # -- positions ------------------------------------------------------------

    def card_items(self, p: Position) -> list[Item]:
        items = [Item(self.text(p.summary), self.c.text, space=self.spacing)]
        for point in p.points:
            items.append(
                Item(
                    self.text(point),
                    self.c.text,
                    rel=-2,
                    bullet=BULLET,
                    indent=16,
                    space=self.spacing * 0.75,
                    floor=self.floor,
                )
            )
        return items

    def positions(self) -> None:
        """Actor cards, three (or two) to a slide, sizes shared on a slide; a card too big for that gets a slide."""
        positions = self.brief.positions
        rect = self.frame.content
        gap, head_pad, body_pad = 20.0, 10.0, 14.0
        series = self.series()
        base = self.body - 2

        def width(per: int) -> float:
            return (rect.w - gap * (per - 1)) / per

        def head_height(group: Sequence[int], w: float, extra: str = "") -> float:
            heads = [
                self.ts.wrap(
                    self.text(positions[i].actor + extra, heading=True, bold=True),
                    self.body,
                    w - 2 * body_pad,
                    heading=True,
                )
                for i in group
            ]
            return max(h.height for h in heads) + 2 * head_pad

        def size_for(i: int, per: int) -> float | None:
            w = width(per)
            room = rect.h - head_height([i], w) - 2 * body_pad
            return fit_one(
                self.ts,
                self.card_items(positions[i]),
                w - 2 * body_pad,
                room,
                base,
                self.floor,
                self.flow_style,
            )

        fit3 = [size_for(i, 3) is not None for i in range(len(positions))]
        fit2 = [ok or size_for(i, 2) is not None for i, ok in enumerate(fit3)]
        # runs of cards that fit side by side, and the big ones between them
        runs: list[tuple[str, list[int]]] = []
        for i in range(len(positions)):
            kind = "cards" if fit2[i] else "big"
            if runs and runs[-1][0] == kind == "cards":
                runs[-1][1].append(i)
            else:
                runs.append((kind, [i]))
        for kind, members in runs:
            if kind == "big":
                self.big_card(members[0], series, gap, head_pad, body_pad)
                continue
            per = 3 if all(fit3[i] for i in members) else 2
            for chunk in _balanced_groups(len(members), per):
                group = [members[c] for c in chunk]
                self.card_slide(group, series, width(max(len(group), 2)), head_pad, body_pad, gap)

    def card_slide(
        self, group: list[int], series: int, w: float, head_pad: float, body_pad: float, gap: float
    ) -> None:
        positions = self.brief.positions
        rect = self.frame.content
        heads = [
            self.ts.wrap(
                self.text(positions[i].actor, heading=True, bold=True),
                self.body,
                w - 2 * body_pad,
                heading=True,
            )
            for i in group
        ]
        head_h = max(h.height for h in heads) + 2 * head_pad
        room = rect.h - head_h - 2 * body_pad
        base = self.body - 2
        sizes = [
            fit_one(
                self.ts,
                self.card_items(positions[i]),
                w - 2 * body_pad,
                room,
                base,
                self.floor,
                self.flow_style,
            )
            or self.floor
            for i in group
        ]
        size = min(sizes)
        flows = [
            fit_flow(
                self.ts, self.card_items(positions[i]), w - 2 * body_pad, room, size, size, self.flow_style
            )
            for i in group
        ]
        tallest = max(
            pieces_height(self.ts, f.items, f.chunks[0], f.base, w - 2 * body_pad, self.flow_style)[0]
            for f in flows
        )
        card_h = min(rect.h, head_h + 2 * body_pad + tallest)
        left = rect.x + (rect.w - (w * len(group) + gap * (len(group) - 1))) / 2
        cards = tuple(
            self.card(
                i,
                positions[i],
                Rect(left + n * (w + gap), rect.y, w, card_h),
                head_h,
                f,
                f.chunks[0],
                body_pad,
                head_pad,
            )
            for n, (i, f) in enumerate(zip(group, flows, strict=True))
        )
        notes = tuple(r for i in group for r in self.position_notes(i))

        def make(tb: TextBox) -> Slide:
            return CardsSlide(title="", title_box=tb, cards=cards, notes=notes)

        self.add(self.text(self.say("positions")), series, make, ("positions", group[0]))

    def position_notes(self, i: int) -> tuple[Runs, ...]:
        p = self.brief.positions[i]
        return (self.text(p.actor, bold=True), self.text(p.summary), *(self.text(x) for x in p.points))

    def big_card(self, i: int, series: int, gap: float, head_pad: float, body_pad: float) -> None:
        """One card across the slide, its text continued on more slides when it must."""
        p = self.brief.positions[i]
        rect = self.frame.content
        head_h = (
            max(
                self.ts.wrap(
                    self.text(p.actor + extra, heading=True, bold=True),
                    self.body,
                    rect.w - 2 * body_pad,
                    heading=True,
                ).height
                for extra in ("", self.around("continued", "title")[1])
            )
            + 2 * head_pad
        )
        room = rect.h - head_h - 2 * body_pad
        flow = fit_flow(
            self.ts,
            self.card_items(p),
            rect.w - 2 * body_pad,
            room,
            self.body - 2,
            self.floor,
            self.flow_style,
        )
        for n, chunk in enumerate(flow.chunks):
            used = pieces_height(
                self.ts, flow.items, chunk, flow.base, rect.w - 2 * body_pad, self.flow_style
            )[0]
            box = Rect(rect.x, rect.y, rect.w, min(rect.h, head_h + 2 * body_pad + used))
            card = self.card(i, p, box, head_h, flow, chunk, body_pad, head_pad, continued=n > 0)
            notes = self.position_notes(i) if len(flow.chunks) == 1 else tuple(pc.runs for pc in chunk)

            def make(tb: TextBox, card: tuple[Element, ...] = card, notes: tuple[Runs, ...] = notes) -> Slide:
                return CardsSlide(title="", title_box=tb, cards=(card,), notes=notes)

            self.add(self.text(self.say("positions")), series, make, ("positions", i))

    def card(
        self,
        i: int,
        p: Position,
        rect: Rect,
        head_h: float,
        flow: Any,
        chunk: Any,
        body_pad: float,
        head_pad: float,
        continued: bool = False,
    ) -> tuple[Element, ...]:
        name = f"Card {i + 1}"
        actor = self.text(
            self.say("continued", title=p.actor) if continued else p.actor, heading=True, bold=True
        )
        head_para = self.ts.para(actor, self.body, rect.w - 2 * body_pad, self.c.on_primary, heading=True)
        panel = Shape(f"{name} panel", rect, self.c.surface)
        head = TextBox(
            f"{name} actor",
            Rect(rect.x, rect.y, rect.w, head_h),
            (head_para,),
            Insets(body_pad, head_pad, body_pad, head_pad),
            anchor="middle",
            fill=self.c.primary,
        )
        inner = Rect(
            rect.x + body_pad,
            rect.y + head_h + body_pad,
            rect.w - 2 * body_pad,
            rect.h - head_h - 2 * body_pad,
        )
        elements, _ = layout_chunk(self.ts, flow, chunk, inner, self.flow_style, f"{name} text")
        return (panel, head, *elements)

    # -- reactions ------------------------------------------------------------

    def reactions(self) -> None:
        rs = self.brief.reactions
        has_country = any(r.country for r in rs)
        has_tone = any(r.tone for r in rs)
        c = self.c
        header_names = [
            self.say("outlet"),
            *([self.say("country")] if has_country else []),
            *([self.say("tone")] if has_tone else []),
            self.say("summary"),
        ]
        header = [CellSpec(self.ts.plain(h, bold=True), c.on_primary, fill=c.primary) for h in header_names]
        rows = []
        for n, r in enumerate(rs):
            band = c.surface if n % 2 else None
            row = [CellSpec(self.text(r.outlet, bold=True), c.text, fill=band)]
            if has_country:
                row.append(CellSpec(self.text(r.country) if r.country else (), c.text, fill=band))
            if has_tone:
                if r.tone:
                    row.append(
                        CellSpec(
                            self.ts.plain(self.labels.tone(r.tone), bold=True),
                            c.on_tone,
                            fill=self.theme.tone(r.tone),
                            align="center",
                        )
                    )
                else:
                    row.append(CellSpec((), c.text, fill=band))
            row.append(CellSpec(self.text(r.summary), c.text, fill=band))
            rows.append(row)
        notes = tuple(
            self.text(
                f"{r.outlet}"
                + (f" ({r.country})" if r.country else "")
                + (f"{self.say('list_separator')}{self.labels.tone(r.tone)}" if r.tone else "")
                + f": {r.summary}"
            )
            for r in rs
        )
        self.table_slides(
            self.text(self.say("reactions")), header, rows, notes, caption=None, path=("reactions",)
        )

    def table_slides(
        self,
        title: Runs,
        header: list[CellSpec] | None,
        rows: list[list[CellSpec]],
        notes: tuple[Runs, ...],
        *,
        caption: Runs | None,
        path: tuple[Any, ...],
        series: int | None = None,
        before: tuple[tuple[Element, ...], float] | None = None,
    ) -> int:
        """Add the slides of a table (header repeated); return their number.

        With ``before`` (elements set above and their height), the table must fit one
        slide below them, else nothing is added and 0 is returned.
        """
        area = self.frame.content
        if before is not None:
            area = Rect(area.x, area.y + before[1] + _GAP, area.w, area.h - before[1] - _GAP)
        rect = area
        cap_size = self.small
        if caption:
            cap_para = self.ts.para(caption, cap_size, rect.w, self.c.muted)
            rect = Rect(rect.x, rect.y, rect.w, rect.h - cap_para.height - 10)
        style = TableStyle(Insets(7, 5, 7, 5), self.c.rule)
        base = max(self.floor, self.body - 2)
        fitted = fit_table(self.ts, header, rows, rect, base, self.floor, style, name="Table")
        pages = fitted.pages
        if before is not None and len(pages) > 1:
            return 0
        series = self.series() if series is None else series
        for n, page in enumerate(pages):
            cap_box = None
            if caption:
                cap_runs = (
                    caption
                    if len(pages) == 1
                    else (*caption, Run(self.around("part_of", "title", n=n + 1, m=len(pages))[1]))
                )
                cap_para = self.ts.para(tuple(cap_runs), cap_size, rect.w, self.c.muted)
                cap_box = TextBox(
                    "Caption", Rect(rect.x, page.rect.bottom + 10, rect.w, cap_para.height), (cap_para,)
                )
            page_notes = notes
            if len(pages) > 1:
                page_notes = tuple(
                    join_runs_text(
                        *(para.runs for cell in row for para in cell.paras if para.runs), sep=" | "
                    )
                    for row in page.rows[(1 if header else 0) :]
                )
                if caption:
                    page_notes = (caption, *page_notes)
            above = before[0] if before else ()

            def make(
                tb: TextBox,
                page: Any = page,
                cap: TextBox | None = cap_box,
                nt: tuple[Runs, ...] = page_notes,
                above: tuple[Element, ...] = above,
            ) -> Slide:
                return TableSlide(title="", title_box=tb, table=page, caption=cap, notes=nt, before=above)

            self.add(title, series, make, path)
        return len(pages)

    # -- sections -------------------------------------------------------------

    def section_items(
        self, members: Sequence[tuple[int, Block]], *, pull_quote: bool
    ) -> tuple[list[Item], list[Runs]]:
        """The flow items and notes of consecutive text, bullets and quote blocks."""
        items: list[Item] = []
        notes: list[Runs] = []
        for group, (_, block) in enumerate(members, start=1):
            if block.kind == "text":
                items.extend(replace(it, group=group) for it in self.body_items(block.value))
                notes.append(self.text(block.value))
            elif block.kind == "bullets":
                for x in block.value:
                    items.append(
                        Item(
                            self.text(x),
                            self.c.text,
                            bullet=BULLET,
                            indent=self.body * 1.1,
                            space=self.spacing * 0.75,
                            group=group,
                        )
                    )
                    notes.append(self.text(x))
            elif block.kind == "quote":
                if pull_quote:
                    items.extend(self.quote_items(block.value, group, rel=10, by_rel=-2))
                else:
                    items.extend(self.quote_items(block.value, group))
                notes.append(self.quote_line(block.value))
        return items, notes

    def section(self, k: int, title_text: str, blocks: Sequence[Block]) -> None:
        title = self.text(title_text)
        series = self.series()
        units: list[tuple[str, list[tuple[int, Block]]]] = []
        for j, block in enumerate(blocks):
            if block.kind in ("text", "bullets", "quote"):
                if units and units[-1][0] == "flow":
                    units[-1][1].append((j, block))
                else:
                    units.append(("flow", [(j, block)]))
            else:
                units.append(("visual", [(j, block)]))
        i = 0
        while i < len(units):
            kind, members = units[i]
            if kind == "visual":
                self.visual(k, title, series, members[0])
                i += 1
                continue
            nxt = units[i + 1] if i + 1 < len(units) else None
            if nxt is not None and nxt[0] == "visual":
                items, notes = self.section_items(members, pull_quote=False)
                rect = self.frame.content
                if fits(self.ts, items, rect.w, rect.h * 0.35, self.body, self.flow_style):
                    flow = fit_flow(self.ts, items, rect.w, rect.h, self.body, self.body, self.flow_style)
                    elements, used = layout_chunk(
                        self.ts, flow, flow.chunks[0], rect, self.flow_style, "Text"
                    )
                    if self.visual(k, title, series, nxt[1][0], before=(tuple(elements), used), notes=notes):
                        i += 2
                        continue
            only_quote = all(b.kind == "quote" for _, b in members)
            items, notes = self.section_items(members, pull_quote=only_quote)
            self.flow_slides(
                title,
                items,
                notes,
                base=self.body,
                series=series,
                path=("sections", k, "blocks", members[0][0]),
                center=only_quote,
            )
            i += 1

    def visual(
        self,
        k: int,
        title: Runs,
        series: int,
        member: tuple[int, Block],
        *,
        before: tuple[tuple[Element, ...], float] | None = None,
        notes: Sequence[Runs] = (),
    ) -> bool:
        """Add a table, chart or picture (below ``before``, if given and there is room); False if it did not fit."""
        j, block = member
        path = ("sections", k, "blocks", j, block.kind)
        if block.kind == "table":
            return self.table_block(title, block.value, series, path, before=before, intro=notes)
        if block.kind == "chart":
            return self.chart_block(title, block.value, series, path, before=before, intro=notes)
        return self.image_block(title, block.value, series, path, before=before, intro=notes)

    def below(self, before: tuple[tuple[Element, ...], float] | None, minimum: float) -> Rect | None:
        """The content area under ``before``, or None when less than ``minimum`` of its height is left."""
        area = self.frame.content
        if before is None:
            return area
        rest = Rect(area.x, area.y + before[1] + _GAP, area.w, area.h - before[1] - _GAP)
        return rest if rest.h >= minimum * area.h else None

    def table_block(
        self,
        title: Runs,
        table: Table,
        series: int,
        path: tuple[Any, ...],
        *,
        before: tuple[tuple[Element, ...], float] | None = None,
        intro: Sequence[Runs] = (),
    ) -> bool:
        c = self.c
        ncols = len(table.columns)
        numeric = numeric_columns(table.rows, ncols)
        header = [
            CellSpec(
                self.ts.runs(col, bold=True),
                c.on_primary,
                fill=c.primary,
                align="right" if numeric[i] else "left",
            )
            for i, col in enumerate(table.columns)
        ]
        rows = []
        for n, row in enumerate(table.rows):
            band = c.surface if n % 2 else None
            rows.append(
                [
                    CellSpec(
                        self.ts.plain(row[i]) if i < len(row) else (),
                        c.text,
                        fill=band,
                        align="right" if numeric[i] else "left",
                    )
                    for i in range(ncols)
                ]
            )
        caption = self.text(table.caption) if table.caption else None
        notes = [*intro]
        if caption:
            notes.append(caption)
        notes.append(join_runs_text(*(self.text(col) for col in table.columns), sep=" | "))
        notes.extend(self.ts.plain(" | ".join(row)) for row in table.rows)
        count = self.table_slides(
            title, header, rows, tuple(notes), caption=caption, path=path, series=series, before=before
        )
        return count > 0

    def chart_block(
        self,
        title: Runs,
        chart: Chart,
        series: int,
        path: tuple[Any, ...],
        *,
        before: tuple[tuple[Element, ...], float] | None = None,
        intro: Sequence[Runs] = (),
    ) -> bool:
        rect = self.below(before, 0.6)
        if rect is None:
            return False
        c = self.c
        numbers = chart_numbers(chart)
        scale = numbers.scale
        unit = strip_markup(chart.unit) if chart.unit else None
        alt_lines = [strip_markup(chart.title) if chart.title else f"A {chart.kind} chart"]
        for ci, cat in enumerate(chart.categories):
            vals = "; ".join(
                f"{strip_markup(s.name)} {numbers.label(s.values[ci])}"
                for s in chart.series
                if ci < len(s.values)
            )
            alt_lines.append(f"{strip_markup(cat)}: {vals}" + (f" {unit}" if unit else ""))
        frame = ChartFrame(
            name="Chart",
            rect=rect,
            kind=chart.kind,
            title=strip_markup(chart.title) if chart.title else None,
            categories=tuple(strip_markup(x) for x in chart.categories),
            series=tuple(
                ChartSeries(strip_markup(s.name), tuple(float(v) for v in s.values)) for s in chart.series
            ),
            unit=unit,
            colors=chart_colours(c),
            font=self.ts.family().name,
            text_color=c.text,
            muted_color=c.muted,
            grid_color=c.rule,
            title_size=self.body - 2,
            label_size=max(self.floor - 2, 10.0),
            legend=len(chart.series) > 1 or chart.kind == "pie",
            data_labels=len(chart.categories) * len(chart.series) <= 12,
            number_format=numbers.label_format,
            alt=". ".join(alt_lines),
            axis=(scale.low, scale.high, scale.step) if scale else None,
            axis_format=numbers.tick_format,
        )
        notes = (*intro, *(self.ts.plain(line) for line in alt_lines))
        above = before[0] if before else ()

        def make(tb: TextBox) -> Slide:
            return ChartSlide(title="", title_box=tb, chart=frame, notes=notes, before=above)

        self.add(title, series, make, path)
        return True

    def image_block(
        self,
        title: Runs,
        image: Image,
        series: int,
        path: tuple[Any, ...],
        *,
        before: tuple[tuple[Element, ...], float] | None = None,
        intro: Sequence[Runs] = (),
    ) -> bool:
        rect = self.below(before, 0.5)
        if rect is None:
            return False
        file = (self.folder or Path.cwd()) / image.path
        try:
            from PIL import Image as PILImage

            with PILImage.open(file) as im:
                px_w, px_h = im.size
        except Exception as exc:  # the loader checked it: a file changed or broken since
            file_, line, col = self.where(path + ("path",)) if self.where else ("<brief>", 1, 1)
            raise RenderError(
                f"cannot read image {image.path!r}",
                [Diagnostic(file_, line, col, f"cannot read image {image.path!r}: {exc}")],
            ) from None
        room = rect
        para = None
        if image.caption:
            para = self.ts.para(self.text(image.caption), self.small, rect.w, self.c.muted, align="center")
            room = Rect(rect.x, rect.y, rect.w, rect.h - para.height - 10)
        scale = min(room.w / px_w, room.h / px_h)
        w, h = px_w * scale, px_h * scale
        pic_rect = Rect(rect.x + (rect.w - w) / 2, room.y + (room.h - h) / 2, w, h)
        cap_box = (
            TextBox("Caption", Rect(rect.x, pic_rect.bottom + 10, rect.w, para.height), (para,))
            if para
            else None
        )
        pic = PictureFrame("Picture", pic_rect, str(file), strip_markup(image.alt))
        notes = (*intro, self.text(image.alt), *((self.text(image.caption),) if image.caption else ()))
        above = before[0] if before else ()

        def make(tb: TextBox) -> Slide:
            return ImageSlide(title="", title_box=tb, picture=pic, caption=cap_box, notes=notes, before=above)

        self.add(title, series, make, path)
        return True

    # -- sources --------------------------------------------------------------

    def sources(self) -> None:
        items = []
        notes = []
        for k, s in enumerate(self.brief.sources):
            runs: list[Run] = list(self.text(s.title, italic=True))
            tail = self.say("list_separator").join(
                x for x in (s.publisher, self.date(s.date) if s.date else None) if x
            )
            if tail:
                runs.extend(self.text(f". {tail}"))
            if s.url:
                runs.append(Run(". "))
                runs.extend(self.ts.fallback((Run(s.url, href=s.url),)))
            r = join_runs(tuple(runs))
            items.append(Item(r, self.c.text, number=k + 1, indent=self.body * 1.4, space=self.spacing))
            notes.append(r)
        self.flow_slides(self.text(self.say("sources")), items, notes, base=self.body - 2, path=("sources",))

    # -- the title slide ------------------------------------------------------

    def fit_title_block(
        self,
        title_runs: Runs,
        sub_runs: Runs | None,
        width: float,
        room: float,
        colour: str,
        sub_colour: str,
        start: float | None = None,
    ) -> tuple[Para, Para | None]:
        """The title and subtitle paragraphs at the largest sizes (from ``start``) that fit ``room`` together."""
        deck = self.theme.type_scale.deck
        sizes = sizes_between(start or deck.title, _LAST_RESORT)
        for s in sizes:
            tp = self.ts.para(title_runs, s, width, colour, heading=True)
            sp = (
                self.ts.para(sub_runs, max(min(s * 0.55, self.body), s / 2, 6), width, sub_colour)
                if sub_runs
                else None
            )
            if tp.height + (sp.height + 14 if sp else 0) <= room + 1e-6 or s == sizes[-1]:
                if s < _TITLE_FLOOR:
                    self.warn(("title",), f"the title is set at {s:g} pt to fit the title slide")
                return tp, sp
        raise AssertionError("unreachable")

    def title_slide(self) -> Slide:
        b = self.brief
        title_runs = self.text(b.title, heading=True, bold=True)
        sub_runs = self.text(b.subtitle) if b.subtitle else None
        if self.template_title is None:
            title_box, sub_box, decor, top = self.title_band(title_runs, sub_runs)
        else:
            title_box, sub_box, top = self.template_title_boxes(self.template_title, title_runs, sub_runs)
            decor = ()
        details, logo = self.meeting_details(top)
        return TitleSlide(
            title=plain_text(title_runs),
            title_box=title_box,
            subtitle=sub_box,
            details=details,
            decor=decor,
            logo=logo,
            notes=self.title_notes(),
        )

    def title_band(
        self, title_runs: Runs, sub_runs: Runs | None
    ) -> tuple[TextBox, TextBox | None, tuple[Shape, ...], float]:
        """The default title slide's band: title and subtitle boxes, the rule under it, and the top below it."""
        f, c = self.frame, self.c
        left, width = f.content.x, f.content.w
        # the title frame is the band itself, so that it comes first in reading order and paints the band
        block_bottom = round(f.height * 0.64, 1)
        decor = (Shape("Title rule", Rect(0, block_bottom, f.width, 6), c.accent),)
        text_w = round(width * 0.9, 1)
        tp, sp = self.fit_title_block(
            title_runs, sub_runs, text_w, block_bottom - f.banner - 68, c.on_primary, c.on_primary
        )
        bottom = block_bottom - 28
        sub_box = None
        if sp:
            sub_box = TextBox(
                "Subtitle",
                Rect(left, bottom - sp.height, text_w, sp.height),
                (sp,),
                placeholder="subtitle",
            )
            bottom -= sp.height + 14
        band = Rect(0, f.banner, f.width, block_bottom - f.banner)
        title_box = TextBox(
            "Title",
            band,
            (tp,),
            Insets(left, 0, band.w - left - text_w, block_bottom - bottom),
            anchor="bottom",
            fill=c.primary,
            placeholder="title",
        )
        return title_box, sub_box, decor, block_bottom + 26

    def template_title_boxes(
        self, rects: tuple[Rect, Rect | None], title_runs: Runs, sub_runs: Runs | None
    ) -> tuple[TextBox, TextBox | None, float]:
        """A template's title slide: title and subtitle in its placeholders' places, in its own colours."""
        t_rect, s_rect = rects
        if s_rect is not None and sub_runs:
            tp, _ = self.fit_title_block(title_runs, None, t_rect.w, t_rect.h, "", "")
            sp = self.fit_title_block(sub_runs, None, s_rect.w, s_rect.h, "", "", start=self.body + 4)[0]
            sub_box = TextBox(
                "Subtitle", Rect(s_rect.x, s_rect.y, s_rect.w, sp.height), (sp,), placeholder="subtitle"
            )
            title_box = TextBox("Title", t_rect, (tp,), anchor="bottom", placeholder="title")
            return title_box, sub_box, max(t_rect.bottom, s_rect.y + sp.height) + 16
        tp, maybe_sp = self.fit_title_block(title_runs, sub_runs, t_rect.w, t_rect.h, "", "")
        title_box = TextBox("Title", t_rect, (tp,), anchor="bottom", placeholder="title")
        top = t_rect.bottom + 16
        if not maybe_sp:
            return title_box, None, top
        sub_box = TextBox("Subtitle", Rect(t_rect.x, top, t_rect.w, maybe_sp.height), (maybe_sp,))
        return title_box, sub_box, top + maybe_sp.height + 16

    def meeting_details(self, top: float) -> tuple[TextBox | None, PictureFrame | None]:
        """The meeting and who prepared the brief, from ``top`` down to the footer, beside the theme's logo.

        Lines that do not fit even shrunk are left off from the last (the notes hold them all).
        """
        b, m, c, f = self.brief, self.brief.meeting, self.c, self.frame
        lines: list[tuple[Runs, float, str]] = [(self.text(m.name, bold=True), self.body, c.primary)]
        lines.append((self.text(self.when_and_where()), self.body - 4, c.text))
        by = [
            x
            for x in (
                b.memo.prepared_by and self.say("prepared_by_name", name=b.memo.prepared_by),
                b.memo.from_,
                b.memo.organization,
            )
            if x
        ]
        by_line = self.say("list_separator").join(by)
        if b.memo.date:
            by_line = (by_line + " · " if by_line else "") + self.date(b.memo.date)
        if by_line:
            lines.append((self.text(by_line), self.small, c.muted))
        room = f.footer.y - 12 - top
        logo = self.title_logo(top)
        text_w = f.content.w - (logo.rect.w + 24 if logo else 0)
        paras: list[Para] = []
        h = 0.0
        wanted = list(lines)
        while lines:
            for shrink in sizes_between(0, -8):
                paras = [
                    self.ts.para(runs, max(size + shrink, 10), text_w, colour, space_before=6 if n else 0)
                    for n, (runs, size, colour) in enumerate(lines)
                ]
                h = sum(p.height for p in paras) + sum(p.space_before for p in paras[1:])
                if h <= room:
                    break
            if h <= room:
                break
            lines = lines[:-1]  # every line is in the notes too
        if len(lines) < len(wanted):
            self.warn(
                ("meeting",), "the meeting's details do not all fit on the title slide; they are in its notes"
            )
        details = TextBox("Meeting", Rect(f.content.x, top, text_w, h), tuple(paras)) if lines else None
        return details, logo

    def when_and_where(self) -> str:
        """When and where the meeting is: ``8–11 July 2025 · Kuala Lumpur``."""
        m = self.brief.meeting
        return " · ".join([self.date_range(m.date, m.end_date), *([m.location] if m.location else [])])

    def title_logo(self, top: float) -> PictureFrame | None:
        """The theme's logo at the right of the content area, ``top`` its top edge."""
        if not (self.theme.logo and self.theme.logo_path):
            return None
        lh = self.theme.logo.height
        try:
            from PIL import Image as PILImage

            with PILImage.open(self.theme.logo_path) as im:
                lw = lh * im.size[0] / im.size[1]
        except Exception:
            lw = lh
        return PictureFrame(
            "Logo",
            Rect(self.frame.content.right - lw, top, lw, lh),
            str(self.theme.logo_path),
            self.say("logo_alt", name=self.theme.name),
        )

    def title_notes(self) -> tuple[Runs, ...]:
        """The title slide's notes: everything about the meeting and the memo, whatever fits on the slide."""
        b, m = self.brief, self.brief.meeting
        notes: list[Runs] = [self.text(b.title)]
        if b.subtitle:
            notes.append(self.text(b.subtitle))
        notes.append(self.text(m.name + " · " + self.when_and_where()))
        say = self.say
        memo_bits = [
            say("label_value", label=say("to"), value=b.memo.to) if b.memo.to else None,
            say("label_value", label=say("from"), value=b.memo.from_) if b.memo.from_ else None,
            say("label_value", label=say("prepared_by"), value=b.memo.prepared_by)
            if b.memo.prepared_by
            else None,
            b.memo.organization,
        ]
        notes.extend(self.text(x) for x in memo_bits if x)
        if b.classification:
            notes.append(self.text(b.classification))
        return tuple(notes)

    # -- finishing ------------------------------------------------------------

    def title_box(self, runs: Runs, path: tuple[Any, ...] = ()) -> TextBox:
        deck = self.theme.type_scale.deck
        rect = self.frame.title
        runs = self.ts.fallback(styled(runs, bold=True), heading=True)
        colour = "" if self.template_title is not None else self.c.primary
        sizes = sizes_between(deck.heading, _LAST_RESORT)
        for s in sizes:
            para = self.ts.para(runs, s, rect.w, colour, heading=True)
            if para.height <= rect.h + 1e-6:
                break
        if para.height > rect.h + 1e-6:
            self.warn(
                path,
                f"the slide title '{plain_text(runs)[:60]}' does not fit its box even at {para.size:g} pt",
            )
        elif para.size < _TITLE_FLOOR:
            self.warn(
                path, f"the slide title '{plain_text(runs)[:60]}' is set at {para.size:g} pt to fit its box"
            )
        return TextBox("Title", rect, (para,), anchor="bottom", placeholder="title")

    def chrome(
        self, number: int, total: int, footer_text: str, title_slide: bool = False
    ) -> tuple[Element, ...]:
        c = self.c
        f = self.frame
        size = f.footer_size
        out: list[Element] = []
        if not title_slide:
            out.append(Shape("Title rule", Rect(f.title.x, f.title.bottom + 8, 56, 3.5), c.accent))
        out.append(Shape("Footer rule", Rect(f.footer.x, f.footer.y - 7, f.footer.w, 0.75), c.rule))
        num_w = 60.0
        fp = self.ts.para(self.ts.plain(footer_text), size, f.footer.w - num_w - 12, c.muted)
        if fp.lines > 1:
            fp = replace(fp, lines=1)
        out.append(TextBox("Footer", Rect(f.footer.x, f.footer.y, f.footer.w - num_w - 12, fp.height), (fp,)))
        np_ = self.ts.para(self.ts.plain(str(number)), size, num_w, c.muted, align="right")
        out.append(
            TextBox("Slide number", Rect(f.footer.right - num_w, f.footer.y, num_w, np_.height), (np_,))
        )
        if self.brief.classification:
            bg, fg = self.theme.banner(self.brief.classification)
            runs = self.ts.plain(self.brief.classification, bold=True)
            for where, y in (("top", 0.0), ("bottom", f.height - f.banner)):
                para = self.ts.para(runs, size, f.width - 2 * f.content.x, fg, align="center")
                out.append(
                    TextBox(
                        f"Classification {where}",
                        Rect(0, y, f.width, f.banner),
                        (replace(para, lines=min(para.lines, 1)),),
                        Insets(f.content.x, 0, f.content.x, 0),
                        anchor="middle",
                        fill=bg,
                    )
                )
        return tuple(out)

    def finish(self) -> tuple[Slide, ...]:
        b = self.brief
        title = self.title_slide()
        drafts = self.drafts
        # continuation numbering within a series, then any remaining duplicates
        names: list[Runs] = []
        counts: dict[int, int] = {}
        for d in drafts:
            counts[d.series] = counts.get(d.series, 0) + 1
        seen: dict[int, int] = {}
        for d in drafts:
            n = counts[d.series]
            seen[d.series] = seen.get(d.series, 0) + 1
            part = self.around("part_of", "title", n=seen[d.series], m=n)[1]
            names.append(d.title if n == 1 else (*d.title, Run(part)))
        plain = [plain_text(r).strip() for r in names]
        taken = {plain_text(title.title_box.paras[0].runs).strip().casefold()}
        dupes: dict[str, int] = {}
        for p in plain:
            dupes[p.casefold()] = dupes.get(p.casefold(), 0) + 1
        k_of: dict[str, int] = {}
        for i, p in enumerate(plain):
            key = p.casefold()
            if dupes[key] > 1 or key in taken:
                k_of[key] = k_of.get(key, 0) + 1
                names[i] = (*names[i], Run(f" ({k_of[key]})"))
                plain[i] = plain_text(names[i]).strip()
        total = len(drafts) + 1
        short = b.meeting.short_name or b.meeting.name
        footer_text = f"{strip_markup(short)} · {self.date_range(b.meeting.date, b.meeting.end_date)}"
        slides: list[Slide] = [replace(title, chrome=self.chrome(1, total, footer_text, title_slide=True))]
        for n, (d, runs, p) in enumerate(zip(drafts, names, plain), start=2):
            tb = self.title_box(runs, d.path)
            slide = d.make(tb)
            slides.append(replace(slide, title=p, chrome=self.chrome(n, total, footer_text)))
        return tuple(slides)


def join_runs_text(*parts: Runs, sep: str = "") -> Runs:
    """Runs of ``parts`` joined with ``sep`` between them."""
    out: list[Runs] = []
    for k, part in enumerate(parts):
        if k and sep:
            out.append((Run(sep),))
        out.append(part)
    return join_runs(*out)


def _balanced_groups(n: int, per: int) -> list[list[int]]:
    """``range(n)`` cut into the fewest groups of at most ``per``, sizes as even as can be (7, 3 → 3, 2, 2)."""
    if n == 0:
        return []
    k = -(-n // per)
    base, extra = divmod(n, k)
    out, start = [], 0
    for g in range(k):
        size = base + (1 if g < extra else 0)
        out.append(list(range(start, start + size)))
        start += size
    return out


# ---------------------------------------------------------------------------
# The entry point


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
    planner = _Planner(brief, theme, folder, where, frame, template_title)
    planner.plan()
    slides = planner.finish()
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
    return DeckPlan(frame.width, frame.height, slides, info, tuple(fonts), tuple(planner.warnings))


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
