"""The memo's format-free decisions: page geometry, table column widths and row chunks.

Pure: no reportlab. Lengths are points. The memo renderer (:mod:`briefgen.render.memo`)
asks these functions where the text frame is, how to share a width between columns
and where to cut a table row too tall for a page. How values read (dates, numbers,
chart axes) is decided for both outputs in :mod:`briefgen.layout.values`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.text import wrap
from briefgen.load.markup import Runs, plain_text
from briefgen.load.model import Brief
from briefgen.theme import PAGE_SIZES, Theme

__all__ = [
    "BANNER_EDGE",
    "BANNER_HEIGHT",
    "MemoGeometry",
    "column_widths",
    "label_width",
    "line_chunks",
    "longest_word",
    "memo_geometry",
    "natural_width",
]

_UNBROKEN = 1e7  # a width no line reaches: text measured on one line

BANNER_EDGE = 18.0
"""Distance of the classification banners from the paper's edge, points (inside printers' unprintable rim)."""

BANNER_HEIGHT = 15.0
"""Height of a classification banner, points."""


class MemoGeometry:
    """Where things go on a page: the text frame, banners, running header and footer (points, from bottom-left)."""

    def __init__(self, theme: Theme, banner: bool) -> None:
        self.page_width, self.page_height = PAGE_SIZES[theme.memo.page_size]
        m = theme.memo.margins
        caption = theme.type_scale.memo.caption
        band = (BANNER_EDGE + BANNER_HEIGHT) if banner else BANNER_EDGE
        self.banner = banner
        self.left = m.left
        self.right = self.page_width - m.right
        top_room = band + 10 + caption * 1.2 + 12
        bottom_room = band + 10 + caption * 1.2 + 12
        self.top = self.page_height - max(m.top, top_room)
        self.bottom = max(m.bottom, bottom_room)
        self.header_baseline = self.page_height - band - 10 - caption
        self.header_rule = self.header_baseline - caption * 0.6
        self.footer_baseline = band + 10
        self.footer_rule = self.footer_baseline + caption * 1.35

    @property
    def width(self) -> float:
        """The text frame's width."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """The text frame's height."""
        return self.top - self.bottom


def memo_geometry(theme: Theme, brief: Brief) -> MemoGeometry:
    """The page geometry the memo of ``brief`` uses with ``theme``."""
    return MemoGeometry(theme, bool(brief.classification))


def column_widths(natural: Sequence[float], minimum: Sequence[float], total: float) -> list[float]:
    """Share ``total`` between columns: in proportion to each one's natural width, never below its minimum.

    ``natural`` is the width a column's longest cell would take unwrapped and
    ``minimum`` its longest word; both are capped so no column takes everything.
    The widths always add up to ``total``; when the minimums alone exceed it they
    are scaled down together.
    """
    n = len(natural)
    if n == 0:
        return []
    floor = [min(m, total / n * 1.6) for m in minimum]
    if sum(floor) >= total:
        return [total * f / sum(floor) for f in floor] if sum(floor) > 0 else [total / n] * n
    # A column never asks for more than half the width, nor less than its floor.
    want = [max(min(w, total * 0.55), f, 1.0) for w, f in zip(natural, floor, strict=True)]
    if sum(want) <= total:
        extra = total - sum(want)
        return [w + extra * w / sum(want) for w in want]
    # Shrink the wide columns towards their floors, all in the same proportion.
    fixed = [False] * n
    widths = list(want)
    for _ in range(n):
        free = total - sum(widths[i] for i in range(n) if fixed[i])
        flexible = sum(want[i] for i in range(n) if not fixed[i])
        changed = False
        for i in range(n):
            if fixed[i]:
                continue
            widths[i] = want[i] * free / flexible
            if widths[i] < floor[i]:
                widths[i], fixed[i], changed = floor[i], True, True
        if not changed:
            break
    scale = total / sum(widths)
    return [w * scale for w in widths]


def line_chunks(line_counts: Sequence[int], per_chunk: int) -> list[tuple[int, int]]:
    """Cut a table row whose cells hold ``line_counts`` lines into ``(start, end)`` line ranges.

    Every range holds at most ``per_chunk`` lines (at least one); a row that fits is
    one range. Each cell shows its lines ``start:end`` in each piece of the row.
    """
    per_chunk = max(1, per_chunk)
    tallest = max(line_counts, default=1) or 1
    return [(a, min(a + per_chunk, tallest)) for a in range(0, tallest, per_chunk)]


def natural_width(
    runs: Runs, family: FontFamily, size: float, fallbacks: Mapping[str, FontFamily] | None = None
) -> float:
    """The width ``runs`` take unwrapped (their widest forced line), measured by the text engine."""
    return wrap(runs, family, size, _UNBROKEN, fallbacks=fallbacks).width


def longest_word(runs: Runs, face: FontFace, size: float) -> float:
    """The width of the widest space-separated word of ``runs`` in ``face`` (0 for no words)."""
    return max((face.advance(w, size) for w in plain_text(runs).split()), default=0.0)


def label_width(text: str, face: FontFace, size: float, tracking: float) -> float:
    """The width of a letter-spaced label: its characters' unkerned advances plus ``tracking`` points each.

    Measured character by character (unkerned), as the label column has always been sized.
    """
    return sum(face.advance(ch, size) for ch in text) + tracking * len(text)
