"""Benchmark the memo renderer: in-process render time of the ASEAN memo and of a brief 8 times larger.

Run from the project's folder: ``python bench/bench_memo.py``. Prints the median of
20 renders of each (after a warm-up render) and their ratio (target: at most 9).
The larger brief repeats every list of the ASEAN brief 8 times
(:func:`briefgen.bench.enlarge`).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefgen.bench import enlarge  # noqa: E402
from briefgen.build import resolve_theme, source_date_epoch  # noqa: E402
from briefgen.loader import load  # noqa: E402
from briefgen.render.memo import render_memo_pdf  # noqa: E402
from briefgen.source import load_yaml  # noqa: E402


def median_time(fn: Callable[[], object], runs: int = 20) -> float:
    """Median wall time of ``runs`` calls of ``fn``, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_memo(
    source: Path = ROOT / "briefs" / "asean-58th-amm.yaml", factor: int = 8
) -> tuple[float, float]:
    """Return the median render times (seconds) of the memo of ``source`` and of a ``factor``-times larger brief."""
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / f"{source.stem}-x{factor}.yaml"
        big = enlarge(load_yaml(source).data, factor)
        big_path.write_text(yaml.safe_dump(big, allow_unicode=True), encoding="utf-8")
        small, large = load(source), load(big_path)
    theme = resolve_theme(small, None)

    def render(loaded=small):  # type: ignore[no-untyped-def]
        return render_memo_pdf(loaded, theme, epoch=source_date_epoch(loaded))

    return median_time(render), median_time(lambda: render(large))


def main() -> None:
    t_small, t_large = bench_memo()
    print(f"memo, ASEAN brief: {t_small * 1000:.1f} ms (median of 20)")
    print(f"memo, 8x brief:    {t_large * 1000:.1f} ms (median of 20)")
    print(f"ratio:             {t_large / t_small:.2f} (target <= 9)")


if __name__ == "__main__":
    main()
