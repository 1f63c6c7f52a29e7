"""Glyph coverage: fallback fonts for what the theme's font lacks, warnings for what nothing covers."""

from __future__ import annotations

from briefgen.layout.glyphs import apply_fallback, glyph_warnings, needs_glyph, uncovered
from briefgen.load.markup import Run, parse_inline
from briefgen.load.source import parse_yaml
from briefgen.theme import load_theme


def test_greek_in_cambria_gets_noto_sans_and_thai_gets_noto_sans_thai() -> None:
    theme = load_theme("sandstone")
    runs = apply_fallback(
        parse_inline("Talks in **Αθήνα** and สวัสดี ครับ ok"), theme.heading_family, theme.fallback_families
    )
    assert runs == (
        Run("Talks in "),
        Run("Αθήνα", bold=True, font="Noto Sans"),
        Run(" and "),
        Run("สวัสดี ครับ ", font="Noto Sans Thai"),
        Run("ok"),
    )


def test_carlito_covers_greek_cyrillic_and_vietnamese_itself() -> None:
    theme = load_theme("default")
    text = "Αθήνα Москва Việt Nam"
    assert apply_fallback((Run(text),), theme.body_family, theme.fallback_families) == (Run(text),)


def test_runs_that_name_a_font_are_kept() -> None:
    theme = load_theme("default")
    run = Run("ก", font="Noto Sans Thai")
    assert apply_fallback((run,), theme.body_family, theme.fallback_families) == (run,)


def test_uncovered_names_what_no_font_has() -> None:
    theme = load_theme("default")
    assert uncovered("Hi 😀 ሀ 中 ก ع ក\u200d\ufe0f\n\t", theme.body_family, theme.fallbacks) == {"😀", "ሀ"}
    assert not needs_glyph(" ") and not needs_glyph("\u00ad") and needs_glyph("a")


def test_glyph_warnings_point_at_the_text() -> None:
    theme = load_theme("default")
    doc = parse_yaml(
        "title: Meeting 😀\nsummary: ok\nkey_points:\n  - title: Thai ok ก\n    body: ሀሁ and 😀\n",
        "brief.yaml",
    )
    warnings = theme.glyph_warnings(doc)
    assert [str(w) for w in warnings] == [
        "brief.yaml:1:8: warning: no font of the theme can draw the character '😀' (U+1F600); "
        "it would print as an empty box",
        "brief.yaml:5:11: warning: no font of the theme can draw the characters 'ሀ' (U+1200), "
        "'ሁ' (U+1201), '😀' (U+1F600); they would print as empty boxes",
    ]
    assert all(w.severity == "warning" for w in warnings)


def test_a_character_must_be_in_both_main_fonts_or_a_fallback() -> None:
    theme = load_theme("sandstone")  # Caladea headings lack Cyrillic; Noto Sans has it
    doc = parse_yaml("title: Москва\n", "b.yaml")
    assert glyph_warnings(doc, (theme.heading_family, theme.body_family), theme.fallback_families) == []
    assert glyph_warnings(doc, (theme.heading_family,), ()) != []


def test_a_combining_accent_the_base_s_font_lacks_takes_its_base_to_a_font_with_both() -> None:
    theme = load_theme()
    fallbacks = list(theme.fallbacks.values())
    assert not theme.body_family.regular.covers("\u0301"), (
        "Carlito has no combining acute: the case this guards"
    )
    runs = apply_fallback((Run("قمة Cafe\u0301s"),), theme.body_family, fallbacks)
    assert [(r.text, r.font) for r in runs] == [
        ("قمة ", "Noto Sans Arabic"),
        ("Caf", None),
        ("e\u0301", "Noto Sans"),  # one letter in one font: it prints, and reads back, as é
        ("s", None),
    ]
    assert "".join(r.text for r in runs) == "قمة Cafe\u0301s"
