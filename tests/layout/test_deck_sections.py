"""The brief's own sections: text first, then a table under it when there is room, in the brief's order."""

from __future__ import annotations

from briefgen.layout.slides import DeckPlan, TableSlide, TextBox


def test_the_communique_section_keeps_its_blocks_in_order(asean_plan: DeckPlan) -> None:
    parts = [s for s in asean_plan.slides if s.title.startswith("The joint communiqué")]
    assert len(parts) == 3
    text = [el.text for s in parts for el in s.content() if isinstance(el, TextBox)]
    joined = " ".join(text)
    first = joined.index("International media and regional analysts")
    assert first < joined.index("Commitment to inclusivity") < joined.index("lead, not follow")
    tables = [s for s in parts if isinstance(s, TableSlide)]
    assert len(tables) == 1
    header = [p.text for cell in tables[0].table.rows[0] for p in cell.paras]
    assert header == ["Takeaway", "What the communiqué says", "Why it matters"]
