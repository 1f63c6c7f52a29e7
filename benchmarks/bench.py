"""Benchmarks: ``python benchmarks/bench.py`` measures everything in one run on this machine and prints ratios.

Not a test: it prints figures for the closing notes of performance work. What it measures:

- lazy imports: which heavy libraries (pydantic among them) ``validate``, ``build --format pdf``
  and ``--format pptx`` load;
- a cold ``briefgen build`` of the ASEAN brief (memo and deck) against the bare import of
  ``pptx, reportlab.platypus, yaml, click``;
- in-process render times of the ASEAN memo and deck (median of 20), and of a brief 8 times larger;
- a 40-brief folder build on one core and on all cores, per brief;
- the peak memory of building the large brief.
"""

from __future__ import annotations

import copy
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("reportlab", "pptx", "fontTools", "PIL", "lxml", "pydantic")


def asean_brief() -> Path:
    """The ASEAN example brief: from the source checkout, else the copy shipped with the package."""
    for candidate in (Path.cwd() / "briefs", ROOT / "briefs"):
        path = candidate / "asean-58th-amm.yaml"
        if path.is_file():
            return path
    raise SystemExit("bench: run it from the project's folder (it needs briefs/asean-58th-amm.yaml)")


def enlarge(data: dict[str, Any], factor: int) -> dict[str, Any]:
    """A brief ``factor`` times larger: every list of content repeated, each copy told apart by a number."""
    big = copy.deepcopy(data)
    for key in (
        "key_points",
        "positions",
        "reactions",
        "recommendations",
        "highlights",
        "sections",
        "sources",
    ):
        items = data.get(key) or []
        out = []
        for n in range(factor):
            for item in items:
                item = copy.deepcopy(item)
                if isinstance(item, dict):
                    for field in ("title", "actor", "outlet"):
                        if field in item:
                            item[field] = f"{item[field]} ({n + 1})"
                elif n:
                    item = f"{item} ({n + 1})"
                out.append(item)
        if items:
            big[key] = out
    return big


