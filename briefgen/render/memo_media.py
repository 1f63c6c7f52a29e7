"""The memo's pictures: a chart drawn as vector shapes and a raster image, each a Figure with its alt text.

Both shrink to 75% of their size rather than leave a page half empty; the chart
module (and reportlab.graphics) is imported when the first chart is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportlab.lib.utils import ImageReader
from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo_blocks import chart_height
from briefgen.layout.values import chart_alt_lines
from briefgen.load.model import Chart
from briefgen.render.memo_tagging import Tag, tagged, tagger_of

if TYPE_CHECKING:  # charts are drawn with reportlab.graphics, imported only when a memo has a chart
    from briefgen.fonts import FontFace
    from briefgen.layout.memo_chart import ChartLook

__all__ = ["ChartFlow", "ImageFlow", "pdf_text_string"]


class ChartFlow(Flowable):
    """A chart drawn as vector shapes; it shrinks (down to 75%) rather than leave a page half empty."""

    def __init__(
        self,
        chart: Chart,
        look: ChartLook,
        name_of: Callable[[FontFace], str],
        *,
        max_height: float,
        space_before: float = 0.0,
        space_after: float = 0.0,
        on_cut: Callable[[list[str]], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_cut = on_cut
        self.chart = chart
        self.tag = Tag("Figure", attrs={"alt": ". ".join(chart_alt_lines(chart))})
        self.look = look
        self.name_of = name_of
        self.max_height = max_height
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.width = 0.0
        self.height = 0.0
        self._drawing: Any = None
        self._drawn_at: tuple[float, float] | None = None

    def _nominal(self, width: float) -> float:
        return min(chart_height(self.chart, width), self.max_height)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        nominal = self._nominal(availWidth)
        h = nominal
        if availHeight < nominal and availHeight >= nominal * 0.75:
            h = availHeight
        self.width, self.height = availWidth, h
        return availWidth, h

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        from briefgen.layout.memo_chart import ChartNotes, plan_chart
        from briefgen.render.memo_chart import chart_drawing

        key = (self.width, self.height)
        if self._drawn_at != key:  # laid out for the box the page gave it (it may have shrunk)
            notes = ChartNotes()
            plan = plan_chart(self.chart, self.width, self.height, self.look, notes)
            self._drawing = chart_drawing(plan, self.name_of)
            self._drawn_at = key
            if notes.cut and self.on_cut is not None:
                self.on_cut(notes.cut)
        with tagged(self.canv, self.tag, bbox=(0.0, 0.0, self.width, self.height)):
            renderPDF.draw(self._drawing, self.canv, 0, 0)


def pdf_text_string(text: str) -> str:
    """``text`` as a PDF string literal: PDFDocEncoding-safe ASCII, else UTF-16BE hex with a BOM."""
    if all(32 <= ord(c) < 127 for c in text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return f"({escaped})"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class ImageFlow(Flowable):
    """A PNG or JPEG scaled to fit (aspect ratio kept), centred, its alt text in a marked-content property list."""

    def __init__(
        self,
        reader: ImageReader,
        alt: str,
        *,
        max_height: float,
        dpi: float = 96.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.reader = reader
        self.alt = alt
        self.tag = Tag("Figure", attrs={"alt": alt})
        self.max_height = max_height
        self.px_w, self.px_h = reader.getSize()
        self.dpi = dpi
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.width = 0.0
        self.height = 0.0
        self.draw_w = 0.0

    def _nominal(self, width: float) -> tuple[float, float]:
        w = self.px_w * 72.0 / self.dpi
        h = self.px_h * 72.0 / self.dpi
        scale = min(1.0, width / w if w else 1.0, self.max_height / h if h else 1.0)
        return w * scale, h * scale

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self._nominal(availWidth)
        if availHeight < h and availHeight >= h * 0.75:
            w, h = w * availHeight / h, availHeight
        self.width, self.height, self.draw_w = availWidth, h, w
        return availWidth, h

    def draw(self) -> None:
        canv = self.canv
        x = (self.width - self.draw_w) / 2
        if tagger_of(canv) is None:  # untagged: the alt text still goes with the image
            canv._code.append(f"/Figure <</Alt {pdf_text_string(self.alt)}>> BDC")
            canv.drawImage(self.reader, x, 0, self.draw_w, self.height, mask="auto")
            canv._code.append("EMC")
            return
        with tagged(canv, self.tag, bbox=(x, 0.0, x + self.draw_w, self.height)):
            canv.drawImage(self.reader, x, 0, self.draw_w, self.height, mask="auto")
