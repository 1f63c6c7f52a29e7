"""A briefgen theme written from a template: its palette, fonts with shipped metric twins, slide size and body margins.

``briefgen theme from-template corp.pptx > corp.yaml`` prints what
:func:`theme_from_template` returns; the file loads with ``--theme corp.yaml`` and
gives the memo the corporate deck's colours and fonts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.render.deck_template import _open, open_base
from briefgen.render.template_look import template_palette

if TYPE_CHECKING:
    from briefgen.theme import Theme

__all__ = ["METRIC_TWINS", "theme_from_template", "twin_files"]

METRIC_TWINS: dict[str, str] = {
    "Calibri": "Carlito",
    "Carlito": "Carlito",
    "Cambria": "Caladea",
    "Caladea": "Caladea",
    "Arial": "LiberationSans",
    "Helvetica": "LiberationSans",
    "Liberation Sans": "LiberationSans",
}
"""Font families whose metrics a font shipped in assets/fonts matches, by the folder it is in."""

_STYLES = (("regular", "Regular"), ("bold", "Bold"), ("italic", "Italic"), ("bold_italic", "BoldItalic"))


def twin_files(family: str) -> dict[str, Path] | None:
    """The shipped files of ``family``'s metric twin by style, or None when none is shipped."""
    from briefgen.assets import assets_dir

    twin = METRIC_TWINS.get(family)
    if twin is None:
        return None
    folder = assets_dir() / "fonts" / twin
    files = {key: folder / f"{twin}-{suffix}.ttf" for key, suffix in _STYLES}
    return files if all(f.is_file() for f in files.values()) else None


def _font_yaml(role: str, family: str) -> list[str]:
    """The theme's lines for one font role, or a comment when no shipped font matches ``family``."""
    twin = METRIC_TWINS.get(family)
    if twin is None:
        return [f"  # {role}: the template's '{family}' has no metric twin shipped; the default font is kept"]
    lines = [f"  {role}:", f"    family: {_q(family)}", "    files:"]
    lines += [f"      {key}: {twin}/{twin}-{suffix}.ttf" for key, suffix in _STYLES]
    return lines


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def theme_from_template(path: str | Path, theme: Theme | None = None) -> str:
    """The YAML of a theme extending ``default`` in the look of the template at ``path``."""
    from briefgen.theme import load_theme

    path = Path(path).resolve()
    base = load_theme() if theme is None else theme
    _open(path)  # a clear error on a file that is not a .pptx
    deck_base = open_base(base, path)
    look = deck_base.look
    assert look is not None and deck_base.size is not None
    p = template_palette(base.palette, look)
    width, height = deck_base.size
    body = look.body
    lines = [
        f"# The look of {path.name}, written by `briefgen theme from-template`.",
        f"name: {_q(path.stem)}",
        f"description: {_q(f'Colours, fonts and slide size of the template {path.name}.')}",
        "extends: default",
        "",
        "palette:",
    ]
    for key in ("primary", "on_primary", "accent", "text", "muted", "background", "surface", "rule"):
        lines.append(f'  {key}: "{getattr(p, key)}"')
    fonts = [*_font_yaml("heading", look.major_font), *_font_yaml("body", look.minor_font)]
    if any(not line.lstrip().startswith("#") for line in fonts):
        lines += ["", "fonts:", *fonts]
    else:
        lines += ["", *(line.strip() for line in fonts)]
    m = base.slide.margins
    left = round(body.x, 1) if body is not None else m.left
    right = round(width - body.right, 1) if body is not None else m.right
    lines += [
        "",
        "slide:",
        f"  width: {width:g}",
        f"  height: {height:g}",
        f"  margins: {{top: {m.top:g}, bottom: {m.bottom:g}, left: {max(left, 0):g}, right: {max(right, 0):g}}}",
        f"  template: {_q(str(path))}",
        "",
    ]
    return "\n".join(lines)
