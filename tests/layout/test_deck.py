"""The deck planner, pure: slide kinds and order, unique titles, fit, balanced continuations, nothing dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from deckbriefs import LONG_WORD, WORDS, long_brief, long_brief_data

from briefgen.layout.deck import plan_deck, slide_frame
from briefgen.layout.slides import (
    CardsSlide,
    ChartSlide,
    DeckPlan,
    FactsSlide,
    ImageSlide,
    KeyPointSlide,
    Shape,
    TableFrame,
    TableSlide,
    TextBox,
    TextSlide,
    TitleSlide,
)
from briefgen.layout.text import split_sentences
from briefgen.load.loader import load
from briefgen.load.markup import parse_inline, plain_text, strip_markup
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))


@pytest.fixture(scope="module")
def long_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return long_brief(tmp_path_factory.mktemp("long"))


@pytest.fixture(scope="module")
def long_plan(long_path: Path) -> DeckPlan:
    return plan_deck(load(long_path), load_theme())


@pytest.fixture(scope="module")
def asean_plan() -> DeckPlan:
    return plan_deck(load(ASEAN), load_theme())


def _boxes(plan: DeckPlan) -> Iterator[tuple[int, TextBox]]:
    for n, slide in enumerate(plan.slides, start=1):
        for el in slide.elements():
            if isinstance(el, TextBox):
                yield n, el


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


def test_titles_unique_and_in_the_title_frame(long_plan: DeckPlan, asean_plan: DeckPlan) -> None:
    for plan in (long_plan, asean_plan):
        assert len(set(plan.titles)) == len(plan.titles)
        for slide in plan.slides:
            assert slide.title_box.placeholder == "title"
            assert slide.elements()[0] is slide.title_box
            assert plain_text(slide.title_box.paras[0].runs) == slide.title


def test_continuation_titles_number_themselves(long_plan: DeckPlan) -> None:
    series: dict[str, list[tuple[int, int]]] = {}
    for t in long_plan.titles:
        m = re.fullmatch(r"(.*) \((\d+)/(\d+)\)", t)
        if m:
            series.setdefault(m.group(1), []).append((int(m.group(2)), int(m.group(3))))
    assert "Positions" in series and "Reactions" in series and "Figures and pictures" in series
    for name, parts in series.items():
        n = parts[0][1]
        assert [p for p, _ in parts] == list(range(1, n + 1)), name
        assert all(total == n for _, total in parts), name


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


def _flow_text(slide: TextSlide | KeyPointSlide) -> list[str]:
    return [p.text for el in slide.content() if isinstance(el, TextBox) for p in el.paras]


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


def _plan_text(plan: DeckPlan) -> str:
    out = []
    for slide in plan.slides:
        for el in slide.elements():
            if isinstance(el, TextBox):
                out.append(el.text)
            elif isinstance(el, TableFrame):
                out.extend(p.text for row in el.rows for cell in row for p in cell.paras)
        out.extend(plain_text(r) for r in slide.notes)
    return re.sub(r"\s+", "", " ".join(out))


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
    counts = [len(p.table.rows) - 1 for p in pages]
    assert min(counts) >= 0.5 * max(counts), counts
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


def test_charts_and_pictures_get_their_own_slides(long_plan: DeckPlan) -> None:
    charts = [s for s in long_plan.slides if isinstance(s, ChartSlide)]
    assert [c.chart.kind for c in charts] == ["column", "bar", "line", "pie"]
    assert charts[0].chart.legend and not charts[1].chart.legend
    assert charts[0].chart.data_labels and not charts[2].chart.data_labels
    (image,) = [s for s in long_plan.slides if isinstance(s, ImageSlide)]
    r = image.picture.rect
    assert r.w / r.h == pytest.approx(640 / 360)
    assert image.picture.alt.startswith("Three boxes")
    assert image.caption and image.caption.rect.y >= r.bottom


def test_short_key_points_pair_up_long_ones_continue(long_plan: DeckPlan) -> None:
    titles = long_plan.titles
    assert "Key points 1 and 2" in titles
    assert any(t.startswith("Key point 3:") and t.endswith("(1/2)") for t in titles)


def test_positions_are_cards_two_or_three_a_slide(long_plan: DeckPlan) -> None:
    slides = [s for s in long_plan.slides if isinstance(s, CardsSlide)]
    assert sum(len(s.cards) for s in slides) >= 7
    assert all(1 <= len(s.cards) <= 3 for s in slides)


def test_facts_and_title_slide(asean_plan: DeckPlan) -> None:
    title = asean_plan.slides[0]
    assert isinstance(title, TitleSlide)
    assert title.subtitle is not None and title.subtitle.placeholder == "subtitle"
    assert title.details is not None and "8–11 July 2025" in title.details.text
    facts = asean_plan.slides[2]
    assert isinstance(facts, FactsSlide)
    labels = [row[0].paras[0].text for row in facts.table.rows]
    assert labels[:4] == ["MEETING", "DATES", "LOCATION", "CHAIR"]


def test_every_slide_has_footer_number_and_banner(asean_plan: DeckPlan) -> None:
    for n, slide in enumerate(asean_plan.slides, start=1):
        names = {el.name: el for el in slide.chrome}
        assert names["Slide number"].paras[0].text == str(n)  # type: ignore[union-attr]
        assert names["Footer"].paras[0].text == "58th AMM · 8–11 July 2025"  # type: ignore[union-attr]
        assert names["Classification top"].paras[0].text == "UNCLASSIFIED"  # type: ignore[union-attr]
        assert names["Classification bottom"].fill == load_theme().banner("UNCLASSIFIED")[0]  # type: ignore[union-attr]


def test_no_banner_without_classification() -> None:
    plan = plan_deck(load(ROOT / "briefs" / "minimal.yaml"), load_theme())
    for slide in plan.slides:
        assert not any(el.name.startswith("Classification") for el in slide.chrome)
        assert slide.notes


def test_plan_is_pure_and_repeatable(long_path: Path) -> None:
    loaded = load(long_path)
    assert plan_deck(loaded, load_theme()) == plan_deck(loaded, load_theme())


def test_decor_shapes_hold_no_text(asean_plan: DeckPlan) -> None:
    for slide in asean_plan.slides:
        for el in slide.elements():
            if isinstance(el, Shape):
                assert el.fill.startswith("#")


def test_a_title_too_long_is_shrunk_and_reported(tmp_path: Path) -> None:
    data = long_brief_data(image=None)
    data["key_points"][0]["title"] = " ".join([LONG_WORD] * 3)
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    plan = plan_deck(load(path), load_theme())
    assert any("slide title" in w.message for w in plan.warnings)
    assert all(w.file == str(path) or w.file.endswith("b.yaml") for w in plan.warnings)
    for _, box in _boxes(plan):
        assert box.text_height <= box.rect.h - box.insets.top - box.insets.bottom + 0.01


def _paragraph(chars: int) -> str:
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


@pytest.mark.parametrize(
    "text",
    [
        "alpha beta gamma delta epsilon zeta eta theta",
        "first line\n   indented second line that is long enough to wrap",
        "a\n\nb",
        "  leading spaces and more words to wrap",
    ],
)
def test_table_cells_are_cut_where_their_lines_start(text: str) -> None:
    from briefgen.layout.deck_fit import Typesetter

    ts = Typesetter(load_theme("default"))
    runs = parse_inline(text)
    cuts = [plain_text(c) for c in ts.line_cuts(runs, 18, 120)]
    lines = [line.text for line in ts.wrap(runs, 18, 120).lines]
    assert "".join(cuts) == text  # nothing lost, nothing moved
    # each piece is its line, with the spaces and the forced break that end it
    assert [c.removesuffix("\n").rstrip(" ") for c in cuts] == lines
