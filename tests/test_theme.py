"""Themes: the shipped ones, inheritance, positioned validation errors, contrast, lookups and caching."""

from __future__ import annotations

import dataclasses
import os
import textwrap
from pathlib import Path

import pytest

from briefgen.errors import ThemeError
from briefgen.session import RenderSession
from briefgen.theme import (
    MIN_CONTRAST,
    TONES,
    Theme,
    ThemeFiles,
    ThemeSpec,
    contrast_ratio,
    list_themes,
    load_theme,
    themes_dir,
)

SHIPPED = [name for name, _ in list_themes()]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the test's folder, so files show as ``t.yaml:LINE:COL``."""
    monkeypatch.chdir(tmp_path)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def errors_of(path: Path | str, **kwargs: object) -> list[str]:
    with pytest.raises(ThemeError) as info:
        load_theme(path, **kwargs)  # type: ignore[arg-type]
    return [str(d) for d in info.value.diagnostics]


# -- the shipped themes ---------------------------------------------------------


def test_three_professionally_different_themes_are_shipped() -> None:
    assert {"default", "sandstone", "print"} <= set(SHIPPED)
    assert sorted(SHIPPED) == SHIPPED
    looks = {(load_theme(n).palette.primary, load_theme(n).fonts.heading.family) for n in SHIPPED}
    assert len(looks) == len(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_is_complete(name: str) -> None:
    theme = load_theme(name)
    assert theme.name == name
    assert theme.description and "\n" not in theme.description
    for role in ("heading", "body"):
        files = theme.font_files(role)
        assert set(files) == {"regular", "bold", "italic", "bold_italic"}
        assert all(p.is_file() and p.is_relative_to(themes_dir().parent / "fonts") for p in files.values())
    assert [f.name for f in theme.fallback_families] == [
        "Noto Sans",
        "Noto Sans Thai",
        "Noto Sans Arabic",
        "Noto Sans Hebrew",
        "Noto Sans Khmer",
        "Noto Sans Lao",
        "Noto Sans Myanmar",
        "Noto Sans CJK SC",
    ]
    assert theme.type_scale.deck.body_min <= theme.type_scale.deck.body
    assert theme.slide.width / theme.slide.height == pytest.approx(16 / 9, rel=0.01)
    assert theme.memo.page_size in ("A4", "Letter")


@pytest.mark.parametrize("name", SHIPPED)
def test_every_text_and_background_pair_meets_wcag_aa(name: str) -> None:
    theme = load_theme(name)
    pairs = theme.contrast_pairs()
    labels = {p.label for p in pairs}
    assert {"text on background", "muted on surface", "on_primary on primary"} <= labels
    assert {f"on_tone on tones.{t}" for t in TONES} <= labels
    assert {f"banner '{m}'" for m in theme.palette.classification} <= labels
    low = [(p.label, round(p.ratio, 2)) for p in pairs if p.ratio < MIN_CONTRAST]
    assert low == []
    assert theme.low_contrast() == []


def test_contrast_ratio() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1)
    assert contrast_ratio("#FFFFFF", "#1F3864") == contrast_ratio("#1F3864", "#FFFFFF")


def test_list_themes_gives_name_and_one_line_description() -> None:
    for name, description in list_themes():
        assert (themes_dir() / f"{name}.yaml").is_file()
        assert description == load_theme(name).description


# -- loading by name or path ------------------------------------------------------


def test_none_is_the_default_theme() -> None:
    assert load_theme(None) == load_theme("default")


def test_paths_are_relative_to_base_dir(tmp_path: Path) -> None:
    (tmp_path / "themes").mkdir()
    write(tmp_path / "themes", "mine.yaml", "extends: default\n")
    assert load_theme("themes/mine.yaml", base_dir=tmp_path).name == "mine"
    assert load_theme(tmp_path / "themes" / "mine.yaml").name == "mine"
    assert errors_of("themes/other.yaml", base_dir=tmp_path) == []


def test_unknown_names_suggest_the_nearest() -> None:
    with pytest.raises(ThemeError, match=r"unknown theme 'sandston' \(did you mean 'sandstone'\?\)"):
        load_theme("sandston")
    with pytest.raises(ThemeError, match="installed themes: default, print, sandstone"):
        load_theme("no such theme")
    with pytest.raises(ThemeError, match=r"theme file '\.\./x\.yml' not found"):
        load_theme("../x.yml")


# -- inheritance ------------------------------------------------------------------


