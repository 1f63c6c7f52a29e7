"""Line starts of every suffix (briefgen.layout.line_starts) equal the reference line breaker's."""

from __future__ import annotations

import bisect
import random
import re

import pytest

from briefgen.fonts import FontFamily
from briefgen.layout.line_starts import LineStarts
from briefgen.layout.text import join_runs, line_spans, wrap
from briefgen.load.markup import Run, parse_inline, plain_text
from layout.test_text import ENDORSED

# -- line starts of every suffix ----------------------------------------------

_PIECES = [
    "ministers", "agreed", "a", "cooperation", "e.g.", " ", " ", "  ", "\t", ".", ", ", "-", "—",
    "?", "…", "(", ")", "“", "”", "and/or", "\n", "\n  ", "中文字", "\u0301", "e\u0301", "\u00a0",
    "\u200b", "x" * 40, "fi", "AV", "Привет", "مرحبا", "123", "\u200d",
]  # fmt: skip


def _suffix_lines(starts: LineStarts, offset: int, width: float) -> list[int]:
    """The reference: :func:`line_spans` on ``text[offset:]`` itself, each character measured in the paragraph."""
    text = starts.text
    spans = line_spans(text[offset:], starts._adv[offset:], starts._portions[offset:], width)
    return [offset + a for a, _, _ in spans]


@pytest.mark.parametrize("slow", [False, True])
def test_line_starts_of_every_suffix_are_those_of_the_reference_breaker(
    calibri: FontFamily, slow: bool
) -> None:
    rng = random.Random(7)
    for _ in range(60 if slow else 150):
        runs: list[Run] = []
        while sum(len(r.text) for r in runs) < rng.choice([5, 60, 300]):
            text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 10)))
            runs.append(Run(text, rng.random() < 0.3, rng.random() < 0.2))
        width = rng.choice([1.0, 20.0, 80.0, 300.0])
        starts = LineStarts(join_runs(tuple(runs)), calibri, rng.choice([8.0, 14.0, 24.0]), width)
        if slow:
            starts._fast = False  # the fallback for fonts with negative advances
        n = len(starts.text)
        for offset in sorted({0, *rng.sample(range(n), min(n, 12))}):
            want = _suffix_lines(starts, offset, width)
            assert starts.starts(offset, n + 1) == want, (starts.text, offset, width)
            for last in range(offset, n, max(1, (n - offset) // 7)):
                assert starts.count(offset, last) == bisect.bisect_right(want, last)


def test_line_starts_of_the_whole_paragraph_are_its_wrapped_lines(calibri: FontFamily) -> None:
    runs = parse_inline(ENDORSED + " **" + ENDORSED + "**\nA new line.")
    lines = wrap(runs, calibri, 14, 250).lines
    starts = LineStarts(runs, calibri, 14, 250).starts(0, len(plain_text(runs)) + 1)
    assert [plain_text(runs)[a:].startswith(line.text) for a, line in zip(starts, lines)] == [True] * len(
        lines
    )
    assert len(starts) == len(lines)


def test_line_starts_of_a_long_paragraph_take_linear_time(calibri: FontFamily) -> None:
    import time

    runs = parse_inline(" ".join([ENDORSED] * 400))  # 80 KB, 800 sentences
    text = plain_text(runs)
    sentence_starts = [m.end() for m in re.finditer(r"\. ", text)]
    start = time.perf_counter()
    starts = LineStarts(runs, calibri, 12, 500)
    for a in sentence_starts:
        starts.count(a, min(len(text) - 1, a + 2000))
    assert time.perf_counter() - start < 3.0  # each suffix re-wrapped took minutes
