"""Read JSON text (RFC 8259, strictly) as the YAML parser's events, each with its line and column.

A brief a program writes is JSON; PyYAML reads YAML 1.1, which is not quite a
superset of JSON (libyaml refuses the ``\\ud83d\\ude00`` escapes ``json.dumps``
writes for an emoji, pure PyYAML refuses tab indentation, and keys over 1024
characters fail in both). So JSON has its own scanner, iterative (no recursion,
whatever the nesting), and hands the same events to the same composer as YAML:
limits, duplicate keys, unsafe characters and positions are handled once. Strings
are decoded by the standard library's ``json.decoder.scanstring`` (surrogate pairs
become their character; a lone surrogate is left for the composer to replace);
numbers, ``true`` and ``false`` stay the text written, ``null`` is None.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Generator, Iterator
from json.decoder import JSONDecodeError, scanstring  # type: ignore[attr-defined]  # public since 2.6, not in typeshed
from typing import NamedTuple

import yaml

_SPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERAL = re.compile(r"true|false|null")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BREAK = re.compile(r"\r\n?|\n")
_CLOSERS = {"}": "mapping", "]": "list"}
_Events = Generator[yaml.Event, None, int]  # events out, the position after them returned


class Mark(NamedTuple):
    """Where an event starts, 0-based like PyYAML's marks."""

    line: int
    column: int


class JSONSyntaxError(Exception):
    """The text is not JSON; ``line`` and ``column`` are 1-based."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(f"{line}:{column}: {message}")
        self.line = line
        self.column = column
        self.message = message


class _Marks:
    """Index-to-position for one text."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]

    def __call__(self, index: int) -> Mark:
        line = bisect.bisect_right(self.starts, index) - 1
        return Mark(line, index - self.starts[line])

    def error(self, index: int, message: str) -> JSONSyntaxError:
        mark = self(index)
        return JSONSyntaxError(mark.line + 1, mark.column + 1, message)


def _string_error(exc: JSONDecodeError, text: str) -> str:
    """A plain-words message for what ``scanstring`` refused."""
    if exc.msg.startswith("Invalid control character"):
        return "a raw control character (tab or line break) inside a string; write it as \\t or \\n"
    if exc.msg.startswith("Unterminated string"):
        return 'a string that never ends (no closing ")'
    if exc.msg.startswith("Invalid \\uXXXX"):
        return "invalid \\u escape: it needs four hexadecimal digits"
    if exc.msg.startswith("Invalid \\escape"):
        return f"invalid escape '{text[exc.pos : exc.pos + 2]}' (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"
    return exc.msg  # pragma: no cover - scanstring raises only the four above


def _unexpected(text: str, pos: int, wanted: str) -> str:
    if pos >= len(text):
        return f"the text ends where {wanted} should be"
    if word := _WORD.match(text, pos):
        return f"expected {wanted}, found '{word.group()}' (JSON strings need double quotes)"
    if text[pos] == "'":
        return f"expected {wanted}, found ' (JSON strings need double quotes)"
    return f"expected {wanted}, found '{text[pos]}'"


def json_events(text: str) -> Iterator[yaml.Event]:
    """Yield the YAML events of the JSON ``text``; raise :class:`JSONSyntaxError` where it is not JSON."""
    marks = _Marks(text)
    pos = _SPACE.match(text).end()  # type: ignore[union-attr]
    yield yaml.StreamStartEvent(marks(0), marks(0))
    yield yaml.DocumentStartEvent(marks(pos), marks(pos), explicit=False)
    closers: list[str] = []
    while True:
        pos = yield from _value(text, pos, marks, closers)
        pos = yield from _after_value(text, pos, marks, closers)
        if not closers:
            break
    yield yaml.DocumentEndEvent(marks(pos), marks(pos), explicit=False)
    yield yaml.StreamEndEvent(marks(pos), marks(pos))


def _value(text: str, pos: int, marks: _Marks, closers: list[str]) -> _Events:
    """Yield the events that open the value at ``pos`` (a whole scalar, or a container's start)."""
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        ch = text[pos : pos + 1]
        at = marks(pos)
        if ch == '"':
            value, end = _string(text, pos, marks)
            yield yaml.ScalarEvent(None, None, (True, True), value, at, at, style='"')
            return end
        if ch in ("{", "["):
            if ch == "{":
                yield yaml.MappingStartEvent(None, None, True, at, at, flow_style=True)
            else:
                yield yaml.SequenceStartEvent(None, None, True, at, at, flow_style=True)
            closers.append("}" if ch == "{" else "]")
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if text[pos : pos + 1] == closers[-1]:
                return pos  # empty: _after_value closes it
            if ch == "{":
                pos = yield from _key(text, pos, marks)
            continue
        if found := (_NUMBER.match(text, pos) or _LITERAL.match(text, pos)):
            if _WORD.match(text, found.end()) or text[found.end() : found.end() + 1] == ".":
                raise marks.error(pos, _unexpected(text, pos, "a value"))
            yield yaml.ScalarEvent(None, None, (True, False), found.group(), at, at, style=None)
            return found.end()
        raise marks.error(pos, _unexpected(text, pos, "a value"))


def _key(text: str, pos: int, marks: _Marks) -> _Events:
    """Yield a mapping key at ``pos``; return where its value starts (after the colon)."""
    if text[pos : pos + 1] != '"':
        if text[pos : pos + 1] == "}":
            raise marks.error(pos, "a comma before '}' (JSON does not allow a trailing comma)")
        raise marks.error(pos, _unexpected(text, pos, 'a key in double quotes ("key": value)'))
    at = marks(pos)
    key, end = _string(text, pos, marks)
    yield yaml.ScalarEvent(None, None, (True, True), key, at, at, style='"')
    end = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    if text[end : end + 1] != ":":
        raise marks.error(end, _unexpected(text, end, f"':' after the key \"{key[:40]}\""))
    return end + 1


def _after_value(text: str, pos: int, marks: _Marks, closers: list[str]) -> _Events:
    """Close the containers that end here; return where the next value starts (or the end)."""
    while True:
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if not closers:
            if pos < len(text):
                raise marks.error(pos, "more text after the end of the JSON value")
            return pos
        ch = text[pos : pos + 1]
        if ch == closers[-1]:
            closers.pop()
            at = marks(pos)
            end_cls = yaml.MappingEndEvent if ch == "}" else yaml.SequenceEndEvent
            yield end_cls(at, at)
            pos += 1
            continue
        if ch == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if closers[-1] == "}":
                return (yield from _key(text, pos, marks))
            if text[pos : pos + 1] == "]":
                raise marks.error(pos, "a comma before ']' (JSON does not allow a trailing comma)")
            return pos
        kind = _CLOSERS[closers[-1]]
        raise marks.error(pos, _unexpected(text, pos, f"',' or '{closers[-1]}' to go on or end the {kind}"))


def _string(text: str, pos: int, marks: _Marks) -> tuple[str, int]:
    try:
        return scanstring(text, pos + 1, True)
    except JSONDecodeError as exc:
        where = pos if exc.msg.startswith("Unterminated") else exc.pos
        if exc.msg.startswith("Invalid \\uXXXX"):  # scanstring points after the backslash
            where -= 1
        raise marks.error(where, _string_error(exc, text)) from None
