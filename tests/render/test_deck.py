"""The PowerPoint deck, drawn and read back: fit checked in LibreOffice, content, charts, pictures, metadata, bytes.

Every example brief and a long one (``tests/deckbriefs.py``: 32 key points, a
60-row table, words of 400 letters, every chart kind, a picture) is built, all
decks converted to PDF in one LibreOffice run (with ``tests/fontconfig/fonts.conf``,
so Calibri is measured and drawn as Carlito), and read back with
``pdftotext -bbox-layout``. The checks: every word lies inside its slide and inside
a text-bearing shape of that slide; no two text lines overlap; every word of the
slides is in the render; every string of the brief is on a slide or in its notes.

Under ``CI=true`` a missing ``soffice`` or ``pdftotext`` fails the tests; elsewhere they skip.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
import subprocess
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool, soffice_to_pdf
from deckbriefs import LONG_WORD, draw_picture, long_brief
from pptx import Presentation
from pptx.util import Emu

from briefgen.layout.deck import plan_deck
from briefgen.load.loader import LoadedBrief, load
from briefgen.load.markup import strip_markup
from briefgen.load.model import Brief
from briefgen.render.deck import render_deck_pptx
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))
EPOCH = 1_751_932_800  # 2025-07-08 00:00 UTC
PT = 12700


def _tools() -> None:
    for name in ("soffice", "pdftotext"):
        require_tool(name)


def _deck(
    loaded: LoadedBrief, theme: str | None = None, epoch: int = EPOCH, template: Path | None = None
) -> bytes:
    return render_deck_pptx(
        loaded, load_theme(theme or loaded.brief.theme), epoch=epoch, template=template
    ).data


def _template(path: Path) -> Path:
    """A corporate template: python-pptx's default at 16:9 with one slide of its own."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    prs.slides.add_slide(prs.slide_layouts[0])
    prs.save(str(path))
    return path


# ---------------------------------------------------------------------------
# What the deck says, read back with python-pptx


@dataclass
class Box:
    """A shape that holds text (or a chart), in points."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class SlideText:
    """One slide read back: its words, the boxes text may occupy, and its notes."""

    words: list[str]
    boxes: list[Box]
    notes: str
    extra: str  # text held in charts and picture descriptions


def _shape_words(shape: Any) -> list[str]:
    out: list[str] = []
    if shape.has_text_frame:
        out.extend(shape.text_frame.text.split())
    if getattr(shape, "has_table", False) and shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                out.extend(cell.text_frame.text.split())
    return out


def read_deck(data: bytes) -> list[SlideText]:
    """Each slide's words, text boxes, notes and chart/picture text."""
    prs = Presentation(io.BytesIO(data))
    slides = []
    for slide in prs.slides:
        words: list[str] = []
        boxes: list[Box] = []
        extra: list[str] = []
        for shape in slide.shapes:
            box = Box(
                shape.left / PT,
                shape.top / PT,
                (shape.left + shape.width) / PT,
                (shape.top + shape.height) / PT,
            )
            if shape.has_chart:
                chart = shape.chart
                boxes.append(box)
                if chart.has_title:
                    extra.append(chart.chart_title.text_frame.text)
                plot = chart.plots[0]
                extra.extend(str(c) for c in plot.categories)
                for s in plot.series:
                    extra.append(s.name)
                    extra.extend(f"{v:g}" for v in s.values)
                if chart.plots[0].__class__.__name__ != "PiePlot":
                    with contextlib.suppress(Exception):
                        extra.append(chart.value_axis.axis_title.text_frame.text)
                extra.append(shape._element.xpath("./p:nvGraphicFramePr/p:cNvPr/@descr")[0])
                continue
            if shape.shape_type == 13:  # picture
                extra.append(shape._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0])
                continue
            w = _shape_words(shape)
            if w:
                words.extend(w)
                boxes.append(box)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(SlideText(words, boxes, notes, "\n".join(extra)))
    return slides


