"""Queries over a Roadmap: pure functions, with `as_of` always passed in.

Nothing here reads the clock: "what is overdue" is asked of a date the caller gives, so
results are reproducible and tests are deterministic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any, Self, SupportsIndex, overload

import attrs

from stpmodel._args import check_date, check_flag, check_kind, check_relation
from stpmodel._index import memoized
from stpmodel._text import search_key
from stpmodel.dates import DateMention, Period, Relation
from stpmodel.errors import ArgumentTypeError
from stpmodel.model import (
    Action,
    Indicator,
    Initiative,
    ItemKind,
    MinistryKind,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.roadmap import (
    Deadlines,
    Items,
    Nodes,
    Results,
    Roadmap,
    TreeNode,
)

__all__ = [
    "OVERDUE_RELATIONS",
    "Codes",
    "MinistryPair",
    "MinistryPairs",
    "actions_of",
    "co_responsibility",
    "deadlines",
    "due_date",
    "items_of",
    "ministries_of",
    "overdue",
    "programs_of",
    "search",
    "upcoming",
]


def due_date(mention: DateMention) -> dt.date:
    """Deprecated alias of `DateMention.due` (removed in the next release)."""
    import warnings

    warnings.warn(
        "stpmodel.query.due_date is deprecated; use DateMention.due",
        DeprecationWarning,
        stacklevel=2,
    )
    return mention.due


def deadlines(
    roadmap: Roadmap,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    program: str | None = None,
    relation: Relation | str | None = None,
    kind: ItemKind | str | None = None,
    fiscal_year: int | range | None = None,
    due_in: Period | tuple[dt.date, dt.date] | str | None = None,
    phase: int | None = None,
) -> Deadlines:
    """Deadlines by written year (`from_year`/`to_year`), by the fiscal year or window the
    due day falls in (`fiscal_year`, `due_in`), by date window (periods that
    overlap `start`..`end`), ministry (`lead_only` for the ministry in charge), program,
    relation and kind (`"initiative"` or `"action"`), a program's `phase`; in document
    order. Ministries and programs may be given by any name. See
    [Roadmap.deadlines][stpmodel.Roadmap.deadlines].
    """
    check_date(start, "start", optional=True)
    check_date(end, "end", optional=True)
    found = roadmap.deadlines(
        from_year=from_year,
        to_year=to_year,
        ministry=ministry,
        program=program,
        relation=relation,
        lead_only=lead_only,
        kind=kind,
        fiscal_year=fiscal_year,
        due_in=due_in,
        phase=phase,
    )
    if start is None and end is None:
        return found
    lo = start or dt.date.min
    hi = end or dt.date.max
    return Deadlines(
        d for d in found if d.mention.period.start <= hi and lo <= d.mention.period.end
    )


OVERDUE_RELATIONS: tuple[Relation, ...] = (Relation.BY, Relation.TARGET, Relation.DURING)
"""The relations that make a date a deadline one can miss: `by` (までに), `target`
(を目指して, 目途) and `during` (中に, a range). `from`, `as_of` and bare `at` dates say
when something starts or stands, not when it is due."""


def _relations(relations: Iterable[Relation | str], argument: str) -> frozenset[Relation]:
    if isinstance(relations, str):
        relations = (relations,)
    return frozenset(check_relation(r, argument) for r in relations)


def overdue(
    roadmap: Roadmap,
    as_of: dt.date,
    *,
    relations: Iterable[Relation | str] = OVERDUE_RELATIONS,
    kind: ItemKind | str | None = None,
) -> Deadlines:
    """Deadlines due before `as_of`: their due day
    ([DateMention.due][stpmodel.DateMention.due], the end of the period) has passed.

    By default `by`, `target` and `during` dates count ([OVERDUE_RELATIONS][stpmodel.query.OVERDUE_RELATIONS]):
    2024年7月までに is overdue on 2024-08-01, 2025年度を目指して and 2021年度中に once
    their fiscal year has ended. Pass `relations=("by",)` for strict deadlines only.

    ```python
    import datetime as dt
    from stpmodel import load, query

    late = query.overdue(load(), as_of=dt.date(2026, 4, 1))
    ```
    """
    check_date(as_of, "as_of")
    wanted = _relations(relations, "relations")
    return Deadlines(
        d
        for d in roadmap.deadlines(kind=kind)
        if d.mention.relation in wanted and d.mention.due < as_of
    )


def upcoming(
    roadmap: Roadmap,
    as_of: dt.date,
    within: dt.timedelta | int = 365,
    *,
    relations: Iterable[Relation | str] = OVERDUE_RELATIONS,
    kind: ItemKind | str | None = None,
) -> Deadlines:
    """Deadlines due from `as_of` up to `within` days later, soonest first; the same
    relations count as for [overdue][stpmodel.query.overdue], so every such date is
    either overdue or upcoming (or further away)."""
    check_date(as_of, "as_of")
    if isinstance(within, bool) or not isinstance(within, int | dt.timedelta):
        raise ArgumentTypeError("within", "days as an int or a datetime.timedelta", within)
    span = within if isinstance(within, dt.timedelta) else dt.timedelta(days=within)
    horizon = as_of + span
    wanted = _relations(relations, "relations")
    found = [
        d
        for d in roadmap.deadlines(kind=kind)
        if d.mention.relation in wanted and as_of <= d.mention.due <= horizon
    ]
    return Deadlines(sorted(found, key=lambda d: d.mention.due))


def actions_of(roadmap: Roadmap, ministry: str, *, lead_only: bool = False) -> Items[Action]:
    """Actions tagged with `ministry` (any name: `"文"`, `"MEXT"`, `"文部科学省"`), only
    where it leads with `lead_only`."""
    check_flag(lead_only, "lead_only")
    code = roadmap.ministry_code(ministry)
    return Items(
        a
        for a in roadmap.actions
        if any(r.code == code and (r.lead or not lead_only) for r in a.ministries)
    )


_ITEM_KINDS = (ItemKind.INITIATIVE, ItemKind.STATUS_NOTE, ItemKind.ACTION)
_DEADLINE_KINDS = (ItemKind.INITIATIVE, ItemKind.ACTION)


def items_of(
    roadmap: Roadmap,
    program: str,
    *,
    kind: ItemKind | str | None = None,
    inferred: bool = True,
) -> Items[Initiative | StatusNote | Action]:
    """Initiatives, status notes and actions linked to `program` (any name: `"sip"`,
    `"SIP"`, `"戦略的イノベーション創造プログラム"`), in document order; with `kind`
    (`"initiative"`, `"status_note"`, `"action"`) only those. With `inferred=False` only
    items whose text names the program (rules `explicit` and `alias`), leaving out links
    by a cue, a 次期 phase or the initiative's subject (docs/model.md)."""
    pid = roadmap.program_id(program)
    wanted = None if kind is None else check_kind(kind, "kind", _ITEM_KINDS)
    check_flag(inferred, "inferred")
    return Items(
        node
        for node in roadmap.walk()
        if isinstance(node, Initiative | StatusNote | Action)
        and (wanted is None or node.kind is wanted)
        and pid in node.programs
        and (inferred or any(m.program == pid and not m.inferred for m in node.program_mentions))
    )


