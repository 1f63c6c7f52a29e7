"""Font faces: coverage, metrics and advances measured as LibreOffice lays text out."""

from __future__ import annotations

import pytest

from briefgen.assets import assets_dir
from briefgen.fonts import FontFamily, load_face, pixel_size, script_runs
from briefgen.session import RenderSession

FONTS = assets_dir() / "fonts"


def test_every_shipped_font_has_a_licence_and_loads() -> None:
    files = sorted(FONTS.glob("*/*.ttf"))
    assert len(files) >= 18
    for path in files:
        assert (path.parent / "OFL.txt").is_file(), path.parent
        face = load_face(path)
        assert face.units_per_em in (1000, 2048)
        assert face.covers(" ")
        assert face.covers(_SAMPLE.get(face.family_name, "A")), face
    total = sum(p.stat().st_size for p in FONTS.rglob("*") if p.is_file())
    cjk = sum(p.stat().st_size for p in (FONTS / "NotoSansCJKsc").glob("*.ttf"))
    assert cjk < 20 * 1024 * 1024  # one weight of CJK, ideographs, kana and Hangul: ~19 MB
    assert total - cjk < 10 * 1024 * 1024


_SAMPLE = {  # a letter of the script each fallback family is shipped for
    "Noto Sans Thai": "ก",
    "Noto Sans Arabic": "ع",
    "Noto Sans Hebrew": "א",
    "Noto Sans Khmer": "ក",
    "Noto Sans Lao": "ກ",
    "Noto Sans Myanmar": "က",
    "Noto Sans CJK SC": "中",
}


def test_faces_are_loaded_once_per_session() -> None:
    with RenderSession().active():
        a = load_face(FONTS / "Carlito" / "Carlito-Regular.ttf")
        b = load_face(str(FONTS / "Carlito" / ".." / "Carlito" / "Carlito-Regular.ttf"))
    assert a is b
    with RenderSession().active():
        assert load_face(FONTS / "Carlito" / "Carlito-Regular.ttf") is not a  # each run its own
    assert a.family_name == "Carlito" and a.style_name == "Regular"


def test_pixel_size_rounds_through_hundredths_of_a_millimetre() -> None:
    assert pixel_size(20) == 167  # 20 pt → 706/100 mm → 166.77 px at 600 dpi
    assert pixel_size(13.5) == 112
    assert pixel_size(0.01) == 1


def test_advances_are_whole_reference_pixels() -> None:
    face = load_face(FONTS / "Caladea" / "Caladea-Regular.ttf")
    # 'n' is 558/1000 em: at 16 pt (133 px) that is 74.2 → 74 px = 8.88 pt, each
    assert face.advance("nnnn", 16) == pytest.approx(4 * 8.88)
    assert face.char_advances("nn", 16) == pytest.approx((8.88, 8.88))


def test_kerning_and_ligatures_count() -> None:
    face = load_face(FONTS / "Carlito" / "Carlito-Regular.ttf")
    assert face.advance("AV", 20) < face.advance("A", 20) + face.advance("V", 20)
    assert face.advance("fi", 20) < face.advance("f", 20) + face.advance("i", 20)
    fi = face.char_advances("fi", 20)
    assert fi[1] == 0 and fi[0] > 0  # the ligature's advance sits on its first character


def test_kerning_does_not_cross_scripts() -> None:
    face = load_face(FONTS / "LiberationSans" / "LiberationSans-Regular.ttf")
    # Arial kerns 'space' against 'Δ' within one script run; LibreOffice shapes Greek apart
    assert face.advance("WAVE Δ", 20) == pytest.approx(face.advance("WAVE ", 20) + face.advance("Δ", 20))


def test_vertical_metrics() -> None:
    face = load_face(FONTS / "Carlito" / "Carlito-Regular.ttf")
    assert face.ascent_pt(20) == pytest.approx(15.0)
    assert face.descent_pt(20) == pytest.approx(5.0)
    assert face.line_gap_pt(20) == pytest.approx(20 * 452 / 2048)


def test_family_falls_back_to_the_nearest_style() -> None:
    thai = FontFamily.from_files(
        "Noto Sans Thai",
        FONTS / "NotoSansThai" / "NotoSansThai-Regular.ttf",
        FONTS / "NotoSansThai" / "NotoSansThai-Bold.ttf",
    )
    assert thai.face(bold=True, italic=True) is thai.bold
    assert thai.face(italic=True) is thai.regular
    assert list(thai.faces()) == [thai.regular, thai.bold]
    assert thai.covers("ก") and not thai.covers("中")


def test_script_runs() -> None:
    def pieces(text: str) -> list[tuple[str, str | None]]:
        return [(text[a:b], s) for a, b, s in script_runs(text)]

    assert pieces("WAVE Δημοκρατία Open") == [("WAVE ", "Latn"), ("Δημοκρατία ", "Grek"), ("Open", "Latn")]
    assert pieces("Hello (Δ) world") == [("Hello (", "Latn"), ("Δ", "Grek"), (") world", "Latn")]
    assert pieces("12 ก") == [("12 ก", "Thai")]
    assert pieces("") == [("", None)]


def test_drawn_and_shaped_widths_are_what_reportlab_draws() -> None:
    from reportlab.pdfbase import pdfmetrics

    from briefgen.render.memo_flow import FontBook
    from briefgen.render.memo_script import shape, shaped_width

    fonts = FontBook()
    carlito = load_face(FONTS / "Carlito" / "Carlito-Bold.ttf")
    hebrew = load_face(FONTS / "NotoSansHebrew" / "NotoSansHebrew-Regular.ttf")
    for face in (carlito, hebrew):
        name = fonts.name(face)
        for text in (
            "AV To ﬁ 10,000 — “é”",
            "a\u00a0b",
            "\u2603\u200b",
        ):  # kerning pairs, nbsp, missing glyphs
            assert face.drawn_width(text, 11) == pytest.approx(
                pdfmetrics.stringWidth(text, name, 11), abs=1e-9
            )
    name = fonts.name(hebrew)
    assert hebrew.shaped_width("שלום", 11, True) == pytest.approx(
        shaped_width(shape("שלום", name, 11, True), 11)
    )
