"""Matching the objects of two editions by content, level by level.

IDs are positions (``6.1.2.a3`` is the third action of the second initiative), so an
inserted bullet renumbers everything after it; the matcher never looks at them. It pairs:

1. sections by number and title, then subsections within matched sections the same way;
2. initiatives within matched subsections, by text;
3. status notes and actions within matched initiatives, by text;
4. indicators, vision paragraphs and goals within matched sections, footnotes across
   the document;

and at each level, what is left over is paired across the whole roadmap (an action that
went to another initiative is found there, and reported as moved).

Each level runs the same passes: identical keys first (the n-th old text with the n-th new
one, in document order), within the block and then across blocks; then similar keys
(`dice` at or above the threshold, best score first), within the
block and then across blocks, candidates picked by a bigram index.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from stpmodel.diff._text import CANDIDATE_POSTINGS, BigramIndex, bigrams, dice, normalize
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    Paragraph,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.roadmap import Roadmap

__all__ = ["KINDS", "Node", "Tree", "build_tree", "match"]

KINDS = (
    "section",
    "paragraph",
    "goal",
    "indicator",
    "subsection",
    "initiative",
    "status_note",
    "action",
    "footnote",
)
"""The kinds of object two editions are compared on, in the order the document has them."""

_CHILD_OVERLAP = 0.5  # share of children in common that pairs rewritten initiatives


class Node:
    """One object of an edition, with what matching needs to know about it."""

    __slots__ = (
        "_grams",
        "children",
        "group",
        "index",
        "key",
        "kind",
        "match",
        "obj",
        "order",
        "parent",
        "score",
        "text",
    )

    def __init__(
        self, kind: str, obj: Any, text: str, parent: Node | None, order: int, group: str = ""
    ) -> None:
        self.kind = kind
        self.obj = obj
        self.text = text
        self.key = normalize(text)
        self.parent = parent
        self.order = order
        self.group = group  # a sub-block of the parent (an indicator's kind)
        self.index = 0  # position among the parent's children of the same kind
        self.children: list[Node] = []
        self.match: Node | None = None
        self.score = 0.0
        self._grams: Counter[str] | None = None

    @property
    def grams(self) -> Counter[str]:
        """The bigrams of the key, computed on first use."""
        if self._grams is None:
            self._grams = bigrams(self.key)
        return self._grams

    def of(self, kind: str) -> list[Node]:
        """The children of one kind."""
        return [child for child in self.children if child.kind == kind]

    def __repr__(self) -> str:
        return f"Node({self.kind}, {getattr(self.obj, 'id', '')!r})"


class Tree:
    """Every object of one edition as nodes: sections at the top, footnotes beside them."""

    def __init__(self, roadmap: Roadmap) -> None:
        self.roadmap = roadmap
        self.sections: list[Node] = []
        self.footnotes: list[Node] = []
        self.all: list[Node] = []
        self._counts: Counter[tuple[int, str]] = Counter()

    def add(self, kind: str, obj: Any, text: str, parent: Node | None, group: str = "") -> Node:
        node = Node(kind, obj, text, parent, len(self.all), group)
        self.all.append(node)
        if parent is not None:
            node.index = self._counts[id(parent), kind]
            self._counts[id(parent), kind] += 1
            parent.children.append(node)
        return node

    def of(self, kind: str) -> list[Node]:
        """Every node of one kind, in document order."""
        return [node for node in self.all if node.kind == kind]


def indicator_text(text: str, details: Sequence[str]) -> str:
    """An indicator's text as compared: its line and the lines printed under it."""
    return "\n".join((text, *details))


_KIND_OF = {
    Section: "section",
    Paragraph: "paragraph",
    Goal: "goal",
    Indicator: "indicator",
    Subsection: "subsection",
    Initiative: "initiative",
    StatusNote: "status_note",
    Action: "action",
    Footnote: "footnote",
}


