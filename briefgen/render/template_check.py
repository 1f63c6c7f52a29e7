"""What ``briefgen check-template`` reports: the layouts and placeholders a template gives, and what the build will do with it.

:func:`briefgen.render.deck_template.check_template` fills a :class:`TemplateReport`;
its :meth:`~TemplateReport.lines` are what the command prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.layout.slides import Rect

__all__ = ["LayoutCheck", "TemplateReport"]


@dataclass(frozen=True)
class LayoutCheck:
    """One layout briefgen needs: whether the template has it and the placeholders it has and lacks."""

    role: str
    name: str
    found: bool
    placeholders: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


@dataclass
class TemplateReport:
    """What ``briefgen check-template`` reports: the layouts and placeholders briefgen uses and any missing."""

    path: Path
    slide_size: tuple[float, float] = (0.0, 0.0)
    layouts: list[LayoutCheck] = field(default_factory=list)
    available: tuple[str, ...] = ()
    slides: int = 0
    problems: list[str] = field(default_factory=list)
    title_area: Rect | None = None
    """Where content slides' titles go."""
    body_area: Rect | None = None
    """Where content slides' body goes: the title-and-content layout's body, between title and footer."""
    colours: tuple[tuple[str, str], ...] = ()
    """The colours briefgen takes, by palette role."""
    contrast: list[str] = field(default_factory=list)
    """Template colours that fail WCAG AA on the background, and what briefgen uses instead."""
    notes: list[str] = field(default_factory=list)
    """What else briefgen does with the template: the fonts it takes, a title slide it cannot use."""

    @property
    def ok(self) -> bool:
        """True when briefgen can build a deck on the template."""
        return not self.problems

    def lines(self) -> list[str]:
        """The report as lines of text, for the CLI to print."""
        w, h = self.slide_size
        out = [f"{self.path}: slide size {w:g} × {h:g} pt ({w / 72:.2f} × {h / 72:.2f} in)"]
        if self.slides:
            out.append(f"  {self.slides} slide(s) in the template will be left out of the deck")
        for lc in self.layouts:
            if not lc.found:
                out.append(f"  {lc.role} slides: layout '{lc.name}' MISSING")
                continue
            out.append(
                f"  {lc.role} slides: layout '{lc.name}' found; placeholders: {', '.join(lc.placeholders) or 'none'}"
            )
            for m in lc.missing:
                out.append(f"    MISSING placeholder: {m}")
        out.append(f"  layouts in the template: {', '.join(repr(n) for n in self.available) or 'none'}")
        for label, r in (("title area", self.title_area), ("body area", self.body_area)):
            if r is not None:
                out.append(f"  {label}: {r.w:.0f} × {r.h:.0f} pt at ({r.x:.0f}, {r.y:.0f})")
        if self.colours:
            out.append("  colours taken: " + ", ".join(f"{k} {v}" for k, v in self.colours))
        out.extend(f"  contrast: {c}" for c in self.contrast)
        out.extend(f"  {n}" for n in self.notes)
        out.append(
            "  ok: briefgen can use this template" if self.ok else "  NOT usable: " + "; ".join(self.problems)
        )
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())
