"""Glyph coverage: set characters the theme's font lacks in a shipped fallback font, and report the rest.

A character no font covers would print as an empty box; :func:`glyph_warnings`
names such characters with the ``FILE:LINE:COL`` of the text that holds them, so
nothing is silently lost. Whitespace, control and format characters (joiners,
variation selectors, soft hyphens) need no glyph.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from briefgen.errors import Diagnostic
from briefgen.fonts import FontFace, FontFamily
from briefgen.load.markup import Run, Runs
from briefgen.load.source import Document, Path_

__all__ = ["apply_fallback", "draws_all", "glyph_warnings", "needs_glyph", "uncovered"]

Fallbacks = Sequence[FontFamily] | Mapping[str, FontFamily]


def needs_glyph(ch: str) -> bool:
    """True unless ``ch`` is whitespace, a control or format character, or a variation selector."""
    if ch.isspace():
        return False
    if unicodedata.category(ch) in ("Cc", "Cf"):
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


def draws_all(face: FontFace, text: str) -> bool:
    """True if ``face`` has a glyph for every character of ``text`` that needs one."""
    return face.covers_all(text) or all(face.covers(ch) or not needs_glyph(ch) for ch in set(text))


def _families(fallbacks: Fallbacks | None) -> tuple[FontFamily, ...]:
    if not fallbacks:
        return ()
    if isinstance(fallbacks, Mapping):
        return tuple(fallbacks.values())
    return tuple(fallbacks)


def apply_fallback(runs: Runs, family: FontFamily, fallbacks: Fallbacks | None) -> Runs:
    """Return ``runs`` with each stretch the family lacks set in the first fallback that covers it.

    Such a stretch gets ``font=<fallback family name>``; characters nobody covers
    stay in the main family (see :func:`uncovered`). Combining marks and
    whitespace stay with the character before them, so a fallback word keeps its
    spaces. Runs that already name a font are kept as they are.
    """
    chain = _families(fallbacks)
    out: list[Run] = []
    for run in runs:
        if run.font is not None or not chain:
            out.append(run)
            continue
        main = family.face(run.bold, run.italic)
        if draws_all(main, run.text):  # the common case: nothing to set in a fallback
            if run.text:
                out.append(run)
            continue
        pieces: list[tuple[str | None, list[str]]] = []
        current: str | None = None
        for ch in run.text:
            if not needs_glyph(ch):
                choice = current  # stays with its neighbour
            elif unicodedata.category(ch) in _MARKS and _face(current, main, chain, run).covers(ch):
                choice = current
            elif unicodedata.category(ch) in _MARKS and (
                moved := _with_its_base(pieces, ch, main, chain, run)
            ):
                choice = moved[0]  # the mark's base (and marks) move to a font that has them all
                pieces.append((choice, moved[1]))
                current = choice
                continue
            elif main.covers(ch):
                choice = None
            else:
                choice = next((fb.name for fb in chain if fb.covers(ch, run.bold, run.italic)), None)
            if pieces and choice == pieces[-1][0]:
                pieces[-1][1].append(ch)
            else:
                pieces.append((choice, [ch]))
            current = choice
        for font, chars in pieces:
            out.append(Run("".join(chars), run.bold, run.italic, run.href, font))
    return tuple(out)


_MARKS = ("Mn", "Mc", "Me")


def _with_its_base(
    pieces: list[tuple[str | None, list[str]]], mark: str, main: Any, chain: tuple[FontFamily, ...], run: Run
) -> tuple[str | None, list[str]] | None:
    """A combining ``mark`` the font of its base lacks: take the base and its marks so far off the end of
    ``pieces`` and return them with the mark and the font that draws all of them (None if no font does,
    ``pieces`` then unchanged). A base and its accents in one font read back, and print, as one letter."""
    if not pieces:
        return None
    chars = pieces[-1][1]
    start = len(chars)
    while start > 0 and unicodedata.category(chars[start - 1]) in _MARKS:
        start -= 1
    if start == 0 or not needs_glyph(chars[start - 1]):
        return None
    cluster = [*chars[start - 1 :], mark]
    faces: list[tuple[str | None, Any]] = [
        (None, main),
        *((fb.name, fb.face(run.bold, run.italic)) for fb in chain),
    ]
    chosen = next(((n,) for n, face in faces if all(face.covers(c) for c in cluster)), None)
    if chosen is None:
        return None
    (name,) = chosen
    del chars[start - 1 :]
    if not chars:
        pieces.pop()
    if pieces and pieces[-1][0] == name:  # the cluster joins the stretch before it
        return name, [*pieces.pop()[1], *cluster]
    return name, cluster


def _face(name: str | None, main: Any, chain: tuple[FontFamily, ...], run: Run) -> Any:
    """The face a stretch set in fallback ``name`` (None: the main family) is drawn with."""
    for fb in chain:
        if fb.name == name:
            return fb.face(run.bold, run.italic)
    return main


def uncovered(text: str, family: FontFamily, fallbacks: Fallbacks | None) -> set[str]:
    """Return the characters of ``text`` that neither ``family`` nor any fallback has a glyph for."""
    chain = (family, *_families(fallbacks))
    return {ch for ch in set(text) if needs_glyph(ch) and not any(f.covers(ch) for f in chain)}


def glyph_warnings(
    doc: Document, families: Iterable[FontFamily], fallbacks: Fallbacks | None
) -> list[Diagnostic]:
    """Return one warning per text value of ``doc`` that holds characters no font can draw.

    A character counts as covered when every family in ``families`` (e.g. the
    theme's heading and body fonts) or one of the fallbacks has it. The warning
    sits at the value's ``FILE:LINE:COL`` and names each character and its code point.
    """
    mains = tuple(families)
    chain = _families(fallbacks)
    strings = list(_strings(doc.data, ()))
    lacking = {  # each distinct character is looked at once
        ch
        for ch in set().union(*(text for _, text in strings))
        if needs_glyph(ch) and not (all(f.covers(ch) for f in mains) or any(f.covers(ch) for f in chain))
    }
    if not lacking:
        return []
    out: list[Diagnostic] = []
    for path, text in strings:
        missing = sorted(lacking.intersection(text))
        if missing:
            line, col = doc.where(path)
            names = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing)
            if len(missing) == 1:
                message = (
                    f"no font of the theme can draw the character {names}; it would print as an empty box"
                )
            else:
                message = (
                    f"no font of the theme can draw the characters {names}; they would print as empty boxes"
                )
            out.append(Diagnostic(doc.file, line, col, message, "warning"))
    return out


def _strings(node: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every text value in plain data, with its path, in document order."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
