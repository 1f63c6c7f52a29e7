"""The deck's fixed words and dates in the brief's language (issue 15): catalogue, overrides, CLDR dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from deckbriefs import draw_picture, long_brief_data

from briefgen.labels import labels_for
from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import DeckPlan, FactsSlide, TableFrame, TableSlide, TextBox, TitleSlide
from briefgen.load.loader import load
from briefgen.load.markup import plain_text
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"

# the deck's own words: the keys en.yaml marks "D"
DECK_KEYS = (
    "bottom_line_slide",
    "meeting_facts",
    "meeting",
    "location",
    "chair",
    "dates",
    "prepared_for",
    "from",
    "reactions",
    "outlet",
    "country",
    "tone",
    "summary",
    "sources",
    "outlook",
    "recommendations",
    "highlights",
)


def _in(language: str, tmp_path: Path, **extra: object) -> DeckPlan:
    data = yaml.safe_load(ASEAN.read_text(encoding="utf-8"))
    data["language"] = language
    data.update(extra)
    path = tmp_path / f"asean-{language}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return plan_deck(load(path), load_theme(), folder=ASEAN.parent)


def _fixed_words(plan: DeckPlan) -> list[str]:
    """Slide titles past the title slide, table headers and fact labels: where the program writes its own words."""
    out: list[str] = []
    for slide in plan.slides[1:]:
        out.append(slide.title)
        for el in slide.elements():
            if isinstance(el, TableFrame):
                rows = el.rows if isinstance(slide, FactsSlide) else el.rows[: int(el.header)]
                for row in rows:
                    cells = row[:1] if isinstance(slide, FactsSlide) else row
                    out.extend(p.text for cell in cells for p in cell.paras)
    return out


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> DeckPlan:
    return _in("fr", tmp_path_factory.mktemp("fr"))


def test_a_french_deck_prints_no_english_label(french: DeckPlan) -> None:
    en, fr = labels_for("en"), labels_for("fr")
    words = [w.casefold() for w in _fixed_words(french)]
    for key in DECK_KEYS:
        if en[key].casefold() != fr[key].casefold():
            english = en[key].casefold()
            assert not any(w == english or w.startswith(english + " (") for w in words), (key, words)
    titles = [s.title for s in french.slides]
    for key in ("bottom_line_slide", "meeting_facts", "reactions"):
        assert any(t.startswith(fr[key]) for t in titles), (key, titles)


def test_a_french_deck_names_tones_and_columns_in_french(french: DeckPlan) -> None:
    fr = labels_for("fr")
    table = next(s for s in french.slides if isinstance(s, TableSlide)).table
    header = [p.text for cell in table.rows[0] for p in cell.paras]
    assert header[0] == fr["outlet"] and header[-1] == fr["summary"]
    cells = {p.text for row in table.rows[1:] for cell in row for p in cell.paras}
    assert fr.tone("positive") in cells and "Positive" not in cells
    notes = " ".join(plain_text(r) for s in french.slides for r in s.notes)
    assert f", {fr.tone('cautious')}:" in notes


def test_dates_follow_cldr_long_form(french: DeckPlan, tmp_path: Path) -> None:
    footers = {
        el.text
        for s in french.slides
        for el in s.elements()
        if isinstance(el, TextBox) and el.name == "Footer"
    }
    assert any("8–11 juillet 2025" in f for f in footers), footers
    title = french.slides[0]
    assert isinstance(title, TitleSlide)
    assert "15 juillet 2025" in " ".join(plain_text(r) for r in title.notes + ()) or any(
        "15 juillet 2025" in el.text for el in title.elements() if isinstance(el, TextBox)
    )
    arabic = _in("ar", tmp_path)
    footer = next(
        el.text for el in arabic.slides[1].elements() if isinstance(el, TextBox) and el.name == "Footer"
    )
    assert "يوليو" in footer and "July" not in footer


def test_a_brief_override_shows_on_the_slide(tmp_path: Path) -> None:
    plan = _in("fr", tmp_path, labels={"bottom_line_slide": "Pour le ministre"})
    assert any(s.title == "Pour le ministre" for s in plan.slides)


def test_continuations_and_parts_use_the_catalogue(tmp_path: Path) -> None:
    data = long_brief_data()
    data["language"] = "fr"
    data["labels"] = {"continued": "{title} (suite)", "part_of": "{title} [{n} sur {m}]"}
    draw_picture(tmp_path / "diagram.png")
    path = tmp_path / "long-fr.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    titles = [s.title for s in plan_deck(load(path), load_theme()).slides]
    assert any(re.search(r" \[\d+ sur \d+\]$", t) for t in titles), titles
    assert not any(re.search(r" \(\d+/\d+\)$", t) for t in titles), titles
    cards = [
        el.text
        for s in plan_deck(load(path), load_theme()).slides
        for el in s.elements()
        if isinstance(el, TextBox) and el.text.endswith("(suite)")
    ]
    assert cards or not data.get("positions"), "a position card carried on says so in French"


def test_english_is_unchanged() -> None:
    plan = plan_deck(load(ASEAN), load_theme())
    titles = [s.title for s in plan.slides]
    assert "The bottom line" in titles and "Meeting facts" in titles and "Reactions" in titles
