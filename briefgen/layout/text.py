"""The text engine: wrap styled runs into lines, find the size that fits a box, split text across boxes.

Pure and format-free: lengths are points (floats), fonts are :class:`FontFamily`
objects, and the results are frozen values the renderers draw as they are.

Lines break where LibreOffice breaks them (the parity test renders PPTX text boxes
and compares): after spaces; after a hyphen or en dash; before and after an em
dash; after ``?``, ``!`` and ``…``; around CJK ideographs; never next to quotes,
before closing punctuation or inside ``and/or``. A word wider than the box is cut
into pieces at the last character that fits (at least one per line), after moving
to a line of its own. ``\\n`` forces a line break. Trailing spaces hang in the
margin and do not count. Text fits a width when, rounded to 1/100 mm as
LibreOffice compares them, its advance is not larger than the width. Each run is
shaped on its own (kerning does not cross style changes), as LibreOffice shapes
each text portion.

To draw a plan as planned, a renderer gives each text box exactly the planned
width, no insets, word wrap on and no autofit, names the theme's family (or the
run's fallback ``font``) on every run, and sets line spacing to exactly
``size × line_spacing`` points; no safety margin is needed or wanted (a narrower
plan lets a renderer pull words back up). Widths are LibreOffice's (HarfBuzz,
600-dpi pixels; see :mod:`briefgen.fonts`); PowerPoint's may differ by a fraction
of a point on a rare line.

Thai, Lao, Khmer and Myanmar, written without spaces, break between words found
by ICU's dictionary-based line break iterator (from ``icu4py``), as LibreOffice
breaks them with ICU. Known differences: a
tab is measured as a space (LibreOffice jumps to a tab stop), so renderers should
draw tabs as spaces.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import unicodedata
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from briefgen.fonts import PT_PER_PIXEL, FontFamily, pixel_size
from briefgen.load.markup import Run, Runs, join_runs, plain_text

__all__ = [
    "DEFAULT_LINE_SPACING",
    "Line",
    "LineStarts",
    "Paragraph",
    "fit_size",
    "join_runs",
    "line_pieces",
    "slice_runs",
    "split_sentences",
    "stack_height",
    "strip_runs",
    "wrap",
    "wrap_all",
]

DEFAULT_LINE_SPACING = 1.2
"""Line height as a multiple of the font size, unless the theme says otherwise."""

_HMM_PER_PT = 2540 / 72  # LibreOffice compares widths in 1/100 mm
_EPS = 1e-6
_CACHED_CHARS = 2_000_000  # per cache: what its texts may add up to (a few tens of MB)

_V = TypeVar("_V")


class _TextCache(dict[Hashable, _V]):
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


@dataclass(frozen=True)
class Line:
    """One line of a wrapped paragraph: its styled runs (trailing spaces dropped) and their width in points."""

    runs: Runs
    width: float

    @property
    def text(self) -> str:
        """The line's text without styling."""
        return plain_text(self.runs)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph wrapped at one size: its lines (at least one) and the height they take."""

    lines: tuple[Line, ...]
    size: float
    line_height: float

    @property
    def height(self) -> float:
        """Lines × line height, in points."""
        return len(self.lines) * self.line_height

    @property
    def width(self) -> float:
        """The widest line's width, in points."""
        return max((line.width for line in self.lines), default=0.0)


# ---------------------------------------------------------------------------
# Break opportunities (a small subset of UAX #14, tuned to match LibreOffice)

_SP, _GL, _ZW, _HY, _B2, _EX, _IN, _QU, _OP, _CL, _CM, _ID, _AL = range(13)

_CLASS_OF: dict[str, int] = {}
for _ch in " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000":
    _CLASS_OF[_ch] = _SP
for _ch in "\u00a0\u202f\u2007\u2011\u2060\ufeff\u034f\u180e":
    _CLASS_OF[_ch] = _GL
_CLASS_OF["\u200b"] = _ZW
for _ch in "-\u2010\u2012\u2013\u00ad\u058a":
    _CLASS_OF[_ch] = _HY
