"""The title slide and the meeting facts."""

from __future__ import annotations

from briefgen.layout.slides import (
    DeckPlan,
    FactsSlide,
    TitleSlide,
)


def test_facts_and_title_slide(asean_plan: DeckPlan) -> None:
    title = asean_plan.slides[0]
    assert isinstance(title, TitleSlide)
    assert title.subtitle is not None and title.subtitle.placeholder == "subtitle"
    assert title.details is not None and "8–11 July 2025" in title.details.text
    facts = asean_plan.slides[2]
    assert isinstance(facts, FactsSlide)
    labels = [row[0].paras[0].text for row in facts.table.rows]
    assert labels[:4] == ["MEETING", "DATES", "LOCATION", "CHAIR"]
