"""Positions: actor cards two or three a slide, or one wide card carried on over slides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from briefgen.layout.deck_fit import (
    Item,
    fit_flow,
    fit_one,
    layout_chunk,
    pieces_height,
)
from briefgen.layout.slides import (
    CardsSlide,
    Element,
    Insets,
    Rect,
    Shape,
    Slide,
    TextBox,
)
from briefgen.load.markup import Runs
from briefgen.load.model import Position

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import BULLET, DeckContext, balanced_groups


def card_items(cx: DeckContext, p: Position) -> list[Item]:
    items = [Item(cx.text(p.summary), cx.c.text, space=cx.spacing)]
    for point in p.points:
        items.append(
            Item(
                cx.text(point),
                cx.c.text,
                rel=-2,
                bullet=BULLET,
                indent=16,
                space=cx.spacing * 0.75,
                floor=cx.floor,
            )
        )
    return items


def positions(cx: DeckContext) -> None:
    """Actor cards, three (or two) to a slide, sizes shared on a slide; a card too big for that gets a slide."""
    positions = cx.brief.positions
    rect = cx.frame.content
    gap, head_pad, body_pad = 20.0, 10.0, 14.0
    series = cx.series()
    base = cx.body - 2

    def width(per: int) -> float:
        return (rect.w - gap * (per - 1)) / per

    def head_height(group: Sequence[int], w: float, extra: str = "") -> float:
        heads = [
            cx.ts.wrap(
                cx.text(positions[i].actor + extra, heading=True, bold=True),
                cx.body,
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
            cx.ts,
            card_items(cx, positions[i]),
            w - 2 * body_pad,
            room,
            base,
            cx.floor,
            cx.flow_style,
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
            big_card(cx, members[0], series, gap, head_pad, body_pad)
            continue
        per = 3 if all(fit3[i] for i in members) else 2
        for chunk in balanced_groups(len(members), per):
            group = [members[c] for c in chunk]
            card_slide(cx, group, series, width(max(len(group), 2)), head_pad, body_pad, gap)


def card_slide(
    cx, group: list[int], series: int, w: float, head_pad: float, body_pad: float, gap: float
) -> None:
    positions = cx.brief.positions
    rect = cx.frame.content
    heads = [
        cx.ts.wrap(
            cx.text(positions[i].actor, heading=True, bold=True),
            cx.body,
            w - 2 * body_pad,
            heading=True,
        )
        for i in group
    ]
    head_h = max(h.height for h in heads) + 2 * head_pad
    room = rect.h - head_h - 2 * body_pad
    base = cx.body - 2
    sizes = [
        fit_one(
            cx.ts,
            card_items(cx, positions[i]),
            w - 2 * body_pad,
            room,
            base,
            cx.floor,
            cx.flow_style,
        )
        or cx.floor
        for i in group
    ]
    size = min(sizes)
    flows = [
        fit_flow(cx.ts, card_items(cx, positions[i]), w - 2 * body_pad, room, size, size, cx.flow_style)
        for i in group
    ]
    tallest = max(
        pieces_height(cx.ts, f.items, f.chunks[0], f.base, w - 2 * body_pad, cx.flow_style)[0] for f in flows
    )
    card_h = min(rect.h, head_h + 2 * body_pad + tallest)
    left = rect.x + (rect.w - (w * len(group) + gap * (len(group) - 1))) / 2
    cards = tuple(
        card(
            cx,
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
    notes = tuple(r for i in group for r in position_notes(cx, i))

    def make(tb: TextBox) -> Slide:
        return CardsSlide(title="", title_box=tb, cards=cards, notes=notes)

    cx.add(cx.text(cx.say("positions")), series, make, ("positions", group[0]))


def position_notes(cx: DeckContext, i: int) -> tuple[Runs, ...]:
    p = cx.brief.positions[i]
    return (cx.text(p.actor, bold=True), cx.text(p.summary), *(cx.text(x) for x in p.points))


def big_card(cx: DeckContext, i: int, series: int, gap: float, head_pad: float, body_pad: float) -> None:
    """One card across the slide, its text continued on more slides when it must."""
    p = cx.brief.positions[i]
    rect = cx.frame.content
    head_h = (
        max(
            cx.ts.wrap(
                cx.text(p.actor + extra, heading=True, bold=True),
                cx.body,
                rect.w - 2 * body_pad,
                heading=True,
            ).height
            for extra in ("", cx.around("continued", "title")[1])
        )
        + 2 * head_pad
    )
    room = rect.h - head_h - 2 * body_pad
    flow = fit_flow(
        cx.ts,
        card_items(cx, p),
        rect.w - 2 * body_pad,
        room,
        cx.body - 2,
        cx.floor,
        cx.flow_style,
    )
    for n, chunk in enumerate(flow.chunks):
        used = pieces_height(cx.ts, flow.items, chunk, flow.base, rect.w - 2 * body_pad, cx.flow_style)[0]
        box = Rect(rect.x, rect.y, rect.w, min(rect.h, head_h + 2 * body_pad + used))
        one = card(cx, i, p, box, head_h, flow, chunk, body_pad, head_pad, continued=n > 0)
        notes = position_notes(cx, i) if len(flow.chunks) == 1 else tuple(pc.runs for pc in chunk)

        def make(tb: TextBox, one: tuple[Element, ...] = one, notes: tuple[Runs, ...] = notes) -> Slide:
            return CardsSlide(title="", title_box=tb, cards=(one,), notes=notes)

        cx.add(cx.text(cx.say("positions")), series, make, ("positions", i))


def card(
    cx: DeckContext,
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
    actor = cx.text(cx.say("continued", title=p.actor) if continued else p.actor, heading=True, bold=True)
    head_para = cx.ts.para(actor, cx.body, rect.w - 2 * body_pad, cx.c.on_primary, heading=True)
    panel = Shape(f"{name} panel", rect, cx.c.surface)
    head = TextBox(
        f"{name} actor",
        Rect(rect.x, rect.y, rect.w, head_h),
        (head_para,),
        Insets(body_pad, head_pad, body_pad, head_pad),
        anchor="middle",
        fill=cx.c.primary,
    )
    inner = Rect(
        rect.x + body_pad,
        rect.y + head_h + body_pad,
        rect.w - 2 * body_pad,
        rect.h - head_h - 2 * body_pad,
    )
    elements, _ = layout_chunk(cx.ts, flow, chunk, inner, cx.flow_style, f"{name} text")
    return (panel, head, *elements)
