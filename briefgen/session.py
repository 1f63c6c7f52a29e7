"""One render session: the caches and prepared bases a build run keeps, owned by the build and passed down.

Nothing in briefgen keeps mutable state at module level for speed: whatever is
worth keeping between briefs of one run (wrapped paragraphs, break opportunities,
loaded font faces, loaded themes, prepared deck bases) lives in a
:class:`RenderSession` that :mod:`briefgen.build` makes. Stages that take it as an
argument get it so; the text engine, called from everywhere in layout, reads the
session the build made active (``with session.active():``, a context variable, as
:mod:`decimal` keeps its context). Outside an active session nothing is kept.
A session is not shared between processes; a forked worker uses its copy.

What stays at module level is bounded by the code, not by the briefs: one pydantic
validator and one field table per record class (:mod:`briefgen.load.typed`), and
ReportLab's own registry of the fonts a memo names (:class:`briefgen.render.memo_flow.FontBook`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

if TYPE_CHECKING:
    from pathlib import Path

    from briefgen.fonts import FontFace, FontFamily
    from briefgen.layout.text_cache import TextCaches
    from briefgen.load.markup import Runs
    from briefgen.render.deck_template import BaseSource
    from briefgen.substitutes import WidthTable
    from briefgen.theme import Theme

__all__ = ["RenderSession", "active_session", "in_session", "remembered"]

_P = ParamSpec("_P")
_R = TypeVar("_R")
_K = TypeVar("_K")
_V = TypeVar("_V")


def _text_caches() -> TextCaches:
    from briefgen.layout.text_cache import TextCaches

    return TextCaches()


@dataclass
class RenderSession:
    """The caches of one build run; each stage reads and fills its own field.

    Fields are added by the stage that owns them, with a comment naming it; a fresh
    session (``RenderSession()``) always gives the same outputs as a warm one.
    """

    themes: dict[Path, Theme] = field(default_factory=dict)
    """Owner: :mod:`briefgen.theme.loading`. Loaded themes, by file (each knows when its files changed)."""

    inline: dict[str, Runs] = field(default_factory=dict)
    """Owner: :mod:`briefgen.load.markup`. Styled runs of each text parsed (the memo and the deck parse the same)."""

    faces: dict[tuple[Path, int], FontFace] = field(default_factory=dict)
    """Owner: :mod:`briefgen.fonts`. Font faces (each with its shaping cache), by file and modification time."""

    widest: dict[FontFamily, FontFamily] = field(default_factory=dict)
    """Owner: :mod:`briefgen.substitutes`. Each family measured at its widest substitute's widths."""

    substitute_widths: dict[str, dict[str, WidthTable]] = field(default_factory=dict)
    """Owner: :mod:`briefgen.substitutes`. A substitute font's advance widths by style, read from its shipped table."""

    text: TextCaches = field(default_factory=_text_caches)
    """Owner: :mod:`briefgen.layout.text` (and :mod:`~briefgen.layout.breaks`). Wrapped paragraphs, break opportunities."""

    deck_bases: dict[tuple[Any, ...], BaseSource] = field(default_factory=dict)
    """Owner: :mod:`briefgen.render.deck_template`. Prepared deck bases, by template file (and its time and size) or default look."""

    extra: dict[str, Any] = field(default_factory=dict)
    """Per-stage caches not yet given a field of their own, keyed by the owning module's name."""

    @contextmanager
    def active(self) -> Iterator[RenderSession]:
        """Make this the session the text engine reads, for the ``with`` block (and what it forks)."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)


_ACTIVE: ContextVar[RenderSession | None] = ContextVar("briefgen_render_session", default=None)


def active_session() -> RenderSession | None:
    """The session of the build under way (None outside one: nothing is kept)."""
    return _ACTIVE.get()


def in_session(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` in the active session, or in a new one made active for the call (its caches last that call).

    For the stages a caller may run on their own (planning a memo or a deck): the
    text engine's caches matter within one plan as much as between briefs.
    """

    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if _ACTIVE.get() is not None:
            return fn(*args, **kwargs)
        with RenderSession().active():
            return fn(*args, **kwargs)

    return run


def remembered(store: Callable[[RenderSession], dict[_K, _V]], key: _K, make: Callable[[], _V]) -> _V:
    """``make()``, kept under ``key`` in the active session's ``store`` (made anew each time outside a session)."""
    session = _ACTIVE.get()
    if session is None:
        return make()
    kept = store(session)
    found = kept.get(key)
    if found is None:
        found = kept[key] = make()
    return found