def test_sandstone_inherits_what_it_does_not_set() -> None:
    base, warm = load_theme("default"), load_theme("sandstone")
    assert warm.extends == "default"
    assert warm.fonts.body == base.fonts.body
    assert warm.fonts.heading.family == "Cambria"
    assert warm.type_scale.memo.body == base.type_scale.memo.body
    assert warm.type_scale.deck.title == 38
    assert warm.memo.page_size == "A4"
    assert warm.banner("SECRET") == base.banner("SECRET")  # inherited key of a merged mapping
    assert warm.banner("whatever") == ("#5A5048", "#FFFFFF")  # its own default


def test_user_theme_overrides_only_what_it_sets(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "brand.yaml",
        """
        name: brand
        description: Our brand colours.
        extends: sandstone
        palette:
          primary: "#003366"
          classification:
            secret: {background: "#660000", text: "#FFFFFF"}
        fonts:
          fallback: []
        """,
    )
    theme = load_theme(path)
    warm = load_theme("sandstone")
    assert theme.palette.primary == "#003366"
    assert theme.palette.accent == warm.palette.accent
    assert theme.banner("Secret//NOFORN") == ("#660000", "#FFFFFF")
    assert theme.banner("top secret") == warm.banner("top secret")
    assert theme.fonts.fallback == []
    assert theme.fonts.heading == warm.fonts.heading
    assert theme.source_files[:3] == (
        path.resolve(),
        themes_dir().resolve() / "sandstone.yaml",
        themes_dir().resolve() / "default.yaml",
    )


def test_a_child_without_name_or_description_gets_defaults(tmp_path: Path) -> None:
    theme = load_theme(write(tmp_path, "plain.yaml", "extends: print\n"))
    assert theme.name == "plain"
    assert theme.description == "Based on the print theme."


def test_font_files_resolve_next_to_the_theme_first(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    source = themes_dir().parent / "fonts" / "LiberationSans" / "LiberationSans-Regular.ttf"
    (fonts / "Mine.ttf").write_bytes(source.read_bytes())
    path = write(
        tmp_path,
        "t.yaml",
        """
        extends: default
        fonts:
          body:
            family: Arial
            files: {regular: fonts/Mine.ttf}
        """,
    )
    theme = load_theme(path)
    assert theme.font_files("body") == {"regular": (fonts / "Mine.ttf").resolve()}
    assert theme.font_file("body", bold=True, italic=True) == (fonts / "Mine.ttf").resolve()
    assert theme.body_family.name == "Arial"
    assert theme.body_family.face(bold=True) is theme.body_family.regular


def test_logo_is_found_next_to_the_theme(tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 32)
    theme = load_theme(write(tmp_path, "t.yaml", "extends: default\nlogo: {path: logo.png, height: 30}\n"))
    assert theme.logo_path == (tmp_path / "logo.png").resolve()
    assert theme.logo is not None and theme.logo.height == 30
    assert theme.logo_path in theme.source_files


# -- validation errors, at FILE:LINE:COL ----------------------------------------------


def test_every_problem_is_reported_at_its_place(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        """
        name: bad
        description: A broken theme
        extends: default
        palette:
          primary: #123456
          accent: "blue"
          tones:
            positiv: "#000000"
        fonts:
          heading:
            family: Foo
            files:
              regular: Nope/Nope.ttf
        type:
          deck:
            body_min: 30
        memo:
          page_size: A5
        slide:
          width: 800
        """,
    )
    f = path.name
    assert errors_of(path) == [
        f'{f}:5:11: palette.primary: a colour is needed, in quotes: "#RRGGBB" (unquoted, YAML reads # as a comment)',
        f'{f}:6:11: palette.accent: \'blue\' is not a colour; write "#RRGGBB", e.g. "#1F3864"',
        f"{f}:8:5: unknown key 'positiv' in palette.tones (did you mean 'positive'?)",
        f"{f}:13:16: font file 'Nope/Nope.ttf' not found (looked next to the theme and in assets/fonts)",
        f"{f}:16:15: type.deck.body_min: must not be larger than body (20)",
        f"{f}:18:14: memo.page_size must be one of 'A4' or 'Letter', not 'A5'",
        f"{f}:20:3: slide: slides must be 16:9 (960 × 540 pt), 16:10 (864 × 540) or 4:3 (720 × 540), not 800 × 540",
    ]


def test_an_error_in_a_parent_points_into_the_parent(tmp_path: Path) -> None:
    write(tmp_path, "parent.yaml", 'extends: default\npalette:\n  muted: "grey"\n')
    child = write(tmp_path, "child.yaml", 'extends: parent.yaml\npalette:\n  text: "#000000"\n')
    parent = "parent.yaml"
    assert errors_of(child) == [
        f'{parent}:3:10: palette.muted: \'grey\' is not a colour; write "#RRGGBB", e.g. "#1F3864"'
    ]


def test_missing_keys_and_wrong_types(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.yaml",
        """
        name: t
        description: no parent
        palette: red
        fonts:
          body: {family: Calibri, files: {regular: Carlito/Carlito-Regular.ttf}}
        """,
    )
    found = errors_of(path)
    assert [e.split(": ")[0] for e in found] == ["t.yaml:1:1"] * 3 + ["t.yaml:3:10", "t.yaml:5:3"]
    assert [e.rsplit(" ", 1)[-1] for e in found[:3]] == ["'memo'", "'slide'", "'type'"]
    assert found[3].endswith("palette should be a mapping (key: value lines), not the text 'red'")
    assert found[4].endswith("fonts: missing required key 'heading'")


def test_classification_needs_a_default(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "extends: default\npalette:\n  classification:\n    default: null\n")
    f = path.name
    assert errors_of(path) == [f"{f}:4:14: palette.classification.default is empty"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("extends: defualt\n", "1:10: extends: unknown theme 'defualt' (did you mean 'default'?)"),
        ("extends: [a]\n", "1:10: extends must be a theme name or a theme file's path"),
        ("extends: ./t.yaml\n", "1:10: extends goes round in a loop: t → t"),
        ("", "1:1: the file is empty; a theme needs"),
        ("- a list\n", "1:1: the top level must be a mapping of keys (name:, description:, palette:, …)"),
        ("name: [unclosed\n", "YAML syntax error"),
    ],
)
def test_file_level_errors(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, "t.yaml", text) if text else tmp_path / "t.yaml"
    if not text:
        path.write_text("", encoding="utf-8")
    (found,) = errors_of(path)
    assert message in found and found.startswith("t.yaml:")


