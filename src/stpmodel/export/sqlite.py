"""The roadmap as a typed SQLite database (stdlib sqlite3) for Datasette, DuckDB or plain SQL.

Tables follow [TABLES][stpmodel.export.tables.TABLES], with primary and foreign keys and an
index on every column that refers to another table. Columns are declared with their types:
dates `DATE` (stored as ISO text, `2026-03-31`, which sorts and compares as dates),
booleans `BOOLEAN` (0/1), indicator values `REAL`, counts and years `INTEGER`, so queries
need no casts. Every value goes through parameterised statements.

Two views answer the usual questions in one `WHERE` clause:

- `deadlines`: one row per date written on an initiative or action, with the item's text,
  its ministries and lead ministries (joined with `、`), and the years written at each end,
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
from stpmodel.export.tables import TABLES, tables
from stpmodel.roadmap import Roadmap

__all__ = ["SCHEMA", "write_sqlite"]

SCHEMA = """
CREATE TABLE sections (id TEXT PRIMARY KEY, number INTEGER NOT NULL, title TEXT NOT NULL,
    chapter TEXT, line INTEGER NOT NULL);
CREATE TABLE subsections (id TEXT PRIMARY KEY,
    section_id TEXT NOT NULL REFERENCES sections(id), number INTEGER NOT NULL,
    title TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE initiatives (id TEXT PRIMARY KEY,
    subsection_id TEXT NOT NULL REFERENCES subsections(id), text TEXT NOT NULL,
    repost BOOLEAN NOT NULL, first_due DATE, last_due DATE, line INTEGER NOT NULL);
CREATE TABLE status_notes (id TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id), text TEXT NOT NULL,
    line INTEGER NOT NULL);
CREATE TABLE actions (id TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id), text TEXT NOT NULL,
    repost BOOLEAN NOT NULL, first_due DATE, last_due DATE, line INTEGER NOT NULL);
CREATE TABLE ministries (code TEXT PRIMARY KEY, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
    kind TEXT NOT NULL, abbreviation TEXT NOT NULL, confirmed BOOLEAN NOT NULL);
CREATE TABLE programs (id TEXT PRIMARY KEY, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
    acronym TEXT NOT NULL, operator TEXT NOT NULL, part_of TEXT NOT NULL,
    phases TEXT NOT NULL);
CREATE TABLE item_ministries (item_id TEXT NOT NULL, kind TEXT NOT NULL,
    code TEXT NOT NULL REFERENCES ministries(code), lead BOOLEAN NOT NULL);
CREATE TABLE item_programs (item_id TEXT NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs(id));
CREATE TABLE dates (item_id TEXT NOT NULL, kind TEXT NOT NULL, expression TEXT NOT NULL,
    relation TEXT NOT NULL, start DATE NOT NULL, "end" DATE NOT NULL, due DATE NOT NULL,
    label TEXT NOT NULL, first_year INTEGER NOT NULL, last_year INTEGER NOT NULL,
    granularity TEXT NOT NULL, calendar TEXT NOT NULL, approximate BOOLEAN NOT NULL);
CREATE TABLE indicators (id TEXT PRIMARY KEY, section_id TEXT NOT NULL REFERENCES sections(id),
    kind TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, repost BOOLEAN NOT NULL,
    line INTEGER NOT NULL);
CREATE TABLE observations (indicator_id TEXT NOT NULL REFERENCES indicators(id),
    series TEXT, label TEXT, value REAL NOT NULL, unit TEXT NOT NULL, text TEXT NOT NULL,
    as_of_start DATE, as_of_end DATE, as_of_label TEXT,
    footnote INTEGER REFERENCES footnotes(number));
CREATE TABLE footnotes (number INTEGER PRIMARY KEY, text TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE citations (item_id TEXT NOT NULL,
    footnote_number INTEGER NOT NULL REFERENCES footnotes(number));

CREATE INDEX subsections_section_id ON subsections(section_id);
CREATE INDEX initiatives_subsection_id ON initiatives(subsection_id);
CREATE INDEX status_notes_initiative_id ON status_notes(initiative_id);
CREATE INDEX actions_initiative_id ON actions(initiative_id);
CREATE INDEX item_ministries_item_id ON item_ministries(item_id);
CREATE INDEX item_ministries_code ON item_ministries(code);
CREATE INDEX item_programs_item_id ON item_programs(item_id);
CREATE INDEX item_programs_program_id ON item_programs(program_id);
CREATE INDEX dates_item_id ON dates(item_id);
CREATE INDEX dates_first_year ON dates(first_year);
CREATE INDEX dates_last_year ON dates(last_year);
CREATE INDEX indicators_section_id ON indicators(section_id);
CREATE INDEX observations_indicator_id ON observations(indicator_id);
CREATE INDEX observations_footnote ON observations(footnote);
CREATE INDEX citations_item_id ON citations(item_id);
CREATE INDEX citations_footnote_number ON citations(footnote_number);

CREATE VIEW deadlines AS
SELECT d.item_id AS id, d.kind, COALESCE(a.initiative_id, d.item_id) AS initiative_id,
    d.expression, d.relation, d.start, d."end", d.due, d.label, d.first_year, d.last_year,
    d.granularity, d.calendar, d.approximate,
    (SELECT group_concat(code, '、') FROM
        (SELECT m.code FROM item_ministries m WHERE m.item_id = d.item_id ORDER BY m.rowid))
        AS ministries,
    (SELECT group_concat(code, '、') FROM
        (SELECT m.code FROM item_ministries m WHERE m.item_id = d.item_id AND m.lead
         ORDER BY m.rowid)) AS lead_ministries,
    COALESCE(a.text, i.text) AS text, COALESCE(a.line, i.line) AS line
FROM dates d
LEFT JOIN actions a ON a.id = d.item_id
LEFT JOIN initiatives i ON i.id = d.item_id;

CREATE VIEW ministry_deadlines AS
SELECT dl.*, m.code, m.lead
FROM deadlines dl JOIN item_ministries m ON m.item_id = dl.id;
"""
"""The database schema: one table per entry of `TABLES`, indexes, and the two views."""

# parents before children, so foreign keys hold while rows go in
_ORDER = (
    "sections",
    "subsections",
    "initiatives",
    "status_notes",
    "actions",
    "ministries",
    "programs",
    "item_ministries",
    "item_programs",
    "dates",
    "footnotes",
    "indicators",
    "observations",
    "citations",
)

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
        for name in _ORDER:
            columns = TABLES[name]
            quoted = ", ".join(f'"{c}"' for c in columns)
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
