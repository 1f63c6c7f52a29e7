"""Fonts embedded in the deck: each face the slides draw in, subset to its characters, as PowerPoint packs them.

PresentationML embeds a font as a *font part* (``ppt/fonts/fontN.fntdata``,
content type ``application/x-fontdata``) holding an Embedded OpenType (EOT)
container, listed in ``presentation.xml``'s ``p:embeddedFontLst`` by typeface and
style (ECMA-376 Part 1, 19.2.1.9–10). The container here is EOT version 2.1
(``0x00020001``), uncompressed and unencrypted, around a TrueType subset made with
fontTools: only the glyphs of the characters the slides set in that face.

Only faces whose own family name is the one the deck names are embedded: the
fallback fonts (Noto Sans Arabic, Khmer, CJK…) and a theme's own fonts. A metric
twin (Carlito for Calibri, Liberation Sans for Arial) is never embedded under the
other's name: its licence reserves its name, and viewers that have the named
font use it anyway.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from briefgen.fonts import FontFace, FontFamily
from briefgen.layout.slides import DeckPlan, Para, TableFrame, TextBox

__all__ = [
    "FONT_CONTENT_TYPE",
    "FONT_REL",
    "EmbeddedFace",
    "embed_fonts",
    "eot",
    "faces_to_embed",
    "subset",
    "with_fonts",
]

FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
FONT_CONTENT_TYPE = "application/x-fontdata"
_STYLES = ("regular", "bold", "italic", "boldItalic")  # the order p:embeddedFont's children take
_FIELDS = {"regular": "regular", "bold": "bold", "italic": "italic", "boldItalic": "bold_italic"}
_EOT_VERSION = 0x00020001
_EOT_MAGIC = 0x504C
_TTEMBED_SUBSET = 0x00000001


@dataclass(frozen=True)
class EmbeddedFace:
    """One face to embed: the typeface the deck names, its style, its file and the characters set in it."""

    typeface: str
    style: str  # one of regular, bold, italic, boldItalic
    face: FontFace
    chars: frozenset[str]


def _paras(plan: DeckPlan) -> Iterable[Para]:
    for slide in plan.slides:
        for element in slide.elements():
            if isinstance(element, TextBox):
                yield from element.paras
            elif isinstance(element, TableFrame):
                for row in element.rows:
                    for cell in row:
                        yield from cell.paras


def _style(bold: bool, italic: bool) -> str:
    return _STYLES[(1 if bold else 0) + (2 if italic else 0)]


def faces_to_embed(plan: DeckPlan, families: Mapping[str, FontFamily]) -> list[EmbeddedFace]:
    """The faces of ``families`` (by the name the deck uses) that the slides set text in, with their characters.

    A family is embedded only when its file's own family name is the name the deck
    uses (not a metric twin standing in for another font).
    """
    used: dict[tuple[str, str], set[str]] = {}
    for para in _paras(plan):
        for run in para.runs:
            name = run.font or para.font
            family = families.get(name)
            if family is None or not run.text:
                continue
            # a style the family lacks is synthesised by the viewer from the face it falls back to
            face = family.face(run.bold, run.italic)
            style = next(k for k, f in _FIELDS.items() if getattr(family, f) is face)
            used.setdefault((name, style), set()).update(run.text)
    out = []
    for (name, style), chars in sorted(used.items()):
        face = getattr(families[name], _FIELDS[style])
        if face.family_name != name:
            continue
        drawn = frozenset(ch for ch in chars if face.covers(ch) and not ch.isspace()) | {" "}
        out.append(EmbeddedFace(name, style, face, drawn))
    return out


def subset(face: FontFace, chars: Iterable[str]) -> bytes:
    """A TrueType subset of ``face`` holding the glyphs of ``chars`` (and what shaping them needs), hinting dropped."""
    from fontTools import subset as ft_subset  # only a build that embeds fonts pays for fontTools
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same deck bytes for the same input
    font = TTFont(str(face.path), recalcTimestamp=False)  # tables read when the subsetter asks
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in chars}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _name(font: object, name_id: int) -> bytes:
    """Name ``name_id`` of the font as UTF-16LE, for the EOT header."""
    record = font["name"].getName(name_id, 3, 1, 0x409) or font["name"].getName(name_id, 1, 0, 0)  # type: ignore[index]
    return (record.toUnicode() if record else "").encode("utf-16-le")


def eot(ttf: bytes) -> bytes:
    """``ttf`` wrapped in an EOT 2.1 header (W3C EOT submission, 2008): uncompressed, not encrypted, marked a subset."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(ttf), lazy=True)
    os2, head = font["OS/2"], font["head"]
    panose = os2.panose
    panose_bytes = bytes(
        [
            panose.bFamilyType,
            panose.bSerifStyle,
            panose.bWeight,
            panose.bProportion,
            panose.bContrast,
            panose.bStrokeVariation,
            panose.bArmStyle,
            panose.bLetterForm,
            panose.bMidline,
            panose.bXHeight,
        ]
    )
    unicode_ranges = (os2.ulUnicodeRange1, os2.ulUnicodeRange2, os2.ulUnicodeRange3, os2.ulUnicodeRange4)
    code_pages = (getattr(os2, "ulCodePageRange1", 0), getattr(os2, "ulCodePageRange2", 0))
    italic = 1 if os2.fsSelection & 1 else 0
    fixed = struct.pack(
        "<LL10sBBLHH4L2LL4LH",
        _EOT_VERSION,
        _TTEMBED_SUBSET,
        panose_bytes,
        1,  # DEFAULT_CHARSET
        italic,
        os2.usWeightClass,
        os2.fsType,
        _EOT_MAGIC,
        *unicode_ranges,
        *code_pages,
        head.checkSumAdjustment,
        0,
        0,
        0,
        0,
        0,  # Padding1
    )
    names = b""
    for k, name_id in enumerate((1, 2, 5, 4)):  # family, style, version, full name
        value = _name(font, name_id)
        names += (struct.pack("<H", 0) if k else b"") + struct.pack("<H", len(value)) + value
    names += struct.pack("<HH", 0, 0)  # Padding5, RootStringSize (no root string: any document may use it)
    body = fixed + names
    total = 8 + len(body) + len(ttf)
    return struct.pack("<LL", total, len(ttf)) + body + ttf


