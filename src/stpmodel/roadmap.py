"""The Roadmap aggregate: one parsed 工程表 with lookups, flattened views and deadlines."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeAlias, TypeVar, overload

import attrs

from stpmodel._record import Record
from stpmodel.dates import DateMention, Relation
from stpmodel.errors import ParseWarning, UnknownIdError
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    ItemKind,
    Ministry,
    Paragraph,
    Program,
    Section,
    StatusNote,
    Subsection,
)

__all__ = ["Deadline", "Deadlines", "Item", "Node", "Roadmap", "SourceInfo", "TreeNode"]

Item: TypeAlias = Initiative | Action
"""What carries deadlines: an initiative or an action."""

TreeNode: TypeAlias = (
    Section
    | Subsection
    | Initiative
    | StatusNote
    | Action
    | Indicator
    | Footnote
    | Paragraph
    | Goal
)
"""What [Roadmap.walk][stpmodel.Roadmap.walk] yields: an object of the document tree."""

Node: TypeAlias = TreeNode | Ministry | Program
"""Anything [Roadmap.get][stpmodel.Roadmap.get] can return: a tree object or a registry
entry."""

_N = TypeVar("_N")


@attrs.frozen(kw_only=True, repr=False, eq=False)
class SourceInfo(Record):
    """The text a roadmap was parsed from: its name, SHA-256 and number of lines."""

    name: str
    sha256: str
    line_count: int = 0


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Deadline(Record):
    """A date written on an initiative or action (期限): the ``item`` and its ``mention``."""

    item: Item
    mention: DateMention

    @property
    def kind(self) -> ItemKind:
        """[ItemKind.INITIATIVE][stpmodel.ItemKind] or `ItemKind.ACTION`: the kind of the
        item the date is written on (a string enum, so it equals `"action"` too)."""
        return self.item.kind


class Deadlines(tuple[Deadline, ...]):
    """The deadlines a query returns: a tuple that also shows itself as a table in
    notebooks."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        from stpmodel._html import deadlines_table

        return deadlines_table(self)


@attrs.frozen(kw_only=True, repr=False, eq=False)  # compared by identity, never shown
class _Index:
    by_id: dict[str, Node]
    parents: dict[str, str]
    initiatives: tuple[Initiative, ...]
    actions: tuple[Action, ...]
    status_notes: tuple[StatusNote, ...]
    indicators: tuple[Indicator, ...]
    deadlines: tuple[Deadline, ...]
    # positions in ``deadlines`` sorted by first / last written year, with those years
    by_first: tuple[int, ...]
    first_years: tuple[int, ...]
    by_last: tuple[int, ...]
    last_years: tuple[int, ...]
    # what queries derive on first use and keep for the life of the roadmap (search keys)
    memo: dict[str, Any] = attrs.field(factory=dict)


