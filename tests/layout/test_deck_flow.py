"""Flowing text slides: a long outlook continues over numbered slides, balanced, every word once."""

from __future__ import annotations

from pathlib import Path

import yaml
from deckbriefs import WORDS

from briefgen.layout.deck import plan_deck
from briefgen.layout.slides import TextBox, TextSlide
from briefgen.load.loader import load
from briefgen.theme import load_theme


def _brief(tmp_path: Path, outlook: str) -> Path:
    data = {
        "title": "Weekly partners brief",
        "meeting": {"name": "Partners meeting", "date": "2026-03-02"},
        "summary": "Budget approved.",
        "key_points": [{"title": "Budget", "body": "Approved."}],
        "outlook": outlook,
    }
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, width=10**9), encoding="utf-8")
    return path


def test_a_long_outlook_continues_balanced_and_whole(tmp_path: Path) -> None:
    sentences = [
        " ".join(WORDS[(k + i) % len(WORDS)] for i in range(12)).capitalize() + "." for k in range(90)
    ]
    outlook = " ".join(sentences)
    plan = plan_deck(load(_brief(tmp_path, outlook)), load_theme())
    parts = [s for s in plan.slides if s.title.startswith("Outlook")]
    assert len(parts) >= 2 and all(isinstance(s, TextSlide) for s in parts)
    assert [s.title for s in parts] == [f"Outlook ({k}/{len(parts)})" for k in range(1, len(parts) + 1)]
    words = [
        w
        for s in parts
        for el in s.content()
        if isinstance(el, TextBox)
        for p in el.paras
        for w in p.text.split()
    ]
    assert words == outlook.split()
    heights = [sum(el.text_height for el in s.content() if isinstance(el, TextBox)) for s in parts]
    assert min(heights) >= 0.45 * max(heights), heights


def test_a_short_outlook_is_one_slide(tmp_path: Path) -> None:
    plan = plan_deck(load(_brief(tmp_path, "Calm seas ahead.")), load_theme())
    assert [s.title for s in plan.slides if s.title.startswith("Outlook")] == ["Outlook"]
