"""The memo's complex-script drawing (render/memo_script.py): bidi pieces, HarfBuzz shaping, ActualText."""

from __future__ import annotations

from briefgen.render.memo_flow import FontBook
from briefgen.render.memo_script import (
    actual_text_begin,
    actual_text_end,
    reads_back,
    shape,
    shaped_width,
)
from briefgen.theme import load_theme


def _font(family: str) -> str:
    theme = load_theme()
    (found,) = [f for f in theme.fallback_families if f.name == family]
    return FontBook().name(found.regular)


def test_arabic_is_joined_by_harfbuzz() -> None:
    name = _font("Noto Sans Arabic")
    word = "محمد"  # four joining letters
    glyphs = shape(word, name, 10, True)
    assert len(glyphs.__shapeData__) == len(word)
    assert [sd.cluster for sd in glyphs.__shapeData__] == [3, 2, 1, 0], "glyphs in visual order"
    alone = sum(shaped_width(shape(ch, name, 10, True), 10) for ch in word)
    assert abs(shaped_width(glyphs, 10) - alone) > 0.5, "the letters took their joined forms"


def test_thai_is_shaped_and_its_actual_text_holds_the_brief_s_characters() -> None:
    text = "ผู้แทน"  # a base letter carrying a vowel and a tone mark
    glyphs = shape(text, _font("Noto Sans Thai"), 10, False)
    assert shaped_width(glyphs, 10) > 0
    opened = actual_text_begin(text, False)
    assert opened == "/Span <</ActualText <FEFF" + text.encode("utf-16-be").hex().upper() + ">>> BDC"
    assert actual_text_end(False) == "EMC"
    assert isinstance(reads_back(glyphs, text, False), bool)


def test_right_to_left_actual_text_is_reversed_inside_reversed_chars() -> None:
    opened = actual_text_begin("ab", True)
    assert opened.startswith("/ReversedChars BMC /Span <</ActualText <FEFF")
    assert "00620061" in opened  # "ba": drawn in visual order, read back logically
    assert actual_text_end(True) == "EMC EMC"
