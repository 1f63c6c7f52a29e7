"""Third-party templates to build decks on: pandoc's, python-pptx's, LibreOffice's designs and a corporate one.

Nothing here is committed as a .pptx: pandoc's reference document is dumped by the
pandoc binary of pypandoc-binary, LibreOffice's designs are converted from the .otp
files it ships, and the corporate template is drawn by :func:`make_corporate`.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.util import Emu, Pt

LIBREOFFICE_DESIGNS = ("Midnightblue", "Vintage", "Focus", "Beehive", "Blue_Curve")
"""LibreOffice designs used: Midnightblue is dark, Vintage is 4:3."""

_PRESNT = Path("/usr/lib/libreoffice/share/template/common/presnt")
CORPORATE_BAR = RGBColor(0x7A, 0x12, 0x2B)
"""The corporate template's title bar: a deep claret the title is set on in white."""


def make_python_pptx_default(path: Path) -> Path:
    """python-pptx's own default template, 4:3, saved as it comes."""
    Presentation().save(str(path))
    return path


def make_pandoc_reference(path: Path) -> Path:
    """Pandoc's default reference.pptx, as the pandoc of pypandoc-binary prints it."""
    import pypandoc  # type: ignore[import-untyped]

    pandoc = pypandoc.get_pandoc_path()
    data = subprocess.run(
        [pandoc, "--print-default-data-file", "reference.pptx"], capture_output=True, check=True
    ).stdout
    path.write_bytes(data)
    return path


def convert_libreoffice(names: tuple[str, ...], outdir: Path) -> dict[str, Path]:
    """LibreOffice's shipped designs ``names`` saved as .pptx in ``outdir`` by one soffice run."""
    outdir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, HOME=str(outdir / "home"), SAL_USE_VCLPLUGIN="svp")
    sources = [str(_PRESNT / f"{n}.otp") for n in names]
    cmd = [
        shutil.which("soffice") or "soffice",
        f"-env:UserInstallation={(outdir / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pptx",
        "--outdir",
        str(outdir),
        *sources,
    ]
    subprocess.run(cmd, env=env, capture_output=True, timeout=600, check=False)
    return {n: outdir / f"{n}.pptx" for n in names if (outdir / f"{n}.pptx").is_file()}


def _logo_png() -> bytes:
    """A small two-tone square logo."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 120), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 119, 119), fill=(0x7A, 0x12, 0x2B))
    draw.ellipse((24, 24, 96, 96), fill=(0xF2, 0xB7, 0x05))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def make_corporate(path: Path) -> Path:
    """A corporate-style 16:9 template: a claret title bar with a white title, a logo top right, a grey rule above the footer."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    w, h = prs.slide_width, prs.slide_height
    master = prs.slide_master
    scratch = prs.slides.add_slide(
        prs.slide_layouts[6]
    )  # master shapes cannot be added directly: drawn here, moved
    bar_h = Emu(int(h * 0.16))
    bar = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, w, bar_h)
    rule = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, h - Emu(int(h * 0.08)), w, Emu(38100))
    for shape, colour, name in (
        (bar, CORPORATE_BAR, "Corporate title bar"),
        (rule, RGBColor(0x8C, 0x8C, 0x8C), "Rule"),
    ):
        shape.fill.solid()
        shape.fill.fore_color.rgb = colour
        shape.line.fill.background()
        shape.name = name
    logo_size = Emu(int(bar_h * 0.7))
    margin = Emu(int((bar_h - logo_size) / 2))
    pic = scratch.shapes.add_picture(
        io.BytesIO(_logo_png()), w - logo_size - margin, margin, logo_size, logo_size
    )
    _, rid = master.part.get_or_add_image_part(io.BytesIO(_logo_png()))
    pic._element.blipFill.blip.rEmbed = rid
    tree = master.shapes._spTree
    for k, shape in enumerate((bar, rule, pic)):  # decorations behind the placeholders
        tree.insert(2 + k, shape._element)
    prs.part.drop_rel(prs.slides._sldIdLst[0].rId)
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    for layout in (*prs.slide_layouts, master):
        _place(layout, w, h, bar_h, logo_size + 2 * margin)
    _scheme(prs, {"dk2": "7A122B", "accent1": "7A122B", "accent2": "B8860B", "lt2": "F4EFE6"})
    prs.save(str(path))
    return path


def _scheme(prs: Presentation, colours: dict[str, str]) -> None:
    """Set slots of the master theme's colour scheme to ``colours`` (RRGGBB)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f".//{a}clrScheme")
    for slot, value in colours.items():
        el = scheme.find(f"{a}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{a}srgbClr", val=value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place(holder: object, w: int, h: int, bar_h: int, logo_w: int) -> None:
    """Put a layout's title on the bar (white, bold) and its body below it, clear of the logo and the rule."""
    side = Emu(int(w * 0.04))
    for ph in holder.placeholders:  # type: ignore[attr-defined]
        kind = ph.placeholder_format.type
        if kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            ph.left, ph.top, ph.width, ph.height = (
                side,
                Emu(int(bar_h * 0.1)),
                w - side - logo_w,
                Emu(int(bar_h * 0.8)),
            )
            font = ph.text_frame.paragraphs[0].font
            font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            font.bold = True
            font.size = Pt(28)
        elif kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
            ph.left, ph.top, ph.width = side, Emu(int(bar_h * 1.25)), w - 2 * side
            ph.height = Emu(int(h * 0.9) - ph.top)


def corpus(outdir: Path) -> dict[str, Path]:
    """Every template of the corpus by name, made in ``outdir`` (LibreOffice's only where soffice is installed)."""
    outdir.mkdir(parents=True, exist_ok=True)
    makers: dict[str, Callable[[Path], Path]] = {
        "python-pptx": make_python_pptx_default,
        "pandoc": make_pandoc_reference,
        "corporate": make_corporate,
    }
    out = {name: make(outdir / f"{name}.pptx") for name, make in makers.items()}
    out.update({f"lo-{n}": p for n, p in convert_libreoffice(LIBREOFFICE_DESIGNS, outdir / "lo").items()})
    return out


if __name__ == "__main__":  # python tests/templates/corpus.py DIR: write the corpus there to look at
    import sys

    for name, p in corpus(Path(sys.argv[1] if len(sys.argv) > 1 else "templates-out")).items():
        print(name, p)
