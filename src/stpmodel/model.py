"""The domain model: frozen attrs classes for what a 工程表 says.

The classes know nothing of files, JSON, graphs or terminals. They nest the way the
document does (a [Section][stpmodel.Section] holds [Subsection][stpmodel.Subsection]s, which hold
[Initiative][stpmodel.Initiative]s, which hold [StatusNote][stpmodel.StatusNote]s and
[Action][stpmodel.Action]s) and refer
to everything else — ministries, programs, footnotes — by ID. Every object carries a
[SourceSpan][stpmodel.SourceSpan] naming the source lines it was read from.
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import ClassVar

import attrs

from stpmodel._recorded import one, rows
from stpmodel._shown import Shown, View, attributes
from stpmodel._text import (
    SUPERSCRIPT_DIGITS,
    despace_letters,
    drop_footnote_marks,
    superscript,
)
from stpmodel.dates import Calendar, DateMention, Period
from stpmodel.errors import UnknownIdError

__all__ = [
    "Action",
    "Footnote",
    "Goal",
    "Indicator",
    "IndicatorKind",
    "Initiative",
    "ItemKind",
    "MentionRule",
    "Ministry",
    "MinistryKind",
    "MinistryRef",
    "Observation",
    "Operator",
    "OperatorRole",
    "Paragraph",
    "Phase",
    "Program",
    "ProgramKind",
    "ProgramMention",
    "ProgramStatus",
    "Section",
    "SourceSpan",
    "StatusNote",
    "Subsection",
]


@attrs.frozen(kw_only=True)
class SourceSpan(Shown):
    """Where an object came from (出典): the source's name and its 1-based line numbers.

    A table row broken over a page boundary has several lines.
    """

    source: str
    lines: tuple[int, ...]

    @property
    def first_line(self) -> int:
        """The first line the object was read from."""
        return self.lines[0]

    def __str__(self) -> str:
        return f"{self.source}:{','.join(map(str, self.lines))}"

    _views = (View("source", attributes()),)


class MinistryKind(enum.StrEnum):
    """What kind of body a ministry code stands for."""

    MINISTRY = "ministry"  # 省・庁
    CABINET_OFFICE = "cabinet_office"  # 内閣府の事務局
    CABINET_SECRETARIAT = "cabinet_secretariat"  # 内閣官房
    COLLECTIVE = "collective"  # 関係府省, 全府省
    UNKNOWN = "unknown"  # a code the registry does not know


@attrs.frozen(kw_only=True)
class Ministry(Shown):
    """A ministry or agency named by a code in the 【】 tags (府省庁).

    `confirmed` is false where the English name could not be checked against an official
    source.
    """

    code: str
    name_ja: str
    name_en: str
    kind: MinistryKind
    abbreviation: str = ""
    confirmed: bool = True

    _views = (View("ministries", one("ministry_record")),)


@attrs.frozen(kw_only=True)
class MinistryRef(Shown):
    """A ministry tagged on an item (担当府省). `lead` is true where the source underlines
    the code (`<u>科技</u>`), which marks the ministry in charge (主担当)."""

    code: str
    lead: bool = False

    _views = (View("ministry_ref", attributes()),)


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


@attrs.frozen(kw_only=True)
class Paragraph(Shown):
    """A paragraph of 【あるべき姿とその実現に向けた方向性】 (the vision)."""

    id: str
    text: str
    footnotes: tuple[int, ...] = ()
    source: SourceSpan

    _views = (View("nodes", one("node_record")),)


@attrs.frozen(kw_only=True)
class Goal(Shown):
    """An item of 【目標】 (a goal of the section)."""

    id: str
    text: str
    footnotes: tuple[int, ...] = ()
    source: SourceSpan

    _views = (View("nodes", one("node_record")),)


class ItemKind(enum.StrEnum):
    """What a row of a section's table holds: an initiative (基本計画における具体的な取組),
    one of its status notes (実施状況・現状分析) or one of its actions (今後の取組方針)."""

    INITIATIVE = "initiative"
    ACTION = "action"
    STATUS_NOTE = "status_note"


class IndicatorKind(enum.StrEnum):
    """主要指標 (key indicator with a numeric target) or 参考指標 (reference data)."""

    KEY = "key"
    REFERENCE = "reference"


@attrs.frozen(kw_only=True)
class Observation(Shown):
    """One value an indicator reports (現状データ), e.g. 38% (カロリーベース) as of FY2022.

    `series` names the sub-line a value sits on (食料自給率, 輸出額 …), `label` the
    breakdown it belongs to (カロリーベース, 男性, 米国 …), `as_of` the period the text
    gives for it. `footnote` is the number of the footnote the value was read from (the
    current value of a key indicator is often given only there: 83.7% in footnote 94),
    None for a value printed on the indicator's own lines.
    """

    value: Decimal
    unit: str
    text: str
    label: str | None = None
    series: str | None = None
    as_of: Period | None = None
    footnote: int | None = None

    _views = (View("observations", rows(lambda o, r: [r.observation_record(o, "")])),)


_PHRASE_BREAK = re.compile(r"[、，,。：:]")
_TRAILING_PARENS = re.compile(r"[（(][^（()）]*[）)]$")


def _marked_phrase(text: str, footnote: int) -> str:
    """The phrase of `text` that ends at the mark of `footnote` (back to the last 、 。 or
    colon; a parenthesis closing it dropped), or "" where the text has no such mark."""
    mark = superscript(footnote)
    at = text.find(mark)
    while at > 0 and (
        text[at - 1] in SUPERSCRIPT_DIGITS or text[at + len(mark) :][:1] in SUPERSCRIPT_DIGITS
    ):
        at = text.find(mark, at + 1)  # part of another, longer mark
    if at <= 0:
        return ""
    phrase = _PHRASE_BREAK.split(text[:at])[-1]
    return drop_footnote_marks(_TRAILING_PARENS.sub("", phrase.strip())).strip()


@attrs.frozen(kw_only=True)
class Indicator(Shown):
    """An indicator of the section: 主要指標 or 参考指標 (指標).

    `name` is the text before the first colon, `text` the whole item, `details` the
    lines printed under it (such as the three lines under 食料自給率・輸出額…).
    `repost`, `repost_of` and `repost_outside` as for [Action][stpmodel.Action];
    `programs` and `program_mentions` the programs its text names (次期SIP).
    """

    id: str
    kind: IndicatorKind
    name: str
    text: str
    details: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()
    footnotes: tuple[int, ...] = ()
    repost: bool = False
    repost_of: str | None = None
    repost_outside: bool = False
    programs: tuple[str, ...] = ()
    program_mentions: tuple[ProgramMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    def series_of(self, observation: Observation) -> str:
        """The series `observation` belongs to, so values in different units are never
        one series: its own `series` where the text names one (食料自給率); for a value
        read from a footnote, the phrase of this indicator's text that footnote's mark
        ends (6.k3: 国際機関における…我が国の関与⁹⁵ for 30名, …に関する取組状況⁹⁶ for 13件);
        else the indicator's name."""
        if observation.series:
            return observation.series
        if observation.footnote is not None:
            phrase = _marked_phrase(self.text, observation.footnote)
            if phrase:
                return phrase
        return self.name

    _views = (
        View("indicators", one("indicator_record")),
        View("observations", rows(lambda i, r: r.observation_records(i)), optional=True),
    )


