"""The build pipeline: load a brief, resolve its theme, plan and draw each format in memory, write atomically.

Each stage is a plain function: :func:`briefgen.load.loader.load`, :func:`resolve_theme`
(with :func:`template_colours` for a template's look), then per format a planner
(:func:`briefgen.layout.memo_plan.plan_memo`; the deck's
:func:`briefgen.render.deck.plan_for_base` in the frame of its base, the template's
geometry) and a drawer (:func:`briefgen.render.memo.draw_memo`,
:func:`briefgen.render.deck.draw_deck`). Planners return warnings keyed by the
brief's model path; :func:`build_one` positions them at FILE:LINE:COL. Renderers are imported only for the formats asked for, so ``--format pdf`` never
imports python-pptx and ``--format pptx`` never imports reportlab. Every output of
a brief is rendered before any is written: a failed build leaves the old outputs
intact.
"""

from __future__ import annotations

import calendar
import gc
import glob
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import BriefgenError, Diagnostic, PathWarning
from briefgen.load.loader import LoadedBrief, load
from briefgen.output import write_atomic
from briefgen.render import Rendered
from briefgen.session import RenderSession, active_session

if TYPE_CHECKING:
    from briefgen.theme import Theme

FORMATS = ("pdf", "pptx")
BRIEF_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass
class BuildResult:
    """What building one brief did: its outputs, warnings and errors."""

    source: Path
    outputs: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the brief built without errors."""
        return not self.errors


def find_briefs(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files, folders (their ``*.yaml``, ``*.yml`` and ``*.json``) and glob patterns into brief paths, in order.

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


def resolve_theme(loaded: LoadedBrief, override: str | None, session: RenderSession | None = None) -> Theme:
    """The theme to use: the command line's, else the brief's ``theme:``, else the default."""
    from briefgen.theme import load_theme

    if override:
        return load_theme(override, base_dir=Path.cwd(), session=session)
    name = loaded.brief.theme
    try:
        return load_theme(name, base_dir=loaded.folder, session=session)
    except BriefgenError as exc:
        if name is None:
            raise
        line, col = loaded.document.where(("theme",))
        first = exc.diagnostics[0].message if exc.diagnostics else str(exc)
        raise type(exc)(str(exc), [Diagnostic(loaded.document.file, line, col, f"theme: {first}")]) from None


def template_colours(theme: Theme, template: Path | None, session: RenderSession | None) -> Theme:
    """With a template (the command line's or the theme's), the default theme takes its colours and fonts, for both outputs.

    The memo then matches the deck on an organisation's template; a theme of the
    user's own keeps its look. Opens the template (python-pptx) only when there is one.
    """
    if theme.name != "default" or (template is None and theme.template_path is None):
        return theme
    from briefgen.render.deck import in_template_look, open_base

    return in_template_look(theme, open_base(theme, template, session))


def render(
    loaded: LoadedBrief,
    theme: Theme,
    fmt: str,
    *,
    template: Path | None = None,
    pdfa: bool = False,
    session: RenderSession | None = None,
    embed_fonts: bool = False,
) -> Rendered:
    """Render one format of the brief into memory; ``pdfa`` makes the memo a PDF/A-2u as well.

    ``embed_fonts`` embeds in the deck the faces it names by their own name (fallback scripts, a theme's fonts).

    ``session`` keeps what is worth keeping for the next brief of the run (a prepared deck base,
    wrapped text); without one, the active session if any, else a fresh one.
    """
    session = session if session is not None else (active_session() or RenderSession())
    with session.active():
        return _render(
            loaded, theme, fmt, template=template, pdfa=pdfa, session=session, embed_fonts=embed_fonts
        )


def _render(
    loaded: LoadedBrief,
    theme: Theme,
    fmt: str,
    *,
    template: Path | None,
    pdfa: bool,
    session: RenderSession,
    embed_fonts: bool,
) -> Rendered:
    epoch = source_date_epoch(loaded)
    if fmt == "pdf":
        from briefgen.layout.memo_plan import plan_memo
        from briefgen.render.memo import draw_memo

        _freeze_imported(fmt)
        memo, warnings = plan_memo(loaded, theme)
        return draw_memo(memo, loaded, theme, epoch=epoch, pdfa=pdfa, warnings=warnings)
    from briefgen.render.deck import draw_deck, open_base, plan_for_base, with_fonts

    _freeze_imported(fmt)
    base = open_base(theme, template, session)  # the template's geometry and look
    deck = plan_for_base(loaded, theme, base)
    data = draw_deck(deck, base, epoch=epoch)
    if embed_fonts:
        data = with_fonts(data, deck, theme, epoch=epoch)
    return Rendered(data, list(deck.warnings))


@cache
def _freeze_imported(fmt: str) -> None:
    """Once a renderer is imported, hide the objects the process holds from the garbage collector.

    Importing ReportLab or python-pptx makes hundreds of thousands of objects that live
    as long as the process; frozen, they are not scanned again by every full collection
    (~30 ms of a cold build). Runs once per format (the cache is the guard).
    """
    gc.freeze()


def render_formats(
    loaded: LoadedBrief,
    theme: Theme,
    formats: Sequence[str],
    *,
    template: Path | None = None,
    pdfa: bool = False,
    parallel: bool = False,
    session: RenderSession | None = None,
    embed_fonts: bool = False,
) -> dict[str, Rendered]:
    """Render each format of the brief into memory, in the order given.

    With ``parallel`` and more than one format, the last is rendered in a forked
    process while this one renders the others (a cold build imports and warms up
    ReportLab and python-pptx side by side); the bytes are the same either way.
    """

    def one(fmt: str) -> Rendered:
        return render(
            loaded, theme, fmt, template=template, pdfa=pdfa, session=session, embed_fonts=embed_fonts
        )

    if not parallel or len(formats) < 2 or not hasattr(os, "fork"):
        return {fmt: one(fmt) for fmt in formats}
    *here, there = formats
    child = _ForkedRender(lambda: one(there))
    try:
        done = {fmt: one(fmt) for fmt in here}
    except BaseException:
        child.wait()
        raise
    return {**done, there: child.result()}


class _ForkedRender:
    """One render run in a forked child; :meth:`result` returns its output or raises its error here."""

    def __init__(self, work: Callable[[], Rendered]) -> None:
        import pickle

        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: render, send the outcome, leave without running any cleanup
            try:
                gc.freeze()  # its collections would otherwise copy every page it shares with the parent
                os.close(read_end)
                try:
                    outcome: tuple[str, object, str] = ("ok", work(), "")
                except BaseException as exc:
                    import traceback

                    outcome = ("error", exc, traceback.format_exc())
                try:
                    payload = pickle.dumps(outcome)
                except Exception:  # an error that cannot be pickled: send its traceback
                    payload = pickle.dumps(("error", RuntimeError(outcome[2]), outcome[2]))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
            finally:
                os._exit(0)
        os.close(write_end)
        self._pipe = os.fdopen(read_end, "rb")

    def wait(self) -> tuple[bytes, int]:
        """Wait for the child to finish; return what it sent and its wait status."""
        with self._pipe as pipe:
            payload = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        return payload, status

    def result(self) -> Rendered:
        """Wait for the child; return what it rendered or raise the error it raised."""
        import pickle

        payload, status = self.wait()
        if not payload:
            raise RuntimeError(f"the forked renderer died without a result (wait status {status})")
        kind, value, trace = pickle.loads(payload)  # from our own child: trusted
        if kind == "error":
            assert isinstance(value, BaseException)
            if not isinstance(value, BriefgenError) and hasattr(value, "add_note"):
                value.add_note(f"raised in the forked renderer:\n{trace}")  # a bug: show where
            raise value
        assert isinstance(value, Rendered)
        return value


def output_paths(source: Path, out_dir: Path, formats: Iterable[str]) -> list[Path]:
    """Where the outputs of ``source`` go: ``out_dir/<stem>.<format>``."""
    return [out_dir / f"{source.stem}.{fmt}" for fmt in formats]


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where, which formats, which theme, and whether to write or only compare."""

    out_dir: Path = Path("out")
    formats: tuple[str, ...] = FORMATS
    theme: str | None = None
    template: Path | None = None
    pdfa: bool = False  # the memo also a PDF/A-2u, for archives
    embed_fonts: bool = False  # the deck carries the faces it names by their own name
    strict: bool = False
    check: bool = False


def build_brief(
    source: Path,
    options: BuildOptions = BuildOptions(),
    *,
    parallel_formats: bool = False,
    session: RenderSession | None = None,
) -> BuildResult:
    """Build one brief; never raises :class:`BriefgenError` (its diagnostics go into the result).

    With ``options.check`` nothing is written: outputs that are missing or differ from what
    would be built are listed in ``result.stale``. With ``options.strict`` a warning fails the
    brief and nothing is written. With ``parallel_formats`` (for a caller with a spare core)
    the formats are rendered at the same time, one in a forked process, where fork exists.
    ``session`` is the run's (a fresh one when None): the stages keep in it what the next brief reuses.
    """
    started = time.perf_counter()
    session = session if session is not None else RenderSession()
    result = BuildResult(source)
    with session.active():
        try:
            loaded = load(source)
            result.warnings.extend(loaded.warnings)
            chosen = template_colours(
                resolve_theme(loaded, options.theme, session), options.template, session
            )
            result.warnings.extend(chosen.contrast_warnings())
            result.warnings.extend(chosen.glyph_warnings(loaded.document))
            rendered = render_formats(
                loaded,
                chosen,
                options.formats,
                template=options.template,
                pdfa=options.pdfa,
                embed_fonts=options.embed_fonts,
                parallel=parallel_formats,
                session=session,
            )
            for out in rendered.values():  # the planners' warnings get their FILE:LINE:COL here
                for w in out.warnings:
                    found = w.at(loaded.document) if isinstance(w, PathWarning) else w
                    if found not in result.warnings:
                        result.warnings.append(found)
            if options.strict and result.warnings:
                result.errors.append(
                    Diagnostic(
                        str(source), 1, 1, f"{len(result.warnings)} warning(s) and --strict: nothing written"
                    )
                )
            else:
                targets = output_paths(source, options.out_dir, options.formats)
                for target, fmt in zip(targets, options.formats, strict=True):
                    if options.check:
                        if not target.is_file() or target.read_bytes() != rendered[fmt].data:
                            result.stale.append(target)
                    else:
                        write_atomic(target, rendered[fmt].data)
                result.outputs = targets
        except BriefgenError as exc:
            result.errors.extend(exc.diagnostics or [Diagnostic(str(source), 1, 1, str(exc))])
    result.seconds = time.perf_counter() - started
    return result


def build_many(
    sources: Sequence[Path],
    options: BuildOptions,
    *,
    jobs: int = 1,
    on_result: Callable[[BuildResult], None] | None = None,
) -> list[BuildResult]:
    """Build every brief, on ``jobs`` processes; return the results in the order of ``sources``.

    ``on_result`` is called as each brief finishes (for progress). A bad brief never stops
    the others. Renderers are imported before the workers fork, so each worker starts warm.
    """
    spare = jobs > len(sources)  # a core left over: one brief renders its formats side by side
    jobs = max(1, min(jobs, len(sources)))
    if jobs == 1:
        results = []
        session = RenderSession()  # the run's: the next brief reuses what this one prepared
        for source in sources:
            results.append(build_brief(source, options, parallel_formats=spare, session=session))
            if on_result:
                on_result(results[-1])
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    _warm_up(options.formats)
    by_source: dict[Path, BuildResult] = {}
    context = (
        multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker) as pool:
        futures = {pool.submit(_build_in_worker, source, options): source for source in sources}
        try:
            for future in as_completed(futures):
                result = future.result()
                by_source[futures[future]] = result
                if on_result:
                    on_result(result)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    return [by_source[source] for source in sources]


_worker_session: RenderSession | None = None
"""A worker process's session, made by :func:`_start_worker` (set in worker processes only)."""


def _start_worker() -> None:
    """Give this worker process its own session: the briefs it builds share their themes and deck bases."""
    global _worker_session
    _worker_session = RenderSession()


def _build_in_worker(source: Path, options: BuildOptions) -> BuildResult:
    return build_brief(source, options, session=_worker_session)


def _warm_up(formats: Sequence[str]) -> None:
    """Import the renderers once in the parent so forked workers share them."""
    if "pdf" in formats:
        import briefgen.render.memo
    if "pptx" in formats:
        import briefgen.render.deck  # noqa: F401
    gc.freeze()  # the workers share these objects: no collection should copy their pages
