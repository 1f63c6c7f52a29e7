"""Briefs made for the deck's tests: a long one that exercises every continuation, and a picture to go with it.

``long_brief`` writes a brief with at least 30 key points (short ones that pair up,
long ones that continue, quotes), 7 positions, 24 reactions, a 60-row table, one chart
of each kind, a picture, long lists and words of 400 letters, all deterministic.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml
from PIL import Image, ImageDraw

WORDS = [
    "ministers",
    "agreed",
    "regional",
    "cooperation",
    "maritime",
    "security",
    "trade",
    "investment",
    "framework",
    "dialogue",
    "partners",
    "summit",
    "communiqué",
    "consensus",
    "delegation",
    "negotiation",
    "tariff",
    "supply",
    "chain",
    "resilience",
    "climate",
    "finance",
    "energy",
    "transition",
    "digital",
    "economy",
    "connectivity",
    "infrastructure",
    "protocol",
    "reaffirmed",
    "stressed",
    "welcomed",
    "noted",
    "urged",
    "committed",
    "endorsed",
    "implementation",
    "roadmap",
    "review",
    "sustainable",
    "inclusive",
    "centrality",
    "neutrality",
    "engagement",
    "stability",
    "prosperity",
    "ASEAN",
    "Pacific",
]

LONG_WORD = "Pneumono" + "ultramicroscopicsilicovolcanoconiosis" * 10 + "x" * 22  # 400 letters
assert len(LONG_WORD) == 400


def sentence(rng: random.Random, n: int | None = None) -> str:
    """A sentence of ``n`` (or 8 to 22) words, capitalised, with a full stop."""
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    """``sentences`` sentences."""
    return " ".join(sentence(rng) for _ in range(sentences))


def draw_picture(path: Path, size: tuple[int, int] = (640, 360)) -> None:
    """A small diagram: three boxes joined by arrows."""
    im = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(im)
    w, h = size
    for k, colour in enumerate(("#1F3864", "#2A6099", "#A84300")):
        x = 30 + k * (w - 60) // 3
        d.rectangle([x, h // 3, x + (w - 60) // 3 - 40, 2 * h // 3], fill=colour)
        if k < 2:
            d.line([x + (w - 60) // 3 - 40, h // 2, x + (w - 60) // 3, h // 2], fill="black", width=4)
    im.save(path)


def long_brief_data(seed: int = 7, image: str | None = "diagram.png") -> dict[str, Any]:
    """The long brief as plain data."""
    rng = random.Random(seed)
    key_points = []
    for k in range(32):
        kind = k % 8
        kp: dict[str, Any] = {"title": f"Key point {k + 1}: " + " ".join(rng.choice(WORDS) for _ in range(3))}
        if kind in (0, 1):  # short ones, pairing up
            kp["body"] = paragraph(rng, 2)
        elif kind == 2:  # long: continues across slides
            kp["body"] = "\n\n".join(paragraph(rng, 6) for _ in range(4))
            kp["notes"] = paragraph(rng, 3)
        elif kind == 3:  # a quote beside the text
            kp["body"] = paragraph(rng, 4)
            kp["quote"] = {"text": sentence(rng, 18), "by": "A. Spokesperson", "role": "Foreign Minister"}
        elif kind == 4:  # a long body with a quote: continues, the quote with it
            kp["body"] = "\n\n".join(paragraph(rng, 5) for _ in range(3))
            kp["quote"] = {"text": paragraph(rng, 2), "by": "B. Envoy"}
        elif kind == 5:  # a 400-letter word
            kp["body"] = f"{sentence(rng)} The word {LONG_WORD} has no break. {sentence(rng)}"
        elif kind == 6:  # one enormous sentence
            kp["body"] = " ".join(rng.choice(WORDS) for _ in range(260)).capitalize() + "."
        else:
            kp["body"] = paragraph(rng, 3)
            kp["notes"] = paragraph(rng, 2)
        key_points.append(kp)
    positions = []
    for k in range(7):
        positions.append(
            {
                "actor": [
                    "China",
                    "Russia",
                    "United States",
                    "European Union",
                    "Japan",
                    "India",
                    "Australia",
                ][k],
                "summary": paragraph(rng, 2 if k != 3 else 9),
                "points": [sentence(rng) for _ in range(rng.randint(0, 4))],
            }
        )
    tones = ["positive", "neutral", "mixed", "cautious", "critical", None]
    reactions = []
    for k in range(24):
        r: dict[str, Any] = {"outlet": f"Outlet number {k + 1}", "summary": paragraph(rng, rng.randint(1, 3))}
        if k % 3:
            r["country"] = rng.choice(["Malaysia", "Japan", "Singapore", "Thailand", "Viet Nam"])
        if tones[k % 6]:
            r["tone"] = tones[k % 6]
        reactions.append(r)
    rows = []
    for k in range(60):
        rows.append(
            [
                f"{k + 1:02d}",
                " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))).capitalize(),
                f"{rng.uniform(-50, 5000):,.1f}",
                f"{rng.uniform(-20, 20):.1f}%",
                sentence(rng, rng.randint(3, 14)) if k != 30 else LONG_WORD,
            ]
        )
    blocks: list[dict[str, Any]] = [
        {"text": paragraph(rng, 5)},
        {"bullets": [sentence(rng) for _ in range(14)]},
        {
            "table": {
                "caption": "Sixty rows of figures",
                "columns": ["No.", "Item", "Value (USD m)", "Change", "Note"],
                "rows": rows,
            }
        },
        {"quote": {"text": paragraph(rng, 2), "by": "C. Delegate", "role": "Head of delegation"}},
        {"text": f"A paragraph with the long word {LONG_WORD} inside it, and more words after it."},
        {
            "chart": {
                "kind": "column",
                "title": "Trade by quarter",
                "categories": ["Q1", "Q2", "Q3", "Q4"],
                "series": [
                    {"name": "Exports", "values": [40.2, 39.5, 38.9, 41.3]},
                    {"name": "Imports", "values": [39.8, 40.1, 39.6, 40]},
                ],
                "unit": "USD bn",
            }
        },
        {
            "chart": {
                "kind": "bar",
                "title": "Delegation size",
                "categories": [f"Member {k}" for k in range(1, 11)],
                "series": [{"name": "Delegates", "values": [12, 8, 15, 9, 11, 7, 14, 10, 6, 13]}],
            }
        },
        {
            "chart": {
                "kind": "line",
                "title": "Freight index",
                "categories": [f"Week {k}" for k in range(1, 13)],
                "series": [
                    {"name": "North", "values": [100 + 3 * k for k in range(12)]},
                    {"name": "South", "values": [90 + 2 * k for k in range(12)]},
                ],
                "unit": "index",
            }
        },
        {
            "chart": {
                "kind": "pie",
                "title": "Share of exports",
                "categories": ["Energy", "Machinery", "Food", "Other"],
                "series": [{"name": "Share", "values": [45, 25, 20, 10]}],
                "unit": "%",
            }
        },
    ]
    if image:
        blocks.insert(
            5,
            {
                "image": {
                    "path": image,
                    "alt": "Three boxes joined by arrows: the review process",
                    "caption": "The review process",
                }
            },
        )
    return {
        "title": "A long brief: " + " ".join(rng.choice(WORDS) for _ in range(14)),
        "subtitle": sentence(rng, 16),
        "classification": "CONFIDENTIAL",
        "meeting": {
            "name": "The long test meeting of many ministers",
            "short_name": "Long test",
            "date": "2026-03-02",
            "end_date": "2026-03-05",
            "location": "Kuala Lumpur, Malaysia",
            "chair": "Malaysia",
            "theme": "Inclusivity and Sustainability",
            "participants": [f"Participant {k}" for k in range(1, 41)],
        },
        "memo": {
            "to": "The Minister",
            "from": "The Desk",
            "date": "2026-03-06",
            "prepared_by": "Test Author",
            "organization": "Ministry",
        },
        "summary": paragraph(rng, 7),
        "key_points": key_points,
        "positions": positions,
        "reactions": reactions,
        "outlook": "\n\n".join(paragraph(rng, 5) for _ in range(3)),
        "recommendations": [paragraph(rng, rng.randint(1, 3)) for _ in range(12)],
        "highlights": [sentence(rng) for _ in range(15)],
        "sections": [
            {"title": "Figures and pictures", "blocks": blocks},
            {"title": "A short section", "blocks": [{"text": sentence(rng)}]},
            {
                "title": "Words of 400 letters",
                "blocks": [{"bullets": [LONG_WORD, f"{LONG_WORD} {LONG_WORD}"]}],
            },
        ],
        "sources": [
            {
                "title": sentence(rng, 8),
                "publisher": "Publisher",
                "date": "2026-02-01",
                "url": f"https://example.org/source/{k}/" + "a" * (k * 3),
            }
            for k in range(20)
        ],
    }


def long_brief(folder: Path, seed: int = 7) -> Path:
    """Write the long brief (and its picture) into ``folder``; return the brief's path."""
    folder.mkdir(parents=True, exist_ok=True)
    draw_picture(folder / "diagram.png")
    path = folder / "long-brief.yaml"
    path.write_text(
        yaml.safe_dump(long_brief_data(seed), sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )
    return path
