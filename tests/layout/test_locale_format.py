"""Dates and numbers in the brief's language by CLDR rules: long dates, ranges, separators, digits."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from briefgen.layout import values
from briefgen.layout.locale_format import format_date, format_date_range, format_number

DAY = dt.date(2025, 7, 15)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "15 juillet 2025"),
        ("es", "15 de julio de 2025"),
        ("de", "15. Juli 2025"),
        ("pt", "15 de julho de 2025"),
        ("ar", "15 يوليو 2025"),  # CLDR's default numbering for ar is Latin digits
        ("ar-EG", "١٥ يوليو ٢٠٢٥"),  # ... and Arabic-Indic for ar-EG
        ("zh", "2025年7月15日"),
        ("zh-Hant-TW", "2025年7月15日"),
        ("ja", "2025年7月15日"),
        ("ko", "2025년 7월 15일"),
        ("th", "15 กรกฎาคม ค.ศ. 2025"),  # Gregorian only: Babel has no Buddhist calendar
        ("vi", "15 tháng 7, 2025"),
        ("id", "15 Juli 2025"),
        ("ms", "15 Julai 2025"),
        ("km", "15 កក្កដា 2025"),
        ("my", "၂၀၂၅ ဇူလိုင် ၁၅"),
        ("en-US", "July 15, 2025"),
        ("en-GB", "15 July 2025"),
        ("fr-CA", "15 juillet 2025"),
        ("xx-Latn", "July 15, 2025"),  # an unknown language: CLDR's root English
    ],
)
def test_long_dates_by_cldr(language: str, expected: str) -> None:
    assert format_date(DAY, language) == expected


@pytest.mark.parametrize(
    ("language", "same_month", "two_months", "two_years"),
    [
        ("fr", "8–11 juillet 2025", "30 juin – 2 juillet 2025", "30 décembre 2025 – 2 janvier 2026"),
        ("es", "8–11 de julio de 2025", "30 de junio – 2 de julio de 2025", None),
        ("de", "8.–11. Juli 2025", "30. Juni – 2. Juli 2025", None),
        ("ar", "8–11 يوليو 2025", "30 يونيو – 2 يوليو 2025", None),
        ("zh", "2025年7月8日 – 11日", "2025年6月30日 – 7月2日", "2025年12月30日 – 2026年1月2日"),
        ("ja", "2025年7月8日～11日", "2025年6月30日～7月2日", None),
        ("th", "8–11 กรกฎาคม 2025", "30 มิถุนายน – 2 กรกฎาคม 2025", None),
        ("id", "8–11 Juli 2025", "30 Juni–2 Juli 2025", None),
        ("lo", "8 ກໍລະກົດ 2025 – 11 ກໍລະກົດ 2025", None, None),  # Lao intervals are numeric: two long dates
    ],
)
def test_date_ranges_spell_the_month_as_the_long_form(
    language: str, same_month: str, two_months: str | None, two_years: str | None
) -> None:
    spaced = {"\u2009": " "}  # CLDR puts thin spaces around some dashes
    got = format_date_range(dt.date(2025, 7, 8), dt.date(2025, 7, 11), language).translate(
        str.maketrans(spaced)
    )
    assert got.replace(" – ", "–") == same_month.replace(" – ", "–")
    if two_months:
        got = format_date_range(dt.date(2025, 6, 30), dt.date(2025, 7, 2), language)
        assert got.translate(str.maketrans(spaced)).replace(" – ", "–") == two_months.replace(" – ", "–")
    if two_years:
        got = format_date_range(dt.date(2025, 12, 30), dt.date(2026, 1, 2), language)
        assert got.translate(str.maketrans(spaced)).replace(" – ", "–") == two_years.replace(" – ", "–")
    assert format_date_range(DAY, DAY, language) == format_date(DAY, language)
    assert format_date_range(DAY, None, language) == format_date(DAY, language)


def test_house_english_is_unchanged() -> None:
    for start, end in ((DAY, None), (dt.date(2025, 7, 8), dt.date(2025, 7, 11)), (DAY, dt.date(2026, 1, 2))):
        assert format_date_range(start, end, "en") == values.format_date_range(start, end)
    assert format_date(DAY) == format_date(DAY, "EN") == "15 July 2025"
    assert format_number(1250.5, "en", 1) == "1,250.5"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "1\u202f234\u202f567,50"),
        ("de", "1.234.567,50"),
        ("es", "1.234.567,50"),
        ("id", "1.234.567,50"),
        ("ms", "1,234,567.50"),
        ("ar", "1,234,567.50"),
        ("ar-EG", "١٬٢٣٤٬٥٦٧٫٥٠"),
        ("zh", "1,234,567.50"),
        ("en-US", "1,234,567.50"),
    ],
)
def test_numbers_use_the_languages_separators_and_digits(language: str, expected: str) -> None:
    assert format_number(1234567.5, language, 2) == expected


def test_numbers_never_print_minus_zero() -> None:
    assert format_number(-0.001, "fr", 2) == "0,00"
    assert format_number(-0.0, "de") == "0"
    assert format_number(2.5, "fr") == "2,5"


def test_house_english_does_not_import_babel() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from briefgen.layout.locale_format import format_date, format_date_range, format_number\n"
        "format_date(dt.date(2025, 7, 15)); format_date_range(dt.date(2025, 7, 8), dt.date(2025, 7, 11), 'en')\n"
        "format_number(1.5, 'en', 1)\n"
        "assert 'babel' not in sys.modules\n"
        "format_date(dt.date(2025, 7, 15), 'fr')\n"
        "assert 'babel' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
