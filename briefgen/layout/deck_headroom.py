"""Which text frames a substitute font would overflow: those get autofit, the rest stay exact.

The deck is measured with the metric twin of the font it names, so where the
viewer has that font every frame holds its text exactly. Where it does not, the
viewer draws a wider font (DejaVu Sans is about 24 % wider than Carlito) and a
full frame overflows. This pass wraps every frame's text again at the widest
substitute's widths (:func:`briefgen.substitutes.widest_family`) and marks the
frames it no longer fits: they are written with ``normAutofit``, so a viewer that
shrinks text on overflow (LibreOffice, PowerPoint when the text is edited) keeps
it inside. Frames that fit either way keep ``noAutofit``: LibreOffice's autofit
rescales even a frame that fits by a percent or two, so it is set only where it
is needed. Tables are already sized at the widest widths (:func:`~briefgen.layout.table_fit.fit_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any, TypeVar

from briefgen.layout.deck_fit import Typesetter
from briefgen.layout.slides import Para, Slide, TextBox

__all__ = ["mark_autofit", "overflows_at_widest"]

_T = TypeVar("_T")
_EPS = 0.5  # points: LibreOffice's rounding of frame and line heights


def _widest_height(ts: Typesetter, paras: Sequence[Para], width: float) -> float:
    """The height ``paras`` take in ``width`` when every character is as wide as in the widest substitute."""
    body = ts.theme.body_family.name
    total = 0.0
    for k, p in enumerate(paras):
        heading = p.font != body and p.font == ts.theme.heading_family.name
        lines = len(ts.wrap(p.runs, p.size, width - p.indent, heading=heading).lines) if p.runs else 1
        total += lines * p.line_height + (p.space_before if k else 0.0)
    return total


def overflows_at_widest(ts: Typesetter, box: TextBox) -> bool:
    """True if ``box``'s text, drawn in the widest substitute font, would not fit its frame."""
    ins = box.insets
    room = box.rect.h - ins.top - ins.bottom
    width = box.rect.w - ins.left - ins.right
    return _widest_height(ts.at_widest(), box.paras, width) > room + _EPS


def _marked(ts: Typesetter, value: _T) -> _T:
    if isinstance(value, TextBox):
        return replace(value, autofit=True) if overflows_at_widest(ts, value) else value  # type: ignore[return-value]
    if isinstance(value, tuple):
        return tuple(_marked(ts, v) for v in value)  # type: ignore[return-value]
    return value


def mark_autofit(ts: Typesetter, slides: Sequence[Slide]) -> list[Slide]:
    """``slides`` with every text frame a substitute font would overflow marked ``autofit``."""
    out = []
    for slide in slides:
        changes: dict[str, Any] = {}
        for f in fields(slide):
            value = getattr(slide, f.name)
            marked = _marked(ts, value)
            if marked != value:
                changes[f.name] = marked
        out.append(replace(slide, **changes) if changes else slide)
    return out
