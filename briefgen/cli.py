"""The ``briefgen`` command: each subcommand parses its arguments and calls one function.

Exit codes: 0 ok, 1 an invalid brief or a failed build, 2 a usage error, 130 on Ctrl-C.
Only :class:`~briefgen.errors.BriefgenError` is caught, so a real bug still shows its traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from briefgen import __version__
from briefgen.errors import BriefgenError, Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class Reporter:
    """Prints diagnostics to stderr (and GitHub Actions annotations under ``GITHUB_ACTIONS=true``)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.github = os.environ.get("GITHUB_ACTIONS") == "true"

    def diagnostics(self, items: Sequence[Diagnostic]) -> None:
        for d in items:
            click.echo(str(d), err=True)
            if self.github:
                kind = "error" if d.severity == "error" else "warning"
                message = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                click.echo(f"::{kind} file={d.file},line={d.line},col={d.column}::{message}")

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefgen")
@click.option("-q", "--quiet", is_flag=True, help="Print only warnings and errors.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """Turn YAML meeting briefs into a PDF briefing memo and a PowerPoint deck with one look."""
    ctx.obj = Reporter(quiet)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "out_dir",
    default="out",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the outputs.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "pptx", "all"]),
    default="all",
    show_default=True,
    help="Which outputs to build.",
)
@click.option(
    "--theme",
    default=None,
    metavar="NAME|FILE",
    help="A theme name (see `briefgen themes`) or a theme file; overrides the brief's.",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A corporate .pptx whose masters and layouts the deck uses.",
)
@click.pass_obj
def build(
    reporter: Reporter,
    paths: tuple[str, ...],
    out_dir: Path,
    fmt: str,
    theme: str | None,
    template: Path | None,
) -> None:
    """Build the memo (PDF) and deck (PPTX) of each brief.

    PATHS are briefs, folders of briefs or glob patterns (default: briefs/). Outputs go to
    OUTPUT/<name>.pdf and OUTPUT/<name>.pptx. A folder build goes on past a bad brief and
    exits 1 at the end.
    """
    from briefgen.build import FORMATS, build_brief

    sources = _sources(paths)
    formats = FORMATS if fmt == "all" else (fmt,)
    failed = 0
    for source in sources:
        result = build_brief(source, out_dir, formats, theme=theme, template=template)
        reporter.diagnostics(result.warnings)
        if result.errors:
            failed += 1
            reporter.diagnostics(result.errors)
            continue
        for path in result.outputs:
            reporter.info(f"built {path}")
    if failed:
        click.echo(f"briefgen: {failed} of {len(sources)} brief(s) failed", err=True)
        raise SystemExit(EXIT_FAILED)


def _sources(paths: Sequence[str]) -> list[Path]:
    from briefgen.build import find_briefs

    sources = find_briefs(paths or ["briefs"])
    if not sources:
        where = ", ".join(paths) if paths else "briefs/"
        raise click.UsageError(f"no briefs (*.yaml, *.yml) found in {where}")
    return sources


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.pass_obj
def validate(reporter: Reporter, paths: tuple[str, ...]) -> None:
    """Check briefs without building them; exit 1 if any is not valid."""
    from briefgen.loader import load

    failed = 0
    sources = _sources(paths)
    for source in sources:
        try:
            loaded = load(source)
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
    from briefgen.model import Brief

    click.echo(json.dumps(Brief.model_json_schema(by_alias=True), indent=2, ensure_ascii=False))


@cli.command()
def themes() -> None:
    """List the installed themes: name, then a one-line description."""
    from briefgen.theme import list_themes

    for name, description in list_themes():
        click.echo(f"{name}\t{description}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI; map Ctrl-C to exit 130 and usage errors to exit 2."""
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