def ministries_of(roadmap: Roadmap, program: str) -> Codes:
    """Codes of the ministries tagged on initiatives and actions that mention `program`,
    or on the initiative of a status note that does."""
    codes: dict[str, None] = {}
    for obj in items_of(roadmap, program):
        if isinstance(obj, StatusNote):
            refs = roadmap.get(obj.initiative_id, Initiative).ministries
        else:
            refs = obj.ministries
        codes.update(dict.fromkeys(r.code for r in refs))
    return _ministry_codes(roadmap, codes)


def programs_of(roadmap: Roadmap, ministry: str) -> Codes:
    """IDs of the programs mentioned by items tagged with `ministry` (or by the status
    notes of initiatives tagged with it)."""
    code = roadmap.ministry_code(ministry)
    found: dict[str, None] = {}
    for ini in roadmap.initiatives:
        tagged = any(r.code == code for r in ini.ministries)
        if tagged:
            found.update(dict.fromkeys(ini.programs))
            for note in ini.status_notes:
                found.update(dict.fromkeys(note.programs))
        for action in ini.actions:
            if any(r.code == code for r in action.ministries):
                found.update(dict.fromkeys(action.programs))
    names = {pid: p.name_ja for pid, p in roadmap.programs.items()}
    return Codes(found, {pid: names.get(pid, "") for pid in found})


def _ministry_codes(roadmap: Roadmap, codes: Iterable[str]) -> Codes:
    names = {code: m.name_ja for code, m in roadmap.ministries.items()}
    listed = list(codes)
    return Codes(listed, {code: names.get(code, "") for code in listed})


