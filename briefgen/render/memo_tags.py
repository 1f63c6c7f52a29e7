"""Tagged PDF for the memo: marked content on the canvas, the structure tree and metadata when it is saved.

The drawing code holds one :class:`Tagger` per document and says, as it draws,
what each piece of ink is::

    title = tagger.node("H1")                          # a structure element (no ink yet)
    with tagger.mark(canv, title):                     # /H1 <</MCID n>> BDC ... EMC
        canv.drawString(...)
    with tagger.element(canv, "P", parent=section):    # node + mark in one step
        ...
    with tagger.artifact(canv, "Pagination", "Footer"):  # /Artifact <<...>> BDC ... EMC
        ...
    tagger.link(canv, link_node, url, rect)            # a Link annotation in the tree
    tagger.finish(canv)                                # just before Canvas.save()

A node is made where the brief's order is known (when the story is built), so the
tree reads in the brief's order, and the same node is marked by every part of a
flowable that Platypus splits over pages: each mark gets the next MCID of the page
it is drawn on. A node's kids (child nodes and marks) are in the order they were
made, so an inline child (a Link or a Span inside a paragraph) is made when it is
drawn, between the marks of the text either side. Nodes left without content are
dropped from the tree. Marks and artifacts never nest (PDF/UA forbids content that is both);
the tagger raises on a nested or page-spanning mark, a TH without ``scope`` or a
Figure without ``alt``: these are bugs in the drawing code, not brief errors.

Design: the tree is built through ReportLab's own PDF object layer
(:mod:`reportlab.pdfbase.pdfdoc`) rather than by a pikepdf pass over the saved file.
The drawing code has to emit the BDC/EMC operators itself either way, and it knows
at that moment the element, the page and the annotation; writing the tree from the
same record while ReportLab serialises the file needs no second parse, no runtime
dependency and no copy of the PDF (pikepdf stays a test dependency, to check the
result). The two ReportLab internals used are small and stable: ``canvas._code``
(the page's operator list, also used by ``canvas.drawText``) and the page objects in
``canvas._doc.Pages.pages``, which get ``/StructParents`` and ``/Tabs`` by widening
their key list.

``finish`` adds ``/MarkInfo``, ``/StructTreeRoot`` (``K``, a ``ParentTree`` number
tree keyed by each page's ``/StructParents`` and each link's ``/StructParent``,
``RoleMap`` for custom roles), ``/Lang``, ``DisplayDocTitle``, XMP metadata (the
Info dictionary's values, ``pdfuaid:part`` 1) and PDF 1.7; with ``pdfa`` also the
PDF/A-2u identification (with the extension schema that declares ``pdfuaid``) and
an sRGB output intent whose ICC profile Pillow's LittleCMS makes.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

__all__ = ["ARTIFACT_KINDS", "STANDARD_ROLES", "Node", "Tagger"]

# fmt: off
STANDARD_ROLES = frozenset([
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "H", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
])
# fmt: on
"""The standard structure types of ISO 32000-1, 14.8.4."""

ARTIFACT_KINDS = frozenset({"Pagination", "Layout", "Page", "Background"})
"""The artifact ``/Type`` values of ISO 32000-1, 14.8.2.2."""

_SCOPES = frozenset({"Row", "Column", "Both"})
_PDF_VERSION = (1, 7)  # PDF/UA-1 and PDF/A-2 are both built on ISO 32000-1 (PDF 1.7)


@dataclass(frozen=True)
class _Marked:
    """One marked-content sequence: its page (1-based) and MCID there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class _Annot:
    """A link annotation owned by a Link element: its page and ReportLab reference."""

    page: int
    ref: PDFObjectReference


