"""Inline markup: bold, italic and links become runs; every other character stays literal."""

from __future__ import annotations

import pytest

from briefgen.load.markup import Run, parse_inline, strip_markup


def test_bold_italic_and_nesting() -> None:
    assert parse_inline("*i* and **b *bi* b**") == (
        Run("i", italic=True),
        Run(" and "),
        Run("b ", bold=True),
        Run("bi", bold=True, italic=True),
        Run(" b", bold=True),
    )


def test_link() -> None:
    assert parse_inline("see [the site](https://example.org/a_b?x=1) now") == (
        Run("see "),
        Run("the site", href="https://example.org/a_b?x=1"),
        Run(" now"),
    )


@pytest.mark.parametrize(
    "text",
    [
        "R&D",
        "x < y",
        "<b>not bold</b>",
        "5 * 3 = 15",
        "**unclosed",
        "a ** b",
        "[label](javascript:alert(1))",
        "[label](file:///etc/passwd)",
        "&amp; &lt;",
        "_under_ `code`",
    ],
)
def test_everything_else_is_literal(text: str) -> None:
    assert parse_inline(text) == (Run(text),)


def test_backslash_makes_markup_characters_literal() -> None:
    assert parse_inline(r"\*not italic\* and \[x\]") == (Run("*not italic* and [x]"),)


def test_strip_markup() -> None:
    assert strip_markup("**ASEAN** reaffirms *centrality* ([link](https://a.org))") == (
        "ASEAN reaffirms centrality (link)"
    )
