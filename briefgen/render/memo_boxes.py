"""The memo's boxes: a :class:`Panel` that holds other flowables and splits with them, and a tone chip.

A panel (the bottom line, a quote, an actor's position) draws its fill, bar and
rule as artifacts, places its children in its inner width, and splits between
them or inside one, carrying a tall label column over to its next part.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus.flowables import Flowable

from briefgen.layout.memo_blocks import Chip
from briefgen.render.memo_flow import _EPS, BIG, TextFlow, colour
from briefgen.render.memo_script import (
    actual_text_begin,
    actual_text_end,
    end_rise,
    is_rtl_text,
    needs_script_layout,
    shape,
)
from briefgen.render.memo_tagging import decoration, tagged

__all__ = ["Blank", "Panel", "ToneChip"]


class Panel(Flowable):
    """Flowables in a box: optional fill, left bar, top rule and a label column; splits with its content.

    ``pad`` is (top, right, bottom, left) inside the box; ``left`` indents the whole
    box. The label (e.g. an actor's name) sits in a column ``label_width`` wide on
    the box's left, on its first part only.
    """

    def __init__(
        self,
        children: Sequence[Flowable],
        *,
        pad: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
        left: float = 0.0,
        fill: str | None = None,
        bar: str | None = None,
        bar_width: float = 3.0,
        rule_top: tuple[str, float] | None = None,
        label: Flowable | None = None,
        label_width: float = 0.0,
        label_gap: float = 0.0,
        space_before: float = 0.0,
        space_after: float = 0.0,
        head: bool = True,
        tail: bool = True,
    ) -> None:
        super().__init__()
        self.children = list(children)
        self.pad = pad
        self.left = left
        self.fill = fill
        self.bar = bar
        self.bar_width = bar_width
        self.rule_top = rule_top
        self.label = label
        self.label_width = label_width
        self.label_gap = label_gap
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.head = head
        self.tail = tail
        self._placed: list[tuple[Flowable, float, float]] = []
        self._label_h = 0.0
        self.width = 0.0
        self.height = 0.0

    def _inner_width(self, width: float) -> float:
        side = self.label_width + self.label_gap if self.label is not None else 0.0
        return max(1.0, width - self.left - self.pad[1] - self.pad[3] - side)

    @staticmethod
    def _gap(before: Flowable, after: Flowable) -> float:
        return max(before.getSpaceAfter(), after.getSpaceBefore())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        inner = self._inner_width(availWidth)
        y = 0.0
        placed: list[tuple[Flowable, float, float]] = []
        for i, child in enumerate(self.children):
            if i:
                y += self._gap(self.children[i - 1], child)
            _, h = child.wrap(inner, BIG)
            placed.append((child, y, h))
            y += h
        self._placed = placed
        self._label_h = self.label.wrap(self.label_width, BIG)[1] if self.label is not None else 0.0
        self.width = availWidth
        self.height = self.pad[0] + max(y, self._label_h) + self.pad[2]
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        inner_w = self._inner_width(availWidth)
        room = availHeight - self.pad[0] - self.pad[2]
        if room <= 0:
            return []
        first, rest = _split_stack(self.children, inner_w, room, self._gap)
        label_first: Flowable | None = self.label
        label_rest: Flowable | None = Blank() if self.label is not None else None
        if self.label is not None and self._label_h > room + _EPS:
            # A label taller than the room (a huge actor name) continues in the next part's label column.
            parts = self.label.split(self.label_width, room)
            if len(parts) < 2:
                return []
            label_first, label_rest = parts[0], parts[1]
            if len(parts) > 2:
                label_rest = Panel(parts[1:])
        elif not first or not rest:
            return []
        return [
            self._part(first, label_first, head=self.head, tail=False),
            self._part(rest, label_rest, head=False, tail=self.tail),
        ]

    def _part(self, children: list[Flowable], label: Flowable | None, *, head: bool, tail: bool) -> Panel:
        return Panel(
            children,
            pad=self.pad,
            left=self.left,
            fill=self.fill,
            bar=self.bar,
            bar_width=self.bar_width,
            rule_top=self.rule_top if head else None,
            label=label,
            label_width=self.label_width,
            label_gap=self.label_gap,
            space_before=self.spaceBefore if head else 0.0,
            space_after=self.spaceAfter if tail else 0.0,
            head=head,
            tail=tail,
        )

    def draw(self) -> None:
        canv = self.canv
        w, h = self.width, self.height
        x0 = self.left
        rtl = self._right_to_left()  # bar and label on the right, the content mirrored
        if self.fill or self.bar or self.rule_top:
            with decoration(canv):
                self._draw_box(canv, x0, w, h, rtl)
        inner_x = x0 + self.pad[3]
        if rtl:
            inner_x = x0 + self.pad[1]
        if self.label is not None:
            self.label.wrap(self.label_width, BIG)
            label_x = w - self.pad[3] - self.label_width if rtl else inner_x
            self.label.drawOn(canv, label_x, h - self.pad[0] - self._label_h)
            if not rtl:
                inner_x += self.label_width + self.label_gap
        for child, y, ch in self._placed:
            child.drawOn(canv, inner_x, h - self.pad[0] - y - ch)

    def _right_to_left(self) -> bool:
        """True if the panel's first paragraph runs right to left."""
        for child, _, _ in self._placed:
            if isinstance(child, TextFlow):
                return child.text.rtl
        return False

    def _draw_box(self, canv: Any, x0: float, w: float, h: float, rtl: bool = False) -> None:
        canv.saveState()
        if self.fill:
            canv.setFillColor(colour(self.fill))
            canv.rect(x0, 0, w - x0, h, stroke=0, fill=1)
        if self.bar:
            canv.setFillColor(colour(self.bar))
            canv.rect(w - self.bar_width if rtl else x0, 0, self.bar_width, h, stroke=0, fill=1)
        if self.rule_top:
            hex_colour, thickness = self.rule_top
            canv.setStrokeColor(colour(hex_colour))
            canv.setLineWidth(thickness)
            canv.line(x0, h - thickness / 2, w, h - thickness / 2)
        canv.restoreState()


def _split_stack(
    children: Sequence[Flowable], width: float, room: float, gap_of: Any
) -> tuple[list[Flowable], list[Flowable]]:
    """Cut a stack of flowables so the first list fits ``room``: whole ones, then a split piece if any."""
    first: list[Flowable] = []
    rest = list(children)
    y = 0.0
    while rest:
        child = rest[0]
        gap = gap_of(first[-1], child) if first else 0.0
        _, h = child.wrap(width, BIG)
        if y + gap + h <= room + _EPS:
            first.append(rest.pop(0))
            y += gap + h
            continue
        left = room - y - gap
        parts = child.split(width, left) if left > 0 else []
        if len(parts) >= 2 and parts[0].wrap(width, BIG)[1] <= left + _EPS:
            first.append(parts[0])
            rest = [*parts[1:], *rest[1:]]
        break
    return first, rest


class Blank(Flowable):
    """An empty flowable: a continued panel's label column, an empty table cell."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, 0.0

    def draw(self) -> None:
        pass


class ToneChip(Flowable):
    """A small rounded chip in a tone's colour with its name on it (a reaction's tone), as wide as planned."""

    def __init__(self, chip: Chip, face_name: str) -> None:
        super().__init__()
        self.text = chip.text
        self.fill = chip.fill
        self.ink = chip.ink
        self.face_name = face_name
        self.size = chip.size
        self.height = chip.height
        self.width = chip.width  # as planned
        self.drawn_width = chip.drawn_width
        self.tag = chip.tag

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return min(self.width, availWidth), self.height

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        with decoration(canv):
            canv.setFillColor(colour(self.fill))
            canv.roundRect(0, 0, self.width, self.height, self.height / 2, stroke=0, fill=1)
        with tagged(canv, self.tag):
            canv.setFillColor(colour(self.ink))
            canv.setFont(self.face_name, self.size)
            y = self.height / 2 - self.size * 0.33
            x = self.width / 2 - self.drawn_width / 2
            if needs_script_layout(self.text):  # a tone named in Arabic or Thai: shaped, read back whole
                rtl = is_rtl_text(self.text)
                glyphs = shape(self.text, self.face_name, self.size, rtl)
                text = canv.beginText(x, y)
                text.setFont(self.face_name, self.size)
                text._code.append(actual_text_begin(self.text, rtl))
                text.textOut(glyphs)
                end_rise(text)
                text._code.append(actual_text_end(rtl))
                canv.drawText(text)
            else:
                canv.drawString(x, y, self.text)
        canv.restoreState()
