"""Themes as data: colours, fonts, type scale and page and slide geometry, read from a YAML file.

A theme file lives in ``assets/themes/NAME.yaml`` (or anywhere, given by path). It
may start from another theme with ``extends: NAME`` (or a path, relative to the
file): the child's mappings are merged key by key into the parent's, and any other
value it sets (text, number, list) replaces the parent's; so does a font's
``files`` mapping, whole, since a family's faces belong together. Every error points at
the ``FILE:LINE:COL`` of the value at fault, in whichever file of the chain set it.

Units: all lengths (margins, slide size, logo height, paragraph spacing) are in
points, 72 to the inch; font sizes are in points; line spacing is a multiple of
the font size. Colours are ``"#RRGGBB"`` (quoted: YAML reads an unquoted ``#``
as a comment). Font files are found relative to the theme file's folder, then in
briefgen's ``assets/fonts``; they must be TrueType (``.ttf``), which both the PDF
(embedding) and the measuring need.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal

from briefgen.assets import assets_dir
from briefgen.errors import Diagnostic, SourceError, ThemeError
from briefgen.fonts import FontFamily
from briefgen.load.source import Document, Expect, Path_, load_yaml
from briefgen.load.typed import Bounds, FieldError, Record, Rule, doc, record
from briefgen.load.validation import validate_document

__all__ = [
    "MIN_CONTRAST",
    "PAGE_SIZES",
    "TONES",
    "Banner",
    "ContrastPair",
    "Theme",
    "contrast_ratio",
    "list_themes",
    "load_theme",
    "themes_dir",
]

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (595.276, 841.89), "Letter": (612.0, 792.0)}
"""Memo page sizes, width × height in points."""

TONES = ("positive", "neutral", "mixed", "cautious", "critical")
"""The reaction tones a brief may give, each with a colour in every theme."""

MIN_CONTRAST = 4.5
"""WCAG AA contrast for body text; every text/background pair of a shipped theme meets it."""

_MAX_EXTENDS = 8
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
_STYLES = ("regular", "bold", "italic", "bold_italic")


def themes_dir() -> Path:
    """Return the folder of the shipped themes."""
    return assets_dir() / "themes"


# ---------------------------------------------------------------------------
# The schema


def _colour(value: Any) -> str:
    if value is None:
        raise ValueError('a colour is needed, in quotes: "#RRGGBB" (unquoted, YAML reads # as a comment)')
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise ValueError(f'{value!r} is not a colour; write "#RRGGBB", e.g. "#1F3864"')
    return value.strip().upper()


def _markings(value: dict[str, Banner]) -> dict[str, Banner]:
    out: dict[str, Banner] = {}
    for key, banner in value.items():
        norm = _marking(key)
        if not norm:
            raise ValueError("a classification key must not be empty")
        if norm in out:
            raise ValueError(f"the marking '{norm}' is given twice")
        out[norm] = banner
    if "default" not in out:
        raise ValueError("needs a 'default' banner for markings not listed")
    return out


def _one_line(value: str) -> str:
    value = value.strip()
    if "\n" in value:
        raise ValueError("must be one line")
    return value


Colour = Annotated[str, Rule(before=_colour)]
FontSize = Annotated[float, Bounds(ge=4, le=400)]
Length = Annotated[float, Bounds(ge=0, le=2000)]
OneLine = Annotated[str, Rule(after=_one_line)]


@record
class Banner(Record):
    """The colours of a classification banner."""

    background: Colour = field(metadata=doc("The banner's fill."))
    text: Colour = field(metadata=doc("The marking's colour on the fill."))


@record
class Tones(Record):
    """A colour for each reaction tone, used for tone chips (``on_tone`` text on it) and tone labels."""

    positive: Colour = field(metadata=doc("Favourable coverage."))
    neutral: Colour = field(metadata=doc("Factual coverage."))
    mixed: Colour = field(metadata=doc("Coverage both for and against."))
    cautious: Colour = field(metadata=doc("Reserved or worried coverage."))
    critical: Colour = field(metadata=doc("Hostile coverage."))


@record
class Palette(Record):
    """The theme's colours."""

    primary: Colour = field(metadata=doc("Title bars and headings."))
    on_primary: Colour = field(default="#FFFFFF", metadata=doc("Text on a primary fill (title bars)."))
    accent: Colour = field(metadata=doc("Links, highlights and the first chart series."))
    text: Colour = field(metadata=doc("Body text."))
    muted: Colour = field(metadata=doc("Secondary text: captions, dates, sources."))
    background: Colour = field(metadata=doc("Page and slide background."))
    surface: Colour = field(metadata=doc("A light panel for boxes: quotes, table headers, side panels."))
    rule: Colour = field(metadata=doc("Lines and borders (not text)."))
    on_tone: Colour = field(default="#FFFFFF", metadata=doc("Text on a tone chip."))
    tones: Tones = field(metadata=doc("A colour for each reaction tone."))
    classification: Annotated[dict[str, Banner], Rule(after=_markings)] = field(
        metadata=doc(
            "Banner colours keyed by the marking in lower case (e.g. 'top secret'); "
            "'default' is used for a marking not listed."
        )
    )


