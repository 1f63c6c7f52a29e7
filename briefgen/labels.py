"""The fixed words both outputs print ("Bottom line up front", "Page 1 of 3"), in the brief's language.

One catalogue per language is data: ``assets/locales/<tag>.yaml`` (shipped in the
wheel as ``briefgen/assets/locales``); ``en.yaml`` holds every key and says where
each is printed. A lookup walks the BCP 47 tag from the most specific catalogue to
the least (``zh-Hant-TW`` → ``zh-Hant`` → ``zh`` → ``en``), key by key, so a
regional catalogue lists only what differs. Then a theme's words for the language
and the brief's own ``labels:`` are laid on top: a ministry's "Summary for the
Minister" in place of "Bottom line up front". A template's ``{placeholders}`` are
the only thing replaced: braces a user writes stay literal. Nothing here imports
Babel (dates and numbers are :mod:`briefgen.layout.locale_format`'s).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from briefgen.assets import assets_dir
from briefgen.errors import SourceError
from briefgen.load.source import Expect, load_yaml

__all__ = [
    "FALLBACK",
    "Labels",
    "catalogue_keys",
    "fallback_chain",
    "label_placeholders",
    "labels_for",
    "locales_dir",
    "theme_labels_for",
]

FALLBACK = "en"
"""The catalogue every lookup ends on; it holds every key."""

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A region that implies a script for a language with two (CLDR likely subtags).
_IMPLIED_SCRIPT = {("zh", "TW"): "Hant", ("zh", "HK"): "Hant", ("zh", "MO"): "Hant"}
_CATALOGUE = Expect("a catalogue maps label keys to text", "bottom_line:, key_points:, …")


def locales_dir() -> Path:
    """The folder of the shipped catalogues."""
    return assets_dir() / "locales"


def _canonical(tag: str) -> list[str]:
    """The subtags of ``tag`` in canonical case: ``zh``, ``Hant``, ``TW``; extensions dropped."""
    parts: list[str] = []
    for i, part in enumerate(tag.strip().replace("_", "-").split("-")):
        if not part or (i and len(part) == 1):  # an extension or private-use singleton: stop
            break
        if i == 0:
            parts.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            parts.append(part.title())
        elif len(part) in (2, 3) and (part.isalpha() or part.isdigit()):
            parts.append(part.upper())
        else:
            parts.append(part.lower())
    return parts


def fallback_chain(tag: str) -> list[str]:
    """The catalogues to look in for ``tag``, most specific first: ``zh-TW`` → ``zh-Hant-TW, zh-Hant, zh, en``."""
    parts = _canonical(tag) or [FALLBACK]
    if len(parts) >= 2 and not (len(parts[1]) == 4 and parts[1].isalpha()):
        script = _IMPLIED_SCRIPT.get((parts[0], parts[1]))
        if script:
            parts.insert(1, script)
    chain = ["-".join(parts[:n]) for n in range(len(parts), 0, -1)]
    if FALLBACK not in chain:
        chain.append(FALLBACK)
    return chain


def _read_catalogue(tag: str, folder: Path) -> dict[str, str]:
    """The catalogue for exactly ``tag`` (empty when none ships); a broken one raises :class:`SourceError`."""
    path = folder / f"{tag}.yaml"
    if not path.is_file():
        return {}
    data = load_yaml(path, expect=_CATALOGUE).data
    return {str(k): str(v) for k, v in data.items() if v is not None}


def catalogue_keys(folder: Path | None = None) -> tuple[str, ...]:
    """Every label key, in the English catalogue's order."""
    return tuple(_read_catalogue(FALLBACK, folder or locales_dir()))


def label_placeholders(template: str) -> set[str]:
    """The ``{names}`` a label template uses."""
    return set(_PLACEHOLDER.findall(template))


def theme_labels_for(theme_labels: Mapping[str, Mapping[str, str]], tag: str) -> dict[str, str]:
    """A theme's words for ``tag``: its ``labels:`` per language, most specific language winning."""
    chosen: dict[str, str] = {}
    by_tag = {"-".join(_canonical(k)): v for k, v in theme_labels.items()}
    for name in reversed(fallback_chain(tag)):
        chosen.update(by_tag.get(name, {}))
    return chosen


@dataclass(frozen=True)
class Labels:
    """The fixed words of one brief: catalogue, theme and brief overrides merged."""

    language: str
    """The tag asked for, e.g. ``zh-Hant-TW``."""
    found: tuple[str, ...]
    """The catalogues that supplied words, most specific first, e.g. ``("zh-Hant", "zh", "en")``."""
    texts: Mapping[str, str]

    def text(self, key: str, **values: object) -> str:
        """The label ``key`` with its ``{placeholders}`` filled; unknown keys raise ``KeyError``."""
        template = self.texts[key]
        if not values:
            return template
        return _PLACEHOLDER.sub(
            lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(), template
        )

    def around(self, key: str, slot: str, **values: object) -> tuple[str, str]:
        """The words of ``key`` before and after its ``{slot}``, other placeholders filled.

        For a label wrapped around styled text: ``continued`` → ``("", " (continued)")``.
        """
        before, _, after = self.texts[key].partition("{" + slot + "}")
        fill = _PLACEHOLDER.sub
        return tuple(  # type: ignore[return-value]
            fill(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(), part)
            for part in (before, after)
        )

    def __getitem__(self, key: str) -> str:
        return self.texts[key]

    def tone(self, tone: str) -> str:
        """A tone's name as printed: ``positive`` → ``Positif`` in French."""
        return self.texts[f"tone_{tone}"]


def labels_for(
    tag: str,
    overrides: Sequence[Mapping[str, str]] = (),
    *,
    folder: Path | None = None,
) -> Labels:
    """The labels for the language ``tag``, each of ``overrides`` (theme's, then brief's) laid on top.

    Raise :class:`~briefgen.errors.SourceError` if a shipped catalogue is broken.
    """
    folder = folder or locales_dir()
    texts: dict[str, str] = {}
    found: list[str] = []
    for name in reversed(fallback_chain(tag)):
        catalogue = _read_catalogue(name, folder)
        if catalogue:
            found.insert(0, name)
            texts.update(catalogue)
    if not texts:
        raise SourceError(f"no label catalogue in {folder}")
    for layer in overrides:
        texts.update({k: v for k, v in layer.items() if k in texts})
    return Labels(tag, tuple(found), MappingProxyType(texts))
