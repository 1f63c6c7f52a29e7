"""Themes as data: colours, fonts, type scale and page and slide geometry, read from a YAML file.

A theme file lives in ``assets/themes/NAME.yaml`` (or anywhere, given by path) and
may extend another. The package is the theme stage of the pipeline, in three parts:

- :mod:`~briefgen.theme.schema`: what a theme file may say (typed records, :class:`ThemeSpec`);
- :mod:`~briefgen.theme.loading`: finding a theme, merging the chain it extends, validating it;
- :mod:`~briefgen.theme.files`: finding the font, logo and template files it names (:class:`ThemeFiles`);

and :mod:`~briefgen.theme.model` holds :class:`Theme`, the loaded theme every stage reads.
"""

from briefgen.theme.files import ThemeFiles
from briefgen.theme.loading import list_themes, load_theme, themes_dir
from briefgen.theme.model import Theme
from briefgen.theme.schema import (
    MIN_CONTRAST,
    PAGE_SIZES,
    TONES,
    Banner,
    ContrastPair,
    Palette,
    ThemeSpec,
    contrast_ratio,
)

__all__ = [
    "MIN_CONTRAST",
    "PAGE_SIZES",
    "TONES",
    "Banner",
    "ContrastPair",
    "Palette",
    "Theme",
    "ThemeFiles",
    "ThemeSpec",
    "contrast_ratio",
    "list_themes",
    "load_theme",
    "themes_dir",
]
