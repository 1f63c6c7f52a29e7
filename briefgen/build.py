"""The build pipeline: load a brief, resolve its theme, render each format in memory, write atomically.

Renderers are imported only for the formats asked for, so ``--format pdf`` never
imports python-pptx and ``--format pptx`` never imports reportlab. Every output of
a brief is rendered before any is written: a failed build leaves the old outputs
intact.
"""

from __future__ import annotations

import calendar
import glob
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Diagnostic
from briefgen.loader import LoadedBrief, load
from briefgen.output import write_atomic

if TYPE_CHECKING:
    from briefgen.render import Rendered
    from briefgen.theme import Theme

FORMATS = ("pdf", "pptx")
BRIEF_SUFFIXES = (".yaml", ".yml")


@dataclass
class BuildResult:
    """What building one brief did: its outputs, warnings and errors."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the brief built without errors."""
        return not self.errors


def find_briefs(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files, folders (their ``*.yaml`` and ``*.yml``) and glob patterns into brief paths, in order.

    A path that does not exist is kept, so that loading it reports the error at its place.
    """
    found: list[Path] = []
    for raw in paths:
        text = str(raw)
        if any(ch in text for ch in "*?[") and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))
            candidates = [Path(m) for m in matches if Path(m).suffix.lower() in BRIEF_SUFFIXES]
        elif Path(text).is_dir():
            candidates = sorted(
                p for p in Path(text).iterdir() if p.suffix.lower() in BRIEF_SUFFIXES and p.is_file()
            )
        else:
            candidates = [Path(text)]
        for path in candidates:
            if path not in found:
                found.append(path)
    return found


def source_date_epoch(loaded: LoadedBrief) -> int:
    """The timestamp written into outputs: ``SOURCE_DATE_EPOCH`` if set, else the brief's date at 00:00 UTC."""
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if env.isdigit():
        return int(env)
    return calendar.timegm(loaded.brief.date.timetuple())


def resolve_theme(loaded: LoadedBrief, override: str | None) -> Theme:
    """The theme to use: the command line's, else the brief's ``theme:``, else the default."""
    from briefgen.theme import load_theme

    if override:
        return load_theme(override, base_dir=Path.cwd())
    name = loaded.brief.theme
    try:
        return load_theme(name, base_dir=loaded.folder)
    except BriefgenError as exc:
        if name is None:
            raise
        line, col = loaded.document.where(("theme",))
        first = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        raise type(exc)(str(exc), [Diagnostic(loaded.document.file, line, col, f"theme: {first}")]) from None


def render(loaded: LoadedBrief, theme: Theme, fmt: str, *, template: Path | None = None) -> Rendered:
    """Render one format of the brief into memory."""
    epoch = source_date_epoch(loaded)
    if fmt == "pdf":
        from briefgen.render.memo import render_memo_pdf

        return render_memo_pdf(loaded, theme, epoch=epoch)
    from briefgen.render.deck import render_deck_pptx

    return render_deck_pptx(loaded, theme, epoch=epoch, template=template)


def output_paths(source: Path, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Where the outputs of ``source`` go: ``out_dir/<stem>.<format>``."""
    return [out_dir / f"{source.stem}.{fmt}" for fmt in formats]


def build_brief(
    source: Path,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    theme: str | None = None,
    template: Path | None = None,
    write: bool = True,
) -> BuildResult:
    """Build one brief; never raises :class:`BriefgenError` (its diagnostics go into the result)."""
    started = time.perf_counter()
    result = BuildResult(source)
    try:
        loaded = load(source)
        result.warnings.extend(loaded.warnings)
        chosen = resolve_theme(loaded, theme)
        rendered = {fmt: render(loaded, chosen, fmt, template=template) for fmt in formats}
        for out in rendered.values():
            result.warnings.extend(w for w in out.warnings if w not in result.warnings)
        targets = output_paths(source, out_dir, formats)
        if write:
            for target, fmt in zip(targets, formats, strict=True):
                write_atomic(target, rendered[fmt].data)
        result.outputs = targets
    except BriefgenError as exc:
        result.errors.extend(exc.diagnostics or [Diagnostic(str(source), 1, 1, str(exc))])
    result.seconds = time.perf_counter() - started
    return result
