"""Building as CI and scripts do: batches, --json, --strict, --check, atomic outputs, new and watch."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.build import BuildOptions, BuildResult, build_brief, build_many
from briefgen.cli import cli, main
from briefgen.errors import RenderError
from briefgen.load.loader import load

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = (ROOT / "briefs" / "minimal.yaml").read_text(encoding="utf-8")


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "one.yaml").write_text(MINIMAL, encoding="utf-8")
    (briefs / "two.yaml").write_text(
        MINIMAL.replace("Quarterly partners meeting", "Second meeting"), encoding="utf-8"
    )
    return briefs


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())} if out.exists() else {}


def test_folder_build_in_parallel_with_json_report(folder: Path, tmp_path: Path) -> None:
    (folder / "bad.yaml").write_text("title: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", str(folder), "-o", str(out), "--jobs", "2", "--json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [b["source"] for b in report["briefs"]] == [
        str(folder / n) for n in ("bad.yaml", "one.yaml", "two.yaml")
    ]
    assert report["built"] == 2 and report["failed"] == 1
    bad = report["briefs"][0]
    assert bad["ok"] is False and bad["outputs"] == []
    assert bad["errors"][0]["line"] == 2 and bad["errors"][0]["column"] == 1
    assert sorted(p.name for p in out.iterdir()) == ["one.pdf", "one.pptx", "two.pdf", "two.pptx"]
    assert "briefgen: built 2, failed 1, warnings 0 in" in result.stderr


def test_glob_and_format(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("-q", "build", str(folder / "t*.yaml"), "-o", str(out), "--format", "pptx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["two.pptx"]


def test_strict_fails_on_a_warning_and_writes_nothing(folder: Path, tmp_path: Path) -> None:
    brief = folder / "one.yaml"
    brief.write_text(MINIMAL.replace("Budget approved", "Budget\x07 approved"), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("build", str(brief), "-o", str(out), "--strict")
    assert result.exit_code == 1
    assert f"{brief}:8:16: warning: character U+0007 cannot be printed; replaced with U+FFFD" in result.stderr
    assert snapshot(out) == {}
    assert invoke("build", str(brief), "-o", str(out)).exit_code == 0


def test_check_reports_missing_and_stale_outputs(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("build", str(folder), "-o", str(out), "--check").exit_code == 1
    assert snapshot(out) == {}, "--check writes nothing"
    assert invoke("build", str(folder), "-o", str(out)).exit_code == 0
    before = snapshot(out)
    result = invoke("build", str(folder), "-o", str(out), "--check")
    assert result.exit_code == 0, result.output
    (folder / "two.yaml").write_text(MINIMAL.replace("two hires", "three hires"), encoding="utf-8")
    result = invoke("build", str(folder), "-o", str(out), "--check")
    assert result.exit_code == 1
    assert f"{out / 'two.pdf'}: out of date" in result.stderr
    assert f"{out / 'one.pdf'}: out of date" not in result.stderr
    assert snapshot(out) == before


def test_failed_build_keeps_the_old_outputs(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    brief = folder / "one.yaml"
    assert invoke("build", str(brief), "-o", str(out)).exit_code == 0
    before = snapshot(out)
    brief.write_text(MINIMAL.replace("summary:", "sumary:"), encoding="utf-8")
    assert invoke("build", str(brief), "-o", str(out)).exit_code == 1
    assert snapshot(out) == before


def test_a_renderer_error_writes_neither_output(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    brief = folder / "one.yaml"
    assert invoke("build", str(brief), "-o", str(out)).exit_code == 0
    before = snapshot(out)
    brief.write_text(MINIMAL.replace("two hires", "three hires"), encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        raise RenderError("deck failed", [])

    monkeypatch.setattr("briefgen.render.deck.draw_deck", broken)
    result = build_brief(brief, BuildOptions(out_dir=out))
    assert not result.ok
    assert snapshot(out) == before, "the new memo must not be written when the deck fails"


def test_ctrl_c_while_writing_leaves_the_old_file_and_no_temporary(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    brief = folder / "one.yaml"
    assert invoke("build", str(brief), "-o", str(out)).exit_code == 0
    before = snapshot(out)
    brief.write_text(MINIMAL.replace("two hires", "three hires"), encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(SystemExit) as info:
        main(["build", str(brief), "-o", str(out)])
    assert info.value.code == 130
    assert snapshot(out) == before
    assert sorted(p.name for p in out.iterdir()) == ["one.pdf", "one.pptx"], "no temporary file is left"


def test_unwritable_output_is_a_clear_error(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the folder should be")
    result = invoke("build", str(folder / "one.yaml"), "-o", str(blocker / "sub"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_new_writes_a_starter_that_validates_and_builds(tmp_path: Path) -> None:
    target = tmp_path / "meeting.yaml"
    assert invoke("new", str(target)).exit_code == 0
    assert "yaml-language-server" in target.read_text(encoding="utf-8")
    assert invoke("validate", str(target)).exit_code == 0
    assert invoke("build", str(target), "-o", str(tmp_path / "out")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["meeting.pdf", "meeting.pptx"]
    assert invoke("new", str(target)).exit_code == 2, "an existing file is not overwritten"


def test_watch_rebuilds_on_change_and_keeps_the_last_good_output(folder: Path, tmp_path: Path) -> None:
    from briefgen.watch import watch_and_build

    out = tmp_path / "out"
    brief = folder / "one.yaml"
    reports: list[BuildResult] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch_and_build,
        args=([str(brief)], BuildOptions(out_dir=out)),
        kwargs={"report": reports.append, "stop_event": stop},
    )
    thread.start()
    try:
        wait_for(lambda: len(reports) >= 1)
        first = snapshot(out)
        time.sleep(0.5)
        brief.write_text(MINIMAL.replace("summary:", "sumary:"), encoding="utf-8")
        wait_for(lambda: len(reports) >= 2)
        assert reports[1].errors and snapshot(out) == first
        brief.write_text(MINIMAL.replace("two hires", "three hires"), encoding="utf-8")
        wait_for(lambda: len(reports) >= 3)
        assert reports[2].ok and snapshot(out) != first
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def wait_for(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_build_many_keeps_input_order(folder: Path, tmp_path: Path) -> None:
    sources = sorted(folder.glob("*.yaml"))
    results = build_many(sources, BuildOptions(out_dir=tmp_path / "out"), jobs=2)
    assert [r.source for r in results] == sources and all(r.ok for r in results)
    assert load(sources[0]).brief.title == "Quarterly partners meeting"
