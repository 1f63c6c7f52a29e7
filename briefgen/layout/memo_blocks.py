"""The memo plan's blocks: what the memo prints, every paragraph already broken into lines.

Pure: no reportlab. :func:`briefgen.layout.memo_plan.plan_memo` makes these and
measures them (:func:`measure_all`) at the width each one is printed at: the text
frame's, a box's inner width, a table column's. The memo renderer draws each
block as one Platypus flowable and lets Platypus cut the measured blocks across
pages; it breaks no line and measures no text. A block's :meth:`lead` is the
smallest first piece a page can hold of it, which :class:`Keep` adds up so a
heading never ends a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo import line_chunks
from briefgen.layout.memo_chunks import Chunk, DrawnLine, chunks_of, drawn
from briefgen.layout.scripts import is_rtl_text, needs_script_layout
from briefgen.layout.text import wrap
from briefgen.load.markup import Runs, plain_text
from briefgen.load.model import Chart

if TYPE_CHECKING:
    from briefgen.render.memo_tags import Node, Tagger

__all__ = [
    "Block",
    "Box",
    "Chip",
    "Figure",
    "Grid",
    "GridCell",
    "Keep",
    "Outline",
    "Picture",
    "Rule",
    "Tag",
    "Text",
    "TextStyle",
    "chart_height",
    "measure_all",
    "styled",
]

BIG = 1e7
"""A width no line reaches."""


# ---------------------------------------------------------------------------
# Styles, outline entries and structure tags


@dataclass(frozen=True)
class TextStyle:
    """How a run of text is set: family, size, colour, line spacing; fallbacks for missing glyphs."""

    family: FontFamily
    size: float
    colour: str
    line_spacing: float
    link_colour: str
    fallbacks: Mapping[str, FontFamily] = field(default_factory=dict, compare=False)
    bold: bool = False
    italic: bool = False

    @property
    def line_height(self) -> float:
        """The distance between baselines, points."""
        return self.size * self.line_spacing

    def sized(self, size: float) -> TextStyle:
        """The same style at another size."""
        return replace(self, size=size)

    def coloured(self, hex_colour: str) -> TextStyle:
        """The same style in another colour."""
        return replace(self, colour=hex_colour)

    def family_of(self, font: str | None) -> FontFamily:
        """The family a run is drawn in: its fallback family if it names one, else the style's."""
        if font is not None and font in self.fallbacks:
            return self.fallbacks[font]
        return self.family


def styled(runs: Runs, style: TextStyle) -> Runs:
    """Apply a style's own bold/italic to every run (a heading style is bold throughout), then set
    fallback fonts for the characters its family lacks: every text the memo draws passes here."""
    if style.bold or style.italic:
        runs = tuple(
            type(r)(r.text, r.bold or style.bold, r.italic or style.italic, r.href, r.font) for r in runs
        )
    if style.fallbacks:
        runs = apply_fallback(runs, style.family, list(style.fallbacks.values()))
    return runs


@dataclass(frozen=True)
class Outline:
    """A bookmark and its outline entry, made where a heading is drawn."""

    key: str
    title: str
    level: int = 0


@dataclass(eq=False)
class Tag:
    """A structure element to be: its role, its parent's tag and attributes; ``node`` once it is drawn.

    ``repeats`` marks a table header cell: drawn again at the head of a later page,
    it is an artifact there, not a second copy of the header in the tree.
    """

    role: str
    parent: Tag | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    repeats: bool = False
    node: Node | None = None

    def resolve(self, tagger: Tagger) -> Node:
        """The tree node of this tag, made (with its parents) the first time it is asked for."""
        if self.node is None:
            parent = self.parent.resolve(tagger) if self.parent is not None else None
            self.node = tagger.node(self.role, parent, **self.attrs)
        return self.node


# ---------------------------------------------------------------------------
# Blocks


@dataclass(eq=False)
class Text:
    """A paragraph: styled runs broken into ``lines`` at its box's ``width`` less ``indent`` and ``right``.

    Optional: a hanging ``label`` (a bullet or number, ``label_width`` wide) on the
    first line at ``label_x``; ``align`` left, right or centre; a ``rule`` (colour,
    thickness, gap) under the last line; an ``outline`` entry; letter spacing.
    """

    runs: Runs
    style: TextStyle
    indent: float = 0.0
    right: float = 0.0
    align: str = "left"
    label: Runs = ()
    label_style: TextStyle | None = None
    label_x: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0
    rule: tuple[str, float, float] | None = None
    outline: Outline | None = None
    char_space: float = 0.0
    tag: Tag = field(default_factory=lambda: Tag("P"))
    label_tag: Tag | None = None
    lines: tuple[DrawnLine, ...] = ()
    label_width: float = 0.0
    label_chunks: tuple[Chunk, ...] = ()
    width: float = 0.0

    @property
    def rtl(self) -> bool:
        """A right-to-left paragraph: set from the right, its label mirrored."""
        return is_rtl_text(plain_text(self.runs))

    def measure(self, width: float) -> None:
        """Break the runs into lines for a box ``width`` wide, each with the chunks it is drawn in."""
        self.width = width
        text_w = max(1.0, width - self.indent - self.right)
        s = self.style
        para = wrap(self.runs, s.family, s.size, text_w, line_spacing=s.line_spacing, fallbacks=s.fallbacks)
        rtl = self.rtl
        self.lines = tuple(drawn(line, s, rtl) for line in para.lines) if self.runs else ()
        if self.label:
            ls = self.label_style or s
            self.label_width = sum(
                ls.family_of(r.font).face(r.bold, r.italic).advance(r.text, ls.size) for r in self.label
            )
            self.label_chunks = chunks_of(self.label, ls, rtl)

    @property
    def rule_height(self) -> float:
        return self.rule[1] + self.rule[2] if self.rule else 0.0

    @property
    def height(self) -> float:
        return len(self.lines) * self.style.line_height + self.rule_height

    def lead(self) -> float:
        n = len(self.lines)
        first = n if n < 4 else 2
        return self.space_before + first * self.style.line_height + (self.rule_height if first == n else 0)