for _ch in "\u2014\u2e3a\u2e3b":
    _CLASS_OF[_ch] = _B2
for _ch in "!?\u203c\u2047\u2048\u2049\u00bf\u00a1":
    _CLASS_OF[_ch] = _EX
for _ch in "\u2024\u2025\u2026":
    _CLASS_OF[_ch] = _IN
for _ch in "\"'\u2018\u2019\u201b\u201c\u201d\u201f\u00ab\u00bb\u2039\u203a\u201a\u201e":
    _CLASS_OF[_ch] = _QU
for _ch in "([{\u2045\u207d\u208d\u3008\u300a\u300c\u300e\u3010\u3014\uff08\uff3b\uff5b":
    _CLASS_OF[_ch] = _OP
for _ch in ")]},.:;/\u2046\u207e\u208e\u3001\u3002\u3009\u300b\u300d\u300f\u3011\u3015\uff09\uff0c\uff0e\uff1a\uff1b\uff3d\uff5d":
    _CLASS_OF[_ch] = _CL
_CLASS_OF["\u00bf"] = _OP  # ¿ and ¡ open a sentence
_CLASS_OF["\u00a1"] = _OP
del _ch

# Classes that may not start a line (no break before them, even at a forced cut).
_NO_BREAK_BEFORE = frozenset({_SP, _GL, _CL, _EX, _IN, _QU, _HY, _CM})
# Classes after which a break is allowed when the next character may start a line.
_BREAK_AFTER = frozenset({_HY, _B2, _EX, _IN, _ZW})


@lru_cache(maxsize=4096)
def _cls(ch: str) -> int:
    """The line-breaking class of one character."""
    c = _CLASS_OF.get(ch)
    if c is not None:
        return c
    cp = ord(ch)
    if cp < 0x300:
        return _AL
    if ch == "\u200d" or unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me"):
        return _CM
    if (
        0x2E80 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xF900 <= cp <= 0xFAFF
        or 0xFF01 <= cp <= 0xFF60
        or 0x20000 <= cp <= 0x3FFFD
        or 0x1F300 <= cp <= 0x1FAFF
    ):
        return _ID
    return _AL


def _break_before(text: str) -> tuple[bool, ...]:
    """For each index ``i``, whether a line may start at ``text[i]`` (index 0 is always False).

    Cached: a text is often wrapped at several sizes and widths while it is fitted.
    Each answer depends only on the text up to ``i`` (no look-ahead).
    """
    found = _BREAKS.get(text)
    if found is None:
        found = _find_breaks(text)
        _BREAKS.put(text, found, len(text))
    return found


def _find_breaks(text: str) -> tuple[bool, ...]:
    n = len(text)
    raw = list(map(_cls, text))
    eff = list(raw)  # a combining mark takes the class of its base (UAX #14 LB9, LB10)
    for i, c in enumerate(raw):
        if c == _CM:
            eff[i] = eff[i - 1] if i and eff[i - 1] != _SP else _AL
    out = [False] * n
    last_solid = -1  # class of the last character before the current spaces
    for i in range(1, n):
        a, b = eff[i - 1], eff[i]
        if a != _SP:
            last_solid = a
        if raw[i] in (_SP, _CM):
            continue
        if a == _SP:
            out[i] = b not in (_CL, _EX, _IN) and last_solid != _OP
        elif b == _GL or a == _GL:
            continue
        elif a == _ZW:
            out[i] = True
        elif b == _B2:
            out[i] = a not in (_B2, _OP, _QU)
        elif a in _BREAK_AFTER:
            out[i] = b not in _NO_BREAK_BEFORE and b != _B2
        elif b == _ID:
            out[i] = a not in (_OP, _QU)
        elif a == _ID:
            out[i] = b not in _NO_BREAK_BEFORE
    for i in _dictionary_breaks(text):  # between two words of Thai, Lao, Khmer or Myanmar
        if 0 < i < n and _SA.match(text[i - 1]) and _SA.match(text[i]):
            out[i] = True
    return tuple(out)