@record
class FontFiles(Record):
    """The TrueType files of one family; a missing style falls back to the nearest one given."""

    regular: str = field(metadata=doc("The regular face (required)."))
    bold: str | None = field(default=None, metadata=doc("The bold face."))
    italic: str | None = field(default=None, metadata=doc("The italic face."))
    bold_italic: str | None = field(default=None, metadata=doc("The bold italic face."))


@record
class FontSpec(Record):
    """A font family: the name documents use, and the files briefgen measures with and embeds."""

    family: str = field(
        metadata=doc(
            "The family name the deck names (e.g. 'Calibri'); PowerPoint users have it.", min_length=1
        )
    )
    files: FontFiles = field(
        metadata=doc("Open fonts with the same metrics (e.g. Carlito for Calibri): measured and embedded.")
    )


@record
class Fonts(Record):
    """The theme's fonts."""

    heading: FontSpec = field(metadata=doc("Titles and headings."))
    body: FontSpec = field(metadata=doc("Everything else."))
    fallback: list[FontSpec] = field(
        default_factory=list,
        metadata=doc(
            "Families tried in order for characters the heading or body font lacks (e.g. Noto Sans Thai)."
        ),
    )


@record
class MemoType(Record):
    """Font sizes of the memo, in points."""

    title: FontSize = field(metadata=doc("The subject line."))
    heading: FontSize = field(metadata=doc("Section headings."))
    subheading: FontSize = field(metadata=doc("Headings inside a section (key point titles)."))
    body: FontSize = field(metadata=doc("Body text."))
    small: FontSize = field(metadata=doc("Header block, table text, footnotes."))
    caption: FontSize = field(metadata=doc("Captions, banners, running header and footer."))
    line_spacing: Annotated[float, Bounds(ge=0.8, le=3)] = field(
        default=1.2, metadata=doc("Line height as a multiple of the font size.")
    )
    paragraph_spacing: Length = field(default=6, metadata=doc("Space between paragraphs, in points."))


@record
class DeckType(Record):
    """Font sizes of the deck, in points."""

    title: FontSize = field(metadata=doc("The title slide's title."))
    heading: FontSize = field(metadata=doc("Slide titles."))
    body: FontSize = field(metadata=doc("Body text at its full size."))
    body_min: FontSize = field(metadata=doc("The smallest size body text shrinks to before it continues."))
    small: FontSize = field(metadata=doc("Captions, sources, footers."))
    notes: FontSize = field(default=12, metadata=doc("Speaker notes."))
    line_spacing: Annotated[float, Bounds(ge=0.8, le=3)] = field(
        default=1.2, metadata=doc("Line height as a multiple of the font size.")
    )
    paragraph_spacing: Length = field(default=8, metadata=doc("Space between paragraphs, in points."))

    def __post_init__(self) -> None:
        if self.body_min > self.body:
            raise FieldError("body_min", f"must not be larger than body ({self.body:g})")


