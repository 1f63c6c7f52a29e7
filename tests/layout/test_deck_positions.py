"""Positions: actor cards, two or three a slide."""

from __future__ import annotations

from briefgen.layout.slides import (
    CardsSlide,
    DeckPlan,
)


def test_positions_are_cards_two_or_three_a_slide(long_plan: DeckPlan) -> None:
    slides = [s for s in long_plan.slides if isinstance(s, CardsSlide)]
    assert sum(len(s.cards) for s in slides) >= 7
    assert all(1 <= len(s.cards) <= 3 for s in slides)
