"""What every slide family of the deck planner works from: the frame, the type, the words, and where drafts go.

A :class:`DeckContext` is made once per brief by :func:`briefgen.layout.deck.plan_deck`
and handed to each family's planning function (``deck_points``, ``deck_positions``…).
It is frozen; the only things that grow are its ``drafts`` (slides before their titles
are made unique and their running parts added, see ``deck_finish``) and ``warnings``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from briefgen.errors import PathWarning
from briefgen.labels import Labels, labels_for, theme_labels_for
from briefgen.layout.deck_fit import FlowStyle, Typesetter
from briefgen.layout.locale_format import format_date, format_date_range
from briefgen.layout.slides import Rect, Slide, TextBox
from briefgen.layout.text import join_runs
from briefgen.load.images import ImageInfo
from briefgen.load.markup import Run, Runs
from briefgen.load.model import Brief
from briefgen.theme import Theme

__all__ = [
    "BULLET",
    "GAP",
    "LAST_RESORT",
    "TITLE_FLOOR",
    "DeckContext",
    "Draft",
    "SlideFrame",
    "balanced_groups",
    "join_runs_text",
    "slide_frame",
]

BULLET = "•"
TITLE_FLOOR = 12.0  # below the theme's floor, a title still must fit its box: down to here, quietly
LAST_RESORT = 6.0  # and down to here with a warning, rather than overflow
GAP = 16.0  # between a short text and the table, chart or picture under it


@dataclass(frozen=True)
class SlideFrame:
    """Where the running parts of a content slide go, in points.

    ``banner`` is the height of the classification bands at the top and bottom
    (0 without a classification); ``title`` the title placeholder's box;
    ``content`` the area every planner fills; ``footer`` the footer line;
    ``banners`` the top and bottom bands when a template's decorations narrow
    them (None: the slide's full width).
    """

    width: float
    height: float
    banner: float
    title: Rect
    content: Rect
    footer: Rect
    footer_size: float
    banners: tuple[Rect, Rect] | None = None


def slide_frame(
    theme: Theme, *, banner: bool, title: Rect | None = None, size: tuple[float, float] | None = None
) -> SlideFrame:
    """The frame of a content slide for ``theme``.

    ``title`` overrides the title box and ``size`` the slide size (both from a user's template).
    """
    deck = theme.type_scale.deck
    ls = deck.line_spacing
    width, height = size or (theme.slide.width, theme.slide.height)
    footer_size = round(min(deck.small, deck.body_min) * 0.8, 1)
    band = round(footer_size * ls + 6, 1) if banner else 0.0
    m = theme.slide.margins
    if title is None:
        title_h = 2 * deck.heading * ls
        title = Rect(m.left, band + max(m.top * 0.75, 16), width - m.left - m.right, title_h)
    else:
        top = max(title.y, band + 4)
        title = Rect(title.x, top, title.w, max(title.bottom - top, deck.heading * ls))
    footer_h = footer_size * ls
    footer = Rect(
        m.left, height - band - max(m.bottom * 0.45, 10) - footer_h, width - m.left - m.right, footer_h
    )
    top = title.bottom + 24
    bottom = footer.y - 18
    content = Rect(m.left, top, width - m.left - m.right, bottom - top)
    return SlideFrame(width, height, band, title, content, footer, footer_size)


# ---------------------------------------------------------------------------
# Drafts: slides before their titles are made unique and the running parts added


class Draft(NamedTuple):
    """A slide whose title frame and running parts are not made yet."""

    title: Runs
    series: int
    make: Callable[[TextBox], Slide]
    path: tuple[Any, ...] = ()


Where = Callable[[tuple[Any, ...]], tuple[str, int, int]]


@dataclass(frozen=True)
class DeckContext:
    """One brief's planning context: its brief, theme and frame, the typesetter, the words, and the drafts so far."""

    brief: Brief
    theme: Theme
    folder: Path | None
    where: Where | None
    frame: SlideFrame
    template_title: tuple[Rect, Rect | None] | None
    ts: Typesetter
    labels: Labels
    flow_style: FlowStyle
    body: float
    floor: float
    small: float
    spacing: float
    drafts: list[Draft] = field(default_factory=list)
    warnings: list[PathWarning] = field(default_factory=list)
    images: Mapping[str, ImageInfo] = field(default_factory=dict)  # what the loader read of the pictures
    _counter: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def create(
        cls,
        brief: Brief,
        theme: Theme,
        folder: Path | None,
        where: Where | None,
        frame: SlideFrame,
        template_title: tuple[Rect, Rect | None] | None = None,
        images: Mapping[str, ImageInfo] | None = None,
    ) -> DeckContext:
        """The context of ``brief`` planned in ``theme`` on ``frame``."""
        deck, p = theme.type_scale.deck, theme.palette
        return cls(
            brief,
            theme,
            folder,
            where,
            frame,
            template_title,
            Typesetter(theme),
            labels_for(brief.language, [theme_labels_for(theme.labels, brief.language), brief.labels]),
            FlowStyle(panel=p.surface, bar=p.accent),
            deck.body,
            deck.body_min,
            deck.small,
            deck.paragraph_spacing,
            images=dict(images or {}),
        )

    def series(self) -> int:
        """A new series number: the slides of one series are numbered "(1/3)", "(2/3)"…"""
        return next(self._counter)

    def warn(self, path: tuple[Any, ...], message: str) -> None:
        """Warn about the brief's part at model ``path`` (the build positions it)."""
        found = PathWarning(tuple(path), message)
        if found not in self.warnings:
            self.warnings.append(found)

    def add(
        self, title: Runs, series: int, make: Callable[[TextBox], Slide], path: tuple[Any, ...] = ()
    ) -> None:
        """Add a draft slide: its title, series, and how to make it once its title box is known."""
        self.drafts.append(Draft(title, series, make, path))

    def text(self, text: str, **kw: Any) -> Runs:
        """The brief's ``text`` (inline markup) as styled runs, fonts falling back by script."""
        return self.ts.runs(text, **kw)

    def say(self, key: str, **values: object) -> str:
        """The fixed words ``key`` in the brief's language, placeholders filled."""
        return self.labels.text(key, **values)

    def around(self, key: str, slot: str, **values: object) -> tuple[str, str]:
        """The words of label ``key`` before and after its ``{slot}`` (which holds styled runs)."""
        return self.labels.around(key, slot, **values)

    def date_range(self, start: Any, end: Any) -> str:
        """A meeting's dates in the brief's language."""
        return format_date_range(start, end, self.brief.language)

    def date(self, day: Any) -> str:
        """A day in the brief's language."""
        return format_date(day, self.brief.language)

    @property
    def c(self) -> Any:
        """The theme's palette."""
        return self.theme.palette


def join_runs_text(*parts: Runs, sep: str = "") -> Runs:
    """Runs of ``parts`` joined with ``sep`` between them."""
    out: list[Runs] = []
    for k, part in enumerate(parts):
        if k and sep:
            out.append((Run(sep),))
        out.append(part)
    return join_runs(*out)


def balanced_groups(n: int, per: int) -> list[list[int]]:
    """``range(n)`` cut into the fewest groups of at most ``per``, sizes as even as can be (7, 3 → 3, 2, 2)."""
    if n == 0:
        return []
    k = -(-n // per)
    base, extra = divmod(n, k)
    out, start = [], 0
    for g in range(k):
        size = base + (1 if g < extra else 0)
        out.append(list(range(start, start + size)))
        start += size
    return out