class Codes(Results[str]):
    """Ministry codes or program IDs a query returns: a tuple of strings that shows itself
    as a table of codes and names in notebooks."""

    _frame = "codes"
    _noun = "code"
    _names: dict[str, str]

    def __new__(cls, codes: Iterable[str] = (), names: Mapping[str, str] | None = None) -> Self:
        self = super().__new__(cls, codes)
        self._names = dict(names or {})
        return self

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> str: ...

    @overload
    def __getitem__(self, key: slice, /) -> Self: ...

    def __getitem__(self, key: SupportsIndex | slice, /) -> str | Self:
        if isinstance(key, slice):
            return type(self)(tuple(self)[key], self._names)
        return tuple.__getitem__(self, key)

    def records(self) -> list[dict[str, Any]]:
        """A [CodeRecord][stpmodel.records.CodeRecord] (`{"code", "name"}`) per code."""
        from stpmodel.records import code_records

        return [dict(r) for r in code_records(self, self._names)]


@attrs.frozen
class MinistryPair:
    """Two ministries tagged together on `count` items (`items`, their IDs)."""

    first: str
    second: str
    count: int
    items: tuple[str, ...]


class MinistryPairs(Results[MinistryPair]):
    """Ministry pairs with the number of items they share, most shared first
    ([co_responsibility][stpmodel.query.co_responsibility])."""

    __slots__ = ()
    _frame = "pairs"
    _unit = "組"
    _noun = "pair"

    def _label(self, result: MinistryPair) -> str:
        return f"{result.first}–{result.second} ({result.count})"

    def records(self) -> list[dict[str, Any]]:
        """A [MinistryPairRecord][stpmodel.records.MinistryPairRecord]
        (`{"first", "second", "count", "items"}`) per pair."""
        from stpmodel.records import ministry_pair_record

        return [dict(ministry_pair_record(p)) for p in self]

    def to_graph(self) -> Any:
        """A `networkx.Graph`: ministries as nodes, an edge per pair with its `weight`
        (the count) and `items`."""
        import networkx as nx

        graph = nx.Graph()
        for pair in self:
            graph.add_edge(pair.first, pair.second, weight=pair.count, items=pair.items)
        return graph


def co_responsibility(
    roadmap: Roadmap, kind: ItemKind | str | None = "action", *, collective: bool = False
) -> MinistryPairs:
    """Which ministries share responsibility: every pair of ministries tagged on the same
    item, with the number of such items, most shared first (then in registry order).

    `kind` counts actions (`"action"`, the default), initiatives (`"initiative"`) or both
    (`None`). The collective tags (関係府省, 関係府省庁, 全府省 … of kind
    [MinistryKind.COLLECTIVE][stpmodel.MinistryKind]) are left out unless `collective=True`.
    `.to_graph()` gives the same pairs as a weighted `networkx.Graph`.

    ```python
    pairs = query.co_responsibility(roadmap)
    pairs[0].first, pairs[0].second, pairs[0].count
    ```
    """
    from stpmodel.registry import default_ministries

    check_flag(collective, "collective")
    wanted = None if kind is None else check_kind(kind, "kind", _DEADLINE_KINDS)
    order = {code: i for i, code in enumerate(roadmap.ministries)}
    collective_codes = {
        code
        for code, m in {**default_ministries(), **roadmap.ministries}.items()
        if m.kind is MinistryKind.COLLECTIVE
    }
    shared: dict[tuple[str, str], list[str]] = {}
    for node in roadmap.walk():
        if not isinstance(node, Initiative | Action):
            continue
        if wanted is not None and node.kind is not wanted:
            continue
        codes = [r.code for r in node.ministries]
        if not collective:
            codes = [c for c in codes if c not in collective_codes]
        codes = sorted(set(codes), key=lambda c: (order.get(c, len(order)), c))
        for a, b in combinations(codes, 2):
            shared.setdefault((a, b), []).append(node.id)
    pairs = [
        MinistryPair(first=a, second=b, count=len(ids), items=tuple(ids))
        for (a, b), ids in shared.items()
    ]
    pairs.sort(key=lambda p: (-p.count, order.get(p.first, 0), order.get(p.second, 0)))
    return MinistryPairs(pairs)


def _body(node: TreeNode) -> str:
    """The text a search looks in: a title, a text, or an indicator's text and details."""
    if isinstance(node, Indicator):
        return node.text + "".join(node.details)
    if isinstance(node, Section | Subsection):
        return node.title
    return node.text


def search(roadmap: Roadmap, text: str) -> Nodes:
    """Objects whose text contains `text`, in document order.

    Matching ignores white space, width and case, so `"SIP"` finds `"S I P"` and
    `"２０２５年度"` finds `"2025 年度"`.
    """
    if not isinstance(text, str):
        raise ArgumentTypeError("text", "a str", text)
    key = search_key(text)
    if not key:
        return Nodes()
    return Nodes(obj for obj, body in memoized(roadmap, "search", _search_keys) if key in body)


def _search_keys(roadmap: Roadmap) -> tuple[tuple[TreeNode, str], ...]:
    return tuple((node, search_key(_body(node))) for node in roadmap.walk())
