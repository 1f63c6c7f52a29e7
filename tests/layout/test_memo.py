"""The memo's format-free measures: table column natural widths, longest words, label widths."""

from __future__ import annotations

from briefgen.layout.memo import label_width, longest_word, natural_width
from briefgen.layout.text import wrap
from briefgen.load.markup import parse_inline
from briefgen.theme import load_theme


def test_natural_width_is_the_engines_one_line_width() -> None:
    theme = load_theme("default")
    family, size = theme.body_family, theme.type_scale.memo.small
    runs = parse_inline("Tariff quota **2025** in tonnes")
    whole = natural_width(runs, family, size)
    assert whole == wrap(runs, family, size, 1e7).lines[0].width
    assert len(wrap(runs, family, size, whole - 1).lines) == 2  # any narrower and it breaks


def test_longest_word_is_the_widest_word() -> None:
    face = load_theme("default").body_family.regular
    runs = parse_inline("a quota of fifteen-thousand tonnes")
    assert longest_word(runs, face, 9) == face.advance("fifteen-thousand", 9)
    assert longest_word((), face, 9) == 0.0


def test_label_width_counts_its_letter_spacing() -> None:
    face = load_theme("default").heading_family.face(True, False)
    plain = label_width("PARTICIPANTS", face, 8, 0.0)
    assert plain > 0
    assert label_width("PARTICIPANTS", face, 8, 0.64) == plain + 0.64 * len("PARTICIPANTS")
