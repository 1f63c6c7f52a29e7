"""Typed records that load without pydantic when the data is right, and with it when it is not.

Briefs and themes are frozen dataclasses (subclasses of :class:`Record`). Their
field types use two markers of this module instead of pydantic's, so that
importing the models never imports pydantic:

- :class:`Rule`: a value rule (a function run before or after the type's own
  conversion, raising ``ValueError``) with an optional JSON Schema;
- :class:`Bounds`: inclusive or exclusive numeric limits.

Field documentation and pydantic ``Field`` arguments (``description``, ``alias``,
``min_length``, ``max_length``) go in ``dataclasses.field(metadata=...)``, which
pydantic reads. A record may check its whole mapping before its fields
(``_before``) and its fields together after them (``__post_init__``, raising
:class:`FieldError` to point at the field at fault).

Two readers follow the same definitions:

- :func:`construct` builds a record from plain data (strings, lists, mappings) in
  microseconds, and raises :class:`Mismatch` at the first thing it does not accept;
- pydantic (:func:`adapter`, imported only then) validates the same data, names every
  problem at once, and generates the JSON Schema.

A build takes the first; a broken file falls back to the second for its messages.
The tests check that whatever :func:`construct` accepts, pydantic accepts as the same
value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

R = TypeVar("R")

_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
"""Numbers :func:`construct` reads itself; anything else (``1_000``, ``inf``) goes to pydantic."""


class Mismatch(Exception):
    """The data does not fit the type as :func:`construct` reads it; pydantic decides and words why."""


class FieldError(ValueError):
    """A record's check across fields (in ``__post_init__``) that blames one field: reported at its value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Rule:
    """A rule on a value: ``before`` runs on the raw value, ``after`` on the converted one.

    Either raises ``ValueError`` with a message for the reader. ``schema`` replaces the
    JSON Schema pydantic would generate for the value.
    """

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        after: Callable[[Any], Any] | None = None,
        schema: dict[str, Any] | None = None,
    ) -> None:
        self.before, self.after, self.schema = before, after, schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        schema = handler(source)
        if self.after:
            schema = core_schema.no_info_after_validator_function(self.after, schema)
        if self.before:
            schema = core_schema.no_info_before_validator_function(self.before, schema)
        return schema

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        return dict(self.schema) if self.schema is not None else handler(schema)


class Bounds:
    """Numeric limits: ``ge``/``le`` inclusive, ``gt`` exclusive."""

    def __init__(self, *, ge: float | None = None, le: float | None = None, gt: float | None = None) -> None:
        self.limits = {k: v for k, v in (("ge", ge), ("le", le), ("gt", gt)) if v is not None}

    def check(self, value: float) -> float:
        """Return ``value`` if it lies within the limits; raise :class:`Mismatch` if not."""
        ge, le, gt = (self.limits.get(k) for k in ("ge", "le", "gt"))
        if (
            (ge is not None and value < ge)
            or (le is not None and value > le)
            or (gt is not None and value <= gt)
        ):
            raise Mismatch(f"{value} is out of bounds")
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return {**handler(source), **self.limits}


if TYPE_CHECKING:  # what the checker is told: a dataclass, keyword fields, frozen
    from typing_extensions import dataclass_transform

    _Cls = TypeVar("_Cls", bound=type)

    @dataclass_transform(frozen_default=True, kw_only_default=True)
    def record(cls: _Cls) -> _Cls: ...

else:
    record = dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
    """The decorator of every record: keyword fields, frozen once loaded."""


