"""Loading a theme: find its file, read the chain of themes it extends, merge them and validate the result.

A theme may start from another with ``extends: NAME`` (or a path, relative to the
file): the child's mappings are merged key by key into the parent's, and any other
value it sets (text, number, list) replaces the parent's; so does a font's
``files`` mapping, whole, since a family's faces belong together. Every error points
at the ``FILE:LINE:COL`` of the value at fault, in whichever file of the chain set it.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.assets import assets_dir
from briefgen.errors import Diagnostic, SourceError, ThemeError
from briefgen.load.source import Document, Expect, Path_, load_yaml
from briefgen.load.validation import validate_document
from briefgen.theme.files import find_files
from briefgen.theme.model import Theme
from briefgen.theme.schema import ThemeSpec

if TYPE_CHECKING:
    from briefgen.session import RenderSession

__all__ = ["MergedDocument", "list_themes", "load_theme", "themes_dir"]

_MAX_EXTENDS = 8
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


def themes_dir() -> Path:
    """Return the folder of the shipped themes."""
    return assets_dir() / "themes"


def list_themes() -> list[tuple[str, str]]:
    """Return ``(name, description)`` of every shipped theme, sorted by name."""
    return sorted((path.stem, load_theme(path.stem).description) for path in _shipped())


def load_theme(
    name_or_path: str | Path | None = None,
    *,
    base_dir: Path | None = None,
    session: RenderSession | None = None,
) -> Theme:
    """Return a theme: None for the default, a shipped theme's name, or a YAML file's path.

    A path (a :class:`Path`, or text ending ``.yaml``/``.yml`` or holding a slash)
    is relative to ``base_dir`` (default: the working folder). Raises
    :class:`ThemeError` with positioned diagnostics when the theme is invalid.
    With a ``session``, the theme is kept there for the next brief of the run until
    one of its files changes.
    """
    path = _locate(name_or_path, base_dir)
    if session is None:
        return _load(path)
    theme = session.themes.get(path)
    if theme is None or not theme.is_current():  # new, or one of its files changed since
        theme = session.themes[path] = _load(path)
    return theme


def _shipped() -> list[Path]:
    return sorted(themes_dir().glob("*.yaml"))


def _is_path(spec: str | Path) -> bool:
    if isinstance(spec, Path):
        return True
    return spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec


def _locate(spec: str | Path | None, base_dir: Path | None) -> Path:
    """The theme file ``spec`` names; raise :class:`ThemeError` if there is none."""
    if spec is None:
        spec = "default"
    if _is_path(spec):
        given = Path(spec).expanduser()
        path = given if given.is_absolute() else (base_dir or Path.cwd()) / given
        if not path.is_file():
            where = "" if given.is_absolute() else f" (looked in {_display(path.parent)})"
            raise ThemeError(f"theme file '{spec}' not found{where}")
        return path.resolve()
    name = str(spec).strip()
    path = themes_dir() / f"{name}.yaml"
    if _NAME.match(name) and path.is_file():
        return path.resolve()
    known = [p.stem for p in _shipped()]
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    raise ThemeError(
        f"unknown theme '{name}'{hint}; installed themes: {', '.join(known)}; "
        "or give the path of a theme file (ending .yaml)"
    )


@dataclass(frozen=True)
class _Origin:
    file: str
    line: int
    column: int
    folder: Path


@dataclass
class MergedDocument(Document):
    """A theme merged with the themes it extends; every value remembers the file it came from."""

    origins: dict[Path_, _Origin] = field(default_factory=dict)
    key_origins: dict[Path_, _Origin] = field(default_factory=dict)

    def origin(self, path: Path_, *, key: bool = False) -> _Origin:
        """Where the value (or key) at ``path`` was written, else its nearest located ancestor."""
        if key and path in self.key_origins:
            return self.key_origins[path]
        p = tuple(path)
        while p and p not in self.origins:
            p = p[:-1]
        return self.origins[p]

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        o = self.origin(path, key=key)
        return o.line, o.column

    def diagnostic(self, path: Path_, message: str, *, key: bool = False) -> Diagnostic:
        o = self.origin(path, key=key)
        return Diagnostic(o.file, o.line, o.column, message)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _read(path: Path) -> Document:
    """Read one theme file; turn the reader's errors into :class:`ThemeError`."""
    name = _display(path)
    try:
        return load_yaml(path, display=name, expect=_THEME_FILE)
    except SourceError as exc:
        raise ThemeError(str(exc), exc.diagnostics) from None


_THEME_FILE = Expect(
    "a theme needs at least name, description and 'extends: default'", "name:, description:, palette:, …"
)


def _layer(doc: Document, path: Path) -> MergedDocument:
    folder = path.parent
    return MergedDocument(
        doc.file,
        doc.data,
        dict(doc.positions),
        dict(doc.key_positions),
        origins={p: _Origin(doc.file, *pos, folder) for p, pos in doc.positions.items()},
        key_origins={p: _Origin(doc.file, *pos, folder) for p, pos in doc.key_positions.items()},
    )