@attrs.frozen(kw_only=True)
class Footnote(Shown):
    """A footnote (脚注) with its `※` continuation lines, and the IDs citing it."""

    number: int
    text: str
    cited_by: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    @property
    def id(self) -> str:
        """`"fn94"` for footnote 94."""
        return f"fn{self.number}"

    _views = (View("footnotes", one("footnote_record")),)


def _summary_repr(self: object) -> str:
    """A container's `repr()`: one line (what, ID, counts: see `stpmodel._summary`)
    instead of attrs' repr of the whole tree below it."""
    from stpmodel._summary import summary  # only when printed: not on the parse path

    return summary(self)


class _Text:
    """Text as printed, and a normalised form of it."""

    __slots__ = ()
    text: str

    @property
    def normalized_text(self) -> str:
        """The text with the PDF's letter spacing undone (`S I P` → `SIP`,
        `C S T I` → `CSTI`); `text` itself stays as printed."""
        return despace_letters(self.text)


@attrs.frozen(kw_only=True)
class StatusNote(_Text, Shown):
    """One bullet of 実施状況・現状分析: what was done and the current analysis.

    `programs` are the IDs of the programs it is linked to, derived from
    `program_mentions`."""

    kind: ClassVar[ItemKind] = ItemKind.STATUS_NOTE

    id: str
    initiative_id: str
    text: str
    programs: tuple[str, ...] = ()
    program_mentions: tuple[ProgramMention, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    _views = (View("items", one("item_record")),)


class _Tagged(_Text):
    """What items tagged with ministries share (a mixin of [Initiative][stpmodel.Initiative] and
    [Action][stpmodel.Action])."""

    __slots__ = ()
    ministries: tuple[MinistryRef, ...]

    @property
    def lead_ministries(self) -> tuple[str, ...]:
        """Codes of the ministries in charge (underlined in the source)."""
        return tuple(ref.code for ref in self.ministries if ref.lead)


@attrs.frozen(kw_only=True)
class Action(_Tagged, Shown):
    """One bullet of 今後の取組方針: an action planned next, with its ministries.

    `repost` is true for an item marked (再掲), reprinted from elsewhere in the roadmap;
    `repost_of` is then the ID of the original where it is in this roadmap (an action of
    the same text), and `repost_outside` true where it is not: the original lies in
    another section. `programs` are the IDs of the programs the action is linked to,
    derived from `program_mentions` (docs/model.md).
    """

    kind: ClassVar[ItemKind] = ItemKind.ACTION

    id: str
    initiative_id: str
    text: str
    ministries: tuple[MinistryRef, ...] = ()
    repost: bool = False
    repost_of: str | None = None
    repost_outside: bool = False
    programs: tuple[str, ...] = ()
    program_mentions: tuple[ProgramMention, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    _views = (View("items", one("item_record")),)


@attrs.frozen(kw_only=True)
class Initiative(_Tagged, Shown):
    """A 基本計画における具体的な取組: a measure of the Basic Plan (the ○ text of column 1),
    with its status notes (column 2) and planned actions (column 3).

    `repost`, `repost_of` and `repost_outside` as for [Action][stpmodel.Action];
    `programs` derived from `program_mentions`.
    """

    __repr__ = _summary_repr  # a summary line, not the tree below

    kind: ClassVar[ItemKind] = ItemKind.INITIATIVE

    id: str
    number: int
    text: str
    ministries: tuple[MinistryRef, ...] = ()
    repost: bool = False
    repost_of: str | None = None
    repost_outside: bool = False
    status_notes: tuple[StatusNote, ...] = ()
    actions: tuple[Action, ...] = ()
    programs: tuple[str, ...] = ()
    program_mentions: tuple[ProgramMention, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    _views = (  # the initiative's row, then its status notes and actions
        View("items", rows(lambda i, r: map(r.item_record, (i, *i.status_notes, *i.actions)))),
    )


@attrs.frozen(kw_only=True)
class Subsection(Shown):
    """A numbered part of a section (①, ② …) with its table of initiatives."""

    __repr__ = _summary_repr  # a summary line, not the tree below

    id: str
    number: int
    title: str
    initiatives: tuple[Initiative, ...] = ()
    source: SourceSpan

    _views = (  # the subsection's counts, then its initiatives
        View("sections", one("subsection_record")),
        View("items", rows(lambda s, r: [r.item_record(i, s.id) for i in s.initiatives])),
    )


@attrs.frozen(kw_only=True)
class Section(Shown):
    """A section of the 工程表, such as (6) 様々な社会課題を解決するための研究開発…

    `vision` holds the paragraphs of 【あるべき姿とその実現に向けた方向性】, `goals` the
    items of 【目標】, `indicators` the key (主要指標) and reference (参考指標) indicators.
    `chapter` is the heading printed above the section, where the document has one.
    """

    __repr__ = _summary_repr  # a summary line, not the tree below

    id: str
    number: int
    title: str
    chapter: str | None = None
    vision: tuple[Paragraph, ...] = ()
    goals: tuple[Goal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    source: SourceSpan

    _views = (  # the section's subsections, then its indicators
        View(
            "sections",
            rows(lambda s, r: [r.subsection_record(sub, s.id) for sub in s.subsections]),
            lambda s: s.title,
        ),
        View("indicators", rows(lambda s, r: [r.indicator_record(i, s.id) for i in s.indicators])),
    )
