"""Font files measured the way LibreOffice lays out text, so planned line breaks are the rendered ones.

The measuring model, verified against LibreOffice 7.4 rendering PPTX text boxes
(``tests/layout/test_render_parity.py``):

- text is shaped with HarfBuzz (the shaper LibreOffice uses) with its default
  features, so pair kerning and standard ligatures (Carlito's ``fi``, ``ti``,
  ``tt``…) count; LibreOffice applies both whatever the PPTX ``kern`` attribute says;
- the font size is rounded to 1/100 mm, then to a whole pixel of LibreOffice's
  600-dpi reference device (20 pt → 706 hundredths of a mm → 167 px);
- every glyph's advance is scaled to that pixel size and rounded to a whole pixel
  (0.12 pt) on its own, and a character's advance is the sum of its glyphs'.

Advances are returned in points. Coverage (the ``cmap`` HarfBuzz shapes with) and
vertical metrics (``head``, ``hhea``) come from HarfBuzz's view of the file, so
measuring needs no other font library; each file is opened once per process, and
its character set is read only when coverage is first asked.
"""

from __future__ import annotations

import bisect
import math
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import uharfbuzz as hb

__all__ = [
    "PT_PER_PIXEL",
    "REFERENCE_DPI",
    "FontFace",
    "FontFamily",
    "load_face",
    "pixel_size",
    "script_runs",
]

REFERENCE_DPI = 600
"""Resolution of LibreOffice's reference device, on which it breaks lines."""

PT_PER_PIXEL = 72 / REFERENCE_DPI
"""One reference-device pixel in points (0.12 pt)."""

_HMM_PER_INCH = 2540  # LibreOffice's logic unit: 1/100 mm
_CACHE_LIMIT = 8192
_CACHE_CHARS = 1_000_000  # and the characters a cache's texts may add up to (~20 MB with their advances)


def _lround(x: float) -> int:
    """Round half away from zero, as C's ``lround``."""
    return math.floor(x + 0.5) if x >= 0 else -math.floor(-x + 0.5)


def pixel_size(size: float) -> int:
    """Return the pixel height LibreOffice shapes ``size`` points at (via 1/100 mm, at 600 dpi)."""
    hmm = _lround(size * _HMM_PER_INCH / 72)
    return max(1, _lround(hmm * REFERENCE_DPI / _HMM_PER_INCH))