@dataclass(eq=False)
class Chip:
    """A small rounded chip in a tone's colour with its name on it, as wide as its text (a reaction's tone)."""

    text: str
    fill: str
    ink: str
    face: FontFace
    size: float
    text_width: float
    tag: Tag = field(default_factory=lambda: Tag("P"))

    @property
    def width(self) -> float:
        return self.text_width + self.size * 1.3

    @property
    def drawn_width(self) -> float:
        """The width the PDF draws the text at (shaped for a tone named in Arabic or Thai), to centre it."""
        if needs_script_layout(self.text):
            return self.face.shaped_width(self.text, self.size, is_rtl_text(self.text))
        return self.face.drawn_width(self.text, self.size)

    @property
    def height(self) -> float:
        return self.size * 1.55


@dataclass(eq=False)
class Picture:
    """A PNG or JPEG of ``px_w`` × ``px_h`` pixels at ``dpi``, scaled to fit its width and ``max_height``.

    ``where`` is the brief's model path of the image (for a diagnostic if the file
    cannot be embedded); none for the theme's logo.
    """

    file: Path
    alt: str
    px_w: int
    px_h: int
    dpi: float
    max_height: float
    space_before: float = 0.0
    space_after: float = 0.0
    where: tuple[Any, ...] | None = None
    width: float = 0.0

    def nominal(self, width: float | None = None) -> tuple[float, float]:
        """The drawn width and height at ``width`` (default: the measured width)."""
        width = self.width if width is None else width
        w = self.px_w * 72.0 / self.dpi
        h = self.px_h * 72.0 / self.dpi
        scale = min(1.0, width / w if w else 1.0, self.max_height / h if h else 1.0)
        return w * scale, h * scale

    def measure(self, width: float) -> None:
        self.width = width

    def lead(self) -> float:
        return self.space_before + self.nominal()[1] * 0.75


def chart_height(chart: Chart, width: float) -> float:
    """The height a chart asks for at ``width``: wide and low for columns and lines, taller for many bars."""
    if chart.kind == "bar":
        rows = len(chart.categories) * max(1, len(chart.series))
        return max(150.0, min(width * 0.75, 70.0 + rows * 16.0))
    if chart.kind == "pie":
        return max(150.0, min(width * 0.42, 220.0))
    return max(160.0, min(width * 0.48, 240.0))


@dataclass(eq=False)
class Figure:
    """A chart, at most ``max_height`` tall; ``where`` is its model path (labels cut short are reported there)."""

    chart: Chart
    where: tuple[Any, ...]
    max_height: float
    space_before: float = 0.0
    space_after: float = 0.0
    width: float = 0.0

    def measure(self, width: float) -> None:
        self.width = width

    @property
    def nominal(self) -> float:
        return min(chart_height(self.chart, self.width), self.max_height)

    def lead(self) -> float:
        return self.space_before + self.nominal * 0.75


@dataclass(eq=False)
class Rule:
    """A horizontal line across the frame."""

    colour: str
    thickness: float
    space_before: float = 0.0
    space_after: float = 0.0

    def measure(self, width: float) -> None:
        pass

    def lead(self) -> float:
        return self.space_before + self.thickness


@dataclass(eq=False)
class Box:
    """Blocks in a box: optional fill, left bar, top rule and a label column (``label_width`` wide, on the left).

    ``pad`` is (top, right, bottom, left) inside the box; ``left`` indents the whole box.
    """

    children: list[Block]
    pad: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    left: float = 0.0
    fill: str | None = None
    bar: str | None = None
    bar_width: float = 3.0
    rule_top: tuple[str, float] | None = None
    label: Text | Picture | None = None
    label_width: float = 0.0
    label_gap: float = 0.0
    space_before: float = 0.0
    space_after: float = 0.0

    def inner_width(self, width: float) -> float:
        side = self.label_width + self.label_gap if self.label is not None else 0.0
        return max(1.0, width - self.left - self.pad[1] - self.pad[3] - side)

    def measure(self, width: float) -> None:
        inner = self.inner_width(width)
        for child in self.children:
            child.measure(inner)
        if self.label is not None:
            self.label.measure(self.label_width)

    @property
    def label_height(self) -> float:
        if isinstance(self.label, Text):
            return self.label.height
        if isinstance(self.label, Picture):
            return self.label.nominal()[1]
        return 0.0

    def lead(self) -> float:
        first = self.children[0].lead() if self.children else 0.0
        return self.space_before + self.pad[0] + max(first, self.label_height) + self.pad[2]


