"""The deck's presentation model: a closed set of slide kinds whose every box is measured and placed.

A :class:`DeckPlan` is what :func:`briefgen.layout.deck.plan_deck` decides and what
:mod:`briefgen.render.deck` draws, element by element, without measuring anything
again. Lengths are points (72 to the inch) from the slide's top left corner;
colours are ``"#RRGGBB"``; font names are the family names the PPTX names
(``Calibri``), measured with their metric-compatible files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefgen.errors import Diagnostic, PathWarning
from briefgen.load.markup import Runs, plain_text

__all__ = [
    "Align",
    "Anchor",
    "CardsSlide",
    "ChartFrame",
    "ChartSeries",
    "ChartSlide",
    "DeckInfo",
    "DeckPlan",
    "Element",
    "FactsSlide",
    "ImageSlide",
    "Insets",
    "KeyPointSlide",
    "Para",
    "PictureFrame",
    "Rect",
    "Shape",
    "Slide",
    "TableCell",
    "TableFrame",
    "TableSlide",
    "TextBox",
    "TextSlide",
    "TitleSlide",
]

Align = Literal["left", "center", "right"]
Anchor = Literal["top", "middle", "bottom"]


@dataclass(frozen=True)
class Rect:
    """A box: left, top, width and height in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        """The right edge."""
        return self.x + self.w

    @property
    def bottom(self) -> float:
        """The bottom edge."""
        return self.y + self.h

    def inset(self, left: float, top: float, right: float, bottom: float) -> Rect:
        """The box shrunk by the given amounts on each side."""
        return Rect(self.x + left, self.y + top, self.w - left - right, self.h - top - bottom)


@dataclass(frozen=True)
class Insets:
    """The space between a text frame's edge and its text, in points."""

    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


NO_INSETS = Insets()


@dataclass(frozen=True)
class Para:
    """One paragraph, wrapped by the planner into ``lines`` lines of ``line_height`` points each.

    The runs carry their own bold and italic. A bullet
    (a character, or ``number`` for an auto-numbered
    list item) hangs in ``indent`` points to the left of the text; ``space_before`` is ignored
    (and planned as 0) on a frame's first paragraph.
    """

    runs: Runs
    font: str
    size: float
    color: str
    line_height: float
    lines: int
    align: Align = "left"
    space_before: float = 0.0
    bullet: str | None = None
    number: int | None = None
    indent: float = 0.0

    @property
    def height(self) -> float:
        """The paragraph's lines, without the space before it."""
        return self.lines * self.line_height

    @property
    def text(self) -> str:
        """The paragraph's text without styling."""
        return plain_text(self.runs)


@dataclass(frozen=True)
class TextBox:
    """A text frame: word-wrapped, with explicit insets.

    ``placeholder`` names the layout placeholder the text goes into (``title`` or
    ``subtitle``); otherwise it is a free text box. ``fill`` paints the frame.
    ``autofit`` lets a viewer shrink the text when its font overflows the frame
    (set where a substitute font would: :mod:`briefgen.layout.deck_headroom`).
    """

    name: str
    rect: Rect
    paras: tuple[Para, ...]
    insets: Insets = NO_INSETS
    anchor: Anchor = "top"
    fill: str | None = None
    placeholder: Literal["title", "subtitle"] | None = None
    autofit: bool = False

    @property
    def text_height(self) -> float:
        """The height the paragraphs take, spacing included."""
        return sum(p.height for p in self.paras) + sum(p.space_before for p in self.paras[1:])

    @property
    def text(self) -> str:
        """The frame's text, paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Shape:
    """A filled shape without text: a panel, a bar or a rule."""

    name: str
    rect: Rect
    fill: str
    kind: Literal["rect", "rounded"] = "rect"
    line: str | None = None


@dataclass(frozen=True)
class TableCell:
    """One cell of a native table."""

    paras: tuple[Para, ...]
    fill: str | None = None


@dataclass(frozen=True)
class TableFrame:
    """A native table: column widths and row heights planned, cells already wrapped.

    Each row's height holds its tallest cell (lines plus ``cell_insets``). ``header``
    says whether the first row is a header row (repeated on continuation slides).
    ``rule`` colours the horizontal lines under the rows.
    """

    name: str
    rect: Rect
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    cell_insets: Insets
    header: bool = True
    rule: str | None = None


@dataclass(frozen=True)
class ChartSeries:
    """One data series as the chart shows it."""

    name: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class ChartFrame:
    """A native chart with its data embedded, styled from the theme."""

    name: str
    rect: Rect
    kind: Literal["bar", "column", "line", "pie"]
    title: str | None
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    unit: str | None
    colors: tuple[str, ...]
    font: str
    text_color: str
    muted_color: str
    grid_color: str
    title_size: float
    label_size: float
    legend: bool
    data_labels: bool
    number_format: str  # data labels and the embedded data, a spreadsheet number format code
    alt: str
    axis: tuple[float, float, float] | None = None  # value axis: low, high, step (as the memo draws it)
    axis_format: str = "General"  # the value axis's tick labels, a spreadsheet number format code


@dataclass(frozen=True)
class PictureFrame:
    """A picture scaled into ``rect`` with its aspect ratio kept; ``alt`` becomes its description."""

    name: str
    rect: Rect
    path: str
    alt: str


Element = TextBox | Shape | TableFrame | ChartFrame | PictureFrame


@dataclass(frozen=True, kw_only=True)
class _Slide:
    """What every slide has: a unique title, its title frame, notes and the running elements."""

    title: str
    title_box: TextBox
    notes: tuple[Runs, ...] = ()
    chrome: tuple[Element, ...] = ()
    layout: Literal["title", "content"] = "content"

    def content(self) -> tuple[Element, ...]:
        """The slide's own elements in reading order (the title frame excluded)."""
        raise NotImplementedError

    def elements(self) -> tuple[Element, ...]:
        """Every element in reading order: the title first, then the content, then the running elements."""
        return (self.title_box, *self.content(), *self.chrome)