# ---------------------------------------------------------------------------
# What LibreOffice drew


@dataclass
class PdfWord:
    """A word pdftotext found, with its box in points."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class PdfPage:
    width: float
    height: float
    words: list[PdfWord]
    lines: list[tuple[float, float, float, float, str]]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def read_pdf(pdf: Path) -> list[PdfPage]:
    """Every page's words and lines with their boxes."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for m in _PAGE.finditer(xml):
        words, lines = [], []
        for line in _LINE.finditer(m.group(3)):
            ws = [PdfWord(html.unescape(w[4]), *map(float, w[:4])) for w in _WORD.findall(line.group(5))]
            words.extend(ws)
            x0, y0, x1, y1 = (float(v) for v in line.groups()[:4])
            lines.append((x0, y0, x1, y1, " ".join(w.text for w in ws)))
        pages.append(PdfPage(float(m.group(1)), float(m.group(2)), words, lines))
    return pages


# ---------------------------------------------------------------------------
# The decks: every example and the long brief, converted in one LibreOffice run


@dataclass
class Built:
    name: str
    loaded: LoadedBrief
    data: bytes
    slides: list[SlideText]
    pages: list[PdfPage]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    _tools()
    tmp = tmp_path_factory.mktemp("decks")
    sources = {p.stem: load(p) for p in EXAMPLES}
    sources["long"] = load(long_brief(tmp / "long"))
    decks: dict[str, bytes] = {name: _deck(loaded) for name, loaded in sources.items()}
    # the other shipped themes, on the long brief
    decks["long-sandstone"] = _deck(sources["long"], "sandstone")
    decks["long-print"] = _deck(sources["long"], "print")
    sources["long-sandstone"] = sources["long-print"] = sources["long"]
    # a user's template, its layouts where python-pptx's default template puts them
    asean = "asean-58th-amm"
    decks["asean-template"] = _deck(sources[asean], template=_template(tmp / "corp.pptx"))
    sources["asean-template"] = sources[asean]
    paths = []
    for name, data in decks.items():
        path = tmp / f"{name}.pptx"
        path.write_bytes(data)
        paths.append(path)
    done = soffice_to_pdf(paths, tmp)
    out = {}
    for name, data in decks.items():
        pdf = tmp / f"{name}.pdf"
        assert pdf.is_file(), (
            f"soffice made no PDF of {name} (exit {done.returncode}): {done.stderr or done.stdout}"
        )
        out[name] = Built(name, sources[name], data, read_deck(data), read_pdf(pdf))
    return out


NAMES = [p.stem for p in EXAMPLES] + ["long", "long-sandstone", "long-print", "asean-template"]


def _inside(w: PdfWord, boxes: list[Box]) -> bool:
    """The word lies in a box; vertically its glyph box (taller than the line pitch) may stick out by a third."""
    dy = (w.y1 - w.y0) * 0.34
    return any(
        w.x0 >= b.x0 - 2 and w.x1 <= b.x1 + 2 and w.y0 >= b.y0 - dy and w.y1 <= b.y1 + dy for b in boxes
    )


