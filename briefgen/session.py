"""One render session: the caches and prepared bases a build run keeps, owned by the build and passed down.

Nothing in briefgen keeps mutable state at module level for speed: whatever is
worth keeping between briefs of one run (wrapped paragraphs, loaded font faces,
loaded themes, prepared deck bases, memo font subsets) lives in a
:class:`RenderSession` that :mod:`briefgen.build` makes and hands to each stage.
A session is not shared between processes; a forked worker uses its copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from briefgen.render.deck_template import BaseSource
    from briefgen.theme import Theme

__all__ = ["RenderSession"]


@dataclass
class RenderSession:
    """The caches of one build run; each stage reads and fills its own field.

    Fields are added by the stage that owns them, with a comment naming it; a fresh
    session (``RenderSession()``) always gives the same outputs as a warm one.
    """

    themes: dict[tuple[Path, int], Theme] = field(default_factory=dict)
    """Owner: :mod:`briefgen.theme.loading`. Loaded themes, by file and its modification time."""

    deck_bases: dict[tuple[Any, ...], BaseSource] = field(default_factory=dict)
    """Owner: :mod:`briefgen.render.deck_template`. Prepared deck bases, by template file (and its time and size) or default look."""

    extra: dict[str, Any] = field(default_factory=dict)
    """Per-stage caches not yet given a field of their own, keyed by the owning module's name."""