@record
class TypeScale(Record):
    """Font sizes for each output."""

    memo: MemoType = field(metadata=doc("The memo's sizes."))
    deck: DeckType = field(metadata=doc("The deck's sizes."))


@record
class Margins(Record):
    """Margins in points."""

    top: Length = field(metadata=doc("Top margin, points."))
    bottom: Length = field(metadata=doc("Bottom margin, points."))
    left: Length = field(metadata=doc("Left margin, points."))
    right: Length = field(metadata=doc("Right margin, points."))


@record
class MemoGeometry(Record):
    """The memo's page."""

    page_size: Literal["A4", "Letter"] = field(
        default="A4", metadata=doc("A4 (210 × 297 mm) or US Letter (8.5 × 11 in).")
    )
    margins: Margins = field(metadata=doc("Page margins, points."))

    @property
    def page_width(self) -> float:
        """Page width, points."""
        return PAGE_SIZES[self.page_size][0]

    @property
    def page_height(self) -> float:
        """Page height, points."""
        return PAGE_SIZES[self.page_size][1]

    @property
    def content_width(self) -> float:
        """Width between the left and right margins, points."""
        return self.page_width - self.margins.left - self.margins.right

    @property
    def content_height(self) -> float:
        """Height between the top and bottom margins, points."""
        return self.page_height - self.margins.top - self.margins.bottom

    def __post_init__(self) -> None:
        if self.content_width < 144 or self.content_height < 144:
            raise ValueError("the margins leave less than 2 inches (144 pt) of page for text")


_ASPECTS = (16 / 9, 16 / 10, 4 / 3)  # the slide shapes PowerPoint offers; a template's decides


@record
class SlideGeometry(Record):
    """The deck's slides: 16:9 by default, 16:10 or 4:3 (a template's size)."""

    width: Annotated[float, Bounds(gt=0)] = field(
        default=960, metadata=doc("Slide width, points (960 = 13.333 in).")
    )
    height: Annotated[float, Bounds(gt=0)] = field(
        default=540, metadata=doc("Slide height, points (540 = 7.5 in).")
    )
    margins: Margins = field(metadata=doc("Slide margins, points."))
    template: str | None = field(
        default=None,
        metadata=doc(
            "A corporate .pptx whose masters and layouts the deck uses, relative to the theme file"
            " (`--template` overrides it)."
        ),
    )
    layouts: dict[Literal["title", "content"], str] | None = field(
        default=None,
        metadata=doc(
            "Layout names to use from the template, by role: `title` (default 'Title Slide') and"
            " `content` (default 'Title Only')."
        ),
    )

    @property
    def content_width(self) -> float:
        """Width between the left and right margins, points."""
        return self.width - self.margins.left - self.margins.right

    @property
    def content_height(self) -> float:
        """Height between the top and bottom margins, points."""
        return self.height - self.margins.top - self.margins.bottom

    def __post_init__(self) -> None:
        if not any(abs(self.width / self.height - r) <= 0.01 for r in _ASPECTS):
            raise ValueError(
                f"slides must be 16:9 (960 × 540 pt), 16:10 (864 × 540) or 4:3 (720 × 540),"
                f" not {self.width:g} × {self.height:g}"
            )
        if self.content_width < 144 or self.content_height < 144:
            raise ValueError("the margins leave less than 2 inches (144 pt) of slide for content")


@record
class Logo(Record):
    """A logo drawn in the memo's header and on the title slide."""

    path: str = field(
        metadata=doc("A PNG or JPEG file, relative to the theme file's folder or assets/logos.")
    )
    height: Length = field(default=28, metadata=doc("Drawn height, points."))


