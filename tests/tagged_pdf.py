"""A checker for the machine-checkable parts of PDF/UA-1 a tagged memo must meet, and a structure-order text dump.

:func:`check_tagged` returns the problems found (an empty list for a good file):
marking flags, ``/Lang``, ``DisplayDocTitle``, XMP title and PDF/UA identification,
a structure tree whose roles are standard or role-mapped, TH with ``Scope``,
Figure with ``Alt``, every text-showing, path-painting and image operator on every
page (and in the forms it draws) inside either an MCID'd sequence that a structure
element owns or an ``/Artifact``, no tagged content inside an artifact or the
reverse, a ``ParentTree`` whose entry for each page lists the owner of each MCID
and whose entry for each link annotation is the Link element holding its OBJR,
``/Contents`` on annotations, ``/Tabs /S``, and every font embedded with a ToUnicode map.
:func:`structure_text` lists the text of each marked-content item in structure order, as
a screen reader gets it: a line break inside one item is no space, so the drawing
code must end a wrapped line with its space. :func:`page_words` gives pdftotext's
words of each page less the artifacts' text, to compare with the structure's.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefgen.render.memo_tags import STANDARD_ROLES

__all__ = ["Scan", "check_tagged", "page_words", "scan", "structure_text"]

_TEXT_OPS = frozenset({"Tj", "TJ", "'", '"'})
_PAINT_OPS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "BI", "INLINE IMAGE"})

ObjGen = tuple[int, int]


@dataclass
class Scan:
    """What a pass over a tagged PDF found: the tree, the marked text, and the problems."""

    problems: list[str] = field(default_factory=list)
    owners: dict[tuple[int, int], ObjGen] = field(default_factory=dict)  # (page index, MCID) → element
    roles: dict[ObjGen, str] = field(default_factory=dict)  # element → standard role
    # element → its kids in order: (page index, MCID) for marked content, ("elem", element) for a child
    order: dict[ObjGen, list[tuple[Any, Any]]] = field(default_factory=dict)
    top: list[ObjGen] = field(default_factory=list)  # the tree's top elements
    objrs: dict[ObjGen, ObjGen] = field(default_factory=dict)  # annotation → element
    text: dict[tuple[int, int], str] = field(default_factory=dict)  # (page index, MCID) → its text
    artifacts: dict[int, list[str]] = field(default_factory=dict)  # page index → artifact texts


def check_tagged(pdf_path: str | Path) -> list[str]:
    """The PDF/UA problems of the file at ``pdf_path``; empty when none is found."""
    return scan(pdf_path).problems


def structure_text(pdf_path: str | Path) -> list[str]:
    """The text of every marked-content item, elements taken depth-first in structure order."""
    found = scan(pdf_path)
    texts: list[str] = []

    def walk(gen: ObjGen) -> None:
        for kind, value in found.order[gen]:
            if kind == "elem":
                walk(value)
            else:
                texts.append(found.text.get((kind, value), ""))

    for gen in found.top:
        walk(gen)
    return texts


def page_words(pdf_path: str | Path, pdftotext: str) -> list[str]:
    """pdftotext's words (``-layout``, page by page), each artifact's text taken out of its page once."""
    found = scan(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        count = len(pdf.pages)
    words: list[str] = []
    for index in range(count):
        page = [pdftotext, "-layout", "-f", str(index + 1), "-l", str(index + 1), str(pdf_path), "-"]
        out = subprocess.run(page, check=True, capture_output=True, text=True).stdout
        shown = re.sub("[\u202a-\u202e]", "", out).split()  # pdftotext's marks around right-to-left text
        for artifact in found.artifacts.get(index, []):
            shown = _remove_run(shown, artifact.split(), index + 1)
        words += shown
    return words


def _remove_run(words: list[str], run: list[str], number: int) -> list[str]:
    """``words`` without the first occurrence of the contiguous ``run``."""
    for i in range(len(words) - len(run) + 1):
        if words[i : i + len(run)] == run:
            return words[:i] + words[i + len(run) :]
    if re.search("[\u0590-\u08ff]", "".join(run)):
        # where Arabic meets digits pdftotext moves neutrals and may join or split words: the run's
        # letters and digits, counted, are looked for among a few more or fewer words
        want = Counter(ch for ch in "".join(run) if ch.isalnum())
        for size in sorted(range(max(1, len(run) - 2), len(run) + 3), key=lambda k: abs(k - len(run))):
            for i in range(len(words) - size + 1):
                if Counter(ch for ch in "".join(words[i : i + size]) if ch.isalnum()) == want:
                    return words[:i] + words[i + size :]
    raise AssertionError(f"page {number}: artifact text {run} is not in pdftotext's text")


def scan(pdf_path: str | Path) -> Scan:
    """Open the PDF and run every check."""
    out = Scan()
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        _check_catalog(pdf, out)
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            out.problems.append("no StructTreeRoot")
            return out
        role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", Dictionary()).items()}
        _walk_tree(tree, pages, role_map, out)
        parent_tree = dict(_number_tree(tree.get("/ParentTree")))
        if not parent_tree:
            out.problems.append("no ParentTree (or an empty one)")
        for index, page in enumerate(pdf.pages):
            _check_page(page, index, parent_tree, out)
    return out


def _check_catalog(pdf: pikepdf.Pdf, out: Scan) -> None:
    root = pdf.Root
    if not bool(root.get("/MarkInfo", Dictionary()).get("/Marked", False)):
        out.problems.append("MarkInfo /Marked is not true")
    if not str(root.get("/Lang", "")).strip():
        out.problems.append("no /Lang on the catalog")
    if not bool(root.get("/ViewerPreferences", Dictionary()).get("/DisplayDocTitle", False)):
        out.problems.append("ViewerPreferences /DisplayDocTitle is not true")
    if not str(pdf.docinfo.get("/Title", "")).strip():
        out.problems.append("no Title in the Info dictionary")
    meta = root.get("/Metadata")
    if meta is None:
        out.problems.append("no XMP metadata")
        return
    try:
        xmp = ET.fromstring(meta.read_bytes())
    except ET.ParseError as err:
        out.problems.append(f"XMP metadata is not well-formed XML: {err}")
        return
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "ua": "http://www.aiim.org/pdfua/ns/id/"}
    titles = [t.text for t in xmp.iterfind(".//dc:title//*", ns) if t.text and t.text.strip()]
    if not titles:
        out.problems.append("no dc:title in the XMP metadata")
    if [p.text for p in xmp.iterfind(".//ua:part", ns)] != ["1"]:
        out.problems.append("no pdfuaid:part 1 in the XMP metadata")


def _walk_tree(tree: Dictionary, pages: dict[ObjGen, int], role_map: dict[str, str], out: Scan) -> None:
    """Record every element's role and MCRs; check roles, TH Scope and Figure Alt."""

    def visit(elem: Dictionary, page: int | None) -> None:
        gen = elem.objgen
        page = pages.get(elem.Pg.objgen, page) if "/Pg" in elem else page
        role = str(elem.get("/S", ""))[1:]
        standard = role_map.get("/" + role, "/" + role)[1:]
        if standard not in STANDARD_ROLES:
            out.problems.append(f"structure role {role!r} is neither standard nor role-mapped")
        out.roles[gen] = standard
        if standard == "TH" and "Scope" not in _attribute_keys(elem):
            out.problems.append("a TH cell has no /Scope")
        if standard == "Figure" and not str(elem.get("/Alt", "")).strip():
            out.problems.append("a Figure has no /Alt")
        refs: list[tuple[Any, Any]] = []
        out.order[gen] = refs
        for kid in _as_list(elem.get("/K")):
            if isinstance(kid, int):
                refs.append(_own(out, page, kid, gen))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
                kid_page = pages.get(kid.Pg.objgen) if "/Pg" in kid else page
                refs.append(_own(out, kid_page, int(kid.MCID), gen))
            elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
                out.objrs[kid.Obj.objgen] = gen
            elif isinstance(kid, Dictionary):
                refs.append(("elem", kid.objgen))
                visit(kid, page)

    for top in _as_list(tree.get("/K")):
        out.top.append(top.objgen)
        visit(top, None)


