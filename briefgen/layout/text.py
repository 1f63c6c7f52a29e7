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

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from briefgen.fonts import PT_PER_PIXEL, FontFamily, pixel_size
from briefgen.layout.breaks import SPACES, break_before, cluster_end, cluster_start
from briefgen.load.markup import Run, Runs, join_runs, plain_text
from briefgen.session import active_session

__all__ = [
    "DEFAULT_LINE_SPACING",
    "Line",
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

HMM_PER_PT = 2540 / 72  # LibreOffice compares widths in 1/100 mm
_EPS = 1e-6


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


def measure_runs(
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


def line_spans(
    text: str,
    adv: Sequence[int],
    starts: Sequence[bool],
    width: float,
    opp: Sequence[bool] | None = None,
) -> list[tuple[int, int, int]]:
    """Greedy line breaking: return ``(start, end, pixels)`` per line, ``end`` excluding trailing spaces.

    As in LibreOffice, a line's width is the sum of its portions' widths, each
    rounded to 1/100 mm, and it fits when that is not more than the box width in
    1/100 mm. ``opp`` is :func:`~briefgen.layout.breaks.break_before` of ``text``, when the caller has it.
    """
    width_hmm = math.floor(width * HMM_PER_PT + 0.5)
    opp = break_before(text) if opp is None else opp
    n = len(text)
    spaces = SPACES
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
                    end = cluster_end(text, cluster_start(text, i, start) if i > start else start + 1)
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
    session = active_session()
    if session is None:
        return _wrap_now(tuple(runs), family, float(size), float(width), float(line_spacing), fallbacks)
    cache = session.text
    key = (tuple(runs), family, float(size), float(width), float(line_spacing), cache.frozen(fallbacks))
    found = cache.wraps.get(key)
    if found is None:
        found = _wrap_now(*key)
        cache.wraps.put(key, found, sum(len(r.text) for r in key[0]))
    return found


def _wrap_now(
    runs: Runs,
    family: FontFamily,
    size: float,
    width: float,
    line_spacing: float,
    fallbacks: Mapping[str, FontFamily] | tuple[tuple[str, FontFamily], ...] | None,
) -> Paragraph:
    text = plain_text(runs)
    line_height = size * line_spacing
    if not text:
        return Paragraph((Line((), 0.0),), size, line_height)
    adv, starts = measure_runs(runs, family, pixel_size(size), dict(fallbacks or ()))
    lines = tuple(
        Line(slice_runs(runs, a, b), px * PT_PER_PIXEL) for a, b, px in line_spans(text, adv, starts, width)
    )
    return Paragraph(lines, size, line_height)


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
    adv, starts = measure_runs(runs, family, pixel_size(size), fallbacks)
    line_starts = [a for a, _, _ in line_spans(text, adv, starts, width)]
    cuts = sorted({0, *line_starts[1:], len(text)})
    return [slice_runs(runs, a, b) for a, b in itertools.pairwise(cuts) if b > a]
