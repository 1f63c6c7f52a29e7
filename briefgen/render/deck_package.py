"""The deck's package: document properties without leaks, and a zip rewritten to identical bytes per input.

python-pptx's default template carries its own metadata (``lastModifiedBy``
"Steve Canny", the description "generated using python-pptx", a 4:3 "Microsoft
Macintosh PowerPoint" ``app.xml`` and a thumbnail of an empty slide) and
stamps every zip entry with the current time. These functions replace all of it
with what the brief says, and date everything from the build's epoch.

python-pptx refuses a core property (``docProps/core.xml``) of more than 255
characters, so longer values are shortened at a word and end with "…". The
extended properties (``app.xml``: the slide titles) are written here, and their
schema sets no length limit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree
from pptx.presentation import Presentation

from briefgen.render.pptx_internals import Rel, drop_thumbnail, package_contents, set_part_blob

__all__ = [
    "CORE_PROPERTY_LIMIT",
    "DocumentInfo",
    "fit_property",
    "normalize_zip",
    "package_bytes",
    "set_document_info",
    "write_zip",
]

CORE_PROPERTY_LIMIT = 255
"""The most characters a core property (title, subject, keywords…) may hold."""

_ZIP_EPOCH_MIN = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can hold
_FIRST = ("[Content_Types].xml", "_rels/.rels")
_APP_XML = "/docProps/app.xml"
_SPACE = re.compile(r"\s")
_NS_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NS_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_JOINERS = frozenset("\u200c\u200d\u2060\ufe0e\ufe0f")  # keep with their neighbours


@dataclass(frozen=True)
class DocumentInfo:
    """What the deck's core and extended properties say: plain values, nothing from the file system."""

    title: str
    subject: str
    author: str
    keywords: str
    category: str
    language: str
    when: dt.datetime
    slide_titles: tuple[str, ...]


def epoch_datetime(epoch: int) -> dt.datetime:
    """The build's timestamp as a naive UTC datetime (python-pptx writes it with a ``Z``)."""
    return dt.datetime.fromtimestamp(max(0, epoch), tz=dt.timezone.utc).replace(tzinfo=None)


def set_document_info(prs: Presentation, info: DocumentInfo, *, notes: int) -> None:
    """Overwrite the core and extended properties and drop the template's thumbnail."""
    cp = prs.core_properties
    cp.title = fit_property(info.title)
    cp.subject = fit_property(info.subject)
    cp.author = fit_property(info.author)
    cp.last_modified_by = fit_property(info.author)
    cp.keywords = fit_property(info.keywords)
    cp.category = fit_property(info.category)
    cp.comments = ""
    cp.content_status = ""
    cp.identifier = ""
    cp.version = ""
    cp.language = fit_property(info.language)
    cp.revision = 1
    cp.created = info.when
    cp.modified = info.when
    if cp.last_printed is not None:
        cp.last_printed = info.when
    drop_thumbnail(prs)
    set_part_blob(prs, _APP_XML, _app_xml(len(info.slide_titles), notes, info.slide_titles))