@dataclass(frozen=True)
class ContrastPair:
    """One text colour on one background, as a theme uses them."""

    label: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        """The WCAG contrast ratio (1 to 21)."""
        return contrast_ratio(self.foreground, self.background)


@dataclass(frozen=True, kw_only=True)  # not slotted: it caches its font families
class Theme(Record):
    """A validated theme, its font and logo files resolved to absolute paths."""

    name: OneLine = field(metadata=doc("The theme's name; a shipped theme's is its file name.", min_length=1))
    description: OneLine = field(
        metadata=doc("One line saying what it looks like.", min_length=1, max_length=160)
    )
    extends: str | None = field(default=None, metadata=doc("A theme this one starts from: a name or a path."))
    palette: Palette = field(metadata=doc("Colours."))
    fonts: Fonts = field(metadata=doc("Font families and their files."))
    type_scale: TypeScale = field(metadata=doc("Font sizes, points.", alias="type"))
    memo: MemoGeometry = field(metadata=doc("The memo's page."))
    slide: SlideGeometry = field(metadata=doc("The deck's slides."))
    logo: Logo | None = field(default=None, metadata=doc("An optional logo."))
    labels: dict[str, dict[str, str]] = field(
        default_factory=dict,
        metadata=doc(
            "An organisation's own words for the fixed labels, by language: e.g. `fr: {bottom_line: Pour le"
            " ministre}`; keys and `{placeholders}` as in briefgen's `assets/locales/en.yaml`. A brief's own"
            " `labels:` win over these."
        ),
    )

    # Where the files named above were found; set once by the loader (:meth:`_locate_files`).
    _files: ClassVar[dict[str, dict[str, Path]]] = {}
    _logo_path: ClassVar[Path | None] = None
    _template_path: ClassVar[Path | None] = None
    _sources: ClassVar[tuple[Path, ...]] = ()
    _stamps: ClassVar[tuple[tuple[Path, int], ...]] = ()

    def _locate_files(
        self,
        files: dict[str, dict[str, Path]],
        logo: Path | None,
        template: Path | None,
        sources: tuple[Path, ...],
        stamps: tuple[tuple[Path, int], ...],
    ) -> None:
        for name, value in (
            ("_files", files),
            ("_logo_path", logo),
            ("_template_path", template),
            ("_sources", sources),
            ("_stamps", stamps),
        ):
            object.__setattr__(self, name, value)

    def with_palette(self, palette: Palette) -> Theme:
        """The same theme in other colours (a template's), its resolved files kept."""
        other = dataclasses.replace(self, palette=palette)
        other._locate_files(self._files, self._logo_path, self._template_path, self._sources, self._stamps)
        return other

    def with_families(self, families: dict[str, tuple[str, dict[str, Path]]]) -> Theme:
        """The same theme with the heading and/or body family (``role`` → name and files by style) replaced."""
        specs = {
            role: FontSpec(family=name, files=FontFiles(**{k: str(v) for k, v in files.items()}))
            for role, (name, files) in families.items()
        }
        fonts = dataclasses.replace(self.fonts, **specs)
        other = dataclasses.replace(self, fonts=fonts)
        located = {**self._files, **{role: dict(files) for role, (_, files) in families.items()}}
        other._locate_files(located, self._logo_path, self._template_path, self._sources, self._stamps)
        return other

    # -- fonts --------------------------------------------------------------

    def font_files(self, role: str) -> dict[str, Path]:
        """Return the absolute paths of a family's files by style (``regular``, ``bold``, …).

        ``role`` is ``heading``, ``body`` or the family name of a fallback.
        """
        if role in ("heading", "body"):
            return dict(self._files[role])
        for spec in self.fonts.fallback:
            if spec.family == role:
                return dict(self._files[f"fallback:{role}"])
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

    def _family(self, name: str, files: dict[str, Path]) -> FontFamily:
        return FontFamily.from_files(
            name, files["regular"], files.get("bold"), files.get("italic"), files.get("bold_italic")
        )

    @cached_property
    def heading_family(self) -> FontFamily:
        """The heading font, measured with its files."""
        return self._family(self.fonts.heading.family, self._files["heading"])

    @cached_property
    def body_family(self) -> FontFamily:
        """The body font, measured with its files."""
        return self._family(self.fonts.body.family, self._files["body"])

    @cached_property
    def fallback_families(self) -> tuple[FontFamily, ...]:
        """The fallback fonts, in the order they are tried."""
        return tuple(
            self._family(spec.family, self._files[f"fallback:{spec.family}"]) for spec in self.fonts.fallback
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
        key = _marking(classification or "")
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
        for marking, banner in p.classification.items():
            pairs.append(ContrastPair(f"banner '{marking}'", banner.text, banner.background))
        return pairs

    def low_contrast(self, minimum: float = MIN_CONTRAST) -> list[ContrastPair]:
        """Return the pairs of :meth:`contrast_pairs` below ``minimum``."""
        return [pair for pair in self.contrast_pairs() if pair.ratio < minimum]

    def contrast_warnings(self) -> list[Diagnostic]:
        """Warnings, at the theme file, for each text/background pair below WCAG AA."""
        where = str(self._sources[0]) if self._sources else self.name
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

    @property
    def logo_path(self) -> Path | None:
        """The logo's absolute path, if the theme has one."""
        return self._logo_path

    @property
    def template_path(self) -> Path | None:
        """The absolute path of the theme's corporate .pptx template, if it names one."""
        return self._template_path

    @property
    def source_files(self) -> tuple[Path, ...]:
        """Every file this theme was built from: its YAML chain, font files and logo."""
        return self._sources

    def is_current(self) -> bool:
        """True while none of the theme's YAML files changed since it was loaded."""
        return all(_mtime(path) == stamp for path, stamp in self._stamps)


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``#RRGGBB`` colours."""
    a, b = _luminance(foreground), _luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _marking(text: str) -> str:
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------------------
# Loading


def list_themes() -> list[tuple[str, str]]:
    """Return ``(name, description)`` of every shipped theme, sorted by name."""
    return sorted((path.stem, load_theme(path.stem).description) for path in _shipped())


def load_theme(name_or_path: str | Path | None = None, *, base_dir: Path | None = None) -> Theme:
    """Return a theme: None for the default, a shipped theme's name, or a YAML file's path.

    A path (a :class:`Path`, or text ending ``.yaml``/``.yml`` or holding a slash)
    is relative to ``base_dir`` (default: the working folder). Raises
    :class:`ThemeError` with positioned diagnostics when the theme is invalid.
    Themes are cached until one of their files changes.
    """
    path = _locate(name_or_path, base_dir)
    theme = _load_cached(path, _mtime(path))
    if not theme.is_current():  # a theme it extends changed since
        _load_cached.cache_clear()
        theme = _load_cached(path, _mtime(path))
    return theme


def _shipped() -> list[Path]:
    return sorted(themes_dir().glob("*.yaml"))


def _is_path(spec: str | Path) -> bool:
    if isinstance(spec, Path):
        return True
    return spec.endswith((".yaml", ".yml")) or "/" in spec or os.sep in spec


def _locate(spec: str | Path | None, base_dir: Path | None) -> Path:
    """The theme file ``spec`` names; raise :class:`ThemeError` if there is none."""
    if spec is None:
        spec = "default"
    if _is_path(spec):
        given = Path(spec).expanduser()
        path = given if given.is_absolute() else (base_dir or Path.cwd()) / given
        if not path.is_file():
            where = "" if given.is_absolute() else f" (looked in {_display(path.parent)})"
            raise ThemeError(f"theme file '{spec}' not found{where}")
        return path.resolve()
    name = str(spec).strip()
    path = themes_dir() / f"{name}.yaml"
    if _NAME.match(name) and path.is_file():
        return path.resolve()
    known = [p.stem for p in _shipped()]
    near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    hint = f" (did you mean '{near[0]}'?)" if near else ""
    raise ThemeError(
        f"unknown theme '{name}'{hint}; installed themes: {', '.join(known)}; "
        "or give the path of a theme file (ending .yaml)"
    )


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


@lru_cache(maxsize=32)
def _load_cached(path: Path, stamp: int) -> Theme:
    return _load(path)


@dataclass(frozen=True)
class _Origin:
    file: str
    line: int
    column: int
    folder: Path


@dataclass
class _MergedDocument(Document):
    """A theme merged with the themes it extends; every value remembers the file it came from."""

    origins: dict[Path_, _Origin] = field(default_factory=dict)
    key_origins: dict[Path_, _Origin] = field(default_factory=dict)

    def origin(self, path: Path_, *, key: bool = False) -> _Origin:
        """Where the value (or key) at ``path`` was written, else its nearest located ancestor."""
        if key and path in self.key_origins:
            return self.key_origins[path]
        p = tuple(path)
        while p and p not in self.origins:
            p = p[:-1]
        return self.origins[p]

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        o = self.origin(path, key=key)
        return o.line, o.column

    def diagnostic(self, path: Path_, message: str, *, key: bool = False) -> Diagnostic:
        o = self.origin(path, key=key)
        return Diagnostic(o.file, o.line, o.column, message)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _read(path: Path) -> Document:
    """Read one theme file; turn the reader's errors into :class:`ThemeError`."""
    name = _display(path)
    try:
        return load_yaml(path, display=name, expect=_THEME_FILE)
    except SourceError as exc:
        raise ThemeError(str(exc), exc.diagnostics) from None


_THEME_FILE = Expect(
    "a theme needs at least name, description and 'extends: default'", "name:, description:, palette:, …"
)


def _layer(doc: Document, path: Path) -> _MergedDocument:
    folder = path.parent
    return _MergedDocument(
        doc.file,
        doc.data,
        dict(doc.positions),
        dict(doc.key_positions),
        origins={p: _Origin(doc.file, *pos, folder) for p, pos in doc.positions.items()},
        key_origins={p: _Origin(doc.file, *pos, folder) for p, pos in doc.key_positions.items()},
    )


_MISSING = object()


def _deep_merge(base: Any, over: Any, path: Path_ = ()) -> Any:
    """``over`` merged into ``base``: mappings key by key, anything else replaced (a font's files whole)."""
    if isinstance(base, dict) and isinstance(over, dict) and not _replaced_whole(path):
        out = dict(base)
        for key, value in over.items():
            out[key] = _deep_merge(base[key], value, (*path, key)) if key in base else value
        return out
    return over


def _replaced_whole(path: Path_) -> bool:
    """A family's files belong together: a child that names any replaces them all."""
    return len(path) == 3 and path[0] == "fonts" and path[2] == "files"


def _merge(base: _MergedDocument, over: _MergedDocument) -> _MergedDocument:
    """``over``'s values merged into ``base``'s; each value keeps the position of the file that set it."""
    data = _deep_merge(base.data, over.data)
    merged = _MergedDocument(over.file, data)

    def walk(node: Any, path: Path_, over_node: Any) -> None:
        src = over if over_node is not _MISSING else base
        if path in src.origins:
            merged.origins[path] = src.origins[path]
        if path in src.key_origins:
            merged.key_origins[path] = src.key_origins[path]
        if isinstance(node, dict):
            for key, value in node.items():
                sub = over_node.get(key, _MISSING) if isinstance(over_node, dict) else _MISSING
                walk(value, (*path, key), sub)
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i), value if isinstance(over_node, list) else _MISSING)

    walk(data, (), over.data)
    merged.positions = {p: (o.line, o.column) for p, o in merged.origins.items()}
    merged.key_positions = {p: (o.line, o.column) for p, o in merged.key_origins.items()}
    return merged


