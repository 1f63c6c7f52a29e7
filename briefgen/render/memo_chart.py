"""Charts for the memo, drawn: a laid-out :class:`~briefgen.layout.memo_chart.ChartPlan` as reportlab.graphics shapes.

Every shape and label is placed by :mod:`briefgen.layout.memo_chart`; this module
only turns them into a ``Drawing``. Labels are drawn in the theme's embedded fonts
(never ReportLab's default Helvetica), a right-to-left or complex-script piece as
HarfBuzz glyphs.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String, Wedge
from reportlab.lib.colors import HexColor

from briefgen.fonts import FontFace
from briefgen.layout.memo_chart import ChartPlan, Dot, Fill, Label, Slice, Stroke
from briefgen.render.memo_script import shape

__all__ = ["chart_drawing"]


def chart_drawing(plan: ChartPlan, name_of: Callable[[FontFace], str]) -> Drawing:
    """``plan`` as a Drawing; ``name_of`` gives a face's ReportLab name (a FontBook's)."""
    d = Drawing(plan.width, plan.height, initialFontName=name_of(plan.face), initialFontSize=plan.size)
    for s in plan.shapes:
        if isinstance(s, Label):
            d.add(_label(s, name_of))
        elif isinstance(s, Fill):
            d.add(Rect(s.x, s.y, s.w, s.h, fillColor=HexColor(s.colour), strokeColor=None))
        elif isinstance(s, Stroke):
            d.add(_stroke(s))
        elif isinstance(s, Dot):
            ring = HexColor(s.ring)
            d.add(
                Circle(
                    s.cx, s.cy, s.r, fillColor=HexColor(s.fill), strokeColor=ring, strokeWidth=s.ring_width
                )
            )
        elif isinstance(s, Slice):
            ring = HexColor(s.ring)
            wedge = Wedge(
                s.cx,
                s.cy,
                s.r,
                s.start,
                s.end,
                fillColor=HexColor(s.fill),
                strokeColor=ring,
                strokeWidth=s.ring_width,
            )
            wedge.radius1 = s.inner
            d.add(wedge)
    return d


def _stroke(s: Stroke) -> Line | PolyLine:
    colour = HexColor(s.colour)
    if len(s.points) == 4 and not s.rounded:
        return Line(*s.points, strokeColor=colour, strokeWidth=s.width)
    cap = 1 if s.rounded else 0
    return PolyLine(
        list(s.points), strokeColor=colour, strokeWidth=s.width, strokeLineJoin=cap, strokeLineCap=cap
    )


def _label(label: Label, name_of: Callable[[FontFace], str]) -> String | Group:
    fill = HexColor(label.colour)
    strings = []
    for p in label.pieces:
        name = name_of(p.face)
        text = shape(p.text, name, label.size, p.rtl) if p.shaped else p.text
        strings.append(String(p.x, label.y, text, fontName=name, fontSize=label.size, fillColor=fill))
    if len(strings) == 1:
        return strings[0]
    group = Group()
    for string in strings:
        group.add(string)
    return group
