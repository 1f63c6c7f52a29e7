"""The memo's pages: fixed words and dates in the brief's language, and what every page carries.

The running parts are read back per page with ``pdftotext`` (skipped without it,
failing under ``CI=true``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from briefgen.layout.memo_plan import subject
from briefgen.layout.memo_writer import Words
from briefgen.load.loader import LoadedBrief, load
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "briefs" / "asean-58th-amm-fr.yaml"
ENGLISH = ROOT / "briefs" / "asean-58th-amm.yaml"
EPOCH = 1_751_500_800


@pytest.fixture(scope="module")
def french() -> LoadedBrief:
    return load(FRENCH)


@pytest.fixture(scope="module")
def french_pages(french: LoadedBrief, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The French memo's pages as pdftotext prints each one (``-layout``)."""
    pdftotext = require_tool("pdftotext")
    pdf = tmp_path_factory.mktemp("page") / "fr.pdf"
    pdf.write_bytes(render_memo_pdf(french, load_theme(french.brief.theme), epoch=EPOCH).data)
    out = subprocess.run([pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
    pages = out.stdout.split("\f")[:-1]
    assert len(pages) >= 2, "the memo should have several pages, or the running header shows nothing"
    return pages


def test_words_and_dates_are_in_the_briefs_language(french: LoadedBrief) -> None:
    words = Words.of(french.brief)
    assert words.language == "fr"
    assert words.date(dt.date(2025, 7, 15)) == "15 juillet 2025"
    assert words.date_range(dt.date(2025, 7, 8), dt.date(2025, 7, 11)) == "8–11 juillet 2025"
    assert words("page_of", n=2, m=5) == "Page 2 sur 5"
    english = Words.of(load(ENGLISH).brief)
    assert english.date(dt.date(2025, 7, 15)) == "15 July 2025"
    assert english("page_of", n=2, m=5) == "Page 2 of 5"


def test_the_briefs_own_labels_win_over_the_catalogue(french: LoadedBrief) -> None:
    brief = dataclasses.replace(french.brief, labels={"page_of": "p. {n}/{m}"})
    assert Words.of(brief)("page_of", n=1, m=2) == "p. 1/2"


def test_subject_names_the_meeting_its_dates_and_place(french: LoadedBrief) -> None:
    brief = french.brief
    text = subject(brief, Words.of(brief))
    assert text.startswith("Note d'information")
    assert "58e réunion des ministres des Affaires étrangères de l’ASEAN" in text
    assert "8–11 juillet 2025, Kuala Lumpur (Malaisie)" in text
    no_place = dataclasses.replace(brief, meeting=dataclasses.replace(brief.meeting, location=None))
    assert subject(no_place, Words.of(no_place)).endswith("(8–11 juillet 2025)")


def test_every_page_has_its_footer_in_the_briefs_language(
    french: LoadedBrief, french_pages: list[str]
) -> None:
    total = len(french_pages)
    for n, page in enumerate(french_pages, 1):
        assert f"Page {n} sur {total}" in page, n
        assert "15 juillet 2025" in page, n  # the footer's date
        assert f"Page {n} of" not in page, n  # not the English words


def test_every_page_carries_the_classification_banner_top_and_bottom(french_pages: list[str]) -> None:
    for n, page in enumerate(french_pages, 1):
        assert page.count("NON CLASSIFIÉ") == 2, n
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert lines[0] == "NON CLASSIFIÉ" and lines[-1] == "NON CLASSIFIÉ", n


def test_the_running_header_is_on_page_2_and_after_only(french_pages: list[str]) -> None:
    for n, page in enumerate(french_pages, 1):
        second = [line for line in page.splitlines() if line.strip()][1]
        assert ("58e AMM" in second) == (n > 1), (n, second)
