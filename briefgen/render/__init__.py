"""Renderers: draw a brief's plan into PDF or PPTX bytes. The only modules that import reportlab or python-pptx."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefgen.errors import Diagnostic, PathWarning


@dataclass(frozen=True)
class Rendered:
    """A finished output in memory, with the warnings its planning produced."""

    data: bytes
    warnings: list[Diagnostic | PathWarning] = field(default_factory=list)
    """A template's problems at its file; the planners' at model paths, which the build positions."""
