"""A loaded theme: the validated record and the files it names, found (fonts, logo, template).

:class:`Theme` is what every stage reads: its colours (with the banner, tone and
contrast look-ups), its font families measured with their files, and its resolved
files as one explicit field, :class:`ThemeFiles`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.errors import Diagnostic
from briefgen.fonts import FontFamily
from briefgen.theme.files import ThemeFiles, mtime
from briefgen.theme.schema import (
    MIN_CONTRAST,
    TONES,
    ContrastPair,
    FontFiles,
    Fonts,
    FontSpec,
    Palette,
    ThemeSpec,
    marking,
)

if TYPE_CHECKING:
    from briefgen.load.source import Document

__all__ = ["Theme"]


@dataclass(frozen=True, kw_only=True)  # not slotted: it caches its font families
class Theme(ThemeSpec):
    """A validated theme, its font and logo files resolved to absolute paths."""

    files: ThemeFiles = field(default_factory=ThemeFiles)
    """Where the files the theme names were found (set by the loader; never read from YAML)."""

    @classmethod
    def located(cls, spec: ThemeSpec, files: ThemeFiles) -> Theme:
        """``spec`` with its files found."""
        values = {f.name: getattr(spec, f.name) for f in dataclasses.fields(ThemeSpec)}
        return cls(**values, files=files)

    def with_palette(self, palette: Palette) -> Theme:
        """The same theme in other colours (a template's), its resolved files kept."""
        return dataclasses.replace(self, palette=palette)

    def with_families(self, families: dict[str, tuple[str, dict[str, Path]]]) -> Theme:
        """The same theme with the heading and/or body family (``role`` → name and files by style) replaced."""
        specs = {
            role: FontSpec(family=name, files=FontFiles(**{k: str(v) for k, v in files.items()}))
            for role, (name, files) in families.items()
        }
        fonts = {**self.files.fonts, **{role: dict(files) for role, (_, files) in families.items()}}
        return dataclasses.replace(
            self,
            fonts=Fonts(
                heading=specs.get("heading", self.fonts.heading),
                body=specs.get("body", self.fonts.body),
                fallback=self.fonts.fallback,
            ),
            files=dataclasses.replace(self.files, fonts=fonts),
        )

    # -- fonts --------------------------------------------------------------

    def font_files(self, role: str) -> dict[str, Path]:
        """Return the absolute paths of a family's files by style (``regular``, ``bold``, …).

        ``role`` is ``heading``, ``body`` or the family name of a fallback.
        """
        if role in ("heading", "body"):
            return dict(self.files.fonts[role])
        for spec in self.fonts.fallback:
            if spec.family == role:
                return dict(self.files.fonts[f"fallback:{role}"])
        raise KeyError(f"no font role or fallback family {role!r}")

    def font_file(self, role: str, bold: bool = False, italic: bool = False) -> Path:
        """Return the file for one style, or the nearest style the family has (as :meth:`FontFamily.face`)."""
        files = self.font_files(role)
        order = {
            (True, True): ("bold_italic", "bold", "italic"),
            (True, False): ("bold",),
            (False, True): ("italic",),
            (False, False): (),
        }[(bold, italic)]
        return next((files[s] for s in order if s in files), files["regular"])

    def _family(self, name: str, files: Mapping[str, Path]) -> FontFamily:
        return FontFamily.from_files(
            name, files["regular"], files.get("bold"), files.get("italic"), files.get("bold_italic")
        )

    @cached_property
    def heading_family(self) -> FontFamily:
        """The heading font, measured with its files."""
        return self._family(self.fonts.heading.family, self.files.fonts["heading"])

    @cached_property
    def body_family(self) -> FontFamily:
        """The body font, measured with its files."""
        return self._family(self.fonts.body.family, self.files.fonts["body"])

    @cached_property
    def fallback_families(self) -> tuple[FontFamily, ...]:
        """The fallback fonts, in the order they are tried."""
        return tuple(
            self._family(spec.family, self.files.fonts[f"fallback:{spec.family}"])
            for spec in self.fonts.fallback
        )

    @cached_property
    def fallbacks(self) -> dict[str, FontFamily]:
        """The fallback fonts by family name, as :func:`briefgen.layout.text.wrap` takes them."""
        return {family.name: family for family in self.fallback_families}

    def glyph_warnings(self, doc: Document) -> list[Diagnostic]:
        """Return warnings for the characters in ``doc`` that no font of this theme can draw."""
        from briefgen.layout.glyphs import glyph_warnings

        return glyph_warnings(doc, (self.heading_family, self.body_family), self.fallback_families)

    # -- colours ------------------------------------------------------------

    def banner(self, classification: str | None) -> tuple[str, str]:
        """Return ``(background, text)`` for a marking: its own colours, a prefix's (``secret//rel``), or the default's."""
        table = self.palette.classification
        key = marking(classification or "")
        chosen = table.get(key)
        if chosen is None:
            prefixes = [
                k for k in table if k != "default" and key.startswith(k) and not key[len(k) :][:1].isalnum()
            ]
            chosen = table[max(prefixes, key=len)] if prefixes else table["default"]
        return chosen.background, chosen.text

    def tone(self, tone: str | None) -> str:
        """Return the colour of a reaction tone (neutral's for none or an unknown one)."""
        key = (tone or "neutral").strip().lower()
        colour: str = getattr(self.palette.tones, key if key in TONES else "neutral")
        return colour

    def contrast_pairs(self) -> list[ContrastPair]:
        """Every text colour on every background this theme draws it on."""
        p = self.palette
        pairs = [
            ContrastPair("text on background", p.text, p.background),
            ContrastPair("muted on background", p.muted, p.background),
            ContrastPair("text on surface", p.text, p.surface),
            ContrastPair("muted on surface", p.muted, p.surface),
            ContrastPair("primary on background", p.primary, p.background),
            ContrastPair("primary on surface", p.primary, p.surface),
            ContrastPair("accent on background", p.accent, p.background),
            ContrastPair("accent on surface", p.accent, p.surface),
            ContrastPair("on_primary on primary", p.on_primary, p.primary),
        ]
        for tone in TONES:
            colour = getattr(p.tones, tone)
            pairs.append(ContrastPair(f"on_tone on tones.{tone}", p.on_tone, colour))
            pairs.append(ContrastPair(f"tones.{tone} on background", colour, p.background))
            pairs.append(ContrastPair(f"tones.{tone} on surface", colour, p.surface))
        for label, banner in p.classification.items():
            pairs.append(ContrastPair(f"banner '{label}'", banner.text, banner.background))
        return pairs

    def low_contrast(self, minimum: float = MIN_CONTRAST) -> list[ContrastPair]:
        """Return the pairs of :meth:`contrast_pairs` below ``minimum``."""
        return [pair for pair in self.contrast_pairs() if pair.ratio < minimum]

    def contrast_warnings(self) -> list[Diagnostic]:
        """Warnings, at the theme file, for each text/background pair below WCAG AA."""
        where = str(self.files.sources[0]) if self.files.sources else self.name
        return [
            Diagnostic(
                where,
                1,
                1,
                f"{pair.label}: contrast {pair.ratio:.2f}:1 is below the {MIN_CONTRAST}:1 that WCAG AA asks for text",
                "warning",
            )
            for pair in self.low_contrast()
        ]

    # -- files --------------------------------------------------------------

    # -- files --------------------------------------------------------------

    @property
    def logo_path(self) -> Path | None:
        """The logo's absolute path, if the theme has one."""
        return self.files.logo

    @property
    def template_path(self) -> Path | None:
        """The absolute path of the theme's corporate .pptx template, if it names one."""
        return self.files.template

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Every file this theme was built from: its YAML chain, font files and logo."""
        return self.files.sources

    def is_current(self) -> bool:
        """True while none of the theme's files (YAML chain, fonts, logo, template) changed since it was loaded."""
        return all(mtime(path) == stamp for path, stamp in self.files.stamps)
