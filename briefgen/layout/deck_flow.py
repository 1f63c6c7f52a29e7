"""Slides of flowing text: a titled run of paragraphs, bullets and quotes cut into balanced slides."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from briefgen.layout.deck_context import DeckContext
from briefgen.layout.deck_fit import (
    Item,
    fit_flow,
    fit_one,
    layout_chunk,
)
from briefgen.layout.slides import (
    Element,
    Rect,
    Slide,
    TextBox,
    TextSlide,
)
from briefgen.load.markup import Runs, plain_text

if TYPE_CHECKING:
    pass


def flow_slides(
    cx: DeckContext,
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
    rect = rect or cx.frame.content
    floor = cx.floor if floor is None else floor
    if center:
        narrow = Rect(rect.x + rect.w * 0.1, rect.y, rect.w * 0.8, rect.h)
        if fit_one(cx.ts, items, narrow.w, narrow.h, base, min(floor, base), cx.flow_style) is not None:
            rect = narrow
        else:
            center = False
    flow = fit_flow(cx.ts, items, rect.w, rect.h, base, min(floor, base), cx.flow_style)
    series = cx.series() if series is None else series
    for chunk in flow.chunks:
        elements, used = layout_chunk(cx.ts, flow, chunk, rect, cx.flow_style, name)
        if center and len(flow.chunks) == 1:
            shifted = Rect(rect.x, rect.y + (rect.h - used) * 0.4, rect.w, used)
            elements, _ = layout_chunk(cx.ts, flow, chunk, shifted, cx.flow_style, name)
        chunk_notes = tuple(notes) if len(flow.chunks) == 1 else tuple(p.runs for p in chunk)
        body = tuple(elements)

        def make(tb: TextBox, body: tuple[Element, ...] = body, n: tuple[Runs, ...] = chunk_notes) -> Slide:
            return TextSlide(
                title=plain_text(tb.paras[0].runs) if tb.paras else "", title_box=tb, body=body, notes=n
            )

        cx.add(title, series, make, path)
    return len(flow.chunks)