class Record:
    """Base of the typed records: unknown keys are errors; ``_before`` may check the raw mapping."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "populate_by_name": True,
        "allow_inf_nan": False,
    }

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        schema = handler(source)
        before = getattr(cls, "_before", None)
        if before is not None:
            from pydantic_core import core_schema

            schema = core_schema.no_info_before_validator_function(before, schema)
        return schema


def doc(description: str, **field_args: Any) -> dict[str, Any]:
    """Field metadata: the description and any pydantic ``Field`` arguments (alias, min_length, …)."""
    return {"description": description, **field_args}


def construct(cls: type[R], data: Any) -> R:
    """Build ``cls`` from plain data; raise :class:`Mismatch` if any of it does not fit."""
    try:
        return _convert(cls, data)  # type: ignore[no-any-return]
    except (ValueError, TypeError) as exc:  # a rule or __post_init__ said no
        raise Mismatch(str(exc)) from None


_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def adapter(tp: Any) -> TypeAdapter[Any]:
    """pydantic's validator for ``tp``: every problem at once, and the JSON Schema."""
    if tp not in _ADAPTERS:
        from pydantic import TypeAdapter

        _ADAPTERS[tp] = TypeAdapter(tp)
    return _ADAPTERS[tp]


# ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a record as documents write it: its key (the alias, if any), type and limits."""

    name: str
    key: str
    type: Any
    required: bool
    limits: tuple[int | None, int | None]


_FIELDS: dict[type, tuple[Field, ...]] = {}  # one entry per record class: bounded by the code


def fields(cls: type) -> tuple[Field, ...]:
    """The fields of record class ``cls`` a document can set, their types resolved (worked out once per class)."""
    if cls in _FIELDS:
        return _FIELDS[cls]
    hints = typing.get_type_hints(cls, include_extras=True)
    out = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        limits = (f.metadata.get("min_length"), f.metadata.get("max_length"))
        out.append(Field(f.name, f.metadata.get("alias", f.name), hints[f.name], required, limits))
    _FIELDS[cls] = tuple(out)
    return _FIELDS[cls]


def _convert(tp: Any, value: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *marks = typing.get_args(tp)
        for mark in marks:
            if isinstance(mark, Rule) and mark.before:
                value = mark.before(value)
        value = _convert(base, value)
        for mark in marks:
            if isinstance(mark, Rule) and mark.after:
                value = mark.after(value)
            elif isinstance(mark, Bounds):
                value = mark.check(value)
        return value
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None and len(options) < len(typing.get_args(tp)):
            return None
        if len(options) != 1:
            raise Mismatch("a union of several types")
        return _convert(options[0], value)
    if origin is list:
        if not isinstance(value, list):
            raise Mismatch("not a list")
        (item,) = typing.get_args(tp)
        return [_convert(item, v) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise Mismatch("not a mapping")
        key_type, item = typing.get_args(tp)
        return {_convert(key_type, k): _convert(item, v) for k, v in value.items()}
    if origin is typing.Literal:
        if isinstance(value, str) and value in typing.get_args(tp):
            return value
        raise Mismatch(f"{value!r} is not one of {typing.get_args(tp)}")
    if tp is str:
        if isinstance(value, str):
            return value
    elif tp is float:
        if isinstance(value, str) and _NUMBER.fullmatch(value):
            return float(value)
    elif tp is dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
    elif isinstance(tp, type) and issubclass(tp, Record):
        return _record(tp, value)
    raise Mismatch(f"{value!r} is not read as {tp!r} here")


def _record(cls: type[Record], value: Any) -> Any:
    before = getattr(cls, "_before", None)
    if before is not None:
        value = before(value)
    if not isinstance(value, dict):
        raise Mismatch("not a mapping")
    known = fields(cls)
    if len(value) > len(known) or not value.keys() <= {f.key for f in known}:
        raise Mismatch("unknown keys")
    kwargs = {}
    for f in known:
        if f.key not in value:
            if f.required:
                raise Mismatch(f"{f.key} is missing")
            continue
        converted = _convert(f.type, value[f.key])
        low, high = f.limits
        if converted is not None and (
            (low is not None and len(converted) < low) or (high is not None and len(converted) > high)
        ):
            raise Mismatch(f"{f.key} has the wrong length")
        kwargs[f.name] = converted
    return cls(**kwargs)
