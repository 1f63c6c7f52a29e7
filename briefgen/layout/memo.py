"""The memo's format-free decisions: dates as printed, table column widths, row chunks and chart scales.

Pure: no reportlab. Lengths are points. The memo renderer (:mod:`briefgen.render.memo`)
asks these functions how to share a width between columns, where to cut a table row
too tall for a page, and which ticks a chart's value axis shows.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.model import Brief
from briefgen.theme import PAGE_SIZES, Palette, Theme

__all__ = [
    "BANNER_EDGE",
    "BANNER_HEIGHT",
    "AxisScale",
    "MemoGeometry",
    "axis_scale",
    "chart_colours",
    "column_widths",
    "format_date",
    "format_date_range",
    "format_number",
    "is_numeric",
    "line_chunks",
    "memo_geometry",
    "value_decimals",
]

BANNER_EDGE = 18.0
"""Distance of the classification banners from the paper's edge, points (inside printers' unprintable rim)."""

BANNER_HEIGHT = 15.0
"""Height of a classification banner, points."""


class MemoGeometry:
    """Where things go on a page: the text frame, banners, running header and footer (points, from bottom-left)."""

    def __init__(self, theme: Theme, banner: bool) -> None:
        self.page_width, self.page_height = PAGE_SIZES[theme.memo.page_size]
        m = theme.memo.margins
        caption = theme.type_scale.memo.caption
        band = (BANNER_EDGE + BANNER_HEIGHT) if banner else BANNER_EDGE
        self.banner = banner
        self.left = m.left
        self.right = self.page_width - m.right
        top_room = band + 10 + caption * 1.2 + 12
        bottom_room = band + 10 + caption * 1.2 + 12
        self.top = self.page_height - max(m.top, top_room)
        self.bottom = max(m.bottom, bottom_room)
        self.header_baseline = self.page_height - band - 10 - caption
        self.header_rule = self.header_baseline - caption * 0.6
        self.footer_baseline = band + 10
        self.footer_rule = self.footer_baseline + caption * 1.35

    @property
    def width(self) -> float:
        """The text frame's width."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """The text frame's height."""
        return self.top - self.bottom


def memo_geometry(theme: Theme, brief: Brief) -> MemoGeometry:
    """The page geometry the memo of ``brief`` uses with ``theme``."""
    return MemoGeometry(theme, bool(brief.classification))


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(day: dt.date) -> str:
    """Return ``day`` as a memo prints it: ``15 July 2025``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date_range(start: dt.date, end: dt.date | None) -> str:
    """Return a meeting's dates compactly: ``8–11 July 2025``, ``30 June – 2 July 2025``, one day alone."""
    if end is None or end == start:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{format_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


_NUMERIC = re.compile(
    r"^[\s(]*[-+−–]?\s*(?:[$€£¥]\s*)?(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)?(?:[.,]\d+)?\s*(?:%|‰|pp|bn|m|k)?[\s)]*$"
)


def is_numeric(text: str) -> bool:
    """True if ``text`` reads as a number (``7.5``, ``-14.3``, ``1,200``, ``12%``, ``€ 5``), to right-align it."""
    stripped = text.strip()
    return bool(stripped) and any(c.isdigit() for c in stripped) and bool(_NUMERIC.match(stripped))


def column_widths(natural: Sequence[float], minimum: Sequence[float], total: float) -> list[float]:
    """Share ``total`` between columns: in proportion to each one's natural width, never below its minimum.

    ``natural`` is the width a column's longest cell would take unwrapped and
    ``minimum`` its longest word; both are capped so no column takes everything.
    The widths always add up to ``total``; when the minimums alone exceed it they
    are scaled down together.
    """
    n = len(natural)
    if n == 0:
        return []
    floor = [min(m, total / n * 1.6) for m in minimum]
    if sum(floor) >= total:
        return [total * f / sum(floor) for f in floor] if sum(floor) > 0 else [total / n] * n
    # A column never asks for more than half the width, nor less than its floor.
    want = [max(min(w, total * 0.55), f, 1.0) for w, f in zip(natural, floor, strict=True)]
    if sum(want) <= total:
        extra = total - sum(want)
        return [w + extra * w / sum(want) for w in want]
    # Shrink the wide columns towards their floors, all in the same proportion.
    fixed = [False] * n
    widths = list(want)
    for _ in range(n):
        free = total - sum(widths[i] for i in range(n) if fixed[i])
        flexible = sum(want[i] for i in range(n) if not fixed[i])
        changed = False
        for i in range(n):
            if fixed[i]:
                continue
            widths[i] = want[i] * free / flexible
            if widths[i] < floor[i]:
                widths[i], fixed[i], changed = floor[i], True, True
        if not changed:
            break
    scale = total / sum(widths)
    return [w * scale for w in widths]


def line_chunks(line_counts: Sequence[int], per_chunk: int) -> list[tuple[int, int]]:
    """Cut a table row whose cells hold ``line_counts`` lines into ``(start, end)`` line ranges.

    Every range holds at most ``per_chunk`` lines (at least one); a row that fits is
    one range. Each cell shows its lines ``start:end`` in each piece of the row.
    """
    per_chunk = max(1, per_chunk)
    tallest = max(line_counts, default=1) or 1
    return [(a, min(a + per_chunk, tallest)) for a in range(0, tallest, per_chunk)]


@dataclass(frozen=True)
class AxisScale:
    """A value axis: its ends and the step between its labelled ticks."""

    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        """The tick values from ``low`` to ``high``."""
        count = round((self.high - self.low) / self.step)
        return [round(self.low + i * self.step, 10) for i in range(count + 1)]


def axis_scale(values: Sequence[float], *, target_ticks: int = 5) -> AxisScale:
    """Return a value axis that holds ``values`` and zero, with round steps (1, 2, 2.5 or 5 × 10ⁿ)."""
    low = min(0.0, *values) if values else 0.0
    high = max(0.0, *values) if values else 1.0
    if high == low:
        high = low + 1.0
    raw = (high - low) / max(1, target_ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return AxisScale(math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step)


def value_decimals(values: Sequence[float], limit: int = 2) -> int:
    """The fewest decimals (up to ``limit``) that print every value of ``values`` exactly."""
    for decimals in range(limit + 1):
        if all(abs(round(v, decimals) - v) < 1e-9 for v in values):
            return decimals
    return limit


def format_number(value: float, decimals: int) -> str:
    """Return ``value`` with ``decimals`` decimals and thousands commas (``1,250.5``); never ``-0``."""
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def chart_colours(palette: Palette) -> tuple[str, ...]:
    """The colours of a chart's series (or a pie's slices), in order; the deck uses the same order."""
    tones = palette.tones
    return (
        palette.primary,
        tones.cautious,
        tones.positive,
        palette.accent,
        tones.mixed,
        tones.critical,
        palette.muted,
    )
