"""DataFrames of the roadmap: pandas (extra `pandas`) or polars (extra `polars`), one row
per object, typed columns.

Each frame is built from the records of [stpmodel.records][] (through
[table_records][stpmodel.export.tables.table_records]), and its columns — names, order
and types — come from the table's declaration
([SPECS][stpmodel.export.tables.SPECS]), so a column means the same in a frame, the CSV,
SQLite and Parquet exports and the Excel workbook. Every table of those exports is a
frame (`"item_programs"`, `"citations"` and `"dates"` included). In pandas:

- dates (`start`, `end`, `due`, `first_due`, `last_due`, `as_of_start`, `as_of_end`) are
  `datetime64` (missing: `NaT`);
- indicator values (`value`, `latest_value`) are `float64`, with the unit in its own column
  (`unit`, `latest_unit`);
- whole numbers (counts, years, `fiscal_year`, `footnote`) are `int64`, or `Int64` where
  one may be missing — never `float64`;
- booleans are `bool`; list-valued fields (`ministries`, `lead_ministries`, `programs`,
  `footnotes`, `cited_by`, `phases`) hold Python lists, ready for `DataFrame.explode`;
- `item_ministries` is the long table: one row per item and ministry tag, `lead` for 主担当.

With `engine="polars"` the same columns are `Date`, `Float64`, `Int64`, `Boolean` and
`List(String)`, and pandas is never imported.

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
    "COLLECTIONS",
    "ENGINES",
    "FRAMES",
    "all_frame_records",
    "check_table",
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


def check_table(what: object) -> str:
    """`what` if it names a table of [SPECS][stpmodel.export.tables.SPECS]; a `TypeError`
    or a `ValueError` listing the tables otherwise."""
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
    columns = FRAMES[check_table(what)]
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


def _polars() -> Any:
    try:
        import polars as pl
    except ImportError:
        raise MissingExtraError("polars DataFrames", "polars", "polars") from None
    return pl


ENGINES = ("pandas", "polars")
"""The frame libraries [to_frame][stpmodel.export.frame.to_frame] can build for."""


def _check_engine(engine: object) -> str:
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}")
    return str(engine)


def to_frame(roadmap: Roadmap, what: str = "actions", *, engine: str = "pandas") -> Any:
    """A DataFrame of `what` (a key of [FRAMES][stpmodel.export.tables.FRAMES]): a
    `pandas.DataFrame`, or with `engine="polars"` a `polars.DataFrame` (pandas is then
    not imported).

    One row per object in document order, with the columns of `FRAMES[what]` typed from
    the record (pandas: dates `datetime64`, values `float64`, whole numbers `int64` or
    `Int64` where one may be missing, lists as lists; polars: `Date`, `Float64`,
    `Int64`, `Boolean`, `List(String)`).

    Raises:
        ValueError: `what` names no frame, or `engine` is neither `"pandas"` nor `"polars"`.
        TypeError: `what` is not a string.
        MissingExtraError: the engine is not installed.
    """
    check_table(what)
    return _frame(frame_records(roadmap, what), frame_columns(what), _check_engine(engine))


def records_frame(
    records: Iterable[Mapping[str, Any]], what: str = "", *, engine: str = "pandas"
) -> Any:
    """A DataFrame (pandas, or polars with `engine="polars"`) of plain records
    ([stpmodel.records][]), one row each, typed like
    [to_frame][stpmodel.export.frame.to_frame]'s frames.

    Result collections (`roadmap.deadlines(...).to_frame()` …) come here. Where `what`
    names a frame of [FRAMES][stpmodel.export.tables.FRAMES] or a collection of
    [COLLECTIONS][stpmodel.export.frame.COLLECTIONS], the columns are its own (so a
    query's deadlines tabulate exactly like `to_frame(roadmap, "deadlines")`, even when
    there are none); otherwise they are the records' keys.
    """
    engine = _check_engine(engine)
    rows = [dict(r) for r in records]
    if what in SPECS or what in COLLECTIONS:
        columns = frame_columns(what)
        names = [c.name for c in columns]
        if all(c in row for row in rows for c in names):
            return _frame([{c: row[c] for c in names} for row in rows], columns, engine)
    if engine == "polars":
        return _polars().DataFrame(rows)
    return _pandas().DataFrame.from_records(rows)


def _frame(rows: list[dict[str, Any]], columns: Iterable[Column], engine: str) -> Any:
    if engine == "polars":
        return _polars_frame(rows, tuple(columns))
    return _pandas_frame(rows, tuple(columns))


def _polars_frame(rows: list[dict[str, Any]], columns: tuple[Column, ...]) -> Any:
    pl = _polars()
    kinds = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean}
    kinds["date"] = pl.Date
    schema = {
        c.name: pl.List(kinds[c.item]) if c.kind == "list" else kinds[c.kind] for c in columns
    }
    return pl.DataFrame(rows, schema=schema)


def _pandas_frame(rows: list[dict[str, Any]], columns: tuple[Column, ...]) -> Any:
    """Dates as `datetime64`, values as `float64`, flags as `bool`, whole numbers as
    `int64` (`Int64` where a value may be missing), by the record's types."""
    pd = _pandas()
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
