"""Checks across fields, and against the brief's folder, that point at the exact line.

They run on the raw data alongside the model's own checks, so a file's type errors
and these are reported together; each check skips values of the wrong type,
which the model reports.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefgen.errors import Diagnostic
from briefgen.load.images import ImageInfo
from briefgen.load.source import Document, Path_

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}
_MAGIC = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def check_brief(doc: Document, folder: Path, images: dict[str, ImageInfo] | None = None) -> list[Diagnostic]:
    """Return the cross-field and file-system problems of the brief in ``doc``.

    ``images`` receives, by the path the brief writes, what was read of each good picture.
    """
    data = doc.data if isinstance(doc.data, dict) else {}
    out: list[Diagnostic] = []
    meeting = data.get("meeting")
    if isinstance(meeting, dict):
        start, end = _date(meeting.get("date")), _date(meeting.get("end_date"))
        if start and end and end < start:
            out.append(
                doc.diagnostic(
                    ("meeting", "end_date"), f"meeting.end_date {end} is before meeting.date {start}"
                )
            )
    if isinstance(data.get("labels"), dict):
        out.extend(_check_labels(doc, data["labels"]))
    for path, kind, block in _blocks(data):
        if kind == "table":
            out.extend(_check_table(doc, path, block))
        elif kind == "chart":
            out.extend(_check_chart(doc, path, block))
        elif kind == "image":
            out.extend(_check_image(doc, path, block, folder, images))
    return out


def _check_labels(doc: Document, labels: dict[str, Any]) -> Iterator[Diagnostic]:
    """Each label key must be one briefgen prints, and use only that label's placeholders."""
    yield from label_problems(doc, labels, ("labels",))


def label_problems(doc: Document, labels: dict[str, Any], at: tuple[Any, ...]) -> Iterator[Diagnostic]:
    """The problems of the labels ``labels`` found at ``at`` in ``doc`` (a brief's, or a theme's for one language)."""
    from briefgen.labels import FALLBACK, label_placeholders, labels_for

    english = labels_for(FALLBACK).texts
    for key, text in labels.items():
        if key not in english:
            near = difflib.get_close_matches(key, list(english), n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            yield doc.diagnostic((*at, key), f"unknown label '{key}'{hint}", key=True)
            continue
        if not isinstance(text, str):
            continue
        allowed = label_placeholders(english[key])
        for name in sorted(label_placeholders(text) - allowed):
            known = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
            yield doc.diagnostic((*at, key), f"label '{key}' has no placeholder {{{name}}} (it has: {known})")


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _blocks(data: dict[str, Any]) -> Iterator[tuple[Path_, str, dict[str, Any]]]:
    sections = data.get("sections")
    for i, section in enumerate(sections if isinstance(sections, list) else []):
        blocks = section.get("blocks") if isinstance(section, dict) else None
        for j, block in enumerate(blocks if isinstance(blocks, list) else []):
            if isinstance(block, dict) and len(block) == 1:
                kind, value = next(iter(block.items()))
                if isinstance(value, dict):
                    yield ("sections", i, "blocks", j, kind), kind, value


def _check_table(doc: Document, path: Path_, table: dict[str, Any]) -> Iterator[Diagnostic]:
    columns, rows = table.get("columns"), table.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        return
    for k, row in enumerate(rows):
        if isinstance(row, list) and len(row) != len(columns):
            yield doc.diagnostic(
                path + ("rows", k),
                f"table row {k + 1} has {len(row)} cell(s) but the table has {len(columns)} column(s)",
            )


def _check_chart(doc: Document, path: Path_, chart: dict[str, Any]) -> Iterator[Diagnostic]:
    categories, series = chart.get("categories"), chart.get("series")
    if not isinstance(categories, list) or not isinstance(series, list):
        return
    for k, one in enumerate(series):
        values = one.get("values") if isinstance(one, dict) else None
        if isinstance(values, list) and len(values) != len(categories):
            yield doc.diagnostic(
                path + ("series", k, "values"),
                f"series {k + 1} has {len(values)} value(s) but the chart has {len(categories)} categories",
            )
        if chart.get("kind") == "pie" and isinstance(values, list):
            for v, value in enumerate(values):
                try:
                    negative = float(value) < 0
                except (TypeError, ValueError):
                    continue
                if negative:
                    yield doc.diagnostic(
                        path + ("series", k, "values", v), "a pie chart cannot show a negative value"
                    )
    if chart.get("kind") == "pie" and len(series) > 1:
        yield doc.diagnostic(path + ("series",), f"a pie chart shows one series, not {len(series)}")


def _check_image(
    doc: Document, path: Path_, image: dict[str, Any], folder: Path, images: dict[str, ImageInfo] | None
) -> Iterator[Diagnostic]:
    rel = image.get("path")
    if not isinstance(rel, str) or not rel.strip():
        return
    at = path + ("path",)
    if os.path.isabs(rel) or "://" in rel:
        yield doc.diagnostic(
            at, f"image path {rel!r} must be relative to the brief's folder (no absolute paths or URLs)"
        )
        return
    base = folder.resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        yield doc.diagnostic(at, f"image path {rel!r} leads outside the brief's folder")
        return
    if not target.is_file():
        yield doc.diagnostic(at, f"image file {rel!r} not found next to the brief")
        return
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        yield doc.diagnostic(at, f"image {rel!r} must be a PNG or JPEG file")
        return
    if target.stat().st_size > MAX_IMAGE_BYTES:
        yield doc.diagnostic(at, f"image {rel!r} is larger than the limit of {MAX_IMAGE_BYTES // 2**20} MiB")
        return
    head = target.read_bytes()
    if not any(head.startswith(magic) for magic in _MAGIC):
        yield doc.diagnostic(at, f"image {rel!r} is not a PNG or JPEG file (its content does not match)")
        return
    size = image_size(head)
    if size is None or 0 in size:
        yield doc.diagnostic(at, f"image {rel!r} is damaged: its size cannot be read")
    elif size[0] * size[1] > MAX_IMAGE_PIXELS:
        yield doc.diagnostic(
            at,
            f"image {rel!r} is {size[0]:,} × {size[1]:,} pixels, over the limit of"
            f" {MAX_IMAGE_PIXELS // 1_000_000} megapixels; scale it down",
        )
    else:
        problem, info = _decoded(head, target)
        if problem:
            yield doc.diagnostic(at, f"image {rel!r} is damaged: {problem}")
        elif images is not None and info is not None:
            images[rel] = info


MAX_IMAGE_BYTES = 50 * 2**20
MAX_IMAGE_PIXELS = 40_000_000
"""Larger pictures are refused: they are decompression bombs or far beyond print resolution."""


def _decoded(data: bytes, file: Path) -> tuple[str | None, ImageInfo | None]:
    """Why Pillow cannot decode the whole picture (size already checked), or what was read of it."""
    import io

    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as picture:
            picture.load()
            info = ImageInfo.of(file, picture)
    except Image.UnidentifiedImageError:
        return "its content is not a picture that can be read", None
    except Exception as exc:  # Pillow raises assorted errors on damaged files
        return str(exc) or type(exc).__name__, None
    return None, info


def image_size(head: bytes) -> tuple[int, int] | None:
    """``(width, height)`` read from the header of a PNG or a baseline or progressive JPEG, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    i = 2
    while head.startswith(b"\xff\xd8") and i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker, length = head[i + 1], int.from_bytes(head[i + 2 : i + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return int.from_bytes(head[i + 7 : i + 9], "big"), int.from_bytes(head[i + 5 : i + 7], "big")
        i += 2 + length
    return None
