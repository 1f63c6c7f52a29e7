"""``--template`` alone gives both outputs the template's look: the memo is printed in the corporate colours and fonts (issue 13)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from templates.corpus import make_corporate

from briefgen.build import template_colours
from briefgen.cli import cli
from briefgen.load.loader import load
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"


def _fills(pdf: Path) -> set[str]:
    """Every fill colour the memo's pages (and their forms) set, as #RRGGBB."""
    found: set[str] = set()
    with pikepdf.open(pdf) as doc:
        streams = [page.obj for page in doc.pages]
        streams += [x for page in doc.pages for x in page.Resources.get("/XObject", {}).values()]
        for holder in streams:
            for operands, op in pikepdf.parse_content_stream(holder):
                if str(op) == "rg":
                    r, g, b = (round(float(v) * 255) for v in operands)
                    found.add(f"#{r:02X}{g:02X}{b:02X}")
    return found


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corporate(tmp_path_factory.mktemp("corp") / "corp.pptx")


def test_the_memo_on_a_template_takes_its_colours(corporate: Path, tmp_path: Path) -> None:
    theme = template_colours(load_theme(), corporate, None)
    assert theme.palette.primary == "#7A122B", "the template's dk2 (the claret bar) is the primary colour"
    plain, templated = tmp_path / "plain", tmp_path / "templated"
    for out, extra in ((plain, []), (templated, ["--template", str(corporate)])):
        result = CliRunner().invoke(cli, ["build", "-q", "-o", str(out), *extra, str(ASEAN)])
        assert result.exit_code == 0, result.output
    default = load_theme().palette.primary
    assert default in _fills(plain / "asean-58th-amm.pdf")
    fills = _fills(templated / "asean-58th-amm.pdf")
    assert theme.palette.primary in fills and default not in fills


def test_a_theme_of_ones_own_keeps_its_colours_on_a_template(corporate: Path) -> None:
    sandstone = load_theme("sandstone")
    assert template_colours(sandstone, corporate, None).palette == sandstone.palette
    assert template_colours(load_theme(), None, None).palette == load_theme().palette


def test_the_templated_theme_keeps_its_files(corporate: Path) -> None:
    base = load_theme()
    theme = template_colours(base, corporate, None)
    assert theme.font_files("body") == base.font_files("body") and theme.logo_path == base.logo_path
    assert re.fullmatch(r"#[0-9A-F]{6}", theme.palette.text)
    assert load(ASEAN).brief.theme in (None, "default")


def _in_arial(template: Path, out: Path) -> Path:
    """``template`` with Arial as its heading and body font (the font scheme's major and minor Latin faces)."""
    prs = Presentation(str(template))
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for latin in root.iterfind(".//{http://schemas.openxmlformats.org/drawingml/2006/main}latin"):
        if latin.getparent().tag.endswith(("majorFont", "minorFont")):
            latin.set("typeface", "Arial")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(out))
    return out


def test_the_templates_fonts_are_used_when_a_metric_twin_ships(corporate: Path, tmp_path: Path) -> None:
    arial = _in_arial(corporate, tmp_path / "arial.pptx")
    theme = template_colours(load_theme(), arial, None)
    assert theme.fonts.body.family == theme.fonts.heading.family == "Arial"
    assert theme.font_files("body")["regular"].name == "LiberationSans-Regular.ttf"
    result = CliRunner().invoke(
        cli, ["build", "-q", "-o", str(tmp_path), "--template", str(arial), str(ASEAN)]
    )
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "asean-58th-amm.pdf") as pdf:
        fonts = {str(f.BaseFont) for page in pdf.pages for f in page.Resources.Font.values()}
    assert fonts and all("LiberationSans" in f for f in fonts), fonts
    with zipfile.ZipFile(tmp_path / "asean-58th-amm.pptx") as deck:
        slide = deck.read("ppt/slides/slide2.xml").decode()
    assert set(re.findall(r'typeface="([^"]+)"', slide)) == {"Arial"}


def test_check_template_says_which_fonts_it_takes(corporate: Path, tmp_path: Path) -> None:
    arial = _in_arial(corporate, tmp_path / "arial.pptx")
    out = CliRunner().invoke(cli, ["check-template", str(arial)]).output
    assert "fonts: body in Arial (measured and embedded as Liberation Sans)" in out
    out = CliRunner().invoke(cli, ["check-template", "--theme", "sandstone", str(arial)]).output
    assert "the theme 'sandstone' keeps its own" in out and "measured and embedded" not in out
