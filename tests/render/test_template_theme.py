"""A theme written from a template: the template's palette, fonts (by their shipped metric twins) and slide geometry.

The written YAML is loaded back as a theme, as ``--theme corp.yaml`` would load it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from templates.corpus import CORPORATE_BAR, make_corporate, make_python_pptx_default

from briefgen.errors import ThemeError
from briefgen.render.template_theme import METRIC_TWINS, theme_from_template, twin_files
from briefgen.theme import Theme, load_theme

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("from-template")


@pytest.fixture(scope="module")
def corporate(folder: Path) -> Path:
    return make_corporate(folder / "corp.pptx")


def _theme_of(template: Path, folder: Path, name: str) -> tuple[str, Theme]:
    text = theme_from_template(template)
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return text, load_theme(path)


def _body_box(template: Path) -> tuple[float, float, float]:
    """The slide width and the left and right margins of the body of the content layout, points."""
    prs = Presentation(str(template))
    layout = prs.slide_layouts.get_by_name("Title and Content")
    assert layout is not None
    body = layout.placeholders[1]
    return prs.slide_width.pt, body.left.pt, prs.slide_width.pt - body.left.pt - body.width.pt


def test_the_corporate_templates_colours_fonts_and_size(corporate: Path, folder: Path) -> None:
    text, theme = _theme_of(corporate, folder, "corp")
    assert theme.palette.primary == f"#{CORPORATE_BAR}"  # the claret title bar
    assert theme.palette.on_primary == "#FFFFFF"
    assert theme.fonts.heading.family == theme.fonts.body.family == "Calibri"
    assert theme.font_files("body")["regular"].name == "Carlito-Regular.ttf"
    assert theme.font_files("heading")["bold_italic"].name == "Carlito-BoldItalic.ttf"
    assert (theme.slide.width, theme.slide.height) == (960.0, 540.0)
    assert theme.slide.template is not None and Path(theme.slide.template).name == "corp.pptx"
    data = yaml.safe_load(text)
    assert data["extends"] == "default" and data["name"] == "corp"


def test_python_pptx_default_is_4_3_with_its_body_margins(folder: Path) -> None:
    template = make_python_pptx_default(folder / "plain.pptx")
    data = yaml.safe_load(theme_from_template(template))
    width, left, right = _body_box(template)
    slide = data["slide"]
    assert (slide["width"], slide["height"]) == (720, 540) == (width, 540)
    assert slide["margins"]["left"] == pytest.approx(left, abs=0.05)
    assert slide["margins"]["right"] == pytest.approx(right, abs=0.05)
    default = load_theme().slide.margins
    assert (slide["margins"]["top"], slide["margins"]["bottom"]) == (default.top, default.bottom)
    assert data["palette"]["primary"] == "#1F497D"  # the Office theme's dk2


def test_the_theme_of_a_4_3_template_loads(folder: Path) -> None:
    template = make_python_pptx_default(folder / "plain43.pptx")
    _, theme = _theme_of(template, folder, "plain43")
    assert theme.palette.primary == "#1F497D"
    assert (theme.slide.width, theme.slide.height) == (720, 540)


def _with_fonts(template: Path, out: Path, major: str, minor: str) -> Path:
    prs = Presentation(str(template))
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for latin in root.iterfind(f".//{_A}latin"):
        parent = latin.getparent().tag
        if parent.endswith("majorFont"):
            latin.set("typeface", major)
        elif parent.endswith("minorFont"):
            latin.set("typeface", minor)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(out))
    return out


def test_a_font_without_a_shipped_twin_keeps_the_default_and_says_so(corporate: Path, folder: Path) -> None:
    template = _with_fonts(corporate, folder / "futura.pptx", "Futura", "Arial")
    text, theme = _theme_of(template, folder, "futura")
    assert "# heading: the template's 'Futura' has no metric twin shipped" in text
    default = load_theme()
    assert theme.fonts.heading.family == default.fonts.heading.family
    assert theme.fonts.body.family == "Arial"
    assert theme.font_files("body")["regular"].name == "LiberationSans-Regular.ttf"


def test_no_twin_at_all_writes_no_fonts_section(corporate: Path, folder: Path) -> None:
    template = _with_fonts(corporate, folder / "odd.pptx", "Futura", "Gill Sans")
    text, theme = _theme_of(template, folder, "odd")
    assert "fonts" not in yaml.safe_load(text)
    assert theme.fonts == load_theme().fonts


def test_every_metric_twin_ships_its_four_styles() -> None:
    assert METRIC_TWINS
    for family in METRIC_TWINS:
        files = twin_files(family)
        assert files is not None and set(files) == {"regular", "bold", "italic", "bold_italic"}, family
    assert twin_files("Futura") is None


def test_a_file_that_is_not_a_template_is_a_clear_error(folder: Path) -> None:
    bogus = folder / "bogus.pptx"
    bogus.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ThemeError, match="not a PowerPoint"):
        theme_from_template(bogus)


def test_names_with_quotes_are_written_as_valid_yaml(corporate: Path, folder: Path) -> None:
    odd = folder / 'he said "corp".pptx'
    odd.write_bytes(corporate.read_bytes())
    data = yaml.safe_load(theme_from_template(odd))
    assert data["name"] == 'he said "corp"'
    assert data["slide"]["template"] == str(odd.resolve())
