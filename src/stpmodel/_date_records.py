"""The records of dates: one per date mention, per deadline and per row of the `dates`
link table (the mention's columns, then the item's).

Part of [stpmodel.records][], which re-exports every name here and under whose name
they are documented (`__module__` is ``stpmodel.records``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from stpmodel.dates import fiscal_quarter_of, fiscal_year_of

if TYPE_CHECKING:
    from stpmodel.dates import DateMention
    from stpmodel.model import MinistryRef
    from stpmodel.roadmap import Deadline

__all__ = [
    "DateRecord",
    "DeadlineRecord",
    "MentionRecord",
    "date_record",
    "deadline_record",
    "lead_codes",
    "mention_record",
    "ministry_codes",
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


def ministry_codes(refs: Iterable[MinistryRef]) -> list[str]:
    return [ref.code for ref in refs]


def lead_codes(refs: Iterable[MinistryRef]) -> list[str]:
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
        "ministries": ministry_codes(refs),
        "lead_ministries": lead_codes(refs),
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


# documented under the module that re-exports them
for _public in (
    DateRecord,
    DeadlineRecord,
    MentionRecord,
    date_record,
    deadline_record,
    mention_record,
):
    _public.__module__ = "stpmodel.records"
