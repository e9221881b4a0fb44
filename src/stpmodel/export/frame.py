"""pandas DataFrames of the roadmap (extra `pandas`): one row per object, typed columns.

Each frame is built from the records of [stpmodel.records][] (through
[table_records][stpmodel.export.tables.table_records]), so a column means the same in a
frame, the CSV and SQLite exports and the Excel workbook. Column names are the records'
English keys.

- dates (`start`, `end`, `due`, `first_due`, `last_due`, `as_of_start`, `as_of_end`) are
  `datetime64` (missing: `NaT`);
- indicator values (`value`, `latest_value`) are `float64`, with the unit in its own column
  (`unit`, `latest_unit`);
- booleans are `bool`; list-valued fields (`ministries`, `lead_ministries`, `programs`,
  `footnotes`, `cited_by`, `phases`) hold Python lists, ready for `DataFrame.explode`;
- `item_ministries` is the long table: one row per item and ministry tag, `lead` for 主担当.

```python
from stpmodel import load, to_frame

actions = to_frame(load(), "actions")
actions.explode("lead_ministries").groupby("lead_ministries").size()
```
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stpmodel.errors import MissingExtraError
from stpmodel.export.tables import table_records

if TYPE_CHECKING:  # Roadmap.to_frame imports this module: no run-time import back
    from stpmodel.roadmap import Roadmap

__all__ = ["FRAMES", "all_frame_records", "frame_records", "records_frame", "to_frame"]

_ITEM = (
    "text",
    "ministries",
    "lead_ministries",
    "programs",
    "footnotes",
    "repost",
    "dates",
    "first_due",
    "last_due",
    "line",
    "source",
)

FRAMES: dict[str, tuple[str, ...]] = {
    "initiatives": ("id", "subsection_id", *_ITEM),
    "actions": ("id", "initiative_id", *_ITEM),
    "status_notes": (
        "id",
        "initiative_id",
        "text",
        "programs",
        "footnotes",
        "dates",
        "first_due",
        "last_due",
        "line",
        "source",
    ),
    "deadlines": (
        "id",
        "kind",
        "initiative_id",
        "expression",
        "relation",
        "start",
        "end",
        "due",
        "label",
        "first_year",
        "last_year",
        "granularity",
        "calendar",
        "approximate",
        "ministries",
        "lead_ministries",
        "programs",
        "repost",
        "text",
        "line",
        "source",
    ),
    "indicators": (
        "id",
        "section_id",
        "kind",
        "name",
        "text",
        "repost",
        "footnotes",
        "observations",
        "latest_value",
        "latest_unit",
        "latest_as_of",
        "line",
    ),
    "observations": (
        "indicator_id",
        "series",
        "label",
        "value",
        "unit",
        "text",
        "as_of_start",
        "as_of_end",
        "as_of_label",
        "footnote",
    ),
    "ministries": ("code", "name_ja", "name_en", "kind", "abbreviation", "confirmed"),
    "programs": (
        "id",
        "name_ja",
        "name_en",
        "acronym",
        "operator",
        "part_of",
        "phases",
        "confirmed",
    ),
    "footnotes": ("number", "id", "text", "cited_by", "line"),
    "item_ministries": ("item_id", "kind", "code", "lead"),
    "sections": (
        "id",
        "number",
        "title",
        "chapter",
        "subsections",
        "initiatives",
        "actions",
        "indicators",
        "line",
    ),
    "subsections": (
        "id",
        "section_id",
        "number",
        "title",
        "initiatives",
        "actions",
        "status_notes",
        "line",
    ),
}
"""What [to_frame][stpmodel.export.frame.to_frame] can tabulate, with each frame's columns."""

_DATES = frozenset({"start", "end", "due", "first_due", "last_due", "as_of_start", "as_of_end"})
_FLOATS = frozenset({"value", "latest_value"})
_BOOLS = frozenset({"repost", "approximate", "confirmed", "lead"})


def _check(what: object) -> str:
    if not isinstance(what, str):
        raise TypeError(f"what must be a table name (str), not {type(what).__name__}")
    if what not in FRAMES:
        raise ValueError(f"unknown table {what!r}; expected one of {', '.join(FRAMES)}")
    return what


def frame_records(roadmap: Roadmap, what: str) -> list[dict[str, Any]]:
    """The records of the frame `what`, each with exactly its columns, in order.

    Values are plain Python: [datetime.date][] or `None` for dates, lists for list-valued
    fields. [to_frame][stpmodel.export.frame.to_frame] and the Excel workbook read these.
    """
    columns = FRAMES[_check(what)]
    return [{c: r[c] for c in columns} for r in table_records(roadmap)[what]]


def all_frame_records(roadmap: Roadmap) -> dict[str, list[dict[str, Any]]]:
    """[frame_records][stpmodel.export.frame.frame_records] of every frame, read in one pass."""
    records = table_records(roadmap)
    return {
        name: [{c: r[c] for c in columns} for r in records[name]]
        for name, columns in FRAMES.items()
    }


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError("DataFrames", "pandas", "pandas") from None
    return pd


def to_frame(roadmap: Roadmap, what: str = "actions") -> Any:
    """A `pandas.DataFrame` of `what` (a key of [FRAMES][stpmodel.export.frame.FRAMES]).

    One row per object in document order, indexed by position, with the columns of
    `FRAMES[what]` typed as the module docs say (dates `datetime64`, values `float64`,
    lists as lists).

    Raises:
        ValueError: `what` names no frame.
        TypeError: `what` is not a string.
        MissingExtraError: pandas is not installed.
    """
    _check(what)
    pd = _pandas()
    columns = list(FRAMES[what])
    return _typed(pd, pd.DataFrame.from_records(frame_records(roadmap, what), columns=columns))


def records_frame(records: Iterable[Mapping[str, Any]], what: str = "") -> Any:
    """A `pandas.DataFrame` of plain records ([stpmodel.records][]), one row each, typed
    like [to_frame][stpmodel.export.frame.to_frame]'s frames.

    Result collections (`roadmap.deadlines(...).to_frame()` …) come here. Where `what`
    names a frame of [FRAMES][stpmodel.export.frame.FRAMES], the columns are that frame's
    (so a query's deadlines tabulate exactly like `to_frame(roadmap, "deadlines")`, even
    when there are none); otherwise they are the records' keys.
    """
    pd = _pandas()
    rows = [dict(r) for r in records]
    columns = FRAMES.get(what)
    if columns is not None and all(c in row for row in rows for c in columns):
        rows = [{c: row[c] for c in columns} for row in rows]
        return _typed(pd, pd.DataFrame.from_records(rows, columns=list(columns)))
    return _typed(pd, pd.DataFrame.from_records(rows))


def _typed(pd: Any, frame: Any) -> Any:
    """Dates as `datetime64`, values as `float64`, flags as `bool`, by column name."""
    for column in frame.columns:
        if column in _DATES:
            frame[column] = pd.to_datetime(frame[column])
        elif column in _FLOATS:
            frame[column] = frame[column].astype("float64")
        elif column in _BOOLS:
            frame[column] = frame[column].astype(bool)
    return frame
