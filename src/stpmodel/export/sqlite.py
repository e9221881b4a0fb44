"""The roadmap as a typed SQLite database (stdlib sqlite3) for Datasette or plain SQL.

(DuckDB reads it only through its `sqlite` extension, which it downloads; the Parquet
export, [stpmodel.export.arrow][], needs nothing.)

Tables follow [TABLES][stpmodel.export.tables.TABLES]; the schema is generated from their
declaration ([SPECS][stpmodel.export.tables.SPECS]), with primary and foreign keys and an
index on every column that refers to another table. Columns are declared with their types:
dates `DATE` (stored as ISO text, `2026-03-31`, which sorts and compares as dates),
booleans `BOOLEAN` (0/1), indicator values `REAL`, counts and years `INTEGER`, so queries
need no casts. Every value goes through parameterised statements.

Two views answer the usual questions in one `WHERE` clause:

- `deadlines`: one row per date written on an initiative or action, with the columns of
  the `deadlines` frame: the item's text, its ministries, lead ministries and programs
  (joined with `、`), and the years written at each end,
  `first_year` and `last_year` (equal for a single period). A deadline falls in a window of
  years when either end does, as [Roadmap.deadlines][stpmodel.Roadmap.deadlines] counts it.
- `ministry_deadlines`: the same rows once per ministry tag of the item, with its `code`
  and `lead` (主担当).

```sql
-- what 文 leads in 2025–2027
SELECT DISTINCT id, expression, due FROM ministry_deadlines
WHERE code = '文' AND lead
  AND (first_year BETWEEN 2025 AND 2027 OR last_year BETWEEN 2025 AND 2027);
```
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from typing import Any

from stpmodel._write import write_with
from stpmodel.export.tables import SPECS, TABLES, Column, Table, tables
from stpmodel.roadmap import Roadmap

__all__ = ["SCHEMA", "schema", "write_sqlite"]

_SQL_TYPES = {
    "str": "TEXT",
    "int": "INTEGER",
    "float": "REAL",
    "bool": "BOOLEAN",
    "date": "DATE",
    "list": "TEXT",
}


def _q(name: str) -> str:
    return f'"{name}"'


def _definition(table: Table, column: Column) -> str:
    parts = [_q(column.name), _SQL_TYPES[column.kind]]
    if column.name == table.key:
        parts.append("PRIMARY KEY")
    elif not column.nullable:
        parts.append("NOT NULL")
    if column.name in table.references:
        parts.append(f"REFERENCES {table.references[column.name]}")
    return " ".join(parts)


def _indexed(table: Table) -> list[str]:
    return [
        c.name
        for c in table.flat
        if c.name in table.references
        or c.name in table.indexed
        or (c.name.endswith("_id") and c.name != table.key)
    ]


# The `deadlines` view: its columns are the `deadlines` frame's; those the `dates` table
# has come from it, the others from the item they are written on (this is where each is
# computed, not a second list of columns: the order and names come from the record).
_ITEM = "COALESCE(a.{0}, i.{0})"
_JOINED = (
    "(SELECT group_concat({col}, '、') FROM (SELECT x.{col} FROM {table} x"
    " WHERE x.item_id = d.item_id{extra} ORDER BY x.rowid))"
)
_DEADLINE_SQL = {
    "id": "d.item_id",
    "initiative_id": "COALESCE(a.initiative_id, d.item_id)",
    "ministries": _JOINED.format(col="code", table="item_ministries", extra=""),
    "lead_ministries": _JOINED.format(col="code", table="item_ministries", extra=" AND x.lead"),
    "programs": _JOINED.format(col="program_id", table="item_programs", extra=""),
}


def _deadline_expression(name: str) -> str:
    if name in _DEADLINE_SQL:
        return _DEADLINE_SQL[name]
    if name in TABLES["dates"]:
        return f"d.{_q(name)}"
    return _ITEM.format(_q(name))


def schema() -> str:
    """The database schema generated from [SPECS][stpmodel.export.tables.SPECS]: one
    table per relational table (primary keys, `NOT NULL` where the record allows no
    `None`, foreign keys), an index on every reference and `*_id` column, and the views
    `deadlines` (columns of the `deadlines` frame) and `ministry_deadlines`."""
    statements = []
    for name, table in SPECS.items():
        if table.relational:
            body = ",\n    ".join(_definition(table, c) for c in table.flat)
            statements.append(f"CREATE TABLE {name} (\n    {body}\n);")
    for name, table in SPECS.items():
        if table.relational:
            statements.extend(
                f"CREATE INDEX {name}_{c} ON {name}({_q(c)});" for c in _indexed(table)
            )
    select = ",\n    ".join(
        f"{_deadline_expression(n)} AS {_q(n)}" for n in SPECS["deadlines"].names
    )
    statements.append(
        f"CREATE VIEW deadlines AS\nSELECT\n    {select}\nFROM dates d\n"
        "LEFT JOIN actions a ON a.id = d.item_id\n"
        "LEFT JOIN initiatives i ON i.id = d.item_id;"
    )
    statements.append(
        "CREATE VIEW ministry_deadlines AS\nSELECT dl.*, m.code, m.lead\n"
        "FROM deadlines dl JOIN item_ministries m ON m.item_id = dl.id;"
    )
    return "\n".join(statements) + "\n"


SCHEMA = schema()
"""The database schema ([schema][stpmodel.export.sqlite.schema]'s text)."""

_SYSTEM_ERRORS = frozenset({3, 8, 10, 13, 14})
"""SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN."""


def write_sqlite(roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """Write a new database at `path` (a `str` or a path); returns the path.

    The database is built in a temporary file of the same folder and renamed to `path`
    when complete: nothing at `path` is deleted first, an existing file is replaced only
    with `overwrite=True`, and a symbolic link or non-regular file there is refused.

    Raises:
        WriteError: the target exists (without `overwrite`), is a link or not a regular
            file, or the system refused the write (disk full, no permission …).
    """
    return write_with(path, lambda tmp: _build(roadmap, tmp), overwrite=overwrite)


def _value(value: Any) -> Any:
    # ISO text for DATE columns: sqlite3's implicit date adapter is deprecated
    return value.isoformat() if isinstance(value, dt.date) else value


def _build(roadmap: Roadmap, path: str) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # The file is a private temporary one, flushed once and renamed into place when
        # complete (atomic_path): no rollback journal and no syncs per statement needed.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        data = tables(roadmap)
        connection.executescript("BEGIN;\n" + SCHEMA)  # one transaction for everything
        for name in TABLES:  # parents first, so foreign keys hold while rows go in
            columns = TABLES[name]
            quoted = ", ".join(_q(c) for c in columns)
            marks = ", ".join("?" for _ in columns)
            connection.executemany(
                f"INSERT INTO {name} ({quoted}) VALUES ({marks})",
                [tuple(_value(v) for v in row) for row in data[name]],
            )
        connection.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        # disk full, I/O error, read-only or unopenable file: the system refused the
        # write, which atomic_path reports naming the target; anything else is a bug
        if exc.sqlite_errorcode & 0xFF in _SYSTEM_ERRORS:
            raise OSError(str(exc)) from exc
        raise
    finally:
        connection.close()
