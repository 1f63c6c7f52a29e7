"""The brief: every field of the format contract (``shared/brief-format.md``), typed and documented.

The loader hands this model plain strings (scalars are never guessed by YAML), so
``NO`` stays ``"NO"`` and ``1.10`` stays ``"1.10"``; dates and chart values are
converted here. Checks that need the file (image paths) or that compare fields
(``end_date`` before ``date``, ragged tables) live in :mod:`briefgen.load.checks`,
where they can point at the right line. The records are frozen dataclasses read
by :mod:`briefgen.load.typed` (pydantic only for a broken file's messages); the JSON
Schema printed by ``briefgen schema`` is generated from them by pydantic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import field
from typing import Annotated, Any, ClassVar, Literal

from briefgen.load.typed import Record, Rule, doc, record

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://[^\s<>\"]+")
_LANGUAGE_TAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3})"  # language (every registered one has 2 or 3 letters), extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?"  # region
    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*"  # variants
    r"(?:-[A-WYZa-wyz\d](?:-[A-Za-z\d]{2,8})+)*"  # extensions
    r"(?:-[xX](?:-[A-Za-z\d]{1,8})+)?"  # private use
)
_LANGUAGE = re.compile(_LANGUAGE_TAG)


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ValueError(f"impossible date {value!r} ({exc})") from None


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _none_to_empty(value: Any) -> Any:
    return "" if value is None else value


def _http_url(value: str) -> str:
    if not _URL.fullmatch(value.strip()):
        raise ValueError(f"expected an http:// or https:// address, got {value!r}")
    return value.strip()


def _language_tag(value: str) -> str:
    if not _LANGUAGE.fullmatch(value.strip()):
        raise ValueError(f"{value!r} is not a BCP 47 language tag; write e.g. en, en-GB, fr, th or zh-Hant")
    return value.strip()


Language = Annotated[
    str, Rule(after=_language_tag, schema={"type": "string", "pattern": f"^{_LANGUAGE_TAG}$"})
]
"""A BCP 47 language tag (RFC 5646), checked for its form: ``en``, ``en-GB``, ``zh-Hant-TW``."""

Date = Annotated[
    dt.date,
    Rule(
        before=_parse_date,
        schema={"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    ),
]
"""A calendar date written ``YYYY-MM-DD``."""

# Any scalar is read as text, so an editor checking YAML 1.2 types must accept `title: 2026` too.
_SCALAR_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean"]}]
}

Text = Annotated[str, Rule(after=_not_blank, schema=_SCALAR_SCHEMA)]
"""Free text with inline ``**bold**``, ``*italic*`` and ``[label](https://…)`` markup."""

Cell = Annotated[str, Rule(before=_none_to_empty, schema={"type": ["string", "number", "boolean", "null"]})]
"""A table cell: literal text; an empty cell is allowed."""

Url = Annotated[str, Rule(after=_http_url, schema={"type": "string", "pattern": r"^https?://\S+$"})]
"""An ``http`` or ``https`` address."""

MAX_CHART_VALUE = 1e15
"""Chart values are bounded so that labels and axes stay printable (a quadrillion is plenty)."""


def _printable_magnitude(value: float) -> float:
    if value != value or abs(value) > MAX_CHART_VALUE:  # NaN or too large (infinity included)
        raise ValueError(f"{value:g} is out of range; chart values must lie within ±{MAX_CHART_VALUE:g}")
    return value


Number = Annotated[
    float,
    Rule(
        after=_printable_magnitude,
        schema={
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"},
            ]
        },
    ),
]
"""A finite number (a chart value)."""

Tone = Literal["positive", "neutral", "mixed", "cautious", "critical"]
ChartKind = Literal["bar", "column", "line", "pie"]


@record
class Meeting(Record):
    """The meeting the brief is about."""

    name: Text = field(metadata=doc("The meeting's full name."))
    short_name: Text | None = field(
        default=None, metadata=doc("A short name for running headers and footers, e.g. `58th AMM`.")
    )
    date: Date = field(metadata=doc("The (first) day of the meeting, YYYY-MM-DD."))
    end_date: Date | None = field(default=None, metadata=doc("The last day, YYYY-MM-DD; not before `date`."))
    location: Text | None = field(default=None, metadata=doc("Where the meeting is held."))
    chair: Text | None = field(default=None, metadata=doc("Who chairs the meeting."))
    theme: Text | None = field(default=None, metadata=doc("The meeting's own theme or motto."))
    participants: list[Text] = field(default_factory=list, metadata=doc("Who takes part."))