def build_tree(roadmap: Roadmap) -> Tree:
    """The nodes of ``roadmap`` in document order (one [walk][stpmodel.Roadmap.walk])."""
    tree = Tree(roadmap)
    nodes: dict[int, Node] = {}
    for obj, parent in roadmap.walk_with_parents():
        kind = _KIND_OF[type(obj)]
        up = None if parent is None else nodes[id(parent)]
        if isinstance(obj, Section | Subsection):
            text = obj.title
        elif isinstance(obj, Indicator):
            text = indicator_text(obj.text, obj.details)
        else:
            text = obj.text
        group = obj.kind.value if isinstance(obj, Indicator) else ""
        node = tree.add(kind, obj, text, up, group)
        nodes[id(obj)] = node
        if kind == "section":
            tree.sections.append(node)
        elif kind == "footnote":
            tree.footnotes.append(node)
    return tree


# -- the passes ---------------------------------------------------------------------------
def _link(old: Node, new: Node, score: float) -> None:
    old.match, new.match = new, old
    old.score = new.score = score


def _free(nodes: Iterable[Node]) -> list[Node]:
    return [node for node in nodes if node.match is None]


def _exact(olds: Sequence[Node], news: Sequence[Node], key: Callable[[Node], Any]) -> None:
    """Pair equal keys, the n-th old with the n-th new in document order."""
    waiting: dict[Any, deque[Node]] = {}
    for new in _free(news):
        waiting.setdefault(key(new), deque()).append(new)
    for old in _free(olds):
        queue = waiting.get(key(old))
        if queue:
            new = queue.popleft()
            _link(old, new, 1.0 if old.key == new.key else dice(old.grams, new.grams))


def _similar(
    olds: Sequence[Node], news: Sequence[Node], threshold: float, *, block: bool = False
) -> None:
    """Pair keys at least ``threshold`` alike, best score first (then nearest position).

    Candidates come from a bigram index, and within a ``block`` (the children of matched
    parents) also from the same position, so that a list of texts sharing nearly all their
    bigrams still pairs up; each old text is scored against a bounded number of new ones."""
    olds, news = _free(olds), _free(news)
    if not olds or not news:
        return
    index = BigramIndex([new.grams for new in news])
    scored: list[tuple[float, int, int, int]] = []
    for i, old in enumerate(olds):
        near = i * len(news) // len(olds) if block else None
        for j in index.candidates(old.grams, near=near):
            score = dice(old.grams, news[j].grams)
            if score >= threshold:
                scored.append((-score, abs(old.index - news[j].index), i, j))
    scored.sort()
    for negative, _, i, j in scored:
        if olds[i].match is None and news[j].match is None:
            _link(olds[i], news[j], -negative)


def _children_key(node: Node) -> Counter[str]:
    return Counter(child.key for child in node.children)


def _by_children(olds: Sequence[Node], news: Sequence[Node]) -> None:
    """Pair objects whose text changed beyond recognition but which keep at least half of
    their children (an initiative whose heading was rewritten)."""
    olds, news = _free(olds), _free(news)
    if not olds or not news:
        return
    keys = [_children_key(new) for new in news]
    owners: dict[str, list[int]] = {}
    for j, counted in enumerate(keys):
        for key in counted:
            owners.setdefault(key, []).append(j)
    # a child text found under many parents (a common bullet) tells them apart no better
    # than a common bigram; following it would compare every pair of those parents
    owners = {key: js for key, js in owners.items() if len(js) <= CANDIDATE_POSTINGS}
    scored: list[tuple[float, int, int]] = []
    for i, old in enumerate(olds):
        mine = _children_key(old)
        if not mine:
            continue
        for j in sorted({j for key in mine for j in owners.get(key, ())}):
            shared = (mine & keys[j]).total()
            overlap = shared / max(mine.total(), keys[j].total())
            if overlap >= _CHILD_OVERLAP:
                scored.append((-overlap, i, j))
    scored.sort()
    for _, i, j in scored:
        if olds[i].match is None and news[j].match is None:
            _link(olds[i], news[j], dice(olds[i].grams, news[j].grams))


