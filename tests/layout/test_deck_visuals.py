"""Charts and pictures: their own slides, the picture's shape and alt text kept."""

from __future__ import annotations

import pytest

from briefgen.layout.slides import (
    ChartSlide,
    DeckPlan,
    ImageSlide,
)


def test_charts_and_pictures_get_their_own_slides(long_plan: DeckPlan) -> None:
    charts = [s for s in long_plan.slides if isinstance(s, ChartSlide)]
    assert [c.chart.kind for c in charts] == ["column", "bar", "line", "pie"]
    assert charts[0].chart.legend and not charts[1].chart.legend
    assert charts[0].chart.data_labels and not charts[2].chart.data_labels
    (image,) = [s for s in long_plan.slides if isinstance(s, ImageSlide)]
    r = image.picture.rect
    assert r.w / r.h == pytest.approx(640 / 360)
    assert image.picture.alt.startswith("Three boxes")
    assert image.caption and image.caption.rect.y >= r.bottom
