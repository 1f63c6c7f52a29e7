"""Key points: pairs side by side, long ones continued in balanced parts, split between sentences."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import (
    DeckPlan,
    TextBox,
)
from briefgen.layout.text import split_sentences
from briefgen.load.loader import load
from briefgen.load.markup import parse_inline, plain_text, strip_markup
from briefgen.theme import load_theme
from layout.deckplans import boxes as _boxes
from layout.deckplans import flow_text as _flow_text
from layout.deckplans import paragraph as _paragraph


def test_continuations_are_balanced_and_never_a_lone_line(long_plan: DeckPlan) -> None:
    groups: dict[str, list[int]] = {}
    for k, t in enumerate(long_plan.titles):
        m = re.fullmatch(r"(Key point .*) \((\d+)/(\d+)\)", t)
        if m:
            groups.setdefault(m.group(1), []).append(k)
    assert len(groups) >= 4
    for name, idx in groups.items():
        heights = []
        for k in idx:
            boxes = [el for el in long_plan.slides[k].content() if isinstance(el, TextBox)]
            lines = sum(p.lines for b in boxes for p in b.paras)
            assert lines >= 3, (name, lines)
            heights.append(sum(b.text_height for b in boxes))
        assert min(heights) >= 0.45 * max(heights), (name, heights)


def test_splits_fall_between_sentences(long_plan: DeckPlan, long_path: Path) -> None:
    brief = load(long_path).brief
    bodies = {strip_markup(kp.title): kp for kp in brief.key_points}
    for k, t in enumerate(long_plan.titles):
        m = re.fullmatch(r"(Key point .*) \((\d+)/(\d+)\)", t)
        if not m or m.group(2) == m.group(3):
            continue
        kp = bodies[m.group(1)]
        paras = _flow_text(long_plan.slides[k])  # type: ignore[arg-type]
        last = paras[-1]
        sentences = [
            plain_text(s).strip() for p in kp.body.split("\n\n") for s in split_sentences(parse_inline(p))
        ]
        if kp.quote:
            sentences += [plain_text(s).strip() for s in split_sentences(parse_inline(f"“{kp.quote.text}”"))]
        assert any(last.endswith(s) for s in sentences), (t, last[-60:])


def test_short_key_points_pair_up_long_ones_continue(long_plan: DeckPlan) -> None:
    titles = long_plan.titles
    assert "Key points 1 and 2" in titles
    assert any(t.startswith("Key point 3:") and t.endswith("(1/2)") for t in titles)


def test_a_60_kb_paragraph_plans_in_seconds_and_whole(tmp_path: Path) -> None:
    """Planning time grows with a paragraph's length, not its square (60 KB took a minute and 3 GB)."""
    import time

    body = _paragraph(60_000)
    data = {
        "title": "One long paragraph",
        "meeting": {"name": "Partners meeting", "date": "2026-03-02"},
        "summary": "Budget approved.",
        "key_points": [{"title": "The long record", "body": body}],
    }
    path = tmp_path / "long-paragraph.yaml"
    path.write_text(yaml.safe_dump(data, width=10**9), encoding="utf-8")
    loaded = load(path)
    start = time.perf_counter()
    plan = plan_deck(loaded, load_theme())
    assert time.perf_counter() - start < 5.0
    slides = [s for s, t in zip(plan.slides, plan.titles) if t.startswith("The long record")]
    assert len(slides) > 10
    planned = [w for s in slides for p in _flow_text(s) for w in p.split()]  # type: ignore[arg-type]
    assert planned == body.split()  # every word, once, in order
    for _, box in _boxes(plan):
        assert box.text_height <= box.rect.h - box.insets.top - box.insets.bottom + 0.01
