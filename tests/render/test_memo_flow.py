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
    # the tagging modules come with every memo; the chart modules only with a chart
    loaded = set(ast.literal_eval(out))
    assert not any(m.startswith("reportlab.graphics") or m == "briefgen.render.memo_chart" for m in loaded)
    assert {
        "briefgen.render.memo_flow",
        "briefgen.render.memo_tagging",
        "briefgen.render.memo_tags",
    } <= loaded
