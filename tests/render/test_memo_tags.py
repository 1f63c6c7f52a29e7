"""The Tagger on a small Platypus document: every mark owned, a consistent tree, PDF/A metadata, and its guards.

The flowables here are stand-ins for the memo's: each makes its structure element
when the story is built (so the tree is in story order) and marks what it draws;
a paragraph and a table split over a page break, the table's header row repeated
as an artifact, running heads and "Page N of M" forms as artifacts.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import require_tool
from PIL import Image, ImageCms
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.flowables import Flowable
from tagged_pdf import check_tagged, page_words, scan, structure_text

from briefgen.render.memo_tags import Node, Tagger

ROOT = Path(__file__).resolve().parents[2]
FONT = "TagTestSans"
SIZE = 10.0
LEAD = 13.0
PAGE = (320.0, 300.0)
URL = "https://example.org/report"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "assets/fonts/NotoSans/NotoSans-Regular.ttf")))
    return FONT


class Lines(Flowable):
    """Lines of text as one element (a heading or paragraph); splits between lines, one node for all parts."""

    def __init__(self, tagger: Tagger, node: Node, lines: Sequence[str], size: float = SIZE) -> None:
        super().__init__()
        self.tagger, self.node, self.lines, self.size = tagger, node, list(lines), size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, len(self.lines) * self.size * 1.3
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        fit = int(ah // (self.size * 1.3))
        if fit < 1 or fit >= len(self.lines):
            return []
        return [
            Lines(self.tagger, self.node, self.lines[:fit]),
            Lines(self.tagger, self.node, self.lines[fit:]),
        ]

    def draw(self) -> None:
        with self.tagger.mark(self.canv, self.node):
            text = self.canv.beginText(0, self.height - self.size)
            text.setFont(_font(), self.size, self.size * 1.3)
            for i, line in enumerate(self.lines):
                # a wrapped line keeps its space, or a reader of the tree hears "item 1.Paragraph"
                text.textLine(line if i == len(self.lines) - 1 else line + " ")
            self.canv.drawText(text)


class LinkLine(Flowable):
    """A paragraph "Read the report now." whose middle words are a Link element with its annotation."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger
        self.para = tagger.node("P")

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, LEAD

    def draw(self) -> None:
        canv, tagger = self.canv, self.tagger
        canv.setFont(_font(), SIZE)
        x = 0.0
        for words in ("Read the ", "full report", " now."):
            inline = words == "full report"
            # An inline element is made where it is drawn, so it sits between the marks either side.
            node = tagger.node("Link", self.para) if inline else self.para
            with tagger.mark(canv, node):
                canv.drawString(x, 3, words)
            width = pdfmetrics.stringWidth(words, _font(), SIZE)
            if inline:
                tagger.link(canv, node, URL, (x, 0, x + width, LEAD), contents="The full report")
            x += width


class ListFlow(Flowable):
    """A numbered list: L > LI > Lbl + LBody."""

    def __init__(self, tagger: Tagger, items: Sequence[str]) -> None:
        super().__init__()
        self.tagger = tagger
        self.items = []
        lst = tagger.node("L")
        for i, item in enumerate(items, start=1):
            li = tagger.node("LI", lst)
            self.items.append((f"{i}.", tagger.node("Lbl", li), item, tagger.node("LBody", li)))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, LEAD * len(self.items)

    def draw(self) -> None:
        self.canv.setFont(_font(), SIZE)
        y = LEAD * len(self.items) - SIZE
        for label, lbl, text, body in self.items:
            with self.tagger.mark(self.canv, lbl):
                self.canv.drawString(0, y, label)
            with self.tagger.mark(self.canv, body):
                self.canv.drawString(18, y, text)
            y -= LEAD