def _own(out: Scan, page: int | None, mcid: int, gen: ObjGen) -> tuple[int, int]:
    if page is None:
        out.problems.append(f"MCID {mcid} of an element has no page")
        return (-1, mcid)
    if (page, mcid) in out.owners:
        out.problems.append(f"MCID {mcid} on page {page + 1} is owned by two elements")
    out.owners[(page, mcid)] = gen
    return (page, mcid)


def _attribute_keys(elem: Dictionary) -> set[str]:
    keys: set[str] = set()
    for attrs in _as_list(elem.get("/A")):
        if isinstance(attrs, Dictionary):
            keys |= {str(k)[1:] for k in attrs}
    return keys


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, Array):
        return list(value)
    return [value]


def _number_tree(node: Any) -> Iterator[tuple[int, object]]:
    if node is None:
        return
    nums = list(node.get("/Nums", Array()))
    for key, value in zip(nums[::2], nums[1::2]):
        yield int(key), value
    for kid in node.get("/Kids", Array()):
        yield from _number_tree(kid)


def _check_page(page: pikepdf.Page, index: int, parent_tree: dict[int, object], out: Scan) -> None:
    """Check the page's content, its ParentTree entry, its annotations and fonts."""
    number = index + 1
    used: set[int] = set()
    _check_stream(page.obj, page.obj.get("/Resources", Dictionary()), index, [], used, out, set())
    declared = sorted(mcid for (p, mcid) in out.owners if p == index)
    if sorted(used) != declared:
        out.problems.append(f"page {number}: MCIDs drawn {sorted(used)} but owned by the tree {declared}")
    if used:
        key = page.obj.get("/StructParents")
        entry = parent_tree.get(int(key)) if key is not None else None
        if not isinstance(entry, Array):
            out.problems.append(f"page {number}: no ParentTree array for its /StructParents")
        else:
            for mcid in used:
                owner = out.owners.get((index, mcid))
                if mcid >= len(entry) or entry[mcid].objgen != owner:
                    out.problems.append(
                        f"page {number}: ParentTree entry {mcid} is not the owner of MCID {mcid}"
                    )
    annots = list(page.obj.get("/Annots", Array()))
    if annots and page.obj.get("/Tabs") != Name.S:
        out.problems.append(f"page {number}: annotations but no /Tabs /S")
    for annot in annots:
        _check_annot(annot, number, parent_tree, out)


