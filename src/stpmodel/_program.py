"""The program registry's classes: programs, their phases and operators, and the links
of items to them ([ProgramMention][stpmodel.ProgramMention]).

Part of [stpmodel.model][], which re-exports every class here; they are documented,
pickled and cached under that module's name (`__module__` is ``stpmodel.model``). The
annotations are evaluated when each class is defined (no postponed annotations), so
resolving them never depends on that module's namespace.
"""

import enum

import attrs

from stpmodel._recorded import one
from stpmodel._shown import Shown, View, attributes
from stpmodel.dates import Calendar, Period
from stpmodel.errors import UnknownIdError

__all__ = [
    "MentionRule",
    "Operator",
    "OperatorRole",
    "Phase",
    "Program",
    "ProgramKind",
    "ProgramMention",
    "ProgramStatus",
]


class ProgramKind(enum.StrEnum):
    """What a registry entry is: a funding program, a fund, a plan, a strategy, an
    institution, or a term (an institutional period the text uses as a time frame)."""

    PROGRAM = "program"
    FUND = "fund"
    PLAN = "plan"
    STRATEGY = "strategy"
    INSTITUTION = "institution"
    TERM = "term"


class ProgramStatus(enum.StrEnum):
    """Whether a program runs or has ended, as of the registry's reference year (FY2024,
    the edition of the bundled roadmap); `unknown` where no source says."""

    ACTIVE = "active"
    ENDED = "ended"
    UNKNOWN = "unknown"


class OperatorRole(enum.StrEnum):
    """What an operator does for a program: funds it (所管), manages it (配分機関・管理法人),
    carries it out (実施機関); `unknown` where no source says."""

    FUNDER = "funder"
    MANAGER = "manager"
    IMPLEMENTER = "implementer"
    UNKNOWN = "unknown"


@attrs.frozen(kw_only=True)
class Operator(Shown):
    """A body that runs a program, with its role and the source of the fact (empty where
    the role is the registry's reading of the program's name or of the roadmap)."""

    name: str
    role: OperatorRole = OperatorRole.UNKNOWN
    source: str = ""

    _views = (View("operator", attributes()),)


def _fiscal_span(start: int | None, end: int | None, calendar: Calendar) -> Period | None:
    if start is None or end is None or end < start:
        return None
    if calendar is Calendar.GREGORIAN:
        return Period.between(Period.calendar_year(start), Period.calendar_year(end))
    return Period.between(Period.fiscal_year(start), Period.fiscal_year(end))


@attrs.frozen(kw_only=True)
class Phase(Shown):
    """A numbered phase of a program (第3期: SIP FY2023–FY2027) or one of its goals
    (ムーンショット 目標10), or an edition of a yearly strategy.

    `start_fy` and `end_fy` are the first and last year (Japanese fiscal years unless
    `calendar` says otherwise), `None` where no source gives one. `confirmed` is false for
    a fact taken from a secondary source or inferred (an end year read off the next
    plan's start); `source` names where the fact comes from. `overlaps_previous` states,
    with its source, why this phase shares years with the one before it (SIP 第1期 and
    第2期 share FY2018); it is empty for phases that follow one another.
    """

    program: str
    label: str
    number: int | None = None
    start_fy: int | None = None
    end_fy: int | None = None
    calendar: Calendar = Calendar.FISCAL
    confirmed: bool = True
    source: str
    overlaps_previous: str = ""

    @property
    def period(self) -> Period | None:
        """The phase's years as a [Period][stpmodel.Period] (SIP 第3期: 2023-04-01 to
        2028-03-31), `None` unless both the first and the last year are known."""
        return _fiscal_span(self.start_fy, self.end_fy, self.calendar)

    def active_in(self, year: int) -> bool:
        """Whether the phase runs in `year` (a fiscal year unless `calendar` says
        otherwise); an unknown first or last year leaves that side open."""
        return (self.start_fy is None or self.start_fy <= year) and (
            self.end_fy is None or year <= self.end_fy
        )

    _views = (View("phase", attributes("period")),)


