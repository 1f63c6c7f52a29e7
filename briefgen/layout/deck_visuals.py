"""A section's table, chart or picture: under a short text when it fits, else on slides of its own."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.errors import Diagnostic, RenderError
from briefgen.layout.slides import (
    ChartFrame,
    ChartSeries,
    ChartSlide,
    Element,
    ImageSlide,
    PictureFrame,
    Rect,
    Slide,
    TextBox,
)
from briefgen.layout.table_fit import CellSpec
from briefgen.layout.values import (
    chart_alt_lines,
    chart_colours,
    chart_numbers,
    numeric_columns,
)
from briefgen.load.images import read_image_info
from briefgen.load.markup import Runs, strip_markup
from briefgen.load.model import Block, Chart, Image, Table

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import GAP, DeckContext, join_runs_text
from briefgen.layout.deck_tables import table_slides


def visual(
    cx: DeckContext,
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
        return table_block(cx, title, block.value, series, path, before=before, intro=notes)
    if block.kind == "chart":
        return chart_block(cx, title, block.value, series, path, before=before, intro=notes)
    return image_block(cx, title, block.value, series, path, before=before, intro=notes)


def below(cx: DeckContext, before: tuple[tuple[Element, ...], float] | None, minimum: float) -> Rect | None:
    """The content area under ``before``, or None when less than ``minimum`` of its height is left."""
    area = cx.frame.content
    if before is None:
        return area
    rest = Rect(area.x, area.y + before[1] + GAP, area.w, area.h - before[1] - GAP)
    return rest if rest.h >= minimum * area.h else None


def table_block(
    cx: DeckContext,
    title: Runs,
    table: Table,
    series: int,
    path: tuple[Any, ...],
    *,
    before: tuple[tuple[Element, ...], float] | None = None,
    intro: Sequence[Runs] = (),
) -> bool:
    c = cx.c
    ncols = len(table.columns)
    numeric = numeric_columns(table.rows, ncols)
    header = [
        CellSpec(
            cx.ts.runs(col, bold=True),
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
                    cx.ts.plain(row[i]) if i < len(row) else (),
                    c.text,
                    fill=band,
                    align="right" if numeric[i] else "left",
                )
                for i in range(ncols)
            ]
        )
    caption = cx.text(table.caption) if table.caption else None
    notes = [*intro]
    if caption:
        notes.append(caption)
    notes.append(join_runs_text(*(cx.text(col) for col in table.columns), sep=" | "))
    notes.extend(cx.ts.plain(" | ".join(row)) for row in table.rows)
    count = table_slides(
        cx, title, header, rows, tuple(notes), caption=caption, path=path, series=series, before=before
    )
    return count > 0


def chart_block(
    cx: DeckContext,
    title: Runs,
    chart: Chart,
    series: int,
    path: tuple[Any, ...],
    *,
    before: tuple[tuple[Element, ...], float] | None = None,
    intro: Sequence[Runs] = (),
) -> bool:
    rect = below(cx, before, 0.6)
    if rect is None:
        return False
    c = cx.c
    numbers = chart_numbers(chart)
    scale = numbers.scale
    unit = strip_markup(chart.unit) if chart.unit else None
    alt_lines = chart_alt_lines(chart)
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
        font=cx.ts.family().name,
        text_color=c.text,
        muted_color=c.muted,
        grid_color=c.rule,
        title_size=cx.body - 2,
        label_size=max(cx.floor - 2, 10.0),
        legend=len(chart.series) > 1 or chart.kind == "pie",
        data_labels=len(chart.categories) * len(chart.series) <= 12,
        number_format=numbers.label_format,
        alt=". ".join(alt_lines),
        axis=(scale.low, scale.high, scale.step) if scale else None,
        axis_format=numbers.tick_format,
    )
    notes = (*intro, *(cx.ts.plain(line) for line in alt_lines))
    above = before[0] if before else ()

    def make(tb: TextBox) -> Slide:
        return ChartSlide(title="", title_box=tb, chart=frame, notes=notes, before=above)

    cx.add(title, series, make, path)
    return True


def image_block(
    cx: DeckContext,
    title: Runs,
    image: Image,
    series: int,
    path: tuple[Any, ...],
    *,
    before: tuple[tuple[Element, ...], float] | None = None,
    intro: Sequence[Runs] = (),
) -> bool:
    rect = below(cx, before, 0.5)
    if rect is None:
        return False
    file = (cx.folder or Path.cwd()) / image.path
    try:
        info = cx.images.get(image.path) or read_image_info(
            file
        )  # read by the loader, or now for a bare brief
        px_w, px_h = info.width, info.height
    except Exception as exc:  # the loader checked it: a file changed or broken since
        file_, line, col = cx.where(path + ("path",)) if cx.where else ("<brief>", 1, 1)
        raise RenderError(
            f"cannot read image {image.path!r}",
            [Diagnostic(file_, line, col, f"cannot read image {image.path!r}: {exc}")],
        ) from None
    room = rect
    para = None
    if image.caption:
        para = cx.ts.para(cx.text(image.caption), cx.small, rect.w, cx.c.muted, align="center")
        room = Rect(rect.x, rect.y, rect.w, rect.h - para.height - 10)
    scale = min(room.w / px_w, room.h / px_h)
    w, h = px_w * scale, px_h * scale
    pic_rect = Rect(rect.x + (rect.w - w) / 2, room.y + (room.h - h) / 2, w, h)
    cap_box = (
        TextBox("Caption", Rect(rect.x, pic_rect.bottom + 10, rect.w, para.height), (para,)) if para else None
    )
    pic = PictureFrame("Picture", pic_rect, str(file), strip_markup(image.alt))
    notes = (*intro, cx.text(image.alt), *((cx.text(image.caption),) if image.caption else ()))
    above = before[0] if before else ()

    def make(tb: TextBox) -> Slide:
        return ImageSlide(title="", title_box=tb, picture=pic, caption=cap_box, notes=notes, before=above)

    cx.add(title, series, make, path)
    return True