def _check_annot(annot: Any, number: int, parent_tree: dict[int, object], out: Scan) -> None:
    if annot.get("/Subtype") in (Name.Popup, Name.PrinterMark):
        return
    if not str(annot.get("/Contents", "")).strip():
        out.problems.append(f"page {number}: a {annot.get('/Subtype')} annotation has no /Contents")
    if annot.get("/Subtype") != Name.Link:
        return
    key = annot.get("/StructParent")
    if key is None:
        out.problems.append(f"page {number}: a Link annotation has no /StructParent")
        return
    owner = parent_tree.get(int(key))
    holder = out.objrs.get(annot.objgen)
    if not isinstance(owner, Dictionary) or owner.objgen != holder or out.roles.get(holder) != "Link":
        out.problems.append(
            f"page {number}: a Link annotation's ParentTree entry is not the Link holding its OBJR"
        )


@dataclass
class _Mark:
    """One open marked-content sequence: its tag and MCID (None when it has none)."""

    tag: str
    mcid: int | None
    text: list[str] = field(default_factory=list)  # what it shows, forms drawn inside it included
    actual: str | None = None  # its /ActualText, which stands for what it shows


def _check_stream(
    holder: Any,
    resources: Any,
    index: int,
    stack: list[_Mark],
    used: set[int],
    out: Scan,
    seen_fonts: set[ObjGen],
) -> None:
    """Walk one content stream (a page or a form) with the marked-content ``stack`` it starts in."""
    number = index + 1
    fonts = resources.get("/Font", Dictionary())
    decode: dict[bytes, str] = {}
    width = 1
    for instruction in pikepdf.parse_content_stream(holder):
        op = str(instruction.operator)
        operands = list(instruction.operands) if hasattr(instruction, "operands") else []
        if op in ("BDC", "BMC"):
            mark = _open_mark(operands, resources)
            inside_artifact = any(m.tag == "Artifact" for m in stack)
            inside_tagged = any(m.mcid is not None for m in stack)
            if (mark.tag == "Artifact" and inside_tagged) or (mark.mcid is not None and inside_artifact):
                out.problems.append(f"page {number}: tagged content and an artifact nest in each other")
            if mark.mcid is not None:
                if mark.mcid in used:
                    out.problems.append(f"page {number}: MCID {mark.mcid} is used twice")
                used.add(mark.mcid)
                if (index, mark.mcid) not in out.owners:
                    out.problems.append(f"page {number}: MCID {mark.mcid} is owned by no structure element")
            stack.append(mark)
        elif op == "EMC":
            if not stack:
                out.problems.append(f"page {number}: EMC without an open sequence")
                continue
            mark = stack.pop()
            text = "".join(mark.text) if mark.actual is None else mark.actual
            if mark.tag == "ReversedChars":  # ISO 32000 14.8.2.3.3: its strings are in reverse order
                text = text[::-1]
            if mark.mcid is None and mark.tag != "Artifact" and stack:
                stack[-1].text.append(text)  # a span inside tagged content: its text is its owner's
            if mark.mcid is not None:
                out.text[(index, mark.mcid)] = out.text.get((index, mark.mcid), "") + text
            elif mark.tag == "Artifact" and text:
                out.artifacts.setdefault(index, []).append(text)
        elif op == "BT" and stack and stack[-1].text:
            stack[-1].text.append(" ")  # a new text object is placed apart: a chart's labels are words
        elif op == "Tf":
            font = fonts.get(str(operands[0]))
            decode, width = _to_unicode(font) if font is not None else ({}, 1)
            if font is not None and font.objgen not in seen_fonts:
                seen_fonts.add(font.objgen)
                _check_font(font, number, out)
        elif op in _TEXT_OPS or op in _PAINT_OPS or op == "Do":
            what = "text" if op in _TEXT_OPS else "drawing"
            if op == "Do":
                xobject = resources.get("/XObject", Dictionary()).get(str(operands[0]))
                if xobject is not None and xobject.get("/Subtype") == Name.Form:
                    inner = xobject.get("/Resources", resources)
                    _check_stream(xobject, inner, index, stack, used, out, seen_fonts)
                    continue
                what = "an image"
            if not any(m.tag == "Artifact" or m.mcid is not None for m in stack):
                out.problems.append(f"page {number}: {what} ({op}) outside tagged content and artifacts")
            if op in _TEXT_OPS and stack:
                stack[-1].text.append(_shown_text(op, operands, decode, width))
    if stack and isinstance(holder, Dictionary) and "/Type" in holder and holder.Type == Name.Page:
        out.problems.append(f"page {number}: {len(stack)} marked-content sequences left open")


