"""The deck planner, pure: slide kinds and order, unique titles, fit, balanced continuations, nothing dropped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen.layout.deck import plan_deck, slide_frame
from briefgen.layout.slides import (
    CardsSlide,
    DeckPlan,
    KeyPointSlide,
    TableFrame,
    TableSlide,
    TextBox,
)
from briefgen.layout.text import split_sentences
from briefgen.load.loader import load
from briefgen.load.markup import parse_inline, plain_text
from briefgen.theme import load_theme
from layout.deckplans import boxes as _boxes
from layout.deckplans import plan_text as _plan_text

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))


def test_asean_slides_in_order(asean_plan: DeckPlan) -> None:
    kinds = [type(s).__name__ for s in asean_plan.slides]
    titles = list(asean_plan.titles)
    assert kinds[:3] == ["TitleSlide", "TextSlide", "FactsSlide"]
    assert titles[1:3] == ["The bottom line", "Meeting facts"]
    assert titles[3] == "Strengthening ASEAN Centrality"
    assert isinstance(asean_plan.slides[3], KeyPointSlide) and asean_plan.slides[3].callout  # the quote
    assert "Key points 3 and 4" in titles  # two short ones side by side
    i = titles.index("Positions")
    cards = asean_plan.slides[i]
    assert isinstance(cards, CardsSlide) and len(cards.cards) == 2
    assert titles[i + 1 : i + 4] == ["Reactions", "Outlook", "Highlights"]
    assert isinstance(asean_plan.slides[i + 1], TableSlide)
    assert titles[-1] == "Sources"
    assert [t for t in titles if t.startswith("The joint communiqué")] == [
        "The joint communiqué (1/3)",
        "The joint communiqué (2/3)",
        "The joint communiqué (3/3)",
    ]


def test_every_text_box_fits_and_stays_on_its_slide(long_plan: DeckPlan, asean_plan: DeckPlan) -> None:
    for plan in (long_plan, asean_plan):
        for n, box in _boxes(plan):
            inner = box.rect.h - box.insets.top - box.insets.bottom
            assert box.text_height <= inner + 0.01, (n, box.name, box.text_height, inner)
            r = box.rect
            assert (
                r.x >= -0.01
                and r.y >= -0.01
                and r.right <= plan.width + 0.01
                and r.bottom <= plan.height + 0.01
            )


def test_text_frames_do_not_overlap(long_plan: DeckPlan) -> None:
    for n, slide in enumerate(long_plan.slides, start=1):
        rects = [
            el.rect for el in slide.elements() if isinstance(el, TextBox | TableFrame) and el.name != "Title"
        ]
        for i, a in enumerate(rects):
            for b in rects[i + 1 :]:
                overlap_x = min(a.right, b.right) - max(a.x, b.x)
                overlap_y = min(a.bottom, b.bottom) - max(a.y, b.y)
                assert overlap_x <= 0.01 or overlap_y <= 0.01, (n, a, b)


def test_content_stays_in_the_content_area(long_plan: DeckPlan) -> None:
    frame = slide_frame(load_theme(), banner=True)
    area = frame.content
    for n, slide in enumerate(long_plan.slides[1:], start=2):
        for el in slide.content():
            r = el.rect
            assert area.x - 0.01 <= r.x and r.right <= area.right + 0.01, (n, el.name)
            assert area.y - 0.01 <= r.y and r.bottom <= area.bottom + 0.01, (n, el.name)


def test_body_text_never_below_the_floor(long_plan: DeckPlan) -> None:
    deck = load_theme().type_scale.deck
    for n, slide in enumerate(long_plan.slides, start=1):
        for el in slide.content():
            if isinstance(el, TextBox) and el.name not in ("Caption", "Meeting"):
                for p in el.paras:
                    if p.text.startswith("— "):  # a quote's speaker, set smaller on purpose
                        continue
                    assert p.size >= deck.body_min, (n, el.name, p.size, p.text[:40])


@pytest.mark.parametrize("path", [*EXAMPLES, "long"])
def test_every_string_of_the_brief_is_planned(path: Path | str, long_path: Path) -> None:
    loaded = load(long_path if path == "long" else path)
    text = _plan_text(plan_deck(loaded, load_theme()))
    b = loaded.brief
    strings = [b.title, b.summary, *(kp.body for kp in b.key_points), *(kp.title for kp in b.key_points)]
    strings += [p.summary for p in b.positions] + [r.summary for r in b.reactions]
    strings += b.recommendations + b.highlights + [s.title for s in b.sources]
    for s in b.sections:
        for block in s.blocks:
            if block.kind == "text":
                strings.append(block.value)
            elif block.kind == "bullets":
                strings += block.value
            elif block.kind == "table":
                strings += [c for row in block.value.rows for c in row if c]
    for string in strings:
        for sentence in split_sentences(parse_inline(string)):
            assert re.sub(r"\s+", "", plain_text(sentence)) in text, plain_text(sentence)[:60]


def test_plan_is_pure_and_repeatable(long_path: Path) -> None:
    loaded = load(long_path)
    assert plan_deck(loaded, load_theme()) == plan_deck(loaded, load_theme())