def test_a_font_file_that_is_not_truetype_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "cff.ttf").write_bytes(b"OTTO" + b"\0" * 64)
    (tmp_path / "junk.ttf").write_bytes(b"not a font")
    path = write(
        tmp_path,
        "t.yaml",
        """
        extends: default
        fonts:
          body:
            family: X
            files: {regular: cff.ttf, bold: junk.ttf}
        """,
    )
    f = path.name
    assert errors_of(path) == [
        f"{f}:5:22: 'cff.ttf' is a PostScript-flavoured OpenType font; use a TrueType (.ttf) file",
        f"{f}:5:37: 'junk.ttf' is not a TrueType font file",
    ]


def test_a_missing_logo_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "extends: default\nlogo:\n  path: nowhere.png\n")
    f = path.name
    assert errors_of(path) == [
        f"{f}:3:9: logo file 'nowhere.png' not found (looked next to the theme and in assets/logos)"
    ]


# -- lookups --------------------------------------------------------------------------


def test_banner_lookup() -> None:
    theme = load_theme("default")
    assert theme.banner("UNCLASSIFIED") == ("#007A33", "#FFFFFF")
    assert theme.banner("  Top   Secret ") == ("#FF8C00", "#000000")
    assert theme.banner("TOP SECRET//SCI") == ("#FF8C00", "#000000")
    assert theme.banner("SECRET//REL TO USA") == theme.banner("secret")
    assert theme.banner("SECRETARIAT ONLY") == theme.banner(None) == ("#4B5563", "#FFFFFF")


def test_tone_lookup() -> None:
    theme = load_theme("default")
    assert theme.tone("critical") == "#A11D2B"
    assert theme.tone("Positive ") == "#1E6B3A"
    assert theme.tone(None) == theme.tone("unknown") == theme.palette.tones.neutral


def test_geometry_in_points() -> None:
    a4, letter = load_theme("default").memo, load_theme("print").memo
    assert (round(a4.page_width, 1), round(a4.page_height, 1)) == (595.3, 841.9)
    assert (letter.page_width, letter.page_height) == (612, 792)
    assert letter.content_width == 612 - 144
    assert load_theme("default").slide.content_width == 960 - 96


def test_theme_is_a_validated_model() -> None:
    theme = load_theme("default")
    assert isinstance(theme, Theme)
    with pytest.raises(dataclasses.FrozenInstanceError):
        theme.name = "other"  # type: ignore[misc]


# -- caching --------------------------------------------------------------------------


