"""Autofit where a substitute font would overflow a frame, and only there."""

from __future__ import annotations

import io
import zipfile

from briefgen.layout.deck_fit import Typesetter
from briefgen.layout.deck_headroom import overflows_at_widest
from briefgen.layout.slides import DeckPlan, Insets, Rect, TextBox, TextSlide
from briefgen.load.markup import Run
from briefgen.theme import load_theme

SENTENCE = "ASEAN reaffirmed centrality, inclusivity and the 2045 Vision in Kuala Lumpur. "


def _box(ts: Typesetter, text: str, width: float, height: float) -> TextBox:
    para = ts.para((Run(text),), 18, width, "#000000")
    return TextBox("Body", Rect(0, 0, width, height), (para,), Insets(0, 0, 0, 0))


def test_a_frame_full_in_carlito_overflows_at_the_widest() -> None:
    ts = Typesetter(load_theme())
    text = SENTENCE * 4
    exact = _box(ts, text, 400, 0)
    full = _box(ts, text, 400, exact.paras[0].height)  # as tall as the text in Carlito, no more
    roomy = _box(ts, text, 400, exact.paras[0].height * 1.6)
    assert overflows_at_widest(ts, full)
    assert not overflows_at_widest(ts, roomy)


def test_the_asean_deck_autofits_its_full_frames_only(asean_plan: DeckPlan) -> None:
    boxes = [el for s in asean_plan.slides for el in s.elements() if isinstance(el, TextBox)]
    marked = [b for b in boxes if b.autofit]
    assert marked, "the bottom line fills its panel: a substitute font would overflow it"
    assert len(marked) < len(boxes) / 3
    assert not any(b.autofit for b in boxes if b.name in ("Footer", "Slide number"))
    (bottom,) = [s for s in asean_plan.slides if isinstance(s, TextSlide) and s.title == "The bottom line"]
    assert any(isinstance(el, TextBox) and el.autofit for el in bottom.body)


def test_the_deck_writes_autofit_where_the_plan_marks_it(asean_plan: DeckPlan) -> None:
    from render.test_deck import _deck

    from briefgen.load.loader import load
    from layout.conftest import ASEAN

    data = _deck(load(ASEAN))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("ppt/slides/slide"))
    boxes = [el for s in asean_plan.slides for el in s.elements() if isinstance(el, TextBox)]
    assert xml.count("<a:normAutofit/>") == sum(b.autofit for b in boxes)
    assert xml.count("<a:noAutofit/>") == sum(not b.autofit for b in boxes)
