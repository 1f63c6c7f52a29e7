"""The safe YAML reader: scalars as typed, positions, duplicate keys, limits, encodings."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.load.source import MAX_FILE_BYTES, load_yaml, parse_yaml


def messages(text: str) -> list[str]:
    with pytest.raises(SourceError) as info:
        parse_yaml(text, "b.yaml")
    return [str(d) for d in info.value.diagnostics]


def test_scalars_stay_exactly_as_typed() -> None:
    doc = parse_yaml("a: NO\nb: on\nc: 1.10\nd: 012\ne: 2025-07-08\nf: yes\ng: ~\nh: '~'\n", "b.yaml")
    assert doc.data == {
        "a": "NO",
        "b": "on",
        "c": "1.10",
        "d": "012",
        "e": "2025-07-08",
        "f": "yes",
        "g": None,
        "h": "~",
    }


def test_a_tab_in_text_becomes_a_space_and_every_line_break_a_newline() -> None:
    # measured as a space, a tab was drawn as nothing in the memo ("Beforeafter") and as a tab stop in the deck
    doc = parse_yaml('a: "Before\\tafter"\nb: |\n  Column\tvalue\n', "b.yaml")
    assert doc.data == {"a": "Before after", "b": "Column value\n"}
    assert not doc.warnings
    doc = parse_yaml('a: "1\\r2\\r\\n3\\x854\\u20285\\u20296\\n7"\n', "b.yaml")
    assert doc.data == {"a": "1\n2\n3\n4\n5\n6\n7"}


def test_positions_are_one_based_for_values_and_keys() -> None:
    doc = parse_yaml("title: T\nmeeting:\n  name: M\n  date: 2025-01-01\n", "b.yaml")
    assert doc.where(("meeting", "date")) == (4, 9)
    assert doc.where(("meeting", "date"), key=True) == (4, 3)
    assert doc.where(("meeting", "missing")) == (3, 3)  # nearest located ancestor


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    doc = parse_yaml("title: A\nsummary: S\ntitle: B\n", "b.yaml")
    assert [str(d) for d in doc.errors] == ["b.yaml:3:1: duplicate key 'title' (first defined on line 1)"]
    assert doc.data == {"title": "A", "summary": "S"}


def test_all_duplicates_of_a_file_are_reported_together() -> None:
    assert len(parse_yaml("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "b.yaml").errors) == 2


def test_duplicates_are_reported_with_a_later_syntax_error() -> None:
    assert messages("a: 1\na: 2\nb: [\n") == [
        "b.yaml:2:1: duplicate key 'a' (first defined on line 1)",
        "b.yaml:4:1: YAML syntax error: did not find expected node content",
    ]


def test_python_tags_are_refused() -> None:
    assert messages("title: !!python/object/apply:os.system ['echo hi']\n") == [
        "b.yaml:1:8: YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed in a brief"
    ]


def test_alias_bomb_fails_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    started = time.perf_counter()
    found = messages("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert len(found) == 1 and "too many values" in found[0] and "alias" in found[0]


def test_deep_nesting_fails_fast_without_recursion_error() -> None:
    started = time.perf_counter()
    (found,) = messages("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert time.perf_counter() - started < 1.0
    # Where it stops depends on how far libyaml scans ahead (0.2.6 stops at its own limit of 1000).
    assert found.startswith("b.yaml:1:") and found.endswith(": nesting deeper than the limit of 64 levels")
    assert messages("a: " + "[" * 100 + "]" * 100 + "\n") == [
        "b.yaml:1:67: nesting deeper than the limit of 64 levels"
    ]
    block = "".join("  " * i + f"k{i}:\n" for i in range(100)) + "  " * 100 + "v\n"
    assert messages(block) == ["b.yaml:65:129: nesting deeper than the limit of 64 levels"]


def test_empty_file() -> None:
    assert messages("") == [
        "b.yaml:1:1: the file is empty; a brief needs at least title, meeting, summary and key_points"
    ]
    assert messages("# only a comment\n")[0].endswith(
        "the file is empty; a brief needs at least title, meeting, summary and key_points"
    )


def test_top_level_must_be_a_mapping() -> None:
    assert messages("- a\n- b\n") == [
        "b.yaml:1:1: the top level must be a mapping of keys (title:, meeting:, …), not a list"
    ]
    assert messages("just text\n") == [
        "b.yaml:1:1: the top level must be a mapping of keys (title:, meeting:, …), not a single value"
    ]


def test_syntax_error_has_position() -> None:
    assert messages("title: a: b\n") == [
        "b.yaml:1:9: YAML syntax error: mapping values are not allowed in this context"
    ]


def test_tab_indentation_is_explained() -> None:
    assert messages("meeting:\n\tname: M\n") == [
        "b.yaml:2:1: YAML syntax error: found character that cannot start any token"
        " (YAML does not allow tabs for indentation; use spaces)"
    ]


def test_second_document_is_refused() -> None:
    assert messages("a: 1\n---\nb: 2\n") == [
        "b.yaml:2:1: a file holds one brief; remove the second YAML document ('---')"
    ]


def test_control_characters_are_replaced_and_warned() -> None:
    doc = parse_yaml('a: x\x07y\nb: "\\x1b[31m\\uFFFE"\n', "b.yaml")
    assert doc.data == {"a": "x\ufffdy", "b": "\ufffd[31m\ufffd"}
    assert [str(w) for w in doc.warnings] == [
        "b.yaml:1:5: warning: character U+0007 cannot be printed; replaced with U+FFFD",
        "b.yaml:2:4: warning: text: character U+001B cannot be printed; replaced with U+FFFD",
    ]


def test_lone_surrogate_escape_is_a_positioned_error() -> None:
    assert messages('a: "\\ud800"\n') == [
        "b.yaml:1:7: YAML syntax error: found invalid Unicode character escape code"
    ]


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(SourceError) as info:
        load_yaml(path, display="latin1.yaml")
    assert [str(d) for d in info.value.diagnostics] == [
        "latin1.yaml:1:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"
    ]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(SourceError) as info:
        load_yaml(path, display="x.yaml")
    assert str(info.value.diagnostics[0]).startswith("x.yaml:")
    assert "not a text file" in str(info.value.diagnostics[0])


def test_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 10))
    with pytest.raises(SourceError) as info:
        load_yaml(path, display="big.yaml")
    assert str(info.value.diagnostics[0]) == "big.yaml:1:1: file is larger than the limit of 2048 KiB"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        load_yaml(tmp_path / "nope.yaml", display="nope.yaml")
    assert str(info.value.diagnostics[0]) == "nope.yaml:1:1: no such file"


def test_utf8_bom_is_accepted() -> None:
    assert parse_yaml("\ufeffa: b\n", "b.yaml").data == {"a": "b"}


def test_bidi_overrides_are_removed_and_warned() -> None:
    doc = parse_yaml('a: "file\\u202Etxt.exe"\nb: plain\u202eright\n', "b.yaml")
    assert doc.data == {"a": "filetxt.exe", "b": "plainright"}
    assert sorted(str(w) for w in doc.warnings) == [
        "b.yaml:1:4: warning: text: bidirectional control character U+202E removed (it can disguise text)",
        "b.yaml:2:4: warning: text: bidirectional control character U+202E removed (it can disguise text)",
    ]


def test_removing_a_bidi_control_never_changes_the_yaml() -> None:
    # Removed from the raw text, the U+202E would leave "Title-:" at the end of a line: a syntax error.
    assert parse_yaml("title: Title-:\u202e\nb: c\n", "b.yaml").data == {"title": "Title-:", "b": "c"}
