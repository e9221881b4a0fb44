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

from stpmodel import records as rec
from stpmodel.errors import MissingExtraError
from stpmodel.export.tables import FRAMES, SPECS, Column, columns_of, table_records

if TYPE_CHECKING:  # Roadmap.to_frame imports this module: no run-time import back
    from stpmodel.roadmap import Roadmap

__all__ = [
    "FRAMES",
    "all_frame_records",
    "frame_columns",
    "frame_records",
    "records_frame",
    "to_frame",
]

COLLECTIONS: dict[str, type] = {
    "items": rec.ItemRecord,
    "nodes": rec.NodeRecord,
    "codes": rec.CodeRecord,
    "pairs": rec.MinistryPairRecord,
}
"""The record of each result collection that is not a table (`Items`, `Nodes`, `Codes`,
`MinistryPairs`), whose frame takes its columns and types from that record."""


def _check(what: object) -> str:
    if not isinstance(what, str):
        raise TypeError(f"what must be a table name (str), not {type(what).__name__}")
    if what not in SPECS:
        raise ValueError(f"unknown table {what!r}; expected one of {', '.join(SPECS)}")
    return what


def frame_columns(what: str) -> tuple[Column, ...]:
    """The typed columns of the frame `what`: a table of
    [SPECS][stpmodel.export.tables.SPECS] or a result collection."""
    if what in SPECS:
        return SPECS[what].columns
    return columns_of(COLLECTIONS[what])


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
    """A `pandas.DataFrame` of `what` (a key of [FRAMES][stpmodel.export.tables.FRAMES]).

    One row per object in document order, indexed by position, with the columns of
    `FRAMES[what]` typed as the module docs say (dates `datetime64`, values `float64`,
    lists as lists).

    Raises:
        ValueError: `what` names no frame.
        TypeError: `what` is not a string.
        MissingExtraError: pandas is not installed.
    """
    _check(what)
    return _pandas_frame(frame_records(roadmap, what), frame_columns(what))


def records_frame(records: Iterable[Mapping[str, Any]], what: str = "") -> Any:
    """A `pandas.DataFrame` of plain records ([stpmodel.records][]), one row each, typed
    like [to_frame][stpmodel.export.frame.to_frame]'s frames.

    Result collections (`roadmap.deadlines(...).to_frame()` …) come here. Where `what`
    names a frame of [FRAMES][stpmodel.export.tables.FRAMES] or a collection of
    [COLLECTIONS][stpmodel.export.frame.COLLECTIONS], the columns are its own (so a
    query's deadlines tabulate exactly like `to_frame(roadmap, "deadlines")`, even when
    there are none); otherwise they are the records' keys.
    """
    rows = [dict(r) for r in records]
    if what in SPECS or what in COLLECTIONS:
        columns = frame_columns(what)
        names = [c.name for c in columns]
        if all(c in row for row in rows for c in names):
            return _pandas_frame([{c: row[c] for c in names} for row in rows], columns)
    pd = _pandas()
    return pd.DataFrame.from_records(rows)


def _pandas_frame(rows: list[dict[str, Any]], columns: Iterable[Column]) -> Any:
    """Dates as `datetime64`, values as `float64`, flags as `bool`, whole numbers as
    `int64` (`Int64` where a value may be missing), by the record's types."""
    pd = _pandas()
    columns = tuple(columns)
    frame = pd.DataFrame.from_records(rows, columns=[c.name for c in columns])
    for column in columns:
        name = column.name
        if column.kind == "date":
            frame[name] = pd.to_datetime(frame[name])
        elif column.kind == "float":
            frame[name] = frame[name].astype("float64")
        elif column.kind == "bool":
            frame[name] = frame[name].astype(bool)
        elif column.kind == "int":
            frame[name] = frame[name].astype("Int64" if column.nullable else "int64")
    return frame
