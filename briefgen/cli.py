"""The ``briefgen`` command: each subcommand parses its arguments and calls one function.

Exit codes: 0 ok, 1 an invalid brief or a failed build, 2 a usage error, 130 on Ctrl-C.
Only :class:`~briefgen.errors.BriefgenError` is caught, so a real bug still shows its traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from briefgen import __version__
from briefgen.errors import BriefgenError, Diagnostic

if TYPE_CHECKING:
    from briefgen.build import BuildResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Reporter:
    """Prints diagnostics to stderr (and GitHub Actions annotations under ``GITHUB_ACTIONS=true``)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.github = os.environ.get("GITHUB_ACTIONS") == "true"
        self.annotations_to_stderr = False  # set when stdout carries a JSON report

    def diagnostics(self, items: Sequence[Diagnostic]) -> None:
        for d in items:
            click.echo(str(d), err=True)
            if self.github:
                kind = "error" if d.severity == "error" else "warning"
                message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                click.echo(
                    f"::{kind} file={d.file},line={d.line},col={d.column}::{message}",
                    err=self.annotations_to_stderr,
                )

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)


def output_options(command: Callable[..., None]) -> Callable[..., None]:
    """The arguments and options that ``build`` and ``watch`` share: PATHS, -o, --format, --theme."""
    for option in reversed(
        [
            click.argument("paths", nargs=-1, type=click.Path(path_type=str)),
            click.option(
                "-o",
                "--output",
                "out_dir",
                default="out",
                show_default=True,
                type=click.Path(file_okay=False, path_type=Path),
                help="Folder for the outputs.",
            ),
            click.option(
                "--format",
                "fmt",
                type=click.Choice(["pdf", "pptx", "all"]),
                default="all",
                show_default=True,
                help="Which outputs to build.",
            ),
            click.option(
                "--theme",
                default=None,
                metavar="NAME|FILE",
                help="A theme name or file; overrides the brief's.",
            ),
        ]
    ):
        command = option(command)
    return command


def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    reporter = ctx.find_object(Reporter)
    if value and reporter is not None:
        reporter.quiet = True


quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    expose_value=False,
    callback=_set_quiet,
    help="Print only warnings and errors.",
)
"""``-q`` after the command too (``briefgen build -q``), as well as before it."""


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Turn YAML meeting briefs into a PDF briefing memo and a PowerPoint deck with one look."""
    ctx.obj = Reporter(quiet)


@cli.command()
@quiet_option
@output_options
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A corporate .pptx whose masters and layouts the deck uses.",
)
@click.option(
    "--pdfa",
    is_flag=True,
    help="Make the memo a PDF/A-2u for archives (sRGB output intent, PDF/A metadata) as well as PDF/UA.",
)
@click.option(
    "--embed-fonts",
    is_flag=True,
    help="Embed in the deck, subset, the fonts it names by their own name (Noto scripts, a theme's fonts).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Parallel builds [default: CPUs]."
)
@click.option(
    "--strict", is_flag=True, help="Treat warnings as errors: the brief fails and nothing is written."
)
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable report on stdout.")
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if any output on disk is missing or out of date."
)
@click.pass_obj
def build(
    reporter: Reporter,
    paths: tuple[str, ...],
    out_dir: Path,
    fmt: str,
    theme: str | None,
    template: Path | None,
    pdfa: bool,
    embed_fonts: bool,
    jobs: int | None,
    strict: bool,
    as_json: bool,
    check: bool,
) -> None:
    """Build the memo (PDF) and deck (PPTX) of each brief.

    PATHS are briefs, folders of briefs or glob patterns (default: briefs/). Outputs go to
    OUTPUT/<name>.pdf and OUTPUT/<name>.pptx. A folder build goes on past a bad brief and
    exits 1 at the end.
    """
    from briefgen.build import FORMATS, BuildOptions, build_many

    sources = _sources(paths)
    options = BuildOptions(
        out_dir=out_dir,
        formats=FORMATS if fmt == "all" else (fmt,),
        theme=theme,
        template=template,
        pdfa=pdfa,
        embed_fonts=embed_fonts,
        strict=strict,
        check=check,
    )
    started = time.perf_counter()
    reporter.annotations_to_stderr = as_json
    progress = Progress(reporter, len(sources), quiet=as_json, check=check)
    results = build_many(sources, options, jobs=jobs or os.cpu_count() or 1, on_result=progress.done)
    progress.close()
    elapsed = time.perf_counter() - started
    failed = sum(1 for r in results if r.errors)
    stale = [path for r in results for path in r.stale]
    warnings = sum(len(r.warnings) for r in results)
    if as_json:
        click.echo(json.dumps(_report(results, elapsed), indent=2, ensure_ascii=False))
    verb = "checked" if check else "built"
    summary = f"{verb} {len(results) - failed}, failed {failed}, warnings {warnings}"
    if check:
        summary += f", out of date {len(stale)}"
    if not reporter.quiet or failed or stale:
        click.echo(f"briefgen: {summary} in {elapsed:.2f} s", err=True)
    if failed or stale:
        raise SystemExit(EXIT_FAILED)


class Progress:
    """Reports each finished brief: a bar on a terminal, plain lines in CI or a pipe."""

    def __init__(self, reporter: Reporter, total: int, *, quiet: bool, check: bool) -> None:
        self.reporter = reporter
        self.verb = "up to date" if check else "built"
        self.quiet = quiet or reporter.quiet
        interactive = sys.stderr.isatty() and not os.environ.get("CI")
        self.bar = (
            click.progressbar(length=total, label="building", file=sys.stderr)
            if interactive and total > 1
            else None
        )
        if self.bar is not None:
            self.bar.__enter__()

    def done(self, result: BuildResult) -> None:
        if self.bar is not None:
            self.bar.update(1)
        self.reporter.diagnostics(result.warnings)
        self.reporter.diagnostics(result.errors)
        for path in result.stale:
            click.echo(f"{path}: out of date (run briefgen build)", err=True)
        if not result.errors and not self.quiet and self.bar is None:
            for path in result.outputs:
                if path not in result.stale:
                    click.echo(f"{self.verb} {path}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _report(results: Sequence[BuildResult], elapsed: float) -> dict[str, object]:
    def diag(d: Diagnostic) -> dict[str, object]:
        return {"file": d.file, "line": d.line, "column": d.column, "message": d.message}

    return {
        "briefs": [
            {
                "source": str(r.source),
                "ok": not r.errors and not r.stale,
                "outputs": [str(p) for p in r.outputs],
                "out_of_date": [str(p) for p in r.stale],
                "warnings": [diag(d) for d in r.warnings],
                "errors": [diag(d) for d in r.errors],
                "seconds": round(r.seconds, 4),
            }
            for r in results
        ],
        "built": sum(1 for r in results if not r.errors),
        "failed": sum(1 for r in results if r.errors),
        "warnings": sum(len(r.warnings) for r in results),
        "seconds": round(elapsed, 4),
    }


def _sources(paths: Sequence[str]) -> list[Path]:
    from briefgen.build import find_briefs

    sources = find_briefs(paths or ["briefs"])
    if not sources:
        where = ", ".join(paths) if paths else "briefs/"
        raise click.UsageError(f"no briefs (*.yaml, *.yml, *.json) found in {where}")
    return sources


@cli.command()
@quiet_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.pass_obj
def validate(reporter: Reporter, paths: tuple[str, ...]) -> None:
    """Check briefs without building them; exit 1 if any is not valid."""
    from briefgen.load.loader import load

    failed = 0
    sources = _sources(paths)
    for source in sources:
        try:
            loaded = load(source)
            if loaded.brief.theme is not None:
                from briefgen.build import resolve_theme

                resolve_theme(loaded, None)
        except BriefgenError as exc:
            failed += 1
            reporter.diagnostics(exc.diagnostics or [Diagnostic(str(source), 1, 1, str(exc))])
            continue
        reporter.diagnostics(loaded.warnings)
        reporter.info(f"{source}: valid")
    if failed:
        click.echo(f"briefgen: {failed} of {len(sources)} brief(s) invalid", err=True)
        raise SystemExit(EXIT_FAILED)


@cli.command()
def schema() -> None:
    """Print the brief format's JSON Schema (for editors: `# yaml-language-server: $schema=…`)."""
    from briefgen.load.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


