"""The memo's flowables load only what a memo needs: the chart code waits for the first chart."""

from __future__ import annotations

import ast
import subprocess
import sys


def test_importing_the_memo_leaves_the_chart_modules_for_the_first_chart() -> None:
    code = (
        "import sys, briefgen.render.memo\n"
        "print(sorted(m for m in sys.modules if m.startswith(('reportlab.graphics', 'briefgen.render.memo_'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    # the tagging and script modules come with every memo; the chart modules only with a chart
    loaded = set(ast.literal_eval(out))
    assert not any(m.startswith("reportlab.graphics") or m == "briefgen.render.memo_chart" for m in loaded)
    assert {
        "briefgen.render.memo_flow",
        "briefgen.render.memo_script",
        "briefgen.render.memo_tagging",
        "briefgen.render.memo_tags",
    } <= loaded


def test_a_latin_memo_never_imports_the_bidi_algorithm(tmp_path) -> None:
    code = (
        "import sys\n"
        "from briefgen.build import render\n"
        "from briefgen.load.loader import load\n"
        "from briefgen.theme import load_theme\n"
        "render(load('briefs/asean-58th-amm.yaml'), load_theme('default'), 'pdf')\n"
        "print('bidi' in sys.modules, 'bidi.algorithm' in sys.modules)"
    )
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=root)
    assert out.stdout.split() == ["False", "False"]
