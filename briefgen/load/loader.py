"""Load a brief: read the YAML safely, validate it, check across fields; every problem positioned."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.errors import Diagnostic
from briefgen.load.checks import check_brief
from briefgen.load.images import ImageInfo, read_image_info
from briefgen.load.model import Brief
from briefgen.load.source import Document, load_yaml
from briefgen.load.validation import validate_document


@dataclass(frozen=True)
class LoadedBrief:
    """A valid brief with the document it came from (for positions) and the loader's warnings."""

    brief: Brief
    document: Document
    path: Path
    warnings: list[Diagnostic] = field(default_factory=list)
    images: dict[str, ImageInfo] = field(default_factory=dict)
    """What the loader read of each picture, by the path the brief writes."""

    @property
    def folder(self) -> Path:
        """The folder that image paths are relative to."""
        return self.path.parent

    def image(self, rel: str) -> ImageInfo:
        """What is known of the picture at ``rel`` (read now if the loader did not); raises OSError or ValueError."""
        found = self.images.get(rel)
        return found if found is not None else read_image_info((self.folder / rel).resolve())


def load(path: Path | str, *, display: str | None = None) -> LoadedBrief:
    """Load and validate the brief at ``path``; raise :class:`~briefgen.errors.BriefgenError` with every problem."""
    path = Path(path)
    doc = load_yaml(path, display=display)
    images: dict[str, ImageInfo] = {}
    brief = validate_document(doc, Brief, extra=check_brief(doc, path.parent, images))
    return LoadedBrief(brief, doc, path, list(doc.warnings), images)


def load_brief(path: Path | str) -> Brief:
    """Return the brief at ``path``, validated; raise :class:`~briefgen.errors.BriefgenError` if it is not valid."""
    return load(path).brief