@cli.command()
def themes() -> None:
    """List the installed themes: name, then a one-line description."""
    from briefgen.theme import list_themes

    for name, description in list_themes():
        click.echo(f"{name}\t{description}")


@cli.command()
@quiet_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@click.pass_obj
def new(reporter: Reporter, file: Path, force: bool) -> None:
    """Write a commented starter brief to FILE that validates and builds (FILE.json: the same, as JSON)."""
    from importlib.resources import files

    from briefgen.output import write_atomic

    if file.exists() and not force:
        raise click.UsageError(f"{file} exists; use --force to overwrite it")
    starter = files("briefgen").joinpath("starter.yaml").read_bytes()
    if file.suffix.lower() == ".json":
        from briefgen.load.source import parse_yaml

        data = parse_yaml(starter.decode("utf-8"), "starter.yaml").data
        starter = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_atomic(file, starter)
    reporter.info(f"wrote {file}; edit it, then run: briefgen build {file}")


@cli.command()
@quiet_option
@output_options
@click.pass_obj
def watch(reporter: Reporter, paths: tuple[str, ...], out_dir: Path, fmt: str, theme: str | None) -> None:
    """Rebuild whenever a brief, an image it uses or its theme changes (Ctrl-C to stop).

    A failed rebuild prints its errors and keeps the last good outputs.
    """
    from briefgen.build import FORMATS, BuildOptions
    from briefgen.watch import watch_and_build

    options = BuildOptions(out_dir=out_dir, formats=FORMATS if fmt == "all" else (fmt,), theme=theme)
    watch_and_build(
        list(paths or ["briefs"]), options, report=Progress(reporter, 0, quiet=False, check=False).done
    )


@cli.command("check-template")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--theme", default=None, metavar="NAME|FILE", help="The theme whose layout names to look for.")
def check_template_command(file: Path, theme: str | None) -> None:
    """Report the layouts and placeholders of a .pptx template that briefgen will use, and what it lacks."""
    from briefgen.render.deck_template import check_template
    from briefgen.theme import load_theme

    report = check_template(file, load_theme(theme, base_dir=Path.cwd()) if theme else None)
    click.echo(str(report))
    if not report.ok:
        raise SystemExit(EXIT_FAILED)


@cli.group("theme")
def theme_group() -> None:
    """Make themes."""


@theme_group.command("from-template")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def theme_from_template_command(file: Path) -> None:
    """Print a theme in the look of a .pptx template (palette, fonts, slide size): `> corp.yaml`, then `--theme corp.yaml`."""
    from briefgen.render.template_theme import theme_from_template

    click.echo(theme_from_template(file), nl=False)


_GC_THRESHOLD = 50_000
"""Allocations between young-generation collections (Python's default: 700).

A build imports ReportLab and python-pptx, whose hundreds of thousands of objects
live until the process ends; collecting every 700 allocations scans them again and
again (~10 ms of a cold build). Older generations are still collected as usual.
"""


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; map Ctrl-C to exit 130 and usage errors to exit 2."""
    import gc

    gc.set_threshold(_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="briefgen", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("briefgen: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("briefgen: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except BriefgenError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_FAILED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(EXIT_OK)