class FontFace:
    """One TrueType file: what it covers, its vertical metrics, and the advance of any text in it.

    Use :func:`load_face` rather than the constructor, so each file is read once.
    Shaping results are cached per text, and scaled advances per (text, pixel size).
    """

    __slots__ = (
        "_chars",
        "_drawn_units",
        "_face",
        "_hb_font",
        "_pixels",
        "_px_cache",
        "_px_chars",
        "_shape_cache",
        "_shape_chars",
        "ascent",
        "descent",
        "line_gap",
        "path",
        "units_per_em",
    )

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._face = hb.Face(hb.Blob.from_file_path(str(self.path)))
        if not self._face.glyph_count:
            raise ValueError(f"{self.path}: not a TrueType font HarfBuzz can read")
        self.units_per_em: int = self._face.upem
        hhea = self._face.reference_table("hhea").data
        if len(hhea) < 10:
            raise ValueError(f"{self.path}: the font has no 'hhea' table")
        ascent, descent, line_gap = struct.unpack(">hhh", hhea[4:10])
        self.ascent: int = ascent
        self.descent: int = descent
        self.line_gap: int = line_gap
        self._chars: frozenset[str] | None = None
        self._hb_font: hb.Font | None = None
        self._shape_cache: dict[str, _Shaped] = {}
        self._px_cache: dict[tuple[str, int], tuple[int, ...]] = {}
        self._shape_chars = 0  # characters of the texts each cache holds
        self._px_chars = 0
        self._pixels: dict[int, _Pixels] = {}
        self._drawn_units = _DrawnUnits(self)

    def __repr__(self) -> str:
        return f"FontFace({self.family_name!r}, {self.style_name!r}, {str(self.path)!r})"

    @property
    def family_name(self) -> str:
        """The family name the file declares (e.g. ``Carlito``): typographic, else legacy (name IDs 21, 16, 1)."""
        return self._name((21, 16, 1), self.path.stem)

    @property
    def style_name(self) -> str:
        """The style name the file declares (e.g. ``Bold Italic``): name IDs 22, 17, 2."""
        return self._name((22, 17, 2), "Regular")

    def _name(self, ids: tuple[int, ...], default: str) -> str:
        return next((n for n in map(self._face.get_name, ids) if n), default)

    @property
    def chars(self) -> frozenset[str]:
        """Every character the font maps to a glyph (read from the file on first use)."""
        if self._chars is None:
            self._chars = frozenset(map(chr, self._face.unicodes))
        return self._chars

    def covers(self, ch: str) -> bool:
        """True if the font has a glyph for the character ``ch``."""
        return ch in self.chars

    def covers_all(self, text: str) -> bool:
        """True if the font has a glyph for every character of ``text``."""
        return self.chars.issuperset(text)

    def ascent_pt(self, size: float) -> float:
        """The ascent (hhea) at ``size`` points, in points."""
        return self.ascent * size / self.units_per_em

    def descent_pt(self, size: float) -> float:
        """The descent (hhea, a positive number) at ``size`` points, in points."""
        return -self.descent * size / self.units_per_em

    def line_gap_pt(self, size: float) -> float:
        """The line gap (hhea) at ``size`` points, in points."""
        return self.line_gap * size / self.units_per_em

    def char_advances(self, text: str, size: float) -> tuple[float, ...]:
        """Return the advance of each character of ``text`` set at ``size`` points, in points.

        ``text`` is shaped as one piece (kerning between its characters counts); a
        ligature's advance goes to its first character and the others get 0.
        """
        return tuple(px * PT_PER_PIXEL for px in self.char_pixels(text, pixel_size(size)))

    def advance(self, text: str, size: float) -> float:
        """Return the advance width of ``text`` set at ``size`` points, in points."""
        return sum(self.char_pixels(text, pixel_size(size))) * PT_PER_PIXEL

    def drawn_width(self, text: str, size: float) -> float:
        """The width of ``text`` at ``size`` points as a PDF draws it unshaped, in points.

        Each character takes its own glyph's advance (``hmtx``; a character the font
        lacks, glyph 0's; no kerning, no ligatures): the width a PDF string of these
        characters takes, what ReportLab's ``stringWidth`` gives. The memo plans its
        Latin chunks with it so the renderer measures nothing.
        """
        return sum(map(self._drawn_units.__getitem__, text)) * size / self.units_per_em

    def hmtx_advance(self, ch: str) -> int:
        """The advance of ``ch``'s own glyph in font units, as ReportLab draws it (see :meth:`drawn_width`)."""
        font = self._hb()
        if ch in "\u00a0 ":  # ReportLab draws a no-break space with the space's glyph (or the reverse)
            space, nbsp = font.get_nominal_glyph(0x20), font.get_nominal_glyph(0xA0)
            gid = space if space is not None else nbsp
        else:
            gid = font.get_nominal_glyph(ord(ch))
        return int(font.get_glyph_h_advance(gid or 0))

    def shaped_width(self, text: str, size: float, rtl: bool) -> float:
        """The width of ``text`` at ``size`` points shaped by HarfBuzz as one piece in one direction, in points.

        As the memo draws a right-to-left or complex-script piece (kerning and
        ligatures on, the script guessed from the text).
        """
        buf = hb.Buffer()
        buf.add_str(text)
        buf.guess_segment_properties()
        buf.direction = "rtl" if rtl else "ltr"
        hb.shape(self._hb(), buf, {"kern": True, "liga": True})
        return sum(pos.x_advance for pos in buf.glyph_positions) * size / self.units_per_em

    def _hb(self) -> hb.Font:
        if self._hb_font is None:
            self._hb_font = hb.Font(self._face)
        return self._hb_font

    def char_pixels(self, text: str, px: int) -> tuple[int, ...]:
        """Return each character's advance in reference-device pixels at pixel height ``px``."""
        key = (text, px)
        cached = self._px_cache.get(key)
        if cached is not None:
            return cached
        pixels = self._pixels.get(px)
        if pixels is None:
            pixels = self._pixels[px] = _Pixels(px / self.units_per_em)
        advances, owners = self._shape(text)
        glyph_pixels = map(pixels.__getitem__, advances)
        if owners is None:
            result = tuple(glyph_pixels)
        else:
            per_char = [0] * len(text)
            for owner, glyph_px in zip(owners, glyph_pixels, strict=True):
                per_char[owner] += glyph_px
            result = tuple(per_char)
        if len(self._px_cache) >= _CACHE_LIMIT or self._px_chars + len(text) > _CACHE_CHARS:
            self._px_cache.clear()
            self._px_chars = 0
        self._px_cache[key] = result
        self._px_chars += len(text)
        return result

    def _shape(self, text: str) -> _Shaped:
        """The advances (font units) of the glyphs of ``text`` and the character each belongs to."""
        cached = self._shape_cache.get(text)
        if cached is not None:
            return cached
        hb_font = self._hb()
        advances: list[int] = []
        owners: list[int] | None = None  # None while glyph i belongs to character i (no ligature yet)
        for start, end, script in script_runs(text) if text else ():
            buf = hb.Buffer()
            buf.add_codepoints([ord(c) for c in text[start:end]])
            if script:
                buf.script = script
            buf.language = "en"
            buf.guess_segment_properties()
            hb.shape(hb_font, buf)
            clusters = [info.cluster for info in buf.glyph_infos]
            if owners is None and clusters != list(range(end - start)):
                owners = list(range(start))
            if owners is not None:
                owners.extend(start + cluster for cluster in clusters)
            advances.extend(pos.x_advance for pos in buf.glyph_positions)
        result: _Shaped = (tuple(advances), None if owners is None else tuple(owners))
        if len(self._shape_cache) >= _CACHE_LIMIT or self._shape_chars + len(text) > _CACHE_CHARS:
            self._shape_cache.clear()
            self._shape_chars = 0
        self._shape_cache[text] = result
        self._shape_chars += len(text)
        return result


