"""Every memo is a tagged PDF (issue 16): a structure tree in the brief's order that a screen reader can follow.

Each example memo (every shipped theme) and two hostile briefs are checked with
``tests/tagged_pdf.py`` (every text, path and image operator owned by a structure
element or an artifact, TH with Scope, Figure with Alt, links owned by Link
elements, Lang, DisplayDocTitle, fonts with ToUnicode) and with the PyPI ``pdfua``
checker; the structure's text is compared with what pdftotext prints and with the brief.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
import yaml
from conftest import require_tool
from tagged_pdf import check_tagged, page_words, scan, structure_text

from briefgen.load.loader import LoadedBrief, load
from briefgen.load.markup import strip_markup
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "briefs").glob("*.yaml"))
EPOCH = 1_751_500_800
HOSTILE = {
    "title": "Tags <b>&amp; 'quotes' \"both\" \u202e RLO",
    "subtitle": "عربي עברית 中文 😀 e\u0301",
    "classification": 'SECRET <//> & "x"',
    "meeting": {"name": "<script>alert(1)</script>", "date": "2025-07-08", "location": "Zürich & Genève"},
    "summary": "{0} %s $(rm) ]]> <![CDATA[ x ]]> " + "W" * 900,
    "key_points": [
        {"title": "A word of four hundred letters", "body": "x" * 400},
        {"title": "Links", "body": "[a link](https://example.org/?a=1&b=2) and **bold** _it_ " * 30},
    ],
    "reactions": [{"outlet": "O" * 200, "summary": "word " * 300, "tone": "critical"}],
    "sections": [
        {
            "title": "A long table",
            "blocks": [
                {"table": {"columns": ["#", "Name"], "rows": [[str(i), f"row {i}"] for i in range(120)]}},
                {"bullets": ["one " * 80, "two"]},
                {
                    "chart": {
                        "kind": "bar",
                        "title": "Shares",
                        "categories": ["A", "B"],
                        "series": [{"name": "S", "values": [1, 2]}],
                    }
                },
            ],
        }
    ],
}


def _memo(loaded: LoadedBrief, path: Path, theme: str | None = None) -> Path:
    path.write_bytes(render_memo_pdf(loaded, load_theme(theme or loaded.brief.theme), epoch=EPOCH).data)
    return path


@pytest.fixture(scope="module")
def memos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[LoadedBrief, Path]]:
    tmp = tmp_path_factory.mktemp("tagged")
    out: dict[str, tuple[LoadedBrief, Path]] = {}
    for brief in EXAMPLES:
        loaded = load(brief)
        for theme in ("default", "sandstone", "print"):
            name = f"{brief.stem}@{theme}"
            out[name] = (loaded, _memo(loaded, tmp / f"{name}.pdf", theme))
    source = tmp / "hostile.yaml"
    source.write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    hostile = load(source)
    out["hostile"] = (hostile, _memo(hostile, tmp / "hostile.pdf"))
    return out


NAMES = [f"{p.stem}@{t}" for p in EXAMPLES for t in ("default", "sandstone", "print")] + ["hostile"]


def _words(text: str) -> list[str]:
    """Words as compared, split after every hyphen.

    A word broken after its hyphen at a line's end is two pieces on the page, and
    pdftotext may join the first piece to a line of the next column; splitting
    every hyphenated word the same way on both sides compares what was printed.
    A character no shipped font holds (an emoji) is drawn as .notdef and maps to
    U+0000, which pdftotext drops: so is it here. pdftotext wraps right-to-left
    text in bidi embedding marks (U+202A-U+202C), which are no characters of the brief;
    text is compared canonically (NFC: ``e`` and a combining acute equal ``é``).
    """
    text = unicodedata.normalize("NFC", re.sub("[\x00\u202a-\u202e]", "", text))
    return [w for w in re.split(r"\s+|(?<=\w-)(?=\w)", text) if w]


@pytest.mark.parametrize("name", NAMES)
def test_every_memo_is_tagged_without_a_problem(
    memos: dict[str, tuple[LoadedBrief, Path]], name: str
) -> None:
    loaded, pdf = memos[name]
    assert check_tagged(pdf) == []
    with pikepdf.open(pdf) as doc:
        root = doc.Root
        assert bool(root.MarkInfo.Marked) and str(root.Lang) == loaded.brief.language
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert doc.open_metadata()["dc:title"] == strip_markup(loaded.brief.title)
        assert all(page.obj.get("/Tabs") == "/S" for page in doc.pages)


@pytest.mark.parametrize("name", NAMES)
def test_tables_have_headers_and_figures_alt(memos: dict[str, tuple[LoadedBrief, Path]], name: str) -> None:
    _, pdf = memos[name]
    found = scan(pdf)
    roles = Counter(found.roles.values())
    assert roles["H1"] == 1 and roles["H2"] >= 1
    tables = [e for e, r in found.roles.items() if r == "Table"]
    assert tables, "the header block and the facts are tables"
    for table in tables:
        rows = [kid for kind, kid in found.order[table] if kind == "elem"]
        cells = [found.roles[k] for row in rows for kind, k in found.order[row] if kind == "elem"]
        assert "TH" in cells, "a table without header cells"
    with pikepdf.open(pdf) as doc:
        for annot in (a for page in doc.pages for a in page.obj.get("/Annots", [])):
            if annot.get("/Subtype") == "/Link":
                assert "/StructParent" in annot


@pytest.mark.parametrize("name", NAMES)
def test_structure_reads_the_words_pdftotext_prints(
    memos: dict[str, tuple[LoadedBrief, Path]], name: str
) -> None:
    require_tool("pdftotext")
    loaded, pdf = memos[name]
    spoken = _words(" ".join(structure_text(pdf)))
    shown = _words(" ".join(page_words(pdf, "pdftotext")))
    if loaded.brief.language.split("-")[0] in ("ar", "he", "fa", "ur"):
        # pdftotext moves neutrals (a full stop, a bracket) where Arabic meets digits or Latin, so
        # words may take or lose a mark: the letters and digits are compared, every one counted
        assert Counter(ch for w in spoken for ch in w if ch.isalnum()) == Counter(
            ch for w in shown for ch in w if ch.isalnum()
        )
    else:
        assert Counter(spoken) == Counter(shown)


def test_the_structure_reads_in_the_briefs_order(memos: dict[str, tuple[LoadedBrief, Path]]) -> None:
    loaded, pdf = memos["asean-58th-amm@default"]
    spoken = " ".join(_words(" ".join(structure_text(pdf))))
    b = loaded.brief
    parts = [b.title, b.summary, *(kp.title for kp in b.key_points), b.positions[0].summary, b.outlook]
    at = 0
    for part in parts:
        first = " ".join(_words(strip_markup(part))[:6])
        found = spoken.find(first, at)
        assert found >= at, f"{first!r} not after position {at}"
        at = found


def test_repeated_table_headers_are_artifacts(memos: dict[str, tuple[LoadedBrief, Path]]) -> None:
    _, pdf = memos["hostile"]
    found = scan(pdf)
    heads = [t for t in found.text.values() if t.strip() == "Name"]
    assert len(heads) == 1  # once in the tree, however many pages the table takes
    assert sum(texts.count("Name") for texts in map(" ".join, found.artifacts.values())) >= 1


@pytest.mark.parametrize("name", ["asean-58th-amm@default", "quarterly-trade-review@print", "hostile"])
def test_an_independent_checker_finds_nothing(memos: dict[str, tuple[LoadedBrief, Path]], name: str) -> None:
    command = Path(sys.executable).with_name("pdfua")
    assert command.exists(), "pdfua is a test dependency (pip install -e '.[test]')"
    done = subprocess.run(
        [command, "check", "--format", "json", memos[name][1]], capture_output=True, text=True
    )
    report = json.loads(done.stdout)
    assert report["findings"] == [], done.stdout
    assert report["summary"]["rules_run"] >= 11
