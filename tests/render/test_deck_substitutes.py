"""Decks that hold when the viewer lacks the font: every example and the long brief drawn under three font setups.

The deck names Calibri (and Arial for bullets) and is measured with their metric
twins. A viewer without them substitutes; this test draws every example deck and the
long brief (``tests/deckbriefs.py``) with LibreOffice under each setup of
``tests/fontsetups.py`` — the shipped fonts, only DejaVu Sans (about 15 % wider than
Carlito), only Liberation Sans (Arial's metrics) — one soffice run per setup, the
three at once with their own profiles. Read back with ``pdftotext -bbox-layout``,
each render must have no word off its slide, no word outside the shape whose text
holds it, no two lines overlapping, no word of the slides lost and no word broken
in two (``Positi|ve``). Scripts without spaces may break between any two letters,
so only their Latin words count as broken; right-to-left text comes back in visual
order, so it is compared as the letters of each slide rather than word by word.

Under ``CI=true`` a missing ``soffice``, ``pdftotext`` or substitute font fails; elsewhere the tests skip.
"""

from __future__ import annotations

import io
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import require_tool, soffice_to_pdf
from deckbriefs import long_brief
from fontsetups import SETUPS, SUBSTITUTES, font_setup, missing_fonts
from pptx import Presentation

from briefgen.load.loader import load
from render.test_deck import (
    _RTL,
    _STACKED,
    EXAMPLES,
    PT,
    Box,
    PdfPage,
    PdfWord,
    _deck,
    _letters,
    _one_rtl_line,
    _one_stacked_line,
    _shape_words,
    _squash,
    read_pdf,
)


@dataclass
class TextShape:
    """A shape of a slide that holds text: its box in points and its words (squashed, for matching)."""

    box: Box
    text: str
    words: frozenset[str]
    chart: bool = False

    @property
    def pieces(self) -> frozenset[str]:
        """Its words and what a line break may leave of them: the parts after a hyphen or dash, fragments of a word too long for any line."""
        out = set(self.words)
        for word in self.words:
            if len(word) > 40:
                return frozenset()  # a word of 40 letters or more is broken anywhere: no check
            parts = re.split(r"(?<=[-‐–—/])", word)
            out.update(parts)
            out.update("".join(parts[k:]) for k in range(len(parts)))
            out.update("".join(parts[:k]) for k in range(1, len(parts)))
        return frozenset(out)


def read_shapes(data: bytes) -> list[list[TextShape]]:
    """Each slide's text-bearing shapes (text frames, tables, charts) with their boxes and text."""
    slides = []
    for slide in Presentation(io.BytesIO(data)).slides:
        shapes = []
        for shape in slide.shapes:
            box = Box(
                shape.left / PT,
                shape.top / PT,
                (shape.left + shape.width) / PT,
                (shape.top + shape.height) / PT,
            )
            if shape.has_chart:
                shapes.append(TextShape(box, "", frozenset(), chart=True))
                continue
            words = _shape_words(shape)
            if words:
                squashed = [_squash(w) for w in words]
                shapes.append(TextShape(box, "".join(squashed), frozenset(squashed)))
        slides.append(shapes)
    return slides


def _within(w: PdfWord, b: Box) -> bool:
    """The word lies in the box; vertically its glyph box (taller than the line pitch) may stick out by a third."""
    dy = (w.y1 - w.y0) * 0.34
    return w.x0 >= b.x0 - 2 and w.x1 <= b.x1 + 2 and w.y0 >= b.y0 - dy and w.y1 <= b.y1 + dy


def _overlaps(page: PdfPage) -> list[str]:
    """Pairs of lines whose middle halves overlap (pdftotext's glyph boxes are taller than the line pitch),
    except the pieces pdftotext cuts one line of Arabic, Khmer or Myanmar into."""
    out = []
    for i, a in enumerate(page.lines):
        for b in page.lines[i + 1 :]:
            ah, bh = a[3] - a[1], b[3] - b[1]
            top, bottom = max(a[1] + ah * 0.25, b[1] + bh * 0.25), min(a[3] - ah * 0.25, b[3] - bh * 0.25)
            crossing = bottom - top > 0.5 and min(a[2], b[2]) - max(a[0], b[0]) > 0.5
            if crossing and not _one_rtl_line(a, b) and not _one_stacked_line(a, b):
                out.append(f"{a[4][:30]!r} overlaps {b[4][:30]!r}")
    return out


_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
"""Thai, Lao, Myanmar, Khmer, kana and Han: scripts written without spaces between words, which a
viewer breaks at dictionary word boundaries (ICU) and pdftotext reads as separate words."""


def _lost(page: PdfPage, shapes: list[TextShape]) -> list[str]:
    """The words of the slide's shapes that the render does not show. Where Arabic is drawn (in visual
    order, with ligatures) or Khmer and Myanmar (a subscript read as a line of its own), a word is
    looked for by its letters, as in :func:`render.test_deck.test_every_word_of_the_slides_is_rendered`."""
    drawn = _squash("".join(w.text for w in page.words))
    letters = _letters(drawn)
    rtl = any(_RTL.search(s.text) for s in shapes)
    out = []
    for word in sorted({w for s in shapes for w in s.words}):
        if rtl or _STACKED.search(word):
            if not _letters(word) <= letters:
                out.append(f"{word!r} lost")
        elif word not in drawn:
            out.append(f"{word!r} lost")
    return out


