"""Deadlines as an RFC 5545 calendar through the `icalendar` package (extra `ics`).

One all-day event per deadline on its due date ([DateMention.due][stpmodel.dates.DateMention.due]:
the period's end for `by`, its start for `from`). UIDs derive from the item ID and the
mention, so importing a re-export updates events rather than duplicating them. iCalendar
text cannot carry control characters; they are written as `\\xNN`
([escape_controls][stpmodel._write.escape_controls]).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from typing import Any

from stpmodel._write import escape_controls, write_bytes
from stpmodel.errors import MissingExtraError
from stpmodel.records import DeadlineRecord, deadline_record
from stpmodel.roadmap import Deadline, Roadmap

__all__ = ["calendar_bytes", "event_uid", "write_calendar"]

_STAMP = dt.datetime(2024, 6, 4, tzinfo=dt.UTC)  # the strategy's Cabinet decision day


def event_uid(deadline: Deadline) -> str:
    """A stable UID: the item ID with a short hash of the mention text and span."""
    return _uid(deadline_record(deadline))


def _uid(record: DeadlineRecord) -> str:
    start, end = record["span"]
    digest = hashlib.sha1(f"{record['expression']}|{start}|{end}".encode()).hexdigest()[:12]
    return f"{escape_controls(record['id'])}-{digest}@stpmodel"


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError:
        raise MissingExtraError("calendar export", "ics", "icalendar") from None
    return icalendar


def _event(icalendar: Any, record: DeadlineRecord) -> Any:
    ident = escape_controls(record["id"])
    text = escape_controls(record["text"])
    summary = text if len(text) <= 60 else text[:59] + "…"
    leads = set(record["lead_ministries"])
    ministries = "、".join(f"{c}*" if c in leads else c for c in record["ministries"])
    lines = [
        text,
        f"期限: {record['expression']} ({record['start']}..{record['end']}, {record['relation']})",
        f"府省: {ministries}",
    ]
    if record["programs"]:
        lines.append("programs: " + ", ".join(record["programs"]))
    lines.append(f"ID: {record['id']}  source: {record['source']}")
    day = record["due"]
    event = icalendar.Event()
    event.add("uid", _uid(record))
    event.add("dtstamp", _STAMP)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", f"[{ident}] {summary}")
    event.add("description", escape_controls("\n".join(lines)))
    event.add("categories", [escape_controls(c) for c in record["ministries"]] or ["-"])
    return event


def calendar_bytes(roadmap: Roadmap, deadlines: Sequence[Deadline] | None = None) -> bytes:
    """The calendar of `deadlines` (default: all of the roadmap's) as iCalendar bytes."""
    icalendar = _icalendar()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//stpmodel//工程表 deadlines//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", escape_controls(roadmap.title))
    for deadline in roadmap.deadlines() if deadlines is None else deadlines:
        cal.add_component(_event(icalendar, deadline_record(deadline)))
    data: bytes = cal.to_ical()
    return data


def write_calendar(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    deadlines: Sequence[Deadline] | None = None,
    *,
    overwrite: bool = False,
) -> str:
    """Write [calendar_bytes][stpmodel.export.ics.calendar_bytes] to `path`; returns the path.

    An existing file is replaced (atomically) only with `overwrite=True`.
    """
    return write_bytes(path, calendar_bytes(roadmap, deadlines), overwrite=overwrite)
