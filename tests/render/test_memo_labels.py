"""The memo's fixed words and dates in the brief's language (issue 15), read back from the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import require_tool

from briefgen.labels import labels_for
from briefgen.load.loader import load
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "briefs" / "asean-58th-amm-fr.yaml"
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
EPOCH = 1_751_500_800

# the words the memo prints of its own (en.yaml marks them "M"); uppercase where the memo shouts them
MEMO_KEYS = (
    "briefing_memorandum",
    "to",
    "from",
    "prepared_by",
    "subject",
    "bottom_line",
    "meeting_at_a_glance",
    "meeting",
    "location",
    "chair",
    "theme",
    "key_points",
    "reactions",
    "outlook",
    "highlights",
    "outlet",
    "country",
    "tone",
    "summary",
)


def _pages(pdf: Path) -> list[str]:
    require_tool("pdftotext")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def _memo(path: Path, tmp_path: Path, **extra: object) -> list[str]:
    if extra:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(extra)
        path = tmp_path / path.name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load(path)
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render_memo_pdf(loaded, load_theme(loaded.brief.theme), epoch=EPOCH).data)
    return _pages(pdf)


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return _memo(FRENCH, tmp_path_factory.mktemp("fr"))


def _lines(pages: list[str]) -> set[str]:
    return {line.strip().casefold() for page in pages for line in page.splitlines() if line.strip()}


def test_a_french_memo_prints_no_english_label(french: list[str]) -> None:
    en, fr = labels_for("en"), labels_for("fr")
    lines = _lines(french)
    for key in MEMO_KEYS:
        if en[key].casefold() != fr[key].casefold():
            assert en[key].casefold() not in lines, key
            assert fr[key].casefold() in lines, (key, fr[key])
    assert "bottom line up front" not in " ".join(lines)


def test_a_french_memo_numbers_its_pages_and_dates_in_french(french: list[str]) -> None:
    total = len(french)
    for n, page in enumerate(french, start=1):
        assert f"Page {n} sur {total}" in page, page[-200:]
        assert "July" not in page
    assert "15 juillet 2025" in french[0] and "8–11 juillet 2025" in french[0]


def test_tones_and_quotation_marks_follow_the_language(french: list[str]) -> None:
    text = "\n".join(french)
    fr = labels_for("fr")
    assert fr.tone("positive") in text and "Positive\n" not in text
    assert "« tracer sa propre voie" in text and "“tracer" not in text
    assert "Détail : Citation originale" in text and "Detail:" not in text


def test_a_brief_label_overrides_the_catalogue(tmp_path: Path) -> None:
    pages = _memo(FRENCH, tmp_path, labels={"bottom_line": "Pour le ministre"})
    assert "POUR LE MINISTRE" in pages[0]


def test_english_memo_keeps_its_words(tmp_path: Path) -> None:
    pages = _memo(ASEAN, tmp_path)
    assert "BOTTOM LINE UP FRONT" in pages[0] and f"Page 1 of {len(pages)}" in pages[0]
