"""Key points: one a slide with its quote as a call-out, or two short ones side by side."""

from __future__ import annotations

from dataclasses import replace

from briefgen.layout.deck_context import DeckContext
from briefgen.layout.deck_fit import (
    Item,
    fit_flow,
    fit_one,
    fits,
    layout_chunk,
)
from briefgen.layout.slides import (
    Element,
    KeyPointSlide,
    Rect,
    Shape,
    Slide,
    TextBox,
)
from briefgen.load.markup import Run, Runs
from briefgen.load.model import KeyPoint, Quote


def key_points(cx: DeckContext) -> None:
    kps = cx.brief.key_points
    k = 0
    total = len(kps)
    while k < total:
        kp = kps[k]
        nxt = kps[k + 1] if k + 1 < total else None
        if nxt is not None and pair_key_points(cx, k, kp, nxt, total):
            k += 2
            continue
        key_point(cx, k, kp)
        k += 1


def kp_notes(cx: DeckContext, kp: KeyPoint) -> tuple[Runs, ...]:
    notes: list[Runs] = []
    if kp.notes:
        notes.append(cx.text(kp.notes))
    notes.append(cx.text(kp.body))
    if kp.quote:
        notes.append(quote_line(cx, kp.quote))
    return tuple(notes)


def quote_line(cx: DeckContext, q: Quote) -> Runs:
    who = cx.say("list_separator").join(x for x in (q.by, q.role) if x)
    quoted = cx.say("quotation", text=q.text)
    return cx.text(quoted + (" " + cx.say("attribution", name=who) if who else ""))


def quote_items(cx: DeckContext, q: Quote, group: int, rel: float = 2.0, by_rel: float = -4.0) -> list[Item]:
    items = [
        Item(
            cx.text(cx.say("quotation", text=q.text), italic=True),
            cx.c.primary,
            rel=rel,
            group=group,
            kind="quote",
            keep_with_next=bool(q.by or q.role),
        )
    ]
    if q.by or q.role:
        runs: list[Run] = []
        if q.by:
            runs.extend(cx.text(cx.say("attribution", name=q.by), bold=True))
        if q.role:
            if runs:
                runs.append(Run(cx.say("list_separator")))
            runs.extend(cx.text(q.role))
        items.append(
            Item(
                tuple(runs),
                cx.c.muted,
                rel=by_rel,
                group=group,
                kind="quote",
                space=cx.spacing * 0.75,
                floor=11,
            )
        )
    return items


def body_items(cx: DeckContext, body: str) -> list[Item]:
    paras = [p for p in body.split("\n\n") if p.strip()] or [body]
    return [Item(cx.text(p.strip()), cx.c.text, space=cx.spacing) for p in paras]