def _chain(path: Path) -> list[tuple[Path, Document]]:
    """The theme at ``path`` and the themes it extends, child first."""
    chain: list[tuple[Path, Document]] = []
    current = path
    while True:
        doc = _read(current)
        chain.append((current, doc))
        parent = doc.data.get("extends")
        if parent is None:
            return chain
        if not isinstance(parent, str) or not parent.strip():
            raise ThemeError(
                "invalid extends",
                [doc.diagnostic(("extends",), "extends must be a theme name or a theme file's path")],
            )
        try:
            parent_path = _locate(parent.strip(), current.parent)
        except ThemeError as exc:
            raise ThemeError(str(exc), [doc.diagnostic(("extends",), f"extends: {exc}")]) from None
        if parent_path in (p for p, _ in chain):
            cycle = " → ".join([*(p.stem for p, _ in chain), parent_path.stem])
            raise ThemeError(
                "extends loop", [doc.diagnostic(("extends",), f"extends goes round in a loop: {cycle}")]
            )
        if len(chain) >= _MAX_EXTENDS:
            raise ThemeError(
                "extends too deep",
                [doc.diagnostic(("extends",), f"more than {_MAX_EXTENDS} themes extend one another")],
            )
        current = parent_path


def _load(path: Path) -> Theme:
    chain = _chain(path)
    merged = _layer(chain[-1][1], chain[-1][0])
    for p, layer in reversed(chain[:-1]):
        merged = _merge(merged, _layer(layer, p))
    child = chain[0][1].data
    if "name" not in child:
        merged.data["name"] = path.stem
    if "description" not in child and len(chain) > 1:
        merged.data["description"] = f"Based on the {chain[1][0].stem} theme."
    files, problems = _resolve_files(merged)
    problems.extend(_families_without_files(chain))
    problems.extend(_unknown_labels(merged))
    theme = validate_document(merged, Theme, error_cls=ThemeError, extra=problems, root="the theme")
    logo = _resolve_logo(merged)
    template = _resolve_template(merged)
    fonts = sorted({f for styles in files.values() for f in styles.values()})
    extra = [f for f in (logo, template) if f is not None]
    theme._locate_files(
        dict(files),
        logo,
        template,
        (*(p for p, _ in chain), *fonts, *extra),
        tuple((p, _mtime(p)) for p, _ in chain),
    )
    return theme


