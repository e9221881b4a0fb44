"""The roadmap as Arrow tables and Parquet files (extra `parquet`: pyarrow), for DuckDB,
polars and any engine that reads Parquet.

Every table of [SPECS][stpmodel.export.tables.SPECS] — the frames: sections through
citations, the link tables and the `deadlines` table — becomes one Arrow table with the
columns of its record, typed from the record's declaration: dates `date32` (DuckDB's
`DATE`), values `double`, flags `bool`, counts, years and footnote numbers `int64`, and
list-valued columns (ministries, programs, footnotes …) as `list<string>` or
`list<int64>`. A column the record allows to be `None` is nullable.

```python
import duckdb
from stpmodel.export import export

export(roadmap, "parquet", "out")  # or: stpmodel export --format parquet -o out
duckdb.sql("SELECT fiscal_year, count(*) FROM 'out/deadlines.parquet' GROUP BY ALL")
```
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from stpmodel.errors import MissingExtraError
from stpmodel.export.tables import SPECS, Column

if TYPE_CHECKING:
    from stpmodel.roadmap import Roadmap

__all__ = ["arrow_schema", "parquet_files", "to_arrow", "write_parquet"]


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtraError("Arrow tables and Parquet", "parquet", "pyarrow") from None
    return pa


def _arrow_type(pa: Any, kind: str) -> Any:
    return {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "date": pa.date32(),
    }[kind]


def _field(pa: Any, column: Column) -> Any:
    if column.kind == "list":
        kind = pa.list_(_arrow_type(pa, column.item))
    else:
        kind = _arrow_type(pa, column.kind)
    return pa.field(column.name, kind, nullable=column.nullable)


def arrow_schema(what: str) -> Any:
    """The `pyarrow.Schema` of the table `what`, from its record's declaration.

    Raises:
        ValueError: `what` names no table.
        MissingExtraError: pyarrow is not installed.
    """
    from stpmodel.export.frame import check_table

    pa = _pyarrow()
    return pa.schema([_field(pa, c) for c in SPECS[check_table(what)].columns])


def to_arrow(roadmap: Roadmap, what: str = "actions") -> Any:
    """A `pyarrow.Table` of `what` (a table of [SPECS][stpmodel.export.tables.SPECS]):
    the same rows and columns as [to_frame][stpmodel.export.frame.to_frame], typed by
    [arrow_schema][stpmodel.export.arrow.arrow_schema].

    Raises:
        ValueError: `what` names no table.
        TypeError: `what` is not a string.
        MissingExtraError: pyarrow is not installed.
    """
    from stpmodel.export.frame import frame_records

    schema = arrow_schema(what)
    return _pyarrow().Table.from_pylist(frame_records(roadmap, what), schema=schema)


def parquet_files(roadmap: Roadmap) -> dict[str, bytes]:
    """Every table as the bytes of a Parquet file, by file name (`deadlines.parquet` …)."""
    import pyarrow.parquet as pq

    from stpmodel.export.frame import all_frame_records

    pa = _pyarrow()
    files = {}
    for name, records in all_frame_records(roadmap).items():
        table = pa.Table.from_pylist(records, schema=arrow_schema(name))
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink)
        files[f"{name}.parquet"] = sink.getvalue().to_pybytes()
    return files


def write_parquet(
    roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False
) -> str:
    """One Parquet file per table into the folder `path` (made if missing; its parent must
    exist); returns the path.

    As for CSV: when any file this would write is there already, nothing is written
    unless `overwrite` is true; then only those files are replaced, each atomically.

    Raises:
        MissingExtraError: pyarrow is not installed.
        WriteError: a target exists (without `overwrite`), is a link or not a regular
            file, or the system refused the write; or a text holds a lone surrogate (a
            roadmap built in Python may), named with `path`, and nothing is written.
    """
    from stpmodel._write import encoding_for, write_files

    _pyarrow()
    with encoding_for(path):
        files = parquet_files(roadmap)
    return write_files(path, files, overwrite=overwrite)