@pytest.mark.parametrize("name", NAMES)
def test_no_word_off_its_slide_or_its_box(built: dict[str, Built], name: str) -> None:
    deck = built[name]
    assert len(deck.pages) == len(deck.slides)
    problems = []
    for n, (page, slide) in enumerate(zip(deck.pages, deck.slides, strict=True), start=1):
        for w in page.words:
            if w.x0 < -0.5 or w.y0 < -0.5 or w.x1 > page.width + 0.5 or w.y1 > page.height + 0.5:
                problems.append(f"slide {n}: {w.text!r} off the slide at {w.x0:.0f},{w.y0:.0f}")
            elif not _inside(w, slide.boxes):
                problems.append(
                    f"slide {n}: {w.text!r} outside every text box at {w.x0:.0f},{w.y0:.0f}–{w.y1:.0f}"
                )
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("name", NAMES)
def test_no_two_text_lines_overlap(built: dict[str, Built], name: str) -> None:
    problems = []
    for n, page in enumerate(built[name].pages, start=1):
        lines = page.lines
        for i in range(len(lines)):
            ax0, ay0, ax1, ay1, at = lines[i]
            ah = ay1 - ay0
            for j in range(i + 1, len(lines)):
                bx0, by0, bx1, by1, bt = lines[j]
                bh = by1 - by0
                # the glyph boxes pdftotext gives are taller than the line pitch: compare their middle halves
                top = max(ay0 + ah * 0.25, by0 + bh * 0.25)
                bottom = min(ay1 - ah * 0.25, by1 - bh * 0.25)
                left, right = max(ax0, bx0), min(ax1, bx1)
                if (
                    bottom - top > 0.5
                    and right - left > 0.5
                    and not _one_rtl_line(lines[i], lines[j])
                    and not _one_stacked_line(lines[i], lines[j])
                ):
                    problems.append(f"slide {n}: {at[:40]!r} overlaps {bt[:40]!r}")
    assert not problems, "\n".join(problems[:20])


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("\ufb01", "fi").replace("\ufb02", "fl")


_STACKED = re.compile("[\u1000-\u109f\u1780-\u17ff]")
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def _one_rtl_line(
    a: tuple[float, float, float, float, str], b: tuple[float, float, float, float, str]
) -> bool:
    """Two of pdftotext's lines that are one line of right-to-left text: it cuts Arabic at a mark."""
    return bool(_RTL.search(a[4]) and _RTL.search(b[4])) and abs(a[3] - b[3]) < 1.0 and abs(a[1] - b[1]) < 1.0


def _one_stacked_line(
    a: tuple[float, float, float, float, str], b: tuple[float, float, float, float, str]
) -> bool:
    """Two of pdftotext's lines that are one line of Khmer or Myanmar: it cuts a word before a subscript
    consonant (a coeng or virama and the consonant drawn under its base), in the same band."""
    starts = any(t[4][:1] in _SUBSCRIPT_SIGNS for t in (a, b))
    return starts and abs(a[1] - b[1]) < 2.0  # the same top: the subscript only reaches deeper


_SUBSCRIPT_SIGNS = frozenset("\u17d2\u1039")  # Khmer coeng, Myanmar virama


def _letters(text: str) -> Counter[str]:
    """The letters and digits of ``text``, counted (marks and punctuation aside)."""
    return Counter(ch for ch in text if ch.isalnum())


@pytest.mark.parametrize("name", NAMES)
def test_every_word_of_the_slides_is_rendered(built: dict[str, Built], name: str) -> None:
    deck = built[name]
    problems = []
    for n, (page, slide) in enumerate(zip(deck.pages, deck.slides, strict=True), start=1):
        drawn = _squash("".join(w.text for w in page.words))
        # LibreOffice draws right-to-left words in visual order and maps its lam-alef and other
        # ligatures back in logical order, so an Arabic word is looked for by its letters
        letters = _letters(drawn)
        rtl = any(_RTL.search(word) for word in slide.words)  # neutrals move where directions meet
        for word in slide.words:
            if rtl or _STACKED.search(
                word
            ):  # pdftotext puts a Khmer or Myanmar subscript on a line of its own
                if not _letters(word) <= letters:
                    problems.append(f"slide {n}: {word[:60]!r} missing from the render")
            elif _squash(word) not in drawn:
                problems.append(f"slide {n}: {word[:60]!r} missing from the render")
    assert not problems, "\n".join(problems[:20])


