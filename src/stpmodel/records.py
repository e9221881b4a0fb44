"""Model objects as plain records: the one place an object becomes a row.

Every function here turns one model object into a `dict` with stable English keys and plain
values — `str`, `int`, `bool`, `None`, `datetime.date`, `float`, and lists of `str` —
typed as a `TypedDict`. Writers (CSV, SQLite, Excel, JSON, iCalendar), pandas frames, the
command line's tables and the notebook HTML all read these records instead of reaching
into the model, so a column means the same thing everywhere.

Dates stay `datetime.date` objects; [jsonable][stpmodel.records.jsonable] turns a
record into JSON-ready values (ISO dates). Lists keep their order (ministries in the order
of the source's tag; `lead_ministries` are those underlined, 主担当).

This module reads attributes only and imports no model module at run time, so the model's
own `_repr_html_` methods can use it without an import cycle.

```python
from stpmodel import load
from stpmodel.records import deadline_record

roadmap = load()
row = deadline_record(roadmap.deadlines()[0])
row["id"], row["due"], row["lead_ministries"]
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from stpmodel.dates import fiscal_quarter_of, fiscal_year_of

if TYPE_CHECKING:
    from stpmodel.dates import DateMention
    from stpmodel.model import (
        Action,
        Footnote,
        Indicator,
        Initiative,
        Ministry,
        MinistryRef,
        Observation,
        Program,
        ProgramMention,
        Section,
        StatusNote,
        Subsection,
    )
    from stpmodel.query import MinistryPair
    from stpmodel.roadmap import Deadline, Node, Roadmap

__all__ = [
    "CitationRecord",
    "CodeRecord",
    "DateRecord",
    "DeadlineRecord",
    "FootnoteRecord",
    "IndicatorRecord",
    "ItemMinistryRecord",
    "ItemProgramRecord",
    "ItemRecord",
    "MentionRecord",
    "MinistryPairRecord",
    "MinistryRecord",
    "MinistryUseRecord",
    "NodeRecord",
    "ObservationRecord",
    "ProgramMentionRecord",
    "ProgramPhaseRecord",
    "ProgramRecord",
    "ProgramUseRecord",
    "RoadmapRecord",
    "SectionRecord",
    "SubsectionRecord",
    "citation_records",
    "code_records",
    "date_record",
    "deadline_record",
    "footnote_record",
    "indicator_record",
    "item_ministry_records",
    "item_program_records",
    "item_record",
    "jsonable",
    "mention_record",
    "ministry_pair_record",
    "ministry_record",
    "ministry_use_record",
    "node_record",
    "observation_record",
    "observation_records",
    "program_mention_record",
    "program_mention_records",
    "program_phase_records",
    "program_record",
    "program_use_record",
    "roadmap_record",
    "section_record",
    "subsection_record",
]


class MentionRecord(TypedDict):
    """A date written in a text ([DateMention][stpmodel.DateMention]).

    `expression` is the text as written (`"2025年度までに"`), `span` its `[start, end)`
    character range, `start`/`end` the days the period covers, `due` the day it falls due
    ([DateMention.due][stpmodel.DateMention.due]), `label` a short name (`FY2025`),
    `first_year`/`last_year` the years written at each end (equal for a single period).
    `fiscal_year` and `fiscal_quarter` are those of the due day (年度 N runs from 1 April N
    to 31 March N+1; its first quarter is April–June), `start_fiscal_year` and
    `end_fiscal_year` those of the period's first and last day — computed by
    [fiscal_year_of][stpmodel.dates.fiscal_year_of], not the years as written.
    """

    expression: str
    relation: str
    start: dt.date
    end: dt.date
    due: dt.date
    fiscal_year: int
    fiscal_quarter: int
    start_fiscal_year: int
    end_fiscal_year: int
    label: str
    first_year: int
    last_year: int
    granularity: str
    calendar: str
    approximate: bool
    span: list[int]


class _DeadlineHead(TypedDict):
    id: str
    kind: str
    initiative_id: str


class DeadlineRecord(_DeadlineHead, MentionRecord):
    """One date written on an initiative or action ([Deadline][stpmodel.Deadline]).

    `id` is the item's ID, `kind` `"initiative"` or `"action"`, `initiative_id` the
    initiative the item belongs to (its own ID for an initiative); then the columns of
    [MentionRecord][stpmodel.records.MentionRecord]; then the item's tags, `text`, `line`
    (the first source line of the item) and `source`, its whole source span
    (`"name:12,13"`). Columns are in this order: the head, the mention, the item.
    """

    ministries: list[str]
    lead_ministries: list[str]
    programs: list[str]
    repost: bool
    text: str
    line: int
    source: str


class _DateHead(TypedDict):
    item_id: str
    kind: str


class DateRecord(_DateHead, MentionRecord):
    """One date written on an initiative or action, as the `dates` link table holds it:
    the item's ID and kind, then the columns of
    [MentionRecord][stpmodel.records.MentionRecord]."""


class ItemProgramRecord(TypedDict):
    """One program an item mentions (the `item_programs` link table)."""

    item_id: str
    program_id: str


class CitationRecord(TypedDict):
    """One citation of a footnote by an object (the `citations` link table)."""

    item_id: str
    footnote_number: int


class CodeRecord(TypedDict):
    """A ministry code or program ID with its Japanese name, as
    [Codes][stpmodel.query.Codes] lists them."""

    code: str
    name: str


class MinistryPairRecord(TypedDict):
    """Two ministries tagged together on `count` items (`items`, their IDs)
    ([MinistryPair][stpmodel.query.MinistryPair])."""

    first: str
    second: str
    count: int
    items: list[str]


class ItemRecord(TypedDict):
    """An initiative, action or status note.

    `parent_id` is the subsection of an initiative, the initiative of an action or note.
    `ministries`/`lead_ministries` are empty for status notes (they carry no tags);
    `first_due`/`last_due` are the earliest and latest due days of its dates (`None` without
    dates); `dates` counts its date mentions.
    """

    id: str
    kind: str
    parent_id: str
    text: str
    ministries: list[str]
    lead_ministries: list[str]
    programs: list[str]
    footnotes: list[int]
    repost: bool
    dates: int
    expressions: list[str]
    first_due: dt.date | None
    last_due: dt.date | None
    line: int
    source: str


class NodeRecord(TypedDict):
    """Any object of the tree or the registries, as a search lists it: its ID, its kind
    (`section`, `subsection`, `paragraph`, `goal`, `indicator`, `initiative`,
    `status_note`, `action`, `footnote`, `ministry`, `program`) and its text or title."""

    id: str
    kind: str
    text: str


class ItemMinistryRecord(TypedDict):
    """One ministry tag of an item (the long item–ministry table): `lead` is 主担当."""

    item_id: str
    kind: str
    code: str
    lead: bool


class SectionRecord(TypedDict):
    """A section: counts of what it holds."""

    id: str
    number: int
    title: str
    chapter: str | None
    subsections: int
    initiatives: int
    actions: int
    indicators: int
    line: int


class SubsectionRecord(TypedDict):
    """A subsection (①, ② …): counts of what it holds."""

    id: str
    section_id: str
    number: int
    title: str
    initiatives: int
    actions: int
    status_notes: int
    line: int


class ObservationRecord(TypedDict):
    """One value of an indicator: `series` the line of values it belongs to (never `None`
    in a table: see [Indicator.series_of][stpmodel.Indicator.series_of]), `label` its
    breakdown; `value` as a float, `unit` beside it; `as_of_*` are the
    period's days (`None` where the text gives none); `footnote` the number of the footnote
    the value was read from (`None` for a value written in the indicator's own line);
    `fiscal_year` the fiscal year of `as_of_end` (`None` without a period)."""

    indicator_id: str
    series: str | None
    label: str | None
    value: float
    unit: str
    text: str
    as_of_start: dt.date | None
    as_of_end: dt.date | None
    as_of_label: str | None
    fiscal_year: int | None
    footnote: int | None


class IndicatorRecord(TypedDict):
    """An indicator (主要指標 `key` or 参考指標 `reference`); `latest_*` describe its
    observation with the latest `as_of` (or its last, where none has a date)."""

    id: str
    section_id: str
    kind: str
    name: str
    text: str
    repost: bool
    footnotes: list[int]
    observations: int
    latest_value: float | None
    latest_unit: str | None
    latest_as_of: str | None
    line: int


class FootnoteRecord(TypedDict):
    """A footnote: its number, `id` (`fn94`), text and the IDs citing it."""

    number: int
    id: str
    text: str
    cited_by: list[str]
    line: int


class MinistryRecord(TypedDict):
    """A ministry code of the registry."""

    code: str
    name_ja: str
    name_en: str
    kind: str
    abbreviation: str
    confirmed: bool


class ProgramRecord(TypedDict):
    """A program of the catalog: `start_fy`/`end_fy` its first and last year (fiscal
    unless `calendar` is `gregorian`), `predecessor`/`successor` its lineage, `phases`
    the labels of its phases (each a row of `program_phases`)."""

    id: str
    name_ja: str
    name_en: str
    acronym: str
    kind: str
    status: str
    start_fy: int | None
    end_fy: int | None
    calendar: str
    predecessor: str
    successor: str
    operator: str
    part_of: str
    phases: list[str]
    confirmed: bool


class ProgramPhaseRecord(TypedDict):
    """One phase (`kind` `phase`: SIP 第3期) or goal (`goal`: ムーンショット 目標10) of a
    program (the `program_phases` table): its years, their first and last day, whether
    the fact is confirmed and its source."""

    program_id: str
    kind: str
    number: int | None
    label: str
    start_fy: int | None
    end_fy: int | None
    start: dt.date | None
    end: dt.date | None
    calendar: str
    confirmed: bool
    source: str


class ProgramMentionRecord(TypedDict):
    """One program mention of an item (the `program_mentions` table): the program, the
    phase, the words and where they stand in the item's text (`span_start`, `span_end`;
    None for a link by the initiative's subject, `via`), the span of days they refer to,
    and how the link was made (`rule`; `inferred` for cue, next-phase and subject)."""

    item_id: str
    item_kind: str
    program_id: str
    phase: int | None
    text: str
    span_start: int | None
    span_end: int | None
    start: dt.date | None
    end: dt.date | None
    period: str | None
    inferred: bool
    rule: str
    via: str | None


class ProgramUseRecord(ProgramRecord):
    """A program with how many `items` mention it and the `ministries` tagged on them (the
    command line's `programs` listing)."""

    items: int
    ministries: list[str]


class MinistryUseRecord(MinistryRecord):
    """A ministry with how many `actions` it is tagged on and how many of those it `leads`
    (the command line's `ministries` listing)."""

    actions: int
    leads: int


class RoadmapRecord(TypedDict):
    """A roadmap's title and counts."""

    title: str
    edition: int | None
    source: str
    sha256: str
    sections: int
    subsections: int
    initiatives: int
    actions: int
    status_notes: int
    indicators: int
    footnotes: int
    warnings: int


def _codes(refs: Iterable[MinistryRef]) -> list[str]:
    return [ref.code for ref in refs]


def _leads(refs: Iterable[MinistryRef]) -> list[str]:
    return [ref.code for ref in refs if ref.lead]


def mention_record(mention: DateMention) -> MentionRecord:
    """The columns of one date mention."""
    period = mention.period
    return {
        "expression": mention.text,
        "relation": mention.relation.value,
        "start": period.start,
        "end": period.end,
        "due": mention.due,
        "fiscal_year": fiscal_year_of(mention.due),
        "fiscal_quarter": fiscal_quarter_of(mention.due),
        "start_fiscal_year": fiscal_year_of(period.start),
        "end_fiscal_year": fiscal_year_of(period.end),
        "label": period.label,
        "first_year": period.year,
        "last_year": period.last_year,
        "granularity": period.granularity.value,
        "calendar": period.calendar.value,
        "approximate": period.approximate,
        "span": list(mention.span),
    }


def deadline_record(deadline: Deadline) -> DeadlineRecord:
    """One row per deadline ([DeadlineRecord][stpmodel.records.DeadlineRecord]): the
    item's ID and kind, the mention's columns, then the item's tags, text and source."""
    item = deadline.item
    refs = item.ministries
    record: DeadlineRecord = {
        "id": item.id,
        "kind": item.kind.value,
        "initiative_id": getattr(item, "initiative_id", item.id),
        **mention_record(deadline.mention),
        "ministries": _codes(refs),
        "lead_ministries": _leads(refs),
        "programs": list(item.programs),
        "repost": item.repost,
        "text": item.text,
        "line": item.source.first_line,
        "source": str(item.source),
    }
    return record


def date_record(deadline: Deadline) -> DateRecord:
    """One row of the `dates` link table: the item's ID and kind, then the mention."""
    return {
        "item_id": deadline.item.id,
        "kind": deadline.item.kind.value,
        **mention_record(deadline.mention),
    }


def item_program_records(item: Initiative | Action | StatusNote) -> list[ItemProgramRecord]:
    """One row per program an item mentions, in the order of the text."""
    return [{"item_id": item.id, "program_id": pid} for pid in item.programs]


def citation_records(footnote: Footnote) -> list[CitationRecord]:
    """One row per object citing the footnote."""
    return [{"item_id": ident, "footnote_number": footnote.number} for ident in footnote.cited_by]


def code_records(codes: Iterable[str], names: Mapping[str, str]) -> list[CodeRecord]:
    """`{"code", "name"}` per code, the name from `names` (empty where unknown)."""
    return [{"code": code, "name": names.get(code, "")} for code in codes]


def ministry_pair_record(pair: MinistryPair) -> MinistryPairRecord:
    """A pair of ministries with the number and IDs of the items they share."""
    return {
        "first": pair.first,
        "second": pair.second,
        "count": pair.count,
        "items": list(pair.items),
    }


def item_record(item: Initiative | Action | StatusNote, parent_id: str = "") -> ItemRecord:
    """One row per initiative, action or status note.

    `parent_id` is needed only for an initiative (its subsection is not written on it);
    actions and notes know their initiative.
    """
    refs: tuple[MinistryRef, ...] = getattr(item, "ministries", ())
    dues = [m.due for m in item.dates]
    return {
        "id": item.id,
        "kind": item.kind.value,
        "parent_id": getattr(item, "initiative_id", parent_id),
        "text": item.text,
        "ministries": _codes(refs),
        "lead_ministries": _leads(refs),
        "programs": list(item.programs),
        "footnotes": list(item.footnotes),
        "repost": bool(getattr(item, "repost", False)),
        "dates": len(dues),
        "expressions": [m.text for m in item.dates],
        "first_due": min(dues, default=None),
        "last_due": max(dues, default=None),
        "line": item.source.first_line,
        "source": str(item.source),
    }


_NODE_KINDS = {
    "Section": "section",
    "Subsection": "subsection",
    "Paragraph": "paragraph",
    "Goal": "goal",
    "Indicator": "indicator",
    "Initiative": "initiative",
    "StatusNote": "status_note",
    "Action": "action",
    "Footnote": "footnote",
    "Ministry": "ministry",
    "Program": "program",
}


def node_record(node: Node) -> NodeRecord:
    """The ID, kind and text (or title, or name) of any object
    [Roadmap.get][stpmodel.Roadmap.get] can return."""
    kind = _NODE_KINDS.get(type(node).__name__, type(node).__name__.lower())
    ident = str(getattr(node, "id", None) or getattr(node, "code", ""))
    text = str(
        getattr(node, "text", None) or getattr(node, "title", None) or getattr(node, "name_ja", "")
    )
    return {"id": ident, "kind": kind, "text": text}


def item_ministry_records(item: Initiative | Action) -> list[ItemMinistryRecord]:
    """One row per ministry tag of an item, in the order of the tag."""
    return [
        {"item_id": item.id, "kind": item.kind.value, "code": ref.code, "lead": ref.lead}
        for ref in item.ministries
    ]


def section_record(section: Section) -> SectionRecord:
    """A section with counts of its subsections, initiatives, actions and indicators."""
    initiatives = [ini for sub in section.subsections for ini in sub.initiatives]
    return {
        "id": section.id,
        "number": section.number,
        "title": section.title,
        "chapter": section.chapter,
        "subsections": len(section.subsections),
        "initiatives": len(initiatives),
        "actions": sum(len(ini.actions) for ini in initiatives),
        "indicators": len(section.indicators),
        "line": section.source.first_line,
    }


def subsection_record(subsection: Subsection, section_id: str = "") -> SubsectionRecord:
    """A subsection with counts; `section_id` defaults to the part of its ID before the
    last dot (`"6.1"` → `"6"`)."""
    return {
        "id": subsection.id,
        "section_id": section_id or subsection.id.rpartition(".")[0],
        "number": subsection.number,
        "title": subsection.title,
        "initiatives": len(subsection.initiatives),
        "actions": sum(len(ini.actions) for ini in subsection.initiatives),
        "status_notes": sum(len(ini.status_notes) for ini in subsection.initiatives),
        "line": subsection.source.first_line,
    }


def observation_record(
    observation: Observation, indicator_id: str, *, series: str | None = None
) -> ObservationRecord:
    """One value of the indicator `indicator_id`; `series` (the indicator's
    [series_of][stpmodel.Indicator.series_of] the value) where known, else the
    observation's own."""
    as_of = observation.as_of
    return {
        "indicator_id": indicator_id,
        "series": series if series is not None else observation.series,
        "label": observation.label,
        "value": float(observation.value),
        "unit": observation.unit,
        "text": observation.text,
        "as_of_start": as_of.start if as_of else None,
        "as_of_end": as_of.end if as_of else None,
        "as_of_label": as_of.label if as_of else None,
        "fiscal_year": fiscal_year_of(as_of.end) if as_of else None,
        "footnote": observation.footnote,
    }


def observation_records(indicator: Indicator) -> list[ObservationRecord]:
    """The values of an indicator, each with its series
    ([Indicator.series_of][stpmodel.Indicator.series_of]): never `None`, so values in
    different units (6.k3's 30名 and 13件) are different series."""
    return [
        observation_record(o, indicator.id, series=indicator.series_of(o))
        for o in indicator.observations
    ]


def _latest(indicator: Indicator) -> Observation | None:
    observations = indicator.observations
    if not observations:
        return None
    dated = [o for o in observations if o.as_of is not None]
    if not dated:
        return observations[-1]
    # the latest period; among equals the first written (the headline value)
    return max(dated, key=lambda o: o.as_of.end if o.as_of else dt.date.min)


def indicator_record(indicator: Indicator, section_id: str = "") -> IndicatorRecord:
    """An indicator with its latest observation's value; `section_id` defaults to the part
    of its ID before the first dot."""
    latest = _latest(indicator)
    return {
        "id": indicator.id,
        "section_id": section_id or indicator.id.partition(".")[0],
        "kind": indicator.kind.value,
        "name": indicator.name,
        "text": "\n".join((indicator.text, *indicator.details)),
        "repost": indicator.repost,
        "footnotes": list(indicator.footnotes),
        "observations": len(indicator.observations),
        "latest_value": None if latest is None else float(latest.value),
        "latest_unit": None if latest is None else latest.unit,
        "latest_as_of": None if latest is None or latest.as_of is None else latest.as_of.label,
        "line": indicator.source.first_line,
    }


def footnote_record(footnote: Footnote) -> FootnoteRecord:
    """A footnote with the IDs citing it."""
    return {
        "number": footnote.number,
        "id": footnote.id,
        "text": footnote.text,
        "cited_by": list(footnote.cited_by),
        "line": footnote.source.first_line,
    }


def ministry_record(ministry: Ministry) -> MinistryRecord:
    """A ministry of the registry."""
    return {
        "code": ministry.code,
        "name_ja": ministry.name_ja,
        "name_en": ministry.name_en,
        "kind": ministry.kind.value,
        "abbreviation": ministry.abbreviation,
        "confirmed": ministry.confirmed,
    }


def program_record(program: Program) -> ProgramRecord:
    """A program of the catalog."""
    return {
        "id": program.id,
        "name_ja": program.name_ja,
        "name_en": program.name_en,
        "acronym": program.acronym,
        "kind": program.kind.value,
        "status": program.status.value,
        "start_fy": program.first_year,
        "end_fy": program.last_year,
        "calendar": program.calendar.value,
        "predecessor": program.predecessor,
        "successor": program.successor,
        "operator": program.operator,
        "part_of": program.part_of,
        "phases": [phase.label for phase in program.phases],
        "confirmed": program.confirmed,
    }


def program_phase_records(program: Program) -> list[ProgramPhaseRecord]:
    """One row per phase, then per goal, of a program."""
    found: list[ProgramPhaseRecord] = []
    for kind, phases in (("phase", program.phases), ("goal", program.goals)):
        for phase in phases:
            period = phase.period
            found.append(
                {
                    "program_id": program.id,
                    "kind": kind,
                    "number": phase.number,
                    "label": phase.label,
                    "start_fy": phase.start_fy,
                    "end_fy": phase.end_fy,
                    "start": None if period is None else period.start,
                    "end": None if period is None else period.end,
                    "calendar": phase.calendar.value,
                    "confirmed": phase.confirmed,
                    "source": phase.source,
                }
            )
    return found


def program_mention_record(
    item: Initiative | StatusNote | Action | Indicator, mention: ProgramMention
) -> ProgramMentionRecord:
    """One program mention of `item`."""
    period = mention.period
    span = mention.span
    return {
        "item_id": item.id,
        "item_kind": _NODE_KINDS.get(type(item).__name__, "item"),
        "program_id": mention.program,
        "phase": mention.phase,
        "text": mention.text,
        "span_start": None if span is None else span[0],
        "span_end": None if span is None else span[1],
        "start": None if period is None else period.start,
        "end": None if period is None else period.end,
        "period": None if period is None else period.label,
        "inferred": mention.inferred,
        "rule": mention.rule.value,
        "via": mention.via,
    }


def program_mention_records(
    item: Initiative | StatusNote | Action | Indicator,
) -> list[ProgramMentionRecord]:
    """One row per program mention of an initiative, status note, action or indicator."""
    return [program_mention_record(item, m) for m in item.program_mentions]


def program_use_record(
    program: Program, items: Iterable[object], ministries: Iterable[str]
) -> ProgramUseRecord:
    """A program with the `items` mentioning it (counted) and their `ministries`."""
    return {**program_record(program), "items": len(list(items)), "ministries": list(ministries)}


def ministry_use_record(ministry: Ministry, actions: Iterable[Action]) -> MinistryUseRecord:
    """A ministry with the `actions` tagged with it, counted, and those it leads."""
    listed = list(actions)
    return {
        **ministry_record(ministry),
        "actions": len(listed),
        "leads": sum(ministry.code in a.lead_ministries for a in listed),
    }


def roadmap_record(roadmap: Roadmap) -> RoadmapRecord:
    """A roadmap's title, source and counts."""
    return {
        "title": roadmap.title,
        "edition": roadmap.edition,
        "source": roadmap.source.name,
        "sha256": roadmap.source.sha256,
        "sections": len(roadmap.sections),
        "subsections": len(roadmap.subsections),
        "initiatives": len(roadmap.initiatives),
        "actions": len(roadmap.actions),
        "status_notes": len(roadmap.status_notes),
        "indicators": len(roadmap.indicators),
        "footnotes": len(roadmap.footnotes),
        "warnings": len(roadmap.warnings),
    }


def jsonable(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record with dates as ISO strings (`"2026-03-31"`), ready for `json.dumps`."""
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in record.items()
    }
