"""Where a line may break: a small subset of UAX #14, tuned to match LibreOffice, and ICU's dictionary breaks.

Lines break after spaces; after a hyphen or en dash; before and after an em dash;
after ``?``, ``!`` and ``…``; around CJK ideographs; never next to quotes, before
closing punctuation or inside ``and/or``. Thai, Lao, Khmer and Myanmar, written
without spaces, break between words found by ICU's dictionary-based line break
iterator (from ``icu4py``), as LibreOffice breaks them with ICU. A forced cut never
splits a base character from its marks (:func:`cluster_start`, :func:`cluster_end`).
"""

from __future__ import annotations

import re
import unicodedata

from briefgen.session import active_session

__all__ = ["CM", "SP", "SPACES", "break_before", "cluster_end", "cluster_start", "find_breaks", "line_class"]

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


def line_class(ch: str) -> int:
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


_LATIN = tuple(_CLASS_OF.get(chr(cp), _AL) for cp in range(0x300))
"""The class of each character below U+0300 (a constant table: most briefs' text is all in it)."""


def break_before(text: str) -> tuple[bool, ...]:
    """For each index ``i``, whether a line may start at ``text[i]`` (index 0 is always False).

    Kept in the build's session: a text is often wrapped at several sizes and widths
    while it is fitted. Each answer depends only on the text up to ``i`` (no look-ahead).
    """
    session = active_session()
    if session is None:
        return find_breaks(text)
    cache = session.text.breaks
    found = cache.get(text)
    if found is None:
        found = find_breaks(text)
        cache.put(text, found, len(text))
    return found


def find_breaks(text: str) -> tuple[bool, ...]:
    """:func:`break_before`, worked out."""
    n = len(text)
    latin = _LATIN
    raw = [latin[o] if (o := ord(ch)) < 0x300 else line_class(ch) for ch in text]
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


SPACES = frozenset(ch for ch, c in _CLASS_OF.items() if c == _SP)
"""The characters of class SP: they hang at a line's end and do not count."""

SP, CM = _SP, _CM
"""The classes of spaces and of combining marks (a cut moves past marks; lines skip spaces)."""


def cluster_start(text: str, i: int, start: int) -> int:
    """Move ``i`` back so it does not split a base character from its combining marks."""
    while i > start + 1 and (line_class(text[i]) == _CM or text[i - 1] in _JOINING_SIGNS):
        i -= 1
    return i


def cluster_end(text: str, i: int) -> int:
    """Move ``i`` on past the marks (and a coeng's or virama's consonant) that belong to the cluster before it."""
    n = len(text)
    while i < n and (line_class(text[i]) == _CM or text[i - 1] in _JOINING_SIGNS):
        i += 1
    return i


_JOINING_SIGNS = frozenset("\u17d2\u1039\u1a60")
"""Khmer coeng, Myanmar virama, Tai Tham sakot: they join the next consonant to the cluster (no cut after them)."""
