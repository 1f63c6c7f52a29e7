"""The text families: the bottom line, outlook, recommendations, highlights and sources."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen.layout.deck_fit import (
    Item,
)
from briefgen.layout.text import join_runs
from briefgen.load.markup import Run

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import BULLET, DeckContext
from briefgen.layout.deck_flow import flow_slides


def bottom_line(cx: DeckContext) -> None:
    summary = cx.text(cx.brief.summary)
    items = [Item(summary, cx.c.text, kind="quote", group=1)]
    flow_slides(
        cx, cx.text(cx.say("bottom_line_slide")), items, [summary], base=cx.body + 4, path=("summary",)
    )


def plan_texts(cx: DeckContext) -> None:
    """Outlook, recommendations and highlights, each its own flow of slides."""
    b = cx.brief
    if b.outlook:
        items = [Item(cx.text(b.outlook), cx.c.text, space=cx.spacing)]
        flow_slides(
            cx,
            cx.text(cx.say("outlook")),
            items,
            [cx.text(b.outlook)],
            base=cx.body + 2,
            path=("outlook",),
        )
    if b.recommendations:
        items = [
            Item(cx.text(r), cx.c.text, number=k + 1, indent=cx.body * 1.5, space=cx.spacing * 1.5)
            for k, r in enumerate(b.recommendations)
        ]
        flow_slides(
            cx,
            cx.text(cx.say("recommendations")),
            items,
            [cx.text(f"{k + 1}. {r}") for k, r in enumerate(b.recommendations)],
            base=cx.body,
            path=("recommendations",),
        )
    if b.highlights:
        items = [
            Item(cx.text(h), cx.c.text, bullet=BULLET, indent=cx.body * 1.1, space=cx.spacing * 1.5)
            for h in b.highlights
        ]
        flow_slides(
            cx,
            cx.text(cx.say("highlights")),
            items,
            [cx.text(h) for h in b.highlights],
            base=cx.body,
            path=("highlights",),
        )


def sources(cx: DeckContext) -> None:
    items = []
    notes = []
    for k, s in enumerate(cx.brief.sources):
        runs: list[Run] = list(cx.text(s.title, italic=True))
        tail = cx.say("list_separator").join(
            x for x in (s.publisher, cx.date(s.date) if s.date else None) if x
        )
        if tail:
            runs.extend(cx.text(f". {tail}"))
        if s.url:
            runs.append(Run(". "))
            runs.extend(cx.ts.fallback((Run(s.url, href=s.url),)))
        r = join_runs(tuple(runs))
        items.append(Item(r, cx.c.text, number=k + 1, indent=cx.body * 1.4, space=cx.spacing))
        notes.append(r)
    flow_slides(cx, cx.text(cx.say("sources")), items, notes, base=cx.body - 2, path=("sources",))
