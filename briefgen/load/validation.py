"""Validate a positioned YAML document against a typed record; every problem gets its FILE:LINE:COL.

Shared by briefs and themes. A document that fits is built by :func:`briefgen.load.typed.construct`
without importing pydantic; one that does not is validated by pydantic, and this module
turns each of its errors into one plain sentence at the offending node, names the
nearest known key for a misspelt one, and reports all of a file's problems together.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from briefgen.errors import BriefgenError, Diagnostic, ValidationError
from briefgen.load.source import Document, Path_
from briefgen.load.typed import FieldError, Mismatch, Record, adapter, construct, fields

M = TypeVar("M", bound=Record)


def validate_document(
    doc: Document,
    model: type[M],
    *,
    error_cls: type[BriefgenError] = ValidationError,
    extra: list[Diagnostic] | None = None,
    root: str = "the brief",
) -> M:
    """Return ``doc.data`` as ``model``; raise ``error_cls`` with every problem as a positioned diagnostic.

    The document's own reading errors (duplicate keys) and ``extra`` diagnostics (errors
    found by other checks) are reported with pydantic's; ``root``
    names the top level in messages.
    """
    problems = [*doc.errors, *(extra or [])]
    result: M | None
    try:
        result = construct(model, doc.data)
    except Mismatch:
        import pydantic

        try:
            result = adapter(model).validate_python(doc.data)
        except pydantic.ValidationError as exc:
            problems.extend(_diagnostic(doc, model, err, root) for err in exc.errors(include_url=False))
            result = None
    errors = sorted(
        {d for d in problems if d.severity == "error"}, key=lambda d: (d.line, d.column, d.message)
    )
    if errors:
        raise error_cls(f"{doc.file}: {len(errors)} problem(s)", errors)
    assert result is not None
    return result


def describe(path: Path_, root: str = "the brief") -> str:
    """``('key_points', 2, 'title')`` → ``key_points[3].title`` (items counted from 1, as people do)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or root


def _data_path(doc: Document, loc: tuple[Any, ...]) -> tuple[Path_, tuple[Any, ...]]:
    """Split pydantic's ``loc`` into the part that exists in the data and the rest."""
    node: Any = doc.data
    path: list[str | int] = []
    for i, part in enumerate(loc):
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return tuple(path), loc[i:]
        path.append(part)
    return tuple(path), ()


def _model_at(model: type[Record], path: Path_) -> type[Record] | None:
    """The record class that validates the mapping at ``path``."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            continue
        if not _is_record(current):
            return None
        current = next((f.type for f in fields(current) if f.key == part), None)
        if current is None:
            return None
    current = _unwrap(current)
    return current if _is_record(current) else None


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Record)


def _unwrap(tp: Any) -> Any:
    """Strip Optional, list and Annotated down to the item type."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (list, tuple):
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0]
        else:
            return tp


def _keys(model: type[Record]) -> dict[str, str]:
    """The record's field names and the keys a document writes for them."""
    return {f.name: f.key for f in fields(model)}


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}" if len(str(value)) <= 40 else "a text"


def _diagnostic(doc: Document, model: type[Record], err: Any, root: str) -> Diagnostic:
    loc = tuple(err["loc"])
    blamed = err.get("ctx", {}).get("error")
    if isinstance(blamed, FieldError):  # a check across fields that names the one at fault
        keys = _keys(_model_at(model, loc) or model)
        loc = (*loc, keys.get(blamed.field, blamed.field))
    path, rest = _data_path(doc, loc)
    kind = err["type"]
    value = err.get("input")
    where = describe(path, root)
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        key = str(loc[-1])
        parent = _model_at(model, path[:-1])
        known = list(_keys(parent).values()) if parent else []
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = (
            f" (did you mean '{near[0]}'?)"
            if near
            else (f" (known keys: {', '.join(known)})" if known else "")
        )
        owner = describe(path[:-1], root)
        return doc.diagnostic(path, f"unknown key '{key}' in {owner}{hint}", key=True)
    if kind == "missing":
        key = rest[0] if rest else loc[-1]
        return doc.diagnostic(path, f"{where}: missing required key '{key}'")
    field = where if not rest else describe(path + tuple(p for p in rest if isinstance(p, (str, int))), root)
    if kind in ("string_type", "dataclass_type", "dict_type", "list_type") and value is None:
        message = f"{field} is empty"
    elif kind in ("dataclass_type", "dict_type"):
        message = f"{field} should be a mapping (key: value lines), not {_kind(value)}"
    elif kind == "list_type":
        message = f"{field} should be a list (lines starting with '- '), not {_kind(value)}"
    elif kind == "string_type":
        message = f"{field} should be text, not {_kind(value)}"
    elif kind == "too_short":
        message = f"{field} needs at least {err['ctx']['min_length']} item(s)"
    elif kind == "literal_error":
        message = f"{field} must be one of {err['ctx']['expected']}, not {value!r}"
    elif kind in ("float_parsing", "float_type"):
        message = f"{field} should be a number, not {_kind(value)}"
    elif kind == "finite_number":
        message = f"{field} should be a finite number, not {value!r}"
    elif kind == "value_error":
        message = f"{field}: {err['msg'].removeprefix('Value error, ')}"
    else:
        message = f"{field}: {err['msg']}"
    return doc.diagnostic(path, message)
