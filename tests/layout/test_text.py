"""The text engine: exact wrapping with the shipped fonts, fitting, sentence and box splitting."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from briefgen.fonts import FontFamily
from briefgen.layout.text import (
    Paragraph,
    fit_size,
    join_runs,
    slice_runs,
    split_sentences,
    stack_height,
    wrap,
    wrap_all,
)
from briefgen.load.markup import Run, parse_inline, plain_text
from briefgen.session import RenderSession
from briefgen.theme import load_theme

ENDORSED = (
    "The ministers endorsed increased intra-ASEAN trade and investment, recognizing that regional "
    "cohesion and economic independence are vital in a time of rising global protectionism and "
    "geopolitical fragmentation."
)


@pytest.fixture(scope="module")
def arial() -> FontFamily:
    return load_theme("print").body_family


@pytest.fixture(scope="module")
def cambria() -> FontFamily:
    return load_theme("sandstone").heading_family


def texts(p: Paragraph) -> list[str]:
    return [line.text for line in p.lines]


# -- exact wrapping (these breaks were checked against LibreOffice) ------------


def test_calibri_20pt_in_400pt(calibri: FontFamily) -> None:
    p = wrap(parse_inline(ENDORSED), calibri, 20, 400)
    assert texts(p) == [
        "The ministers endorsed increased intra-ASEAN",
        "trade and investment, recognizing that regional",
        "cohesion and economic independence are vital",
        "in a time of rising global protectionism and",
        "geopolitical fragmentation.",
    ]
    assert [round(line.width, 2) for line in p.lines] == [376.32, 384.84, 382.08, 347.76, 219.36]
    assert p.height == pytest.approx(5 * 20 * 1.2)
    assert p.size == 20


def test_calibri_11pt_memo_column(calibri: FontFamily) -> None:
    assert len(wrap(parse_inline(ENDORSED), calibri, 11, 455.28).lines) == 3


def test_arial_14pt_in_300pt(arial: FontFamily) -> None:
    p = wrap(parse_inline(ENDORSED), arial, 14, 300)
    assert len(p.lines) == 5
    assert p.lines[-1].text == "geopolitical fragmentation."


def test_cambria_breaks_after_a_hyphen(cambria: FontFamily) -> None:
    p = wrap(parse_inline(ENDORSED), cambria, 24, 420)
    assert texts(p)[:2] == [
        "The ministers endorsed increased intra-",
        "ASEAN trade and investment, recognizing",
    ]
    assert len(p.lines) == 6


def test_over_long_words_are_cut_without_loss(calibri: FontFamily) -> None:
    p = wrap(parse_inline(ENDORSED), calibri, 18, 100)
    assert len(p.lines) == 19
    assert texts(p)[10:12] == ["independenc", "e are vital in"]
    assert all(line.width <= 100 for line in p.lines)
    assert "".join(t.replace(" ", "") for t in texts(p)) == ENDORSED.replace(" ", "")


def test_a_character_wider_than_the_box_gets_a_line_of_its_own(calibri: FontFamily) -> None:
    p = wrap((Run("WWW"),), calibri, 40, 5)
    assert texts(p) == ["W", "W", "W"]
    assert all(line.width > 5 for line in p.lines)


def test_no_character_is_lost_at_any_width(calibri: FontFamily) -> None:
    text = "https://www.example.org/asean/58th-amm/joint-communique — vis-à-vis U.S.-China “talks”."
    for width in (3, 17, 40, 77.7, 130, 260, 1000):
        p = wrap(parse_inline(text), calibri, 14, width)
        joined = "".join(t.replace(" ", "") for t in texts(p))
        assert joined == text.replace(" ", ""), width


def test_newline_forces_a_break_and_a_final_newline_adds_an_empty_line(calibri: FontFamily) -> None:
    p = wrap((Run("one\ntwo three\n"),), calibri, 12, 500)
    assert texts(p) == ["one", "two three", ""]


def test_empty_paragraph_is_one_empty_line(calibri: FontFamily) -> None:
    p = wrap((), calibri, 12, 100)
    assert texts(p) == [""]
    assert p.height == pytest.approx(14.4)


def test_trailing_spaces_hang_and_do_not_count(calibri: FontFamily) -> None:
    p = wrap((Run("alpha beta     gamma"),), calibri, 12, 60)
    assert texts(p) == ["alpha beta", "gamma"]
    assert p.lines[0].width == pytest.approx(calibri.regular.advance("alpha beta", 12))


def test_styles_survive_line_breaks(calibri: FontFamily) -> None:
    runs = parse_inline("plain **bold words that wrap** and *italic*")
    p = wrap(runs, calibri, 20, 120)
    assert join_runs(*(line.runs for line in p.lines)) != ()
    bold = "".join(r.text for line in p.lines for r in line.runs if r.bold)
    assert bold.replace(" ", "") == "boldwordsthatwrap"
    assert any(r.italic and r.text == "italic" for line in p.lines for r in line.runs)


def test_bold_is_measured_with_the_bold_face(calibri: FontFamily) -> None:
    plain = wrap((Run("Strategic Blueprint"),), calibri, 20, 1000).width
    bold = wrap((Run("Strategic Blueprint", bold=True),), calibri, 20, 1000).width
    assert bold > plain


def test_fallback_runs_are_measured_with_their_family(calibri: FontFamily) -> None:
    theme = load_theme("default")
    thai = "สวัสดีครับ"
    with_fallback = wrap((Run(thai, font="Noto Sans Thai"),), calibri, 20, 1000, fallbacks=theme.fallbacks)
    without = wrap((Run(thai),), calibri, 20, 1000)
    noto_thai = theme.fallbacks["Noto Sans Thai"].regular
    assert with_fallback.width == pytest.approx(noto_thai.advance(thai, 20))
    assert with_fallback.width != without.width


def test_line_spacing_sets_the_height(calibri: FontFamily) -> None:
    p = wrap(parse_inline(ENDORSED), calibri, 20, 400, line_spacing=1.5)
    assert p.line_height == 30
    assert p.height == 150


def test_wrap_is_deterministic_and_kept_in_the_active_session(calibri: FontFamily) -> None:
    a = wrap(parse_inline(ENDORSED), calibri, 16, 321)
    with RenderSession().active() as session:
        b = wrap(parse_inline(ENDORSED), calibri, 16, 321)
        assert wrap(parse_inline(ENDORSED), calibri, 16, 321) is b
        assert len(session.text.wraps) == 1
    assert a == b
    assert wrap(parse_inline(ENDORSED), calibri, 16, 321) is not b  # outside a session nothing is kept


def test_fit_size_keeps_the_size_when_it_fits(calibri: FontFamily) -> None:
    paras = [parse_inline(ENDORSED)]
    assert fit_size(paras, calibri, 864, 200, 20, 14) == 20


def test_fit_size_shrinks_to_the_largest_size_that_fits(calibri: FontFamily) -> None:
    paras = [parse_inline(ENDORSED)] * 3
    size = fit_size(paras, calibri, 400, 300, 20, 10, para_spacing=6)
    assert size is not None and 10 <= size < 20
    fits = stack_height(wrap_all(paras, calibri, size, 400), 6)
    bigger = stack_height(wrap_all(paras, calibri, size + 1, 400), 6)
    assert fits <= 300 < bigger


def test_fit_size_tries_the_floor_exactly_and_gives_up_below_it(calibri: FontFamily) -> None:
    paras = [parse_inline(ENDORSED)]
    floor_height = wrap(paras[0], calibri, 14.5, 300).height
    assert fit_size(paras, calibri, 300, floor_height, 20, 14.5, step=2) == 14.5
    assert fit_size(paras * 10, calibri, 300, 100, 20, 14) is None


def test_fit_size_rejects_a_bad_step(calibri: FontFamily) -> None:
    with pytest.raises(ValueError):
        fit_size([()], calibri, 100, 100, 12, 10, step=0)


# -- sentences ----------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [plain_text(s) for s in split_sentences(parse_inline(text))]


def test_sentences_split_after_full_stops_questions_and_exclamations() -> None:
    assert _sentences("One. Two? Three! “Four.” Five") == ["One. ", "Two? ", "Three! ", "“Four.” ", "Five"]


def test_sentences_do_not_split_after_abbreviations_or_initials() -> None:
    text = "Talks with the U.S. Navy, e.g. Admiral Lee. Dr. Tan spoke. See No. 5 and J. Smith. End."
    assert _sentences(text) == [
        "Talks with the U.S. Navy, e.g. Admiral Lee. ",
        "Dr. Tan spoke. ",
        "See No. 5 and J. Smith. ",
        "End.",
    ]


def test_sentences_need_a_capital_or_a_quote_next() -> None:
    assert _sentences("Version 2. then more. 3.5 percent") == ["Version 2. then more. 3.5 percent"]


def test_sentence_split_is_lossless_and_keeps_styles() -> None:
    runs = parse_inline("First **bold. Second** part. *Third*.")
    pieces = split_sentences(runs)
    assert join_runs(*pieces) == runs
    assert [plain_text(p) for p in pieces] == ["First bold. ", "Second part. ", "Third."]
    assert pieces[1][0] == Run("Second", bold=True)


def test_slice_and_join_runs() -> None:
    runs = parse_inline("ab **cd** ef")
    assert slice_runs(runs, 1, 5) == (Run("b "), Run("cd", bold=True))
    assert join_runs(slice_runs(runs, 0, 4), slice_runs(runs, 4, 8)) == runs


def test_thai_and_khmer_break_between_words_never_inside_a_cluster() -> None:
    fonts = Path(__file__).resolve().parents[2] / "assets" / "fonts"
    thai = FontFamily.from_files("Noto Sans Thai", fonts / "NotoSansThai" / "NotoSansThai-Regular.ttf")
    khmer = FontFamily.from_files("Noto Sans Khmer", fonts / "NotoSansKhmer" / "NotoSansKhmer-Regular.ttf")
    words = ["คณะ", "ผู้", "แทน", "ไทย", "เดิน", "ทาง", "ไป", "กรุง", "กัวลาลัมเปอร์"]
    text = "".join(words)
    ends = {sum(len(w) for w in words[: k + 1]) for k in range(len(words))}
    lines = wrap((Run(text),), thai, 11, 60).lines
    assert len(lines) > 2 and "".join(line.text for line in lines) == text
    at = 0
    for line in lines[:-1]:
        at += len(line.text)
        assert at in ends, (line.text, at)  # a line ends where a word does (ICU's dictionary)
    cluster = "គណៈប្រតិភូកម្ពុជា"  # a coeng (U+17D2) joins the next consonant: no cut after it
    for width in (8, 12, 20, 30):
        for line in wrap((Run(cluster),), khmer, 11, width).lines:
            assert not line.text.endswith("\u17d2") and not unicodedata.category(line.text[0]).startswith("M")