def _open_mark(operands: Sequence[Any], resources: Any) -> _Mark:
    tag = str(operands[0])[1:]
    props = operands[1] if len(operands) > 1 else None
    if isinstance(props, Name):
        props = resources.get("/Properties", Dictionary()).get(str(props))
    mcid = props.get("/MCID") if isinstance(props, Dictionary) else None
    actual = props.get("/ActualText") if isinstance(props, Dictionary) else None
    return _Mark(tag, None if mcid is None else int(mcid), actual=None if actual is None else str(actual))


def _check_font(font: Any, number: int, out: Scan) -> None:
    name = str(font.get("/BaseFont", "?"))
    if font.get("/Subtype") == Name.Type3:
        return
    described = font.DescendantFonts[0] if font.get("/Subtype") == Name.Type0 else font
    descriptor = described.get("/FontDescriptor", Dictionary())
    if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        out.problems.append(f"page {number}: font {name} is not embedded")
    if "/ToUnicode" not in font:
        out.problems.append(f"page {number}: font {name} has no ToUnicode map")


def _to_unicode(font: Any) -> tuple[dict[bytes, str], int]:
    """The font's ToUnicode map (code bytes → text) and its code length in bytes."""
    width = 2 if font.get("/Subtype") == Name.Type0 else 1
    cmap = font.get("/ToUnicode")
    if cmap is None:
        return {}, width
    data = cmap.read_bytes().decode("latin-1")
    found: dict[bytes, str] = {}

    def text(hexes: str) -> str:
        return bytes.fromhex(hexes).decode("utf-16-be", "replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            found[bytes.fromhex(src)] = text(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", block
        ):
            size = len(lo) // 2
            start, stop = int(lo, 16), int(hi, 16)
            targets = re.findall(r"<([0-9A-Fa-f]+)>", dst)
            for offset, code in enumerate(range(start, stop + 1)):
                if dst.startswith("["):
                    value = text(targets[offset]) if offset < len(targets) else ""
                else:
                    base = bytes.fromhex(targets[0])
                    value = (
                        (int.from_bytes(base, "big") + offset).to_bytes(len(base), "big").decode("utf-16-be")
                    )
                found[code.to_bytes(size, "big")] = value
    return found, width


def _shown_text(op: str, operands: Sequence[Any], decode: dict[bytes, str], width: int) -> str:
    strings = list(operands[0]) if op == "TJ" else [operands[-1]]
    shown = []
    for item in strings:
        if isinstance(item, pikepdf.String):
            raw = bytes(item)
            shown.append("".join(decode.get(raw[i : i + width], "") for i in range(0, len(raw), width)))
    return "".join(shown)
