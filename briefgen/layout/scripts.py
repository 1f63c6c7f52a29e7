"""Which text needs more than left-to-right drawing: right-to-left paragraphs and complex scripts.

Pure and cheap: a Latin-only text is answered by one ``max`` over its characters,
so briefs in Latin scripts pay nothing. The memo shapes and reorders what
:func:`needs_script_layout` flags (:mod:`briefgen.render.memo_script`); both outputs
set a paragraph right to left when :func:`is_rtl_text` says its first strong
character is (UAX #9, rules P2 and P3).
"""

from __future__ import annotations

import unicodedata

__all__ = ["RTL_CLASSES", "is_rtl_text", "needs_script_layout"]

RTL_CLASSES = frozenset(("R", "AL", "RLE", "RLO", "RLI"))
# Code point blocks whose text needs shaping (marks, joining, reordering) or bidi.
_COMPLEX_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic ext.
    (0x0900, 0x0DFF),  # Indic
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x109F),  # Tibetan, Myanmar
    (0x1700, 0x18AF),  # Philippine scripts, Khmer, Mongolian
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x200E, 0x200F),  # LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings
    (0x2066, 0x2069),  # bidi isolates
    (0x20D0, 0x20FF),
    (0xA9E0, 0xA9FF),  # Myanmar ext. B
    (0xAA60, 0xAA7F),  # Myanmar ext. A
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE20, 0xFE2F),
    (0xFE70, 0xFEFF),
)


def needs_script_layout(text: str) -> bool:
    """True if ``text`` holds characters that need shaping or bidi reordering to print right."""
    if not text or max(text) < "\u0300":
        return False
    for ch in set(text):
        cp = ord(ch)
        if cp >= 0x0300 and any(lo <= cp <= hi for lo, hi in _COMPLEX_BLOCKS):
            return True
    return False


def is_rtl_text(text: str) -> bool:
    """True if the first strong character of ``text`` is right-to-left (UAX #9, P2-P3)."""
    if max(text, default="\0") < "\u0590":
        return False
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in RTL_CLASSES:
            return True
        if kind in ("L", "LRE", "LRO", "LRI"):
            return False
    return False