def _unknown_labels(doc: Document) -> list[Diagnostic]:
    """Each label a theme gives must be one briefgen prints, with only that label's placeholders."""
    from briefgen.load.checks import label_problems

    labels = doc.data.get("labels") if isinstance(doc.data, dict) else None
    if not isinstance(labels, dict):
        return []
    return [
        d
        for language, texts in labels.items()
        if isinstance(texts, dict)
        for d in label_problems(doc, texts, ("labels", language))
    ]


def _families_without_files(chain: list[tuple[Path, Document]]) -> list[Diagnostic]:
    """A theme that renames a font family must name its files: text is measured with the files."""
    problems = []
    for (_, child), (_, parent) in zip(chain, chain[1:]):
        for role in ("heading", "body"):
            spec = _get(child.data, "fonts", role)
            inherited = _get(parent.data, "fonts", role, "family")
            if (
                isinstance(spec, dict)
                and "family" in spec
                and "files" not in spec
                and spec["family"] != inherited
            ):
                problems.append(
                    child.diagnostic(
                        ("fonts", role, "family"),
                        f"fonts.{role}.family changes the font to {spec['family']!r} but names no files;"
                        " briefgen measures text with the font files, so add files: (regular, bold, italic,"
                        " bold_italic) with TrueType files of that family",
                    )
                )
    return problems


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _font_specs(data: Any) -> Iterator[tuple[str, Path_, Any]]:
    """``(role, path, files mapping)`` of each font family in raw theme data."""
    fonts = data.get("fonts") if isinstance(data, dict) else None
    if not isinstance(fonts, dict):
        return
    for role in ("heading", "body"):
        spec = fonts.get(role)
        if isinstance(spec, dict) and isinstance(spec.get("files"), dict):
            yield role, ("fonts", role, "files"), spec["files"]
    fallback = fonts.get("fallback")
    for i, spec in enumerate(fallback if isinstance(fallback, list) else []):
        if isinstance(spec, dict) and isinstance(spec.get("files"), dict):
            yield f"fallback:{spec.get('family')}", ("fonts", "fallback", i, "files"), spec["files"]


