"""How values are shown in both outputs: dates, keywords, numeric cells, chart axes and number formats."""

from __future__ import annotations

import contextlib
import datetime as dt
import locale
import os
from collections.abc import Iterator

import pytest

from briefgen.layout.values import (
    KEYWORDS_LIMIT,
    axis_scale,
    chart_numbers,
    document_keywords,
    format_date,
    format_date_range,
    format_number,
    is_numeric,
    number_format_code,
    numeric_columns,
)
from briefgen.load.model import Brief, Chart
from briefgen.load.typed import adapter

d = dt.date


def test_date_ranges() -> None:
    assert format_date(d(2025, 7, 8)) == "8 July 2025"
    assert format_date_range(d(2025, 7, 8), d(2025, 7, 11)) == "8–11 July 2025"
    assert format_date_range(d(2025, 6, 30), d(2025, 7, 2)) == "30 June – 2 July 2025"
    assert format_date_range(d(2025, 12, 30), d(2026, 1, 2)) == "30 December 2025 – 2 January 2026"
    assert format_date_range(d(2025, 7, 8), None) == "8 July 2025"
    assert format_date_range(d(2025, 7, 8), d(2025, 7, 8)) == "8 July 2025"


@contextlib.contextmanager
def _time_locale(*names: str) -> Iterator[None]:
    saved = locale.setlocale(locale.LC_TIME)
    for name in names:
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    else:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("no non-English locale installed (.ci/run generates de_DE.UTF-8)")
        pytest.skip("no non-English locale installed")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_dates_do_not_follow_the_locale() -> None:
    with _time_locale("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "nb_NO.UTF-8"):
        assert f"{d(2025, 3, 8):%B}" != "March"
        assert format_date_range(d(2025, 3, 8), d(2025, 3, 9)) == "8–9 March 2025"


@pytest.mark.parametrize(
    "text",
    [
        "7.5",
        "-14.3",
        "−3.5",
        "1,200",
        "1 234",
        "1\u202f234",
        "12%",
        "(3.2)",
        "€4.2bn",
        "€ 5",
        "+0.4 pp",
        "40",
    ],
)
def test_numbers(text: str) -> None:
    assert is_numeric(text)


@pytest.mark.parametrize("text", ["NO", "Q1 2026", "", "  ", "EUR 5 m", "n/a", "1.2.3", "12 34", "2025 2026"])
def test_not_numbers(text: str) -> None:
    assert not is_numeric(text)


def test_numeric_columns_ignore_blank_cells() -> None:
    rows = [["Norway", "1 234", ""], ["Iceland", "", ""], ["Denmark", "−3.5", "x"]]
    assert numeric_columns(rows, 3) == [False, True, False]
    assert numeric_columns([], 2) == [False, False]
    assert numeric_columns([["a"]], 2) == [False, False]  # a short row: the missing cell is blank


def test_axis_scales() -> None:
    assert axis_scale([38.9, 41.3]).ticks == [0, 10, 20, 30, 40, 50]
    assert axis_scale([-14.3, 7.5]).ticks[0] == -15
    assert axis_scale([0, 0]).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def _chart(kind: str, *values: float) -> Chart:
    return adapter(Chart).validate_python(
        {
            "kind": kind,
            "categories": [f"C{i}" for i in range(len(values))],
            "series": [{"name": "S", "values": list(values)}],
        }
    )


def test_tick_labels_have_the_decimals_their_ticks_need() -> None:
    numbers = chart_numbers(_chart("column", 10, 12, 11))
    assert numbers.tick_labels == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
    assert numbers.tick_format == "#,##0.0"
    assert [numbers.label(v) for v in (10, 12, 11)] == ["10", "12", "11"]
    assert numbers.label_format == "#,##0"
    zero = chart_numbers(_chart("bar", 0, 0, 0))
    assert zero.tick_labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    big = chart_numbers(_chart("line", 1250.5, 3000))
    assert big.tick_labels[-1] == "3,000" and big.label(1250.5) == "1,250.5"
    pie = chart_numbers(_chart("pie", 40, 60))
    assert pie.scale is None and pie.tick_labels == []


def test_number_format_code_matches_format_number() -> None:
    assert number_format_code(0) == "#,##0"
    assert number_format_code(2) == "#,##0.00"
    assert format_number(-0.001, 2) == "0.00"
    assert format_number(1234.5, 1) == "1,234.5"


def test_keywords_without_markup_commas_or_repeats() -> None:
    brief = adapter(Brief).validate_python(
        {
            "title": "T",
            "meeting": {
                "name": "**Northwind** council",
                "short_name": "NTC",
                "date": "2026-04-14",
                "location": "Bergen, Norway",
            },
            "summary": "S",
            "key_points": [{"title": "K", "body": "B"}],
            "positions": [
                {"actor": "Norway", "summary": "s"},
                {"actor": "NTC", "summary": "s"},
            ],
        }
    )
    assert document_keywords(brief) == "NTC, Northwind council, Bergen Norway, Norway"


def test_keywords_are_whole_and_fit_a_core_property() -> None:
    actors = [{"actor": f"Delegation number {i:03d}", "summary": "s"} for i in range(40)]
    brief = adapter(Brief).validate_python(
        {
            "title": "T",
            "meeting": {"name": "Meeting", "date": "2026-04-14"},
            "summary": "S",
            "key_points": [{"title": "K", "body": "B"}],
            "positions": actors,
        }
    )
    keywords = document_keywords(brief)
    assert len(keywords) <= KEYWORDS_LIMIT
    assert all(
        k == "Meeting" or (k.startswith("Delegation number ") and len(k) == 21) for k in keywords.split(", ")
    )
