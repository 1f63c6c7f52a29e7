"""Which text the outputs lay out beyond left-to-right Latin (layout/scripts.py): the cheap gate every line passes."""

from __future__ import annotations

import pytest

from briefgen.layout.scripts import is_rtl_text, needs_script_layout


@pytest.mark.parametrize(
    "text",
    ["", "Kuala Lumpur", "Zürich & Genève", "Bùi Thanh Sơn", "王毅", "«ASEAN» — 2045", "😀"],
)
def test_latin_cjk_and_precomposed_text_takes_the_plain_path(text: str) -> None:
    assert not needs_script_layout(text)
    assert not is_rtl_text(text)


@pytest.mark.parametrize(
    "text",
    ["وزراء الخارجية", "עברית", "คณะผู้แทนไทย", "ប្រាក់ សុខុន", "ຄະນະຜູ້ແທນລາວ", "မြန်မာ", "a\u200fb"],
)
def test_text_that_must_be_shaped_or_reordered_is_flagged(text: str) -> None:
    assert needs_script_layout(text)


def test_the_first_strong_character_sets_the_direction() -> None:
    assert is_rtl_text("وزراء ASEAN")
    assert is_rtl_text("2025 وزراء")  # digits are weak: the Arabic word decides
    assert not is_rtl_text("ASEAN وزراء")
    assert is_rtl_text("עברית")
    assert not is_rtl_text("2025 — ")  # no strong character: left to right
