"""The text engine's caches: paragraphs wrapped and break opportunities found, kept for one build run.

They live in the build's :class:`~briefgen.session.RenderSession` (its ``text``
field), never at module level: outside a build nothing is kept. Each is bounded by
the characters of the texts it holds, not by a count, so a few long texts cannot
fill memory.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from briefgen.fonts import FontFamily

__all__ = ["TextCache", "TextCaches"]

CACHED_CHARS = 2_000_000
"""Per cache: what its texts may add up to (a few tens of MB)."""

_V = TypeVar("_V")


class TextCache(dict[Hashable, _V]):
    """Results kept by key, bounded by the total length of the texts they were computed from.

    A count bound lets a few thousand long texts (and what is computed from them)
    fill gigabytes; this one cannot hold more than ``chars`` characters' worth, each
    entry counted as its text plus ``ENTRY`` characters of overhead. A look-up is a
    plain ``dict.get``; the oldest entries go first.
    """

    ENTRY = 64

    def __init__(self, chars: int) -> None:
        super().__init__()
        self._chars = chars
        self._held = 0
        self._weights: dict[Hashable, int] = {}

    def put(self, key: Hashable, value: _V, weight: int) -> None:
        """Keep ``value`` for ``key``; ``weight`` is the length of the text it was computed from."""
        weight += self.ENTRY
        if weight > self._chars or key in self:
            return
        self[key] = value
        self._weights[key] = weight
        self._held += weight
        while self._held > self._chars:
            oldest = next(iter(self._weights))
            self._held -= self._weights.pop(oldest)
            del self[oldest]

    def clear(self) -> None:
        """Forget everything."""
        super().clear()
        self._weights.clear()
        self._held = 0


class FrozenFallbacks(tuple):  # type: ignore[type-arg]
    """Fallback families as part of a cache key: sorted by name, hashed once (a theme has many)."""

    _hash: int

    def __new__(cls, items: Sequence[tuple[str, FontFamily]]) -> FrozenFallbacks:
        self = super().__new__(cls, items)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash

    __eq__ = tuple.__eq__


@dataclass
class TextCaches:
    """What the text engine keeps for the next paragraph of a run (owner: :mod:`briefgen.layout.text`)."""

    wraps: TextCache[Any] = field(default_factory=lambda: TextCache(CACHED_CHARS))
    """Wrapped paragraphs, by runs, family, size, width, line spacing and fallbacks."""
    breaks: TextCache[tuple[bool, ...]] = field(default_factory=lambda: TextCache(CACHED_CHARS))
    """Break opportunities, by text."""
    _frozen: dict[int, tuple[Mapping[str, FontFamily], FrozenFallbacks]] = field(default_factory=dict)

    def frozen(self, fallbacks: Mapping[str, FontFamily] | None) -> tuple[tuple[str, FontFamily], ...]:
        """``fallbacks`` as part of a cache key, worked out once per mapping (a theme's is used for every paragraph)."""
        if not fallbacks:
            return ()
        found = self._frozen.get(id(fallbacks))
        if found is not None and found[0] is fallbacks:
            return found[1]
        frozen = FrozenFallbacks(sorted(fallbacks.items(), key=lambda kv: kv[0]))
        if len(self._frozen) >= 64:
            self._frozen.clear()
        self._frozen[id(fallbacks)] = (fallbacks, frozen)  # the mapping is held, so its id is not reused
        return frozen
