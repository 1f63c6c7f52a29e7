"""The public Python API is pinned: removing or renaming a name is a breaking change."""

from __future__ import annotations

import briefgen
from briefgen.errors import BriefgenError, OutputError, RenderError, SourceError, ThemeError, ValidationError


def test_public_names_are_pinned() -> None:
    assert sorted(briefgen.__all__) == [
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
    for name in briefgen.__all__:
        assert hasattr(briefgen, name)


def test_error_tree() -> None:
    for cls in (SourceError, ValidationError, ThemeError, RenderError, OutputError):
        assert issubclass(cls, BriefgenError)