def _tree(
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


def _build_index(roadmap: Roadmap) -> _Index:
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
    return _Index(
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
    """``build(roadmap)``, computed on first use and kept with the roadmap's index (for
    derived lookups such as the search keys; the roadmap itself stays immutable)."""
    memo = roadmap._index.memo
    if key not in memo:
        memo[key] = build(roadmap)
    value: _N = memo[key]
    return value


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Roadmap(Record):
    """A parsed 工程表 (roadmap): its sections, the registries it refers to, the footnotes
    and the warnings the parser raised.

    Flattened views (:attr:`initiatives`, :attr:`actions`, :attr:`status_notes`,
    :attr:`indicators`) are in document order. :meth:`get` finds any object by its ID.
    """

    title: str
    edition: int | None = None
    source: SourceInfo
    sections: tuple[Section, ...] = ()
    ministries: Mapping[str, Ministry] = attrs.field(factory=dict)
    programs: Mapping[str, Program] = attrs.field(factory=dict)
    footnotes: Mapping[int, Footnote] = attrs.field(factory=dict)
    warnings: tuple[ParseWarning, ...] = ()
    _index: _Index = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", _build_index(self))

    __hash__ = None  # type: ignore[assignment]  # holds mappings: compare, do not hash

    # -- flattened views ----------------------------------------------------------------
    @property
    def subsections(self) -> tuple[Subsection, ...]:
        """Every subsection, in document order."""
        return tuple(sub for section in self.sections for sub in section.subsections)

    @property
    def initiatives(self) -> tuple[Initiative, ...]:
        """Every initiative (基本計画における具体的な取組), in document order."""
        return self._index.initiatives

    @property
    def actions(self) -> tuple[Action, ...]:
        """Every action (今後の取組方針), in document order."""
        return self._index.actions

    @property
    def status_notes(self) -> tuple[StatusNote, ...]:
        """Every status note (実施状況・現状分析), in document order."""
        return self._index.status_notes

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator (主要指標 and 参考指標), in document order."""
        return self._index.indicators

    # -- lookups ------------------------------------------------------------------------
    @overload
    def get(self, ident: str) -> Node: ...

    @overload
    def get(self, ident: str, kind: type[_N]) -> _N: ...

    def get(self, ident: str, kind: type[Any] | None = None) -> Any:
        """The object with this ID (``"6.1.2.a3"``, ``"fn94"``, ``"科技"``, ``"sip"`` …).

        With ``kind`` (``roadmap.get("6.1.2", Initiative)``) the object must be of that
        class, and type checkers know it is. Raises :class:`~stpmodel.UnknownIdError` (a
        ``KeyError``) when there is no such object, ``TypeError`` when it is of another kind.
        """
        try:
            found = self._index.by_id[ident]
        except KeyError:
            raise UnknownIdError(ident) from None
        if kind is not None and not isinstance(found, kind):
            raise TypeError(f"{ident!r} is a {type(found).__name__}, not a {kind.__name__}")
        return found

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and ident in self._index.by_id

    def _repr_html_(self) -> str:
        from stpmodel._html import render  # presentation lives outside the model

        return render(self)

    def parent(self, ident: str) -> Node | None:
        """The object that contains this one (the initiative of an action …), if any."""
        self.get(ident)
        key = self._index.parents.get(ident)
        return None if key is None else self._index.by_id[key]

    def walk(self) -> Iterator[TreeNode]:
        """Every object of the document tree, depth first in document order.

        Each section is followed by its vision paragraphs ([Paragraph][stpmodel.Paragraph]),
        goals, indicators and subsections; each subsection by its initiatives, each
        initiative by its status notes and actions. The footnotes come last. Registry
        entries (ministries, programs) are not part of the tree. Like pystac's
        `Catalog.walk()`, this is the one traversal every lookup, search and export reuses.

        ```python
        from stpmodel import Action

        actions = [node for node in roadmap.walk() if isinstance(node, Action)]
        ```
        """
        for node, _ in _tree(self.sections, self.footnotes):
            yield node

    def walk_with_parents(self) -> Iterator[tuple[TreeNode, TreeNode | None]]:
        """[walk][stpmodel.Roadmap.walk], each object paired with the object containing it
        (`None` for sections and footnotes)."""
        return _tree(self.sections, self.footnotes)

    # -- deadlines ----------------------------------------------------------------------
    def deadlines(
        self,
        *,
        from_year: int | None = None,
        to_year: int | None = None,
        ministry: str | None = None,
        program: str | None = None,
        relation: Relation | str | None = None,
        lead_only: bool = False,
    ) -> Deadlines:
        """The dates written on initiatives and actions, in document order.

        Status notes are left out: they record the past. ``from_year``/``to_year`` filter by
        the year as written (2027年度まで counts for 2027 though it ends in March 2028); a
        range counts when a year it writes — its first or its last (2017 and 2040 in
        2017年度から2040年度まで) — falls in the window. ``ministry`` keeps items
        tagged with that code (only where it leads, with ``lead_only``), ``program`` items
        that mention that program ID, ``relation`` mentions with that relation.
        """
        index = self._index
        if from_year is None and to_year is None:
            pool: Sequence[Deadline] = index.deadlines
        else:
            lo = -(10**9) if from_year is None else from_year
            hi = 10**9 if to_year is None else to_year
            # a mention counts when its first or its last written year is in the window:
            # two binary searches over indexes sorted by those years
            positions = set(
                index.by_first[
                    bisect.bisect_left(index.first_years, lo) : bisect.bisect_right(
                        index.first_years, hi
                    )
                ]
            )
            positions.update(
                index.by_last[
                    bisect.bisect_left(index.last_years, lo) : bisect.bisect_right(
                        index.last_years, hi
                    )
                ]
            )
            pool = [index.deadlines[pos] for pos in sorted(positions)]
        wanted = Relation(relation) if relation is not None else None
        result = []
        for deadline in pool:
            item = deadline.item
            if wanted is not None and deadline.mention.relation is not wanted:
                continue
            if ministry is not None and not any(
                ref.code == ministry and (ref.lead or not lead_only) for ref in item.ministries
            ):
                continue
            if program is not None and program not in item.programs:
                continue
            result.append(deadline)
        return Deadlines(result)
