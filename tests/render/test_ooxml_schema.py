"""Every deck briefgen writes is valid OOXML: checked against the ECMA-376 schemas and Open XML SDK rules.

The validator is openxml-audit (PyPI, MIT): a pure-Python port of the Open XML SDK's
validator, which checks each part against the ECMA-376 transitional schemas
(element order, attribute types and ranges, required attributes) and the package's
relationships. No XSD package is published on PyPI, npm or Debian; this one ships
the schemas as data. Decks: every example brief on every shipped theme, on every
template of the corpus (``tests/templates/corpus.py``), and a brief of hostile text.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from templates.corpus import corpus

from briefgen.load.loader import load
from briefgen.render.deck import render_deck_pptx
from briefgen.theme import list_themes, load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))
EPOCH = 1_751_932_800

HOSTILE = """\
title: "Tags <b>&amp; 'quotes' \\"both\\" \\t tab \\u202e RLO \\u0007 bell"
subtitle: "عربي עברית 中文 😀 e\\u0301 \\uffff"
classification: "SECRET <//> & \\"x\\""
meeting:
  name: "<script>alert(1)</script>"
  date: 2025-07-08
  location: "Zürich & Genève — \\u00a0NBSP"
summary: "{0} %s $(rm) ]]> <![CDATA[ x ]]> \\u0000 nul"
key_points:
  - title: "A word of four hundred letters"
    body: "{long}"
  - title: "Quote \\" and apostrophe ' and ampersand &"
    body: "[a link](https://example.org/?a=1&b=\\"2\\"&c=<3>) and **bold** _it_"
"""


def _problems(path: Path) -> list[str]:
    """The validator's findings on the deck at ``path``, one line each, and any empty attribute value."""
    result = OpenXmlValidator(max_errors=50).validate(path)
    out = [f"{e.part_uri} {e.path} {e.node}: {e.description}" for e in result.errors]
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") and name.startswith("ppt/slides/"):  # the parts briefgen writes
                for m in re.finditer(rb'\b(val|typeface|r:id|r:embed)=""', z.read(name)):
                    out.append(f"{name}: empty {m.group(1).decode()} attribute")
    return out


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The template corpus, made once per test session."""
    return corpus(tmp_path_factory.mktemp("corpus"))


def _check(tmp_path: Path, brief: Path, theme: str, template: Path | None) -> None:
    loaded = load(brief)
    data = render_deck_pptx(loaded, load_theme(theme), epoch=EPOCH, template=template).data
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    problems = _problems(path)
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("theme", [name for name, _ in list_themes()])
@pytest.mark.parametrize("brief", EXAMPLES, ids=lambda p: p.stem)
def test_decks_on_every_theme_are_valid(tmp_path: Path, brief: Path, theme: str) -> None:
    _check(tmp_path, brief, theme, None)


@pytest.mark.parametrize(
    "name",
    [
        "python-pptx",
        "pandoc",
        "corporate",
        "lo-Midnightblue",
        "lo-Vintage",
        "lo-Focus",
        "lo-Beehive",
        "lo-Blue_Curve",
    ],
)
def test_decks_on_every_template_are_valid(tmp_path: Path, templates: dict[str, Path], name: str) -> None:
    if name not in templates:
        from conftest import require_tool

        require_tool("soffice")
    for brief in EXAMPLES:
        _check(tmp_path, brief, "default", templates[name])


@pytest.mark.parametrize("template", [None, "corporate", "lo-Midnightblue"])
def test_a_deck_of_hostile_text_is_valid(
    tmp_path: Path, templates: dict[str, Path], template: str | None
) -> None:
    brief = tmp_path / "hostile.yaml"
    brief.write_text(HOSTILE.replace("{long}", "x" * 400), encoding="utf-8")
    _check(tmp_path, brief, "default", templates[template] if template else None)


def test_the_check_finds_an_empty_colour(tmp_path: Path) -> None:
    """The validator is not a rubber stamp: a deck with ``<a:srgbClr val=""/>`` fails it."""
    loaded = load(EXAMPLES[0])
    data = render_deck_pptx(loaded, load_theme("default"), epoch=EPOCH).data
    src = tmp_path / "good.pptx"
    src.write_bytes(data)
    bad = tmp_path / "bad.pptx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            blob = zin.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                blob = re.sub(rb'srgbClr val="[0-9A-F]{6}"', b'srgbClr val=""', blob, count=1)
            zout.writestr(item, blob)
    assert any("srgbClr" in p or "val" in p for p in _problems(bad))
