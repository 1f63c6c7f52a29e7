"""The title slide: the title band (or a template's title placeholders), the meeting details, the logo and its notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefgen.layout.deck_fit import (
    sizes_between,
)
from briefgen.layout.slides import (
    Insets,
    Para,
    PictureFrame,
    Rect,
    Shape,
    Slide,
    TextBox,
    TitleSlide,
)
from briefgen.load.markup import Runs, plain_text

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import LAST_RESORT, TITLE_FLOOR, DeckContext


def fit_title_block(
    cx: DeckContext,
    title_runs: Runs,
    sub_runs: Runs | None,
    width: float,
    room: float,
    colour: str,
    sub_colour: str,
    start: float | None = None,
) -> tuple[Para, Para | None]:
    """The title and subtitle paragraphs at the largest sizes (from ``start``) that fit ``room`` together."""
    deck = cx.theme.type_scale.deck
    sizes = sizes_between(start or deck.title, LAST_RESORT)
    for s in sizes:
        tp = cx.ts.para(title_runs, s, width, colour, heading=True)
        sp = (
            cx.ts.para(sub_runs, max(min(s * 0.55, cx.body), s / 2, 6), width, sub_colour)
            if sub_runs
            else None
        )
        if tp.height + (sp.height + 14 if sp else 0) <= room + 1e-6 or s == sizes[-1]:
            if s < TITLE_FLOOR:
                cx.warn(("title",), f"the title is set at {s:g} pt to fit the title slide")
            return tp, sp
    raise AssertionError("unreachable")


def title_slide(cx: DeckContext) -> Slide:
    b = cx.brief
    title_runs = cx.text(b.title, heading=True, bold=True)
    sub_runs = cx.text(b.subtitle) if b.subtitle else None
    if cx.template_title is None:
        title_box, sub_box, decor, top = title_band(cx, title_runs, sub_runs)
    else:
        title_box, sub_box, top = template_title_boxes(cx, cx.template_title, title_runs, sub_runs)
        decor = ()
    details, logo = meeting_details(cx, top)
    return TitleSlide(
        title=plain_text(title_runs),
        title_box=title_box,
        subtitle=sub_box,
        details=details,
        decor=decor,
        logo=logo,
        notes=title_notes(cx),
    )


def title_band(
    cx, title_runs: Runs, sub_runs: Runs | None
) -> tuple[TextBox, TextBox | None, tuple[Shape, ...], float]:
    """The default title slide's band: title and subtitle boxes, the rule under it, and the top below it."""
    f, c = cx.frame, cx.c
    left, width = f.content.x, f.content.w
    # the title frame is the band itself, so that it comes first in reading order and paints the band
    block_bottom = round(f.height * 0.64, 1)
    decor = (Shape("Title rule", Rect(0, block_bottom, f.width, 6), c.accent),)
    text_w = round(width * 0.9, 1)
    tp, sp = fit_title_block(
        cx, title_runs, sub_runs, text_w, block_bottom - f.banner - 68, c.on_primary, c.on_primary
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
    cx, rects: tuple[Rect, Rect | None], title_runs: Runs, sub_runs: Runs | None
) -> tuple[TextBox, TextBox | None, float]:
    """A template's title slide: title and subtitle in its placeholders' places, in its own colours.

    A place under the classification band moves down below it, the subtitle with it.
    """
    t_rect, s_rect = rects
    clear = cx.frame.banner + 4 if cx.frame.banner else 0.0
    if t_rect.y < clear:
        drop = clear - t_rect.y
        t_rect = Rect(t_rect.x, clear, t_rect.w, t_rect.h)
        if s_rect is not None and s_rect.y < t_rect.bottom:
            s_rect = Rect(s_rect.x, s_rect.y + drop, s_rect.w, s_rect.h)
    if s_rect is not None and sub_runs:
        tp, _ = fit_title_block(cx, title_runs, None, t_rect.w, t_rect.h, "", "")
        sp = fit_title_block(cx, sub_runs, None, s_rect.w, s_rect.h, "", "", start=cx.body + 4)[0]
        sub_box = TextBox(
            "Subtitle", Rect(s_rect.x, s_rect.y, s_rect.w, sp.height), (sp,), placeholder="subtitle"
        )
        title_box = TextBox("Title", t_rect, (tp,), anchor="bottom", placeholder="title")
        return title_box, sub_box, max(t_rect.bottom, s_rect.y + sp.height) + 16
    tp, maybe_sp = fit_title_block(cx, title_runs, sub_runs, t_rect.w, t_rect.h, "", "")
    title_box = TextBox("Title", t_rect, (tp,), anchor="bottom", placeholder="title")
    top = t_rect.bottom + 16
    if not maybe_sp:
        return title_box, None, top
    sub_box = TextBox("Subtitle", Rect(t_rect.x, top, t_rect.w, maybe_sp.height), (maybe_sp,))
    return title_box, sub_box, top + maybe_sp.height + 16


