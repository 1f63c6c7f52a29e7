"""The text families: the bottom line as a call-out, numbered recommendations, bulleted highlights, numbered sources."""

from __future__ import annotations

from briefgen.layout.slides import DeckPlan, Shape, TextBox, TextSlide


def _slide(plan: DeckPlan, title: str) -> TextSlide:
    (slide,) = [s for s in plan.slides if s.title == title]
    assert isinstance(slide, TextSlide)
    return slide


def _paras(slide: TextSlide) -> list:
    return [p for el in slide.content() if isinstance(el, TextBox) for p in el.paras]


def test_the_bottom_line_is_the_summary_in_a_panel(asean_plan: DeckPlan) -> None:
    slide = _slide(asean_plan, "The bottom line")
    assert asean_plan.slides[1] is slide
    text = " ".join(p.text for p in _paras(slide))
    assert text.startswith("The 58th ASEAN Foreign Ministers’ Meeting (AMM) concluded")
    shapes = {el.name.rsplit(" ", 1)[-1]: el for el in slide.content() if isinstance(el, Shape)}
    assert set(shapes) == {"panel", "bar"}  # the call-out: a panel with an accent bar at its side
    box = next(el for el in slide.content() if isinstance(el, TextBox))
    assert shapes["panel"].rect.y <= box.rect.y and box.rect.bottom <= shapes["panel"].rect.bottom + 0.01


def test_highlights_are_bullets_and_sources_numbered(asean_plan: DeckPlan, long_plan: DeckPlan) -> None:
    highlights = _paras(_slide(asean_plan, "Highlights"))
    assert len(highlights) == 5 and all(p.bullet for p in highlights)
    sources = [p for s in long_plan.slides if s.title.startswith("Sources") for p in _paras(s)]  # type: ignore[arg-type]
    numbers = [p.number for p in sources if p.number]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
    recs = [p for s in long_plan.slides if s.title.startswith("Recommendations") for p in _paras(s)]  # type: ignore[arg-type]
    assert [p.number for p in recs if p.number][:3] == [1, 2, 3]
