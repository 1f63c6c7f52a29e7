"""Benchmark the deck: in-process time to plan and to build (plan + draw + zip) the ASEAN deck, median of N runs.

Run ``python bench/bench_deck.py [BRIEF] [--runs N]`` from the project's folder. The
first build (fonts read, HarfBuzz faces made, python-pptx's template parsed) is
reported apart as the cold figure; the medians are of warm runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EPOCH = 1_751_932_800


def bench_deck(brief: Path | None = None, runs: int = 20) -> dict[str, Any]:
    """Time planning and building the deck of ``brief`` (default: the ASEAN example); seconds, medians of ``runs``."""
    from briefgen.layout.deck import plan_deck
    from briefgen.loader import load
    from briefgen.render.deck import render_deck_pptx
    from briefgen.theme import load_theme

    path = brief or ROOT / "briefs" / "asean-58th-amm.yaml"
    loaded = load(path)
    theme = load_theme(loaded.brief.theme)
    started = time.perf_counter()
    first = render_deck_pptx(loaded, theme, epoch=EPOCH)
    cold = time.perf_counter() - started

    def median(fn: Any) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return statistics.median(times)

    plan = plan_deck(loaded, theme)
    return {
        "brief": str(path),
        "slides": len(plan.slides),
        "bytes": len(first.data),
        "cold_build": cold,
        "plan": median(lambda: plan_deck(loaded, theme)),
        "build": median(lambda: render_deck_pptx(loaded, theme, epoch=EPOCH)),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("brief", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    r = bench_deck(args.brief, args.runs)
    print(f"deck of {r['brief']}: {r['slides']} slides, {r['bytes'] / 1024:.0f} KiB")
    print(f"  cold build (first in process): {r['cold_build'] * 1000:.1f} ms")
    print(f"  plan  (median of {r['runs']}): {r['plan'] * 1000:.1f} ms")
    print(f"  build (median of {r['runs']}): {r['build'] * 1000:.1f} ms  (plan + draw + zip)")


if __name__ == "__main__":
    main()
