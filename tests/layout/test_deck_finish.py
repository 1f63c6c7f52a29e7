"""The finishing pass: titles numbered and unique, title frames, footers, slide numbers, banners."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from deckbriefs import LONG_WORD, long_brief_data

from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import (
    DeckPlan,
)
from briefgen.load.loader import load
from briefgen.load.markup import plain_text
from briefgen.theme import load_theme
from layout.deckplans import boxes as _boxes

ROOT = Path(__file__).resolve().parents[2]


def test_titles_unique_and_in_the_title_frame(long_plan: DeckPlan, asean_plan: DeckPlan) -> None:
    for plan in (long_plan, asean_plan):
        assert len(set(plan.titles)) == len(plan.titles)
        for slide in plan.slides:
            assert slide.title_box.placeholder == "title"
            assert slide.elements()[0] is slide.title_box
            assert plain_text(slide.title_box.paras[0].runs) == slide.title


def test_continuation_titles_number_themselves(long_plan: DeckPlan) -> None:
    series: dict[str, list[tuple[int, int]]] = {}
    for t in long_plan.titles:
        m = re.fullmatch(r"(.*) \((\d+)/(\d+)\)", t)
        if m:
            series.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
    assert "Positions" in series and "Reactions" in series and "Figures and pictures" in series
    for name, parts in series.items():
        n = parts[0][1]
        assert [p for p, _ in parts] == list(range(1, n + 1)), name
        assert all(total == n for _, total in parts), name


def test_every_slide_has_footer_number_and_banner(asean_plan: DeckPlan) -> None:
    for n, slide in enumerate(asean_plan.slides, start=1):
        names = {el.name: el for el in slide.chrome}
        assert names["Slide number"].paras[0].text == str(n)  # type: ignore[union-attr]
        assert names["Footer"].paras[0].text == "58th AMM · 8–11 July 2025"  # type: ignore[union-attr]
        assert names["Classification top"].paras[0].text == "UNCLASSIFIED"  # type: ignore[union-attr]
        assert names["Classification bottom"].fill == load_theme().banner("UNCLASSIFIED")[0]  # type: ignore[union-attr]


def test_no_banner_without_classification() -> None:
    plan = plan_deck(load(ROOT / "briefs" / "minimal.yaml"), load_theme())
    for slide in plan.slides:
        assert not any(el.name.startswith("Classification") for el in slide.chrome)
        assert slide.notes


def test_a_title_too_long_is_shrunk_and_reported(tmp_path: Path) -> None:
    data = long_brief_data(image=None)
    data["key_points"][0]["title"] = " ".join([LONG_WORD] * 3)
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load(path)
    plan = plan_deck(loaded, load_theme())
    assert any("slide title" in w.message for w in plan.warnings)
    placed = [w.at(loaded.document) for w in plan.warnings if w.path[:2] == ("key_points", 0)]
    assert placed and all(d.file.endswith("b.yaml") and d.line > 1 for d in placed)
    for _, box in _boxes(plan):
        assert box.text_height <= box.rect.h - box.insets.top - box.insets.bottom + 0.01
