"""The command line as scripts and CI use it: exit codes, messages, annotations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import __version__
from briefgen.cli import cli, main

ROOT = Path(__file__).resolve().parent.parent
MISSPELT = (
    "title: T\nmeeting:\n  name: M\n  date: 2025-07-08\nsummary: S\nkeypoints:\n  - title: K\n    body: B\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(cli, list(args), env=env, catch_exceptions=False)


def test_validate_examples(runner: CliRunner) -> None:
    result = run(runner, "validate", str(ROOT / "briefs"))
    assert result.exit_code == 0, result.output
    assert "asean-58th-amm.yaml: valid" in result.output


def test_validate_misspelt_key(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(MISSPELT)
    result = run(runner, "validate", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'bad.yaml'}:6:1: unknown key 'keypoints' in the brief (did you mean 'key_points'?)"
        in (result.stderr)
    )
    assert "Traceback" not in result.output


def test_validate_github_annotations(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(MISSPELT)
    result = run(runner, "validate", str(tmp_path / "bad.yaml"), env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    assert (
        f"::error file={tmp_path / 'bad.yaml'},line=6,col=1::unknown key 'keypoints' in the brief"
        " (did you mean 'key_points'?)" in result.stdout
    )


def test_validate_folder_goes_on_past_a_bad_brief(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MISSPELT)
    (tmp_path / "b.yaml").write_text(MISSPELT.replace("keypoints", "key_points"))
    result = run(runner, "validate", str(tmp_path))
    assert result.exit_code == 1
    assert "b.yaml: valid" in result.stdout
    assert "1 of 2 brief(s) invalid" in result.stderr


def test_quiet(runner: CliRunner) -> None:
    result = run(runner, "-q", "validate", str(ROOT / "briefs"))
    assert result.exit_code == 0 and result.stdout == ""


def test_schema_is_json(runner: CliRunner) -> None:
    result = run(runner, "schema")
    schema = json.loads(result.stdout)
    assert set(schema["required"]) == {"title", "meeting", "summary", "key_points"}


def test_version_and_help(runner: CliRunner) -> None:
    assert __version__ in run(runner, "--version").stdout
    for command in ([], ["build"], ["validate"], ["schema"], ["themes"]):
        result = run(runner, *command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["build", "--format", "docx"])
    assert info.value.code == 2


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("briefgen.load.loader.load", interrupted)
    with pytest.raises(SystemExit) as info:
        main(["validate", str(ROOT / "briefs" / "minimal.yaml")])
    assert info.value.code == 130


def test_no_briefs_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate", str(tmp_path)])
    assert info.value.code == 2


def test_python_dash_m_and_lazy_imports() -> None:
    code = (
        "import sys, runpy; sys.argv=['briefgen','validate','briefs']\n"
        "try:\n runpy.run_module('briefgen', run_name='__main__')\n"
        "except SystemExit as e: assert e.code == 0, e.code\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('reportlab','pptx')]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    code = code.replace("'validate','briefs'", "'schema'")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)


def test_check_template(runner: CliRunner, tmp_path: Path) -> None:
    from pptx import Presentation

    good = tmp_path / "corp.pptx"
    Presentation().save(str(good))
    result = run(runner, "check-template", str(good))
    assert result.exit_code == 0
    assert (
        "layout 'Title Only' found" in result.stdout and "ok: briefgen can use this template" in result.stdout
    )
    prs = Presentation(str(good))
    for layout in [lay for lay in prs.slide_layouts if lay.name == "Title Only"]:
        prs.slide_layouts.remove(layout)
    lacking = tmp_path / "lacking.pptx"
    prs.save(str(lacking))
    result = run(runner, "check-template", str(lacking))
    assert result.exit_code == 1
    assert "Title Only" in result.stdout


def test_check_template_not_a_pptx(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["check-template", str(ROOT / "README.md")])
    assert info.value.code == 1
    assert capsys.readouterr().err.strip() == (
        f"{ROOT / 'README.md'}:1:1: cannot open the template: not a PowerPoint .pptx file"
    )


def test_validate_checks_the_briefs_theme(runner: CliRunner, tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(MISSPELT.replace("keypoints", "key_points") + "theme: sandstonne\n")
    result = run(runner, "validate", str(brief))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{brief}:9:8: theme: ")
    assert "sandstone" in result.stderr


def test_quiet_after_the_command(runner: CliRunner) -> None:
    result = run(runner, "validate", "-q", str(ROOT / "briefs"))
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == ""


def test_json_report_stays_parseable_under_github_actions(runner: CliRunner, tmp_path: Path) -> None:
    brief = tmp_path / "b.yaml"
    brief.write_text(MISSPELT)
    result = run(
        runner, "build", str(brief), "-o", str(tmp_path / "out"), "--json", env={"GITHUB_ACTIONS": "true"}
    )
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["failed"] == 1
    assert f"::error file={brief},line=6,col=1::" in result.stderr


def test_build_a_json_brief_and_a_folder_picks_it_up(runner: CliRunner, tmp_path: Path) -> None:
    import yaml

    data = yaml.safe_load((ROOT / "briefs" / "minimal.yaml").read_text(encoding="utf-8"))
    data["title"] = "Sommet 😀 𠀋"  # json.dumps writes both as surrogate-pair escapes
    (tmp_path / "made.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    result = run(runner, "build", str(tmp_path), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["made.pdf", "made.pptx"]


def test_a_broken_json_brief_is_reported_at_its_line_and_column(runner: CliRunner, tmp_path: Path) -> None:
    brief = tmp_path / "bad.json"
    brief.write_text('{\n  "title": "T",\n  "meeting": {"name": "M",}\n}\n', encoding="utf-8")
    result = run(runner, "build", str(brief), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert (
        f"{brief}:3:27: JSON syntax error: a comma before '}}' (JSON does not allow a trailing comma)"
        in result.stderr
    )
    brief.write_text('{"title": "T", "keypoints": []}', encoding="utf-8")
    result = run(runner, "validate", str(brief))
    assert f"{brief}:1:16: unknown key 'keypoints' in the brief (did you mean 'key_points'?)" in result.stderr


def test_new_json_starter_validates(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "starter.json"
    assert run(runner, "new", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"]
    result = run(runner, "validate", str(target))
    assert result.exit_code == 0, result.output