def key_point(cx: DeckContext, k: int, kp: KeyPoint) -> None:
    title = cx.text(kp.title)
    notes = kp_notes(cx, kp)
    rect = cx.frame.content
    path = ("key_points", k)
    base = cx.body + 2
    if kp.quote:
        gap = 28.0
        body_w = round(rect.w * 0.56, 1)
        quote_w = rect.w - body_w - gap
        said = body_items(cx, kp.body)
        quoted = quote_items(cx, kp.quote, 1)
        body_size = fit_one(cx.ts, said, body_w, rect.h, base, cx.floor, cx.flow_style)
        quote_size = fit_one(cx.ts, quoted, quote_w, rect.h, base, cx.floor, cx.flow_style)
        if body_size is not None and quote_size is not None:
            body_flow = fit_flow(cx.ts, said, body_w, rect.h, body_size, body_size, cx.flow_style)
            quote_flow = fit_flow(cx.ts, quoted, quote_w, rect.h, quote_size, quote_size, cx.flow_style)
            body, _ = layout_chunk(
                cx.ts,
                body_flow,
                body_flow.chunks[0],
                Rect(rect.x, rect.y, body_w, rect.h),
                cx.flow_style,
                "Key point",
            )
            callout, _ = layout_chunk(
                cx.ts,
                quote_flow,
                quote_flow.chunks[0],
                Rect(rect.x + body_w + gap, rect.y, quote_w, rect.h),
                cx.flow_style,
                "Quote",
            )

            def make(tb: TextBox) -> Slide:
                return KeyPointSlide(
                    title="", title_box=tb, body=tuple(body), callout=tuple(callout), notes=notes
                )

            cx.add(title, cx.series(), make, path)
            return
        items = said + quote_items(cx, kp.quote, 1)
    else:
        items = body_items(cx, kp.body)
    flow = fit_flow(cx.ts, items, rect.w, rect.h, base, cx.floor, cx.flow_style)
    series = cx.series()
    for chunk in flow.chunks:
        elements, _ = layout_chunk(cx.ts, flow, chunk, rect, cx.flow_style, "Key point")
        chunk_notes = notes if len(flow.chunks) == 1 else tuple(p.runs for p in chunk)
        if len(flow.chunks) > 1 and kp.notes and chunk is flow.chunks[0]:
            chunk_notes = (cx.text(kp.notes), *chunk_notes)

        def make_chunk(
            tb: TextBox, body: tuple[Element, ...] = tuple(elements), n: tuple[Runs, ...] = chunk_notes
        ) -> Slide:
            return KeyPointSlide(title="", title_box=tb, body=body, notes=n)

        cx.add(title, series, make_chunk, path)


def pair_key_points(cx: DeckContext, k: int, a: KeyPoint, b: KeyPoint, total: int) -> bool:
    """Put two short key points without quotes side by side; False when they do not both fit at full size."""
    if a.quote or b.quote:
        return False
    rect = cx.frame.content
    gap = 40.0
    col_w = (rect.w - gap) / 2
    base = cx.body
    columns = []
    for kp in (a, b):
        items = [
            Item(
                cx.text(kp.title, heading=True, bold=True),
                cx.c.primary,
                rel=2,
                heading=True,
                group=0,
                keep_with_next=True,
            )
        ]
        items += [replace(it, group=0, space=cx.spacing) for it in body_items(cx, kp.body)]
        if not fits(cx.ts, items, col_w, rect.h, base, cx.flow_style):
            return False
        lines = sum(len(cx.ts.wrap(it.runs, it.size(base), col_w, heading=it.heading).lines) for it in items)
        if lines > 9:
            return False
        flow = fit_flow(cx.ts, items, col_w, rect.h, base, base, cx.flow_style)
        columns.append(flow)
    body: list[Element] = []
    foot = rect.y + rect.h * 0.8  # where the divider between the columns ends
    for n, flow in enumerate(columns):
        x = rect.x + n * (col_w + gap)
        elements, _ = layout_chunk(
            cx.ts,
            flow,
            flow.chunks[0],
            Rect(x, rect.y, col_w, rect.h),
            cx.flow_style,
            f"Key point {k + n + 1}",
        )
        body.extend(_reaching(elements, foot))
    divider = Shape("Divider", Rect(rect.x + col_w + gap / 2 - 0.5, rect.y, 1.0, foot - rect.y), cx.c.rule)
    notes = (*kp_notes(cx, a), *kp_notes(cx, b))
    title = cx.ts.plain(cx.say("key_points_pair", a=k + 1, b=k + 2))

    def make(tb: TextBox) -> Slide:
        return KeyPointSlide(title="", title_box=tb, body=(*body, divider), notes=notes)

    cx.add(title, cx.series(), make, ("key_points", k))
    return True


def _reaching(elements: list[Element], foot: float) -> list[Element]:
    """A column's frames with the last one reaching down to ``foot``: free headroom for a wider
    substitute font (or a viewer's missing-glyph boxes), as the frame is anchored at the top."""
    last = elements[-1] if elements else None
    if not isinstance(last, TextBox) or last.rect.y + last.rect.h >= foot:
        return elements
    r = last.rect
    return [*elements[:-1], replace(last, rect=Rect(r.x, r.y, r.w, foot - r.y))]
