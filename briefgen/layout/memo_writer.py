"""The memo planner's tools: the text styles, the fixed words, and the blocks every part of the memo is made of.

:class:`MemoWriter` holds what a memo is planned with (brief, theme, page geometry,
words) and makes paragraphs, labels, headings kept with what follows, lists,
quotes, tables, charts and images as :mod:`briefgen.layout.memo_blocks`;
:mod:`briefgen.layout.memo_plan` puts the parts in the brief's order with them.
Pure: no reportlab.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PIL import Image as PILImage

from briefgen.errors import PathWarning, RenderError
from briefgen.fonts import FontFace, FontFamily
from briefgen.labels import Labels, labels_for, theme_labels_for
from briefgen.layout import locale_format
from briefgen.layout.glyphs import draws_all
from briefgen.layout.memo import (
    MemoGeometry,
    column_widths,
    label_width,
    longest_word,
    natural_width,
)
from briefgen.layout.memo_blocks import (
    Block,
    Box,
    Figure,
    Grid,
    GridCell,
    Keep,
    Outline,
    Picture,
    Tag,
    Text,
    TextStyle,
    styled,
)
from briefgen.layout.text import join_runs
from briefgen.layout.values import numeric_columns
from briefgen.load.checks import MAX_IMAGE_PIXELS
from briefgen.load.loader import LoadedBrief
from briefgen.load.markup import Run, Runs, parse_inline, strip_markup
from briefgen.load.model import Brief, Chart, Image, Quote, Table
from briefgen.theme import Theme

__all__ = ["ROW_SHARE", "MemoWriter", "Styles", "Words", "chip_face_for", "markup_runs", "para", "plain_runs"]

ROW_SHARE = 0.45  # a table row taller than this share of the page continues on further rows
_TRACKING = 0.08  # letter spacing of capital labels, as a share of their size


class Words:
    """The memo's fixed words and dates in the brief's language (catalogue, then the brief's own labels)."""

    def __init__(self, labels: Labels, language: str) -> None:
        self.labels = labels
        self.language = language

    @classmethod
    def of(cls, brief: Brief, theme: Theme | None = None) -> Words:
        """The words of ``brief``: its language's catalogue, the theme's labels, then the brief's own."""
        ours = theme_labels_for(theme.labels, brief.language) if theme is not None else {}
        return cls(labels_for(brief.language, [ours, brief.labels]), brief.language)

    def __call__(self, key: str, **values: object) -> str:
        return self.labels.text(key, **values)

    def date(self, day: Any) -> str:
        return locale_format.format_date(day, self.language)

    def date_range(self, start: Any, end: Any) -> str:
        return locale_format.format_date_range(start, end, self.language)


class Styles:
    """The memo's text styles, from the theme's fonts, sizes and palette."""

    def __init__(self, theme: Theme) -> None:
        t, p = theme.type_scale.memo, theme.palette
        body, head = theme.body_family, theme.heading_family
        fb = theme.fallbacks
        ls = t.line_spacing

        def style(family: Any, size: float, ink: str, spacing: float = ls, **kw: Any) -> TextStyle:
            return TextStyle(family, size, ink, spacing, p.accent, fb, **kw)

        self.body = style(body, t.body, p.text)
        self.lead = style(body, t.body + 0.5, p.text)
        self.small = style(body, t.small, p.text)
        self.small_muted = style(body, t.small, p.muted)
        self.caption = style(body, t.caption, p.muted, italic=True)
        self.label = style(head, t.caption, p.muted, 1.3, bold=True)
        self.label_primary = style(head, t.caption, p.primary, 1.3, bold=True)
        self.heading = style(head, t.heading, p.primary, 1.2, bold=True)
        self.subheading = style(head, t.subheading, p.text, 1.2, bold=True)
        self.number = style(head, t.subheading, p.primary, 1.2, bold=True)
        self.title = style(head, t.title, p.primary, 1.12, bold=True)
        self.subtitle = style(body, t.subheading, p.muted, 1.25, italic=True)
        self.org = style(head, t.heading + 2, p.primary, 1.15, bold=True)
        self.quote = style(body, t.body + 1, p.primary, ls, italic=True)
        self.cell = style(body, t.small, p.text, 1.22)
        self.cell_head = style(head, t.small, p.on_primary, 1.22, bold=True)
        self.bullet = style(body, t.body, p.accent, ls, bold=True)
        self.para = t.paragraph_spacing


def markup_runs(text: str, style: TextStyle | None = None) -> Runs:
    """The runs of ``text``'s inline markup (fallback fonts are set when a block is made)."""
    return parse_inline(text)


def plain_runs(text: str) -> Runs:
    """Literal text (no markup) as one run."""
    return (Run(text),) if text else ()


def para(
    runs: Runs, style: TextStyle, *, label: Runs = (), label_style: TextStyle | None = None, **kw: Any
) -> Text:
    """A paragraph block of ``runs`` in ``style``, its runs and label styled (bold, italic, fallback fonts)."""
    label_style = label_style or style
    return Text(
        styled(runs, style),
        style,
        label=styled(label, label_style) if label else (),
        label_style=label_style,
        **kw,
    )


def chip_face_for(text: str, family: FontFamily, face: FontFace, fallbacks: Sequence[FontFamily]) -> FontFace:
    """``face`` if it draws ``text``, else the bold (or nearest) face of the first fallback that does
    (a tone named in Arabic or Thai)."""
    if draws_all(face, text):
        return face
    return next((fb.face(True) for fb in fallbacks if draws_all(fb.face(True), text)), face)


class MemoWriter:
    """Plans the memo's blocks from the brief, part by part, in the order the memo prints them."""

    def __init__(self, loaded: LoadedBrief, theme: Theme, geo: MemoGeometry, words: Words) -> None:
        self.loaded = loaded
        self.say = words
        self.brief = loaded.brief
        self.theme = theme
        self.p = theme.palette
        self.geo = geo
        self.width = geo.width
        self.styles = Styles(theme)
        self.warnings: list[PathWarning] = []
        self.out: list[Block] = []
        self._outline = 0
        self._tables = 0
        self._figures = 0

    # -- helpers -----------------------------------------------------------------

    def text(self, text: str, style: TextStyle | None = None, **kw: Any) -> Text:
        style = style or self.styles.body
        return para(markup_runs(text, style), style, **kw)

    def plain(self, text: str, style: TextStyle, **kw: Any) -> Text:
        return para(plain_runs(text), style, **kw)

    def label(
        self, text: str, style: TextStyle | None = None, *, beside: TextStyle | None = None, **kw: Any
    ) -> Text:
        """A small letter-spaced label in capitals (``TO``, ``SUBJECT``); ``beside`` a value, on its baseline."""
        style = style or self.styles.label
        if beside is not None:
            style = replace(style, line_spacing=beside.line_height / style.size)
        return para(plain_runs(text), style, char_space=style.size * _TRACKING, **kw)

    def _label_width(self, text: str) -> float:
        s = self.styles.label
        return label_width(text, s.family.face(True, False), s.size, s.size * _TRACKING)

    def _around(self, key: str, slot: str, runs: Runs) -> tuple[Runs, Runs, Runs]:
        """``runs`` inside the words of label ``key`` (its ``{slot}``): quotation marks, a dash before a name."""
        before, after = self.say.labels.around(key, slot)
        return plain_runs(before) if before else (), runs, plain_runs(after) if after else ()

    def add(self, *blocks: Block) -> None:
        self.out.extend(blocks)

    def keep(self, first: Block, *following: Block) -> None:
        """Add ``first`` (a heading) so that it never ends a page: it needs room for the first lines that follow.

        ``following`` are the blocks it is kept with (a key point's title, then its body): the
        smallest first piece of each must fit under it on the same page.
        """
        self.out.append(Keep(first, following, self.geo.height * 0.6))
        self.out.append(first)

    def _next_outline(self, title: str) -> Outline:
        self._outline += 1
        return Outline(f"section-{self._outline}", title)

    def heading(self, title: str, *following: Block, plain: bool = False) -> None:
        s = self.styles.heading
        runs = plain_runs(title) if plain else markup_runs(title, s)
        block = para(
            runs,
            s,
            space_before=s.size * 1.35,
            space_after=s.size * 0.55,
            rule=(self.p.rule, 0.75, 3.0),
            outline=self._next_outline(strip_markup(title)),
            tag=Tag("H2"),
        )
        self.keep(block, *following)

    def section(self, title: str, body: Sequence[Block], *, plain: bool = True) -> None:
        if not body:
            return
        self.heading(title, body[0], plain=plain)
        self.add(*body)

    def bullets(
        self,
        items: Sequence[str],
        *,
        style: TextStyle | None = None,
        numbered: bool = False,
        indent: float = 0.0,
    ) -> list[Block]:
        style = style or self.styles.body
        label_style = self.styles.number.sized(style.size) if numbered else self.styles.bullet
        hang = style.size * (1.9 if numbered else 1.35)
        out: list[Block] = []
        listed = Tag("L")
        for i, item in enumerate(items, 1):
            label = plain_runs(f"{i}." if numbered else "•")
            entry = Tag("LI", listed)
            out.append(
                self.text(
                    item,
                    style,
                    indent=indent + hang,
                    label=label,
                    label_style=label_style,
                    label_x=indent + (0 if numbered else style.size * 0.25),
                    space_before=style.size * 0.3,
                    tag=Tag("LBody", entry),
                    label_tag=Tag("Lbl", entry),
                )
            )
        return out

    def quote(self, quote: Quote, *, left: float = 0.0) -> Box:
        s = self.styles
        quoted = Tag("BlockQuote")
        text = join_runs(*self._around("quotation", "text", markup_runs(quote.text, s.quote)))
        children: list[Block] = [para(text, s.quote, tag=Tag("P", quoted))]
        who: list[Runs] = []
        if quote.by:
            who.append(
                tuple(
                    Run(r.text, True, r.italic, r.href, r.font) for r in markup_runs(quote.by, s.small_muted)
                )
            )
        if quote.role:
            who.append(markup_runs(quote.role, s.small_muted))
        if who:
            sep = plain_runs(self.say("list_separator"))
            names = join_runs(*(join_runs(sep if k else (), x) for k, x in enumerate(who)))
            runs = join_runs(*self._around("attribution", "name", names))
            children.append(para(runs, s.small_muted, space_before=3, tag=Tag("P", quoted)))
        return Box(
            children,
            pad=(3, 0, 3, 12),
            left=left,
            bar=self.p.accent,
            bar_width=2.5,
            space_before=s.para + 2,
            space_after=s.para,
        )

    # -- the parts -----------------------------------------------------------------

    def facts_grid(self, facts: Sequence[tuple[str, Runs]]) -> Grid:
        s = self.styles
        label_w = max(self._label_width(k) for k, _ in facts) + 14
        rows = [[GridCell(self.label(k, beside=s.small)), GridCell(para(v, s.small))] for k, v in facts]
        return Grid(
            None,
            rows,
            [label_w, self.width - label_w],
            pad=(0.0, 3.0),
            max_row_height=self.geo.height * ROW_SHARE,
            header_fill=None,
            zebra=None,
            rule=self.p.rule,
            row_headers=frozenset({0}),
        )

    def data_grid(
        self,
        header: list[GridCell],
        rows: list[list[GridCell]],
        widths: list[float],
        *,
        space_before: float = 0.0,
    ) -> Grid:
        """A table of data in the theme's look: a primary header row repeated on each page, zebra rows."""
        return Grid(
            header,
            rows,
            widths,
            max_row_height=self.geo.height * ROW_SHARE,
            header_fill=self.p.primary,
            zebra=self.p.surface,
            rule=self.p.rule,
            header_rule=self.p.primary,
            space_before=space_before,
        )

    def table(self, table: Table) -> list[Block]:
        s = self.styles
        n = len(table.columns)
        rows = [(list(r) + [""] * n)[:n] for r in table.rows]
        numeric = numeric_columns(rows, n)
        pad_x = 5.0
        natural, minimum = [], []
        head_runs = [markup_runs(c, s.cell_head) for c in table.columns]
        cell_runs = [[plain_runs(v) for v in r] for r in rows]
        for c in range(n):
            texts = [head_runs[c]] + [r[c] for r in cell_runs]
            widest = max(self._natural(t, s.cell) for t in texts) + 2 * pad_x
            word = max(self._longest_word(t, s.cell) for t in texts) + 2 * pad_x
            natural.append(min(widest, self.width))
            minimum.append(word)
        widths = column_widths(natural, minimum, self.width)
        align = ["right" if numeric[c] else "left" for c in range(n)]
        header = [GridCell(para(head_runs[c], s.cell_head, align=align[c])) for c in range(n)]
        body = [
            [GridCell(para(cell_runs[i][c], s.cell, align=align[c])) for c in range(n)]
            for i in range(len(rows))
        ]
        out: list[Block] = [self.data_grid(header, body, widths, space_before=s.para + 2)]
        self._tables += 1
        out.append(
            para(
                self._caption("table_number", self._tables, table.caption),
                s.caption,
                space_before=4,
                space_after=s.para,
            )
        )
        return out

    def _caption(self, key: str, n: int, caption: str | None) -> Runs:
        """``Table 2: caption`` in the memo's words (the number alone without a caption)."""
        s = self.styles
        return join_runs(
            plain_runs(self.say(key, n=n)),
            join_runs(plain_runs(self.say("caption_separator")), markup_runs(caption, s.caption))
            if caption
            else (),
        )

    def _natural(self, runs: Runs, style: TextStyle) -> float:
        return natural_width(runs, style.family, style.size, style.fallbacks)

    def _longest_word(self, runs: Runs, style: TextStyle) -> float:
        return min(longest_word(runs, style.family.regular, style.size), self.width * 0.3)

    def chart(self, chart: Chart, where: tuple[Any, ...]) -> Figure:
        return Figure(
            chart,
            where,
            max_height=self.geo.height * 0.45,
            space_before=self.styles.para + 4,
            space_after=self.styles.para,
        )

    def warn(self, where: tuple[Any, ...], message: str) -> None:
        """Record a warning about the brief's part at model path ``where`` (once; the build positions it)."""
        found = PathWarning(tuple(where), message)
        if found not in self.warnings:
            self.warnings.append(found)

    def image(self, image: Image, where: tuple[Any, ...]) -> list[Block]:
        s = self.styles
        doc = self.loaded.document
        try:
            info = self.loaded.image(image.path)  # read by the loader
        except (OSError, ValueError, PILImage.DecompressionBombError) as exc:
            raise RenderError(
                "image unreadable",
                [doc.diagnostic((*where, "path"), f"image {image.path!r} cannot be read: {exc}")],
            ) from None
        if info.width * info.height > MAX_IMAGE_PIXELS:
            raise RenderError(
                "image too large",
                [
                    doc.diagnostic(
                        (*where, "path"),
                        f"image {image.path!r} is {info.width} × {info.height} pixels; the memo embeds at most "
                        f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels",
                    )
                ],
            )
        self._figures += 1
        picture = Picture(
            info.file,
            strip_markup(image.alt),
            info.width,
            info.height,
            dpi=max(float(info.dpi), 72.0),
            max_height=self.geo.height * 0.5,
            space_before=s.para + 4,
            where=where,
        )
        caption = self._caption("figure_number", self._figures, image.caption)
        cap = para(caption, s.caption, align="centre", space_before=4, space_after=s.para)
        return [Box([picture, cap], space_before=s.para + 4, space_after=s.para)]
