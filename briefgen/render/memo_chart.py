"""Charts for the memo: a brief's ``chart`` block drawn as vector shapes (reportlab.graphics) in the theme's look.

Bar, column, line and pie charts with a title, the unit, value-axis ticks from
:func:`briefgen.layout.values.chart_numbers` (the deck's axis and number formats come
from there too), a legend when there are several series and
data labels when there are few points. Every string is drawn in the theme's
embedded fonts (never ReportLab's default Helvetica); labels are wrapped with the
layout engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String, Wedge
from reportlab.lib.colors import Color, HexColor

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.glyphs import apply_fallback
from briefgen.layout.scripts import is_rtl_text, needs_script_layout
from briefgen.layout.text import wrap
from briefgen.layout.values import AxisScale, ChartNumbers, chart_colours, chart_numbers
from briefgen.load.markup import Run, Runs, parse_inline, plain_text, strip_markup
from briefgen.load.model import Chart
from briefgen.render.memo_script import shape, shaped_width, visual_pieces

if TYPE_CHECKING:
    from briefgen.theme import Theme

__all__ = ["ChartLook", "ChartNotes", "chart_drawing"]

_FEW_POINTS = 12  # data labels when a chart shows at most this many values


@dataclass(frozen=True)
class ChartLook:
    """What a chart is drawn with: the theme's colours, its font family (and fallbacks) and their ReportLab names."""

    series: tuple[str, ...]
    text: str
    muted: str
    grid: str
    axis: str
    background: str
    family: FontFamily
    fallbacks: tuple[FontFamily, ...]
    name_of: Callable[[FontFace], str]
    size: float
    title_size: float
    width_of: Callable[[str, str, float], float]

    @classmethod
    def of(
        cls, theme: Theme, name_of: Callable[[FontFace], str], *, size: float, title_size: float
    ) -> ChartLook:
        """The look of ``theme``'s charts, its fonts named by ``name_of`` (a FontBook's) and measured by ReportLab."""
        from reportlab.pdfbase import pdfmetrics

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
            name_of=name_of,
            size=size,
            title_size=title_size,
            width_of=pdfmetrics.stringWidth,
        )

    @property
    def font(self) -> str:
        """The ReportLab name of the regular face."""
        return self.name_of(self.family.regular)

    @property
    def bold(self) -> str:
        """The ReportLab name of the bold face."""
        return self.name_of(self.family.face(True, False))


@dataclass
class ChartNotes:
    """What drawing a chart had to leave out (labels cut short), to report as warnings."""

    cut: list[str] = field(default_factory=list)


def _c(hex_colour: str) -> Color:
    return HexColor(hex_colour)