def meeting_details(cx: DeckContext, top: float) -> tuple[TextBox | None, PictureFrame | None]:
    """The meeting and who prepared the brief, from ``top`` down to the footer, beside the theme's logo.

    Lines that do not fit even shrunk are left off from the last (the notes hold them all).
    """
    b, m, c, f = cx.brief, cx.brief.meeting, cx.c, cx.frame
    lines: list[tuple[Runs, float, str]] = [(cx.text(m.name, bold=True), cx.body, c.primary)]
    lines.append((cx.text(when_and_where(cx)), cx.body - 4, c.text))
    by = [
        x
        for x in (
            b.memo.prepared_by and cx.say("prepared_by_name", name=b.memo.prepared_by),
            b.memo.from_,
            b.memo.organization,
        )
        if x
    ]
    by_line = cx.say("list_separator").join(by)
    if b.memo.date:
        by_line = (by_line + " · " if by_line else "") + cx.date(b.memo.date)
    if by_line:
        lines.append((cx.text(by_line), cx.small, c.muted))
    room = f.footer.y - 12 - top
    logo = title_logo(cx, top)
    text_w = f.content.w - (logo.rect.w + 24 if logo else 0)
    paras: list[Para] = []
    h = 0.0
    wanted = list(lines)
    while lines:
        for shrink in sizes_between(0, -8):
            paras = [
                cx.ts.para(runs, max(size + shrink, 10), text_w, colour, space_before=6 if n else 0)
                for n, (runs, size, colour) in enumerate(lines)
            ]
            h = sum(p.height for p in paras) + sum(p.space_before for p in paras[1:])
            if h <= room:
                break
        if h <= room:
            break
        lines = lines[:-1]  # every line is in the notes too
    if len(lines) < len(wanted):
        cx.warn(
            ("meeting",), "the meeting's details do not all fit on the title slide; they are in its notes"
        )
    details = TextBox("Meeting", Rect(f.content.x, top, text_w, h), tuple(paras)) if lines else None
    return details, logo


def when_and_where(cx: DeckContext) -> str:
    """When and where the meeting is: ``8–11 July 2025 · Kuala Lumpur``."""
    m = cx.brief.meeting
    return " · ".join([cx.date_range(m.date, m.end_date), *([m.location] if m.location else [])])


def title_logo(cx: DeckContext, top: float) -> PictureFrame | None:
    """The theme's logo at the right of the content area, ``top`` its top edge."""
    if not (cx.theme.logo and cx.theme.logo_path):
        return None
    lh = cx.theme.logo.height
    try:
        from PIL import Image as PILImage

        with PILImage.open(cx.theme.logo_path) as im:
            lw = lh * im.size[0] / im.size[1]
    except Exception:
        lw = lh
    return PictureFrame(
        "Logo",
        Rect(cx.frame.content.right - lw, top, lw, lh),
        str(cx.theme.logo_path),
        cx.say("logo_alt", name=cx.theme.name),
    )


def title_notes(cx: DeckContext) -> tuple[Runs, ...]:
    """The title slide's notes: everything about the meeting and the memo, whatever fits on the slide."""
    b, m = cx.brief, cx.brief.meeting
    notes: list[Runs] = [cx.text(b.title)]
    if b.subtitle:
        notes.append(cx.text(b.subtitle))
    notes.append(cx.text(m.name + " · " + when_and_where(cx)))
    say = cx.say
    memo_bits = [
        say("label_value", label=say("to"), value=b.memo.to) if b.memo.to else None,
        say("label_value", label=say("from"), value=b.memo.from_) if b.memo.from_ else None,
        say("label_value", label=say("prepared_by"), value=b.memo.prepared_by)
        if b.memo.prepared_by
        else None,
        b.memo.organization,
    ]
    notes.extend(cx.text(x) for x in memo_bits if x)
    if b.classification:
        notes.append(cx.text(b.classification))
    return tuple(notes)
