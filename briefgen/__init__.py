"""briefgen: one YAML brief in, a PDF briefing memo and a PowerPoint deck out, with one look."""

from __future__ import annotations

from briefgen.errors import (
    BriefgenError,
    Diagnostic,
    OutputError,
    RenderError,
    SourceError,
    ThemeError,
    ValidationError,
)
from briefgen.load.loader import load_brief
from briefgen.load.model import Brief

__version__ = "0.1.0"

__all__ = [
    "Brief",
    "BriefgenError",
    "Diagnostic",
    "OutputError",
    "RenderError",
    "SourceError",
    "ThemeError",
    "ValidationError",
    "__version__",
    "load_brief",
]
