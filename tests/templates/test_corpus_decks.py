"""The ASEAN and trade-review briefs on every template of the corpus, drawn by LibreOffice and read back.

For each deck: no word off its slide or outside every text box, no two lines overlapping,
no word of the slides lost in the render, every content slide's title inside the
template's title placeholder, no text colour below WCAG AA on what is behind it, and no
more than 1.3 times the default theme's slides where the body area is comparable.
Under ``CI=true`` a missing ``soffice`` or ``pdftotext`` fails; elsewhere the tests skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_tool, soffice_to_pdf
from render.test_deck import PT, Box, PdfPage, SlideText, _inside, _squash, read_deck, read_pdf
from templates.corpus import corpus

from briefgen.layout.deck import slide_frame
from briefgen.layout.slides import DeckPlan, Rect
from briefgen.load.loader import load
from briefgen.render.deck import draw_deck, open_base, plan_for_base
from briefgen.render.deck_template import DeckBase
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = [ROOT / "briefs" / "asean-58th-amm.yaml", ROOT / "briefs" / "quarterly-trade-review.yaml"]
TEMPLATES = [
    "python-pptx",
    "pandoc",
    "corporate",
    "lo-Midnightblue",
    "lo-Vintage",
    "lo-Focus",
    "lo-Beehive",
    "lo-Blue_Curve",
]
EPOCH = 1_751_932_800


@dataclass
class Deck:
    name: str
    base: DeckBase
    plan: DeckPlan
    default_slides: int
    default_area: float
    slides: list[SlideText]
    pages: list[PdfPage]


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Deck]:
    for name in ("soffice", "pdftotext"):
        require_tool(name)
    tmp = tmp_path_factory.mktemp("corpus-decks")
    templates = corpus(tmp / "templates")
    theme = load_theme("default")
    made: dict[str, tuple[DeckBase, DeckPlan, int, float, bytes]] = {}
    for brief in BRIEFS:
        loaded = load(brief)
        default = plan_for_base(loaded, theme, open_base(theme))
        content = slide_frame(theme, banner=bool(loaded.brief.classification)).content
        frame_area = content.w * content.h
        for name in TEMPLATES:
            base = open_base(theme, templates[name])
            plan = plan_for_base(loaded, theme, base)
            data = draw_deck(plan, open_base(theme, templates[name]), epoch=EPOCH)
            made[f"{brief.stem}@{name}"] = (base, plan, len(default.slides), frame_area, data)
    paths = []
    for key, (*_, data) in made.items():
        path = tmp / f"{key}.pptx"
        path.write_bytes(data)
        paths.append(path)
    soffice_to_pdf(paths, tmp)
    out = {}
    for key, (base, plan, n, area, data) in made.items():
        out[key] = Deck(key, base, plan, n, area, read_deck(data), read_pdf(tmp / f"{key}.pdf"))
    return out


def _template_text_boxes(base: DeckBase) -> list[Box]:
    """The boxes of text the template itself draws on every slide (its master's and layouts' own text shapes)."""
    boxes = []
    for layout in base.layouts.values():
        for holder in (layout, layout.slide_master):
            for shape in holder.shapes:
                if shape.is_placeholder or not shape.has_text_frame or shape.width is None:
                    continue
                boxes.append(
                    Box(
                        shape.left / PT,
                        shape.top / PT,
                        (shape.left + shape.width) / PT,
                        (shape.top + shape.height) / PT,
                    )
                )
    return boxes


KEYS = [f"{b.stem}@{t}" for b in BRIEFS for t in TEMPLATES]


def _drawn(word: str, drawn: str) -> bool:
    """Whether ``word`` is in the slide's text; one broken after a hyphen counts when each piece is.

    pdftotext reads a table row by row, so a cell's "Rules-" and "Based" on two lines
    are apart in its text, with the next cells' words between them.
    """
    if _squash(word) in drawn:
        return True
    pieces = re.split(r"(?<=-)", word)
    return len(pieces) > 1 and all(_squash(p) in drawn for p in pieces if p)


@pytest.mark.parametrize("key", KEYS)
def test_no_word_off_its_slide_or_box_none_lost_none_overlapping(decks: dict[str, Deck], key: str) -> None:
    deck = decks[key]
    assert len(deck.pages) == len(deck.slides)
    problems = []
    own = _template_text_boxes(deck.base)
    for n, (page, slide) in enumerate(zip(deck.pages, deck.slides, strict=True), start=1):
        for w in page.words:
            if w.x0 < -0.5 or w.y0 < -0.5 or w.x1 > page.width + 0.5 or w.y1 > page.height + 0.5:
                problems.append(f"slide {n}: {w.text!r} off the slide")
            elif not _inside(w, slide.boxes + own):
                problems.append(f"slide {n}: {w.text!r} outside every text box at {w.x0:.0f},{w.y0:.0f}")
        drawn = _squash("".join(w.text for w in page.words))
        problems += [f"slide {n}: {word!r} lost" for word in slide.words if not _drawn(word, drawn)]
        for i, a in enumerate(page.lines):
            for b in page.lines[i + 1 :]:
                ah, bh = a[3] - a[1], b[3] - b[1]
                top, bottom = max(a[1] + ah * 0.25, b[1] + bh * 0.25), min(a[3] - ah * 0.25, b[3] - bh * 0.25)
                if bottom - top > 0.5 and min(a[2], b[2]) - max(a[0], b[0]) > 0.5:
                    problems.append(f"slide {n}: {a[4][:30]!r} overlaps {b[4][:30]!r}")
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("key", KEYS)
def test_titles_in_the_title_placeholder_and_text_readable(decks: dict[str, Deck], key: str) -> None:
    deck = decks[key]
    box = deck.base.title_rect
    assert box is not None
    problems = []
    for n, slide in enumerate(deck.plan.slides[1:], start=2):
        r = slide.title_box.rect
        if r.x < box.x - 1 or r.y < box.y - 1 or r.right > box.right + 1 or r.bottom > box.bottom + 1:
            problems.append(f"slide {n}: title at {r} outside the placeholder {box}")
    problems += [d.message for d in deck.plan.warnings if "WCAG" in d.message]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("key", KEYS)
def test_no_more_than_1_3_times_the_default_slides(decks: dict[str, Deck], key: str) -> None:
    """1.3 times the default theme's slides, scaled up by how much smaller the body area is (not at all when comparable)."""
    deck = decks[key]
    look = deck.base.look
    assert look is not None and look.body is not None
    area = look.body.w * look.body.h
    scale = 1.0 if area >= 0.8 * deck.default_area else deck.default_area / area
    assert len(deck.plan.slides) <= 1.3 * deck.default_slides * scale, (
        f"{len(deck.plan.slides)} slides against the default's {deck.default_slides}, "
        f"body {look.body.w:.0f}×{look.body.h:.0f} pt"
    )


