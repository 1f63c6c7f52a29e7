"""The finishing pass: titles numbered and made unique, title frames, footers, slide numbers and banners."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from briefgen.layout.deck_fit import (
    sizes_between,
    styled,
)
from briefgen.layout.slides import (
    Element,
    Insets,
    Rect,
    Shape,
    Slide,
    TextBox,
)
from briefgen.load.markup import Run, Runs, plain_text, strip_markup

if TYPE_CHECKING:
    pass
from briefgen.layout.deck_context import LAST_RESORT, TITLE_FLOOR, DeckContext
from briefgen.layout.deck_title import title_slide


def title_box(cx: DeckContext, runs: Runs, path: tuple[Any, ...] = ()) -> TextBox:
    deck = cx.theme.type_scale.deck
    rect = cx.frame.title
    runs = cx.ts.fallback(styled(runs, bold=True), heading=True)
    colour = "" if cx.template_title is not None else cx.c.primary
    sizes = sizes_between(deck.heading, LAST_RESORT)
    for s in sizes:
        para = cx.ts.para(runs, s, rect.w, colour, heading=True)
        if para.height <= rect.h + 1e-6:
            break
    if para.height > rect.h + 1e-6:
        cx.warn(
            path,
            f"the slide title '{plain_text(runs)[:60]}' does not fit its box even at {para.size:g} pt",
        )
    elif para.size < TITLE_FLOOR:
        cx.warn(path, f"the slide title '{plain_text(runs)[:60]}' is set at {para.size:g} pt to fit its box")
    return TextBox("Title", rect, (para,), anchor="bottom", placeholder="title")


def chrome(cx, number: int, total: int, footer_text: str, title_slide: bool = False) -> tuple[Element, ...]:
    c = cx.c
    f = cx.frame
    size = f.footer_size
    out: list[Element] = []
    if not title_slide:
        out.append(Shape("Title rule", Rect(f.title.x, f.title.bottom + 8, 56, 3.5), c.accent))
    out.append(Shape("Footer rule", Rect(f.footer.x, f.footer.y - 7, f.footer.w, 0.75), c.rule))
    num_w = 60.0
    fp = cx.ts.para(cx.ts.plain(footer_text), size, f.footer.w - num_w - 12, c.muted)
    if fp.lines > 1:
        fp = replace(fp, lines=1)
    out.append(TextBox("Footer", Rect(f.footer.x, f.footer.y, f.footer.w - num_w - 12, fp.height), (fp,)))
    np_ = cx.ts.para(cx.ts.plain(str(number)), size, num_w, c.muted, align="right")
    out.append(TextBox("Slide number", Rect(f.footer.right - num_w, f.footer.y, num_w, np_.height), (np_,)))
    if cx.brief.classification:
        bg, fg = cx.theme.banner(cx.brief.classification)
        runs = cx.ts.plain(cx.brief.classification, bold=True)
        bands = f.banners or (Rect(0, 0, f.width, f.banner), Rect(0, f.height - f.banner, f.width, f.banner))
        for where, band in zip(("top", "bottom"), bands, strict=True):
            inset = min(f.content.x, band.w * 0.1)
            para = cx.ts.para(runs, size, band.w - 2 * inset, fg, align="center")
            out.append(
                TextBox(
                    f"Classification {where}",
                    band,
                    (replace(para, lines=min(para.lines, 1)),),
                    Insets(inset, 0, inset, 0),
                    anchor="middle",
                    fill=bg,
                )
            )
    return tuple(out)


def finish(cx: DeckContext) -> tuple[Slide, ...]:
    b = cx.brief
    title = title_slide(cx)
    drafts = cx.drafts
    # continuation numbering within a series, then any remaining duplicates
    names: list[Runs] = []
    counts: dict[int, int] = {}
    for d in drafts:
        counts[d.series] = counts.get(d.series, 0) + 1
    seen: dict[int, int] = {}
    for d in drafts:
        n = counts[d.series]
        seen[d.series] = seen.get(d.series, 0) + 1
        part = cx.around("part_of", "title", n=seen[d.series], m=n)[1]
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
    footer_text = f"{strip_markup(short)} · {cx.date_range(b.meeting.date, b.meeting.end_date)}"
    slides: list[Slide] = [replace(title, chrome=chrome(cx, 1, total, footer_text, title_slide=True))]
    for n, (d, runs, p) in enumerate(zip(drafts, names, plain), start=2):
        tb = title_box(cx, runs, d.path)
        slide = d.make(tb)
        slides.append(replace(slide, title=p, chrome=chrome(cx, n, total, footer_text)))
    return tuple(slides)