Block = tuple[Sequence[Node], Sequence[Node]]


def _passes(
    blocks: Sequence[Block],
    pooled: Block,
    threshold: float,
    *,
    keys: Sequence[Callable[[Node], Any]] = (),
    by_children: bool = False,
) -> None:
    """Run every pass over ``blocks`` (pairs of matched parents' children), then over what
    is left of the whole roadmap (``pooled``: every object of the kind, those under
    unmatched parents too)."""
    pooled_old, pooled_new = pooled
    for key in (_key, *keys):
        for olds, news in blocks:
            _exact(olds, news, key)
        _exact(pooled_old, pooled_new, key)
    for olds, news in blocks:
        _similar(olds, news, threshold, block=True)
    _similar(pooled_old, pooled_new, threshold)
    if by_children:
        for olds, news in blocks:
            _by_children(olds, news)
        _by_children(pooled_old, pooled_new)


def _key(node: Node) -> str:
    return node.key


def _headings(olds: Sequence[Node], news: Sequence[Node], threshold: float) -> None:
    """Sections and subsections: by number and title, then by title alone, then by number
    where the title is alike or the children are mostly the same, then by title alike."""

    def number(node: Node) -> int:
        return int(node.obj.number)

    _exact(olds, news, lambda n: (number(n), n.key))
    _exact(olds, news, _key)
    numbered: dict[int, list[Node]] = {}
    for new in _free(news):
        numbered.setdefault(number(new), []).append(new)
    for old in _free(olds):
        for new in numbered.get(number(old), ()):
            if new.match is not None:
                continue
            score = dice(old.grams, new.grams)
            mine, theirs = _heading_children(old), _heading_children(new)
            shared = (mine & theirs).total() / max(mine.total(), theirs.total(), 1)
            if score >= threshold or shared >= _CHILD_OVERLAP:
                _link(old, new, score)
                break
    _similar(olds, news, threshold)


def _heading_children(node: Node) -> Counter[str]:
    kind = "subsection" if node.kind == "section" else "initiative"
    return Counter(child.key for child in node.of(kind))


def _pairs(olds: Sequence[Node], kind: str) -> list[Block]:
    return [(old.of(kind), old.match.of(kind)) for old in olds if old.match is not None]


def _name(node: Node) -> str:
    # an indicator's name (before the colon); an empty one pairs with nothing
    return normalize(node.obj.name) or f"\0{id(node)}"


def match(old: Tree, new: Tree, threshold: float) -> None:
    """Pair the nodes of two editions (sets ``match`` and ``score`` on both sides)."""
    _headings(old.sections, new.sections, threshold)
    for olds, news in _pairs(old.sections, "subsection"):
        _headings(olds, news, threshold)
    _headings(old.of("subsection"), new.of("subsection"), threshold)

    def everywhere(kind: str) -> Block:
        return old.of(kind), new.of(kind)

    subsections, initiatives = old.of("subsection"), old.of("initiative")
    _passes(
        _pairs(subsections, "initiative"), everywhere("initiative"), threshold, by_children=True
    )
    _passes(_pairs(initiatives, "status_note"), everywhere("status_note"), threshold)
    _passes(_pairs(initiatives, "action"), everywhere("action"), threshold)
    indicators = _pairs(old.sections, "indicator")
    _passes(indicators, everywhere("indicator"), threshold, keys=[_name])
    _passes(_pairs(old.sections, "paragraph"), everywhere("paragraph"), threshold)
    _passes(_pairs(old.sections, "goal"), everywhere("goal"), threshold)
    footnotes = (old.footnotes, new.footnotes)
    _passes([footnotes], footnotes, threshold)


def moved(node: Node) -> bool:
    """Whether a matched old node sits under another parent in the new edition."""
    partner = node.match
    if partner is None or node.parent is None or partner.parent is None:
        return False
    return node.parent.match is not partner.parent or node.group != partner.group
