"""Read a YAML file safely into plain data (dicts, lists, strings, None) with every node's position.

One streaming pass over the parser's events, with an explicit stack: no Python
tags are constructed, every scalar stays the string the user typed, duplicate
keys are errors, and nesting depth, node count (alias expansion included), file
size and string length are bounded, so hostile input fails fast and never
recurses. Text that XML cannot hold is replaced with U+FFFD and reported as a
warning at its position. A tab in a value becomes a space, and every other line
break (CR, CR LF, NEL, U+2028, U+2029) a ``\n``: text is measured and drawn one way in
both outputs, and a tab has no stop to go to in a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import yaml

from briefgen.errors import Diagnostic, SourceError

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_STRING = 100_000

# What XML 1.0 and YAML both accept; anything else is replaced before it reaches a renderer.
_ILLEGAL = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# Bidirectional embedding, override and isolate controls can make text read differently from
# how it is stored (U+202E turns "txt.exe" around); they are removed.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_ILLEGAL_CHAR = re.compile(_ILLEGAL)
_UNSAFE = re.compile(f"{_ILLEGAL}|[{_BIDI}]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_NULLS = {"", "~", "null", "Null", "NULL"}
_ODD_SPACE = re.compile("\t|\r\n?|[\x85\u2028\u2029]")
REPLACEMENT = "\ufffd"

Path_ = tuple[str | int, ...]

try:  # libyaml when present: same events, ten times faster
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader


@dataclass
class Document:
    """A YAML file as plain data, with where each value and each key starts (1-based)."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    """Problems that did not stop the reading (duplicate keys): reported with the model's."""

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at ``path``, else of its nearest located ancestor."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        p = tuple(path)
        while p:
            if p in self.positions:
                return self.positions[p]
            p = p[:-1]
        return self.positions.get((), (1, 1))

    def diagnostic(self, path: Path_, message: str, *, key: bool = False) -> Diagnostic:
        """An error at the value (or key) at ``path``."""
        line, col = self.where(path, key=key)
        return Diagnostic(self.file, line, col, message)


