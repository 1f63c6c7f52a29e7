"""Where the memo's ink goes in the PDF's structure tree: tags made with the story, nodes made as they are drawn.

The memo writer gives each flowable a :class:`Tag` when it builds the story (its
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
from dataclasses import dataclass, field
from typing import Any

from briefgen.render.memo_tags import Node, Tagger

__all__ = ["Tag", "decoration", "tagged", "tagger_of"]


@dataclass(eq=False)
class Tag:
    """A structure element to be: its role, its parent's tag and attributes; ``node`` once it is drawn.

    ``repeats`` marks a table header cell: drawn again at the head of a later page,
    it is an artifact there, not a second copy of the header in the tree.
    """

    role: str
    parent: Tag | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    repeats: bool = False
    node: Node | None = None

    def resolve(self, tagger: Tagger) -> Node:
        """The tree node of this tag, made (with its parents) the first time it is asked for."""
        if self.node is None:
            parent = self.parent.resolve(tagger) if self.parent is not None else None
            self.node = tagger.node(self.role, parent, **self.attrs)
        return self.node


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
