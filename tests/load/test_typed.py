"""The fast reader and pydantic agree: whatever :func:`construct` accepts, pydantic accepts as the same value.

A valid brief or theme is built without importing pydantic (it costs a cold build
~90 ms); a broken one is handed to pydantic for its messages. These tests hold
the two to one meaning of the model.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefgen.load.model import Brief
from briefgen.load.source import load_yaml
from briefgen.load.typed import Mismatch, adapter, construct
from briefgen.theme import ThemeSpec, themes_dir

ROOT = Path(__file__).resolve().parents[2]
BRIEFS = sorted((ROOT / "briefs").glob("*.yaml"))
THEME = load_yaml(themes_dir() / "default.yaml").data

# Values that sit on the edges of what either reader accepts.
EDGES = [
    None,
    "",
    " ",
    "x",
    "0",
    "-0",
    "1.10",
    " 12 ",
    "1e3",
    "1_000",
    "0x10",
    "inf",
    "-inf",
    "nan",
    "1e400",
    "4e15",
    "2025-07-08",
    "2025-02-30",
    "2025-7-8",
    " 2025-07-08 ",
    "https://example.org",
    "javascript:alert(1)",
    "#1F3864",
    "#1f3864 ",
    "blue",
    "bar",
    "pie",
    "positive",
    "A4",
    "A5",
    "title",
    "text\nmore",
    [],
    ["x"],
    [None],
    {},
    {"text": "x"},
    {"x": "y"},
]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out.extend(_paths(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.extend(_paths(value, (*path, i)))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with a few of its values replaced, deleted or given a stray key."""
    data = copy.deepcopy(base)
    paths = _paths(data)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(paths))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if not path or action == "add":
                target = parent[path[-1]] if path else data
                if isinstance(target, dict):
                    target[draw(st.sampled_from(["extra", "title", "from", "from_", "kind"]))] = draw(
                        st.sampled_from(EDGES)
                    )
            elif action == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(EDGES)))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the path
    return data


def _agree(model: type, data: Any) -> None:
    try:
        fast = construct(model, data)
    except Mismatch:
        return  # pydantic decides; test_loader and test_theme hold its messages
    assert adapter(model).validate_python(data) == fast


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
def test_every_example_brief_takes_the_fast_path(path: Path) -> None:
    data = load_yaml(path).data
    assert construct(Brief, data) == adapter(Brief).validate_python(data)


def test_shipped_themes_take_the_fast_path() -> None:
    for path in sorted(themes_dir().glob("*.yaml")):
        data = load_yaml(path).data
        if "extends" not in data:  # a child theme is only whole once merged (test_theme covers it)
            assert construct(ThemeSpec, data) == adapter(ThemeSpec).validate_python(data)


@pytest.mark.parametrize("path", BRIEFS, ids=lambda p: p.name)
@given(data=st.data())
def test_fast_reader_accepts_only_what_pydantic_accepts_brief(path: Path, data: st.DataObject) -> None:
    _agree(Brief, data.draw(mutated(load_yaml(path).data)))


@given(data=mutated(THEME))
def test_fast_reader_accepts_only_what_pydantic_accepts_theme(data: Any) -> None:
    _agree(ThemeSpec, data)


def test_fast_reader_refuses_what_pydantic_words() -> None:
    data = load_yaml(ROOT / "briefs" / "minimal.yaml").data
    data["key_points"] = []
    with pytest.raises(Mismatch):
        construct(Brief, data)
    with pytest.raises(pydantic.ValidationError):
        adapter(Brief).validate_python(data)


def test_a_valid_build_never_imports_pydantic(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefgen.build import BuildOptions, build_brief\n"
        f"result = build_brief(Path({str(ROOT / 'briefs' / 'asean-58th-amm.yaml')!r}),"
        f" BuildOptions(out_dir=Path({str(tmp_path)!r}), formats=('pdf',)))\n"
        "assert result.ok, result.errors\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
