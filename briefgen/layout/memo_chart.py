"""Charts for the memo, laid out: a brief's ``chart`` block as shapes and labels placed in a box, in the theme's look.

Bar, column, line and pie charts with a title, the unit, value-axis ticks from
:func:`briefgen.layout.values.chart_numbers` (the deck's axis and number formats come
from there too), a legend when there are several series and data labels when there
are few points. Labels are wrapped with the text engine and measured as the PDF
draws them (:meth:`~briefgen.fonts.FontFace.drawn_width`, or shaped for Arabic,
Thai, Khmer…); characters the family lacks are set in the first fallback family that
has them. The result, a :class:`ChartPlan`, is drawn by
:mod:`briefgen.render.memo_chart` without measuring anything. A chart is laid out
for the box the page gives it (it may shrink to 75 % to stay on a page), so the
renderer asks for the plan when it knows that box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.memo_blocks import TextStyle
from briefgen.layout.memo_chunks import chunks_of
from briefgen.layout.text import wrap
from briefgen.layout.values import AxisScale, ChartNumbers, chart_colours, chart_numbers
from briefgen.load.markup import Run, parse_inline, plain_text, strip_markup
from briefgen.load.model import Chart

if TYPE_CHECKING:
    from briefgen.theme import Theme

__all__ = [
    "ChartLook",
    "ChartNotes",
    "ChartPlan",
    "Dot",
    "Fill",
    "Label",
    "LabelPiece",
    "Slice",
    "Stroke",
    "plan_chart",
]

_FEW_POINTS = 12  # data labels when a chart shows at most this many values


@dataclass(frozen=True)
class ChartLook:
    """What a chart is drawn with: the theme's colours, its font family (and fallbacks) and sizes."""

    series: tuple[str, ...]
    text: str
    muted: str
    grid: str
    axis: str
    background: str
    family: FontFamily
    fallbacks: tuple[FontFamily, ...]
    size: float
    title_size: float

    @classmethod
    def of(cls, theme: Theme, *, size: float, title_size: float) -> ChartLook:
        """The look of ``theme``'s charts."""
        p = theme.palette
        return cls(
            series=chart_colours(p),
            text=p.text,
            muted=p.muted,
            grid=p.rule,
            axis=p.muted,
            background=p.background,
            family=theme.body_family,
            fallbacks=theme.fallback_families,
            size=size,
            title_size=title_size,
        )

    def style(self, size: float) -> TextStyle:
        """How a label at ``size`` is set: the family, its fallbacks by name, as the memo's paragraphs."""
        return TextStyle(self.family, size, self.text, 1.2, self.text, {f.name: f for f in self.fallbacks})

    def width(self, text: str, size: float) -> float:
        """``text`` in the regular face at ``size``, as the PDF draws it."""
        return self.family.regular.drawn_width(text, size)


@dataclass(frozen=True, slots=True)
class Fill:
    """A filled rectangle (no outline)."""

    x: float
    y: float
    w: float
    h: float
    colour: str


@dataclass(frozen=True, slots=True)
class Stroke:
    """A line through ``points`` (x0, y0, x1, y1, …); ``rounded`` joins and caps for a series' line."""

    points: tuple[float, ...]
    colour: str
    width: float
    rounded: bool = False


@dataclass(frozen=True, slots=True)
class Dot:
    """A point of a line series: a filled circle with a ring in the background's colour."""

    cx: float
    cy: float
    r: float
    fill: str
    ring: str
    ring_width: float


@dataclass(frozen=True, slots=True)
class Slice:
    """A slice of a ring (a doughnut's wedge), from ``start`` to ``end`` degrees anticlockwise from 3 o'clock."""

    cx: float
    cy: float
    r: float
    inner: float
    start: float
    end: float
    fill: str
    ring: str
    ring_width: float


@dataclass(frozen=True, slots=True)
class LabelPiece:
    """One piece of a label, placed: its text in ``face``, from ``x``; ``shaped`` pieces are drawn as HarfBuzz glyphs."""

    text: str
    face: FontFace
    x: float
    shaped: bool = False
    rtl: bool = False


@dataclass(frozen=True, slots=True)
class Label:
    """A one-line label on baseline ``y``: its pieces left to right, already placed (anchors resolved)."""

    y: float
    pieces: tuple[LabelPiece, ...]
    size: float
    colour: str

    @property
    def text(self) -> str:
        """The label's text in drawing order."""
        return "".join(p.text for p in self.pieces)


Shape = Fill | Stroke | Dot | Slice | Label


@dataclass
class ChartPlan:
    """A chart laid out in a ``width`` × ``height`` box: its shapes, drawn in order."""

    width: float
    height: float
    face: FontFace
    """The regular face and size a label uses unless it says otherwise."""
    size: float
    shapes: list[Shape] = field(default_factory=list)

    def add(self, shape: Shape) -> None:
        self.shapes.append(shape)

    @property
    def labels(self) -> list[Label]:
        return [s for s in self.shapes if isinstance(s, Label)]


