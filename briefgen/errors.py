"""Errors and diagnostics: every problem briefgen reports, with its position.

The class tree::

    BriefgenError
    ├── SourceError       the file cannot be read as a YAML mapping (I/O, encoding, syntax, limits)
    ├── ValidationError   the YAML is well formed but the brief is not valid
    ├── ThemeError        a theme cannot be found, read or validated
    ├── RenderError       a renderer could not draw the plan
    └── OutputError       an output file could not be written

Errors that come from a file carry a list of :class:`Diagnostic`, each printed as
``FILE:LINE:COLUMN: message``. The CLI catches only :class:`BriefgenError`, so a
real bug still shows its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place: ``file:line:column: message`` (1-based line and column)."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.column}: {prefix}{self.message}"


class _Located(Protocol):
    file: str

    def where(self, path: tuple[Any, ...]) -> tuple[int, int]: ...


@dataclass(frozen=True)
class PathWarning:
    """A planner's warning about the part of the brief at model ``path`` (``("key_points", 2, "body")``).

    Planners know the model, not the file: the build gives each its ``FILE:LINE:COLUMN``
    with :meth:`at` on the way out.
    """

    path: tuple[Any, ...]
    message: str

    def at(self, document: _Located) -> Diagnostic:
        """This warning at its place in ``document`` (the brief's source)."""
        line, column = document.where(self.path)
        return Diagnostic(document.file, line, column, self.message, "warning")

    def __str__(self) -> str:
        where = ".".join(str(k) for k in self.path) or "the brief"
        return f"{where}: warning: {self.message}"


class BriefgenError(Exception):
    """The base of every error briefgen raises on purpose."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics: list[Diagnostic] = list(diagnostics or [])

    def __str__(self) -> str:
        if self.diagnostics:
            return "\n".join(str(d) for d in self.diagnostics)
        return super().__str__()


class SourceError(BriefgenError):
    """The file cannot be read as YAML: missing, not UTF-8, too large, bad syntax, limits."""


class ValidationError(BriefgenError):
    """The YAML is well formed but does not describe a valid brief."""


class ThemeError(BriefgenError):
    """A theme cannot be found, read or validated."""


class RenderError(BriefgenError):
    """A renderer could not draw the plan (a bug in the data, not in the file system)."""


class OutputError(BriefgenError):
    """An output file could not be written; any earlier output is left intact."""


@dataclass
class Report:
    """Diagnostics collected while doing one job; errors make the job fail."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, file: str, line: int, column: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(file, line, column, message, "error"))

    def warning(self, file: str, line: int, column: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(file, line, column, message, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "warning"]
