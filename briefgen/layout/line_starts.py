"""Where the lines of every suffix of a paragraph start, found in logarithmic time per line.

The deck's fitter splits long text across slides at sentence ends; each candidate
split wraps a suffix of the paragraph on its own. :class:`LineStarts` shapes the
paragraph once and answers for every suffix with the rule of
:func:`briefgen.layout.text.line_spans`, which stays the reference.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Mapping, Sequence

from briefgen.fonts import FontFamily, pixel_size
from briefgen.layout.breaks import (
    CM,
    SP,
    SPACES,
    break_before,
    cluster_end,
    cluster_start,
    find_breaks,
    line_class,
)
from briefgen.layout.text import HMM_PER_PT, line_spans, measure_runs
from briefgen.load.markup import Runs, plain_text

__all__ = ["LineStarts"]


class LineStarts:
    """Where the lines of ``text[offset:]`` start, for any ``offset``, the text wrapped on its own.

    The paragraph is shaped once, and a line is found in logarithmic time from
    prefix sums of the advances (the same greedy rule as :func:`~briefgen.layout.text.line_spans`, which
    stays the reference; the fast path needs no negative advance). Each line start's
    successor is remembered, so the lines of many overlapping suffixes (every
    sentence of a long paragraph) cost a few lookups each, found only as far as asked.
    The break opportunities are the suffix's own; each character keeps the advance
    it has in the whole paragraph (a kerning pair or ligature across ``offset`` is
    measured as in the paragraph).
    """

    def __init__(
        self,
        runs: Runs,
        family: FontFamily,
        size: float,
        width: float,
        *,
        fallbacks: Mapping[str, FontFamily] | None = None,
    ) -> None:
        self.text = text = plain_text(runs)
        n = len(text)
        self._adv, self._portions = measure_runs(runs, family, pixel_size(size), fallbacks)
        self._width = float(width)
        self._width_hmm = math.floor(width * HMM_PER_PT + 0.5)
        self._opp = break_before(text)
        self._fast = all(a >= 0 for a in self._adv)
        self._sums = list(itertools.accumulate(self._adv, initial=0))
        self._breaks = [i for i, ok in enumerate(self._opp) if ok]
        self._portion_starts = [i for i, ok in enumerate(self._portions) if ok] + [n]
        solid = [n] * (n + 1)  # the first index at or after i that is not a space
        for i in range(n - 1, -1, -1):
            solid[i] = solid[i + 1] if text[i] in SPACES else i
        self._solid = solid
        self._next: dict[int, int] = {}  # a line start → the next one (``n + 1``: none)
        self._walks: dict[int, list[int]] = {}  # offset → its line starts so far, ``n + 1`` once complete

    def count(self, offset: int, last: int) -> int:
        """How many lines of ``text[offset:]`` start at or before index ``last``."""
        return bisect.bisect_right(self._walk(offset, last), last)

    def starts(self, offset: int, stop: int) -> list[int]:
        """Where the lines of ``text[offset:]`` start, those before index ``stop``."""
        walk = self._walk(offset, stop - 1)
        return walk[: bisect.bisect_left(walk, stop)]

    def _walk(self, offset: int, last: int) -> list[int]:
        """The line starts of ``text[offset:]``, found at least past index ``last`` (or to the end)."""
        walk = self._walks.get(offset)
        if walk is None:
            walk = self._walks[offset] = self._first_lines(offset)
        while walk[-1] <= last:  # never past the end: ``n + 1`` is more than any index
            walk.append(self._successor(walk[-1]))
        return walk

    def _first_lines(self, offset: int) -> list[int]:
        """The first line starts of ``text[offset:]``, up to one past which its break opportunities are the paragraph's.

        The suffix's opportunities differ from the paragraph's only up to its first
        character that is neither a space nor a combining mark (no look-ahead), so
        from a line starting there or later, lines follow :meth:`_successor`. When
        the window reaches the end, the list is complete and ends with ``n + 1``.
        """
        text, n = self.text, len(self.text)
        solid = offset
        while solid < n and line_class(text[solid]) in (SP, CM):
            solid += 1
        if solid == offset:
            return [offset]
        span = 64
        while True:
            end = min(n, offset + span)
            while end < n and line_class(text[end]) == CM:  # a forced cut could move past the window
                end += 1
            head = find_breaks(text[offset : min(end, solid + 1)])
            opp = head + self._opp[offset + len(head) : end]
            # every start found in a window is the suffix's; only the last line's end is unknown
            starts = [offset + a for a, _, _ in self._window(offset, end, opp)]
            if end == n:
                return [*starts, n + 1]
            if starts[-1] >= solid:
                return starts
            span *= 2

    def _window(self, a: int, b: int, opp: Sequence[bool]) -> list[tuple[int, int, int]]:
        return line_spans(self.text[a:b], self._adv[a:b], self._portions[a:b], self._width, opp)

    def _successor(self, start: int) -> int:
        """Where the line after the one starting at ``start`` starts (``len(text) + 1`` after the last line)."""
        found = self._next.get(start)
        if found is None:
            found = self._next[start] = (
                self._find_successor(start) if self._fast else self._slow_successor(start)
            )
        return found

    def _slow_successor(self, start: int) -> int:
        """:meth:`_successor` by the reference line breaker, on a window that grows until a second line starts."""
        n = len(self.text)
        if start >= n:
            return n + 1
        span = 256
        while True:
            end = min(n, start + span)
            while end < n and line_class(self.text[end]) == CM:
                end += 1
            spans = self._window(start, end, (False, *self._opp[start + 1 : end]))
            if len(spans) > 1:
                return start + spans[1][0]
            if end == n:
                return n + 1
            span *= 2

    def _find_successor(self, start: int) -> int:
        """:meth:`_successor` as :func:`~briefgen.layout.text.line_spans` decides it, a portion at a time by bisection."""
        text, n = self.text, len(self.text)
        if start >= n:
            return n + 1
        sums, width_hmm = self._sums, self._width_hmm
        portions = self._portion_starts
        k = bisect.bisect_right(portions, start)  # portions[k] is the next portion start after ``start``
        done = 0  # 1/100 mm of the portions finished on this line
        seg = start
        while True:
            if text[seg] == "\n":
                return seg + 1  # a newline ends the line; at the very end it opens an empty one
            stop = portions[k]  # this portion runs from ``seg`` to ``stop``
            # pixels that still fit: done + (x * 127 + 15) // 30 <= width_hmm
            room = (30 * (width_hmm - done) + 14) // 127
            over = bisect.bisect_right(sums, sums[seg] + room, lo=seg + 1) - 1  # the first character past it
            if over < stop:
                over = self._solid[over]  # spaces hang: the first other character overflows
                if over < stop:
                    return self._cut(start, over)
            if stop >= n:
                return n + 1
            done += ((sums[stop] - sums[seg]) * 127 + 15) // 30
            seg = stop
            k += 1

    def _cut(self, start: int, over: int) -> int:
        """Where the next line starts when character ``over`` does not fit the line from ``start``."""
        b = bisect.bisect_right(self._breaks, over) - 1
        if b >= 0 and self._breaks[b] > start:
            return self._breaks[b]
        text, n = self.text, len(self.text)
        end = cluster_end(text, cluster_start(text, over, start) if over > start else start + 1)
        return end if end < n else n + 1  # the marks after a cut reach the end: no line after it