_Shaped = tuple[tuple[int, ...], tuple[int, ...] | None]
"""Shaped text: each glyph's advance (font units) and its character's index (None: glyph i is character i's)."""


class _DrawnUnits(dict[str, int]):
    """Each character's own advance in font units (:meth:`FontFace.hmtx_advance`), looked up once."""

    __slots__ = ("face",)

    def __init__(self, face: FontFace) -> None:
        super().__init__()
        self.face = face

    def __missing__(self, ch: str) -> int:
        units = self[ch] = self.face.hmtx_advance(ch)
        return units


class _Pixels(dict[int, int]):
    """Advances in font units → whole pixels at one scale, each rounded on its own and remembered."""

    __slots__ = ("scale",)

    def __init__(self, scale: float) -> None:
        super().__init__()
        self.scale = scale

    def __missing__(self, units: int) -> int:
        pixels = self[units] = _lround(units * self.scale)
        return pixels


# Script of letters and script-specific marks by code point range (ISO 15924); everything
# else is common (spaces, digits, punctuation) or inherited (generic combining marks).
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x005A, "Latn"),
    (0x0061, 0x007A, "Latn"),
    (0x00AA, 0x00AA, "Latn"),
    (0x00BA, 0x00BA, "Latn"),
    (0x00C0, 0x00D6, "Latn"),
    (0x00D8, 0x00F6, "Latn"),
    (0x00F8, 0x02AF, "Latn"),
    (0x0300, 0x036F, "Zinh"),
    (0x0370, 0x0373, "Grek"),
    (0x0375, 0x03E1, "Grek"),
    (0x03E2, 0x03EF, "Copt"),
    (0x03F0, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0531, 0x058F, "Armn"),
    (0x0591, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0980, 0x09FF, "Beng"),
    (0x0E01, 0x0E3A, "Thai"),
    (0x0E40, 0x0E5B, "Thai"),
    (0x0E80, 0x0EFF, "Laoo"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x1AB0, 0x1AFF, "Zinh"),
    (0x1C80, 0x1C88, "Cyrl"),
    (0x1D00, 0x1D25, "Latn"),
    (0x1D26, 0x1D2A, "Grek"),
    (0x1D2B, 0x1D7F, "Latn"),
    (0x1DC0, 0x1DFF, "Zinh"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x1F00, 0x1FFF, "Grek"),
    (0x200C, 0x200D, "Zinh"),
    (0x20D0, 0x20FF, "Zinh"),
    (0x2C60, 0x2C7F, "Latn"),
    (0x2C80, 0x2CFF, "Copt"),
    (0x2DE0, 0x2DFF, "Cyrl"),
    (0x2E80, 0x2FDF, "Hani"),
    (0x3041, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3130, 0x318F, "Hang"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xA640, 0xA69F, "Cyrl"),
    (0xA720, 0xA7FF, "Latn"),
    (0xAB30, 0xAB6F, "Latn"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0xFB00, 0xFB06, "Latn"),
    (0xFB1D, 0xFB4F, "Hebr"),
    (0xFB50, 0xFDFF, "Arab"),
    (0xFE20, 0xFE2F, "Zinh"),
    (0xFE70, 0xFEFF, "Arab"),
    (0xFF21, 0xFF3A, "Latn"),
    (0xFF41, 0xFF5A, "Latn"),
    (0x20000, 0x3FFFF, "Hani"),
)
_RANGE_STARTS = tuple(r[0] for r in _SCRIPT_RANGES)
_PAIRS = {"(": ")", "[": "]", "{": "}", "“": "”", "‘": "’", "«": "»"}
_CLOSING = {v: k for k, v in _PAIRS.items()}