def _over(a: Rect, b: Rect) -> bool:
    return min(a.right, b.right) - max(a.x, b.x) > 1 and min(a.bottom, b.bottom) - max(a.y, b.y) > 1


@pytest.mark.parametrize("key", KEYS)
def test_nothing_drawn_over_the_templates_decorations(decks: dict[str, Deck], key: str) -> None:
    """On content slides, text, tables, charts, footers and slide numbers stay off the template's own shapes.

    The title goes where the template puts it (on its title bar, say), so it is not
    checked here. Classification bands stay at the slide's edges: narrowed to avoid
    a decoration where most of the band is free, over a bar that crosses the whole slide.
    """
    deck = decks[key]
    look, size = deck.base.look, deck.base.size
    assert look is not None and size is not None
    width = size[0]
    problems = []
    for n, slide in enumerate(deck.plan.slides[1:], start=2):
        for el in (*slide.content(), *slide.chrome):
            rect = getattr(el, "rect", None)
            if rect is None or el.name in ("Title rule", "Footer rule"):
                continue
            crossed = [s for s in look.decorations if _over(rect, s)]
            if el.name.startswith("Classification"):
                crossed = [s for s in crossed if s.w < 0.9 * width]  # bars across the slide stay under it
                if crossed and _widest_gap(crossed, width) < 0.4 * width:
                    continue  # a row of shapes along the edge: no span of the band is free
            problems += [f"slide {n}: {el.name} at {rect} over the template's shape at {s}" for s in crossed]
    assert not problems, "\n".join(problems[:20])


def _widest_gap(shapes: list[Rect], width: float) -> float:
    """The widest stretch of ``0..width`` that none of ``shapes`` covers horizontally."""
    edges = sorted((max(s.x, 0.0), min(s.right, width)) for s in shapes)
    gap, reach = 0.0, 0.0
    for x0, x1 in edges:
        gap = max(gap, x0 - reach)
        reach = max(reach, x1)
    return max(gap, width - reach)


@pytest.mark.parametrize("key", KEYS)
def test_the_title_is_styled_by_the_template_alone(decks: dict[str, Deck], key: str) -> None:
    """briefgen's own accent rule under the title is the default theme's look; on a template the template styles it."""
    names = {el.name for slide in decks[key].plan.slides for el in slide.chrome}
    assert "Footer" in names and "Title rule" not in names
