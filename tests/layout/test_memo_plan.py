"""The memo plan: every paragraph broken into lines by the text engine, drawn as planned, planned without reportlab."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import require_tool

from briefgen.layout.memo_blocks import Box, Grid, Keep, Text
from briefgen.layout.memo_plan import MemoPlan, plan_memo
from briefgen.layout.text import wrap
from briefgen.load.loader import load
from briefgen.load.markup import plain_text
from briefgen.render.memo import draw_memo
from briefgen.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"


@pytest.fixture(scope="module")
def planned() -> tuple[MemoPlan, list]:
    loaded = load(ASEAN)
    return plan_memo(loaded, load_theme(loaded.brief.theme))


def _texts(block: object, width: float) -> list[tuple[Text, float]]:
    """Every paragraph of a block with the box width it was planned for."""
    if isinstance(block, Text):
        return [(block, width)]
    if isinstance(block, Box):
        inner = block.inner_width(width)
        out = [t for child in block.children for t in _texts(child, inner)]
        return out + (_texts(block.label, block.label_width) if block.label is not None else [])
    if isinstance(block, Grid):
        cells = [c for row in ([block.header] if block.header else []) + block.rows for c in row]
        return [(c.text, w) for c, w in zip(cells, block.inner * len(cells), strict=False) if c.text]
    return []


def _joined(printed: str, line: str) -> bool:
    """``printed`` is ``line`` (ending in a hyphen) joined by pdftotext with the next line, hyphen dropped."""
    return line.endswith("-") and printed.startswith(line[:-1]) and len(printed) > len(line)


def test_planning_imports_neither_reportlab_nor_python_pptx() -> None:
    code = (
        "import sys, json\n"
        "from briefgen.load.loader import load\n"
        "from briefgen.layout.memo_plan import plan_memo\n"
        "from briefgen.theme import load_theme\n"
        f"loaded = load({str(ASEAN)!r})\n"
        "plan, _ = plan_memo(loaded, load_theme(loaded.brief.theme))\n"
        "print(json.dumps([len(plan.blocks), sorted(m for m in sys.modules if m.split('.')[0] in ('reportlab', 'pptx'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    blocks, imported = json.loads(out)
    assert blocks > 20, "the plan should hold the whole memo"
    assert imported == []


def test_every_paragraph_is_broken_as_the_engine_breaks_it_at_its_width(
    planned: tuple[MemoPlan, list],
) -> None:
    plan, _ = planned
    texts = [t for block in plan.blocks for t in _texts(block, plan.geometry.width)]
    assert len(texts) > 50
    for text, width in texts:
        assert text.width == pytest.approx(width)
        s = text.style
        expected = (
            wrap(
                text.runs,
                s.family,
                s.size,
                max(1.0, width - text.indent - text.right),
                line_spacing=s.line_spacing,
                fallbacks=s.fallbacks,
            ).lines
            if text.runs
            else ()
        )
        assert [(line.runs, line.width) for line in text.lines] == [
            (line.runs, line.width) for line in expected
        ]
        assert all(line.chunks for line in text.lines if line.runs), (
            "each line knows the chunks it is drawn in"
        )


def test_grid_cells_are_planned_at_their_column_less_padding(planned: tuple[MemoPlan, list]) -> None:
    plan, _ = planned
    grids = [b for b in plan.blocks if isinstance(b, Grid)]
    assert len(grids) >= 3  # header block, meeting facts, reactions
    for g in grids:
        assert sum(g.widths) == pytest.approx(plan.geometry.width, abs=0.01)
        assert len(g.heights) >= len(g.rows) + (1 if g.header else 0)
        for row in g.rows:
            for cell, inner in zip(row, g.inner, strict=True):
                if cell.text is not None:
                    assert cell.text.width == pytest.approx(inner)


def test_each_heading_is_kept_with_what_follows(planned: tuple[MemoPlan, list]) -> None:
    plan, _ = planned
    blocks = list(plan.blocks)
    keeps = [i for i, b in enumerate(blocks) if isinstance(b, Keep)]
    assert len(keeps) >= 8
    for i in keeps:
        keep = blocks[i]
        assert blocks[i + 1] is keep.first
        assert 0 < keep.need <= plan.geometry.height * 0.6
        assert (
            keep.need >= keep.first.lead() + sum(b.lead() for b in keep.following) - 1e-6
            or keep.need == keep.cap
        )


def test_the_pdf_prints_the_planned_lines_and_outline(planned: tuple[MemoPlan, list], tmp_path: Path) -> None:
    require_tool("pdftotext")
    plan, warnings = planned
    loaded = load(ASEAN)
    pdf = tmp_path / "memo.pdf"
    pdf.write_bytes(draw_memo(plan, loaded, load_theme(loaded.brief.theme), epoch=0, warnings=warnings).data)
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    printed = [" ".join(line.split()) for line in out.splitlines() if line.strip()]
    body = [t for b in plan.blocks if isinstance(b, Text) and not b.char_space for t in [b]]
    planned_lines = [" ".join(line.text.split()) for t in body for line in t.lines]
    assert len(planned_lines) > 40
    labels = {" ".join(plain_text(t.label).split()) for t in body if t.label}

    def labelled(line: str) -> list[str]:  # a bullet's or number's first line: its label printed before it
        return [f"{label} {line}" for label in labels]

    at, rest = 0, ""
    for line in planned_lines:  # in order, each a line as pdftotext reads it
        if rest:  # pdftotext joined "Indo-" and "Pacific …" into one line: this is the rest of it
            assert rest == line
            rest = ""
            continue
        found = next(
            (
                i
                for i in range(at, len(printed))
                if printed[i] in (line, *labelled(line)) or _joined(printed[i], line)
            ),
            None,
        )
        assert found is not None, f"planned line not printed as a line: {line!r}"
        at = found + 1
        if _joined(printed[found], line):
            rest = printed[found][len(line) - 1 :]
    with pikepdf.open(pdf) as doc, doc.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles == [title for _, title in plan.outline]
