"""The brief: every field of the format contract (``shared/brief-format.md``), typed and documented.

The loader hands this model plain strings (scalars are never guessed by YAML), so
``NO`` stays ``"NO"`` and ``1.10`` stays ``"1.10"``; dates and chart values are
converted here. Checks that need the file (image paths) or that compare fields
(``end_date`` before ``date``, ragged tables) live in :mod:`briefgen.checks`,
where they can point at the right line. The JSON Schema printed by
``briefgen schema`` is generated from these classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    if not re.fullmatch(r"https?://[^\s<>\"]+", value.strip()):
        raise ValueError(f"expected an http:// or https:// address, got {value!r}")
    return value.strip()


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    Field(json_schema_extra={"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
"""A calendar date written ``YYYY-MM-DD``."""

# Any scalar is read as text, so an editor checking YAML 1.2 types must accept `title: 2026` too.
_SCALAR_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "minLength": 1}, {"type": ["number", "boolean"]}]
}

Text = Annotated[str, AfterValidator(_not_blank), WithJsonSchema(_SCALAR_SCHEMA)]
"""Free text with inline ``**bold**``, ``*italic*`` and ``[label](https://…)`` markup."""

Cell = Annotated[
    str, BeforeValidator(_none_to_empty), WithJsonSchema({"type": ["string", "number", "boolean", "null"]})
]
"""A table cell: literal text; an empty cell is allowed."""

Url = Annotated[
    str, AfterValidator(_http_url), WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})
]
"""An ``http`` or ``https`` address."""

MAX_CHART_VALUE = 1e15
"""Chart values are bounded so that labels and axes stay printable (a quadrillion is plenty)."""


def _printable_magnitude(value: float) -> float:
    if abs(value) > MAX_CHART_VALUE:
        raise ValueError(f"{value:g} is out of range; chart values must lie within ±{MAX_CHART_VALUE:g}")
    return value


Number = Annotated[
    float,
    AfterValidator(_printable_magnitude),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$"},
            ]
        }
    ),
]
"""A finite number (a chart value)."""

Tone = Literal["positive", "neutral", "mixed", "cautious", "critical"]
ChartKind = Literal["bar", "column", "line", "pie"]


class Strict(BaseModel):
    """Base of every brief model: unknown keys are errors; values are frozen once loaded."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False, defer_build=True
    )


class Meeting(Strict):
    """The meeting the brief is about."""

    name: Text = Field(description="The meeting's full name.")
    short_name: Text | None = Field(
        None, description="A short name for running headers and footers, e.g. `58th AMM`."
    )
    date: Date = Field(description="The (first) day of the meeting, YYYY-MM-DD.")
    end_date: Date | None = Field(None, description="The last day, YYYY-MM-DD; not before `date`.")
    location: Text | None = Field(None, description="Where the meeting is held.")
    chair: Text | None = Field(None, description="Who chairs the meeting.")
    theme: Text | None = Field(None, description="The meeting's own theme or motto.")
    participants: list[Text] = Field(default_factory=list, description="Who takes part.")


class Memo(Strict):
    """The memo's header block."""

    to: Text | None = Field(None, description="The addressee.")
    from_: Text | None = Field(None, alias="from", description="The sender.")
    date: Date | None = Field(None, description="The memo's date, YYYY-MM-DD (default: the meeting's date).")
    prepared_by: Text | None = Field(None, description="The author; also the PDF and PPTX author.")
    organization: Text | None = Field(None, description="The organisation in the letterhead.")


class Quote(Strict):
    """A quotation with its speaker."""

    text: Text = Field(description="The words quoted, without quotation marks.")
    by: Text | None = Field(None, description="Who said it.")
    role: Text | None = Field(None, description="The speaker's role or title.")


class KeyPoint(Strict):
    """One key point: a title, its body, an optional quote and notes."""

    title: Text = Field(description="The point in a few words.")
    body: Text = Field(description="The point in full.")
    quote: Quote | None = Field(None, description="A quotation that supports the point.")
    notes: Text | None = Field(None, description="Speaker notes for the deck; the memo shows them as detail.")


class Position(Strict):
    """The stance of one actor: a country, bloc, organisation or person."""

    actor: Text = Field(description="Who holds the position.")
    summary: Text = Field(description="The stance in one or two sentences.")
    points: list[Text] = Field(default_factory=list, description="Supporting details.")


