"""Deadlines as an RFC 5545 calendar through the `icalendar` package (extra `ics`).

One all-day event per deadline on its due date ([DateMention.due][stpmodel.dates.DateMention.due]:
the period's end for `by`, its start for `from`). UIDs derive from the item ID and the
mention, so importing a re-export updates events rather than duplicating them. iCalendar
text cannot carry control characters, non-characters or lone surrogates; they are written
as U+FFFD and counted ([Replacer][stpmodel._write.Replacer]).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from typing import Any

from stpmodel._write import Replacer, Written, write_bytes
from stpmodel.errors import MissingExtraError
from stpmodel.records import DeadlineRecord, deadline_record
from stpmodel.roadmap import Deadline, Roadmap

__all__ = ["calendar", "calendar_bytes", "event_uid", "write_calendar"]

_STAMP = dt.datetime(2024, 6, 4, tzinfo=dt.UTC)  # the strategy's Cabinet decision day


def event_uid(deadline: Deadline) -> str:
    """A stable UID: the item ID with a short hash of the mention text and span."""
    return _uid(deadline_record(deadline), Replacer())


def _uid(record: DeadlineRecord, replace: Replacer) -> str:
    start, end = record["span"]
    key = f"{record['expression']}|{start}|{end}".encode("utf-8", "surrogatepass")
    return f"{replace(record['id'])}-{hashlib.sha1(key).hexdigest()[:12]}@stpmodel"


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError:
        raise MissingExtraError("calendar export", "ics", "icalendar") from None
    return icalendar


def _event(icalendar: Any, record: DeadlineRecord, replace: Replacer) -> Any:
    """One event; every text written goes through `replace` (so its count is what the
    file holds)."""
    text = record["text"]
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
    event.add("uid", _uid(record, replace))
    event.add("dtstamp", _STAMP)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", replace(f"[{record['id']}] {summary}"))
    event.add("description", replace("\n".join(lines)))
    event.add("categories", [replace(c) for c in record["ministries"]] or ["-"])
    return event


def calendar(roadmap: Roadmap, deadlines: Sequence[Deadline] | None = None) -> tuple[bytes, int]:
    """The calendar of `deadlines` (default: all of the roadmap's) as iCalendar bytes, and
    how many characters iCalendar cannot carry were written as U+FFFD."""
    icalendar = _icalendar()
    replace = Replacer()
    cal = icalendar.Calendar()
    cal.add("prodid", "-//stpmodel//工程表 deadlines//JA")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", replace(roadmap.title))
    for deadline in roadmap.deadlines() if deadlines is None else deadlines:
        cal.add_component(_event(icalendar, deadline_record(deadline), replace))
    data: bytes = cal.to_ical()
    return data, replace.count


def calendar_bytes(roadmap: Roadmap, deadlines: Sequence[Deadline] | None = None) -> bytes:
    """The calendar of `deadlines` (default: all of the roadmap's) as iCalendar bytes
    ([calendar][stpmodel.export.ics.calendar] without the count)."""
    return calendar(roadmap, deadlines)[0]


def write_calendar(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    deadlines: Sequence[Deadline] | None = None,
    *,
    overwrite: bool = False,
) -> Written:
    """Write [calendar_bytes][stpmodel.export.ics.calendar_bytes] to `path`; returns the path,
    a [Written][stpmodel._write.Written] whose `replaced` counts the characters written as
    U+FFFD.

    An existing file is replaced (atomically) only with `overwrite=True`.
    """
    data, replaced = calendar(roadmap, deadlines)
    return Written(write_bytes(path, data, overwrite=overwrite), replaced)
