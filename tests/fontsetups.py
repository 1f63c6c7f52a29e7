"""Font setups for LibreOffice renders: the shipped fonts, or only a substitute a viewer may fall back on.

``font_setup(name, folder)`` writes a private fontconfig file in ``folder`` and
returns its path, to be given to :func:`conftest.soffice_to_pdf`. ``shipped`` is
``tests/fontconfig/fonts.conf`` (Calibri drawn as Carlito, Arial as Liberation
Sans); ``dejavu`` and ``liberation`` list one folder holding links to the system's
DejaVu Sans or Liberation Sans files and nothing else, so every family a deck names
is drawn with that one substitute, as on a machine without Carlito.
"""

from __future__ import annotations

import os
from pathlib import Path

from conftest import FONTS_CONF

SETUPS = ("shipped", "dejavu", "liberation")
"""The font setups every deck is drawn under."""

SUBSTITUTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dejavu": (
        "fonts-dejavu-core",
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    ),
    "liberation": (
        "fonts-liberation2",
        (
            "LiberationSans-Regular.ttf",
            "LiberationSans-Bold.ttf",
            "LiberationSans-Italic.ttf",
            "LiberationSans-BoldItalic.ttf",
        ),
    ),
}
"""Per substitute setup: the Debian package that ships it and its four files."""

_FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def find_system_font(name: str) -> Path | None:
    """The system's font file called ``name``, if any (searched under the usual font folders)."""
    for root in _FONT_DIRS:
        if root.is_dir():
            for path in root.rglob(name):
                return path
    return None


def missing_fonts(setup: str) -> list[str]:
    """The files of ``setup`` this machine lacks (none for ``shipped``)."""
    if setup == "shipped":
        return []
    return [n for n in SUBSTITUTES[setup][1] if find_system_font(n) is None]


def font_setup(setup: str, folder: Path) -> Path:
    """A fontconfig file for ``setup`` written in ``folder`` (``shipped`` returns the repository's own)."""
    if setup == "shipped":
        return FONTS_CONF
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for name in SUBSTITUTES[setup][1]:
        source = find_system_font(name)
        if source is None:
            raise FileNotFoundError(f"{name}: install {SUBSTITUTES[setup][0]}")
        link = fonts / name
        if not link.exists():
            os.symlink(source.resolve(), link)
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig>\n  <dir>{fonts}</dir>\n  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return conf
