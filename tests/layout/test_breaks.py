"""Where lines may break (briefgen.layout.breaks): LibreOffice's rules, and the session keeps what it found."""

from __future__ import annotations

import pytest

from briefgen.layout.breaks import break_before, cluster_end, cluster_start, find_breaks
from briefgen.session import RenderSession

# -- break opportunities (as LibreOffice breaks) ------------------------------


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        ("a b", [2]),
        ("political-security", [10]),  # after a hyphen
        ("2022-2025", [5]),
        ("word--word", [6]),  # not between two hyphens
        ("foo–bar", [4]),  # after an en dash, not before
        ("x—y", [1, 2]),  # before and after an em dash
        ("x——y", [1, 3]),  # not between two
        ("foo—“bar”", [3]),  # not between a dash and a quote
        ("and/or", []),
        ("10,000", []),
        ("“quoted”next", []),
        ("foo?bar", [4]),
        ("foo…bar", [4]),
        ("foo-(bar)", [4]),
        ("a\u00a0b", []),  # no-break space
        ("foo\u200bbar", [4]),  # zero-width space
        ("foo bar ,", [4]),  # never before closing punctuation
        ("( foo", []),  # never after an opening bracket
        ("中文字", [1, 2]),
    ],
)
def test_break_opportunities(text: str, breaks: list[int]) -> None:
    found = [i for i, ok in enumerate(break_before(text)) if ok]
    assert found == breaks


# -- fitting ------------------------------------------------------------------


def test_breaks_are_kept_in_the_active_session_only() -> None:
    text = "The ministers met in Kuala Lumpur."
    with RenderSession().active() as session:
        first = break_before(text)
        assert break_before(text) is first and session.text.breaks[text] is first
    assert break_before(text) == first == find_breaks(text)


def test_a_cut_never_splits_a_cluster() -> None:
    text = "ke\u0301t \u1780\u17d2\u179a"  # e + combining acute; Khmer ka + coeng + ro
    assert cluster_start(text, 2, 0) == 1  # not between e and its accent
    assert cluster_end(text, 2) == 3
    assert cluster_end(text, 6) == cluster_end(text, 7) == 8  # past the coeng and the consonant it joins