def _lines(text: str, look: ChartLook, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` (markup removed) wrapped at ``width`` with the layout engine."""
    runs = tuple(Run(r.text, bold or r.bold, r.italic) for r in parse_inline(text))
    para = wrap(runs, look.family, size, max(width, 1.0))
    return [plain_text(line.runs) for line in para.lines]


def _string(
    x: float,
    y: float,
    text: str,
    look: ChartLook,
    size: float,
    *,
    colour: str | None = None,
    anchor: str = "start",
    bold: bool = False,
) -> String | Group:
    """One label; characters the family lacks are drawn in the first fallback family that has them."""
    fill = _c(colour or look.text)
    runs = apply_fallback((Run(text, bold),), look.family, look.fallbacks)
    if needs_script_layout(text) or is_rtl_text(text):
        return _script_label(look, x, y, runs, size, fill, anchor, bold)
    if len(runs) <= 1 and all(r.font is None for r in runs):
        return String(
            x,
            y,
            text,
            fontName=look.bold if bold else look.font,
            fontSize=size,
            fillColor=fill,
            textAnchor=anchor,
        )
    by_name = {f.name: f for f in look.fallbacks}
    pieces = [(r.text, look.name_of(by_name.get(r.font or "", look.family).face(bold, False))) for r in runs]
    widths = [look.width_of(t, n, size) for t, n in pieces]
    total = sum(widths)
    start = x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
    group = Group()
    for (piece, name), w in zip(pieces, widths, strict=True):
        group.add(String(start, y, piece, fontName=name, fontSize=size, fillColor=fill))
        start += w
    return group


def _script_label(
    look: ChartLook, x: float, y: float, runs: Runs, size: float, fill: Any, anchor: str, bold: bool
) -> Group:
    """A label in Arabic, Hebrew, Thai, Khmer…: its pieces in bidi order, each shaped by HarfBuzz."""
    by_name = {f.name: f for f in look.fallbacks}
    pieces: list[tuple[str, str, float]] = []
    for piece in visual_pieces(runs, is_rtl_text(plain_text(runs))):
        name = look.name_of(by_name.get(piece.run.font or "", look.family).face(bold, False))
        if piece.rtl or needs_script_layout(piece.text):
            glyphs = shape(piece.text, name, size, piece.rtl)
            pieces.append((glyphs, name, shaped_width(glyphs, size)))
        else:
            pieces.append((piece.text, name, look.width_of(piece.text, name, size)))
    total = sum(w for _, _, w in pieces)
    start = x - total if anchor == "end" else x - total / 2 if anchor == "middle" else x
    group = Group()
    for piece_text, name, w in pieces:
        group.add(String(start, y, piece_text, fontName=name, fontSize=size, fillColor=fill))
        start += w
    return group


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


def chart_drawing(
    chart: Chart, width: float, height: float, look: ChartLook, notes: ChartNotes | None = None
) -> Drawing:
    """Return ``chart`` drawn in a ``width`` × ``height`` box; labels cut short are listed in ``notes``."""
    notes = notes if notes is not None else ChartNotes()
    d = Drawing(width, height, initialFontName=look.font, initialFontSize=look.size)
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


def _title(d: Drawing, chart: Chart, box: _Frame, look: ChartLook) -> None:
    y = box.top
    if chart.title:
        for line in _lines(chart.title, look, look.title_size, box.right - box.left, bold=True):
            y -= look.title_size * 1.2
            d.add(_string(box.left, y + look.title_size * 0.22, line, look, look.title_size, bold=True))
    if chart.kind == "pie":
        y -= look.size * 1.35
        d.add(_string(box.left, y + look.size * 0.25, _caption(chart), look, look.size, colour=look.muted))
    box.top = y - (6 if y < box.top else 0)


def _legend(d: Drawing, names: Sequence[str], colours: Sequence[str], box: _Frame, look: ChartLook) -> None:
    size = look.size
    swatch, gap, row_h = size * 0.85, size * 1.4, size * 1.45
    x, y = box.left, box.top - row_h
    for name, colour in zip(names, colours, strict=False):
        w = swatch + 4 + look.width_of(name, look.font, size)
        if x > box.left and x + w > box.right:
            x, y = box.left, y - row_h
        d.add(Rect(x, y + size * 0.05, swatch, swatch, fillColor=_c(colour), strokeColor=None))
        d.add(_string(x + swatch + 4, y + size * 0.1, name, look, size))
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


def _columns_or_line(d: Drawing, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> None:
    numbers = _axis(chart)[0]
    plot = _axes(d, chart, box, look, notes)
    if chart.kind == "column":
        _columns(d, chart, plot, look, numbers)
    else:
        _line_series(d, chart, plot, look, numbers)


def _axes(d: Drawing, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> _Plot:
    """Draw the unit caption, value grid and category labels; return the plot area inside them."""
    size = look.size
    values = _values(chart)
    numbers, scale = _axis(chart)
    ticks, labels = scale.ticks, numbers.tick_labels
    unit = _caption(chart)
    if unit:
        d.add(_string(box.left, box.top - size, unit, look, size, colour=look.muted))
        box.top -= size * 1.6
    axis_w = max(look.width_of(t, look.font, size) for t in labels) + 6
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
        d.add(Line(plot_left, y, plot_right, y, strokeColor=_c(colour), strokeWidth=0.8 if t == 0 else 0.4))
        d.add(_string(plot_left - 5, y - size * 0.33, text, look, size, colour=look.muted, anchor="end"))
    for i, ls in enumerate(cat_lines):
        for k, line in enumerate(_cut(ls, max_lines, notes, chart.categories[i])):
            y = plot.bottom - 4 - size * (0.9 + 1.2 * k)
            d.add(_string(plot.centre(i), y, line, look, size, anchor="middle"))
    return plot


def _columns(d: Drawing, chart: Chart, plot: _Plot, look: ChartLook, numbers: ChartNumbers) -> None:
    """Side-by-side columns per category, each labelled with its value when there are few."""
    label_size = plot.label_size
    bar_w = plot.group_w * 0.72 / len(chart.series)
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        for i, v in enumerate(series.values):
            x = plot.left + plot.group_w * i + plot.group_w * 0.14 + bar_w * j
            y0, y1 = plot.y_of(0), plot.y_of(v)
            d.add(
                Rect(x + 0.6, min(y0, y1), bar_w - 1.2, abs(y1 - y0), fillColor=_c(colour), strokeColor=None)
            )
            if plot.few:
                ly = y1 + 2.5 if v >= 0 else y1 - label_size - 1
                d.add(_string(x + bar_w / 2, ly, numbers.label(v), look, label_size, anchor="middle"))


def _line_series(d: Drawing, chart: Chart, plot: _Plot, look: ChartLook, numbers: ChartNumbers) -> None:
    """One line per series through a point per category; with few points, each labelled (top one above)."""
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        pts: list[float] = []
        for i, v in enumerate(series.values):
            pts += [plot.centre(i), plot.y_of(v)]
        if len(series.values) > 1:
            d.add(PolyLine(pts, strokeColor=_c(colour), strokeWidth=1.8, strokeLineJoin=1, strokeLineCap=1))
        for i in range(len(series.values)):
            d.add(
                Circle(
                    pts[2 * i],
                    pts[2 * i + 1],
                    2.6,
                    fillColor=_c(colour),
                    strokeColor=_c(look.background),
                    strokeWidth=0.8,
                )
            )
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
                _string(
                    plot.centre(i),
                    ly,
                    numbers.label(v),
                    look,
                    plot.label_size,
                    anchor="middle",
                    colour=colour,
                )
            )


def _bar(d: Drawing, chart: Chart, box: _Frame, look: ChartLook, notes: ChartNotes) -> None:
    size = look.size
    values = _values(chart)
    numbers, scale = _axis(chart)
    ticks, labels = scale.ticks, numbers.tick_labels
    unit = _caption(chart)
    label_w = (box.right - box.left) * 0.3
    cat_lines = [_lines(c, look, size, label_w - 8) for c in chart.categories]
    used = max(max((look.width_of(x, look.font, size) for ls in cat_lines for x in ls), default=0) + 8, 24)
    plot_left = box.left + min(label_w, used)
    few = len(values) <= _FEW_POINTS
    value_room = max(look.width_of(numbers.label(v), look.font, size) for v in values) + 6 if few else 4
    plot_right = box.right - value_room
    plot_bottom = box.bottom + size * 1.3 + 4 + (size * 1.3 if unit else 0)
    plot_top = box.top - 2
    span = scale.high - scale.low

    def x_of(v: float) -> float:
        return plot_left + (v - scale.low) / span * (plot_right - plot_left)

    for t, text in zip(ticks, labels, strict=True):
        x = x_of(t)
        colour = look.axis if t == 0 else look.grid
        d.add(Line(x, plot_bottom, x, plot_top, strokeColor=_c(colour), strokeWidth=0.8 if t == 0 else 0.4))
        d.add(_string(x, plot_bottom - size * 1.2, text, look, size, colour=look.muted, anchor="middle"))
    if unit:
        d.add(_string(plot_right, box.bottom + 2, unit, look, size, colour=look.muted, anchor="end"))
    n, m = len(chart.categories), len(chart.series)
    group_h = (plot_top - plot_bottom) / n
    bar_h = group_h * 0.72 / m
    for i, ls in enumerate(cat_lines):
        cy = plot_top - group_h * (i + 0.5)
        shown = _cut(ls, max(1, int(group_h // (size * 1.15))), notes, chart.categories[i])
        first = cy + (len(shown) - 1) * size * 0.6 - size * 0.33
        for k, line in enumerate(shown):
            d.add(_string(plot_left - 6, first - k * size * 1.2, line, look, size, anchor="end"))
    group = Group()
    for j, series in enumerate(chart.series):
        colour = look.series[j % len(look.series)]
        for i, v in enumerate(series.values):
            y = plot_top - group_h * i - group_h * 0.14 - bar_h * (j + 1)
            x0, x1 = x_of(0), x_of(v)
            group.add(
                Rect(min(x0, x1), y + 0.6, abs(x1 - x0), bar_h - 1.2, fillColor=_c(colour), strokeColor=None)
            )
            if few:
                text = numbers.label(v)
                lx, anchor = (x1 + 3, "start") if v >= 0 else (x1 - 3, "end")
                group.add(_string(lx, y + bar_h / 2 - size * 0.33, text, look, size * 0.92, anchor=anchor))
    d.add(group)


def _pie(d: Drawing, chart: Chart, box: _Frame, look: ChartLook) -> None:
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
        wedge = Wedge(
            cx,
            cy,
            radius,
            angle - sweep,
            angle,
            fillColor=_c(colours[i]),
            strokeColor=_c(look.background),
            strokeWidth=1.2,
        )
        wedge.radius1 = radius * 0.52
        d.add(wedge)
        angle -= sweep
    if total > 0:
        d.add(
            _string(
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
        d.add(Rect(x0, y - 1, size * 0.9, size * 0.9, fillColor=_c(colours[i]), strokeColor=None))
        for k, line in enumerate(ls or [""]):
            d.add(_string(x0 + size * 0.9 + 6, y - k * row_h * 0.8, line, look, size))
        d.add(_string(right - 44, y, numbers.label(v), look, size, anchor="end", bold=True))
        d.add(_string(right, y, share, look, size, anchor="end", colour=look.muted))
        y -= row_h * max(1, len(ls)) * (0.8 if len(ls) > 1 else 1.0)