@attrs.frozen(kw_only=True)
class Program(Shown):
    """A program, fund, plan or scheme the roadmap names (事業・制度・プログラム・計画).

    `aliases` are the spellings found in documents (matched after removing spaces and
    folding width); `phases` the numbered phases that follow one another (SIP 第1期–第3期,
    第6期基本計画), `goals` the parts that run side by side (ムーンショット 目標1–10);
    `start_fy`/`end_fy` the program's first and last year (`None` where no source gives
    one; fiscal years unless `calendar` says otherwise: Horizon Europe counts calendar
    years), with `period_source`. `predecessor`/`successor` name the programs before and
    after it (PRISM → BRIDGE), with `lineage_source`; `part_of` the program a sub-scheme
    belongs to (国際先導研究 is part of 科研費). `status` is as of FY2024. Every fact comes
    from the registry data with its source (docs/glossary.md lists them).
    """

    id: str
    name_ja: str
    name_en: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    kind: ProgramKind = ProgramKind.PROGRAM
    status: ProgramStatus = ProgramStatus.UNKNOWN
    start_fy: int | None = None
    end_fy: int | None = None
    calendar: Calendar = Calendar.FISCAL
    period_confirmed: bool = True
    period_source: str = ""
    predecessor: str = ""
    successor: str = ""
    lineage_source: str = ""
    operators: tuple[Operator, ...] = ()
    phases: tuple[Phase, ...] = ()
    goals: tuple[Phase, ...] = ()
    part_of: str = ""
    confirmed: bool = True

    @property
    def operator(self) -> str:
        """The operators' names joined with `, ` (the one-string form of `operators`)."""
        return ", ".join(op.name for op in self.operators)

    @property
    def first_year(self) -> int | None:
        """`start_fy`, else the first year of its first phase."""
        if self.start_fy is not None:
            return self.start_fy
        starts = [p.start_fy for p in self.phases if p.start_fy is not None]
        return min(starts) if starts else None

    @property
    def last_year(self) -> int | None:
        """`end_fy`; for a program whose phases all end, the last year of its last phase."""
        if self.end_fy is not None:
            return self.end_fy
        if self.status is ProgramStatus.ENDED and self.phases:
            ends = [p.end_fy for p in self.phases]
            if all(e is not None for e in ends):
                return max(e for e in ends if e is not None)
        return None

    @property
    def period(self) -> Period | None:
        """The program's whole span as a [Period][stpmodel.Period], `None` unless both
        ends are known (PRISM: FY2018–FY2022)."""
        return _fiscal_span(self.first_year, self.last_year, self.calendar)

    def phase(self, number: int) -> Phase:
        """The phase numbered `number` (`program.phase(3)` is SIP 第3期); raises
        [UnknownIdError][stpmodel.UnknownIdError] naming the phases it has."""
        for phase in self.phases:
            if phase.number == number:
                return phase
        raise UnknownIdError(
            str(number), what=f"phase of {self.id}", matches=[p.label for p in self.phases]
        )

    def goal(self, number: int) -> Phase:
        """The goal numbered `number` (ムーンショット `goal(10)` is 目標10)."""
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise UnknownIdError(
            str(number), what=f"goal of {self.id}", matches=[g.label for g in self.goals]
        )

    def phase_in(self, year: int) -> Phase | None:
        """The phase running in `year`, the later one where two share it; `None` if none."""
        found = [p for p in self.phases if p.start_fy is not None and p.active_in(year)]
        return found[-1] if found else None

    def active_in(self, year: int) -> bool:
        """Whether the program runs in `year` (a fiscal year unless `calendar` says
        otherwise): from its first year to its last, open where one is unknown; a program
        with no known first year is active only if its status says so."""
        first, last = self.first_year, self.last_year
        if first is None:
            return self.status is ProgramStatus.ACTIVE and (last is None or year <= last)
        return first <= year and (last is None or year <= last)

    _views = (View("programs", one("program_record")),)


class MentionRule(enum.StrEnum):
    """How an item came to be linked to a program (docs/model.md).

    `explicit`: the text names it by its name or acronym; `alias`: by another spelling
    (ムーンショット, NEXTUS); `cue`: by a word the registry gives for it under an
    initiative that names it (14課題, 第3期, 目標4); `next-phase`: as 次期X, resolved to
    the phase after the one current when the text was written; `subject`: the item names
    no program and its initiative is about one. The last three are inferred.
    """

    EXPLICIT = "explicit"
    ALIAS = "alias"
    CUE = "cue"
    NEXT_PHASE = "next-phase"
    SUBJECT = "subject"

    @property
    def inferred(self) -> bool:
        """True for the rules that link a program the text does not name."""
        return self in (MentionRule.CUE, MentionRule.NEXT_PHASE, MentionRule.SUBJECT)


@attrs.frozen(kw_only=True)
class ProgramMention(Shown):
    """One link of an item to a program (言及): which program and phase, the words that
    make it and how it was made.

    `text` is the words of the item (or, for rule `subject`, of the initiative `via`
    names) and `span` their `(start, end)` offsets in that item's `text`; `phase` the
    number of the phase the words name or imply (None where they imply none) and `period`
    the span of years they refer to: the phase's period, the last year of a phase for
    第3期の最終年度, the phase in force when the text was written for a named term
    (復興庁設置期間). `inferred` is true where the text does not name the program.
    """

    program: str
    phase: int | None = None
    text: str
    span: tuple[int, int] | None = None
    period: Period | None = None
    inferred: bool = False
    rule: MentionRule
    via: str | None = None

    _views = (View("program_mention", attributes()),)


for _public in (
    ProgramKind,
    ProgramStatus,
    OperatorRole,
    Operator,
    Phase,
    Program,
    MentionRule,
    ProgramMention,
):
    _public.__module__ = "stpmodel.model"
