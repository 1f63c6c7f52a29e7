"""How values are shown in both outputs: dates, document keywords, numbers in tables and charts, chart colours.

The memo and the deck print the same brief, so every value both of them show is
decided here, once: a date as printed (English month names, whatever the process
locale), the keywords of the PDF and of the PPTX, which table cells read as numbers
(and are right-aligned), the colours of a chart's series, and a chart's value axis
(its ends and step) with the number format of its tick and data labels, as text for
the memo to draw and as a spreadsheet format code for the deck's native chart.

Pure: no reportlab, no python-pptx.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.load.markup import strip_markup
from briefgen.load.model import Brief, Chart
from briefgen.theme import Palette

__all__ = [
    "KEYWORDS_LIMIT",
    "AxisScale",
    "ChartNumbers",
    "axis_scale",
    "chart_colours",
    "chart_numbers",
    "document_keywords",
    "format_date",
    "format_date_range",
    "format_number",
    "is_numeric",
    "number_format_code",
    "numeric_columns",
    "value_decimals",
]

# ---------------------------------------------------------------------------
# Dates

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
    """Return ``day`` as both outputs print it: ``15 July 2025`` (never the locale's month name)."""
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


# ---------------------------------------------------------------------------
# Document properties


KEYWORDS_LIMIT = 255
"""The most characters the keywords may take: what a PPTX core property holds, so the PDF's are the same."""


def document_keywords(brief: Brief) -> str:
    """Return the keywords of both documents (PDF and PPTX): meeting, place, chair, theme, marking, actors.

    Each keyword is the field's text without markup, commas and runs of spaces;
    duplicates are kept once, in first-seen order, and the keywords are joined with
    ``", "``. Only whole keywords are kept, as many as fit :data:`KEYWORDS_LIMIT`.
    """
    m = brief.meeting
    words = [m.short_name, m.name, m.location, m.chair, m.theme, brief.classification]
    words += [p.actor for p in brief.positions]
    out: list[str] = []
    for word in words:
        if word:
            text = " ".join(strip_markup(word).replace(",", " ").split())
            if text and text not in out and len(", ".join([*out, text])) <= KEYWORDS_LIMIT:
                out.append(text)
    return ", ".join(out)


# ---------------------------------------------------------------------------
# Table cells

_NUMERIC = re.compile(
    r"^[\s(]*[-+−–]?\s*(?:[$€£¥]\s*)?(?:\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+|\d+)?(?:[.,]\d+)?"
    r"\s*(?:%|‰|pp|bn|m|k)?[\s)]*$"
)


def is_numeric(text: str) -> bool:
    """True if a table cell reads as a number, to right-align it.

    Numbers: ``7.5``, ``-14.3``, ``−3.5``, ``1,200``, ``1 234``, ``12%``, ``(2.1)``,
    ``€4.2bn``, ``+0.4 pp``. Not numbers: ``NO``, ``Q1 2026``, ``EUR 5 m``, ``1.2.3``, blank.
    """
    stripped = text.strip()
    return bool(stripped) and any(c.isdigit() for c in stripped) and bool(_NUMERIC.match(stripped))


def numeric_columns(rows: Sequence[Sequence[str]], count: int) -> list[bool]:
    """For each of ``count`` columns: True if it has a cell and every non-blank cell reads as a number."""
    out = []
    for c in range(count):
        cells = [row[c] for row in rows if c < len(row) and row[c].strip()]
        out.append(bool(cells) and all(is_numeric(cell) for cell in cells))
    return out


# ---------------------------------------------------------------------------
# Charts


def chart_colours(palette: Palette) -> tuple[str, ...]:
    """The colours of a chart's series (or a pie's slices), in order, in both outputs."""
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


def number_format_code(decimals: int) -> str:
    """The spreadsheet number format that prints as :func:`format_number` does: ``#,##0.00`` for 2."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


@dataclass(frozen=True)
class ChartNumbers:
    """How a chart's numbers read in both outputs: its value axis and the decimals of its labels.

    ``scale`` is None for a pie (it has no value axis). Tick labels have the
    decimals their ticks need (``0.0, 2.5, … 12.5``), data labels the decimals the
    data needs.
    """

    scale: AxisScale | None
    tick_decimals: int
    label_decimals: int

    @property
    def tick_labels(self) -> list[str]:
        """The value axis's labels, low to high (none for a pie)."""
        return [format_number(t, self.tick_decimals) for t in self.scale.ticks] if self.scale else []

    @property
    def tick_format(self) -> str:
        """The tick labels' number format as a spreadsheet format code."""
        return number_format_code(self.tick_decimals)

    @property
    def label_format(self) -> str:
        """The data labels' number format as a spreadsheet format code."""
        return number_format_code(self.label_decimals)

    def label(self, value: float) -> str:
        """A data value as its label prints it."""
        return format_number(value, self.label_decimals)


def chart_numbers(chart: Chart) -> ChartNumbers:
    """Return the value axis and label formats of ``chart``, the same for the memo and the deck."""
    values = [v for s in chart.series for v in s.values]
    if chart.kind == "pie":
        return ChartNumbers(None, 0, value_decimals(values))
    scale = axis_scale(values)
    return ChartNumbers(scale, value_decimals(scale.ticks), value_decimals(values))


def chart_alt_lines(chart: Chart) -> list[str]:
    """The chart's alternative text, line by line: its title, then each category's values (deck notes, PDF /Alt)."""
    numbers = chart_numbers(chart)
    unit = strip_markup(chart.unit) if chart.unit else None
    lines = [strip_markup(chart.title) if chart.title else f"A {chart.kind} chart"]
    for ci, cat in enumerate(chart.categories):
        vals = "; ".join(
            f"{strip_markup(s.name)} {numbers.label(s.values[ci])}"
            for s in chart.series
            if ci < len(s.values)
        )
        lines.append(f"{strip_markup(cat)}: {vals}" + (f" {unit}" if unit else ""))
    return lines
