"""The safe YAML reader: scalars as typed, positions, duplicate keys, limits, encodings."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from briefgen.errors import SourceError
from briefgen.load.source import MAX_FILE_BYTES, load_yaml, parse_json, parse_yaml


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


def test_surrogate_pair_escapes_become_their_character() -> None:
    # json.dumps writes "😀" as "\\ud83d\\ude00"; libyaml refused it as an invalid escape code
    doc = parse_yaml('a: "Welcome \\ud83d\\ude00 to \\uD840\\uDC0B"\nb: plain\n', "b.yaml")
    assert doc.data == {"a": "Welcome 😀 to 𠀋", "b": "plain"}
    assert not doc.warnings


def test_lone_surrogate_becomes_a_replacement_with_a_positioned_warning() -> None:
    doc = parse_yaml('title: T\na: "x \\ud800 y"\n', "b.yaml")
    assert doc.data == {"title": "T", "a": "x \ufffd y"}
    assert [str(w) for w in doc.warnings] == [
        "b.yaml:2:4: warning: text: lone surrogate \\uD800 (half of a UTF-16 pair, no character)"
        " cannot be printed; replaced with U+FFFD"
    ]


def test_surrogate_escapes_outside_double_quotes_stay_literal() -> None:
    doc = parse_yaml("a: 'C:\\ud83d'\nb: C:\\ud83d\nc: \"\\ud83d\\ude00\"\n", "b.yaml")
    assert doc.data == {"a": "C:\\ud83d", "b": "C:\\ud83d", "c": "😀"}


def test_a_yaml_error_after_a_surrogate_escape_keeps_its_position() -> None:
    assert messages('a: "\\ud83d\\ude00"\nb: [\n') == [
        "b.yaml:3:1: YAML syntax error: expected the node content, but found '<stream end>'"
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


# JSON: briefs that programs write


def json_messages(text: str) -> list[str]:
    with pytest.raises(SourceError) as info:
        parse_json(text, "b.json")
    return [str(d) for d in info.value.diagnostics]


def test_json_reads_like_yaml_with_scalars_as_written() -> None:
    text = (
        '{"title": "T", "n": 1.10, "big": 123456789012345678901234567890, "e": 1e400, "t": true, "z": null}'
    )
    assert (
        parse_json(text, "b.json").data
        == parse_yaml(text, "b.yaml").data
        == {
            "title": "T",
            "n": "1.10",
            "big": "123456789012345678901234567890",
            "e": "1e400",
            "t": "true",
            "z": None,
        }
    )


def test_json_dumps_output_reads_back_with_emoji_and_rare_cjk() -> None:
    data = {"title": "Sommet 😀 𠀋", "tags": ["a/b", "Ünïcode"], "nested": {"deep": [{"x": "y"}]}}
    for text in (json.dumps(data), json.dumps(data, indent="\t"), json.dumps(data, separators=(",", ":"))):
        doc = parse_json(text, "b.json")
        assert doc.data == data
        assert not doc.warnings


def test_json_escapes_are_json_not_yaml() -> None:
    doc = parse_json('{"a": "x\\/y\\u00e9\\t\\"z\\""}', "b.json")
    assert doc.data == {"a": 'x/yé "z"'}  # the tab becomes a space, as in YAML


def test_json_positions_are_one_based_for_values_and_keys() -> None:
    doc = parse_json('{\n\t"meeting": {\n\t\t"name": "M",\n\t\t"date": "2025-01-01"\n\t}\n}\n', "b.json")
    assert doc.where(("meeting", "date")) == (4, 11)
    assert doc.where(("meeting", "date"), key=True) == (4, 3)
    assert doc.where(("meeting",)) == (2, 13)


def test_json_lone_surrogate_becomes_a_replacement_with_a_positioned_warning() -> None:
    doc = parse_json('{"title": "T",\n "a": "x \\udc00"}', "b.json")
    assert doc.data == {"title": "T", "a": "x \ufffd"}
    assert [str(w) for w in doc.warnings] == [
        "b.json:2:7: warning: text: lone surrogate \\uDC00 (half of a UTF-16 pair, no character)"
        " cannot be printed; replaced with U+FFFD"
    ]


def test_json_duplicate_keys_are_errors_at_the_second_key() -> None:
    doc = parse_json('{"title": "A",\n "title": "B"}', "b.json")
    assert [str(d) for d in doc.errors] == ["b.json:2:2: duplicate key 'title' (first defined on line 1)"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1,}', "1:9: JSON syntax error: a comma before '}' (JSON does not allow a trailing comma)"),
        (
            '{"a": [1,\n 2,]}',
            "2:4: JSON syntax error: a comma before ']' (JSON does not allow a trailing comma)",
        ),
        (
            "{'a': 1}",
            '1:2: JSON syntax error: expected a key in double quotes ("key": value), found \''
            " (JSON strings need double quotes)",
        ),
        ('{"a" 1}', "1:6: JSON syntax error: expected ':' after the key \"a\", found '1'"),
        (
            '{"a": yes}',
            "1:7: JSON syntax error: expected a value, found 'yes' (JSON strings need double quotes)",
        ),
        (
            '{"a": "x\ty"}',
            "1:9: JSON syntax error: a raw control character (tab or line break) inside a string;"
            " write it as \\t or \\n",
        ),
        (
            '{"a": "\\q"}',
            "1:8: JSON syntax error: invalid escape '\\q' (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
        ),
        ('{"a": "\\u12"}', "1:8: JSON syntax error: invalid \\u escape: it needs four hexadecimal digits"),
        ('{\n"a": "abc', '2:6: JSON syntax error: a string that never ends (no closing ")'),
        ('{"a": 1} {"b": 2}', "1:10: JSON syntax error: more text after the end of the JSON value"),
        (
            '{"a": {"b": [1 2]}}',
            "1:16: JSON syntax error: expected ',' or ']' to go on or end the list, found '2'",
        ),
        (
            '{"a": {"b": 1]}',
            "1:14: JSON syntax error: expected ',' or '}' to go on or end the mapping, found ']'",
        ),
        ('{"a": 01}', "1:8: JSON syntax error: expected ',' or '}' to go on or end the mapping, found '1'"),
        ('{"a": 1.}', "1:7: JSON syntax error: expected a value, found '1'"),
        ('{"a": ', "1:7: JSON syntax error: the text ends where a value should be"),
        ('{"a": 1} # note', "1:10: JSON syntax error: more text after the end of the JSON value"),
    ],
)
def test_broken_json_is_a_positioned_error(text: str, message: str) -> None:
    assert json_messages(text) == [f"b.json:{message}"]


def test_json_errors_come_with_the_duplicates_before_them() -> None:
    assert json_messages('{"a": 1,\n "a": 2,\n "b": [}') == [
        "b.json:2:2: duplicate key 'a' (first defined on line 1)",
        "b.json:3:8: JSON syntax error: expected a value, found '}'",
    ]


def test_json_empty_and_shapeless_files() -> None:
    assert json_messages(" \n") == [
        "b.json:1:1: the file is empty; a brief needs at least title, meeting, summary and key_points"
    ]
    assert json_messages("[1]") == [
        "b.json:1:1: the top level must be a mapping of keys (title:, meeting:, …), not a list"
    ]


def test_json_deep_nesting_fails_fast_without_recursion_error() -> None:
    started = time.perf_counter()
    assert json_messages('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}") == [
        "b.json:1:70: nesting deeper than the limit of 64 levels"
    ]
    assert time.perf_counter() - started < 1.0


def test_json_keys_longer_than_yaml_allows() -> None:
    assert parse_json(json.dumps({"k" * 2000: "v"}), "b.json").data == {"k" * 2000: "v"}


def test_load_yaml_reads_a_json_file_as_json(tmp_path: Path) -> None:
    path = tmp_path / "b.JSON"
    path.write_text('{"a": "\\ud83d\\ude00",\n\t"b": [1]}', encoding="utf-8")
    assert load_yaml(path).data == {"a": "😀", "b": ["1"]}
    path.write_text('{"a": 1,\n "b": }', encoding="utf-8")
    with pytest.raises(SourceError) as info:
        load_yaml(path, display="b.json")
    assert [str(d) for d in info.value.diagnostics] == [
        "b.json:2:7: JSON syntax error: expected a value, found '}'"
    ]
