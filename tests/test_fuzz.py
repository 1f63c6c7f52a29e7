"""Property test: briefs full of hostile text build to valid outputs, never a traceback.

CI runs a few hundred examples; run thousands with::

    HYPOTHESIS_PROFILE=thorough pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from collections.abc import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.build import BuildOptions, build_brief

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=5000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

HOSTILE = [
    "**",
    "*",
    "***",
    "\\*",
    "[x](javascript:alert(1))",
    "[x](https://example.org)",
    "<b>",
    "</para>",
    "&amp;",
    "&",
    "<",
    "R&D",
    "\u202e",
    "\u200f",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\ufffe",
    "\ufeff",
    "مرحبا بالعالم",
    "שלום",
    "😀👍🏽",
    "中文字符",
    "ภาษาไทย",
    "Ελληνικά",
    "W" * 400,
    "supercalifragilistic" * 30,
    " ",
    "\n",
    "\t",
    "%s %(x)s {0}",
]

# Every generated text starts with a letter, so required fields are never blank and each
# example reaches both renderers (blank text is tested in test_loader.py).
text = st.tuples(
    st.sampled_from(["A", "Brief ", "Ω", "ก", "م"]),
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40)), max_size=6),
).map(lambda parts: parts[0] + "".join(parts[1]))


@st.composite
def briefs(draw: st.DrawFn) -> dict[str, object]:
    words = lambda: draw(text)  # noqa: E731
    data: dict[str, object] = {
        "title": words(),
        "meeting": {"name": words(), "date": "2025-07-08", "location": words(), "participants": [words()]},
        "summary": words(),
        "key_points": [
            {"title": words(), "body": words(), "quote": {"text": words(), "by": words()}}
            for _ in range(draw(st.integers(1, 3)))
        ],
        "positions": [{"actor": words(), "summary": words(), "points": [words()]}],
        "reactions": [{"outlet": words(), "summary": words(), "tone": "mixed"}],
        "highlights": [words(), words()],
        "sections": [
            {
                "title": words(),
                "blocks": [
                    {"text": words()},
                    {"bullets": [words(), words()]},
                    {"table": {"columns": [words(), words()], "rows": [[words(), words()]]}},
                    {
                        "chart": {
                            "kind": "bar",
                            "categories": [words()],
                            "series": [{"name": words(), "values": [1]}],
                        }
                    },
                ],
            }
        ],
        "sources": [
            {"title": words(), "url": "https://example.org/" + draw(st.text("abc/?=&%", max_size=10))}
        ],
    }
    if draw(st.booleans()):
        data["classification"] = words()
    return data


@given(data=briefs())
def test_hostile_text_builds_or_fails_with_a_position(
    tmp_path_factory: pytest.TempPathFactory, tool: Callable[[str], str], data: dict[str, object]
) -> None:
    qpdf = tool("qpdf")
    folder = tmp_path_factory.mktemp("fuzz")
    source = folder / "brief.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build_brief(source, BuildOptions(out_dir=folder / "out"))
    for d in result.errors:
        assert d.file == str(source) and d.line >= 1 and d.column >= 1, d
    assert not result.errors, "a brief of valid shape with hostile text must build"
    pdf, pptx = (folder / "out" / "brief.pdf"), (folder / "out" / "brief.pptx")
    check = subprocess.run([qpdf, "--check", str(pdf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    from pptx import Presentation

    Presentation(io.BytesIO(pptx.read_bytes()))
    with zipfile.ZipFile(pptx) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                assert not re.search(r"_x00[01][0-9A-Fa-f]_", xml), f"escaped control character in {name}"