def slide_problems(page: PdfPage, shapes: list[TextShape]) -> dict[str, list[str]]:
    """What went wrong on one rendered slide, by kind: off, outside, overlap, lost, broken.

    A word of a script without spaces counts as whole when it is part of its shape's text
    (the viewer may break such text between any two dictionary words), as does any piece of a
    right-to-left shape's text; an Arabic word read in visual order is looked for in every shape."""
    found: dict[str, list[str]] = {k: [] for k in ("off", "outside", "overlap", "lost", "broken")}
    pieces = [s.pieces for s in shapes]
    unchecked = any(not p for p, s in zip(pieces, shapes, strict=True) if not s.chart)
    words = frozenset().union(*pieces)
    charts = [s.box for s in shapes if s.chart]
    every = [s.box for s in shapes]
    for w in page.words:
        text = _squash(w.text)
        if w.x0 < -0.5 or w.y0 < -0.5 or w.x1 > page.width + 0.5 or w.y1 > page.height + 0.5:
            found["off"].append(f"{w.text!r} off the slide at {w.x0:.0f},{w.y0:.0f}")
            continue
        # an Arabic word is read in visual order: it may match another shape's text by chance
        holders = [] if _RTL.search(text) else [s for s in shapes if text and text in s.text]
        own = [s.box for s in holders] or every  # bullets, numbers: any shape's
        if not any(_within(w, b) for b in own + charts):
            found["outside"].append(f"{w.text!r} outside its shape at {w.x0:.0f},{w.y0:.0f}–{w.y1:.0f}")
        in_chart = any(_within(w, b) for b in charts)
        # pdftotext cuts right-to-left lines at every change of direction (digits, brackets, Latin)
        cut = _UNSPACED.search(text) or any(_RTL.search(s.text) for s in holders)
        whole = text in words or bool(cut) or _RTL.search(text)
        if not unchecked and holders and not whole and not in_chart:
            found["broken"].append(f"{w.text!r} is part of a word")
    found["lost"] = _lost(page, shapes)
    found["overlap"] = _overlaps(page)
    return found


# ---------------------------------------------------------------------------
# The decks, drawn under every setup


@dataclass
class Render:
    """One deck under one font setup: its shapes as written and its pages as LibreOffice drew them."""

    shapes: list[list[TextShape]]
    pages: list[PdfPage]


def _require(setup: str) -> None:
    missing = missing_fonts(setup)
    if not missing:
        return
    package = SUBSTITUTES[setup][0]
    require_tool(f"{missing[0]} (apt-get install {package})")


def build_decks(folder: Path) -> dict[str, bytes]:
    """Every example deck and the long brief's, by name."""
    sources = {p.stem: load(p) for p in EXAMPLES}
    sources["long"] = load(long_brief(folder / "long"))
    return {name: _deck(loaded) for name, loaded in sources.items()}


def render_all(decks: dict[str, bytes], folder: Path) -> dict[tuple[str, str], Render]:
    """Each deck drawn under each setup: one soffice run per setup, the runs at once."""
    paths = []
    for name, data in decks.items():
        path = folder / f"{name}.pptx"
        path.write_bytes(data)
        paths.append(path)

    def run(setup: str) -> None:
        out = folder / setup
        out.mkdir(exist_ok=True)
        soffice_to_pdf(paths, out, fonts_conf=font_setup(setup, folder / f"{setup}-fonts"))

    with ThreadPoolExecutor(len(SETUPS)) as pool:
        list(pool.map(run, SETUPS))
    renders = {}
    for name, data in decks.items():
        shapes = read_shapes(data)
        for setup in SETUPS:
            pdf = folder / setup / f"{name}.pdf"
            renders[(name, setup)] = Render(shapes, read_pdf(pdf) if pdf.is_file() else [])
    return renders


@pytest.fixture(scope="module")
def renders(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Render]:
    for name in ("soffice", "pdftotext"):
        require_tool(name)
    for setup in SETUPS:
        _require(setup)
    folder = tmp_path_factory.mktemp("substitutes")
    return render_all(build_decks(folder), folder)


NAMES = [p.stem for p in EXAMPLES] + ["long"]


@pytest.mark.parametrize(("name", "setup"), [(n, s) for n in NAMES for s in SETUPS])
def test_deck_holds_under_the_font_setup(
    renders: dict[tuple[str, str], Render], name: str, setup: str
) -> None:
    render = renders[(name, setup)]
    assert len(render.pages) == len(render.shapes), (
        f"{len(render.pages)} pages for {len(render.shapes)} slides"
    )
    problems = []
    for n, (page, shapes) in enumerate(zip(render.pages, render.shapes, strict=True), start=1):
        for kind, found in slide_problems(page, shapes).items():
            problems += [f"slide {n} [{kind}]: {p}" for p in found]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:25])


def main(folder: Path) -> None:
    """Print the count of each kind of problem per deck and setup (``python tests/render/test_deck_substitutes.py DIR``)."""
    folder.mkdir(parents=True, exist_ok=True)
    renders = render_all(build_decks(folder), folder)
    for (name, setup), render in sorted(renders.items()):
        counts: dict[str, int] = {}
        examples: list[str] = []
        for n, (page, shapes) in enumerate(zip(render.pages, render.shapes, strict=False), start=1):
            for kind, found in slide_problems(page, shapes).items():
                counts[kind] = counts.get(kind, 0) + len(found)
                examples += [f"    slide {n} [{kind}] {p}" for p in found[:2]]
        print(f"{name:28} {setup:11} slides={len(render.shapes):3} pages={len(render.pages):3} {counts}")
        print("\n".join(examples[:8]))


if __name__ == "__main__":
    import sys

    sys.path[:0] = [str(Path(__file__).resolve().parents[1])]
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "substitutes-out"))