def _brief_strings(brief: Brief) -> Iterator[str]:
    """Every string of the brief a reader must find in the deck (markup removed)."""
    b = brief
    yield from (b.title, b.summary, b.meeting.name)
    for x in (
        b.subtitle,
        b.classification,
        b.outlook,
        b.meeting.short_name,
        b.meeting.location,
        b.meeting.chair,
        b.meeting.theme,
    ):
        if x:
            yield x
    yield from b.meeting.participants
    for x in (b.memo.to, b.memo.from_, b.memo.prepared_by, b.memo.organization):
        if x:
            yield x
    for kp in b.key_points:
        yield from (kp.title, kp.body)
        if kp.notes:
            yield kp.notes
        if kp.quote:
            yield from (x for x in (kp.quote.text, kp.quote.by, kp.quote.role) if x)
    for p in b.positions:
        yield from (p.actor, p.summary, *p.points)
    for r in b.reactions:
        yield from (x for x in (r.outlet, r.country, r.summary) if x)
    yield from b.recommendations
    yield from b.highlights
    for s in b.sections:
        yield s.title
        for block in s.blocks:
            v = block.value
            if block.kind == "text":
                yield v
            elif block.kind == "bullets":
                yield from v
            elif block.kind == "quote":
                yield from (x for x in (v.text, v.by, v.role) if x)
            elif block.kind == "table":
                yield from v.columns
                for row in v.rows:
                    yield from (c for c in row if c)
                if v.caption:
                    yield v.caption
            elif block.kind == "chart":
                yield from (x for x in (v.title, v.unit) if x)
                yield from v.categories
                yield from (s.name for s in v.series)
            elif block.kind == "image":
                yield v.alt
                if v.caption:
                    yield v.caption
    for src in b.sources:
        yield from (x for x in (src.title, src.publisher, src.url) if x)


def _sentences(text: str) -> list[str]:
    from briefgen.layout.text import split_sentences
    from briefgen.load.markup import parse_inline, plain_text

    return [plain_text(s) for s in split_sentences(parse_inline(text))] or [strip_markup(text)]


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["long"])
def test_every_string_of_the_brief_is_on_a_slide_or_in_its_notes(built: dict[str, Built], name: str) -> None:
    deck = built[name]
    everything = _squash("".join(" ".join(s.words) + s.notes + s.extra for s in deck.slides))
    missing = []
    for text in _brief_strings(deck.loaded.brief):
        for sentence in _sentences(text):
            if _squash(sentence) not in everything:
                missing.append(sentence[:80])
    assert not missing, "\n".join(missing[:20])


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["long"])
def test_every_content_slide_has_notes(built: dict[str, Built], name: str) -> None:
    for n, slide in enumerate(built[name].slides, start=1):
        assert slide.notes.strip(), f"slide {n} has no speaker notes"


def test_long_deck_has_a_sensible_number_of_slides(built: dict[str, Built]) -> None:
    deck = built["long"]
    plan = plan_deck(deck.loaded, load_theme())
    kinds = [type(s).__name__ for s in plan.slides]
    assert kinds.count("TableSlide") >= 4  # 60 rows and 24 reactions continue
    assert 60 <= len(plan.slides) <= 100, len(plan.slides)


# ---------------------------------------------------------------------------
# Charts, pictures, properties, reproducibility (no LibreOffice needed)

TRADE = ROOT / "briefs" / "quarterly-trade-review.yaml"