@record
class Memo(Record):
    """The memo's header block."""

    to: Text | None = field(default=None, metadata=doc("The addressee."))
    from_: Text | None = field(default=None, metadata=doc("The sender.", alias="from"))
    date: Date | None = field(
        default=None, metadata=doc("The memo's date, YYYY-MM-DD (default: the meeting's date).")
    )
    prepared_by: Text | None = field(default=None, metadata=doc("The author; also the PDF and PPTX author."))
    organization: Text | None = field(default=None, metadata=doc("The organisation in the letterhead."))


@record
class Quote(Record):
    """A quotation with its speaker."""

    text: Text = field(metadata=doc("The words quoted, without quotation marks."))
    by: Text | None = field(default=None, metadata=doc("Who said it."))
    role: Text | None = field(default=None, metadata=doc("The speaker's role or title."))


@record
class KeyPoint(Record):
    """One key point: a title, its body, an optional quote and notes."""

    title: Text = field(metadata=doc("The point in a few words."))
    body: Text = field(metadata=doc("The point in full."))
    quote: Quote | None = field(default=None, metadata=doc("A quotation that supports the point."))
    notes: Text | None = field(
        default=None, metadata=doc("Speaker notes for the deck; the memo shows them as detail.")
    )


@record
class Position(Record):
    """The stance of one actor: a country, bloc, organisation or person."""

    actor: Text = field(metadata=doc("Who holds the position."))
    summary: Text = field(metadata=doc("The stance in one or two sentences."))
    points: list[Text] = field(default_factory=list, metadata=doc("Supporting details."))


@record
class Reaction(Record):
    """How one outlet or official reacted."""

    outlet: Text = field(metadata=doc("The outlet or official."))
    country: Text | None = field(default=None, metadata=doc("The outlet's country."))
    tone: Tone | None = field(default=None, metadata=doc("positive, neutral, mixed, cautious or critical."))
    summary: Text = field(metadata=doc("What they said."))


@record
class Table(Record):
    """A table: column headings and rows of cells."""

    columns: list[Text] = field(metadata=doc("The column headings.", min_length=1))
    rows: list[list[Cell]] = field(default_factory=list, metadata=doc("Rows, each as long as `columns`."))
    caption: Text | None = field(default=None, metadata=doc("A caption under the table."))


@record
class Series(Record):
    """One data series of a chart."""

    name: Text = field(metadata=doc("The series name, shown in the legend."))
    values: list[Number] = field(metadata=doc("One number per category.", min_length=1))


@record
class Chart(Record):
    """A chart drawn natively in both outputs."""

    kind: ChartKind = field(metadata=doc("bar, column, line or pie."))
    title: Text | None = field(default=None, metadata=doc("The chart's title."))
    categories: list[Text] = field(metadata=doc("The category labels.", min_length=1))
    series: list[Series] = field(metadata=doc("The data, one value per category.", min_length=1))
    unit: Text | None = field(default=None, metadata=doc("The unit of the values, e.g. `USD bn` or `%`."))


@record
class Image(Record):
    """A PNG or JPEG picture from the brief's folder."""

    path: Text = field(metadata=doc("The file, relative to the brief's folder."))
    alt: Text = field(metadata=doc("A description of the picture for readers who cannot see it."))
    caption: Text | None = field(default=None, metadata=doc("A caption under the picture."))


BLOCK_KINDS = ("text", "bullets", "quote", "table", "chart", "image")