def _script(ch: str) -> str | None:
    """The ISO 15924 script of ``ch``: None for common characters, ``Zinh`` for inherited marks."""
    cp = ord(ch)
    i = bisect.bisect_right(_RANGE_STARTS, cp) - 1
    if i >= 0 and cp <= _SCRIPT_RANGES[i][1]:
        return _SCRIPT_RANGES[i][2]
    return None


def script_runs(text: str) -> list[tuple[int, int, str | None]]:
    """Split ``text`` into ``(start, end, script)`` runs, as LibreOffice itemizes text before shaping.

    Common characters (spaces, digits, punctuation) and inherited marks join the
    run they are in; a closing bracket or quote takes the script of its opening one.
    """
    found = {_script(ch) for ch in set(text)} - {None, "Zinh"}
    if len(found) <= 1:  # one script or none: one run (common characters join it)
        return [(0, len(text), found.pop() if found else None)]
    runs: list[tuple[int, int, str | None]] = []
    start, current = 0, None
    stack: list[tuple[str, str | None]] = []
    for i, ch in enumerate(text):
        sc = _script(ch)
        if sc == "Zinh":
            sc = None
        if ch in _PAIRS:
            stack.append((ch, current))
        elif ch in _CLOSING:
            while stack and stack[-1][0] != _CLOSING[ch]:
                stack.pop()
            if stack:
                sc = stack.pop()[1] or None
        if sc is None or sc == current:
            continue
        if current is None:
            current = sc
            stack = [(c, s or sc) for c, s in stack]
            continue
        runs.append((start, i, current))
        start, current = i, sc
    runs.append((start, len(text), current))
    return runs


def load_face(path: str | Path) -> FontFace:
    """Return the :class:`FontFace` for the file at ``path``, read once per build session (each call outside one)."""
    from briefgen.session import remembered

    resolved = Path(path).resolve()
    try:
        stamp = resolved.stat().st_mtime_ns  # a font file changed in a long session: read again
    except OSError:
        stamp = -1
    return remembered(lambda s: s.faces, (resolved, stamp), lambda: FontFace(resolved))


@dataclass(frozen=True)
class FontFamily:
    """A family as documents name it (``Calibri``) and the files that measure its four styles.

    A missing style falls back to the nearest one present (bold italic → bold →
    regular), as LibreOffice does when it synthesises the style.
    """

    name: str
    regular: FontFace
    bold: FontFace | None = None
    italic: FontFace | None = None
    bold_italic: FontFace | None = None

    @classmethod
    def from_files(
        cls,
        name: str,
        regular: str | Path,
        bold: str | Path | None = None,
        italic: str | Path | None = None,
        bold_italic: str | Path | None = None,
    ) -> FontFamily:
        """Return the family ``name`` measured with the given files (each loaded once per process)."""
        return cls(
            name,
            load_face(regular),
            load_face(bold) if bold else None,
            load_face(italic) if italic else None,
            load_face(bold_italic) if bold_italic else None,
        )

    def face(self, bold: bool = False, italic: bool = False) -> FontFace:
        """Return the face for a style, or the nearest style the family has."""
        if bold and italic:
            return self.bold_italic or self.bold or self.italic or self.regular
        if bold:
            return self.bold or self.regular
        if italic:
            return self.italic or self.regular
        return self.regular

    def faces(self) -> Iterator[FontFace]:
        """Yield the family's distinct faces, regular first."""
        seen: set[int] = set()
        for face in (self.regular, self.bold, self.italic, self.bold_italic):
            if face is not None and id(face) not in seen:
                seen.add(id(face))
                yield face

    def covers(self, ch: str, bold: bool = False, italic: bool = False) -> bool:
        """True if the face for this style has a glyph for ``ch``."""
        return self.face(bold, italic).covers(ch)
