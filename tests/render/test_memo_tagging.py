"""Tags become structure nodes once, parents first, when drawn; untagged canvases draw plain; repeats are artifacts."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from briefgen.render.memo_tagging import Tag, decoration, tagged, tagger_of
from briefgen.render.memo_tags import Tagger


def _tagged_canvas() -> Canvas:
    canv = Canvas(io.BytesIO())
    canv.tagger = Tagger("en")  # type: ignore[attr-defined]
    return canv


def test_resolve_makes_the_node_once_and_its_parents_first() -> None:
    tagger = Tagger("en")
    listed = Tag("L")
    item = Tag("LI", listed)
    body, label = Tag("LBody", item), Tag("Lbl", item)
    assert listed.node is None and item.node is None
    node = body.resolve(tagger)
    assert listed.node is not None and item.node is not None  # made on the way
    assert node.role == "LBody" and node.parent is item.node and item.node.parent is listed.node
    assert body.resolve(tagger) is node  # the same node the second time
    other = label.resolve(tagger)
    assert other.parent is item.node  # siblings share their parent's node
    assert item.node.kids == [node, other]  # in the order they were asked for
    assert listed.node.kids == [item.node]


def test_resolve_passes_the_attributes_to_the_node() -> None:
    tagger = Tagger("en")
    th = Tag("TH", Tag("TR", Tag("Table")), {"scope": "Column"}).resolve(tagger)
    figure = Tag("Figure", attrs={"alt": "A map"}).resolve(tagger)
    assert th.scope == "Column" and figure.alt == "A map"


def test_on_a_plain_canvas_tagged_yields_none_and_draws_untagged() -> None:
    canv = Canvas(io.BytesIO())
    tag = Tag("P")
    assert tagger_of(canv) is None
    with tagged(canv, tag) as node:
        canv.drawString(10, 10, "hello")
    with decoration(canv):
        canv.line(0, 0, 10, 10)
    assert node is None and tag.node is None
    code = "\n".join(canv._code)
    assert "hello" in code
    assert "BDC" not in code and "EMC" not in code


def test_on_a_memo_canvas_tagged_marks_the_content_of_the_tags_node() -> None:
    canv = _tagged_canvas()
    tag = Tag("P")
    with tagged(canv, tag) as node:
        canv.drawString(10, 10, "hello")
    assert node is not None and node is tag.node
    code = "\n".join(canv._code)
    assert "/P <</MCID 0>> BDC" in code and "EMC" in code


def test_a_repeating_tag_drawn_again_is_a_pagination_artifact() -> None:
    canv = _tagged_canvas()
    header = Tag("TH", attrs={"scope": "Column"}, repeats=True)
    with tagged(canv, header) as first:
        canv.drawString(10, 10, "Name")
    start = len(canv._code)
    with tagged(canv, header, again=True) as again:
        canv.drawString(10, 10, "Name")
    assert first is not None and again is None
    repeat = "\n".join(canv._code[start:])
    assert "/Artifact" in repeat and "/Pagination" in repeat and "MCID" not in repeat
    assert first.kids and len(first.kids) == 1  # no second copy of the header in the tree


def test_a_tag_that_does_not_repeat_drawn_again_is_content_again() -> None:
    canv = _tagged_canvas()
    para = Tag("P")  # a paragraph split over two pages: both pieces belong to it
    with tagged(canv, para):
        canv.drawString(10, 10, "one")
    with tagged(canv, para, again=True) as again:
        canv.drawString(10, 10, "two")
    assert again is para.node
    assert para.node is not None and len(para.node.kids) == 2
