"""What ``check-template`` prints (render/template_check.py): each finding on its own line, and a verdict."""

from __future__ import annotations

from pathlib import Path

from briefgen.layout.slides import Rect
from briefgen.render.template_check import LayoutCheck, TemplateReport


def _report(**changes: object) -> TemplateReport:
    report = TemplateReport(
        Path("corp.pptx"),
        (960.0, 540.0),
        layouts=[
            LayoutCheck("title", "Title Slide", True, ("title (idx 0)", "subtitle (idx 1)")),
            LayoutCheck("content", "Title Only", True, ("title (idx 0)",), ("footer (optional)",)),
        ],
        available=("Title Slide", "Title Only"),
        title_area=Rect(40, 30, 880, 60),
        body_area=Rect(40, 110, 880, 360),
        colours=(("background", "#FFFFFF"), ("text", "#000000")),
        notes=["fonts: body in Arial (measured and embedded as Liberation Sans)"],
    )
    for key, value in changes.items():
        setattr(report, key, value)
    return report


def test_a_usable_template_is_reported_line_by_line() -> None:
    lines = _report().lines()
    assert lines[0] == "corp.pptx: slide size 960 × 540 pt (13.33 × 7.50 in)"
    assert "  content slides: layout 'Title Only' found; placeholders: title (idx 0)" in lines
    assert "    MISSING placeholder: footer (optional)" in lines
    assert "  body area: 880 × 360 pt at (40, 110)" in lines
    assert "  colours taken: background #FFFFFF, text #000000" in lines
    assert "  fonts: body in Arial (measured and embedded as Liberation Sans)" in lines
    assert lines[-1] == "  ok: briefgen can use this template"


def test_a_template_that_cannot_be_used_says_why_and_what_it_leaves_out() -> None:
    report = _report(
        layouts=[LayoutCheck("content", "Title Only", False)],
        problems=["no layout named 'Title Only' (for content slides)"],
        slides=3,
    )
    assert not report.ok
    lines = report.lines()
    assert "  3 slide(s) in the template will be left out of the deck" in lines
    assert "  content slides: layout 'Title Only' MISSING" in lines
    assert lines[-1] == "  NOT usable: no layout named 'Title Only' (for content slides)"
    assert str(report) == "\n".join(lines)