def median_time(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``fn``, after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def command_times(commands: list[list[str]], runs: int = 11) -> list[float]:
    """Median wall time of each command, run ``runs`` times taking turns (so a busy moment hits all alike)."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for args, spent in zip(commands, times):
            started = time.perf_counter()
            subprocess.run(args, check=True, capture_output=True)
            spent.append(time.perf_counter() - started)
    return [statistics.median(spent) for spent in times]


def compile_bytecode() -> None:
    """Compile briefgen's modules, as ``pip install`` does; an editable checkout may have none yet.

    Without it (``PYTHONDONTWRITEBYTECODE`` set, as in some CI images) every cold run of a
    checkout compiles briefgen from source while the libraries it is compared with load
    their compiled bytecode.
    """
    import compileall

    compileall.compile_dir(str(ROOT / "briefgen"), quiet=1)


def imported_by(argv: list[str], cwd: Path) -> list[str]:
    """The heavy top-level packages that running ``briefgen ARGV`` imports."""
    code = (
        "import sys, runpy\n"
        f"sys.argv = ['briefgen', *{argv!r}]\n"
        "try:\n    runpy.run_module('briefgen', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print('HEAVY', *sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=cwd)
    return out.stdout.splitlines()[-1].split()[1:]


def peak_rss_mb(argv: list[str], cwd: Path) -> float:
    """Peak resident memory (MB) of the largest process of a ``briefgen`` run.

    Linux carries a process's high-water mark into the children it forks, so the run is
    started from a small wrapper process, which reads its children's peak.
    """
    wrapper = (
        "import resource, subprocess, sys\n"
        f"subprocess.run([sys.executable, '-m', 'briefgen', *{argv!r}], check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], check=True, capture_output=True, text=True, cwd=cwd)
    return float(out.stdout.split()[-1])


def main() -> None:
    """Run every benchmark and print the figures."""
    from briefgen.build import BuildOptions, build_many, render, resolve_theme
    from briefgen.load.loader import load
    from briefgen.load.source import load_yaml
    from briefgen.session import RenderSession

    source = asean_brief()
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        data = load_yaml(source).data
        big_path = tmp / "big" / "asean-x8.yaml"
        big_path.parent.mkdir()
        big_path.write_text(yaml.safe_dump(enlarge(data, 8), allow_unicode=True), encoding="utf-8")
        out = tmp / "out"

        print("lazy imports (heavy packages loaded):")
        for argv in (
            ["validate", str(source)],
            ["build", str(source), "-o", str(out), "--format", "pdf"],
            ["build", str(source), "-o", str(out), "--format", "pptx"],
        ):
            label = " ".join(a for a in argv if a not in (str(source), str(out), "-o"))
            print(f"  briefgen {label}: {', '.join(imported_by(['-q', *argv], tmp)) or 'none'}")

        compile_bytecode()
        bare, cold = command_times(
            [
                [sys.executable, "-c", "import pptx, reportlab.platypus, yaml, click"],
                [sys.executable, "-m", "briefgen", "-q", "build", str(source), "-o", str(out)],
            ]
        )
        print(
            f"cold build of the ASEAN brief: {cold * 1000:.0f} ms; bare imports {bare * 1000:.0f} ms"
            f" (medians of 11, taking turns); ratio {cold / bare:.2f} (target <= 1.3)"
        )

        small, large = load(source), load(big_path)
        session = RenderSession()  # one run's, as a folder build keeps it: warm after the first render
        theme = resolve_theme(small, None, session)
        for fmt, label in (("pdf", "memo"), ("pptx", "deck")):
            t_small = median_time(partial(render, small, theme, fmt, session=session), 20)
            t_large = median_time(partial(render, large, theme, fmt, session=session), 20)
            t_fresh = median_time(lambda fmt=fmt: render(small, theme, fmt, session=RenderSession()), 5)
            print(
                f"{label}: ASEAN {t_small * 1000:.1f} ms (median of 20, warm session; {t_fresh * 1000:.1f} ms"
                f" in a fresh one); 8x brief {t_large * 1000:.1f} ms; ratio {t_large / t_small:.2f} (target <= 9)"
            )

        for name in ("asean-58th-amm", "asean-58th-amm-ar", "asean-58th-amm-delegations"):
            brief = load(ROOT / "briefs" / f"{name}.yaml")
            figures = []
            for embed in (False, True):
                deck = partial(render, brief, theme, "pptx", embed_fonts=embed, session=session)
                size = len(deck().data)
                figures.append(f"{size / 1024:.0f} KB in {median_time(deck, 5) * 1000:.0f} ms")
            print(f"deck of {name}: {figures[0]} without embedded fonts, {figures[1]} with (median of 5)")

        folder = tmp / "forty"
        folder.mkdir()
        for n in range(40):
            copy_data = copy.deepcopy(data)
            copy_data["title"] = f"{data['title']} ({n + 1})"
            (folder / f"brief-{n + 1:02}.yaml").write_text(
                yaml.safe_dump(copy_data, allow_unicode=True), encoding="utf-8"
            )
        sources = sorted(folder.glob("*.yaml"))
        options = BuildOptions(out_dir=tmp / "out40")
        for jobs in sorted({1, cpus}):
            started = time.perf_counter()
            results = build_many(sources, options, jobs=jobs)
            elapsed = time.perf_counter() - started
            assert all(r.ok for r in results), [r.errors for r in results if r.errors]
            print(
                f"40-brief folder build, --jobs {jobs}: {elapsed:.2f} s, {elapsed / 40 * 1000:.1f} ms per brief"
                " (target <= 45 ms on one core)"
            )

        rss = peak_rss_mb(["-q", "build", str(big_path), "-o", str(out), "--jobs", "1"], tmp)
        print(
            f"peak memory building the 8x brief (memo and deck, one process): {rss:.0f} MB (target < 300 MB)"
        )


if __name__ == "__main__":
    main()
