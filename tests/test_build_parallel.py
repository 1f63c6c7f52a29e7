"""Rendering a brief's formats side by side (one in a forked process): same bytes, same errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import briefgen.build
from briefgen.build import BuildOptions, build_many, render_formats, resolve_theme
from briefgen.errors import Diagnostic, RenderError
from briefgen.load.loader import load
from briefgen.render import Rendered

ROOT = Path(__file__).resolve().parents[1]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def test_parallel_formats_give_the_same_bytes() -> None:
    loaded = load(ASEAN)
    theme = resolve_theme(loaded, None)
    one_by_one = render_formats(loaded, theme, ("pdf", "pptx"))
    side_by_side = render_formats(loaded, theme, ("pdf", "pptx"), parallel=True)
    assert list(side_by_side) == ["pdf", "pptx"]
    assert {fmt: r.data for fmt, r in side_by_side.items()} == {fmt: r.data for fmt, r in one_by_one.items()}


def test_an_error_in_the_forked_render_is_raised_with_its_diagnostics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = briefgen.build.render

    def failing(loaded, theme, fmt, *, template=None, pdfa=False):  # type: ignore[no-untyped-def]
        if fmt == "pptx":
            raise RenderError("no deck", [Diagnostic("brief.yaml", 3, 5, "cannot draw this")])
        return real(loaded, theme, fmt, template=template)

    monkeypatch.setattr(briefgen.build, "render", failing)
    loaded = load(ASEAN)
    with pytest.raises(RenderError) as caught:
        render_formats(loaded, resolve_theme(loaded, None), ("pdf", "pptx"), parallel=True)
    assert caught.value.diagnostics == [Diagnostic("brief.yaml", 3, 5, "cannot draw this")]


def test_a_bug_in_the_forked_render_still_surfaces(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(loaded, theme, fmt, *, template=None, pdfa=False):  # type: ignore[no-untyped-def]
        if fmt == "pptx":
            raise ZeroDivisionError("a bug")
        return Rendered(b"pdf")

    monkeypatch.setattr(briefgen.build, "render", broken)
    loaded = load(ASEAN)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        render_formats(loaded, resolve_theme(loaded, None), ("pdf", "pptx"), parallel=True)


def test_one_brief_with_a_spare_core_builds_the_same_files(tmp_path: Path) -> None:
    (serial,) = build_many([ASEAN], BuildOptions(out_dir=tmp_path / "serial"), jobs=1)
    (parallel,) = build_many([ASEAN], BuildOptions(out_dir=tmp_path / "parallel"), jobs=2)
    assert serial.ok and parallel.ok
    for a, b in zip(serial.outputs, parallel.outputs, strict=True):
        assert a.read_bytes() == b.read_bytes()