def test_a_session_keeps_themes_until_a_file_in_the_chain_changes(tmp_path: Path) -> None:
    parent = write(tmp_path, "parent.yaml", 'extends: default\npalette:\n  primary: "#111111"\n')
    child = write(tmp_path, "child.yaml", "extends: parent.yaml\n")
    session = RenderSession()
    first = load_theme(child, session=session)
    assert load_theme(child, session=session) is first
    assert load_theme(child) is not first  # without a session nothing is kept
    parent.write_text('extends: default\npalette:\n  primary: "#222222"\n', encoding="utf-8")
    os.utime(parent, ns=(parent.stat().st_atime_ns, parent.stat().st_mtime_ns + 10**9))
    second = load_theme(child, session=session)
    assert second is not first
    assert second.palette.primary == "#222222"
    assert first.is_current() is False and second.is_current()


def test_a_session_reloads_a_theme_and_its_face_when_a_font_file_changes(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    source = themes_dir().parent / "fonts" / "LiberationSans" / "LiberationSans-Regular.ttf"
    font = fonts / "Mine.ttf"
    font.write_bytes(source.read_bytes())
    path = write(
        tmp_path,
        "t.yaml",
        "extends: default\nfonts:\n  body: {family: Arial, files: {regular: fonts/Mine.ttf}}\n",
    )
    session = RenderSession()
    with session.active():
        first = load_theme(path, session=session)
        face = first.body_family.regular
        assert load_theme(path, session=session) is first
        os.utime(
            font, ns=(font.stat().st_atime_ns, font.stat().st_mtime_ns + 10**9)
        )  # a watch run: the font edited
        second = load_theme(path, session=session)
        assert second is not first and second.body_family.regular is not face


def test_the_files_a_theme_names_are_an_explicit_field_kept_by_its_variants(tmp_path: Path) -> None:
    theme = load_theme("default")
    assert isinstance(theme.files, ThemeFiles)
    assert theme.files.fonts["body"]["regular"].name == "Carlito-Regular.ttf"
    assert theme.files.sources[0] == themes_dir() / "default.yaml"
    recoloured = theme.with_palette(dataclasses.replace(theme.palette, primary="#000000"))
    assert recoloured.files == theme.files and recoloured.palette.primary == "#000000"
    bold = theme.files.fonts["heading"]["bold"]
    renamed = theme.with_families({"heading": ("Aptos", {"regular": bold})})
    assert renamed.fonts.heading.family == "Aptos"
    assert renamed.font_files("heading") == {"regular": bold}
    assert renamed.font_files("body") == theme.font_files("body")
    assert "files" not in {f.name for f in dataclasses.fields(ThemeSpec)}  # never read from YAML


# -- a corporate template named by the theme ------------------------------------


def test_theme_names_a_template_relative_to_its_file(tmp_path: Path) -> None:
    from pptx import Presentation

    Presentation().save(str(tmp_path / "corp.pptx"))
    path = write(
        tmp_path,
        "corp.yaml",
        """
        extends: default
        slide:
          template: corp.pptx
          layouts: {content: Title Only}
        """,
    )
    theme = load_theme(path)
    assert theme.template_path == (tmp_path / "corp.pptx").resolve()
    assert theme.slide.layouts == {"content": "Title Only"}
    assert theme.template_path in theme.source_files


def test_missing_template_is_a_positioned_error(tmp_path: Path) -> None:
    path = write(tmp_path, "corp.yaml", "extends: default\nslide:\n  template: gone.pptx\n")
    assert errors_of(path) == ["corp.yaml:3:13: template 'gone.pptx' not found next to the theme file"]


def test_renaming_a_font_family_needs_its_files(tmp_path: Path) -> None:
    path = write(tmp_path, "comic.yaml", "extends: default\nfonts:\n  body:\n    family: Comic\n")
    (message,) = errors_of(path)
    assert message.startswith(
        "comic.yaml:4:13: fonts.body.family changes the font to 'Comic' but names no files"
    )


def test_low_contrast_user_theme_is_warned(tmp_path: Path) -> None:
    path = write(tmp_path, "pale.yaml", 'extends: default\npalette:\n  text: "#FFFFFE"\n')
    warnings = [str(w) for w in load_theme(path).contrast_warnings()]
    assert warnings and all(": warning: " in w for w in warnings)
    assert any("text on background: contrast 1.00:1 is below the 4.5:1" in w for w in warnings)
    assert load_theme("default").contrast_warnings() == []
