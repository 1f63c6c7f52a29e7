"""The message catalogue: every fixed word in every required language, the fallback chain, overrides."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.labels import (
    catalogue_keys,
    fallback_chain,
    label_placeholders,
    labels_for,
    locales_dir,
    theme_labels_for,
)
from briefgen.load.source import load_yaml

ROOT = Path(__file__).resolve().parents[1]

REQUIRED = ("en", "fr", "es", "de", "pt", "ar", "zh", "ja", "ko", "th", "vi", "id", "ms")
NON_LATIN = ("ar", "zh", "zh-Hant", "ja", "ko", "th")
# Words that are the same in English and in a Latin-script language, checked by hand.
COGNATES = {
    "fr": {
        "date",
        "dates",
        "positions",
        "sources",
        "figure_number",
        "page_of",
        "participants",
        "participants_count",
        "organisation",
    },
    "es": {"tone_neutral"},
    "de": {"tone_neutral", "organisation", "outlet"},
    "pt": set(),
    "vi": set(),
    "id": {"outlet"},
    "ms": {"outlet", "tone_neutral"},
}
ENGLISH = labels_for("en").texts


def shipped() -> list[str]:
    return sorted(p.stem for p in locales_dir().glob("*.yaml"))


@pytest.mark.parametrize("tag", shipped())
def test_every_catalogue_has_exactly_the_english_keys_and_placeholders(tag: str) -> None:
    own = load_yaml(locales_dir() / f"{tag}.yaml").data
    assert list(own) == list(ENGLISH), "same keys, same order as en.yaml"
    for key, text in own.items():
        assert text, key
        assert label_placeholders(text) == label_placeholders(ENGLISH[key]), key


def test_every_required_language_ships() -> None:
    assert set(REQUIRED) <= set(shipped())
    assert "zh-Hant" in shipped()


@pytest.mark.parametrize("tag", [t for t in REQUIRED if t != "en"])
def test_no_english_word_is_left_in_a_translation(tag: str) -> None:
    labels = labels_for(tag)
    assert labels.found == (tag, "en")
    same = {k for k, v in labels.texts.items() if v == ENGLISH[k] and label_placeholders(v) != {*v}}
    same -= {"part_of", "attribution", "list_separator", "label_value", "caption_separator", "quotation"}
    assert same <= COGNATES.get(tag, set()), sorted(same - COGNATES.get(tag, set()))


@pytest.mark.parametrize("tag", NON_LATIN)
def test_non_latin_catalogues_hold_no_latin_letters(tag: str) -> None:
    for key, text in labels_for(tag).texts.items():
        assert not re.search("[A-Za-z]", re.sub(r"\{[a-z_]+\}", "", text)), (key, text)


@pytest.mark.parametrize(
    ("tag", "chain"),
    [
        ("zh-Hant-TW", ["zh-Hant-TW", "zh-Hant", "zh", "en"]),
        ("zh-TW", ["zh-Hant-TW", "zh-Hant", "zh", "en"]),  # Taiwan implies Traditional script
        ("zh-hk", ["zh-Hant-HK", "zh-Hant", "zh", "en"]),
        ("ZH-cn", ["zh-CN", "zh", "en"]),
        ("pt-BR", ["pt-BR", "pt", "en"]),
        ("th-u-ca-buddhist", ["th", "en"]),  # extensions do not pick catalogues
        ("en-GB", ["en-GB", "en"]),
    ],
)
def test_fallback_chain(tag: str, chain: list[str]) -> None:
    assert fallback_chain(tag) == chain


def test_lookup_falls_back_key_by_key(tmp_path: Path) -> None:
    for name in ("en", "fr"):
        (tmp_path / f"{name}.yaml").write_bytes((locales_dir() / f"{name}.yaml").read_bytes())
    (tmp_path / "fr-CA.yaml").write_text("bottom_line: L'essentiel en bref\n", encoding="utf-8")
    labels = labels_for("fr-CA", folder=tmp_path)
    assert labels.found == ("fr-CA", "fr", "en")
    assert labels["bottom_line"] == "L'essentiel en bref"
    assert labels["key_points"] == "Points clés"
    assert labels_for("xx", folder=tmp_path)["key_points"] == "Key points"


def test_words_in_the_languages_of_the_region() -> None:
    assert labels_for("fr").text("page_of", n=2, m=5) == "Page 2 sur 5"
    assert labels_for("de")["bottom_line"] == "Das Wichtigste in Kürze"
    assert labels_for("ar").text("key_points_pair", a=1, b=2) == "النقطتان الرئيسيتان 1 و2"
    assert labels_for("zh-TW")["sources"] == "資料來源"
    assert labels_for("zh")["sources"] == "资料来源"
    assert labels_for("ja").text("continued", title="日本") == "日本（続き）"
    assert labels_for("th").tone("cautious") == "ระมัดระวัง"
    assert labels_for("ms")["recommendations"] == "Syor"
    assert labels_for("fr").text("quotation", text="Oui") == "«\u00a0Oui\u00a0»"


def test_theme_then_brief_overrides_win() -> None:
    theme = theme_labels_for(
        {"fr": {"bottom_line": "Synthèse", "outlook": "À suivre"}, "en": {"outlook": "Next"}}, "fr-FR"
    )
    labels = labels_for("fr-FR", [theme, {"bottom_line": "Pour le ministre", "not_a_key": "x"}])
    assert labels["bottom_line"] == "Pour le ministre"
    assert labels["outlook"] == "À suivre"
    assert labels["key_points"] == "Points clés"
    assert "not_a_key" not in labels.texts


def test_only_placeholders_are_replaced() -> None:
    labels = labels_for("en", [{"page_of": "{n}/{m} {m:>3} {0} {{n}}"}])
    assert labels.text("page_of", n=1, m=9) == "1/9 {m:>3} {0} {1}"
    assert labels.text("bottom_line", n=1) == "Bottom line up front"


def test_every_key_is_listed_in_english() -> None:
    keys = catalogue_keys()
    assert keys[0] == "briefing_memorandum" and len(keys) == len(set(keys)) == len(ENGLISH)
    assert {f"tone_{t}" for t in ("positive", "neutral", "mixed", "cautious", "critical")} <= set(keys)


def test_a_broken_catalogue_is_a_positioned_error(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text("bottom_line: [\n", encoding="utf-8")
    with pytest.raises(SourceError) as info:
        labels_for("en", folder=tmp_path)
    assert str(info.value.diagnostics[0]).startswith(f"{tmp_path / 'en.yaml'}:2:1: YAML syntax error")


def test_labels_do_not_import_babel() -> None:
    code = (
        "import sys\nfrom briefgen.labels import labels_for\n"
        "labels_for('th').text('page_of', n=1, m=2)\nassert 'babel' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_theme_gives_both_outputs_its_words_and_a_brief_has_the_last_word(tmp_path: Path) -> None:
    """A ministry's theme renames labels per language; the brief's own labels still win; a typo is positioned."""
    import yaml

    from briefgen.errors import BriefgenError
    from briefgen.layout.deck import plan_deck
    from briefgen.layout.memo_writer import Words
    from briefgen.load.loader import load
    from briefgen.theme import load_theme

    theme_file = tmp_path / "ministry.yaml"
    theme_file.write_text(
        "name: ministry\ndescription: Our words.\nextends: default\nlabels:\n"
        "  fr:\n    bottom_line_slide: Pour le ministre\n    outlook: Perspectives du ministère\n",
        encoding="utf-8",
    )
    theme = load_theme(str(theme_file))
    french = load(ROOT / "briefs" / "asean-58th-amm-fr.yaml")
    assert Words.of(french.brief, theme)("outlook") == "Perspectives du ministère"
    titles = [s.title for s in plan_deck(french, theme).slides]
    assert "Pour le ministre" in titles
    english = load(ROOT / "briefs" / "asean-58th-amm.yaml")
    assert Words.of(english.brief, theme)("outlook") == "Outlook", "French words stay with French briefs"
    data = yaml.safe_load((ROOT / "briefs" / "asean-58th-amm-fr.yaml").read_text(encoding="utf-8"))
    data["labels"] = {**data.get("labels", {}), "outlook": "Et après ?"}
    own = tmp_path / "own.yaml"
    own.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert Words.of(load(own).brief, theme)("outlook") == "Et après ?"
    theme_file.write_text(theme_file.read_text(encoding="utf-8") + "    outlok: x\n", encoding="utf-8")
    with pytest.raises(BriefgenError) as caught:
        load_theme(str(theme_file))
    (d,) = caught.value.diagnostics
    assert (d.line, d.column) == (8, 5) and "did you mean 'outlook'" in d.message