_MISSING = object()


def _deep_merge(base: Any, over: Any, path: Path_ = ()) -> Any:
    """``over`` merged into ``base``: mappings key by key, anything else replaced (a font's files whole)."""
    if isinstance(base, dict) and isinstance(over, dict) and not _replaced_whole(path):
        out = dict(base)
        for key, value in over.items():
            out[key] = _deep_merge(base[key], value, (*path, key)) if key in base else value
        return out
    return over


def _replaced_whole(path: Path_) -> bool:
    """A family's files belong together: a child that names any replaces them all."""
    return len(path) == 3 and path[0] == "fonts" and path[2] == "files"


def _merge(base: MergedDocument, over: MergedDocument) -> MergedDocument:
    """``over``'s values merged into ``base``'s; each value keeps the position of the file that set it."""
    data = _deep_merge(base.data, over.data)
    merged = MergedDocument(over.file, data)

    def walk(node: Any, path: Path_, over_node: Any) -> None:
        src = over if over_node is not _MISSING else base
        if path in src.origins:
            merged.origins[path] = src.origins[path]
        if path in src.key_origins:
            merged.key_origins[path] = src.key_origins[path]
        if isinstance(node, dict):
            for key, value in node.items():
                sub = over_node.get(key, _MISSING) if isinstance(over_node, dict) else _MISSING
                walk(value, (*path, key), sub)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i), value if isinstance(over_node, list) else _MISSING)

    walk(data, (), over.data)
    merged.positions = {p: (o.line, o.column) for p, o in merged.origins.items()}
    merged.key_positions = {p: (o.line, o.column) for p, o in merged.key_origins.items()}
    return merged


def _chain(path: Path) -> list[tuple[Path, Document]]:
    """The theme at ``path`` and the themes it extends, child first."""
    chain: list[tuple[Path, Document]] = []
    current = path
    while True:
        doc = _read(current)
        chain.append((current, doc))
        parent = doc.data.get("extends")
        if parent is None:
            return chain
        if not isinstance(parent, str) or not parent.strip():
            raise ThemeError(
                "invalid extends",
                [doc.diagnostic(("extends",), "extends must be a theme name or a theme file's path")],
            )
        try:
            parent_path = _locate(parent.strip(), current.parent)
        except ThemeError as exc:
            raise ThemeError(str(exc), [doc.diagnostic(("extends",), f"extends: {exc}")]) from None
        if parent_path in (p for p, _ in chain):
            cycle = " → ".join([*(p.stem for p, _ in chain), parent_path.stem])
            raise ThemeError(
                "extends loop", [doc.diagnostic(("extends",), f"extends goes round in a loop: {cycle}")]
            )
        if len(chain) >= _MAX_EXTENDS:
            raise ThemeError(
                "extends too deep",
                [doc.diagnostic(("extends",), f"more than {_MAX_EXTENDS} themes extend one another")],
            )
        current = parent_path


def _load(path: Path) -> Theme:
    chain = _chain(path)
    merged = _layer(chain[-1][1], chain[-1][0])
    for p, layer in reversed(chain[:-1]):
        merged = _merge(merged, _layer(layer, p))
    child = chain[0][1].data
    if "name" not in child:
        merged.data["name"] = path.stem
    if "description" not in child and len(chain) > 1:
        merged.data["description"] = f"Based on the {chain[1][0].stem} theme."
    files, problems = find_files(merged, tuple(p for p, _ in chain))
    problems.extend(_families_without_files(chain))
    problems.extend(_unknown_labels(merged))
    spec = validate_document(merged, ThemeSpec, error_cls=ThemeError, extra=problems, root="the theme")
    return Theme.located(spec, files)


def _unknown_labels(doc: Document) -> list[Diagnostic]:
    """Each label a theme gives must be one briefgen prints, with only that label's placeholders."""
    from briefgen.load.checks import label_problems

    labels = doc.data.get("labels") if isinstance(doc.data, dict) else None
    if not isinstance(labels, dict):
        return []
    return [
        d
        for language, texts in labels.items()
        if isinstance(texts, dict)
        for d in label_problems(doc, texts, ("labels", language))
    ]


def _families_without_files(chain: list[tuple[Path, Document]]) -> list[Diagnostic]:
    """A theme that renames a font family must name its files: text is measured with the files."""
    problems = []
    for (_, child), (_, parent) in zip(chain, chain[1:]):
        for role in ("heading", "body"):
            spec = _get(child.data, "fonts", role)
            inherited = _get(parent.data, "fonts", role, "family")
            if (
                isinstance(spec, dict)
                and "family" in spec
                and "files" not in spec
                and spec["family"] != inherited
            ):
                problems.append(
                    child.diagnostic(
                        ("fonts", role, "family"),
                        f"fonts.{role}.family changes the font to {spec['family']!r} but names no files;"
                        " briefgen measures text with the font files, so add files: (regular, bold, italic,"
                        " bold_italic) with TrueType files of that family",
                    )
                )
    return problems


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data
