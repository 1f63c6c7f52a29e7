"""Finding the files a theme names: its font files, logo and template, next to the theme file or in briefgen's assets.

Each file is looked up relative to the folder of the theme file that named it (a
theme it extends may live elsewhere), then in ``assets/fonts`` or ``assets/logos``;
fonts must be TrueType (``.ttf``), which both the PDF (embedding) and the measuring
need, and a logo a PNG or JPEG. What was found is a :class:`ThemeFiles`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.assets import assets_dir
from briefgen.errors import Diagnostic, ThemeError
from briefgen.load.source import Path_

if TYPE_CHECKING:
    from briefgen.theme.loading import MergedDocument

__all__ = ["ThemeFiles", "find_files", "mtime"]

_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_STYLES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class ThemeFiles:
    """The files a loaded theme uses, found: absolute paths, and the YAML files' times to tell when it changed."""

    fonts: Mapping[str, Mapping[str, Path]] = field(default_factory=dict)
    """Font files by role (``heading``, ``body``, ``fallback:FAMILY``), then style (``regular``, ``bold``, …)."""
    logo: Path | None = None
    template: Path | None = None
    sources: tuple[Path, ...] = ()
    """Every file the theme was built from: its YAML chain, font files, logo and template."""
    stamps: tuple[tuple[Path, int], ...] = ()
    """Each of those files with its modification time when loaded (a changed font file reloads the theme)."""


def find_files(doc: MergedDocument, chain: tuple[Path, ...]) -> tuple[ThemeFiles, list[Diagnostic]]:
    """The files the merged theme ``doc`` (read from the YAML files ``chain``) names, and the problems finding them."""
    fonts, problems = _resolve_files(doc)
    logo = _resolve_logo(doc)
    template = _resolve_template(doc)
    found = sorted({f for styles in fonts.values() for f in styles.values()})
    extra = [f for f in (logo, template) if f is not None]
    located = ThemeFiles(
        fonts=fonts,
        logo=logo,
        template=template,
        sources=(*chain, *found, *extra),
        stamps=tuple((p, mtime(p)) for p in (*chain, *found, *extra)),
    )
    return located, problems


def mtime(path: Path) -> int:
    """A file's modification time in nanoseconds (-1 if it is gone)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _font_specs(data: Any) -> Iterator[tuple[str, Path_, Any]]:
    """``(role, path, files mapping)`` of each font family in raw theme data."""
    fonts = data.get("fonts") if isinstance(data, dict) else None
    if not isinstance(fonts, dict):
        return
    for role in ("heading", "body"):
        spec = fonts.get(role)
        if isinstance(spec, dict) and isinstance(spec.get("files"), dict):
            yield role, ("fonts", role, "files"), spec["files"]
    fallback = fonts.get("fallback")
    for i, spec in enumerate(fallback if isinstance(fallback, list) else []):
        if isinstance(spec, dict) and isinstance(spec.get("files"), dict):
            yield f"fallback:{spec.get('family')}", ("fonts", "fallback", i, "files"), spec["files"]


def _resolve_files(doc: MergedDocument) -> tuple[dict[str, dict[str, Path]], list[Diagnostic]]:
    """Find every font file the theme names; return them by role and style, and the problems."""
    out: dict[str, dict[str, Path]] = {}
    problems: list[Diagnostic] = []
    for role, at, files in _font_specs(doc.data):
        styles: dict[str, Path] = {}
        for style in _STYLES:
            rel = files.get(style)
            if not isinstance(rel, str) or not rel.strip():
                continue
            where = (*at, style)
            folder = doc.origin(where).folder
            found = find(rel.strip(), [folder, assets_dir() / "fonts"])
            if found is None:
                problems.append(
                    doc.diagnostic(
                        where, f"font file '{rel}' not found (looked next to the theme and in assets/fonts)"
                    )
                )
                continue
            with open(found, "rb") as fh:
                magic = fh.read(4)
            if magic == b"OTTO":
                problems.append(
                    doc.diagnostic(
                        where, f"'{rel}' is a PostScript-flavoured OpenType font; use a TrueType (.ttf) file"
                    )
                )
            elif magic not in _TRUETYPE_MAGIC:
                problems.append(doc.diagnostic(where, f"'{rel}' is not a TrueType font file"))
            else:
                styles[style] = found
        out[role] = styles
    logo = doc.data.get("logo") if isinstance(doc.data, dict) else None
    if isinstance(logo, dict) and isinstance(logo.get("path"), str) and logo["path"].strip():
        where = ("logo", "path")
        rel = logo["path"].strip()
        found = find(rel, [doc.origin(where).folder, assets_dir() / "logos"])
        if found is None:
            problems.append(
                doc.diagnostic(
                    where, f"logo file '{rel}' not found (looked next to the theme and in assets/logos)"
                )
            )
        else:
            with open(found, "rb") as fh:
                head = fh.read(8)
            if not any(head.startswith(m) for m in _IMAGE_MAGIC):
                problems.append(doc.diagnostic(where, f"logo '{rel}' is not a PNG or JPEG file"))
    return out, problems


def _resolve_logo(doc: MergedDocument) -> Path | None:
    logo = doc.data.get("logo")
    if not isinstance(logo, dict) or not isinstance(logo.get("path"), str):
        return None
    return find(logo["path"].strip(), [doc.origin(("logo", "path")).folder, assets_dir() / "logos"])


def _resolve_template(doc: MergedDocument) -> Path | None:
    slide = doc.data.get("slide")
    if not isinstance(slide, dict) or not isinstance(slide.get("template"), str):
        return None
    rel = slide["template"].strip()
    found = find(rel, [doc.origin(("slide", "template")).folder])
    if found is None:
        raise ThemeError(
            "template not found",
            [doc.diagnostic(("slide", "template"), f"template '{rel}' not found next to the theme file")],
        )
    return found


def find(rel: str, folders: list[Path]) -> Path | None:
    """``rel`` as an absolute path, or found in the first of ``folders`` that holds it; None if none does."""
    candidate = Path(rel).expanduser()
    if candidate.is_absolute():
        return candidate.resolve() if candidate.is_file() else None
    for folder in folders:
        path = folder / candidate
        if path.is_file():
            return path.resolve()
    return None
