"""The domain model: frozen attrs classes for what a 工程表 says.

The classes know nothing of files, JSON, graphs or terminals. They nest the way the
document does (a :class:`Section` holds :class:`Subsection`\\ s, which hold
:class:`Initiative`\\ s, which hold :class:`StatusNote`\\ s and :class:`Action`\\ s) and refer
to everything else — ministries, programs, footnotes — by ID. Every object carries a
:class:`SourceSpan` naming the source lines it was read from.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from stpmodel._record import Record
from stpmodel._text import despace_letters
from stpmodel.dates import DateMention, Period

__all__ = [
    "Action",
    "Footnote",
    "Goal",
    "Indicator",
    "IndicatorKind",
    "Initiative",
    "Ministry",
    "MinistryKind",
    "MinistryRef",
    "Observation",
    "Paragraph",
    "Program",
    "Section",
    "SourceSpan",
    "StatusNote",
    "Subsection",
]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class SourceSpan(Record):
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


class MinistryKind(enum.StrEnum):
    """What kind of body a ministry code stands for."""

    MINISTRY = "ministry"  # 省・庁
    CABINET_OFFICE = "cabinet_office"  # 内閣府の事務局
    CABINET_SECRETARIAT = "cabinet_secretariat"  # 内閣官房
    COLLECTIVE = "collective"  # 関係府省, 全府省
    UNKNOWN = "unknown"  # a code the registry does not know


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Ministry(Record):
    """A ministry or agency named by a code in the 【】 tags (府省庁).

    ``confirmed`` is false where the English name could not be checked against an official
    source.
    """

    code: str
    name_ja: str
    name_en: str
    kind: MinistryKind
    abbreviation: str = ""
    confirmed: bool = True


@attrs.frozen(kw_only=True, repr=False, eq=False)
class MinistryRef(Record):
    """A ministry tagged on an item (担当府省). ``lead`` is true where the source underlines
    the code (``<u>科技</u>``), which marks the ministry in charge (主担当)."""

    code: str
    lead: bool = False


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Program(Record):
    """A program, fund or scheme the roadmap names (事業・制度・プログラム).

    ``aliases`` are the spellings found in documents (matched after removing spaces and
    folding width), ``phases`` the phases the catalog knows (SIP 第2期, 第3期 …),
    ``part_of`` the program a sub-scheme belongs to (国際先導研究 is part of 科研費).
    """

    id: str
    name_ja: str
    name_en: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    operator: str = ""
    phases: tuple[str, ...] = ()
    part_of: str = ""
    confirmed: bool = True


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Paragraph(Record):
    """A paragraph of 【あるべき姿とその実現に向けた方向性】 (the vision)."""

    id: str
    text: str
    footnotes: tuple[int, ...] = ()
    source: SourceSpan


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Goal(Record):
    """An item of 【目標】 (a goal of the section)."""

    id: str
    text: str
    footnotes: tuple[int, ...] = ()
    source: SourceSpan


class IndicatorKind(enum.StrEnum):
    """主要指標 (key indicator with a numeric target) or 参考指標 (reference data)."""

    KEY = "key"
    REFERENCE = "reference"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Observation(Record):
    """One value an indicator reports (現状データ), e.g. 38% (カロリーベース) as of FY2022.

    ``series`` names the sub-line a value sits on (食料自給率, 輸出額 …), ``label`` the
    breakdown it belongs to (カロリーベース, 男性, 米国 …), ``as_of`` the period the text
    gives for it. ``footnote`` is the number of the footnote the value was read from (the
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


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Indicator(Record):
    """An indicator of the section: 主要指標 or 参考指標 (指標).

    ``name`` is the text before the first colon, ``text`` the whole item, ``details`` the
    lines printed under it (such as the three lines under 食料自給率・輸出額…).
    """

    id: str
    kind: IndicatorKind
    name: str
    text: str
    details: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()
    footnotes: tuple[int, ...] = ()
    repost: bool = False
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Footnote(Record):
    """A footnote (脚注) with its ``※`` continuation lines, and the IDs citing it."""

    number: int
    text: str
    cited_by: tuple[str, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan

    @property
    def id(self) -> str:
        """``"fn94"`` for footnote 94."""
        return f"fn{self.number}"


class _Text(Record):
    """Text as printed, and a normalised form of it."""

    __slots__ = ()
    text: str

    @property
    def normalized_text(self) -> str:
        """The text with the PDF's letter spacing undone (``S I P`` → ``SIP``,
        ``C S T I`` → ``CSTI``); ``text`` itself stays as printed."""
        return despace_letters(self.text)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class StatusNote(_Text):
    """One bullet of 実施状況・現状分析: what was done and the current analysis."""

    id: str
    initiative_id: str
    text: str
    programs: tuple[str, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan


class _Tagged(_Text):
    """What items tagged with ministries share (a mixin of :class:`Initiative` and
    :class:`Action`)."""

    __slots__ = ()
    ministries: tuple[MinistryRef, ...]

    @property
    def lead_ministries(self) -> tuple[str, ...]:
        """Codes of the ministries in charge (underlined in the source)."""
        return tuple(ref.code for ref in self.ministries if ref.lead)

    def _repr_html_(self) -> str:
        from stpmodel._html import render  # presentation lives outside the model

        return render(self)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Action(_Tagged):
    """One bullet of 今後の取組方針: an action planned next, with its ministries.

    ``repost`` is true for an item marked (再掲), reprinted from elsewhere in the roadmap.
    """

    id: str
    initiative_id: str
    text: str
    ministries: tuple[MinistryRef, ...] = ()
    repost: bool = False
    programs: tuple[str, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Initiative(_Tagged):
    """A 基本計画における具体的な取組: a measure of the Basic Plan (the ○ text of column 1),
    with its status notes (column 2) and planned actions (column 3)."""

    id: str
    number: int
    text: str
    ministries: tuple[MinistryRef, ...] = ()
    repost: bool = False
    status_notes: tuple[StatusNote, ...] = ()
    actions: tuple[Action, ...] = ()
    programs: tuple[str, ...] = ()
    footnotes: tuple[int, ...] = ()
    dates: tuple[DateMention, ...] = ()
    source: SourceSpan


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Subsection(Record):
    """A numbered part of a section (①, ② …) with its table of initiatives."""

    id: str
    number: int
    title: str
    initiatives: tuple[Initiative, ...] = ()
    source: SourceSpan


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Section(Record):
    """A section of the 工程表, such as (6) 様々な社会課題を解決するための研究開発…

    ``vision`` holds the paragraphs of 【あるべき姿とその実現に向けた方向性】, ``goals`` the
    items of 【目標】, ``indicators`` the key (主要指標) and reference (参考指標) indicators.
    ``chapter`` is the heading printed above the section, where the document has one.
    """

    id: str
    number: int
    title: str
    chapter: str | None = None
    vision: tuple[Paragraph, ...] = ()
    goals: tuple[Goal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    subsections: tuple[Subsection, ...] = ()
    source: SourceSpan
