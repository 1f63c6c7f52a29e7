"""The fonts a viewer may draw instead of the deck's, and a family measured at the widest of them.

The deck names Calibri (or the theme's family) and is measured with its metric twin,
so it is exact where that font is present. A viewer without it substitutes: a
Linux LibreOffice without Carlito draws DejaVu Sans (about 24 % wider than Carlito,
37 % in bold) or Liberation Sans (about 9 % wider). Text boxes survive that with
autofit (the viewer shrinks what overflows); a table cannot shrink, so its columns
and rows are sized with :func:`widest_family`: each character as wide as in the
widest of the family itself, Liberation Sans (shipped) and DejaVu Sans (its advance
widths ship as a table, ``assets/fonts/substitutes/dejavu-sans-widths.json``, made
by ``tools/make_substitute_widths.py``).

Line heights need no such care: the deck sets every line's pitch in points
(``spcPts``), which no font changes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from briefgen.assets import assets_dir
from briefgen.fonts import PT_PER_PIXEL, FontFace, FontFamily, load_face, pixel_size
from briefgen.session import remembered

__all__ = ["WidestFace", "WidthTable", "widest_family"]

_CACHE_LIMIT = 8192  # texts whose widest advances a face keeps (as FontFace keeps its own)
_STYLES = ("regular", "bold", "italic", "bold_italic")
_NOTO = {
    "regular": "NotoSans-Regular.ttf",
    "bold": "NotoSans-Bold.ttf",
    "italic": "NotoSans-Italic.ttf",
    "bold_italic": "NotoSans-BoldItalic.ttf",
}
_LIBERATION = {
    "regular": "LiberationSans-Regular.ttf",
    "bold": "LiberationSans-Bold.ttf",
    "italic": "LiberationSans-Italic.ttf",
    "bold_italic": "LiberationSans-BoldItalic.ttf",
}


class WidthTable:
    """One face's advance widths by character (font units, unkerned), read from the shipped table."""

    __slots__ = ("_pixels", "units_per_em", "widths")

    def __init__(self, units_per_em: int, widths: dict[str, int]) -> None:
        self.units_per_em = units_per_em
        self.widths = widths
        self._pixels: dict[int, _CharPixels] = {}

    def char_pixels(self, text: str, px: int) -> tuple[int, ...]:
        """Each character's advance in reference pixels at pixel height ``px`` (0 where the table has none)."""
        pixels = self._pixels.get(px)
        if pixels is None:
            pixels = self._pixels[px] = _CharPixels(self.widths, px / self.units_per_em)
        return tuple(map(pixels.__getitem__, text))


class _CharPixels(dict[str, int]):
    """A character's width in whole pixels at one scale, worked out when first asked."""

    __slots__ = ("scale", "widths")

    def __init__(self, widths: dict[str, int], scale: float) -> None:
        super().__init__()
        self.widths = widths
        self.scale = scale

    def __missing__(self, ch: str) -> int:
        pixels = self[ch] = int(self.widths.get(ch, 0) * self.scale + 0.5)
        return pixels


def _dejavu() -> dict[str, WidthTable]:
    return remembered(lambda s: s.substitute_widths, "DejaVu Sans", _read_dejavu)


def _read_dejavu() -> dict[str, WidthTable]:
    path = assets_dir() / "fonts" / "substitutes" / "dejavu-sans-widths.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    tables = {}
    for style, table in data["styles"].items():
        widths: dict[str, int] = {}
        for start, run in table["runs"]:
            widths.update(zip(map(chr, range(start, start + len(run))), run))
        tables[style] = WidthTable(table["units_per_em"], widths)
    return tables


class WidestFace:
    """A face whose every character is as wide as in the widest of its substitutes; otherwise ``face`` itself.

    Coverage, vertical metrics and names are the face's own (it is what the
    deck names); only :meth:`char_pixels` and what is built on it differ.
    """

    __slots__ = ("_cache", "face", "others", "tables")

    def __init__(self, face: FontFace, others: Sequence[FontFace], tables: Sequence[WidthTable]) -> None:
        self.face = face
        self.others = tuple(others)
        self.tables = tuple(tables)
        self._cache: dict[tuple[str, int], tuple[int, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        return getattr(self.face, name)

    def __repr__(self) -> str:
        return f"WidestFace({self.face!r})"

    def char_pixels(self, text: str, px: int) -> tuple[int, ...]:
        """Each character's advance in reference pixels: the largest among the face and its substitutes."""
        key = (text, px)
        found = self._cache.get(key)
        if found is None:
            rows = [self.face.char_pixels(text, px)]
            rows += [o.char_pixels(text, px) for o in self.others]
            rows += [t.char_pixels(text, px) for t in self.tables]
            found = tuple(map(max, *rows))
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = found
        return found

    def advance(self, text: str, size: float) -> float:
        """The advance width of ``text`` at ``size`` points, in points, at the widest."""
        return sum(self.char_pixels(text, pixel_size(size))) * PT_PER_PIXEL


def widest_family(family: FontFamily) -> FontFamily:
    """``family`` measured, style by style, at the widest of itself, Liberation Sans, Noto Sans and DejaVu Sans.

    Text wrapped with it breaks into at least as many lines as in any of them,
    and a word it fits on one line fits on one line in each. One per family in a
    build session, so the text engine's cache keys stay equal.
    """
    return remembered(lambda s: s.widest, family, lambda: _widest(family))


def _widest(family: FontFamily) -> FontFamily:
    folder = assets_dir() / "fonts" / "LiberationSans"
    noto = assets_dir() / "fonts" / "NotoSans"
    dejavu = _dejavu()
    faces: dict[str, Any] = {}
    for style in _STYLES:
        own = getattr(family, style)
        if own is None:
            faces[style] = None
            continue
        shipped = [load_face(folder / _LIBERATION[style]), load_face(noto / _NOTO[style])]
        faces[style] = WidestFace(own, [f for f in shipped if f is not own], [dejavu[style]])
    return FontFamily(family.name, faces["regular"], faces["bold"], faces["italic"], faces["bold_italic"])
