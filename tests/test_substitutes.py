"""The widest substitute: a family measured as wide as Carlito, Liberation Sans and DejaVu Sans, whichever is widest."""

from __future__ import annotations

import json

import pytest
from fontsetups import find_system_font

from briefgen.assets import assets_dir
from briefgen.fonts import load_face, pixel_size
from briefgen.layout.text import wrap
from briefgen.load.markup import Run
from briefgen.session import RenderSession
from briefgen.substitutes import widest_family
from briefgen.theme import load_theme

TEXT = (
    "The 58th ASEAN Foreign Ministers' Meeting concluded in Kuala Lumpur with a joint communiqué "
    "reaffirming ASEAN's commitment to inclusivity, sustainability and regional centrality — Việt Nam, "
    "Ελλάδα, Россия."
)
FONTS = assets_dir() / "fonts"


@pytest.fixture(scope="module")
def body():  # type: ignore[no-untyped-def]
    return load_theme().body_family


@pytest.mark.parametrize("style", [(False, False), (True, False), (False, True), (True, True)])
def test_every_character_is_at_least_as_wide_as_in_each_substitute(body, style) -> None:  # type: ignore[no-untyped-def]
    px = pixel_size(18)
    widest = widest_family(body).face(*style)
    carlito = body.face(*style)
    liberation = load_face(FONTS / "LiberationSans" / _LIBERATION[style])
    wide = widest.char_pixels(TEXT, px)
    for other in (carlito.char_pixels(TEXT, px), liberation.char_pixels(TEXT, px)):
        assert all(w >= o for w, o in zip(wide, other, strict=True))
    # DejaVu Sans is the widest: a quarter wider than Carlito in regular, more in bold
    assert sum(wide) > 1.2 * sum(carlito.char_pixels(TEXT, px))


_LIBERATION = {
    (False, False): "LiberationSans-Regular.ttf",
    (True, False): "LiberationSans-Bold.ttf",
    (False, True): "LiberationSans-Italic.ttf",
    (True, True): "LiberationSans-BoldItalic.ttf",
}


def test_the_widest_family_keeps_the_deck_font_name_and_coverage(body) -> None:  # type: ignore[no-untyped-def]
    widest = widest_family(body)
    assert widest.name == body.name == "Calibri"
    assert widest.regular.covers("é") and not widest.regular.covers("ก")
    assert widest.regular.ascent == body.regular.ascent
    with RenderSession().active():
        once = widest_family(body)
        assert widest_family(body) is once  # one per family in a session: wrap's cache keys stay equal


def test_text_wrapped_at_the_widest_has_no_fewer_lines_than_in_any_substitute(body) -> None:  # type: ignore[no-untyped-def]
    runs = (Run(TEXT * 3),)
    dejavu_path = find_system_font("DejaVuSans.ttf")
    families = [body, load_face(FONTS / "LiberationSans" / "LiberationSans-Regular.ttf")]
    for width in (120.0, 260.0, 480.0):
        widest = len(wrap(runs, widest_family(body), 18, width).lines)
        assert widest >= len(wrap(runs, body, 18, width).lines)
        if dejavu_path is not None:
            from briefgen.fonts import FontFamily

            dejavu = FontFamily("DejaVu Sans", load_face(dejavu_path))
            assert widest >= len(wrap(runs, dejavu, 18, width).lines)
    assert families


def test_the_shipped_widths_are_dejavu_sans_own() -> None:
    table = json.loads((FONTS / "substitutes" / "dejavu-sans-widths.json").read_text(encoding="utf-8"))
    assert table["font"] == "DejaVu Sans"
    assert set(table["styles"]) == {"regular", "bold", "italic", "bold_italic"}
    assert (FONTS / "substitutes" / "LICENSE.txt").read_text(encoding="utf-8").count("Bitstream") >= 2
    path = find_system_font("DejaVuSans.ttf")
    if path is None:
        pytest.skip("DejaVu Sans is not installed (fonts-dejavu-core): the table cannot be compared")
    face = load_face(path)
    px = pixel_size(20)
    regular = widest_family(load_theme().body_family).regular
    dejavu_px = regular.tables[0].char_pixels("Hamburgefonstiv", px)  # type: ignore[attr-defined]
    assert dejavu_px == tuple(face.char_pixels(ch, px)[0] for ch in "Hamburgefonstiv")
