"""A table of hostile files (case, content, expected messages).

Each fails with its positioned messages, exit 1, no traceback and no output file,
under ``validate`` and ``build`` alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli

GOOD = (
    "title: T\nmeeting:\n  name: M\n  date: 2025-07-08\nsummary: S\nkey_points:\n  - title: K\n    body: B\n"
)
SECTION = GOOD + "sections:\n  - title: S\n    blocks:\n"

BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
)

# (case, file content, expected lines of stderr: "LINE:COL: message" after the file name)
CASES: list[tuple[str, bytes, list[str]]] = [
    ("syntax error", b"title: [unclosed\n", ["2:1: YAML syntax error: did not find expected ',' or ']'"]),
    (
        "tab indentation",
        b"meeting:\n\tname: M\n",
        [
            "2:1: YAML syntax error: found character that cannot start any token (YAML does not allow tabs for indentation; use spaces)"
        ],
    ),
    (
        "wrong type",
        (GOOD + "highlights: {a: b}\n").encode(),
        ["9:13: highlights should be a list (lines starting with '- '), not a mapping"],
    ),
    (
        "impossible date",
        GOOD.replace("2025-07-08", "2025-02-30").encode(),
        ["4:9: meeting.date: impossible date '2025-02-30' (day is out of range for month)"],
    ),
    (
        "unknown key",
        (GOOD + "sumary: x\n").encode(),
        ["9:1: unknown key 'sumary' in the brief (did you mean 'summary'?)"],
    ),
    (
        "duplicate key",
        (GOOD + "title: again\n").encode(),
        ["9:1: duplicate key 'title' (first defined on line 1)"],
    ),
    (
        "python tag",
        b"title: !!python/object/apply:os.system [ls]\n",
        [
            "1:8: YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not allowed in a brief"
        ],
    ),
    ("alias bomb", BOMB.encode(), ["6:8: too many values (over 200,000, counting alias expansion)"]),
    (
        "deep nesting",
        ("a: " + "[" * 500 + "]" * 500 + "\n").encode(),
        ["1:67: nesting deeper than the limit of 64 levels"],
    ),
    ("binary file", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["3:1: not a text file (it contains NUL bytes)"]),
    (
        "empty file",
        b"",
        ["1:1: the file is empty; a brief needs at least title, meeting, summary and key_points"],
    ),
    ("not utf-8", b"title: caf\xe9\n", ["1:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"]),
    (
        "image traversal",
        (SECTION + "      - image: {path: ../../etc/passwd, alt: A}\n").encode(),
        ["12:23: image path '../../etc/passwd' leads outside the brief's folder"],
    ),
    (
        "missing image",
        (SECTION + "      - image: {path: gone.png, alt: A}\n").encode(),
        ["12:23: image file 'gone.png' not found next to the brief"],
    ),
    (
        "ragged table",
        (SECTION + "      - table:\n          columns: [A, B]\n          rows: [[1, 2], [3]]\n").encode(),
        ["14:26: table row 2 has 1 cell(s) but the table has 2 column(s)"],
    ),
    (
        "non-numeric chart value",
        (
            SECTION + "      - chart: {kind: bar, categories: [a], series: [{name: s, values: [lots]}]}\n"
        ).encode(),
        ["12:73: sections[1].blocks[1].chart.series[1].values[1] should be a number, not the text 'lots'"],
    ),
]


@pytest.mark.parametrize(("case", "content", "expected"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["validate", "build"])
def test_hostile_file(tmp_path: Path, case: str, content: bytes, expected: list[str], command: str) -> None:
    folder = tmp_path / "briefs" / "sub"
    folder.mkdir(parents=True)
    brief = folder / "hostile.yaml"
    brief.write_bytes(content)
    out = tmp_path / "out"
    args = [command, str(brief)] + (["-o", str(out)] if command == "build" else [])
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(brief))]
    assert lines == [f"{brief}:{e}" for e in expected]
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
