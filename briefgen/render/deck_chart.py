"""Native charts on a slide, through python-pptx's chart API: data embedded, styled in the theme's look.

The embedded workbook is rewritten so that the same chart gives the same bytes
(XlsxWriter stamps its creation time).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Emu, Pt

from briefgen.layout.slides import ChartFrame
from briefgen.render.deck_xml import clean, emu
from briefgen.render.pptx_internals import (
    chart_workbook_blob,
    delete_chart_auto_title,
    set_chart_descr,
    set_chart_workbook_blob,
    value_axis_crosses_at_max,
)

__all__ = ["add_chart", "reproducible_workbook"]

_CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "pie": XL_CHART_TYPE.PIE,
}


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#"))


def _style_text(font: Any, frame: ChartFrame, size: float, color: str, bold: bool = False) -> None:
    font.name = frame.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = _rgb(color)


def add_chart(slide: Any, frame: ChartFrame) -> None:
    """Add the planned chart to the python-pptx ``slide``: its data, title, legend, series colours, axes and labels."""
    from pptx.chart.data import CategoryChartData  # with XlsxWriter: imported only for a deck with charts

    data = CategoryChartData(number_format=frame.number_format if frame.kind != "pie" else "General")
    data.categories = list(frame.categories)
    for s in frame.series:
        data.add_series(s.name, list(s.values))
    r = frame.rect
    gf = slide.shapes.add_chart(
        _CHART_TYPES[frame.kind], Emu(emu(r.x)), Emu(emu(r.y)), Emu(emu(r.w)), Emu(emu(r.h)), data
    )
    gf.name = frame.name
    set_chart_descr(gf, clean(frame.alt))
    chart = gf.chart
    chart.font.name = frame.font
    chart.font.size = Pt(frame.label_size)
    chart.font.color.rgb = _rgb(frame.text_color)
    _title_and_legend(chart, frame)
    plot = chart.plots[0]
    if frame.kind == "pie":
        _pie_colours(plot, frame)
    else:
        _series_colours(plot, frame)
        _value_axis(chart.value_axis, frame)
        _category_axis(chart, frame)
    if frame.data_labels:
        _data_labels(plot, frame)
    _unsigned_axis_ids(chart)
    blob = chart_workbook_blob(chart)
    if blob is not None:
        set_chart_workbook_blob(chart, reproducible_workbook(blob))


def _unsigned_axis_ids(chart: Any) -> None:
    """Make python-pptx's negative axis ids non-negative 31-bit (``xsd:unsignedInt``; LibreOffice reads them as int32), distinct."""
    from pptx.oxml.ns import qn

    for element in chart._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(value & 0x7FFFFFFF))


def _title_and_legend(chart: Any, frame: ChartFrame) -> None:
    if frame.title:
        chart.has_title = True
        tf = chart.chart_title.text_frame
        tf.text = frame.title
        _style_text(tf.paragraphs[0].runs[0].font, frame, frame.title_size, frame.text_color, bold=True)
    else:
        chart.has_title = False
        delete_chart_auto_title(chart)
    chart.has_legend = frame.legend
    if frame.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM if frame.kind != "pie" else XL_LEGEND_POSITION.RIGHT
        chart.legend.include_in_layout = False
        _style_text(chart.legend.font, frame, frame.label_size, frame.text_color)


def _pie_colours(plot: Any, frame: ChartFrame) -> None:
    plot.vary_by_categories = True
    series = plot.series[0]
    for i, _ in enumerate(frame.categories):
        point = series.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(frame.colors[i % len(frame.colors)])
        point.format.line.color.rgb = _rgb("#FFFFFF")


def _series_colours(plot: Any, frame: ChartFrame) -> None:
    plot.vary_by_categories = False
    if frame.kind in ("bar", "column"):
        plot.gap_width = 60
        plot.overlap = -10 if len(frame.series) > 1 else 0
    for i, series in enumerate(plot.series):
        colour = _rgb(frame.colors[i % len(frame.colors)])
        if frame.kind == "line":
            series.format.line.color.rgb = colour
            series.format.line.width = Pt(2.5)
            series.smooth = False
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = colour
            series.marker.format.line.color.rgb = colour
        else:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = colour


def _value_axis(value_axis: Any, frame: ChartFrame) -> None:
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(frame.grid_color)
    value_axis.major_gridlines.format.line.width = Pt(0.75)
    value_axis.format.line.fill.background()
    if frame.axis is not None:
        low, high, step = frame.axis
        value_axis.minimum_scale = low
        value_axis.maximum_scale = high
        value_axis.major_unit = step
    value_axis.tick_labels.number_format = frame.axis_format
    value_axis.tick_labels.number_format_is_linked = False
    _style_text(value_axis.tick_labels.font, frame, frame.label_size, frame.muted_color)
    if frame.unit:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = frame.unit
        _style_text(
            value_axis.axis_title.text_frame.paragraphs[0].runs[0].font,
            frame,
            frame.label_size,
            frame.muted_color,
        )


def _category_axis(chart: Any, frame: ChartFrame) -> None:
    category_axis = chart.category_axis
    category_axis.format.line.color.rgb = _rgb(frame.grid_color)
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    _style_text(category_axis.tick_labels.font, frame, frame.label_size, frame.text_color)
    category_axis.has_major_gridlines = False
    if frame.kind == "bar":
        # The memo reads a bar chart top-down: first category (and first series) on top. Reversed, the
        # category axis would take the value axis to the top; it crosses at the category axis's end.
        category_axis.reverse_order = True
        value_axis_crosses_at_max(chart.value_axis)


def _data_labels(plot: Any, frame: ChartFrame) -> None:
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.font.name = frame.font
    labels.font.size = Pt(frame.label_size)
    labels.font.color.rgb = _rgb(frame.text_color)
    if frame.kind == "pie":
        labels.show_percentage = True
        labels.show_value = False
        labels.number_format = "0%"
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    else:
        labels.show_value = True
        labels.number_format = frame.number_format
        labels.number_format_is_linked = False
        labels.position = XL_LABEL_POSITION.ABOVE if frame.kind == "line" else XL_LABEL_POSITION.OUTSIDE_END


def reproducible_workbook(blob: bytes) -> bytes:
    """The workbook ``blob`` (a zip) with its creation and change times set to 1980-01-01, entries stamped alike."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>1980-01-01T00:00:00Z", data
                )
            zi = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    return out.getvalue()
