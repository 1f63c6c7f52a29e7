"""Where the memo's ink goes in the PDF's structure tree: tags made with the story, nodes made as they are drawn.

The memo plan gives each block a :class:`~briefgen.layout.memo_blocks.Tag` when it is planned (its
role, its parent's tag, attributes such as a TH's scope or a Figure's alt text);
the node in the tree is made the first time the flowable draws, so the tree reads
in the order Platypus draws, which is the brief's order. The pieces of a split
flowable share its tag, so a paragraph carried over a page break is one element.
The canvas holds the document's :class:`~briefgen.render.memo_tags.Tagger`; a
flowable drawn on any other canvas draws untagged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from briefgen.layout.memo_blocks import Tag
from briefgen.render.memo_tags import Node, Tagger

__all__ = ["Tag", "decoration", "tagged", "tagger_of"]


def tagger_of(canv: Any) -> Tagger | None:
    """The tagger of the memo being drawn on ``canv`` (None on any other canvas)."""
    return getattr(canv, "tagger", None)


@contextlib.contextmanager
def tagged(
    canv: Any, tag: Tag, *, again: bool = False, bbox: tuple[float, float, float, float] | None = None
) -> Iterator[Node | None]:
    """Draw the body of the ``with`` as content of ``tag``; yields its node (None when untagged).

    ``again`` says the same flowable is being drawn a second time (a repeated header
    row): for a tag that ``repeats`` that ink is a pagination artifact.
    """
    tagger = tagger_of(canv)
    if tagger is None:
        yield None
        return
    if again and tag.repeats:
        with tagger.artifact(canv, "Pagination"):
            yield None
        return
    node = tag.resolve(tagger)
    with tagger.mark(canv, node, bbox=bbox):
        yield node


@contextlib.contextmanager
def decoration(canv: Any, kind: str = "Layout", subtype: str | None = None) -> Iterator[None]:
    """Draw the body of the ``with`` as an artifact (fills, bars, rules, running heads): not read aloud."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    with tagger.artifact(canv, kind, subtype):
        yield
