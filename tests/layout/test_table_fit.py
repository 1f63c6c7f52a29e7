"""Deck tables: columns that hold their longest word, rows split across slides with the header repeated."""

from __future__ import annotations

from briefgen.layout.deck_fit import Typesetter
from briefgen.layout.slides import Insets, Rect
from briefgen.layout.table_fit import CellSpec, TableStyle, column_widths, fit_table
from briefgen.load.markup import Run
from briefgen.substitutes import widest_family
from briefgen.theme import load_theme

STYLE = TableStyle(Insets(4, 6, 4, 6), "#CCCCCC")


def _cell(text: str, bold: bool = False) -> CellSpec:
    return CellSpec((Run(text, bold),), "#000000")


def test_every_column_holds_its_longest_word_in_the_widest_substitute() -> None:
    theme = load_theme()
    ts = Typesetter(theme)
    rows = [[_cell("Country", True), _cell("Tone", True), _cell("Summary", True)]]
    rows += [[_cell("Malaysia"), _cell("Positive"), _cell("Praised the meeting's tone of unity " * 4)]]
    widths = column_widths(ts.at_widest(), rows, 14, 500, STYLE, fill=True)
    assert abs(sum(widths) - 500) < 0.01
    widest = widest_family(theme.body_family)
    pad = STYLE.insets.left + STYLE.insets.right
    for c, word in ((0, "Malaysia"), (1, "Positive")):
        assert widths[c] - pad >= widest.face(False, False).advance(word, 14)
        assert widths[c] - pad >= widest.face(True, False).advance(rows[0][c].runs[0].text, 14)


def test_a_long_table_continues_on_balanced_pages_with_its_header() -> None:
    ts = Typesetter(load_theme())
    header = [_cell("No.", True), _cell("Item", True)]
    rows = [[_cell(str(n)), _cell(f"Item {n} with a few words of description")] for n in range(40)]
    fitted = fit_table(ts, header, rows, Rect(0, 0, 600, 300), 16, 12, STYLE, name="Table")
    assert len(fitted.pages) >= 2
    assert all(page.rows[0][0].paras[0].text == "No." for page in fitted.pages)
    assert sum(len(page.rows) - 1 for page in fitted.pages) == 40
    assert all(page.rect.h <= 300 + 1e-6 for page in fitted.pages)
    counts = [len(page.rows) - 1 for page in fitted.pages]
    assert min(counts) >= max(counts) - 2  # balanced, no stub page


def test_a_table_that_fits_keeps_the_base_size_on_one_page() -> None:
    ts = Typesetter(load_theme())
    fitted = fit_table(
        ts, None, [[_cell("a"), _cell("b")]], Rect(0, 0, 400, 300), 16, 12, STYLE, name="Table"
    )
    assert fitted.size == 16 and len(fitted.pages) == 1
