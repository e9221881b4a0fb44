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

from stpmodel._date_records import (
    DateRecord,
    DeadlineRecord,
    MentionRecord,
    date_record,
    deadline_record,
    lead_codes,
    mention_record,
    ministry_codes,
)
from stpmodel._indicator_records import (
    IndicatorRecord,
    ObservationRecord,
    indicator_record,
    observation_record,
    observation_records,
)
from stpmodel._program_records import (
    ItemProgramRecord,
    ProgramPhaseRecord,
    ProgramRecord,
    ProgramUseRecord,
    item_program_records,
    program_phase_records,
    program_record,
    program_use_record,
)

if TYPE_CHECKING:
    from stpmodel.model import (
        Action,
        Footnote,
        Indicator,
        Initiative,
        Ministry,
        MinistryRef,
        ProgramMention,
        Section,
        StatusNote,
        Subsection,
    )
    from stpmodel.query import MinistryPair
    from stpmodel.roadmap import Node, Roadmap

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
        "ministries": ministry_codes(refs),
        "lead_ministries": lead_codes(refs),
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