@dataclass
class ChartNotes:
    """What laying out a chart had to leave out (labels cut short), to report as warnings."""

    cut: list[str] = field(default_factory=list)


def _lines(text: str, look: ChartLook, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` (markup removed) wrapped at ``width`` with the layout engine."""
    runs = tuple(Run(r.text, bold or r.bold, r.italic) for r in parse_inline(text))
    para = wrap(runs, look.family, size, max(width, 1.0))
    return [plain_text(line.runs) for line in para.lines]


def _label(
    x: float,
    y: float,
    text: str,
    look: ChartLook,
    size: float,
    *,
    colour: str | None = None,
    anchor: str = "start",
    bold: bool = False,
) -> Label:
    """One label, placed by its ``anchor`` (start, middle or end at ``x``)."""
    style = look.style(size)
    chunks = chunks_of(apply_fallback((Run(text, bold),), look.family, look.fallbacks), style)
    total = sum(c.width for c in chunks)
    start = x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
    pieces = []
    for c in chunks:  # in drawing order, each as wide as the PDF draws it (Arabic, Thai… shaped)
        face = style.family_of(c.run.font).face(c.run.bold, c.run.italic)
        pieces.append(LabelPiece(c.text, face, start, c.shaped, c.rtl))
        start += c.width
    return Label(y, tuple(pieces), size, colour or look.text)


def _cut(lines: list[str], keep: int, notes: ChartNotes, label: str) -> list[str]:
    """The first ``keep`` lines of a wrapped label, the last ending in an ellipsis when lines were dropped."""
    if len(lines) <= keep:
        return lines
    notes.cut.append(label)
    kept = lines[:keep]
    kept[-1] = kept[-1].rstrip() + "…"
    return kept


@dataclass
class _Frame:
    """The plot's box inside the drawing, filled in as title, legend and axes take their room."""

    left: float
    bottom: float
    right: float
    top: float


def plan_chart(
    chart: Chart, width: float, height: float, look: ChartLook, notes: ChartNotes | None = None
) -> ChartPlan:
    """``chart`` laid out in a ``width`` × ``height`` box; labels cut short are listed in ``notes``."""
    notes = notes if notes is not None else ChartNotes()
    d = ChartPlan(width, height, look.family.regular, look.size)
    box = _Frame(0.0, 0.0, width, height)
    _title(d, chart, box, look)
    if chart.kind == "pie":
        _pie(d, chart, box, look)
        return d
    names = [strip_markup(s.name) for s in chart.series]
    if len(chart.series) > 1:
        _legend(d, names, look.series, box, look)
    if chart.kind == "bar":
        _bar(d, chart, box, look, notes)
    else:
        _columns_or_line(d, chart, box, look, notes)
    return d


def _title(d: ChartPlan, chart: Chart, box: _Frame, look: ChartLook) -> None:
    y = box.top
    if chart.title:
        for line in _lines(chart.title, look, look.title_size, box.right - box.left, bold=True):
            y -= look.title_size * 1.2
            d.add(_label(box.left, y + look.title_size * 0.22, line, look, look.title_size, bold=True))
    if chart.kind == "pie":
        y -= look.size * 1.35
        d.add(_label(box.left, y + look.size * 0.25, _caption(chart), look, look.size, colour=look.muted))
    box.top = y - (6 if y < box.top else 0)


def _legend(d: ChartPlan, names: Sequence[str], colours: Sequence[str], box: _Frame, look: ChartLook) -> None:
    size = look.size
    swatch, gap, row_h = size * 0.85, size * 1.4, size * 1.45
    x, y = box.left, box.top - row_h
    for name, colour in zip(names, colours, strict=False):
        w = swatch + 4 + look.width(name, size)
        if x > box.left and x + w > box.right:
            x, y = box.left, y - row_h
        d.add(Fill(x, y + size * 0.05, swatch, swatch, colour))
        d.add(_label(x + swatch + 4, y + size * 0.1, name, look, size))
        x += w + gap
    box.top = y - size * 0.9


def _caption(chart: Chart) -> str:
    """What the value axis measures: the unit, with the series' name when there is only one."""
    unit = strip_markup(chart.unit) if chart.unit else ""
    if len(chart.series) == 1:
        name = strip_markup(chart.series[0].name)
        return f"{name} ({unit})" if unit else name
    return unit


def _values(chart: Chart) -> list[float]:
    return [v for s in chart.series for v in s.values]


def _axis(chart: Chart) -> tuple[ChartNumbers, AxisScale]:
    """The numbers of a chart with a value axis (any kind but pie), and that axis."""
    numbers = chart_numbers(chart)
    assert numbers.scale is not None
    return numbers, numbers.scale


@dataclass(frozen=True)
class _Plot:
    """A column or line chart's plot area once its axes are drawn: where categories and values go."""

    left: float
    bottom: float
    top: float
    group_w: float
    low: float
    span: float
    few: bool  # few enough points to label each with its value
    label_size: float

    def y_of(self, v: float) -> float:
        return self.bottom + (v - self.low) / self.span * (self.top - self.bottom)

    def centre(self, i: int) -> float:
        return self.left + self.group_w * (i + 0.5)


def _columns_or_line(d: ChartPlan, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> None:
    numbers = _axis(chart)[0]
    plot = _axes(d, chart, box, look, notes)
    if chart.kind == "column":
        _columns(d, chart, plot, look, numbers)
    else:
        _line_series(d, chart, plot, look, numbers)


def _axes(d: ChartPlan, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> _Plot:
    """Draw the unit caption, value grid and category labels; return the plot area inside them."""
    size = look.size
    values = _values(chart)
    numbers, scale = _axis(chart)
    ticks, labels = scale.ticks, numbers.tick_labels
    unit = _caption(chart)
    if unit:
        d.add(_label(box.left, box.top - size, unit, look, size, colour=look.muted))
        box.top -= size * 1.6
    axis_w = max(look.width(t, size) for t in labels) + 6
    plot_left, plot_right = box.left + axis_w, box.right - 2
    group_w = (plot_right - plot_left) / len(chart.categories)
    cat_lines = [_lines(c, look, size, group_w - 4) for c in chart.categories]
    max_lines = max(1, min(3, max(len(ls) for ls in cat_lines)))
    few = len(values) <= _FEW_POINTS
    plot = _Plot(
        left=plot_left,
        bottom=box.bottom + max_lines * size * 1.2 + 5,
        top=box.top - (size * 1.2 if few else 2),
        group_w=group_w,
        low=scale.low,
        span=scale.high - scale.low,
        few=few,
        label_size=size * 0.92,
    )
    for t, text in zip(ticks, labels, strict=True):
        y = plot.y_of(t)
        colour = look.axis if t == 0 else look.grid
        d.add(Stroke((plot_left, y, plot_right, y), colour, 0.8 if t == 0 else 0.4))
        d.add(_label(plot_left - 5, y - size * 0.33, text, look, size, colour=look.muted, anchor="end"))
    for i, ls in enumerate(cat_lines):
        for k, line in enumerate(_cut(ls, max_lines, notes, chart.categories[i])):
            y = plot.bottom - 4 - size * (0.9 + 1.2 * k)
            d.add(_label(plot.centre(i), y, line, look, size, anchor="middle"))
    return plot


def _columns(d: ChartPlan, chart: Chart, plot: _Plot, look: ChartLook, numbers: ChartNumbers) -> None:
    """Side-by-side columns per category, each labelled with its value when there are few."""
    label_size = plot.label_size
    bar_w = plot.group_w * 0.72 / len(chart.series)
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        for i, v in enumerate(series.values):
            x = plot.left + plot.group_w * i + plot.group_w * 0.14 + bar_w * j
            y0, y1 = plot.y_of(0), plot.y_of(v)
            d.add(Fill(x + 0.6, min(y0, y1), bar_w - 1.2, abs(y1 - y0), colour))
            if plot.few:
                ly = y1 + 2.5 if v >= 0 else y1 - label_size - 1
                d.add(_label(x + bar_w / 2, ly, numbers.label(v), look, label_size, anchor="middle"))


def _line_series(d: ChartPlan, chart: Chart, plot: _Plot, look: ChartLook, numbers: ChartNumbers) -> None:
    """One line per series through a point per category; with few points, each labelled (top one above)."""
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        pts: list[float] = []
        for i, v in enumerate(series.values):
            pts += [plot.centre(i), plot.y_of(v)]
        if len(series.values) > 1:
            d.add(Stroke(tuple(pts), colour, 1.8, rounded=True))
        for i in range(len(series.values)):
            d.add(Dot(pts[2 * i], pts[2 * i + 1], 2.6, colour, look.background, 0.8))
    if not plot.few:
        return
    for i in range(len(chart.categories)):
        order = sorted(range(len(chart.series)), key=lambda j: -chart.series[j].values[i])
        for rank, j in enumerate(order):
            v = chart.series[j].values[i]
            y = plot.y_of(v)
            ly = y + 5 if rank == 0 else y - plot.label_size - 4
            colour = look.series[j % len(look.series)]
            d.add(
                _label(
                    plot.centre(i),
                    ly,
                    numbers.label(v),
                    look,
                    plot.label_size,
                    anchor="middle",
                    colour=colour,
                )
            )


def _bar(d: ChartPlan, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> None:
    size = look.size
    values = _values(chart)
    numbers, scale = _axis(chart)
    ticks, labels = scale.ticks, numbers.tick_labels
    unit = _caption(chart)
    label_w = (box.right - box.left) * 0.3
    cat_lines = [_lines(c, look, size, label_w - 8) for c in chart.categories]
    used = max(max((look.width(x, size) for ls in cat_lines for x in ls), default=0) + 8, 24)
    plot_left = box.left + min(label_w, used)
    few = len(values) <= _FEW_POINTS
    value_room = max(look.width(numbers.label(v), size) for v in values) + 6 if few else 4
    plot_right = box.right - value_room
    plot_bottom = box.bottom + size * 1.3 + 4 + (size * 1.3 if unit else 0)
    plot_top = box.top - 2
    span = scale.high - scale.low

    def x_of(v: float) -> float:
        return plot_left + (v - scale.low) / span * (plot_right - plot_left)

    for t, text in zip(ticks, labels, strict=True):
        x = x_of(t)
        colour = look.axis if t == 0 else look.grid
        d.add(Stroke((x, plot_bottom, x, plot_top), colour, 0.8 if t == 0 else 0.4))
        d.add(_label(x, plot_bottom - size * 1.2, text, look, size, colour=look.muted, anchor="middle"))
    if unit:
        d.add(_label(plot_right, box.bottom + 2, unit, look, size, colour=look.muted, anchor="end"))
    n, m = len(chart.categories), len(chart.series)
    group_h = (plot_top - plot_bottom) / n
    bar_h = group_h * 0.72 / m
    for i, ls in enumerate(cat_lines):
        cy = plot_top - group_h * (i + 0.5)
        shown = _cut(ls, max(1, int(group_h // (size * 1.15))), notes, chart.categories[i])
        first = cy + (len(shown) - 1) * size * 0.6 - size * 0.33
        for k, line in enumerate(shown):
            d.add(_label(plot_left - 6, first - k * size * 1.2, line, look, size, anchor="end"))
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        for i, v in enumerate(series.values):
            y = plot_top - group_h * i - group_h * 0.14 - bar_h * (j + 1)
            x0, x1 = x_of(0), x_of(v)
            d.add(Fill(min(x0, x1), y + 0.6, abs(x1 - x0), bar_h - 1.2, colour))
            if few:
                text = numbers.label(v)
                lx, anchor = (x1 + 3, "start") if v >= 0 else (x1 - 3, "end")
                d.add(_label(lx, y + bar_h / 2 - size * 0.33, text, look, size * 0.92, anchor=anchor))


def _pie(d: ChartPlan, chart: Chart, box: _Frame, look: ChartLook) -> None:
    size = look.size
    series = chart.series[0]
    values = [max(0.0, v) for v in series.values]
    total = sum(values)
    height = box.top - box.bottom
    radius = max(20.0, min(height / 2 - 4, (box.right - box.left) * 0.2))
    cx, cy = box.left + radius + 4, box.bottom + height / 2
    colours = [look.series[i % len(look.series)] for i in range(len(values))]
    angle = 90.0
    numbers = chart_numbers(chart)
    for i, v in enumerate(values):
        if total <= 0 or v <= 0:
            continue
        sweep = 360.0 * v / total
        d.add(Slice(cx, cy, radius, radius * 0.52, angle - sweep, angle, colours[i], look.background, 1.2))
        angle -= sweep
    if total > 0:
        d.add(
            _label(
                cx,
                cy - size * 0.35,
                numbers.label(total),
                look,
                size * 1.25,
                bold=True,
                anchor="middle",
            )
        )
    # legend: swatch, category, value and share
    x0 = cx + radius + 22
    right = min(box.right, x0 + 300)  # a compact legend: names, then values and shares close by
    row_h = size * 1.5
    lines_per = [_lines(c, look, size, right - x0 - 16 - 90) for c in chart.categories]
    needed = sum(max(1, len(ls)) for ls in lines_per) * row_h
    y = cy + min(needed, height) / 2 - row_h * 0.75
    for i, (ls, v) in enumerate(zip(lines_per, series.values, strict=True)):
        share = f"{v / total * 100:.0f}%" if total > 0 else ""
        d.add(Fill(x0, y - 1, size * 0.9, size * 0.9, colours[i]))
        for k, line in enumerate(ls or [""]):
            d.add(_label(x0 + size * 0.9 + 6, y - k * row_h * 0.8, line, look, size))
        d.add(_label(right - 44, y, numbers.label(v), look, size, anchor="end", bold=True))
        d.add(_label(right, y, share, look, size, anchor="end", colour=look.muted))
        y -= row_h * max(1, len(ls)) * (0.8 if len(ls) > 1 else 1.0)
