"""Tables: the meeting facts, the reactions table with tone chips, and any table cut across slides."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from briefgen.layout.slides import (
    Element,
    FactsSlide,
    Insets,
    Rect,
    Slide,
    TableSlide,
    TextBox,
)
from briefgen.layout.table_fit import CellSpec, TableStyle, fit_table
from briefgen.layout.text import join_runs
from briefgen.load.markup import Run, Runs

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import GAP, DeckContext, join_runs_text


def facts(cx: DeckContext) -> None:
    b, m = cx.brief, cx.brief.meeting
    say = cx.say
    rows: list[tuple[str, Runs]] = [(say("meeting"), cx.text(m.name))]
    rows.append(
        (
            say("dates") if m.end_date and m.end_date != m.date else say("date"),
            cx.ts.plain(cx.date_range(m.date, m.end_date)),
        )
    )
    if m.location:
        rows.append((say("location"), cx.text(m.location)))
    if m.chair:
        rows.append((say("chair"), cx.text(m.chair)))
    if m.theme:
        rows.append((say("theme"), cx.text(m.theme)))
    if m.participants:
        joined: list[Run] = []
        for k, p in enumerate(m.participants):
            if k:
                joined.append(Run(" · "))
            joined.extend(cx.text(p))
        rows.append((say("participants_count", n=len(m.participants)), join_runs(tuple(joined))))
    if b.memo.to:
        rows.append((say("prepared_for"), cx.text(b.memo.to)))
    origin = [x for x in (b.memo.from_, b.memo.organization) if x]
    if origin:
        rows.append((say("from"), cx.text(say("list_separator").join(origin))))
    label_w = 0.0
    size = cx.body - 2
    specs = []
    for label, value in rows:
        lab = cx.ts.plain(label.upper(), bold=True)
        label_w = max(label_w, cx.ts.at_widest().wrap(lab, size - 4, 1e6).width)
        specs.append([CellSpec(lab, cx.c.muted, rel=-4), CellSpec(value, cx.c.text)])
    style = TableStyle(Insets(0, 9, 12, 9), cx.c.rule)
    rect = cx.frame.content
    label_col = min(label_w + 16, rect.w * 0.3)
    fitted = fit_table(
        cx.ts,
        None,
        specs,
        rect,
        size,
        cx.floor,
        style,
        name="Meeting facts",
        widths=[label_col, rect.w - label_col],
    )
    # labels a step smaller than the values
    series = cx.series()
    notes = tuple(
        join_runs_text(cx.ts.plain(cx.around("label_value", "value", label=label)[0]), value)
        for label, value in rows
    )
    for page in fitted.pages:

        def make(tb: TextBox, page: Any = page) -> Slide:
            return FactsSlide(title="", title_box=tb, table=page, notes=notes)

        cx.add(cx.text(cx.say("meeting_facts")), series, make, ("meeting",))


def reactions(cx: DeckContext) -> None:
    rs = cx.brief.reactions
    has_country = any(r.country for r in rs)
    has_tone = any(r.tone for r in rs)
    c = cx.c
    header_names = [
        cx.say("outlet"),
        *([cx.say("country")] if has_country else []),
        *([cx.say("tone")] if has_tone else []),
        cx.say("summary"),
    ]
    header = [CellSpec(cx.ts.plain(h, bold=True), c.on_primary, fill=c.primary) for h in header_names]
    rows = []
    for n, r in enumerate(rs):
        band = c.surface if n % 2 else None
        row = [CellSpec(cx.text(r.outlet, bold=True), c.text, fill=band)]
        if has_country:
            row.append(CellSpec(cx.text(r.country) if r.country else (), c.text, fill=band))
        if has_tone:
            if r.tone:
                row.append(
                    CellSpec(
                        cx.ts.plain(cx.labels.tone(r.tone), bold=True),
                        c.on_tone,
                        fill=cx.theme.tone(r.tone),
                        align="center",
                    )
                )
            else:
                row.append(CellSpec((), c.text, fill=band))
        row.append(CellSpec(cx.text(r.summary), c.text, fill=band))
        rows.append(row)
    notes = tuple(
        cx.text(
            f"{r.outlet}"
            + (f" ({r.country})" if r.country else "")
            + (f"{cx.say('list_separator')}{cx.labels.tone(r.tone)}" if r.tone else "")
            + f": {r.summary}"
        )
        for r in rs
    )
    table_slides(cx, cx.text(cx.say("reactions")), header, rows, notes, caption=None, path=("reactions",))


def table_slides(
    cx: DeckContext,
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
    area = cx.frame.content
    if before is not None:
        area = Rect(area.x, area.y + before[1] + GAP, area.w, area.h - before[1] - GAP)
    rect = area
    cap_size = cx.small
    if caption:
        cap_para = cx.ts.para(caption, cap_size, rect.w, cx.c.muted)
        rect = Rect(rect.x, rect.y, rect.w, rect.h - cap_para.height - 10)
    style = TableStyle(Insets(7, 5, 7, 5), cx.c.rule)
    base = max(cx.floor, cx.body - 2)
    fitted = fit_table(cx.ts, header, rows, rect, base, cx.floor, style, name="Table")
    pages = fitted.pages
    if before is not None and len(pages) > 1:
        return 0
    series = cx.series() if series is None else series
    for n, page in enumerate(pages):
        cap_box = None
        if caption:
            cap_runs = (
                caption
                if len(pages) == 1
                else (*caption, Run(cx.around("part_of", "title", n=n + 1, m=len(pages))[1]))
            )
            cap_para = cx.ts.para(tuple(cap_runs), cap_size, rect.w, cx.c.muted)
            cap_box = TextBox(
                "Caption", Rect(rect.x, page.rect.bottom + 10, rect.w, cap_para.height), (cap_para,)
            )
        page_notes = notes
        if len(pages) > 1:
            page_notes = tuple(
                join_runs_text(*(para.runs for cell in row for para in cell.paras if para.runs), sep=" | ")
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

        cx.add(title, series, make, path)
    return len(pages)
