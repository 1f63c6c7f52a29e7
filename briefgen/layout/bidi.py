"""The visual order of a line that holds right-to-left text: its runs cut where the bidi level changes.

The Unicode bidirectional algorithm (UAX #9, from python-bidi, imported only for a
line that holds right-to-left text) resolves each character's level; a line's
pieces are then put in drawing order, left to right (rule L2). The memo plans its
lines with it (:mod:`briefgen.layout.memo_chunks`); the renderer shapes each piece.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.layout.scripts import RTL_CLASSES
from briefgen.load.markup import Run

__all__ = ["Piece", "has_marks", "visual_pieces"]


@dataclass(frozen=True)
class Piece:
    """A stretch of one run at one bidi level: its text in logical order, and whether it runs right to left."""

    run: Run
    text: str
    rtl: bool
    start: int = 0  # where it starts in the line's text (logical order)


def visual_pieces(runs: Sequence[Run], rtl_base: bool) -> list[Piece]:
    """The line's runs cut where the bidi level changes, in visual (left-to-right drawing) order."""
    text = "".join(r.text for r in runs)
    if not rtl_base and not any(unicodedata.bidirectional(ch) in RTL_CLASSES for ch in set(text)):
        starts = [0]
        for r in runs:
            starts.append(starts[-1] + len(r.text))
        return [Piece(r, r.text, False, at) for r, at in zip(runs, starts) if r.text]
    levels = _levels(text, rtl_base)
    owners = [i for i, r in enumerate(runs) for _ in r.text]
    spans: list[tuple[int, int, int, int]] = []  # (level, run index, start, end) in logical order
    for i, (level, owner) in enumerate(zip(levels, owners)):
        if spans and spans[-1][0] == level and spans[-1][1] == owner:
            spans[-1] = (level, owner, spans[-1][2], i + 1)
        else:
            spans.append((level, owner, i, i + 1))
    order = list(range(len(spans)))
    top = max(s[0] for s in spans) if spans else 0
    lowest_odd = min((s[0] for s in spans if s[0] % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):  # L2: reverse each sequence at this level or higher
        i = 0
        while i < len(order):
            if spans[order[i]][0] >= level:
                j = i
                while j < len(order) and spans[order[j]][0] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [
        Piece(runs[spans[k][1]], text[spans[k][2] : spans[k][3]], spans[k][0] % 2 == 1, spans[k][2])
        for k in order
    ]


def _levels(text: str, rtl_base: bool) -> list[int]:
    """The resolved embedding level of each character of one line (rules X1-I2 and L1)."""
    from bidi import algorithm as uax9  # only lines with right-to-left text pay for the import

    storage = uax9.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    # an unassigned code point has no class in unicodedata; UAX #9 gives it L by default
    classed = "".join(ch if unicodedata.bidirectional(ch) else "a" for ch in text)
    uax9.get_embedding_levels(classed, storage)
    uax9.explicit_embed_and_overrides(storage)
    uax9.resolve_weak_types(storage)
    uax9.resolve_neutral_types(storage, False)
    uax9.resolve_implicit_levels(storage, False)
    kept = iter(c["level"] for c in storage["chars"])
    base = storage["base_level"]
    levels: list[int] = []
    for ch in text:  # characters X9 removed (embedding controls, joiners) take their neighbour's level
        if unicodedata.bidirectional(ch) in uax9.X9_REMOVED:
            levels.append(levels[-1] if levels else base)
        else:
            levels.append(next(kept, base))
    for i in range(len(text) - 1, -1, -1):  # L1: whitespace at the end of the line takes the base level
        if not text[i].isspace():
            break
        levels[i] = base
    return levels


def has_marks(text: str) -> bool:
    """True if ``text`` holds a combining mark (decomposed Latin, say, in a right-to-left line)."""
    return max(text, default="\0") >= "\u0300" and any(unicodedata.category(ch) == "Mn" for ch in text)