def with_fonts(entries: dict[str, bytes], faces: list[EmbeddedFace]) -> dict[str, bytes]:
    """The package ``entries`` with ``faces`` embedded: font parts, their relationships, the list in presentation.xml."""
    if not faces:
        return entries
    out = dict(entries)
    rels = out["ppt/_rels/presentation.xml.rels"].decode("utf-8")
    taken = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels)}
    next_id = max(taken, default=0) + 1
    by_family: dict[str, list[tuple[str, str]]] = {}
    new_rels = []
    for n, item in enumerate(faces, start=1):
        member = f"ppt/fonts/font{n}.fntdata"
        out[member] = eot(subset(item.face, item.chars))
        r_id = f"rId{next_id}"
        next_id += 1
        new_rels.append(f'<Relationship Id="{r_id}" Type="{FONT_REL}" Target="fonts/font{n}.fntdata"/>')
        by_family.setdefault(item.typeface, []).append((item.style, r_id))
    out["ppt/_rels/presentation.xml.rels"] = rels.replace(
        "</Relationships>", "".join(new_rels) + "</Relationships>"
    ).encode("utf-8")
    types = out["[Content_Types].xml"].decode("utf-8")
    if 'Extension="fntdata"' not in types:
        default = f'<Default Extension="fntdata" ContentType="{FONT_CONTENT_TYPE}"/>'
        types = re.sub(r"(<Types[^>]*>)", r"\1" + default, types, count=1)
    out["[Content_Types].xml"] = types.encode("utf-8")
    out["ppt/presentation.xml"] = _listed(out["ppt/presentation.xml"].decode("utf-8"), by_family).encode(
        "utf-8"
    )
    return out


def _listed(xml: str, by_family: Mapping[str, list[tuple[str, str]]]) -> str:
    """presentation.xml with the faces in ``p:embeddedFontLst`` (made after ``p:notesSz`` if the base has none)."""
    from xml.sax.saxutils import quoteattr

    fonts = []
    for typeface, styles in by_family.items():
        order = sorted(styles, key=lambda s: _STYLES.index(s[0]))
        refs = "".join(f'<p:{style} r:id="{r_id}"/>' for style, r_id in order)
        fonts.append(f"<p:embeddedFont><p:font typeface={quoteattr(typeface)}/>{refs}</p:embeddedFont>")
    mine = "".join(fonts)
    if "<p:embeddedFontLst>" in xml:  # a template that embeds its own fonts keeps them
        xml = xml.replace("</p:embeddedFontLst>", mine + "</p:embeddedFontLst>", 1)
    else:
        listing = f"<p:embeddedFontLst>{mine}</p:embeddedFontLst>"
        xml, found = re.subn(r"(<p:notesSz\b[^>]*/>)", lambda m: m.group(1) + listing, xml, count=1)
        if not found:
            raise ValueError("presentation.xml has no p:notesSz to place the embedded font list after")
    root = re.search(r"<p:presentation\b[^>]*>", xml)
    assert root is not None
    tag = re.sub(r'\s(embedTrueTypeFonts|saveSubsetFonts)="[^"]*"', "", root.group(0))
    tag = tag.replace("<p:presentation", '<p:presentation saveSubsetFonts="1" embedTrueTypeFonts="1"', 1)
    return xml[: root.start()] + tag + xml[root.end() :]


def embed_fonts(data: bytes, faces: list[EmbeddedFace], *, epoch: int) -> bytes:
    """The deck ``data`` with ``faces`` embedded, rewritten in briefgen's fixed zip order and time."""
    import zipfile

    from briefgen.render.deck_package import write_zip

    if not faces:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    return write_zip(with_fonts(entries, faces), epoch)
