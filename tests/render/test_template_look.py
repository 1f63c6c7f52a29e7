"""What briefgen reads from a template: its scheme, the colour behind text, the body area, its own slide numbers."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from briefgen.layout.slides import Rect
from briefgen.load.loader import load
from briefgen.render.deck import plan_for_base
from briefgen.render.deck_template import open_base
from briefgen.render.template_look import free_area, prints_slide_numbers, readable
from briefgen.theme import contrast_ratio, load_theme

ROOT = Path(__file__).resolve().parents[2]
ASEAN = ROOT / "briefs" / "asean-58th-amm.yaml"
PT = 12700
_NUMBER_BOX = (
    '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<p:nvSpPr><p:cNvPr id="90" name="Page number"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    '<p:spPr><a:xfrm><a:off x="11000000" y="6300000"/><a:ext cx="900000" cy="400000"/></a:xfrm>'
    '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom></p:spPr>'
    '<p:txBody><a:bodyPr/><a:p><a:fld id="{08929D72-5A56-4CD3-919B-0EB29B65D58D}" type="slidenum">'
    "<a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>"
)


def _numbered_template(path: Path, *, numbered: bool) -> Path:
    """python-pptx's default at 16:9; ``numbered`` puts a slide-number field in a shape of the master's own."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(960 * PT), Emu(540 * PT)
    if numbered:
        prs.slide_master.shapes._spTree.append(etree.fromstring(_NUMBER_BOX))
    prs.save(str(path))
    return path


def _numbers(plan: object) -> list[int]:
    return [sum(el.name == "Slide number" for el in s.chrome) for s in plan.slides]  # type: ignore[attr-defined]


def test_a_template_that_numbers_its_slides_gets_no_second_number(tmp_path: Path) -> None:
    theme = load_theme()
    numbered = open_base(theme, _numbered_template(tmp_path / "numbered.pptx", numbered=True))
    plain = open_base(theme, _numbered_template(tmp_path / "plain.pptx", numbered=False))
    assert numbered.look is not None and numbered.look.numbers_slides
    assert plain.look is not None and not plain.look.numbers_slides
    assert set(_numbers(plan_for_base(load(ASEAN), theme, numbered))) == {0}
    assert set(_numbers(plan_for_base(load(ASEAN), theme, plain))) == {1}


def test_placeholders_with_a_number_field_do_not_count(tmp_path: Path) -> None:
    # python-pptx's default master has a slide-number *placeholder*: shown only where a slide has one
    prs = Presentation(str(_numbered_template(tmp_path / "p.pptx", numbered=False)))
    assert not prints_slide_numbers(prs.slide_layouts[5])


def test_readable_picks_an_aa_colour_and_free_area_avoids_obstacles() -> None:
    colour = readable(["#777777", "#1F497D", "#FFFFFF"], "#FFFFFF")
    assert contrast_ratio(colour, "#FFFFFF") >= 4.5
    body = Rect(0, 100, 900, 300)
    free = free_area(body, [Rect(700, 80, 260, 120)], min_w=300)
    assert free.w >= 300 and (free.right <= 700 or free.y >= 200)


def _png(draw: Callable[[Any], None], size: tuple[int, int] = (960, 720)) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", size, (238, 226, 200))  # paper
    draw(ImageDraw.Draw(img))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def test_marks_painted_on_a_background_picture_are_found() -> None:
    from briefgen.render.template_look import painted_marks

    box = Rect(0, 0, 960, 720)
    blot = painted_marks(_png(lambda d: d.ellipse((20, 600, 120, 700), fill=(10, 10, 30))), box)
    assert len(blot) == 1
    (r,) = blot
    assert r.x <= 20 and r.y <= 600 and r.right >= 120 and r.bottom >= 700, r
    assert r.w < 200 and r.h < 200, "a box close around the blot, not the page"
    grain = painted_marks(
        _png(
            lambda d: [
                d.point((x, y), fill=(225, 212, 186)) for x in range(0, 960, 7) for y in range(0, 720, 5)
            ]
        ),
        box,
    )
    assert grain == [], "paper grain is not a mark"
    assert painted_marks(b"not a picture", box) == []
