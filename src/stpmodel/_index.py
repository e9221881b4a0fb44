"""The index a roadmap builds once: objects by ID, parents, the flattened views and the
deadlines sorted by year, plus what queries derive on first use ([memoized][])."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from stpmodel._collections import Deadline, Node, TreeNode
from stpmodel.model import Action, Footnote, Indicator, Initiative, Section, StatusNote

if TYPE_CHECKING:
    from stpmodel.roadmap import Roadmap

__all__ = ["Index", "build_index", "memoized", "tree"]

_N = TypeVar("_N")


@attrs.frozen(kw_only=True, repr=False, eq=False)  # compared by identity, never shown
class Index:
    by_id: dict[str, Node]
    parents: dict[str, str]
    initiatives: tuple[Initiative, ...]
    actions: tuple[Action, ...]
    status_notes: tuple[StatusNote, ...]
    indicators: tuple[Indicator, ...]
    deadlines: tuple[Deadline, ...]
    # positions in `deadlines` sorted by first / last written year, with those years
    by_first: tuple[int, ...]
    first_years: tuple[int, ...]
    by_last: tuple[int, ...]
    last_years: tuple[int, ...]
    # what queries derive on first use and keep for the life of the roadmap (search keys)
    memo: dict[str, Any] = attrs.field(factory=dict)


def tree(
    sections: Sequence[Section], footnotes: Mapping[int, Footnote]
) -> Iterator[tuple[TreeNode, TreeNode | None]]:
    """Every object of the tree with the object containing it, depth first in document
    order: each section, its vision paragraphs, goals, indicators and subsections, each
    subsection's initiatives, each initiative's status notes and actions; then the
    footnotes (which belong to no section)."""
    for section in sections:
        yield section, None
        for paragraph in section.vision:
            yield paragraph, section
        for goal in section.goals:
            yield goal, section
        for indicator in section.indicators:
            yield indicator, section
        for sub in section.subsections:
            yield sub, section
            for ini in sub.initiatives:
                yield ini, sub
                for note in ini.status_notes:
                    yield note, ini
                for action in ini.actions:
                    yield action, ini
    for footnote in footnotes.values():
        yield footnote, None


def build_index(roadmap: Roadmap) -> Index:
    by_id: dict[str, Node] = {}
    parents: dict[str, str] = {}
    initiatives: list[Initiative] = []
    actions: list[Action] = []
    notes: list[StatusNote] = []
    indicators: list[Indicator] = []
    deadlines: list[Deadline] = []
    for node, parent in roadmap.walk_with_parents():
        key = node.id
        by_id[key] = node
        if parent is not None:
            parents[key] = parent.id
        if isinstance(node, Initiative):
            initiatives.append(node)
            deadlines.extend(Deadline(item=node, mention=m) for m in node.dates)
        elif isinstance(node, Action):
            actions.append(node)
            deadlines.extend(Deadline(item=node, mention=m) for m in node.dates)
        elif isinstance(node, StatusNote):
            notes.append(node)
        elif isinstance(node, Indicator):
            indicators.append(node)
    for ministry in roadmap.ministries.values():
        by_id.setdefault(ministry.code, ministry)
    for program in roadmap.programs.values():
        by_id.setdefault(program.id, program)
    by_first = sorted(range(len(deadlines)), key=lambda i: deadlines[i].mention.period.year)
    by_last = sorted(range(len(deadlines)), key=lambda i: deadlines[i].mention.period.last_year)
    return Index(
        by_id=by_id,
        parents=parents,
        initiatives=tuple(initiatives),
        actions=tuple(actions),
        status_notes=tuple(notes),
        indicators=tuple(indicators),
        deadlines=tuple(deadlines),
        by_first=tuple(by_first),
        first_years=tuple(deadlines[i].mention.period.year for i in by_first),
        by_last=tuple(by_last),
        last_years=tuple(deadlines[i].mention.period.last_year for i in by_last),
    )


def memoized(roadmap: Roadmap, key: str, build: Callable[[Roadmap], _N]) -> _N:
    """`build(roadmap)`, computed on first use and kept with the roadmap's index (for
    derived lookups such as the search keys; the roadmap itself stays immutable)."""
    memo = roadmap._index.memo
    if key not in memo:
        memo[key] = build(roadmap)
    value: _N = memo[key]
    return value
