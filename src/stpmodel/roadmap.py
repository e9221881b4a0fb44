"""The Roadmap aggregate: one parsed 工程表 with lookups, flattened views and deadlines."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

import attrs

from stpmodel._args import (
    check_fiscal_years,
    check_flag,
    check_kind,
    check_relation,
    check_window,
    check_year,
)
from stpmodel._collections import (
    Deadline,
    Deadlines,
    Item,
    Items,
    Node,
    Nodes,
    Observations,
    ProgramLink,
    ProgramMentions,
    TreeNode,
)
from stpmodel._index import Index, build_index, memoized, tree
from stpmodel._recorded import one, rows
from stpmodel._shown import Shown, View, attributes
from stpmodel.dates import Period, Relation, fiscal_year_of
from stpmodel.errors import ParseWarning, UnknownIdError
from stpmodel.model import (
    Action,
    Footnote,
    Indicator,
    Initiative,
    ItemKind,
    Ministry,
    MinistryRef,
    Program,
    Section,
    StatusNote,
    Subsection,
    _summary_repr,
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
    "Results",
    "Roadmap",
    "SourceInfo",
    "TreeNode",
]


if TYPE_CHECKING:
    from stpmodel.registry import NameIndex

_N = TypeVar("_N")


@attrs.frozen(kw_only=True)
class SourceInfo(Shown):
    """The text a roadmap was parsed from: its name, SHA-256 and number of lines."""

    name: str
    sha256: str
    line_count: int = 0

    _views = (View("source_info", attributes()),)


@attrs.frozen(kw_only=True)
class Roadmap(Shown):
    """A parsed 工程表 (roadmap): its sections, the registries it refers to, the footnotes
    and the warnings the parser raised.

    Flattened views ([initiatives][stpmodel.Roadmap.initiatives],
    [actions][stpmodel.Roadmap.actions], [status_notes][stpmodel.Roadmap.status_notes],
    [indicators][stpmodel.Roadmap.indicators]) are in document order;
    [walk][stpmodel.Roadmap.walk] goes over the whole tree and [get][stpmodel.Roadmap.get]
    finds any object by its ID.
    """

    __repr__ = _summary_repr  # a summary line, not the tree below

    title: str
    edition: int | None = None
    source: SourceInfo
    sections: tuple[Section, ...] = ()
    ministries: Mapping[str, Ministry] = attrs.field(factory=dict)
    programs: Mapping[str, Program] = attrs.field(factory=dict)
    footnotes: Mapping[int, Footnote] = attrs.field(factory=dict)
    warnings: tuple[ParseWarning, ...] = ()
    _index: Index = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_index", build_index(self))

    __hash__ = None  # type: ignore[assignment]  # holds mappings: compare, do not hash

    _views = (  # one row of counts, then the subsections
        View("roadmap", one("roadmap_record")),
        View(
            "sections",
            rows(
                lambda roadmap, r: [
                    r.subsection_record(sub, section.id)
                    for section in roadmap.sections
                    for sub in section.subsections
                ]
            ),
        ),
    )

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

    def observations(self, indicator: str | None = None) -> Observations:
        """Every value the indicators report, in document order (only those of the
        indicator with this ID, with `indicator`), as an
        [Observations][stpmodel.roadmap.Observations] collection: `.to_frame()` has one
        row per value with its indicator, series, label, unit, period and fiscal year.

        ```python
        frame = roadmap.observations().to_frame()
        frame.pivot_table(index="fiscal_year", columns="series", values="value")
        ```
        """
        chosen = self.indicators if indicator is None else (self.get(indicator, Indicator),)
        return Observations((ind, o) for ind in chosen for o in ind.observations)

    # -- lookups ------------------------------------------------------------------------
    @overload
    def get(self, ident: str) -> Node: ...

    @overload
    def get(self, ident: str, kind: type[_N]) -> _N: ...

    def get(self, ident: str, kind: type[Any] | None = None) -> Any:
        """The object with this ID (`"6.1.2.a3"`, `"fn94"`, `"科技"`, `"sip"` …), or the
        ministry or program this name stands for (`"MEXT"`, `"SIP"`, `"文部科学省"`: see
        [ministry][stpmodel.Roadmap.ministry] and [program][stpmodel.Roadmap.program]).

        With `kind` (`roadmap.get("6.1.2", Initiative)`) the object must be of that
        class, and type checkers know it is. Raises [UnknownIdError][stpmodel.UnknownIdError] (a
        `KeyError`, with close ministry and program names) when there is no such object,
        `TypeError` when it is of another kind.
        """
        found = self._index.by_id.get(ident) if isinstance(ident, str) else None
        if found is None:
            found = self._named(ident)
        if kind is not None and not isinstance(found, kind):
            raise TypeError(f"{ident!r} is a {type(found).__name__}, not a {kind.__name__}")
        return found

    def _named(self, name: str) -> Ministry | Program:
        """The ministry, else the program, `name` stands for; an UnknownIdError with the
        close names of both otherwise."""
        if not isinstance(name, str):
            raise UnknownIdError(repr(name))
        lookups: tuple[Callable[[str], Ministry | Program], ...] = (self.ministry, self.program)
        for lookup in lookups:
            try:
                return lookup(name)
            except UnknownIdError:
                continue
        ministries = memoized(self, "ministry-names", _ministry_names)
        programs = memoized(self, "program-names", _program_names)
        folded = name_key(name)
        matches = [*ministries.close_matches(folded, 3, name=name)]
        matches += programs.close_matches(folded, 3, name=name)
        raise UnknownIdError(name, matches=matches)

    def ministry(self, name: str) -> Ministry:
        """The [Ministry][stpmodel.Ministry] `name` stands for (any name
        [ministry_code][stpmodel.Roadmap.ministry_code] resolves: `"文"`, `"MEXT"`,
        `"文部科学省"`, `"文科省"`), from this roadmap's registry or else the default one.

        Raises [UnknownIdError][stpmodel.UnknownIdError] with close matches on every
        spelling (`"Ministry of Education"` offers 文).
        """
        code = self.ministry_code(name)
        found = self.ministries.get(code)
        if found is None:
            from stpmodel.registry import default_ministries

            found = default_ministries()[code]
        return found

    def program(self, name: str) -> Program:
        """The [Program][stpmodel.Program] `name` stands for (an ID, acronym, alias or name,
        as [program_id][stpmodel.Roadmap.program_id] resolves them: `"SIP"`, `"sip"`),
        from this roadmap's catalog or else the default one. Errors as for
        [ministry][stpmodel.Roadmap.ministry]."""
        pid = self.program_id(name)
        found = self.programs.get(pid)
        if found is None:
            from stpmodel.registry import default_programs

            found = default_programs()[pid]
        return found

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and ident in self._index.by_id

    def to_frame(self, what: str = "actions", *, engine: str = "pandas") -> Any:
        """A DataFrame of `what` (`"actions"`, `"deadlines"`, `"item_programs"` … any
        table of the exports): the same as
        [stpmodel.to_frame][stpmodel.export.frame.to_frame]`(roadmap, what)`; a
        `pandas.DataFrame` (extra `pandas`), or with `engine="polars"` a
        `polars.DataFrame` (extra `polars`; pandas is not imported)."""
        from stpmodel.export.frame import to_frame

        return to_frame(self, what, engine=engine)

    def to_arrow(self, what: str = "actions") -> Any:
        """A `pyarrow.Table` of `what` (extra `parquet`), typed from the table's record:
        see [stpmodel.export.arrow][]."""
        from stpmodel.export.arrow import to_arrow

        return to_arrow(self, what)

    def parent(self, ident: str) -> Node | None:
        """The object that contains this one (the initiative of an action …), if any."""
        self.get(ident)
        key = self._index.parents.get(ident)
        return None if key is None else self._index.by_id[key]

    def item_ministries(self, item: Initiative | StatusNote | Action) -> tuple[MinistryRef, ...]:
        """The ministries an item stands for: its own tags, and for a status note (which
        carries no tag of its own) its initiative's. The one place this rule is written;
        not to be confused with [query.ministries_of][stpmodel.query.ministries_of], the
        ministries of a program."""
        if isinstance(item, StatusNote):
            initiative = self.get(item.initiative_id, Initiative)
            return initiative.ministries
        return item.ministries

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
        for node, _ in tree(self.sections, self.footnotes):
            yield node

    def walk_with_parents(self) -> Iterator[tuple[TreeNode, TreeNode | None]]:
        """[walk][stpmodel.Roadmap.walk], each object paired with the object containing it
        (`None` for sections and footnotes)."""
        return tree(self.sections, self.footnotes)

    # -- names ------------------------------------------------------------------------
    def ministry_code(self, name: str) -> str:
        """The ministry code `name` stands for: a code (`"文"`), an abbreviation (`"MEXT"`),
        a Japanese or English name (`"文部科学省"`) or a common short form (`"文科省"`),
        compared without regard to width, spaces or case.

        Known codes are this roadmap's and the default registry's. Raises
        [UnknownIdError][stpmodel.UnknownIdError] listing close matches for an unknown
        name, a `TypeError` ([ArgumentTypeError][stpmodel.errors.ArgumentTypeError]) for a
        name that is not a string. Every query taking a ministry resolves it here.
        """
        return memoized(self, "ministry-names", _ministry_names).resolve(name, "ministry")

    def program_id(self, name: str) -> str:
        """The program ID `name` stands for: an ID (`"sip"`), an acronym (`"SIP"`,
        `"S I P"`), an alias or a Japanese or English name (`"戦略的イノベーション創造プログラム"`).
        Errors as for [ministry_code][stpmodel.Roadmap.ministry_code]."""
        return memoized(self, "program-names", _program_names).resolve(name, "program")

    # -- program mentions ---------------------------------------------------------------
    def program_mentions(
        self,
        program: str | None = None,
        *,
        phase: int | None = None,
        inferred: bool = True,
    ) -> ProgramMentions:
        """Every program mention of the roadmap's items and indicators, in document order
        ([ProgramMentions][stpmodel.ProgramMentions]: `.records()`, `.to_frame()`): with
        `program` (any name) only that program's, with `phase` only that phase's, with
        `inferred=False` only those where the text names the program (rules `explicit` and
        `alias`; docs/model.md)."""
        _check_phase(phase)
        check_flag(inferred, "inferred")
        pid = None if program is None else self.program_id(program)
        found = []
        for node in self.walk():
            if not isinstance(node, Initiative | StatusNote | Action | Indicator):
                continue
            for mention in node.program_mentions:
                if pid is not None and mention.program != pid:
                    continue
                if phase is not None and mention.phase != phase:
                    continue
                if not inferred and mention.inferred:
                    continue
                found.append(ProgramLink(item=node, mention=mention))
        return ProgramMentions(found)

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
        kind: ItemKind | str | None = None,
        fiscal_year: int | range | None = None,
        due_in: Period | tuple[dt.date, dt.date] | str | None = None,
        phase: int | None = None,
    ) -> Deadlines:
        """The dates written on initiatives and actions, in document order.

        Status notes are left out: they record the past. `from_year`/`to_year` filter by
        the year as written (2027年度まで counts for 2027 though it ends in March 2028); a
        range counts when a year it writes — its first or its last (2017 and 2040 in
        2017年度から2040年度まで) — falls in the window. `ministry` keeps items tagged
        with that ministry (only where it leads, with `lead_only`), `program` items that
        mention that program, `relation` mentions with that relation, `kind` dates written
        on initiatives only (`"initiative"`) or on actions only (`"action"`).

        `fiscal_year` (an `int` or a `range`: `range(2025, 2028)`) keeps the deadlines
        whose due day falls in that fiscal year (2026 is 2026-04-01 to 2027-03-31), and
        `due_in` those whose due day falls in a window: a [Period][stpmodel.Period]
        (`Period.quarter(2026, 3, fiscal=True)`), a `(start, end)` pair of dates or an ISO
        string (`"2026-10"`, `"2026-04-01/2026-09-30"`). Use these to ask *when it is due*;
        use `from_year`/`to_year` to ask *which years the text names* (2025～2027年度 is
        due in FY2027, yet names 2025 too).

        With `program`, `phase` keeps the items linked to that phase of it
        (`deadlines(program="SIP", phase=3)`: items naming S I P第3期, 次期SIP resolved to
        第3期, or their initiative's phase by a cue or subject link; docs/model.md).

        Ministries and programs may be given by any name
        ([ministry_code][stpmodel.Roadmap.ministry_code],
        [program_id][stpmodel.Roadmap.program_id]): `program="SIP"` is `program="sip"`.
        Arguments of the wrong type raise a `TypeError` naming the argument.

        ```python
        roadmap.deadlines(from_year=2025, to_year=2027, ministry="MEXT", kind="action")
        ```
        """
        _check_phase(phase)
        if phase is not None and program is None:
            raise ValueError("phase= needs program= (the program whose phase it is)")
        check_year(from_year, "from_year")
        check_year(to_year, "to_year")
        check_flag(lead_only, "lead_only")
        years = None if fiscal_year is None else check_fiscal_years(fiscal_year, "fiscal_year")
        window = None if due_in is None else check_window(due_in, "due_in")
        code = None if ministry is None else self.ministry_code(ministry)
        pid = None if program is None else self.program_id(program)
        wanted = None if relation is None else check_relation(relation, "relation")
        wanted_kind = (
            None if kind is None else check_kind(kind, "kind", _DEADLINE_KINDS, "deadline kind")
        )
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
        result = []
        for deadline in pool:
            item = deadline.item
            if wanted is not None and deadline.mention.relation is not wanted:
                continue
            if wanted_kind is not None and item.kind is not wanted_kind:
                continue
            if code is not None and not any(
                ref.code == code and (ref.lead or not lead_only) for ref in item.ministries
            ):
                continue
            if pid is not None and pid not in item.programs:
                continue
            if phase is not None and not any(
                m.program == pid and m.phase == phase for m in item.program_mentions
            ):
                continue
            due = deadline.mention.due
            if years is not None and fiscal_year_of(due) not in years:
                continue
            if window is not None and not window[0] <= due <= window[1]:
                continue
            result.append(deadline)
        return Deadlines(result)


_DEADLINE_KINDS = (ItemKind.INITIATIVE, ItemKind.ACTION)


def _check_phase(value: object) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        from stpmodel.errors import ArgumentTypeError

        raise ArgumentTypeError("phase", "a phase number as an int (3) or None", value)


def _ministry_names(roadmap: Roadmap) -> NameIndex:
    from stpmodel.registry import NameIndex, default_ministries

    return NameIndex.of_ministries(roadmap.ministries, default_ministries())


def _program_names(roadmap: Roadmap) -> NameIndex:
    from stpmodel.registry import NameIndex, default_programs

    return NameIndex.of_programs(roadmap.programs, default_programs())


def name_key(name: str) -> str:
    """The folded form names are compared in (see `stpmodel.registry.name_key`)."""
    from stpmodel.registry import name_key as key

    return key(name)