class Reaction(Strict):
    """How one outlet or official reacted."""

    outlet: Text = Field(description="The outlet or official.")
    country: Text | None = Field(None, description="The outlet's country.")
    tone: Tone | None = Field(None, description="positive, neutral, mixed, cautious or critical.")
    summary: Text = Field(description="What they said.")


class Table(Strict):
    """A table: column headings and rows of cells."""

    columns: list[Text] = Field(min_length=1, description="The column headings.")
    rows: list[list[Cell]] = Field(default_factory=list, description="Rows, each as long as `columns`.")
    caption: Text | None = Field(None, description="A caption under the table.")


class Series(Strict):
    """One data series of a chart."""

    name: Text = Field(description="The series name, shown in the legend.")
    values: list[Number] = Field(min_length=1, description="One number per category.")


class Chart(Strict):
    """A chart drawn natively in both outputs."""

    kind: ChartKind = Field(description="bar, column, line or pie.")
    title: Text | None = Field(None, description="The chart's title.")
    categories: list[Text] = Field(min_length=1, description="The category labels.")
    series: list[Series] = Field(min_length=1, description="The data, one value per category.")
    unit: Text | None = Field(None, description="The unit of the values, e.g. `USD bn` or `%`.")


class Image(Strict):
    """A PNG or JPEG picture from the brief's folder."""

    path: Text = Field(description="The file, relative to the brief's folder.")
    alt: Text = Field(description="A description of the picture for readers who cannot see it.")
    caption: Text | None = Field(None, description="A caption under the picture.")


BLOCK_KINDS = ("text", "bullets", "quote", "table", "chart", "image")


class Block(Strict):
    """A block of a section: a mapping with exactly one of its keys."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1, "maxProperties": 1})

    text: Text | None = Field(None, description="One paragraph.")
    bullets: list[Text] | None = Field(None, min_length=1, description="A bulleted list.")
    quote: Quote | None = Field(None, description="A quotation.")
    table: Table | None = Field(None, description="A table.")
    chart: Chart | None = Field(None, description="A chart.")
    image: Image | None = Field(None, description="A picture.")

    @model_validator(mode="before")
    @classmethod
    def _exactly_one(cls, data: Any) -> Any:
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


class Section(Strict):
    """A further section of typed blocks."""

    title: Text = Field(description="The section heading.")
    blocks: list[Block] = Field(min_length=1, description="The section's content, in order.")


class Source(Strict):
    """A reference the brief draws on."""

    title: Text = Field(description="The source's title.")
    publisher: Text | None = Field(None, description="Who published it.")
    date: Date | None = Field(None, description="When it was published, YYYY-MM-DD.")
    url: Url | None = Field(None, description="An http or https address.")


class Brief(Strict):
    """A brief: what a reader must know about one meeting (format version 1)."""

    model_config = ConfigDict(
        title="briefgen brief", json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"}
    )

    title: Text = Field(description="The memo's subject line and the deck's title.")
    subtitle: Text | None = Field(None, description="One line under the title.")
    classification: Text | None = Field(
        None,
        description="Handling marking, e.g. UNCLASSIFIED, PUBLIC, CONFIDENTIAL: a banner on every page and slide.",
    )
    theme: Text | None = Field(None, description="An installed theme's name or a path to a theme file.")
    language: Text = Field(
        "en", description="The brief's language as a BCP 47 tag, e.g. `en`, `en-GB`, `fr`."
    )
    meeting: Meeting = Field(description="The meeting.")
    memo: Memo = Field(
        default_factory=Memo, description="The memo header: to, from, date, prepared_by, organization."
    )
    summary: Text = Field(description="The bottom line up front: a few sentences.")
    key_points: list[KeyPoint] = Field(min_length=1, description="The key points, at least one.")
    positions: list[Position] = Field(default_factory=list, description="Stakeholder positions.")
    reactions: list[Reaction] = Field(default_factory=list, description="Media and official reactions.")
    outlook: Text | None = Field(None, description="What comes next.")
    recommendations: list[Text] = Field(
        default_factory=list, description="What the reader should do or decide."
    )
    highlights: list[Text] = Field(
        default_factory=list, description="The summary bullets a reader takes away."
    )
    sections: list[Section] = Field(default_factory=list, description="Further sections of typed blocks.")
    sources: list[Source] = Field(default_factory=list, description="References.")

    @property
    def date(self) -> dt.date:
        """The brief's own date: the memo's date, else the meeting's."""
        return self.memo.date or self.meeting.date
