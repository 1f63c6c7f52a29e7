"""The memo's boxes: a Panel measures, splits within the room it is given and carries its label column on."""

from __future__ import annotations

import pytest

from briefgen.layout.memo import label_width
from briefgen.layout.memo_blocks import Chip
from briefgen.layout.memo_writer import Styles, para, plain_runs
from briefgen.render.memo_boxes import Blank, Panel, ToneChip
from briefgen.render.memo_flow import BIG, FontBook, TextFlow
from briefgen.theme import Theme, load_theme

WIDTH = 400.0


@pytest.fixture(scope="module")
def theme() -> Theme:
    return load_theme()


@pytest.fixture(scope="module")
def styles(theme: Theme) -> Styles:
    return Styles(theme)


@pytest.fixture(scope="module")
def fonts() -> FontBook:
    return FontBook()


def _para(styles: Styles, fonts: FontBook, words: int, width: float = WIDTH, **kw: float) -> TextFlow:
    """A paragraph of ``words`` words, planned for a box ``width`` wide."""
    block = para(plain_runs(" ".join(f"word{i}" for i in range(words))), styles.body, **kw)
    block.measure(width)
    return TextFlow(block, fonts)


def test_wrap_height_is_the_padding_plus_the_children_and_their_gap(styles: Styles, fonts: FontBook) -> None:
    pad = (9.0, 12.0, 11.0, 15.0)
    inner = WIDTH - 5.0 - 12.0 - 15.0
    a = _para(styles, fonts, 40, inner, space_after=4.0)
    b = _para(styles, fonts, 10, inner, space_before=7.0)
    panel = Panel([a, b], pad=pad, left=5.0)
    ha, hb = a.wrap(inner, BIG)[1], b.wrap(inner, BIG)[1]
    assert ha > styles.body.line_height, "the first child should take several lines"
    w, h = panel.wrap(WIDTH, BIG)
    assert w == WIDTH
    assert h == pytest.approx(9.0 + ha + 7.0 + hb + 11.0)  # the larger of the two spaces between them


def test_a_label_taller_than_the_children_sets_the_height(styles: Styles, fonts: FontBook) -> None:
    label = _para(styles, fonts, 30, 60.0)
    panel = Panel([_para(styles, fonts, 2)], label=label, label_width=60.0, label_gap=10.0, pad=(3, 0, 4, 0))
    h = panel.wrap(WIDTH, BIG)[1]
    assert h == pytest.approx(3 + label.wrap(60.0, BIG)[1] + 4)


def test_split_keeps_each_part_within_the_room_and_loses_nothing(styles: Styles, fonts: FontBook) -> None:
    pad = (6.0, 0.0, 6.0, 10.0)
    inner = WIDTH - pad[1] - pad[3]
    children = [_para(styles, fonts, n, inner) for n in (60, 80, 60)]
    panel = Panel(children, pad=pad, fill="#EEEEEE", space_before=5.0, space_after=8.0)
    whole = panel.wrap(WIDTH, BIG)[1]
    room = whole * 0.45
    first, rest = panel.split(WIDTH, room)
    assert first.wrap(WIDTH, room)[1] <= room + 1e-6
    assert rest.wrap(WIDTH, BIG)[1] < whole

    def lines(p: Panel) -> int:
        return sum(len(c.lines) for c in p.children)

    assert lines(first) + lines(rest) == sum(len(c.lines) for c in children)
    # the space before and the top rule belong to the head, the space after to the tail
    assert (first.spaceBefore, first.spaceAfter, rest.spaceBefore, rest.spaceAfter) == (5.0, 0.0, 0.0, 8.0)


def test_split_carries_a_tall_label_column_to_the_next_part(styles: Styles, fonts: FontBook) -> None:
    label = _para(styles, fonts, 120, 80.0)
    panel = Panel([_para(styles, fonts, 200, WIDTH - 90.0)], label=label, label_width=80.0, label_gap=10.0)
    room = panel.wrap(WIDTH, BIG)[1] * 0.5
    first, rest = panel.split(WIDTH, room)
    assert first.wrap(WIDTH, room)[1] <= room + 1e-6
    assert isinstance(first.label, TextFlow) and isinstance(rest.label, TextFlow)
    total = len(label.lines)
    assert len(first.label.lines) + len(rest.label.lines) == total
    assert rest.label_width == 80.0


def test_a_short_label_stays_on_the_first_part_and_leaves_an_empty_column(
    styles: Styles, fonts: FontBook
) -> None:
    label = _para(styles, fonts, 1, 80.0)
    panel = Panel([_para(styles, fonts, 300, WIDTH - 90.0)], label=label, label_width=80.0, label_gap=10.0)
    first, rest = panel.split(WIDTH, panel.wrap(WIDTH, BIG)[1] * 0.5)
    assert first.label is label
    assert isinstance(rest.label, Blank)
    assert rest._inner_width(WIDTH) == first._inner_width(WIDTH)  # the text column stays where it was


def test_a_panel_that_cannot_split_returns_nothing(styles: Styles, fonts: FontBook) -> None:
    one_line = Panel([_para(styles, fonts, 1)], pad=(4.0, 0.0, 4.0, 0.0))
    h = one_line.wrap(WIDTH, BIG)[1]
    assert one_line.split(WIDTH, h - 1.0) == []
    assert one_line.split(WIDTH, 6.0) == []  # not even the padding fits


def test_tone_chip_is_as_wide_as_its_measured_text_plus_padding(theme: Theme, fonts: FontBook) -> None:
    face = theme.body_family.face(True, False)
    size = 8.0
    measured = label_width("Critical", face, size, 0.0)
    chip = ToneChip(Chip("Critical", "#AA0000", "#FFFFFF", face, size, measured), fonts.name(face))
    assert measured > 0
    assert chip.wrap(500.0, BIG) == pytest.approx((measured + size * 1.3, size * 1.55))
    assert chip.wrap(10.0, BIG)[0] == 10.0  # never wider than the cell
