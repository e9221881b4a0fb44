"""pandas DataFrames of the roadmap (extra ``pandas``): one row per object, typed columns.

Dates are ``datetime64``, indicator values numbers, booleans booleans, and list-valued
fields (ministries, programs) joined with ``、`` next to a lead-only column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stpmodel.errors import MissingExtraError

if TYPE_CHECKING:  # Roadmap.to_frame imports this module: no run-time import back
    from stpmodel.model import Action, Initiative
    from stpmodel.roadmap import Roadmap

__all__ = ["FRAMES", "records_frame", "to_frame"]

FRAMES = ("initiatives", "actions", "status_notes", "deadlines", "observations")
"""What :func:`to_frame` can tabulate."""


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("DataFrames", "pandas", "pandas") from None
    return pd


def _tag_columns(item: Initiative | Action) -> dict[str, str]:
    return {
        "ministries": "、".join(r.code for r in item.ministries),
        "lead_ministries": "、".join(item.lead_ministries),
        "programs": "、".join(item.programs),
    }


def _records(roadmap: Roadmap, what: str) -> list[dict[str, Any]]:
    if what == "initiatives":
        return [
            {
                "id": i.id,
                "text": i.text,
                **_tag_columns(i),
                "repost": i.repost,
                "status_notes": len(i.status_notes),
                "actions": len(i.actions),
                "line": i.source.first_line,
            }
            for i in roadmap.initiatives
        ]
    if what == "actions":
        return [
            {
                "id": a.id,
                "initiative_id": a.initiative_id,
                "text": a.text,
                **_tag_columns(a),
                "repost": a.repost,
                "first_due": min((m.due for m in a.dates), default=None),
                "line": a.source.first_line,
            }
            for a in roadmap.actions
        ]
    if what == "status_notes":
        return [
            {
                "id": n.id,
                "initiative_id": n.initiative_id,
                "text": n.text,
                "programs": "、".join(n.programs),
                "line": n.source.first_line,
            }
            for n in roadmap.status_notes
        ]
    if what == "deadlines":
        return [
            {
                "id": d.item.id,
                "kind": d.kind,
                "text": d.item.text,
                "expression": d.mention.text,
                "year": d.mention.period.year,
                "start": d.mention.period.start,
                "end": d.mention.period.end,
                "due": d.mention.due,
                "relation": d.mention.relation.value,
                **_tag_columns(d.item),
                "line": d.item.source.first_line,
            }
            for d in roadmap.deadlines()
        ]
    if what == "observations":
        return [
            {
                "indicator_id": ind.id,
                "indicator": ind.name,
                "kind": ind.kind.value,
                "series": o.series,
                "label": o.label,
                "value": float(o.value),
                "unit": o.unit,
                "as_of_start": o.as_of.start if o.as_of else None,
                "as_of_end": o.as_of.end if o.as_of else None,
            }
            for ind in roadmap.indicators
            for o in ind.observations
        ]
    raise ValueError(f"unknown table {what!r}; expected one of {', '.join(FRAMES)}")


_DATES = ("first_due", "start", "end", "due", "as_of_start", "as_of_end")


def to_frame(roadmap: Roadmap, what: str = "actions") -> Any:
    """A ``pandas.DataFrame`` of ``what`` (one of :data:`FRAMES`), indexed by position."""
    pd = _pandas()
    records = _records(roadmap, what)
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame()
    for column in _DATES:
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    for column in ("repost",):
        if column in frame:
            frame[column] = frame[column].astype(bool)
    return frame


# core: a minimal placeholder so result collections (Deadlines, Items, Nodes …) can
# delegate `to_frame()` here; writers may rewrite it keeping the name and signature.
def records_frame(records: Iterable[Mapping[str, Any]], what: str = "") -> Any:
    """A `pandas.DataFrame` of plain records ([stpmodel.records][]): one row each,
    `datetime.date` columns as `datetime64`. `what` names the kind of record."""
    import datetime as dt

    pd = _pandas()
    rows = [dict(r) for r in records]
    frame = pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    for column in frame.columns:
        values = frame[column].dropna()
        if len(values) and all(isinstance(v, dt.date) for v in values):
            frame[column] = pd.to_datetime(frame[column])
    return frame
