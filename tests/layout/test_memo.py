"""The memo's format-free decisions: page geometry, column widths, row cuts, and the widths it measures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from briefgen.layout.memo import (
    BANNER_EDGE,
    BANNER_HEIGHT,
    column_widths,
    label_width,
    line_chunks,
    longest_word,
    memo_geometry,
    natural_width,
)
from briefgen.layout.text import wrap
from briefgen.load.loader import load
from briefgen.load.markup import parse_inline
from briefgen.load.model import Brief
from briefgen.theme import load_theme


def _brief(classification: str | None, tmp_path: Path) -> Brief:
    data = {
        "title": "T",
        "meeting": {"name": "M", "date": "2026-03-02"},
        "summary": "S.",
        "key_points": [{"title": "K", "body": "B."}],
    }
    if classification:
        data["classification"] = classification
    path = tmp_path / f"{classification}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return load(path).brief


def test_banners_take_room_from_the_frame(tmp_path: Path) -> None:
    theme = load_theme()
    plain = memo_geometry(theme, _brief(None, tmp_path))
    marked = memo_geometry(theme, _brief("UNCLASSIFIED", tmp_path))
    assert marked.height < plain.height and marked.width == plain.width
    for geo in (plain, marked):  # header and footer lines clear of the banners and of the text frame
        band = BANNER_EDGE + (BANNER_HEIGHT if geo.banner else 0)
        assert geo.page_height - band > geo.header_baseline > geo.header_rule > geo.top
        assert band < geo.footer_baseline < geo.footer_rule < geo.bottom


@pytest.mark.parametrize(
    ("natural", "minimum", "total"),
    [([100, 300, 50], [40, 60, 30], 400), ([10, 10], [5, 5], 300), ([500, 500, 500], [200, 200, 200], 450)],
)
def test_columns_share_the_width_and_keep_their_longest_word(
    natural: list[float], minimum: list[float], total: float
) -> None:
    widths = column_widths(natural, minimum, total)
    assert sum(widths) == pytest.approx(total)
    if sum(minimum) <= total:
        assert all(w >= m - 1e-6 for w, m in zip(widths, minimum))
    else:
        assert widths == pytest.approx([total / len(natural)] * len(natural), rel=0.5)


def test_a_tall_row_is_cut_into_ranges_that_cover_every_line() -> None:
    assert line_chunks([3, 10, 1], 4) == [(0, 4), (4, 8), (8, 10)]
    assert line_chunks([2], 5) == [(0, 2)]
    assert line_chunks([0], 0) == [(0, 1)]


def test_natural_width_is_the_engines_one_line_width() -> None:
    theme = load_theme("default")
    family, size = theme.body_family, theme.type_scale.memo.small
    runs = parse_inline("Tariff quota **2025** in tonnes")
    whole = natural_width(runs, family, size)
    assert whole == wrap(runs, family, size, 1e7).lines[0].width
    assert len(wrap(runs, family, size, whole - 1).lines) == 2  # any narrower and it breaks


def test_longest_word_is_the_widest_word() -> None:
    face = load_theme("default").body_family.regular
    runs = parse_inline("a quota of fifteen-thousand tonnes")
    assert longest_word(runs, face, 9) == face.advance("fifteen-thousand", 9)
    assert longest_word((), face, 9) == 0.0


def test_label_width_counts_its_letter_spacing() -> None:
    face = load_theme("default").heading_family.face(True, False)
    plain = label_width("PARTICIPANTS", face, 8, 0.0)
    assert plain > 0
    assert label_width("PARTICIPANTS", face, 8, 0.64) == plain + 0.64 * len("PARTICIPANTS")
