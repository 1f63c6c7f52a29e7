"""Slide records: reading order (title, content, running parts) and plans that compare by value."""

from __future__ import annotations

from briefgen.layout.slides import DeckPlan, TextBox


def test_elements_read_title_then_content_then_running_parts(asean_plan: DeckPlan) -> None:
    for slide in asean_plan.slides:
        els = slide.elements()
        assert els[0] is slide.title_box
        assert els[1 : 1 + len(slide.content())] == slide.content()
        assert els[len(els) - len(slide.chrome) :] == slide.chrome
        assert all(isinstance(el, TextBox) or el.name for el in els)


def test_plan_titles_are_the_slides_titles(asean_plan: DeckPlan) -> None:
    assert list(asean_plan.titles) == [s.title for s in asean_plan.slides]
    assert asean_plan.info.language == "en" and asean_plan.width > asean_plan.height
