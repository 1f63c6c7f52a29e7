"""A line's visual order (layout/bidi.py): runs cut where the bidi level changes, right to left where Arabic is."""

from __future__ import annotations

from briefgen.layout.bidi import has_marks, visual_pieces
from briefgen.load.markup import Run


def test_a_latin_line_is_one_piece_per_run_in_logical_order() -> None:
    runs = (Run("Kuala "), Run("Lumpur", bold=True))
    pieces = visual_pieces(runs, False)
    assert [(p.text, p.rtl, p.start) for p in pieces] == [("Kuala ", False, 0), ("Lumpur", False, 6)]


def test_an_arabic_line_with_a_latin_name_is_drawn_right_to_left() -> None:
    runs = (Run("وزراء ASEAN في كوالالمبور"),)
    pieces = visual_pieces(runs, True)
    # drawn left to right: the end of the sentence first, the Latin name in the middle, its start last
    assert [(p.text, p.rtl, p.start) for p in pieces] == [
        (" في كوالالمبور", True, 11),
        ("ASEAN", False, 6),
        ("وزراء ", True, 0),
    ]


def test_marks_are_found_only_where_a_combining_mark_is() -> None:
    assert has_marks("e\u0301t") and not has_marks("été") and not has_marks("")
