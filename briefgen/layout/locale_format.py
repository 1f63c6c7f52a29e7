"""Dates, date ranges and numbers as a brief's language writes them, by CLDR rules (through Babel).

``en`` (the default language) keeps briefgen's house English, ``15 July 2025`` and
``8–11 July 2025``, from :mod:`briefgen.layout.values`, without importing Babel
(its import and first locale load cost ~40 ms). Any other tag is formatted by
Babel's CLDR data: a date in the locale's long form (``15 juillet 2025``,
``2025年7月15日``, ``15 กรกฎาคม ค.ศ. 2025``), a range by the locale's interval
patterns with the month spelt out as in the long form (CLDR lets a matched
interval pattern widen ``MMM`` to ``MMMM``), numbers with the locale's separators.
Digits follow the locale's CLDR default numbering system: Latin for ``ar`` (CLDR 42
on), Arabic-Indic for ``ar-EG`` and ``ar-SA``, Extended Arabic-Indic for ``fa``,
Myanmar digits for ``my``. Only the Gregorian calendar: Babel has no Buddhist one,
so Thai years are CE (with CLDR's ``ค.ศ.`` era mark in the long form).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from briefgen.layout import values

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["babel_locale", "format_date", "format_date_range", "format_number"]

HOUSE_ENGLISH = "en"
"""The tag that keeps briefgen's own English formats (no Babel import)."""

# CLDR numbering systems whose digits are ten consecutive code points from these zeros
# (numberingSystems.xml); Babel formats Latin digits only.
_ZEROS = {
    "arab": "\u0660",
    "arabext": "\u06f0",
    "beng": "\u09e6",
    "deva": "\u0966",
    "khmr": "\u17e0",
    "laoo": "\u0ed0",
    "mymr": "\u1040",
    "thai": "\u0e50",
}
_MONTH = re.compile(r"M+|L+")


def _is_house_english(language: str) -> bool:
    return language.strip().lower() == HOUSE_ENGLISH


def babel_locale(language: str) -> Locale:
    """The Babel locale for a BCP 47 tag, falling back by dropping subtags, then to ``en``.

    Babel keeps each locale's data once loaded; finding the tag is cheap.
    """
    from babel import Locale, UnknownLocaleError

    parts = [p for p in language.strip().replace("_", "-").split("-") if p]
    while parts:
        try:
            return Locale.parse("_".join(parts))
        except (UnknownLocaleError, ValueError):
            parts = parts[:-1]
    return Locale.parse("en")


def _digits(text: str, locale: Locale) -> str:
    """``text`` with its ASCII digits in the locale's CLDR default numbering system."""
    zero = _ZEROS.get(locale.default_numbering_system)
    if zero is None:
        return text
    return text.translate({ord("0") + i: ord(zero) + i for i in range(10)})


def format_date(day: dt.date, language: str = HOUSE_ENGLISH) -> str:
    """``day`` in the language's CLDR long form: ``15 juillet 2025``, ``15 يوليو 2025``, ``2025年7月15日``."""
    if _is_house_english(language):
        return values.format_date(day)
    from babel.dates import format_date as babel_format_date

    locale = babel_locale(language)
    return _digits(babel_format_date(day, "long", locale=locale), locale)


def format_date_range(start: dt.date, end: dt.date | None, language: str = HOUSE_ENGLISH) -> str:
    """A meeting's dates by the language's CLDR interval patterns: ``8–11 juillet 2025``, one day alone."""
    if _is_house_english(language):
        return values.format_date_range(start, end)
    if end is None or end == start:
        return format_date(start, language)
    from babel.dates import parse_pattern

    locale = babel_locale(language)
    month = _month_field(locale.date_formats["long"].pattern)
    formats = locale.interval_formats
    skeleton = "yMMMMd" if "yMMMMd" in formats else "yMMMd"
    patterns: Any = formats.get(skeleton)
    field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    if patterns and field in patterns:
        pieces = [_with_month(p, month) for p in patterns[field]]
        text = "".join(parse_pattern(p).apply(day, locale) for p, day in zip(pieces, (start, end)))
        if not month or parse_pattern(month).apply(end, locale) in text:
            return _digits(text, locale)
    # the interval pattern writes the month otherwise than the long form (numbers): two long dates
    between = str(formats.get(None) or "{0} – {1}")
    text = between.replace("{0}", format_date(start, language)).replace("{1}", format_date(end, language))
    return text


def _unquoted(pattern: str) -> list[str]:
    return pattern.split("'")[::2]


def _month_field(pattern: str) -> str:
    """The month field of a date pattern (``MMMM``, ``M``, ``LLL``…), or ``""``, quoted text skipped."""
    for piece in _unquoted(pattern):
        if found := _MONTH.search(piece):
            return found.group()
    return ""


def _with_month(pattern: str, month: str) -> str:
    """``pattern`` with its textual month (``MMM``, ``MMMM``) in the long form's width (CLDR allows it)."""
    if len(month) < 3:  # a numeric month: the pattern's own (zh "MMM" is "7月") stays
        return pattern
    pieces = pattern.split("'")
    return "'".join(
        _MONTH.sub(lambda m: month if len(m.group()) >= 3 else m.group(), p) if i % 2 == 0 else p
        for i, p in enumerate(pieces)
    )


def format_number(value: float, language: str = HOUSE_ENGLISH, decimals: int | None = None) -> str:
    """``value`` with the language's separators (``1 250,5`` in French), ``decimals`` fixed when given; never ``-0``."""
    if _is_house_english(language) and decimals is not None:
        return values.format_number(value, decimals)
    from babel.numbers import parse_pattern

    locale = babel_locale(language)
    pattern = parse_pattern(locale.decimal_formats[None].pattern)
    if decimals is not None:
        pattern.frac_prec = (decimals, decimals)
        if abs(round(value, decimals)) == 0:
            value = 0.0
    elif value == 0:
        value = 0.0
    try:
        text = pattern.apply(value, locale, numbering_system=locale.default_numbering_system)
    except Exception:  # a numbering system whose symbols Babel lacks: Latin ones
        text = pattern.apply(value, locale)
    return _digits(text, locale)