def read_text(path: Path, *, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the file's text, or raise :class:`SourceError` for missing, huge, binary or non-UTF-8 files."""
    name = display or str(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file", [Diagnostic(name, 1, 1, "no such file")]) from None
    except IsADirectoryError:
        raise SourceError(
            f"{name}: is a folder", [Diagnostic(name, 1, 1, "is a folder, not a file")]
        ) from None
    except OSError as exc:
        msg = f"cannot read: {exc.strerror or exc}"
        raise SourceError(f"{name}: {msg}", [Diagnostic(name, 1, 1, msg)]) from None
    if len(raw) > max_bytes:
        msg = f"file is larger than the limit of {max_bytes // 1024} KiB"
        raise SourceError(msg, [Diagnostic(name, 1, 1, msg)])
    if b"\x00" in raw:
        line, col = _position_of_byte(raw, raw.index(b"\x00"))
        msg = "not a text file (it contains NUL bytes)"
        raise SourceError(msg, [Diagnostic(name, line, col, msg)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position_of_byte(raw, exc.start)
        msg = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        raise SourceError(msg, [Diagnostic(name, line, col, msg)]) from None
    return text


def _position_of_byte(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before) - (before.rfind(b"\n") + 1)
    return line, len(before[len(before) - col :].decode("utf-8", "replace")) + 1


@dataclass(frozen=True)
class Expect:
    """What a kind of file should hold, for the messages about an empty or shapeless file."""

    needs: str
    keys: str


BRIEF = Expect("a brief needs at least title, meeting, summary and key_points", "title:, meeting:, …")


def load_yaml(path: Path | str, *, display: str | None = None, expect: Expect = BRIEF) -> Document:
    """Read ``path`` into a :class:`Document` (as JSON when it ends ``.json``); raise :class:`SourceError`."""
    path = Path(path)
    name = display or str(path)
    parse = parse_json if path.suffix.lower() == ".json" else parse_yaml
    return parse(read_text(path, display=name), name, expect=expect)


def parse_yaml(text: str, name: str, *, expect: Expect = BRIEF) -> Document:
    """Parse YAML ``text`` into a :class:`Document` (see the module docstring for the rules)."""
    doc = Document(name, None)
    text = _replace_illegal(text, doc)
    errors: list[Diagnostic] = []
    try:
        try:
            _compose(yaml.parse(text, Loader=_Loader), doc, errors)
        except yaml.MarkedYAMLError as exc:
            if exc.problem != "found invalid Unicode character escape code" or _Loader is yaml.SafeLoader:
                raise
            # libyaml refuses UTF-16 surrogate escapes ("\ud83d\ude00", as json.dumps writes an emoji);
            # PyYAML's own scanner reads them, and the composer joins the pairs.
            doc, errors = Document(name, None, warnings=doc.warnings), []
            _compose(yaml.parse(text, Loader=yaml.SafeLoader), doc, errors)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in problem:  # libyaml 0.2.6 stops deep flow nesting while scanning ahead
            message = f"nesting deeper than the limit of {MAX_DEPTH} levels"
        elif mark and _char_at(text, mark.line, mark.column) == "\t":
            message = f"YAML syntax error: {problem} (YAML does not allow tabs for indentation; use spaces)"
        else:
            message = f"YAML syntax error: {problem}"
        errors.append(Diagnostic(name, line, col, message))
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are pre-empted above
        errors.append(Diagnostic(name, 1, 1, f"YAML error: {exc}"))
    return _finish(doc, errors, expect)


def parse_json(text: str, name: str, *, expect: Expect = BRIEF) -> Document:
    """Parse JSON ``text`` into a :class:`Document` by the same rules as YAML (RFC 8259, strictly)."""
    from briefgen.load.json_events import JSONSyntaxError, json_events

    doc = Document(name, None)
    text = _replace_illegal(text, doc)
    errors: list[Diagnostic] = []
    try:
        if text.strip(" \t\r\n"):  # else empty, as an empty YAML file is
            _compose(json_events(text), doc, errors)
    except JSONSyntaxError as exc:
        errors.append(Diagnostic(name, exc.line, exc.column, f"JSON syntax error: {exc.message}"))
    return _finish(doc, errors, expect)


def _finish(doc: Document, errors: list[Diagnostic], expect: Expect) -> Document:
    """``doc``, or raise :class:`SourceError` with every problem, an empty file's or a shapeless one's."""
    name = doc.file
    if errors:
        errors = sorted(doc.errors + errors, key=lambda d: (d.line, d.column))
        raise SourceError("\n".join(map(str, errors)), errors)
    if doc.data is None:
        msg = f"the file is empty; {expect.needs}"
        raise SourceError(msg, [Diagnostic(name, 1, 1, msg)])
    if not isinstance(doc.data, dict):
        line, col = doc.where(())
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        msg = f"the top level must be a mapping of keys ({expect.keys}), not {kind}"
        raise SourceError(msg, [Diagnostic(name, line, col, msg)])
    return doc


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _is_bidi(ch: str) -> bool:
    return "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"


def _what(ch: str) -> str:
    """What happens to an unsafe character, for the warning."""
    if _is_bidi(ch):
        return f"bidirectional control character U+{ord(ch):04X} removed (it can disguise text)"
    if "\ud800" <= ch <= "\udfff":
        return (
            f"lone surrogate \\u{ord(ch):04X} (half of a UTF-16 pair, no character) cannot be printed;"
            " replaced with U+FFFD"
        )
    return f"character U+{ord(ch):04X} cannot be printed; replaced with U+FFFD"


def _join_surrogates(text: str) -> str:
    """``text`` with each UTF-16 surrogate pair (from ``\\ud83d\\ude00`` escapes) made its one character."""
    return _SURROGATE_PAIR.sub(
        lambda m: chr(0x10000 + ((ord(m.group()[0]) - 0xD800) << 10) + ord(m.group()[1]) - 0xDC00), text
    )


def clean_text(text: str) -> str:
    """``text`` without characters that XML cannot hold (replaced) or that reorder text (removed)."""
    return _UNSAFE.sub(lambda m: "" if _is_bidi(m.group()) else REPLACEMENT, text)


def _replace_illegal(text: str, doc: Document) -> str:
    """Replace what the YAML reader would refuse with U+FFFD, one warning each.

    A replacement keeps a character in place, so the YAML around it means what it
    meant; bidirectional controls are legal YAML and are removed later, from values.
    """
    if not _ILLEGAL_CHAR.search(text):
        return text
    for i, line in enumerate(text.split("\n")):
        for m in _ILLEGAL_CHAR.finditer(line):
            doc.warnings.append(Diagnostic(doc.file, i + 1, m.start() + 1, _what(m.group()), "warning"))
    return _ILLEGAL_CHAR.sub(REPLACEMENT, text)


class _Frame:
    """A mapping or sequence under construction."""

    __slots__ = ("anchor", "key_mark", "nodes", "path", "pending_key", "value")

    def __init__(self, value: Any, path: Path_, anchor: str | None) -> None:
        self.value = value
        self.path = path
        self.anchor = anchor
        self.pending_key: str | None = None
        self.key_mark: tuple[int, int] | None = None
        self.nodes = 1


def _compose(events: Iterable[Any], doc: Document, errors: list[Diagnostic]) -> None:
    """Build ``doc``'s data and positions from parser ``events``, reporting limit breaches in ``errors``."""
    _Composer(doc, errors).run(events)


def _mark_of(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


class _Composer:
    """Turns YAML (or JSON) parser events into plain values, keeping each value's position."""

    def __init__(self, doc: Document, errors: list[Diagnostic]) -> None:
        self.doc = doc
        self.name = doc.file
        self.errors = errors
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.stack: list[_Frame] = []
        self.total = 0
        self.documents = 0

    def run(self, events: Iterable[Any]) -> None:
        """Compose every event; stop quietly at the first reported limit."""
        try:
            for event in events:
                cls = event.__class__
                if cls is yaml.ScalarEvent:
                    self.scalar(event)
                elif cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
                    self.start(event, cls is yaml.MappingStartEvent)
                elif cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
                    self.end()
                elif cls is yaml.AliasEvent:
                    self.alias(event)
                elif cls is yaml.DocumentStartEvent:
                    self.documents += 1
                    if self.documents > 1:
                        self.fail(
                            _mark_of(event), "a file holds one brief; remove the second YAML document ('---')"
                        )
        except _Abort:
            pass
        except RecursionError:  # pragma: no cover - the depth limit comes first
            self.errors.append(Diagnostic(self.name, 1, 1, "nesting too deep"))

    def fail(self, at: tuple[int, int], message: str) -> NoReturn:
        """Report ``message`` at ``at`` and stop reading."""
        self.errors.append(Diagnostic(self.name, at[0], at[1], message))
        raise _Abort

    def check_tag(self, event: Any) -> None:
        """Refuse explicit YAML tags (``!!python/object`` and friends)."""
        tag = getattr(event, "tag", None)
        if tag and tag != "!" and not (event.__class__ is yaml.ScalarEvent and event.implicit[0]):
            self.fail(_mark_of(event), f"YAML tags such as '{tag}' are not allowed in a brief")

    def scalar(self, event: Any) -> None:
        """A text value: nulls, length limit, unsafe characters cleaned with a warning, odd spaces made plain."""
        self.check_tag(event)
        at = _mark_of(event)
        scalar: str = event.value
        value: str | None = scalar
        if not event.style and scalar in _NULLS:
            value = None
        elif len(scalar) > MAX_STRING:
            self.fail(at, f"text longer than the limit of {MAX_STRING:,} characters")
        elif _UNSAFE.search(scalar):  # from an escape such as "\x07", "\u202e" or "\ud83d"
            value = scalar = _join_surrogates(scalar)
            if found := _UNSAFE.search(scalar):
                self.doc.warnings.append(
                    Diagnostic(self.name, at[0], at[1], f"text: {_what(found.group())}", "warning")
                )
                value = clean_text(scalar)
        if value and _ODD_SPACE.search(value):
            value = _ODD_SPACE.sub(lambda m: " " if m.group() == "\t" else "\n", value)
        self.place(value, 1, at, True)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)

    def start(self, event: Any, mapping: bool) -> None:
        """A mapping or sequence opens: check depth and key shape, attach it, make it the current parent."""
        self.check_tag(event)
        at = _mark_of(event)
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            self.fail(at, f"nesting deeper than the limit of {MAX_DEPTH} levels")
        container: Any = {} if mapping else []
        if stack and isinstance(stack[-1].value, dict) and stack[-1].pending_key is None:
            self.fail(at, "a key must be a plain text value, not a list or mapping")
        parent_path = self.place(container, 0, at, False)
        stack.append(_Frame(container, parent_path or (), event.anchor))

    def end(self) -> None:
        """A mapping or sequence closes: count its nodes into its parent, remember its anchor."""
        frame = self.stack.pop()
        if self.stack:
            self.stack[-1].nodes += frame.nodes
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.value, frame.nodes)

    def alias(self, event: Any) -> None:
        """An alias: the anchored value again, counted in full against the node limit."""
        at = _mark_of(event)
        if event.anchor not in self.anchors:
            self.fail(at, f"unknown alias '*{event.anchor}'")
        value, nodes = self.anchors[event.anchor]
        self.place(value, nodes, at, not isinstance(value, (dict, list)))

    def place(self, value: Any, nodes: int, at: tuple[int, int], is_scalar_key: bool) -> Path_ | None:
        """Attach ``value`` to its parent; return the path it was stored at (None for a key)."""
        self.total += nodes
        if self.total > MAX_NODES:
            self.fail(at, f"too many values (over {MAX_NODES:,}, counting alias expansion)")
        doc = self.doc
        if not self.stack:
            doc.data = value
            doc.positions[()] = at
            return ()
        parent = self.stack[-1]
        parent.nodes += nodes
        if isinstance(parent.value, list):
            path = parent.path + (len(parent.value),)
            parent.value.append(value)
            doc.positions[path] = at
            return path
        if parent.pending_key is None:
            self.key(parent, value, at, is_scalar_key)
            return None
        key = parent.pending_key
        path = parent.path + (key,)
        if not key.startswith("\0dup"):
            parent.value[key] = value
            doc.positions[path] = at
            doc.key_positions[path] = parent.key_mark or at
        parent.pending_key = None
        return path

    def key(self, parent: _Frame, value: Any, at: tuple[int, int], is_scalar_key: bool) -> None:
        """``value`` is the next key of mapping ``parent``: plain text, reported once if duplicated."""
        if not is_scalar_key:
            self.fail(at, "a key must be a plain text value, not a list or mapping")
        key = "" if value is None else str(value)
        if key in parent.value:
            first = self.doc.key_positions.get(parent.path + (key,), (0, 0))
            self.doc.errors.append(
                Diagnostic(
                    self.name, at[0], at[1], f"duplicate key '{key}' (first defined on line {first[0]})"
                )
            )
            key = f"\0dup{len(self.doc.errors)}"  # keep parsing; the error is already recorded
        parent.pending_key = key
        parent.key_mark = at


class _Abort(Exception):
    """Stop reading: a limit was hit and reported."""
