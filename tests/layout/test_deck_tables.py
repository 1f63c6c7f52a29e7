"""Tables: long ones continue with their header, reactions carry tone chips."""

from __future__ import annotations

from briefgen.layout.slides import (
    DeckPlan,
    TableSlide,
)
from briefgen.theme import load_theme


def test_tables_continue_with_the_header_repeated(long_plan: DeckPlan) -> None:
    pages = [s for s in long_plan.slides if isinstance(s, TableSlide) and s.title.startswith("Figures")]
    assert len(pages) >= 3
    rows = 0
    for page in pages:
        header = [p.text for cell in page.table.rows[0] for p in cell.paras]
        assert header == ["No.", "Item", "Value (USD m)", "Change", "Note"]
        rows += len(page.table.rows) - 1
        assert page.table.rect.bottom <= page.caption.rect.y  # type: ignore[union-attr]
    assert rows >= 60
    heights = [p.table.rect.h for p in pages]  # balanced: no page a stub (rows differ in height)
    assert min(heights) >= 0.5 * max(heights), heights
    numbers = pages[0].table.rows[1]
    assert [c.paras[0].align for c in numbers][2:4] == ["right", "right"]


def test_reactions_table_has_tone_chips(asean_plan: DeckPlan) -> None:
    (slide,) = [s for s in asean_plan.slides if s.title == "Reactions"]
    assert isinstance(slide, TableSlide)
    header = [cell.paras[0].text for cell in slide.table.rows[0]]
    assert header == ["Outlet", "Country", "Tone", "Summary"]
    theme = load_theme()
    tones = [row[2] for row in slide.table.rows[1:]]
    assert [t.paras[0].text for t in tones] == ["Positive", "Positive", "Cautious", "Cautious", "Mixed"]
    assert [t.fill for t in tones] == [theme.tone(t.paras[0].text.lower()) for t in tones]