def fit_property(value: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """``value`` if it has at most ``limit`` characters, else its start cut at a word and ended with "…".

    The cut falls at the last whitespace that leaves room for the "…", trailing
    separators dropped; a value with no whitespace in its second half is cut
    between characters instead (never between a letter and its combining marks).
    """
    if len(value) <= limit:
        return value
    room = limit - 1  # for the "…"
    spaces = [m.start() for m in _SPACE.finditer(value, 0, room + 1)]
    if spaces and spaces[-1] > room // 2:
        head = value[: spaces[-1]]
    else:
        cut = room
        while cut > 1 and (_joins(value[cut]) or value[cut - 1] in _JOINERS):
            cut -= 1
        head = value[:cut]
    return head.rstrip().rstrip(",;:").rstrip() + "…"


def _joins(ch: str) -> bool:
    """True if ``ch`` belongs with the character before it (a combining mark, a joiner, a variation selector)."""
    return ch in _JOINERS or unicodedata.category(ch) in ("Mn", "Me", "Mc")


def _app_xml(slides: int, notes: int, titles: Sequence[str]) -> bytes:
    vt = "".join(f"<vt:lpstr>{escape(t)}</vt:lpstr>" for t in titles)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<TotalTime>0</TotalTime><Application>briefgen</Application>"
        "<PresentationFormat>Custom</PresentationFormat>"
        f"<Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        '<HeadingPairs><vt:vector size="2" baseType="variant">'
        f"<vt:variant><vt:lpstr>Slide Titles</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(titles)}</vt:i4></vt:variant>"
        "</vt:vector></HeadingPairs>"
        f'<TitlesOfParts><vt:vector size="{len(titles)}" baseType="lpstr">{vt}</vt:vector></TitlesOfParts>'
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def package_bytes(prs: Presentation, *, epoch: int) -> bytes:
    """The presentation as a zip written once, entries stamped ``epoch``, in a fixed order (see :func:`normalize_zip`).

    The relationship and content-type items are the XML python-pptx writes, built
    straight with lxml rather than through python-pptx's element classes; on a
    python-pptx without the means, the presentation is saved by python-pptx and rewritten.
    """
    contents = package_contents(prs)
    if contents is None:
        out = io.BytesIO()
        prs.save(out)
        return normalize_zip(out.getvalue(), epoch=epoch)
    entries: dict[str, bytes] = {
        contents.content_types_member: _content_types_xml(contents.defaults, contents.overrides),
        contents.package_rels.rels_member: _rels_xml(contents.package_rels.rels),
    }
    for part in contents.parts:
        entries[part.member] = part.blob
        if part.rels:
            entries[part.rels_member] = _rels_xml(part.rels)
    return write_zip(entries, epoch)


def _rels_xml(rels: Iterable[Rel]) -> bytes:
    """A ``.rels`` item as python-pptx's ``_Relationships.xml`` writes it: in rId number order, external ones marked."""
    root = etree.Element(f"{{{_NS_RELS}}}Relationships", nsmap={None: _NS_RELS})
    numbered = sorted(
        ((int(r.r_id[3:]) if r.r_id.startswith("rId") and r.r_id[3:].isdigit() else 0, r.r_id), r)
        for r in rels
    )
    for _, rel in numbered:
        attrs = {"Id": rel.r_id, "Type": rel.reltype, "Target": rel.target}
        if rel.external:
            attrs["TargetMode"] = "External"
        etree.SubElement(root, f"{{{_NS_RELS}}}Relationship", attrs)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _content_types_xml(defaults: Iterable[tuple[str, str]], overrides: Iterable[tuple[str, str]]) -> bytes:
    """``[Content_Types].xml`` as python-pptx writes it: defaults sorted by extension, overrides by part name."""
    root = etree.Element(f"{{{_NS_TYPES}}}Types", nsmap={None: _NS_TYPES})
    for ext, content_type in sorted(defaults):
        etree.SubElement(root, f"{{{_NS_TYPES}}}Default", {"Extension": ext, "ContentType": content_type})
    for name, content_type in sorted(overrides):
        etree.SubElement(root, f"{{{_NS_TYPES}}}Override", {"PartName": name, "ContentType": content_type})
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def normalize_zip(data: bytes, *, epoch: int) -> bytes:
    """Return ``data`` (a zip) rewritten with every entry stamped ``epoch``, in a fixed order and compression.

    ``[Content_Types].xml`` and the package relationships come first, then the other
    entries sorted by name. Times before 1980 (the zip format's start) become 1980-01-01.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    return write_zip(entries, epoch)


def write_zip(entries: dict[str, bytes], epoch: int) -> bytes:
    """The entries as a deflated zip (level 6), stamped ``epoch``, in the order of :func:`normalize_zip`."""
    names = [n for n in _FIRST if n in entries] + sorted(n for n in entries if n not in _FIRST)
    date_time = _zip_date_time(epoch)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()


def _zip_date_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    stamp = dt.datetime.fromtimestamp(max(epoch, _ZIP_EPOCH_MIN), tz=dt.timezone.utc)
    return (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second - stamp.second % 2)