@dataclass(frozen=True, kw_only=True)
class TitleSlide(_Slide):
    """The opening slide: title, subtitle, the meeting and who prepared the brief."""

    subtitle: TextBox | None
    details: TextBox | None
    decor: tuple[Shape, ...] = ()
    logo: PictureFrame | None = None
    layout: Literal["title", "content"] = "title"

    def content(self) -> tuple[Element, ...]:
        return (
            *self.decor,
            *((self.subtitle,) if self.subtitle else ()),
            *((self.details,) if self.details else ()),
            *((self.logo,) if self.logo else ()),
        )


@dataclass(frozen=True, kw_only=True)
class TextSlide(_Slide):
    """Paragraphs, lists and quote call-outs stacked in the content area (bottom line, outlook, lists, sections)."""

    body: tuple[Element, ...]

    def content(self) -> tuple[Element, ...]:
        return self.body


@dataclass(frozen=True, kw_only=True)
class KeyPointSlide(_Slide):
    """One key point (or two short ones side by side): body text and an optional quote call-out."""

    body: tuple[Element, ...]
    callout: tuple[Element, ...] = ()

    def content(self) -> tuple[Element, ...]:
        return (*self.body, *self.callout)


@dataclass(frozen=True, kw_only=True)
class FactsSlide(_Slide):
    """The meeting's facts as a label/value table."""

    table: TableFrame

    def content(self) -> tuple[Element, ...]:
        return (self.table,)


@dataclass(frozen=True, kw_only=True)
class CardsSlide(_Slide):
    """Actor cards side by side (positions): each a panel, a header and a body."""

    cards: tuple[tuple[Element, ...], ...]

    def content(self) -> tuple[Element, ...]:
        return tuple(e for card in self.cards for e in card)


@dataclass(frozen=True, kw_only=True)
class TableSlide(_Slide):
    """A native table (or one slide's share of its rows, header repeated) and its caption.

    ``before`` and ``after`` hold a short text of the same section set above or below it.
    """

    table: TableFrame
    caption: TextBox | None = None
    before: tuple[Element, ...] = ()
    after: tuple[Element, ...] = ()

    def content(self) -> tuple[Element, ...]:
        return (*self.before, self.table, *((self.caption,) if self.caption else ()), *self.after)


@dataclass(frozen=True, kw_only=True)
class ChartSlide(_Slide):
    """A native chart with its data embedded; ``before`` holds a short text set above it."""

    chart: ChartFrame
    before: tuple[Element, ...] = ()

    def content(self) -> tuple[Element, ...]:
        return (*self.before, self.chart)


@dataclass(frozen=True, kw_only=True)
class ImageSlide(_Slide):
    """A picture scaled to fit, with its caption; ``before`` holds a short text set above it."""

    picture: PictureFrame
    caption: TextBox | None = None
    before: tuple[Element, ...] = ()

    def content(self) -> tuple[Element, ...]:
        return (*self.before, self.picture, *((self.caption,) if self.caption else ()))


Slide = (
    TitleSlide | TextSlide | KeyPointSlide | FactsSlide | CardsSlide | TableSlide | ChartSlide | ImageSlide
)


@dataclass(frozen=True)
class DeckInfo:
    """The deck's document properties."""

    title: str
    subject: str
    author: str
    keywords: str
    category: str
    language: str


@dataclass(frozen=True)
class DeckPlan:
    """The planned deck: slide size, slides in order, document properties and the planner's warnings."""

    width: float
    height: float
    slides: tuple[Slide, ...]
    info: DeckInfo
    fonts: tuple[str, ...] = ()
    warnings: tuple[Diagnostic | PathWarning, ...] = field(default=())

    @property
    def titles(self) -> tuple[str, ...]:
        """Every slide's title, in order (unique)."""
        return tuple(s.title for s in self.slides)