@dataclass(eq=False)
class Node:
    """A structure element being built: role, attributes, and children in reading order."""

    role: str
    parent: Node | None
    alt: str | None = None
    actual_text: str | None = None
    lang: str | None = None
    scope: str | None = None
    title: str | None = None
    col_span: int = 1
    row_span: int = 1
    bbox: tuple[float, float, float, float] | None = None  # in default user space, set by a mark
    kids: list[Node | _Marked | _Annot] = field(default_factory=list)

    def has_content(self) -> bool:
        """True when this element or one below it owns marked content or an annotation."""
        return any(not isinstance(k, Node) or k.has_content() for k in self.kids)


@dataclass
class _Open:
    """The marked-content sequence now open on the canvas (they never nest)."""

    page: int
    what: str


class Tagger:
    """Records what the drawing code marks and writes the structure tree into the PDF on ``finish``."""

    def __init__(self, lang: str, *, pdfa: bool = False, role_map: Mapping[str, str] | None = None) -> None:
        self.lang = lang
        self.pdfa = pdfa
        self.role_map = dict(role_map or {})
        for custom, standard in self.role_map.items():
            if custom in STANDARD_ROLES or standard not in STANDARD_ROLES or not custom.isalnum():
                raise ValueError(f"role map {custom!r} → {standard!r}: map a new name to a standard role")
        self.root = Node("Document", None, lang=None)
        self._page_mcids: dict[int, list[Node]] = {}  # page → the owner of each MCID, by MCID
        self._page_keys: dict[int, int] = {}  # page → its /StructParents key
        self._annot_keys: list[tuple[int, Node]] = []  # (/StructParent key, Link element)
        self._next_key = 0
        self._open: _Open | None = None

    # -- structure ---------------------------------------------------------

    def node(
        self,
        role: str,
        parent: Node | None = None,
        *,
        alt: str | None = None,
        actual_text: str | None = None,
        lang: str | None = None,
        scope: str | None = None,
        title: str | None = None,
        col_span: int = 1,
        row_span: int = 1,
    ) -> Node:
        """A new structure element, the last child of ``parent`` (the Document when None)."""
        if role not in STANDARD_ROLES and role not in self.role_map:
            raise ValueError(f"unknown structure role {role!r}")
        standard = self.role_map.get(role, role)
        if standard == "TH" and scope not in _SCOPES:
            raise ValueError(f"a TH needs scope Row, Column or Both, not {scope!r}")
        if standard == "Figure" and not (alt or "").strip():
            raise ValueError("a Figure needs alternative text")
        owner = parent or self.root
        made = Node(role, owner, alt, actual_text, lang, scope, title, col_span, row_span)
        owner.kids.append(made)
        return made

    # -- marked content ----------------------------------------------------

    def begin(
        self, canv: Canvas, node: Node, *, bbox: tuple[float, float, float, float] | None = None
    ) -> int:
        """Open ``node``'s next marked-content sequence on the current page; return its MCID.

        ``bbox`` (x0, y0, x1, y1 in the canvas' current coordinates) is kept as the
        element's layout box, in page coordinates (a Figure's ``/BBox``).
        """
        if canv._formData is not None:  # set by beginForm until endForm
            raise RuntimeError("structure content inside a form XObject is not supported; mark the Do")
        page = self._start(canv, node.role)
        owners = self._page_mcids.setdefault(page, [])
        mcid = len(owners)
        owners.append(node)
        if page not in self._page_keys:
            self._page_keys[page] = self._take_key()
        node.kids.append(_Marked(page, mcid))
        if bbox is not None:
            node.bbox = _page_box(canv, bbox)
        canv._code.append(f"/{node.role} <</MCID {mcid}>> BDC")
        return mcid

    def begin_artifact(self, canv: Canvas, kind: str = "Layout", subtype: str | None = None) -> None:
        """Open an artifact (``kind``: Pagination, Layout, Page or Background; ``subtype``: Header, Footer, Watermark)."""
        if kind not in ARTIFACT_KINDS:
            raise ValueError(f"unknown artifact kind {kind!r}")
        if subtype not in (None, "Header", "Footer", "Watermark"):
            raise ValueError(f"unknown artifact subtype {subtype!r}")
        self._start(canv, "Artifact")
        props = f"/Type /{kind}" + (f" /Subtype /{subtype}" if subtype else "")
        canv._code.append(f"/Artifact <<{props}>> BDC")

    def end(self, canv: Canvas) -> None:
        """Close the open marked-content sequence (it must be on the page it was opened on)."""
        opened = self._open
        if opened is None:
            raise RuntimeError("end() without an open mark")
        if canv.getPageNumber() != opened.page:
            raise RuntimeError(f"a {opened.what} mark opened on page {opened.page} spans a page break")
        canv._code.append("EMC")
        self._open = None

    @contextlib.contextmanager
    def mark(
        self, canv: Canvas, node: Node, *, bbox: tuple[float, float, float, float] | None = None
    ) -> Iterator[int]:
        """Draw the body of the ``with`` as marked content of ``node``; yields the MCID."""
        mcid = self.begin(canv, node, bbox=bbox)
        try:
            yield mcid
        finally:
            self.end(canv)

    @contextlib.contextmanager
    def element(
        self,
        canv: Canvas,
        role: str,
        parent: Node | None = None,
        *,
        bbox: tuple[float, float, float, float] | None = None,
        **attrs: Any,
    ) -> Iterator[Node]:
        """A new element (see :meth:`node`) whose content is the body of the ``with``; yields the node."""
        made = self.node(role, parent, **attrs)
        with self.mark(canv, made, bbox=bbox):
            yield made

    @contextlib.contextmanager
    def artifact(self, canv: Canvas, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
        """Draw the body of the ``with`` as an artifact: not read aloud, not in the tree."""
        self.begin_artifact(canv, kind, subtype)
        try:
            yield
        finally:
            self.end(canv)

    def link(
        self,
        canv: Canvas,
        node: Node,
        url: str,
        rect: tuple[float, float, float, float],
        *,
        relative: int = 1,
        contents: str | None = None,
    ) -> None:
        """A URI link annotation over ``rect`` owned by the Link element ``node`` (OBJR + /StructParent)."""
        if self.role_map.get(node.role, node.role) != "Link":
            raise ValueError(f"a link annotation belongs to a Link element, not {node.role!r}")
        key = self._take_key()
        canv.linkURL(
            url,
            rect,
            relative=relative,
            thickness=0,
            StructParent=key,
            Contents=PDFString(contents or url),
            F=4,  # printable: PDF/A wants every annotation's flags, with Print set
        )
        node.kids.append(_Annot(canv.getPageNumber(), canv._annotationrefs[-1]))
        self._annot_keys.append((key, node))

    # -- the document ------------------------------------------------------

    def finish(self, canv: Canvas) -> None:
        """Write the structure tree, marking flags, metadata (and PDF/A parts) into ``canv``'s document.

        Call once, after the last page is drawn and before ``canv.save()``.
        """
        if self._open is not None:
            raise RuntimeError(f"a {self._open.what} mark is still open")
        if canv._code:
            canv.showPage()
        doc = canv._doc
        doc._pdfVersion = max(doc._pdfVersion, _PDF_VERSION)
        tree = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        refs = self._register(doc, doc.Reference(tree))
        for number, page in enumerate(doc.Pages.pages, start=1):
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
            page.Tabs = PDFName("S")
            if number in self._page_keys:
                page.StructParents = self._page_keys[number]
        entries: list[tuple[int, PDFObjectReference | list[PDFObjectReference]]] = []
        for page, key in self._page_keys.items():
            entries.append((key, [refs[id(n)] for n in self._page_mcids[page]]))
        entries += [(key, refs[id(owner)]) for key, owner in self._annot_keys]
        tree["K"] = PDFArray([refs[id(self.root)]])
        tree["ParentTree"] = doc.Reference(_ParentTree(entries))
        tree["ParentTreeNextKey"] = self._next_key
        if self.role_map:
            tree["RoleMap"] = PDFDictionary({k: PDFName(v) for k, v in sorted(self.role_map.items())})
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.Lang = PDFString(self.lang)
        canv.setViewerPreference("DisplayDocTitle", "true")
        pdfa = self.pdfa
        catalog.Metadata = XMP(creator=lambda d: _xmp(d, pdfa=pdfa))
        if pdfa:
            catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
            catalog.OutputIntents = PDFArray([_srgb_intent()])

    # -- internals ---------------------------------------------------------

    def _start(self, canv: Canvas, what: str) -> int:
        if self._open is not None:
            raise RuntimeError(f"a {what} mark inside an open {self._open.what} mark: marks do not nest")
        page = canv.getPageNumber()
        self._open = _Open(page, what)
        return page

    def _take_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    def _register(self, doc: Any, tree_root: PDFObjectReference) -> dict[int, PDFObjectReference]:
        """Make every element with content an indirect object; return their references by ``id``."""
        order: list[Node] = []

        def walk(node: Node) -> bool:
            """Append ``node`` (before its kids) when it has content; say whether it had."""
            at = len(order)
            order.append(node)
            found = False
            for kid in node.kids:
                found = (walk(kid) if isinstance(kid, Node) else True) or found
            if not found and node is not self.root:
                del order[at:]
            return found

        walk(self.root)
        elems = {id(n): _StructElem(n) for n in order}
        refs = {id(n): doc.Reference(elems[id(n)]) for n in order}
        for node in order:
            elems[id(node)].bind(refs[id(node.parent)] if node.parent is not None else tree_root, refs)
        return refs


class _StructElem(PDFObject):
    """A StructElem dictionary, formatted straight to bytes: a memo has hundreds, ReportLab's generic
    dictionary formatting costs ~20 µs each, this a few."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.parent: PDFObjectReference | None = None
        self.refs: Mapping[int, PDFObjectReference] = {}

    def bind(self, parent: PDFObjectReference, refs: Mapping[int, PDFObjectReference]) -> None:
        self.parent, self.refs = parent, refs

    def format(self, document: Any) -> bytes:
        node = self.node
        assert self.parent is not None
        first_page = next((k.page for k in node.kids if not isinstance(k, Node)), None)
        kids: list[str] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                ref = self.refs.get(id(kid))  # only elements with content were registered
                if ref is not None:
                    kids.append(_ref(ref, document))
            elif isinstance(kid, _Marked):
                if kid.page == first_page:
                    kids.append(str(kid.mcid))
                else:
                    kids.append(f"<< /Type /MCR /Pg {_page(kid.page, document)} /MCID {kid.mcid} >>")
            else:
                kids.append(
                    f"<< /Type /OBJR /Obj {_ref(kid.ref, document)} /Pg {_page(kid.page, document)} >>"
                )
        k = (
            kids[0] if len(kids) == 1 else f"[ {' '.join(kids)} ]"
        )  # a lone kid stands alone, as most writers do
        parts = [f"<< /Type /StructElem /S /{node.role} /P {_ref(self.parent, document)} /K {k}"]
        if first_page is not None:
            parts.append(f"/Pg {_page(first_page, document)}")
        for key, value in (
            ("Alt", node.alt),
            ("ActualText", node.actual_text),
            ("Lang", node.lang),
            ("T", node.title),
        ):
            if value is not None:
                parts.append(f"/{key} " + PDFString(value).format(document).decode("latin-1"))
        attributes = _attributes(node)
        if attributes:
            parts.append(f"/A {attributes[0]}" if len(attributes) == 1 else f"/A [ {' '.join(attributes)} ]")
        parts.append(">>")
        return " ".join(parts).encode("latin-1")


class _ParentTree(PDFObject):
    """The ParentTree number tree as one flat ``/Nums`` array: key → element, or → array of elements by MCID."""

    def __init__(self, entries: list[tuple[int, PDFObjectReference | list[PDFObjectReference]]]) -> None:
        self.entries = sorted(entries, key=lambda kv: kv[0])

    def format(self, document: Any) -> bytes:
        nums = []
        for key, value in self.entries:
            if isinstance(value, list):
                nums.append(f"{key} [ {' '.join(_ref(r, document) for r in value)} ]")
            else:
                nums.append(f"{key} {_ref(value, document)}")
        return ("<< /Nums [ " + "\n".join(nums) + " ] >>").encode("latin-1")


def _ref(ref: PDFObjectReference, document: Any) -> str:
    number, generation = document.idToObjectNumberAndVersion[ref.name]
    return f"{number} {generation} R"


def _page(page: int, document: Any) -> str:
    """The reference to page ``page`` (1-based), which ReportLab names ``Page<n>``."""
    return _ref(PDFObjectReference(f"Page{page}"), document)


def _attributes(node: Node) -> list[str]:
    """The element's attribute objects: Table (Scope, spans) and Layout (BBox, Placement)."""
    table = []
    if node.scope is not None:
        table.append(f"/Scope /{node.scope}")
    if node.col_span > 1:
        table.append(f"/ColSpan {node.col_span}")
    if node.row_span > 1:
        table.append(f"/RowSpan {node.row_span}")
    found = [f"<< /O /Table {' '.join(table)} >>"] if table else []
    if node.bbox is not None:
        box = " ".join(f"{v:.2f}" for v in node.bbox)
        found.append(f"<< /O /Layout /BBox [ {box} ] /Placement /Block >>")
    return found


def _page_box(canv: Canvas, box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """``box`` in the canvas' current coordinates as a box in default user space."""
    a, b, c, d, e, f = canv._currentMatrix
    x0, y0, x1, y1 = box
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0

_XMP_PDFUA_SCHEMA = """
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>"""


def _xmp(doc: Any, *, pdfa: bool) -> bytes:
    """The XMP packet: the Info dictionary's values, the PDF/UA (and with ``pdfa`` PDF/A-2u) identification."""
    info, stamp = doc.info, doc._timeStamp
    sign = "-" if stamp.dhh < 0 else "+"
    when = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}".format(*stamp.YMDhms)
    when += f"{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}"

    def text(value: object) -> str:
        if isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        return escape(_XML_INVALID.sub("", str(value)))

    def alt(value: object) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{text(value)}</rdf:li></rdf:Alt>'

    ids = ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' if pdfa else ""
    extension = (
        ' xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"'
        ' xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"'
        ' xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#"'
        if pdfa
        else ""
    )
    body = [
        f"   <dc:title>{alt(info.title)}</dc:title>",
        f"   <dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>",
        f"   <dc:description>{alt(info.subject)}</dc:description>",
        f"   <pdf:Keywords>{text(info.keywords)}</pdf:Keywords>",
        f"   <pdf:Producer>{text(info.producer)}</pdf:Producer>",
        f"   <pdf:Trapped>{text(info.trapped)}</pdf:Trapped>",
        f"   <xmp:CreatorTool>{text(info.creator)}</xmp:CreatorTool>",
        f"   <xmp:CreateDate>{when}</xmp:CreateDate>",
        f"   <xmp:ModifyDate>{when}</xmp:ModifyDate>",
        "   <pdfuaid:part>1</pdfuaid:part>",
    ]
    if pdfa:
        body += ["   <pdfaid:part>2</pdfaid:part>", "   <pdfaid:conformance>U</pdfaid:conformance>"]
        body.append(_XMP_PDFUA_SCHEMA)
    packet = "\n".join(
        [
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
            ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
            '  <rdf:Description rdf:about=""'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
            ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
            f' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"{ids}{extension}>',
            *body,
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
            '<?xpacket end="w"?>',
        ]
    )
    return packet.encode("utf-8")


def _srgb_intent() -> PDFDictionary:
    """A PDF/A output intent whose destination profile is sRGB (made by Pillow's LittleCMS)."""
    from PIL import ImageCms  # only a PDF/A memo needs it

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    profile = PDFStream(PDFDictionary({"N": 3}), icc, filters=[PDFZCompress])
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "RegistryName": PDFString("http://www.color.org"),
            "DestOutputProfile": profile,
        }
    )
