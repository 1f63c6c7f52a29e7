"""The brief's own sections: their text, then each table, chart or picture on slides of its own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from briefgen.layout.deck_fit import (
    Item,
    fit_flow,
    fits,
    layout_chunk,
)
from briefgen.load.markup import Runs
from briefgen.load.model import Block

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import BULLET, DeckContext
from briefgen.layout.deck_flow import flow_slides
from briefgen.layout.deck_points import body_items, quote_items, quote_line
from briefgen.layout.deck_visuals import visual


def section_items(
    cx, members: Sequence[tuple[int, Block]], *, pull_quote: bool
) -> tuple[list[Item], list[Runs]]:
    """The flow items and notes of consecutive text, bullets and quote blocks."""
    items: list[Item] = []
    notes: list[Runs] = []
    for group, (_, block) in enumerate(members, start=1):
        if block.kind == "text":
            items.extend(replace(it, group=group) for it in body_items(cx, block.value))
            notes.append(cx.text(block.value))
        elif block.kind == "bullets":
            for x in block.value:
                items.append(
                    Item(
                        cx.text(x),
                        cx.c.text,
                        bullet=BULLET,
                        indent=cx.body * 1.1,
                        space=cx.spacing * 0.75,
                        group=group,
                    )
                )
                notes.append(cx.text(x))
        elif block.kind == "quote":
            if pull_quote:
                items.extend(quote_items(cx, block.value, group, rel=10, by_rel=-2))
            else:
                items.extend(quote_items(cx, block.value, group))
            notes.append(quote_line(cx, block.value))
    return items, notes


def section(cx: DeckContext, k: int, title_text: str, blocks: Sequence[Block]) -> None:
    title = cx.text(title_text)
    series = cx.series()
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
            visual(cx, k, title, series, members[0])
            i += 1
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and nxt[0] == "visual":
            items, notes = section_items(cx, members, pull_quote=False)
            rect = cx.frame.content
            if fits(cx.ts, items, rect.w, rect.h * 0.35, cx.body, cx.flow_style):
                flow = fit_flow(cx.ts, items, rect.w, rect.h, cx.body, cx.body, cx.flow_style)
                elements, used = layout_chunk(cx.ts, flow, flow.chunks[0], rect, cx.flow_style, "Text")
                if visual(cx, k, title, series, nxt[1][0], before=(tuple(elements), used), notes=notes):
                    i += 2
                    continue
        only_quote = all(b.kind == "quote" for _, b in members)
        items, notes = section_items(cx, members, pull_quote=only_quote)
        flow_slides(
            cx,
            title,
            items,
            notes,
            base=cx.body,
            series=series,
            path=("sections", k, "blocks", members[0][0]),
            center=only_quote,
        )
        i += 1
