"""A memo line's chunks (layout/memo_chunks.py): what the renderer draws, in order, at the width the PDF gives it."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics

from briefgen.layout.memo_blocks import TextStyle
from briefgen.layout.memo_chunks import DrawnLine, chunks_of, drawn
from briefgen.layout.text import wrap
from briefgen.load.markup import Run
from briefgen.render.memo_flow import FontBook
from briefgen.render.memo_script import shape, shaped_width
from briefgen.theme import load_theme


@pytest.fixture(scope="module")
def style() -> TextStyle:
    theme = load_theme()
    return TextStyle(theme.body_family, 11.0, "#000000", 1.2, "#0000FF", theme.fallbacks)


def test_a_latin_line_is_a_chunk_per_run_as_wide_as_reportlab_draws_it(style: TextStyle) -> None:
    runs = (Run("The ministers "), Run("endorsed", bold=True), Run(" AVT\u00a0office"))
    chunks = chunks_of(runs, style)
    assert [c.text for c in chunks] == [r.text for r in runs]
    assert [c.start for c in chunks] == [0, 1, 2] and not any(c.shaped or c.rtl for c in chunks)
    fonts = FontBook()
    for c in chunks:
        name = fonts.name(style.family.face(c.run.bold, c.run.italic))
        assert c.width == pytest.approx(pdfmetrics.stringWidth(c.text, name, 11.0), abs=1e-9)


def test_an_arabic_line_is_in_visual_order_its_arabic_shaped(style: TextStyle) -> None:
    arabic = style.fallbacks["Noto Sans Arabic"]
    runs = (
        Run("وزراء ", font="Noto Sans Arabic"),
        Run("ASEAN"),
        Run(" في كوالالمبور", font="Noto Sans Arabic"),
    )
    chunks = chunks_of(runs, style, True)
    assert [(c.text, c.rtl, c.shaped) for c in chunks] == [
        (" في كوالالمبور", True, True),
        ("ASEAN", False, False),
        ("وزراء ", True, True),
    ]
    name = FontBook().name(arabic.regular)
    first = chunks[0]
    assert first.width == pytest.approx(shaped_width(shape(first.text, name, 11.0, True), 11.0), abs=1e-9)


def test_a_drawn_line_keeps_the_engine_s_line_and_adds_its_chunks(style: TextStyle) -> None:
    (line,) = wrap((Run("Kuala Lumpur"),), style.family, 11.0, 500.0).lines
    out = drawn(line, style)
    assert isinstance(out, DrawnLine) and (out.runs, out.width) == (line.runs, line.width)
    assert out.chunks == chunks_of(line.runs, style)
