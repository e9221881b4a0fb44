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

from stpmodel._program import (
    MentionRule,
    Operator,
    OperatorRole,
    Phase,
    Program,
    ProgramKind,
    ProgramMention,
    ProgramStatus,
)
from stpmodel._recorded import one, rows
from stpmodel._shown import Shown, View, attributes
from stpmodel._text import (
    SUPERSCRIPT_DIGITS,
    despace_letters,
    drop_footnote_marks,
    superscript,
)
from stpmodel.dates import DateMention, Period

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