@dataclass(eq=False)
class GridCell:
    """One table cell: a paragraph, or a chip (shown on the first piece of a cut row), or nothing."""

    text: Text | None = None
    chip: Chip | None = None


@dataclass(eq=False)
class Grid:
    """A table whose rows are never taller than ``max_row_height``: taller rows continue on further rows.

    The header row (if any) repeats on every page; body rows alternate the ``zebra``
    fill with a ``rule`` between them. ``row_headers`` are the columns whose body
    cells head their row. Measured, ``pieces`` holds each logical row's line ranges
    and ``heights`` each platypus row's height, header first.
    """

    header: list[GridCell] | None
    rows: list[list[GridCell]]
    widths: list[float]
    max_row_height: float
    header_fill: str | None
    zebra: str | None
    rule: str | None
    pad: tuple[float, float] = (5.0, 3.5)
    header_rule: str | None = None
    space_before: float = 0.0
    space_after: float = 0.0
    row_headers: frozenset[int] = frozenset()
    tag: Tag = field(default_factory=lambda: Tag("Table"))
    pieces: list[list[tuple[int, int]]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        """Give each cell its structure tag: TH (with scope) or TD, in a TR of the table."""
        for i, cells in enumerate(([self.header] if self.header else []) + self.rows):
            is_header = self.header is not None and i == 0
            row_tag = Tag("TR", self.tag)
            for j, c in enumerate(cells):
                if is_header:
                    cell_tag = Tag("TH", row_tag, {"scope": "Column"}, repeats=True)
                elif j in self.row_headers:
                    cell_tag = Tag("TH", row_tag, {"scope": "Row"})
                else:
                    cell_tag = Tag("TD", row_tag)
                if c.text is not None:
                    c.text.tag = cell_tag
                elif c.chip is not None:
                    c.chip.tag = cell_tag

    @property
    def inner(self) -> list[float]:
        return [max(1.0, w - 2 * self.pad[0]) for w in self.widths]

    @property
    def repeat(self) -> int:
        """How many platypus rows the header takes."""
        return len(self.pieces[0]) if self.header and self.pieces else 0

    def measure(self, width: float) -> None:
        pad_y = self.pad[1]
        self.pieces, self.heights = [], []
        for cells in ([self.header] if self.header else []) + self.rows:
            for c, w in zip(cells, self.inner, strict=True):
                if c.text is not None:
                    c.text.measure(w)
            texts = [c.text for c in cells if c.text is not None]
            lh = max((t.style.line_height for t in texts), default=12.0)
            chip_h = max((c.chip.height for c in cells if c.chip is not None), default=0.0)
            per_chunk = max(1, int((self.max_row_height - 2 * pad_y) // lh))
            counts = [len(c.text.lines) if c.text is not None else 0 for c in cells]
            chunks = line_chunks(counts, per_chunk)
            self.pieces.append(chunks)
            for k, (a, b) in enumerate(chunks):
                most = max((len(c.text.lines[a:b]) for c in cells if c.text is not None), default=0)
                self.heights.append(max(most * lh, chip_h if k == 0 else 0.0) + 2 * pad_y)

    @property
    def _want(self) -> int:
        return min(2, len(self.heights) - self.repeat)

    def lead(self) -> float:
        return self.space_before + sum(self.heights[: self.repeat + self._want])

    @property
    def orphans(self) -> int:
        """How many body rows a page must show under the header before the table may break (0: any)."""
        body, want = len(self.heights) - self.repeat, self._want
        if body > want and sum(self.heights[: self.repeat + want]) <= self.max_row_height * 0.5:
            return want
        return 0


@dataclass(eq=False)
class Keep:
    """Room the page must have for ``first`` (a heading) and the first lines of what follows it, or a new page.

    At most ``cap`` (a share of the frame); what it keeps together are the blocks
    after it in the plan, measured with them.
    """

    first: Block
    following: tuple[Block, ...]
    cap: float

    @property
    def need(self) -> float:
        need = self.first.lead()
        before = self.first
        for block in self.following:
            need += before.space_after + block.lead()
            before = block
        return min(need, self.cap)

    def measure(self, width: float) -> None:
        pass

    space_after = 0.0

    def lead(self) -> float:
        return 0.0


Block = Text | Box | Grid | Picture | Figure | Rule | Keep
"""Any block of the memo's story."""


def measure_all(blocks: Sequence[Block], width: float) -> None:
    """Measure a story's blocks at the text frame's width."""
    for block in blocks:
        block.measure(width)
