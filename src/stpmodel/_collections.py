"""The result collections a roadmap's queries return (deadlines, items, program
mentions, objects, observations), what they hold, and the type aliases of the tree.

Part of [stpmodel.roadmap][], which re-exports every name here; the classes are
documented and pickled under that module's name (`__module__` is ``stpmodel.roadmap``).
The annotations are evaluated when each class is defined (no postponed annotations), so
resolving them never depends on that module's namespace.
"""

from collections.abc import Iterable
from typing import Any, Self, SupportsIndex, TypeAlias, TypeVar, overload

import attrs

from stpmodel._recorded import one, rows
from stpmodel._shown import Shown, View
from stpmodel.dates import DateMention
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    ItemKind,
    Ministry,
    Observation,
    Paragraph,
    Program,
    ProgramMention,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.results import Results

__all__ = [
    "Deadline",
    "Deadlines",
    "Item",
    "Items",
    "Node",
    "Nodes",
    "Observations",
    "ProgramLink",
    "ProgramMentions",
    "TreeNode",
]

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

_I = TypeVar("_I", bound="Initiative | StatusNote | Action")


@attrs.frozen(kw_only=True)
class Deadline(Shown):
    """A date written on an initiative or action (期限): the `item` and its `mention`."""

    item: Item
    mention: DateMention

    @property
    def kind(self) -> ItemKind:
        """[ItemKind.INITIATIVE][stpmodel.ItemKind] or `ItemKind.ACTION`: the kind of the
        item the date is written on (a string enum, so it equals `"action"` too)."""
        return self.item.kind

    _views = (View("deadlines", one("deadline_record")),)


class Deadlines(Results[Deadline]):
    """The deadlines a query returns ([DeadlineRecord][stpmodel.records.DeadlineRecord]
    rows): a tuple that shows itself as a table in notebooks."""

    __slots__ = ()
    _frame = "deadlines"
    _noun = "deadline"

    def _label(self, result: Deadline) -> str:
        return f"{result.item.id} {result.mention.text}"

    def records(self) -> list[dict[str, Any]]:
        """One [DeadlineRecord][stpmodel.records.DeadlineRecord] per deadline."""

        from stpmodel.records import deadline_record

        return [dict(deadline_record(d)) for d in self]


class Items(Results[_I]):
    """Initiatives, status notes and actions a query returns
    ([ItemRecord][stpmodel.records.ItemRecord] rows): a tuple that shows itself as a table
    in notebooks."""

    __slots__ = ()
    _frame = "items"
    _noun = "item"

    def records(self) -> list[dict[str, Any]]:
        """One [ItemRecord][stpmodel.records.ItemRecord] per item."""
        from stpmodel.records import item_record

        return [dict(item_record(item)) for item in self]


@attrs.frozen(kw_only=True)
class ProgramLink(Shown):
    """A program mention on an item (or indicator): the `item` and its `mention`
    ([ProgramMention][stpmodel.ProgramMention])."""

    item: Initiative | StatusNote | Action | Indicator
    mention: ProgramMention

    _views = (
        View(
            "program_mentions",
            rows(lambda link, r: [r.program_mention_record(link.item, link.mention)]),
        ),
    )


class ProgramMentions(Results[ProgramLink]):
    """The program mentions a query returns
    ([ProgramMentionRecord][stpmodel.records.ProgramMentionRecord] rows: item, program,
    phase, words, span, period, inferred, rule): a tuple that shows itself as a table in
    notebooks."""

    __slots__ = ()
    _frame = "program_mentions"
    _noun = "mention"

    def _label(self, result: ProgramLink) -> str:
        mention = result.mention
        phase = "" if mention.phase is None else f" 第{mention.phase}期"
        return f"{result.item.id} {mention.program}{phase}"

    def records(self) -> list[dict[str, Any]]:
        """One [ProgramMentionRecord][stpmodel.records.ProgramMentionRecord] per mention."""
        from stpmodel.records import program_mention_record

        return [dict(program_mention_record(link.item, link.mention)) for link in self]


class Nodes(Results[TreeNode]):
    """Objects of any kind, as a search returns them
    ([NodeRecord][stpmodel.records.NodeRecord] rows)."""

    __slots__ = ()
    _frame = "nodes"
    _noun = "object"

    def records(self) -> list[dict[str, Any]]:
        """One [NodeRecord][stpmodel.records.NodeRecord] per object."""
        from stpmodel.records import node_record

        return [dict(node_record(node)) for node in self]


class Observations(Results[Observation]):
    """The values of indicators ([ObservationRecord][stpmodel.records.ObservationRecord]
    rows, each with its indicator and series), as
    [Roadmap.observations][stpmodel.Roadmap.observations] returns them: a tuple of
    [Observation][stpmodel.Observation]s whose frame is ready to chart (`indicator_id`,
    `series`, `label`, `value`, `unit`, `as_of_start`, `as_of_end`, `fiscal_year` …)."""

    _frame = "observations"
    _noun = "observation"
    _owners: tuple[tuple[str, str], ...]

    def __new__(cls, found: Iterable[tuple[Indicator, Observation]] = ()) -> Self:
        pairs = list(found)
        self = super().__new__(cls, (o for _, o in pairs))
        self._owners = tuple((ind.id, ind.series_of(o)) for ind, o in pairs)
        return self

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> Observation: ...

    @overload
    def __getitem__(self, key: slice, /) -> Self: ...

    def __getitem__(self, key: SupportsIndex | slice, /) -> Observation | Self:
        if isinstance(key, slice):
            chosen = tuple.__new__(type(self), tuple(self)[key])
            chosen._owners = self._owners[key]
            return chosen
        return tuple.__getitem__(self, key)

    def records(self) -> list[dict[str, Any]]:
        """One [ObservationRecord][stpmodel.records.ObservationRecord] per value."""
        from stpmodel.records import observation_record

        return [
            dict(observation_record(o, ident, series=series))
            for o, (ident, series) in zip(self, self._owners, strict=True)
        ]

    def _label(self, result: Observation) -> str:
        return result.text


for _public in (Deadline, Deadlines, Items, ProgramLink, ProgramMentions, Nodes, Observations):
    _public.__module__ = "stpmodel.roadmap"
