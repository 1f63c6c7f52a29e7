"""Watch mode: rebuild a brief when it, an image it uses or its theme changes; keep the last good outputs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from briefgen.build import BuildOptions, BuildResult, build_brief, find_briefs
from briefgen.errors import BriefgenError
from briefgen.session import RenderSession


def dependencies(source: Path, options: BuildOptions, session: RenderSession | None = None) -> set[Path]:
    """The files a build of ``source`` reads: the brief, its images and its theme files (resolved)."""
    from briefgen.build import resolve_theme
    from briefgen.load.loader import load

    deps = {source.resolve()}
    try:
        loaded = load(source)
    except BriefgenError:
        return deps
    for section in loaded.brief.sections:
        for block in section.blocks:
            if block.image is not None:
                deps.add((loaded.folder / block.image.path).resolve())
    try:
        theme = resolve_theme(loaded, options.theme, session)
    except BriefgenError:
        return deps
    deps.update(Path(p).resolve() for p in getattr(theme, "source_files", ()))
    return deps


def watch_and_build(
    paths: Sequence[str],
    options: BuildOptions,
    *,
    report: Callable[[BuildResult], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Build every brief under ``paths``, then rebuild the affected ones on each change until stopped."""
    import watchfiles

    sources = find_briefs(paths)
    session = RenderSession()  # the watch's: a rebuild reuses the faces and themes whose files did not change
    deps: dict[Path, set[Path]] = {}
    for source in sources:
        report(build_brief(source, options, session=session))
        deps[source] = dependencies(source, options, session)
    roots = {Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in paths}
    roots |= {d.parent for ds in deps.values() for d in ds}
    for changes in watchfiles.watch(*sorted(roots), stop_event=stop_event, debounce=300):
        changed = {Path(p).resolve() for _, p in changes}
        sources = find_briefs(paths)
        for source in sources:
            if source not in deps or deps[source] & changed:
                report(build_brief(source, options, session=session))
                deps[source] = dependencies(source, options, session)
