"""What a theme file may say: colours, fonts, type scale and page and slide geometry, as typed records.

:class:`ThemeSpec` is a theme as its YAML chain writes it, validated; the loader
(:mod:`briefgen.theme.loading`) turns it into a :class:`briefgen.theme.model.Theme`
with its files found. Units: lengths in points (72 to the inch), font sizes in
points, line spacing a multiple of the font size, colours ``"#RRGGBB"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from briefgen.load.typed import Bounds, FieldError, Record, Rule, doc, record

__all__ = [
    "MIN_CONTRAST",
    "PAGE_SIZES",
    "TONES",
    "Banner",
    "ContrastPair",
    "FontFiles",
    "FontSpec",
    "Fonts",
    "Palette",
    "ThemeSpec",
    "contrast_ratio",
    "marking",
]

PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (595.276, 841.89), "Letter": (612.0, 792.0)}
"""Memo page sizes, width × height in points."""

TONES = ("positive", "neutral", "mixed", "cautious", "critical")
"""The reaction tones a brief may give, each with a colour in every theme."""

MIN_CONTRAST = 4.5
"""WCAG AA contrast for body text; every text/background pair of a shipped theme meets it."""


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _colour(value: Any) -> str:
    if value is None:
        raise ValueError('a colour is needed, in quotes: "#RRGGBB" (unquoted, YAML reads # as a comment)')
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        raise ValueError(f'{value!r} is not a colour; write "#RRGGBB", e.g. "#1F3864"')
    return value.strip().upper()


def _markings(value: dict[str, Banner]) -> dict[str, Banner]:
    out: dict[str, Banner] = {}
    for key, banner in value.items():
        norm = marking(key)
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


@dataclass(frozen=True, kw_only=True)  # not slotted: Theme, its subclass, caches its font families
class ThemeSpec(Record):
    """A theme as its files write it, validated (its files named, not yet found)."""

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


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2 contrast ratio of two ``#RRGGBB`` colours."""
    a, b = _luminance(foreground), _luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def marking(text: str) -> str:
    """A classification marking as the palette keys it: spaces collapsed, case folded."""
    return " ".join(text.split()).casefold()
