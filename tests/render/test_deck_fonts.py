"""Fonts embedded in the deck (``--embed-fonts``): subset EOT font parts PowerPoint reads, valid OOXML, only real names.

LibreOffice 7.4 (Debian 12) does not read a PPTX's embedded fonts, so no render
here can show them used; what is checked is what PowerPoint needs: each font part
is an EOT that libeot (``eot2ttf``, the reader LibreOffice builds its own EOT
import on) opens, holding a TrueType whose family is the typeface the list names
and whose glyphs cover every character the slides set in that face; the package
passes the ECMA-376 schemas; the bytes are the same on every build.
"""

from __future__ import annotations

import html
import io
import re
import struct
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require_tool
from openxml_audit import OpenXmlValidator

from briefgen.cli import cli
from briefgen.fonts import load_face
from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.render.deck_fonts import FONT_CONTENT_TYPE, FONT_REL
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
DELEGATIONS = ROOT / "briefs" / "asean-58th-amm-delegations.yaml"
ARABIC = ROOT / "briefs" / "asean-58th-amm-ar.yaml"
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"


def _deck(path: Path, embed: bool) -> bytes:
    return render_deck_pptx(load(path), load_theme(), epoch=0, embed_fonts=embed).data


@pytest.fixture(scope="module")
def delegations() -> bytes:
    return _deck(DELEGATIONS, True)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _listed(parts: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    """Font part → the typeface and style (``regular``, ``bold``…) presentation.xml lists it under."""
    from lxml import etree

    ns = {
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    }
    rels = etree.fromstring(parts["ppt/_rels/presentation.xml.rels"])
    targets = {r.get("Id"): "ppt/" + r.get("Target") for r in rels if r.get("Type") == FONT_REL}
    root = etree.fromstring(parts["ppt/presentation.xml"])
    assert root.get("embedTrueTypeFonts") == "1"
    out = {}
    for font in root.iterfind("p:embeddedFontLst/p:embeddedFont", ns):
        typeface = font.find("p:font", ns).get("typeface")
        for style in font[1:]:
            out[targets[style.get(f"{{{ns['r']}}}id")]] = (typeface, etree.QName(style).localname)
    return out


def test_the_delegations_deck_embeds_each_script_font_it_uses(delegations: bytes) -> None:
    parts = _parts(delegations)
    listed = _listed(parts)
    assert {typeface for typeface, _ in listed.values()} == {
        "Noto Sans CJK SC",
        "Noto Sans Khmer",
        "Noto Sans Lao",
        "Noto Sans Myanmar",
        "Noto Sans Thai",
    }
    assert (
        "Calibri",
        "regular",
    ) not in listed.values()  # a metric twin is never embedded under another font's name
    assert f'Extension="fntdata" ContentType="{FONT_CONTENT_TYPE}"' in parts["[Content_Types].xml"].decode()
    assert sum(len(parts[p]) for p in listed) < 120_000  # subsets: the CJK file alone is 19 MB


def test_every_font_part_is_an_eot_holding_the_glyphs_the_slides_use(
    delegations: bytes, tmp_path: Path
) -> None:
    eot2ttf = require_tool("eot2ttf")
    parts = _parts(delegations)
    slides = "".join(v.decode() for k, v in parts.items() if k.startswith("ppt/slides/slide"))
    listed = _listed(parts)
    for member, (typeface, style) in listed.items():
        data = parts[member]
        eot_size, font_size, version, flags = struct.unpack("<LLLL", data[:16])
        assert (
            eot_size == len(data) and version == 0x00020001 and flags & 0x10000004 == 0
        )  # plain, unencrypted
        assert struct.unpack("<H", data[34:36])[0] == 0x504C  # the EOT magic number
        eot = tmp_path / Path(member).name
        eot.write_bytes(data)
        ttf = tmp_path / (eot.stem + ".ttf")
        subprocess.run([eot2ttf, str(eot), str(ttf)], check=True, capture_output=True)
        assert ttf.stat().st_size == font_size
        face = load_face(ttf)
        assert face.family_name == typeface
        # every character the slides set in this face (or in a style the viewer makes from it) is in the subset
        styles = {style} | (
            {"bold"} if style == "regular" and (typeface, "bold") not in listed.values() else set()
        )
        text = "".join(t for b, t in _runs(slides, typeface) if b in styles)
        assert text, f"no run in {typeface} {style}"
        assert face.covers_all(text.replace(" ", "")), (typeface, style)


def _runs(slides: str, typeface: str) -> list[tuple[str, str]]:
    """The (style, text) of every run of the slides' XML set in ``typeface``."""
    pattern = re.compile(
        r'<a:rPr[^>]*\bb="(\d)" i="(\d)"[^>]*>(?:(?!</a:rPr>).)*?<a:cs typeface="'
        + re.escape(typeface)
        + r'"/></a:rPr><a:t>([^<]*)</a:t>'
    )
    names = {("0", "0"): "regular", ("1", "0"): "bold", ("0", "1"): "italic", ("1", "1"): "boldItalic"}
    return [(names[(b, i)], html.unescape(t)) for b, i, t in pattern.findall(slides)]


def test_the_deck_with_fonts_is_valid_ooxml_and_the_same_every_build(
    delegations: bytes, tmp_path: Path
) -> None:
    for name, data in (("delegations", delegations), ("arabic", _deck(ARABIC, True))):
        path = tmp_path / f"{name}.pptx"
        path.write_bytes(data)
        errors = OpenXmlValidator(max_errors=20).validate(path).errors
        assert not errors, [f"{e.part_uri} {e.path}: {e.description}" for e in errors]
    assert _deck(DELEGATIONS, True) == delegations


def test_a_deck_in_metric_twins_only_is_unchanged(tmp_path: Path) -> None:
    assert _deck(ASEAN, True) == _deck(ASEAN, False)


def test_build_embeds_fonts_when_asked(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(ARABIC), "--format", "pptx", "--embed-fonts", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    parts = _parts((tmp_path / "asean-58th-amm-ar.pptx").read_bytes())
    assert {typeface for typeface, _ in _listed(parts).values()} == {"Noto Sans Arabic"}


def _font_theme(tmp_path: Path, family: str, folder: str, stem: str) -> Path:
    files = "\n".join(
        f"      {style}: {folder}/{stem}-{name}.ttf"
        for style, name in (
            ("regular", "Regular"),
            ("bold", "Bold"),
            ("italic", "Italic"),
            ("bold_italic", "BoldItalic"),
        )
    )
    text = "extends: default\nfonts:\n" + "".join(
        f"  {part}:\n    family: {family}\n    files:\n{files}\n" for part in ("heading", "body")
    )
    path = tmp_path / f"{stem}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_theme_names_the_deck_font_and_measures_it_with_its_own_files(tmp_path: Path) -> None:
    from briefgen.layout.deck import plan_deck
    from briefgen.layout.slides import TextBox
    from briefgen.layout.text import wrap

    theme = load_theme(_font_theme(tmp_path, "Arial", "LiberationSans", "LiberationSans"))
    plan = plan_deck(load(ASEAN), theme)
    boxes = [el for s in plan.slides for el in s.elements() if isinstance(el, TextBox) and el.paras]
    assert {p.font for b in boxes for p in b.paras} == {"Arial"}
    data = render_deck_pptx(load(ASEAN), theme, epoch=0).data
    slides = "".join(v.decode() for k, v in _parts(data).items() if k.startswith("ppt/slides/slide"))
    assert 'typeface="Arial"' in slides and 'typeface="Calibri"' not in slides
    # the plan's line counts are Liberation Sans's (Arial's metrics), not Carlito's
    (bottom,) = [b for b in boxes if b.name == "Bottom line"] or [max(boxes, key=lambda b: len(b.text))]
    para = bottom.paras[0]
    width = bottom.rect.w - bottom.insets.left - bottom.insets.right - para.indent
    assert para.lines == len(wrap(para.runs, theme.body_family, para.size, width).lines)
    carlito = load_theme().body_family
    assert len(wrap(para.runs, carlito, para.size, width).lines) < para.lines  # Arial sets wider
    # a metric twin is not embedded under the name it stands in for; a font named as itself is
    assert _deck_with(theme, embed=True) == _deck_with(theme, embed=False)
    noto = load_theme(_font_theme(tmp_path, "Noto Sans", "NotoSans", "NotoSans"))
    listed = _listed(_parts(_deck_with(noto, embed=True)))
    assert {t for t, _ in listed.values()} == {"Noto Sans"}
    assert {s for _, s in listed.values()} >= {"regular", "bold"}


def _deck_with(theme: object, *, embed: bool) -> bytes:
    return render_deck_pptx(load(ASEAN), theme, epoch=0, embed_fonts=embed).data  # type: ignore[arg-type]