class TableFlow(Flowable):
    """A table whose header row is tagged once (TH, Scope Column) and repeated as an artifact after a split."""

    def __init__(
        self,
        tagger: Tagger,
        header: tuple[Sequence[str], Sequence[Node]],
        rows: Sequence[tuple[Sequence[str], Sequence[Node]]],
        repeat: bool = False,
    ) -> None:
        super().__init__()
        self.tagger, self.header, self.rows, self.repeat = tagger, header, list(rows), repeat

    @classmethod
    def make(cls, tagger: Tagger, header: Sequence[str], rows: Sequence[Sequence[str]]) -> TableFlow:
        table = tagger.node("Table")
        head_row = tagger.node("TR", table)
        head = (header, [tagger.node("TH", head_row, scope="Column") for _ in header])
        body = []
        for row in rows:
            tr = tagger.node("TR", table)
            body.append((row, [tagger.node("TD", tr) for _ in row]))
        return cls(tagger, head, body)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, LEAD * (1 + len(self.rows))
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        fit = int(ah // LEAD) - 1
        if fit < 1 or fit >= len(self.rows):
            return []
        first = TableFlow(self.tagger, self.header, self.rows[:fit], self.repeat)
        return [first, TableFlow(self.tagger, self.header, self.rows[fit:], repeat=True)]

    def draw(self) -> None:
        canv, tagger = self.canv, self.tagger
        canv.setFont(_font(), SIZE)
        y = self.height - SIZE
        words, nodes = self.header
        if self.repeat:
            with tagger.artifact(canv, "Pagination"):
                self._row(words, y)
        else:
            for i, (word, node) in enumerate(zip(words, nodes)):
                with tagger.mark(canv, node):
                    canv.drawString(i * 90, y, word)
        with tagger.artifact(canv, "Layout"):
            canv.line(0, y - 3, self.width, y - 3)
        for row_words, row_nodes in self.rows:
            y -= LEAD
            for i, (word, node) in enumerate(zip(row_words, row_nodes)):
                with tagger.mark(canv, node):
                    canv.drawString(i * 90, y, word)

    def _row(self, words: Sequence[str], y: float) -> None:
        for i, word in enumerate(words):
            self.canv.drawString(i * 90, y, word)


class FigureFlow(Flowable):
    """A picture and a drawn bar, one Figure with alt text and a BBox."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger
        self.node = tagger.node("Figure", alt="A bar chart: north 3, south 5.")
        buf = BytesIO()
        Image.new("RGB", (8, 4), (40, 90, 160)).save(buf, "PNG")
        self.image = ImageReader(BytesIO(buf.getvalue()))

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 40.0

    def draw(self) -> None:
        with self.tagger.mark(self.canv, self.node, bbox=(0, 0, 120, 40)):
            self.canv.drawImage(self.image, 0, 0, 80, 40)
            self.canv.rect(90, 0, 30, 25, stroke=0, fill=1)


class TaggedCanvas(Canvas):
    """Writes the "Page N of M" forms (drawn by each page's artifact) and the structure tree on save."""

    def __init__(self, *args: Any, tagger: Tagger, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger

    def save(self) -> None:
        total = self.getPageNumber() - 1
        for number in range(1, total + 1):
            self.beginForm(f"count-{number}", lowerx=-100, lowery=-2, upperx=1, uppery=12)
            self.setFont(_font(), 8)
            self.drawRightString(0, 0, f"Page {number} of {total}")
            self.endForm()
        self.tagger.finish(self)
        super().save()


def _decor(tagger: Tagger) -> Any:
    def on_page(canv: Canvas, doc: Any) -> None:
        canv.saveState()
        with tagger.artifact(canv, "Pagination", "Header"):
            canv.setFont(_font(), 8)
            canv.drawString(20, PAGE[1] - 20, "Running head")
        with tagger.artifact(canv, "Pagination", "Footer"):
            canv.line(20, 28, PAGE[0] - 20, 28)
            canv.translate(PAGE[0] - 20, 16)
            canv.doForm(f"count-{canv.getPageNumber()}")
        canv.restoreState()

    return on_page


PARAGRAPH = [f"Paragraph line {n} says something useful about item {n}." for n in range(1, 21)]
ROWS = [[f"Region{n}", f"{n * 7}", f"note{n}"] for n in range(1, 12)]


def build(path: Path, *, pdfa: bool = False, tagged: bool = True) -> Path:
    """The small document at ``path``; ``tagged=False`` draws the same without finishing the tree."""
    tagger = Tagger("en-GB", pdfa=pdfa)
    story: list[Flowable] = [
        Lines(tagger, tagger.node("H1"), ["Tagging proof"], size=16),
        Lines(tagger, tagger.node("P"), PARAGRAPH),
        ListFlow(tagger, ["First point", "Second point"]),
        Lines(tagger, tagger.node("H2"), ["Figures"], size=13),
        TableFlow.make(tagger, ["Region", "Count", "Note"], ROWS),
        FigureFlow(tagger),
        LinkLine(tagger),
    ]
    doc = BaseDocTemplate(
        str(path),
        pagesize=PAGE,
        title="Tagging proof",
        author="briefgen tests",
        subject="A tagged sample",
        keywords=["tags", "PDF/UA <1>"],
        creator="briefgen",
        lang="en-GB",
        invariant=1,
        initialFontName=_font(),
    )
    frame = Frame(20, 36, PAGE[0] - 40, PAGE[1] - 66, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate(id="all", frames=[frame], onPage=_decor(tagger))])

    class Maker(TaggedCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, tagger=tagger, **kwargs)
            if not tagged:
                self.tagger = _NoFinish(tagger)

    doc.build(story, canvasmaker=Maker)
    return path


class _NoFinish:
    """Stands in for the tagger at save time, so the marks are drawn but no tree is written."""

    def __init__(self, tagger: Tagger) -> None:
        self.tagger = tagger

    def finish(self, canv: Canvas) -> None:
        pass


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("tags") / "sample.pdf")


def _words(text: str) -> list[str]:
    return text.split()


def test_the_sample_has_no_pdfua_problem_and_spans_pages(sample: Path) -> None:
    assert check_tagged(sample) == []
    with pikepdf.open(sample) as pdf:
        assert len(pdf.pages) >= 2
        assert pdf.Root.Lang == "en-GB"
        assert pdf.pdf_version >= "1.7"


def test_split_flowables_are_one_element_with_content_on_two_pages(sample: Path) -> None:
    found = scan(sample)
    by_role: dict[str, list[list[tuple[int, int]]]] = {}
    for gen, items in found.order.items():
        refs = [item for item in items if item[0] != "elem"]
        by_role.setdefault(found.roles[gen], []).append(refs)
    paragraph = by_role["P"][0]
    assert len({page for page, _ in paragraph}) == 2, "the long paragraph continues on the next page"
    assert [len(refs) for refs in by_role["TH"]] == [1, 1, 1], "the repeated header is marked once"
    assert len(by_role["TD"]) == 3 * len(ROWS)
    table_pages = {page for refs in by_role["TD"] for page, _ in refs}
    assert len(table_pages) == 2, "the table is split over a page break"
    for role in ("Document", "H1", "H2", "L", "LI", "Lbl", "LBody", "Table", "TR", "Figure", "Link"):
        assert role in by_role


def test_structure_order_reads_like_the_story_and_like_pdftotext(sample: Path) -> None:
    expected = _words(
        " ".join(
            ["Tagging proof", *PARAGRAPH, "1. First point 2. Second point", "Figures", "Region Count Note"]
            + [" ".join(r) for r in ROWS]
            + ["Read the full report now."]
        )
    )
    assert _words(" ".join(structure_text(sample))) == expected
    assert page_words(sample, require_tool("pdftotext")) == expected
    # poppler reads the tree on its own: the same words in the same order
    dump = subprocess.run(
        [require_tool("pdfinfo"), "-struct-text", str(sample)], check=True, capture_output=True, text=True
    ).stdout
    quoted = re.findall(r'^\s*"(.*)"$', dump, re.M)
    assert _words(" ".join(quoted)) == expected


def test_the_tree_carries_scope_alt_bbox_and_the_link(sample: Path) -> None:
    with pikepdf.open(sample) as pdf:
        tree = pdf.Root.StructTreeRoot
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        document = tree.K[0]
        assert document.S == "/Document" and document.P.objgen == tree.objgen
        elements = list(_elements(document))
        ths = [e for e in elements if e.S == "/TH"]
        assert ths and all(e.A.Scope == "/Column" for e in ths)
        (figure,) = [e for e in elements if e.S == "/Figure"]
        assert str(figure.Alt) == "A bar chart: north 3, south 5."
        x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
        assert x1 - x0 == pytest.approx(120) and y1 - y0 == pytest.approx(40)
        links = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
        assert len(links) == 1
        (annot,) = links
        assert annot.A.URI == URL and str(annot.Contents) == "The full report"
        assert int(annot.F) & 4
        (link,) = [e for e in elements if e.S == "/Link"]
        objr = [k for k in link.K if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
        assert isinstance(document.K, pikepdf.Array) and not isinstance(ths[0].K, pikepdf.Array)
        assert [o.Obj.objgen for o in objr] == [annot.objgen]
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)


def _elements(elem: pikepdf.Dictionary) -> Any:
    yield elem
    kids = elem.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _elements(kid)


def test_metadata_names_the_title_and_pdfua(sample: Path) -> None:
    with pikepdf.open(sample) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
        assert "Filter" not in pdf.Root.Metadata.stream_dict
        assert "/OutputIntents" not in pdf.Root
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp and "pdfaid" not in xmp
    assert re.search(r'<rdf:li xml:lang="x-default">Tagging proof</rdf:li>', xmp)


def test_pdfa_has_its_identification_an_srgb_intent_and_xmp_equal_to_info(tmp_path: Path) -> None:
    path = build(tmp_path / "a.pdf", pdfa=True)
    assert check_tagged(path) == []
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "U"
        info = pdf.docinfo
        assert meta["dc:title"] == str(info.Title)
        assert meta["dc:creator"] == [str(info.Author)]
        assert meta["dc:description"] == str(info.Subject)
        assert meta["pdf:Producer"] == str(info.Producer)
        assert meta["xmp:CreatorTool"] == str(info.Creator)
        assert meta["pdf:Keywords"] == str(info.Keywords) == "tags, PDF/UA <1>"
        created = str(info.CreationDate)  # D:YYYYMMDDhhmmss+hh'mm'
        assert meta["xmp:CreateDate"].replace("-", "").replace(":", "").replace("T", "")[:14] == created[2:16]
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
        profile = ImageCms.ImageCmsProfile(BytesIO(intent.DestOutputProfile.read_bytes()))
        assert "sRGB" in ImageCms.getProfileDescription(profile)
        raw = pdf.Root.Metadata.read_bytes()
    ET.fromstring(raw)  # well-formed, with the extension schema that declares pdfuaid
    assert b"pdfaExtension:schemas" in raw and b"http://www.aiim.org/pdfua/ns/id/" in raw


def test_qpdf_finds_the_files_sound(sample: Path, tmp_path: Path) -> None:
    qpdf = require_tool("qpdf")
    for path in (sample, build(tmp_path / "a.pdf", pdfa=True)):
        done = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "No syntax or stream encoding errors" in done.stdout


def test_the_checker_reports_a_file_without_a_tree(tmp_path: Path) -> None:
    problems = check_tagged(build(tmp_path / "bare.pdf", tagged=False))
    assert "no StructTreeRoot" in problems
    assert "MarkInfo /Marked is not true" in problems


def test_the_checker_reports_untagged_ink_and_a_broken_tree(tmp_path: Path, sample: Path) -> None:
    broken = tmp_path / "broken.pdf"
    with pikepdf.open(sample) as pdf:
        page = pdf.pages[0]
        page.contents_add(pdf.make_stream(b"BT /F1 8 Tf 10 10 Td (loose) Tj ET 0 0 5 5 re f"), prepend=False)
        for elem in _elements(pdf.Root.StructTreeRoot.K[0]):
            if elem.S == "/Figure":
                del elem["/Alt"]
            if elem.S == "/TH":
                del elem["/A"]
        del pdf.pages[1].obj["/StructParents"]
        pdf.save(broken)
    problems = check_tagged(broken)
    assert "page 1: text (Tj) outside tagged content and artifacts" in problems
    assert "page 1: drawing (f) outside tagged content and artifacts" in problems
    assert "a Figure has no /Alt" in problems
    assert "a TH cell has no /Scope" in problems
    assert "page 2: no ParentTree array for its /StructParents" in problems


def test_the_tagger_refuses_what_pdfua_forbids(tmp_path: Path) -> None:
    tagger = Tagger("en")
    canv = Canvas(str(tmp_path / "x.pdf"))
    with pytest.raises(ValueError, match="TH needs scope"):
        tagger.node("TH")
    with pytest.raises(ValueError, match="Figure needs alternative text"):
        tagger.node("Figure", alt=" ")
    with pytest.raises(ValueError, match="unknown structure role"):
        tagger.node("Paragraph")
    with pytest.raises(ValueError, match="Link element"):
        tagger.link(canv, tagger.node("P"), URL, (0, 0, 1, 1))
    para = tagger.node("P")
    with tagger.mark(canv, para), pytest.raises(RuntimeError, match="do not nest"):
        tagger.begin_artifact(canv)
    canv.beginForm("f")
    with pytest.raises(RuntimeError, match="form XObject"):
        tagger.begin(canv, para)
    canv.endForm()
    tagger.begin(canv, para)
    canv.showPage()
    with pytest.raises(RuntimeError, match="spans a page break"):
        tagger.end(canv)


def test_a_role_map_names_custom_roles(tmp_path: Path) -> None:
    tagger = Tagger("en", role_map={"Callout": "P"})
    canv = TaggedCanvas(str(tmp_path / "r.pdf"), tagger=tagger, initialFontName=_font())
    canv.setTitle("Ταυτότητα & <όροι>")
    with tagger.element(canv, "Callout"):
        canv.setFont(_font(), SIZE)
        canv.drawString(20, 20, "Note this")
    with tagger.element(canv, "Figure", alt="แผนภูมิแท่ง", lang="th"):
        canv.rect(20, 40, 10, 10, fill=1)
    canv.save()
    assert check_tagged(tmp_path / "r.pdf") == []
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        assert pdf.Root.StructTreeRoot.RoleMap.Callout == "/P"
        figure = pdf.Root.StructTreeRoot.K[0].K[1]
        assert str(figure.Alt) == "แผนภูมิแท่ง" and str(figure.Lang) == "th"
        assert pdf.open_metadata()["dc:title"] == "Ταυτότητα & <όροι>" == str(pdf.docinfo.Title)


def test_an_independent_checker_finds_nothing_either(sample: Path, tmp_path: Path) -> None:
    """The PyPI ``pdfua`` tool (12 checks of the PDF/UA-1 machine-checkable rules; veraPDF is not installable here).

    Run as its own command, so its own dependencies and sys.path stay its own.
    """
    command = Path(sys.executable).with_name("pdfua")
    assert command.exists(), "pdfua is a test dependency (pip install -e '.[test]')"
    for path in (sample, build(tmp_path / "a.pdf", pdfa=True)):
        done = subprocess.run([command, "check", "--format", "json", path], capture_output=True, text=True)
        report = json.loads(done.stdout)
        assert report["findings"] == [] and report["skipped"] == [], done.stdout
        assert report["summary"]["rules_run"] >= 12
    bare = subprocess.run(
        [command, "check", "--format", "json", build(tmp_path / "bare.pdf", tagged=False)],
        capture_output=True,
        text=True,
    )
    assert {f["rule_id"] for f in json.loads(bare.stdout)["findings"]} >= {"UA-01-005", "UA-01-002"}
