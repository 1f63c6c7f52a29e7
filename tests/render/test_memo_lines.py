"""The memo breaks lines exactly where the text engine breaks them at the same width (issue 12)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool

from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo import memo_geometry
from briefgen.layout.text import wrap
from briefgen.load.loader import load
from briefgen.load.markup import parse_inline
from briefgen.render.memo import render_memo_pdf
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
WITH_OUTLOOK = ["asean-58th-amm", "quarterly-trade-review"]


def _pdf_lines(pdf: Path) -> list[str]:
    """Every line pdftotext reads (reading order, not layout), whitespace squashed."""
    require_tool("pdftotext")
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("name", WITH_OUTLOOK)
def test_outlook_lines_equal_the_engines(tmp_path: Path, name: str) -> None:
    loaded = load(ROOT / "briefs" / f"{name}.yaml")
    theme = load_theme(loaded.brief.theme)
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(render_memo_pdf(loaded, theme, epoch=0).data)
    geo = memo_geometry(theme, loaded.brief)
    t = theme.type_scale.memo
    runs = apply_fallback(
        parse_inline(loaded.brief.outlook or ""), theme.body_family, list(theme.fallbacks.values())
    )
    para = wrap(
        runs, theme.body_family, t.body, geo.width, line_spacing=t.line_spacing, fallbacks=theme.fallbacks
    )
    expected = [" ".join(line.text.split()) for line in para.lines]
    assert len(expected) >= 2, "the outlook should take several lines, or the test shows nothing"
    got = _pdf_lines(pdf)
    start = got.index(expected[0])
    assert got[start : start + len(expected)] == expected


MEMO_RENDER_MODULES = sorted((ROOT / "briefgen" / "render").glob("memo*.py"))
# Text measuring: ReportLab's widths, the engine's wrap (a bare call; a flowable's own ``.wrap`` and
# ``def wrap`` are Platypus's protocol, not measuring) and a font face's advances.
MEASURING = (r"stringWidth", r"(?<![.\w])(?<!def )wrap(_all)?\(", r"\bchar_advances\(", r"\.advance\(")


def test_render_memo_modules_measure_no_text() -> None:
    assert MEMO_RENDER_MODULES, "no memo modules found: the scan would pass vacuously"
    offenders = [
        f"{path.name}: {word}"
        for path in MEMO_RENDER_MODULES
        for word in MEASURING
        if re.search(word, path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