def _prs(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def test_picture_has_its_alt_text_and_keeps_its_aspect_ratio(tmp_path: Path) -> None:
    loaded = load(long_brief(tmp_path))
    data = _deck(loaded)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    assert 'descr="Three boxes joined by arrows: the review process"' in xml
    pics = [shape for slide in _prs(data).slides for shape in slide.shapes if shape.shape_type == 13]
    assert len(pics) == 1
    assert pics[0].width / pics[0].height == pytest.approx(640 / 360, rel=1e-3)


def test_every_picture_and_chart_has_alt_text(tmp_path: Path) -> None:
    loaded = load(long_brief(tmp_path))
    seen = {"picture": 0, "chart": 0}
    for slide in _prs(_deck(loaded)).slides:
        for shape in slide.shapes:
            if shape.shape_type == 13 or shape.has_chart:
                seen["chart" if shape.has_chart else "picture"] += 1
                descr = shape._element.xpath("./*[1]/p:cNvPr/@descr")
                assert descr and descr[0].strip()
    assert seen == {"picture": 1, "chart": 4}  # the long brief's picture and its chart of each kind


def test_title_comes_first_in_reading_order_and_titles_are_unique(tmp_path: Path) -> None:
    for path in [*EXAMPLES, long_brief(tmp_path)]:
        prs = _prs(_deck(load(path)))
        titles = []
        for slide in prs.slides:
            first = slide.shapes[0]
            assert first.is_placeholder and first.placeholder_format.type in (1, 3), (
                path
            )  # TITLE, CENTER_TITLE
            titles.append(first.text_frame.text)
        assert len(set(titles)) == len(titles), path


def test_core_properties_and_no_leaks() -> None:
    loaded = load(ROOT / "briefs" / "asean-58th-amm.yaml")
    data = _deck(loaded)
    cp = _prs(data).core_properties
    assert cp.title == strip_markup(loaded.brief.title)
    assert cp.author == "zai" and cp.last_modified_by == "zai"
    assert cp.subject and cp.keywords and "58th AMM" in cp.keywords
    assert cp.created.year == 2025 and cp.modified == cp.created
    assert cp.comments == ""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        meta = z.read("docProps/core.xml").decode() + z.read("docProps/app.xml").decode()
    for leak in ("python-pptx", "Steve Canny", "Microsoft Macintosh", str(ROOT), "/tmp", "home/"):
        assert leak not in meta
    assert "docProps/thumbnail.jpeg" not in names
    assert "<Slides>" in meta and "<Application>briefgen</Application>" in meta


def test_fonts_named_in_every_run() -> None:
    data = _deck(load(ROOT / "briefs" / "asean-58th-amm.yaml"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if re.match(r"ppt/slides/slide\d+\.xml$", name):
                xml = z.read(name).decode()
                runs = re.findall(r"<a:r>(.*?)</a:r>", xml)
                assert runs
                for run in runs:
                    assert '<a:latin typeface="Calibri"/>' in run


def test_reproducible_bytes(tmp_path: Path) -> None:
    loaded = load(long_brief(tmp_path))
    first = _deck(loaded)
    second = _deck(load(long_brief(tmp_path)))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 7, 8, 0, 0, 0)}
    assert _deck(loaded, epoch=EPOCH + 86400) != first


def test_slide_size_is_the_themes_16_9() -> None:
    prs = _prs(_deck(load(EXAMPLES[0])))
    assert (prs.slide_width, prs.slide_height) == (Emu(960 * PT), Emu(540 * PT))


def test_picture_drawn_with_pillow_helper(tmp_path: Path) -> None:
    draw_picture(tmp_path / "x.png")
    assert (tmp_path / "x.png").stat().st_size > 0
    assert len(LONG_WORD) == 400


def test_a_line_of_deep_script_does_not_rise_into_the_line_above(built: dict[str, Built]) -> None:
    """LibreOffice sets a line of exact spacing at the pitch less the line's deepest descent: the
    participants' second line, which holds Myanmar, must still sit a full pitch below the first."""
    deck = built["asean-58th-amm-delegations"]
    (page,) = [p for p in deck.pages if any(w.text == "(Cambodian" for w in p.words)][:1]
    top = {w.text: w.y0 for w in page.words if w.text in ("(China's", "(Cambodian", "(Myanmar")}
    assert len(top) == 3, top
    prs = Presentation(io.BytesIO(deck.data))
    sizes = [
        run.font.size.pt
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
        for para in cell.text_frame.paragraphs
        for run in para.runs
        if "Cambodian" in run.text
    ]
    pitch = sizes[0] * load_theme().type_scale.deck.line_spacing
    assert top["(Cambodian"] - top["(China's"] >= 0.95 * pitch, (top, pitch)
    assert top["(Myanmar"] - top["(Cambodian"] >= 0.95 * pitch, (top, pitch)