_SA = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff\uaa60-\uaa7f]")
"""Scripts written without spaces between words (UAX #14 class SA): Thai, Lao, Myanmar, Khmer."""


def _dictionary_breaks(text: str) -> list[int]:
    """Where ICU's line break iterator (dictionary-based for SA scripts) allows a break; none without SA text.

    ICU never breaks inside a grapheme cluster. It comes with the ``icu4py`` package;
    without it, SA text breaks only where a line is full (between clusters).
    """
    if not _SA.search(text):
        return []
    try:
        from icu4py.breakers import LineBreaker
    except ImportError:  # pragma: no cover - icu4py is a dependency
        return []
    out: list[int] = []
    pos = 0
    for segment in LineBreaker(text, "th"):
        pos += len(segment)
        out.append(pos)
    return out


_BREAKS: _TextCache[tuple[bool, ...]] = _TextCache(_CACHED_CHARS)

_SPACES = frozenset(ch for ch, c in _CLASS_OF.items() if c == _SP)
"""The characters of class SP: they hang at a line's end and do not count."""


# ---------------------------------------------------------------------------
# Runs helpers


def slice_runs(runs: Runs, start: int, end: int) -> Runs:
    """Return the runs covering characters ``start:end`` of ``plain_text(runs)``, styles kept."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        lo, hi = pos, pos + len(run.text)
        pos = hi
        a, b = max(lo, start), min(hi, end)
        if a < b:
            out.append(run if (a, b) == (lo, hi) else run.restyle(run.text[a - lo : b - lo]))
        if pos >= end:
            break
    return tuple(out)


def strip_runs(runs: Runs) -> Runs:
    """Return ``runs`` without leading and trailing whitespace (spaces and newlines)."""
    text = plain_text(runs)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return slice_runs(runs, start, end) if (start, end) != (0, len(text)) else runs


# ---------------------------------------------------------------------------
# Wrapping


def _measure(
    runs: Runs, family: FontFamily, px: int, fallbacks: Mapping[str, FontFamily] | None
) -> tuple[list[int], list[bool]]:
    """Each character's advance in reference pixels, and where each text portion starts.

    A portion is a run, split at newlines; each is shaped on its own, as LibreOffice
    shapes each of its text portions.
    """
    adv: list[int] = []
    starts: list[bool] = []
    for run in runs:
        fam = family
        if run.font is not None and fallbacks and run.font in fallbacks:
            fam = fallbacks[run.font]
        face = fam.face(run.bold, run.italic)
        for k, piece in enumerate(run.text.split("\n")):
            if k:
                adv.append(0)  # the newline itself
                starts.append(True)
            if piece:
                adv.extend(face.char_pixels(piece, px))
                starts.append(True)
                starts.extend([False] * (len(piece) - 1))
    return adv, starts


def _cluster_start(text: str, i: int, start: int) -> int:
    """Move ``i`` back so it does not split a base character from its combining marks."""
    while i > start + 1 and (_cls(text[i]) == _CM or text[i - 1] in _JOINING_SIGNS):
        i -= 1
    return i


def _cluster_end(text: str, i: int) -> int:
    """Move ``i`` on past the marks (and a coeng's or virama's consonant) that belong to the cluster before it."""
    n = len(text)
    while i < n and (_cls(text[i]) == _CM or text[i - 1] in _JOINING_SIGNS):
        i += 1
    return i


_JOINING_SIGNS = frozenset("\u17d2\u1039\u1a60")
"""Khmer coeng, Myanmar virama, Tai Tham sakot: they join the next consonant to the cluster (no cut after them)."""


def _line_spans(
    text: str,
    adv: Sequence[int],
    starts: Sequence[bool],
    width: float,
    opp: Sequence[bool] | None = None,
) -> list[tuple[int, int, int]]:
    """Greedy line breaking: return ``(start, end, pixels)`` per line, ``end`` excluding trailing spaces.

    As in LibreOffice, a line's width is the sum of its portions' widths, each
    rounded to 1/100 mm, and it fits when that is not more than the box width in
    1/100 mm. ``opp`` is :func:`_break_before` of ``text``, when the caller has it.
    """
    width_hmm = math.floor(width * _HMM_PER_PT + 0.5)
    opp = _break_before(text) if opp is None else opp
    n = len(text)
    spaces = _SPACES
    spans: list[tuple[int, int, int]] = []
    start = 0
    while True:
        done_hmm = 0  # portions finished on this line
        x = 0  # pixels of the current portion on this line
        last_break = -1
        i = start
        end = n
        forced_newline = False
        while i < n:
            ch = text[i]
            if ch == "\n":
                end, forced_newline = i, True
                break
            if i > start and opp[i]:
                last_break = i
            if i > start and starts[i]:
                # pixels to 1/100 mm, rounded half up as LibreOffice converts them (2540/600 = 127/30)
                done_hmm += (x * 127 + 15) // 30
                x = 0
            x += adv[i]
            if ch not in spaces and done_hmm + (x * 127 + 15) // 30 > width_hmm:
                if last_break > start:
                    end = last_break
                else:
                    end = _cluster_end(text, _cluster_start(text, i, start) if i > start else start + 1)
                break
            i += 1
        trimmed = end
        while trimmed > start and text[trimmed - 1] in spaces:
            trimmed -= 1
        spans.append((start, trimmed, sum(adv[start:trimmed])))
        if forced_newline:
            start = end + 1
            if start == n:  # a final newline opens an empty last line
                spans.append((n, n, 0))
                break
            continue
        if end >= n:
            break
        start = end
    return spans


def wrap(
    runs: Runs,
    family: FontFamily,
    size: float,
    width: float,
    *,
    line_spacing: float = DEFAULT_LINE_SPACING,
    fallbacks: Mapping[str, FontFamily] | None = None,
) -> Paragraph:
    """Return ``runs`` set in ``family`` at ``size`` points, broken into lines no wider than ``width``.

    Every character is kept (only the spaces at line ends and the ``\\n`` that forced
    a break are dropped); a line is wider than ``width`` only when it holds one
    character that alone is wider. Runs whose ``font`` names a family in
    ``fallbacks`` are measured with that family.
    """
    key = (tuple(runs), family, float(size), float(width), float(line_spacing), _freeze(fallbacks))
    found = _WRAPS.get(key)
    if found is None:
        found = _wrap_now(*key)
        _WRAPS.put(key, found, sum(len(r.text) for r in key[0]))
    return found


class _FrozenFallbacks(tuple):  # type: ignore[type-arg]
    """Fallback families as part of a cache key: sorted by name, hashed once (a theme has many)."""

    _hash: int

    def __new__(cls, items: Sequence[tuple[str, FontFamily]]) -> _FrozenFallbacks:
        self = super().__new__(cls, items)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash

    __eq__ = tuple.__eq__


_FROZEN: dict[int, tuple[Mapping[str, FontFamily], _FrozenFallbacks]] = {}  # by the mapping's identity


def _freeze(fallbacks: Mapping[str, FontFamily] | None) -> tuple[tuple[str, FontFamily], ...]:
    if not fallbacks:
        return ()
    found = _FROZEN.get(id(fallbacks))
    if found is not None and found[0] is fallbacks:
        return found[1]
    frozen = _FrozenFallbacks(sorted(fallbacks.items(), key=lambda kv: kv[0]))
    if len(_FROZEN) >= 64:
        _FROZEN.clear()
    _FROZEN[id(fallbacks)] = (fallbacks, frozen)  # the mapping is held, so its id is not reused
    return frozen


def _wrap_now(
    runs: Runs,
    family: FontFamily,
    size: float,
    width: float,
    line_spacing: float,
    fallbacks: tuple[tuple[str, FontFamily], ...],
) -> Paragraph:
    text = plain_text(runs)
    line_height = size * line_spacing
    if not text:
        return Paragraph((Line((), 0.0),), size, line_height)
    adv, starts = _measure(runs, family, pixel_size(size), dict(fallbacks))
    lines = tuple(
        Line(slice_runs(runs, a, b), px * PT_PER_PIXEL) for a, b, px in _line_spans(text, adv, starts, width)
    )
    return Paragraph(lines, size, line_height)


_WRAPS: _TextCache[Paragraph] = _TextCache(_CACHED_CHARS)


def wrap_all(
    paragraphs: Sequence[Runs],
    family: FontFamily,
    size: float,
    width: float,
    *,
    line_spacing: float = DEFAULT_LINE_SPACING,
    fallbacks: Mapping[str, FontFamily] | None = None,
) -> tuple[Paragraph, ...]:
    """Return each paragraph wrapped with :func:`wrap`."""
    return tuple(
        wrap(p, family, size, width, line_spacing=line_spacing, fallbacks=fallbacks) for p in paragraphs
    )


def stack_height(paragraphs: Sequence[Paragraph], para_spacing: float = 0.0) -> float:
    """Return the height of paragraphs set one under another, ``para_spacing`` points between them."""
    if not paragraphs:
        return 0.0
    return sum(p.height for p in paragraphs) + para_spacing * (len(paragraphs) - 1)


# ---------------------------------------------------------------------------
# Fitting


def fit_size(
    paragraphs: Sequence[Runs],
    family: FontFamily,
    width: float,
    height: float,
    size: float,
    floor: float,
    *,
    step: float = 1.0,
    para_spacing: float = 0.0,
    line_spacing: float = DEFAULT_LINE_SPACING,
    fallbacks: Mapping[str, FontFamily] | None = None,
) -> float | None:
    """Return the largest size from ``size`` down to ``floor`` (by ``step``) at which all paragraphs fit.

    ``floor`` itself is always tried. ``para_spacing`` is in points. Returns None when
    the text does not fit even at ``floor``.
    """
    if step <= 0:
        raise ValueError("step must be positive")
    candidates: list[float] = []
    s = float(size)
    while s > floor + _EPS:
        candidates.append(round(s, 4))
        s -= step
    candidates.append(float(floor))
    for s in candidates:
        wrapped = wrap_all(paragraphs, family, s, width, line_spacing=line_spacing, fallbacks=fallbacks)
        if stack_height(wrapped, para_spacing) <= height + _EPS:
            return s
    return None


# ---------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = frozenset(
    {
        "e.g.",
        "i.e.",
        "al.",
        "cf.",
        "vs.",
        "viz.",
        "approx.",
        "ca.",
        "incl.",
        "excl.",
        "esp.",
        "fig.",
        "figs.",
        "no.",
        "nos.",
        "vol.",
        "vols.",
        "pp.",
        "ch.",
        "art.",
        "sec.",
        "para.",
        "eds.",
        "dept.",
        "univ.",
        "inc.",
        "ltd.",
        "co.",
        "corp.",
        "bros.",
        "mr.",
        "mrs.",
        "ms.",
        "mx.",
        "dr.",
        "prof.",
        "sr.",
        "jr.",
        "st.",
        "rev.",
        "hon.",
        "gen.",
        "col.",
        "lt.",
        "capt.",
        "cmdr.",
        "adm.",
        "sgt.",
        "maj.",
        "gov.",
        "sen.",
        "rep.",
        "pres.",
        "amb.",
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
    }
)
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+$")
_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘(«["
_END = re.compile(r"[.?!]+[" + re.escape(_CLOSERS) + r"]*(\s+)")


def _sentence_ends(text: str) -> list[int]:
    """Offsets where a new sentence starts (after the whitespace that ends the previous one)."""
    out: list[int] = []
    for m in _END.finditer(text):
        nxt = m.end()
        if nxt >= len(text):
            continue
        follower = text[nxt]
        if not (follower.isupper() or follower in _OPENERS):
            continue
        if text[m.start()] == ".":
            word_start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            word = text[word_start : m.start() + 1].lstrip(_OPENERS)
            if word.lower() in _ABBREVIATIONS or _INITIALS.match(word):
                continue
        out.append(nxt)
    return out


def split_sentences(runs: Runs) -> tuple[Runs, ...]:
    """Split a paragraph into sentences, losslessly: the pieces joined give back ``runs``.

    A sentence ends at ``.``, ``?`` or ``!`` (and any closing quotes or brackets)
    followed by whitespace and a capital letter or an opening quote; the whitespace
    stays with the sentence before. A full stop after a common abbreviation
    (``e.g.``, ``Dr.``, ``No.``) or initials (``U.S.``, ``J.``) ends no sentence.
    """
    text = plain_text(runs)
    cuts = [0, *_sentence_ends(text), len(text)]
    return tuple(slice_runs(runs, a, b) for a, b in itertools.pairwise(cuts) if b > a)


# ---------------------------------------------------------------------------
# Splitting across boxes


def line_pieces(
    runs: Runs,
    family: FontFamily,
    size: float,
    width: float,
    *,
    fallbacks: Mapping[str, FontFamily] | None = None,
) -> list[Runs]:
    """Return ``runs`` cut losslessly at the starts of its wrapped lines (trailing spaces kept)."""
    text = plain_text(runs)
    adv, starts = _measure(runs, family, pixel_size(size), fallbacks)
    line_starts = [a for a, _, _ in _line_spans(text, adv, starts, width)]
    cuts = sorted({0, *line_starts[1:], len(text)})
    return [slice_runs(runs, a, b) for a, b in itertools.pairwise(cuts) if b > a]


# ---------------------------------------------------------------------------
# Line starts of every suffix


class LineStarts:
    """Where the lines of ``text[offset:]`` start, for any ``offset``, the text wrapped on its own.

    The paragraph is shaped once, and a line is found in logarithmic time from
    prefix sums of the advances (the same greedy rule as :func:`_line_spans`, which
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
        self._adv, self._portions = _measure(runs, family, pixel_size(size), fallbacks)
        self._width = float(width)
        self._width_hmm = math.floor(width * _HMM_PER_PT + 0.5)
        self._opp = _break_before(text)
        self._fast = all(a >= 0 for a in self._adv)
        self._sums = list(itertools.accumulate(self._adv, initial=0))
        self._breaks = [i for i, ok in enumerate(self._opp) if ok]
        self._portion_starts = [i for i, ok in enumerate(self._portions) if ok] + [n]
        solid = [n] * (n + 1)  # the first index at or after i that is not a space
        for i in range(n - 1, -1, -1):
            solid[i] = solid[i + 1] if text[i] in _SPACES else i
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
        while solid < n and _cls(text[solid]) in (_SP, _CM):
            solid += 1
        if solid == offset:
            return [offset]
        span = 64
        while True:
            end = min(n, offset + span)
            while end < n and _cls(text[end]) == _CM:  # a forced cut could move past the window
                end += 1
            head = _find_breaks(text[offset : min(end, solid + 1)])
            opp = head + self._opp[offset + len(head) : end]
            # every start found in a window is the suffix's; only the last line's end is unknown
            starts = [offset + a for a, _, _ in self._window(offset, end, opp)]
            if end == n:
                return [*starts, n + 1]
            if starts[-1] >= solid:
                return starts
            span *= 2

    def _window(self, a: int, b: int, opp: Sequence[bool]) -> list[tuple[int, int, int]]:
        return _line_spans(self.text[a:b], self._adv[a:b], self._portions[a:b], self._width, opp)

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
            while end < n and _cls(self.text[end]) == _CM:
                end += 1
            spans = self._window(start, end, (False, *self._opp[start + 1 : end]))
            if len(spans) > 1:
                return start + spans[1][0]
            if end == n:
                return n + 1
            span *= 2

    def _find_successor(self, start: int) -> int:
        """:meth:`_successor` as :func:`_line_spans` decides it, a portion at a time by bisection."""
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
        end = _cluster_end(text, _cluster_start(text, over, start) if over > start else start + 1)
        return end if end < n else n + 1  # the marks after a cut reach the end: no line after it
