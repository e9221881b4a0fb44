"""Text layout for terminals: display width of Japanese text, aligned tables, records.

These functions return strings; printing is the CLI's job.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from stpmodel._write import escape_controls
from stpmodel.dates import DateMention
from stpmodel.model import MinistryRef
from stpmodel.roadmap import Deadline

__all__ = ["deadline_record", "display_width", "ministry_labels", "table", "truncate"]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide and full-width characters
    count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def truncate(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, ending with … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _limit(text: str, width: int | None) -> str:
    return text if width is None else truncate(text, width)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    max_width: int = 100,
    limits: Sequence[int | None] = (),
) -> str:
    """An aligned table; the last column is cut so every line fits ``max_width``, and
    column ``i`` to ``limits[i]`` columns where given."""
    if not rows:
        return ""
    rows = [[escape_controls(c) for c in r] for r in rows]
    if limits:
        rows = [
            [_limit(c, limits[i] if i < len(limits) else None) for i, c in enumerate(r)]
            for r in rows
        ]
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], display_width(cell))
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = max(10, max_width - fixed)
    lines = []
    for row in [list(headers), *rows]:
        cells = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        cells.append(truncate(row[-1], last))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def ministry_labels(refs: Sequence[MinistryRef]) -> str:
    """``科技*、文`` — the ministry codes, ``*`` marking the lead (underlined) ones."""
    return "、".join(f"{r.code}*" if r.lead else r.code for r in refs)


def mention_record(mention: DateMention) -> dict[str, Any]:
    """A date mention as JSON-ready data."""
    return {
        "text": mention.text,
        "start": mention.period.start.isoformat(),
        "end": mention.period.end.isoformat(),
        "relation": mention.relation.value,
        "granularity": mention.period.granularity.value,
        "span": list(mention.span),
    }


def deadline_record(deadline: Deadline) -> dict[str, Any]:
    """A deadline as a flat JSON-ready record (the CLI's json and csv formats)."""
    item = deadline.item
    mention = deadline.mention
    return {
        "id": item.id,
        "kind": deadline.kind,
        "text": item.text,
        "expression": mention.text,
        "year": mention.period.year,
        "start": mention.period.start.isoformat(),
        "end": mention.period.end.isoformat(),
        "due": mention.due.isoformat(),
        "relation": mention.relation.value,
        "granularity": mention.period.granularity.value,
        "ministries": [r.code for r in item.ministries],
        "lead_ministries": [r.code for r in item.ministries if r.lead],
        "programs": list(item.programs),
        "line": item.source.first_line,
    }
