"""Helpers for the deck planner's tests: boxes of a plan, the text of a flow, the whole text of a plan."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from deckbriefs import WORDS

from briefgen.layout.slides import (
    DeckPlan,
    KeyPointSlide,
    TableFrame,
    TextBox,
    TextSlide,
)
from briefgen.load.markup import plain_text

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))


def boxes(plan: DeckPlan) -> Iterator[tuple[int, TextBox]]:
    for n, slide in enumerate(plan.slides, start=1):
        for el in slide.elements():
            if isinstance(el, TextBox):
                yield n, el


def flow_text(slide: TextSlide | KeyPointSlide) -> list[str]:
    return [p.text for el in slide.content() if isinstance(el, TextBox) for p in el.paras]


def plan_text(plan: DeckPlan) -> str:
    out = []
    for slide in plan.slides:
        for el in slide.elements():
            if isinstance(el, TextBox):
                out.append(el.text)
            elif isinstance(el, TableFrame):
                out.extend(p.text for row in el.rows for cell in row for p in cell.paras)
        out.extend(plain_text(r) for r in slide.notes)
    return re.sub(r"\s+", "", " ".join(out))


def paragraph(chars: int) -> str:
    """Sentences of 6 to 18 words, deterministic, about ``chars`` characters long."""
    words = WORDS[:10]
    out: list[str] = []
    k = 0
    while sum(len(s) + 1 for s in out) < chars:
        n = 6 + (k * 7) % 13
        sentence = " ".join(words[(k + i * 3) % len(words)] for i in range(n))
        out.append(sentence[0].upper() + sentence[1:] + ".")
        k += 1
    return " ".join(out)