def _resolve_files(doc: _MergedDocument) -> tuple[dict[str, dict[str, Path]], list[Diagnostic]]:
    """Find every font file the theme names; return them by role and style, and the problems."""
    out: dict[str, dict[str, Path]] = {}
    problems: list[Diagnostic] = []
    for role, at, files in _font_specs(doc.data):
        styles: dict[str, Path] = {}
        for style in _STYLES:
            rel = files.get(style)
            if not isinstance(rel, str) or not rel.strip():
                continue
            where = (*at, style)
            folder = doc.origin(where).folder
            found = _find(rel.strip(), [folder, assets_dir() / "fonts"])
            if found is None:
                problems.append(
                    doc.diagnostic(
                        where, f"font file '{rel}' not found (looked next to the theme and in assets/fonts)"
                    )
                )
                continue
            with open(found, "rb") as fh:
                magic = fh.read(4)
            if magic == b"OTTO":
                problems.append(
                    doc.diagnostic(
                        where, f"'{rel}' is a PostScript-flavoured OpenType font; use a TrueType (.ttf) file"
                    )
                )
            elif magic not in _TRUETYPE_MAGIC:
                problems.append(doc.diagnostic(where, f"'{rel}' is not a TrueType font file"))
            else:
                styles[style] = found
        out[role] = styles
    logo = doc.data.get("logo") if isinstance(doc.data, dict) else None
    if isinstance(logo, dict) and isinstance(logo.get("path"), str) and logo["path"].strip():
        where = ("logo", "path")
        rel = logo["path"].strip()
        found = _find(rel, [doc.origin(where).folder, assets_dir() / "logos"])
        if found is None:
            problems.append(
                doc.diagnostic(
                    where, f"logo file '{rel}' not found (looked next to the theme and in assets/logos)"
                )
            )
        else:
            with open(found, "rb") as fh:
                head = fh.read(8)
            if not any(head.startswith(m) for m in _IMAGE_MAGIC):
                problems.append(doc.diagnostic(where, f"logo '{rel}' is not a PNG or JPEG file"))
    return out, problems


def _resolve_logo(doc: _MergedDocument) -> Path | None:
    logo = doc.data.get("logo")
    if not isinstance(logo, dict) or not isinstance(logo.get("path"), str):
        return None
    return _find(logo["path"].strip(), [doc.origin(("logo", "path")).folder, assets_dir() / "logos"])


def _resolve_template(doc: _MergedDocument) -> Path | None:
    slide = doc.data.get("slide")
    if not isinstance(slide, dict) or not isinstance(slide.get("template"), str):
        return None
    rel = slide["template"].strip()
    found = _find(rel, [doc.origin(("slide", "template")).folder])
    if found is None:
        raise ThemeError(
            "template not found",
            [doc.diagnostic(("slide", "template"), f"template '{rel}' not found next to the theme file")],
        )
    return found


def _find(rel: str, folders: list[Path]) -> Path | None:
    candidate = Path(rel).expanduser()
    if candidate.is_absolute():
        return candidate.resolve() if candidate.is_file() else None
    for folder in folders:
        path = folder / candidate
        if path.is_file():
            return path.resolve()
    return None
