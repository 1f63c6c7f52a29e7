"""The deck's fitting: table cells cut where their lines start."""

from __future__ import annotations

import pytest

from briefgen.load.markup import parse_inline, plain_text
from briefgen.theme import load_theme


@pytest.mark.parametrize(
    "text",
    [
        "alpha beta gamma delta epsilon zeta eta theta",
        "first line\n   indented second line that is long enough to wrap",
        "a\n\nb",
        "  leading spaces and more words to wrap",
    ],
)
def test_table_cells_are_cut_where_their_lines_start(text: str) -> None:
    from briefgen.layout.deck_fit import Typesetter

    ts = Typesetter(load_theme("default"))
    runs = parse_inline(text)
    cuts = [plain_text(c) for c in ts.line_cuts(runs, 18, 120)]
    lines = [line.text for line in ts.wrap(runs, 18, 120).lines]
    assert "".join(cuts) == text  # nothing lost, nothing moved
    # each piece is its line, with the spaces and the forced break that end it
    assert [c.removesuffix("\n").rstrip(" ") for c in cuts] == lines
