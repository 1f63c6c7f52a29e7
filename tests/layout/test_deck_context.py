"""The planning context: slide geometry, balanced groups, and warnings placed at the brief's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.layout.deck_context import DeckContext, balanced_groups, slide_frame
from briefgen.layout.slides import Rect
from briefgen.load.loader import load
from briefgen.theme import load_theme

ASEAN = Path(__file__).resolve().parents[2] / "briefs" / "asean-58th-amm.yaml"


def test_frame_stacks_title_content_and_footer_inside_the_slide() -> None:
    theme = load_theme()
    for banner in (False, True):
        f = slide_frame(theme, banner=banner)
        assert (f.width, f.height) == (theme.slide.width, theme.slide.height)
        assert (
            f.title.bottom
            < f.content.y
            < f.content.bottom
            < f.footer.y
            < f.footer.bottom
            <= f.height - f.banner
        )
        assert f.content.x == theme.slide.margins.left
        assert f.content.right == pytest.approx(f.width - theme.slide.margins.right)
    assert slide_frame(theme, banner=True).banner > 0 == slide_frame(theme, banner=False).banner


def test_a_template_title_box_moves_the_content_under_it() -> None:
    theme = load_theme()
    f = slide_frame(theme, banner=False, title=Rect(40, 100, 600, 60), size=(720, 540))
    assert (f.width, f.height) == (720, 540)
    assert f.title == Rect(40, 100, 600, 60) and f.content.y > 160


@pytest.mark.parametrize(("n", "per", "sizes"), [(0, 3, []), (3, 3, [3]), (7, 3, [3, 2, 2]), (4, 3, [2, 2])])
def test_groups_are_as_even_as_can_be(n: int, per: int, sizes: list[int]) -> None:
    groups = balanced_groups(n, per)
    assert [len(g) for g in groups] == sizes
    assert [i for g in groups for i in g] == list(range(n))


def test_warnings_point_at_the_brief_and_series_count_up() -> None:
    loaded = load(ASEAN)
    doc = loaded.document
    theme = load_theme()

    def where(path: tuple[object, ...]) -> tuple[str, int, int]:
        line, col = doc.where(path)
        return doc.file, line, col

    cx = DeckContext.create(loaded.brief, theme, ASEAN.parent, where, slide_frame(theme, banner=True))
    cx.warn(("key_points", 1, "title"), "too long")
    cx.warn(("key_points", 1, "title"), "too long")
    (found,) = cx.warnings  # once, at the model path; the build positions it
    assert found.path == ("key_points", 1, "title")
    w = found.at(doc)
    assert w.file.endswith("asean-58th-amm.yaml") and w.line > 1 and w.severity == "warning"
    assert "ASEAN 2045 Vision" in ASEAN.read_text(encoding="utf-8").splitlines()[w.line - 1]
    assert [cx.series(), cx.series(), cx.series()] == [1, 2, 3]