@record
class Block(Record):
    """A block of a section: a mapping with exactly one of its keys."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        **Record.__pydantic_config__,
        "json_schema_extra": {"minProperties": 1, "maxProperties": 1},
    }

    text: Text | None = field(default=None, metadata=doc("One paragraph."))
    bullets: list[Text] | None = field(default=None, metadata=doc("A bulleted list.", min_length=1))
    quote: Quote | None = field(default=None, metadata=doc("A quotation."))
    table: Table | None = field(default=None, metadata=doc("A table."))
    chart: Chart | None = field(default=None, metadata=doc("A chart."))
    image: Image | None = field(default=None, metadata=doc("A picture."))

    @staticmethod
    def _before(data: Any) -> Any:
        if isinstance(data, dict):
            kinds = [k for k in data if k in BLOCK_KINDS]
            if len(kinds) > 1:
                raise ValueError(
                    f"a block holds exactly one of {', '.join(BLOCK_KINDS)}; this one has {', '.join(kinds)}"
                )
            if not data:
                raise ValueError(f"a block needs one of {', '.join(BLOCK_KINDS)}")
        return data

    @property
    def kind(self) -> str:
        """The block's kind: one of :data:`BLOCK_KINDS`."""
        return next(k for k in BLOCK_KINDS if getattr(self, k) is not None)

    @property
    def value(self) -> Any:
        """The block's content: a str, list of str, Quote, Table, Chart or Image."""
        return getattr(self, self.kind)


@record
class Section(Record):
    """A further section of typed blocks."""

    title: Text = field(metadata=doc("The section heading."))
    blocks: list[Block] = field(metadata=doc("The section's content, in order.", min_length=1))


@record
class Source(Record):
    """A reference the brief draws on."""

    title: Text = field(metadata=doc("The source's title."))
    publisher: Text | None = field(default=None, metadata=doc("Who published it."))
    date: Date | None = field(default=None, metadata=doc("When it was published, YYYY-MM-DD."))
    url: Url | None = field(default=None, metadata=doc("An http or https address."))


@record
class Brief(Record):
    """A brief: what a reader must know about one meeting (format version 1)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        **Record.__pydantic_config__,
        "title": "briefgen brief",
        "json_schema_extra": {"$schema": "https://json-schema.org/draft/2020-12/schema"},
    }

    title: Text = field(metadata=doc("The memo's subject line and the deck's title."))
    subtitle: Text | None = field(default=None, metadata=doc("One line under the title."))
    classification: Text | None = field(
        default=None,
        metadata=doc(
            "Handling marking, e.g. UNCLASSIFIED, PUBLIC, CONFIDENTIAL: a banner on every page and slide."
        ),
    )
    theme: Text | None = field(
        default=None, metadata=doc("An installed theme's name or a path to a theme file.")
    )
    language: Language = field(
        default="en", metadata=doc("The brief's language as a BCP 47 tag, e.g. `en`, `en-GB`, `fr`.")
    )
    meeting: Meeting = field(metadata=doc("The meeting."))
    memo: Memo = field(
        default_factory=Memo, metadata=doc("The memo header: to, from, date, prepared_by, organization.")
    )
    summary: Text = field(metadata=doc("The bottom line up front: a few sentences."))
    key_points: list[KeyPoint] = field(metadata=doc("The key points, at least one.", min_length=1))
    positions: list[Position] = field(default_factory=list, metadata=doc("Stakeholder positions."))
    reactions: list[Reaction] = field(default_factory=list, metadata=doc("Media and official reactions."))
    outlook: Text | None = field(default=None, metadata=doc("What comes next."))
    recommendations: list[Text] = field(
        default_factory=list, metadata=doc("What the reader should do or decide.")
    )
    highlights: list[Text] = field(
        default_factory=list, metadata=doc("The summary bullets a reader takes away.")
    )
    sections: list[Section] = field(default_factory=list, metadata=doc("Further sections of typed blocks."))
    sources: list[Source] = field(default_factory=list, metadata=doc("References."))
    labels: dict[str, Text] = field(
        default_factory=dict,
        metadata=doc(
            "Your own words for the fixed labels in the brief's language, e.g."
            " `bottom_line: Summary for the Minister`; keys and `{placeholders}` as in"
            " briefgen's `assets/locales/en.yaml`."
        ),
    )

    @property
    def date(self) -> dt.date:
        """The brief's own date: the memo's date, else the meeting's."""
        return self.memo.date or self.meeting.date


def json_schema() -> dict[str, Any]:
    """The brief format's JSON Schema (draft 2020-12), generated by pydantic from the records above."""
    from briefgen.load.typed import adapter

    schema: dict[str, Any] = adapter(Brief).json_schema(by_alias=True)
    return schema
