"""The roadmap as a SQLite database (stdlib sqlite3) for Datasette, DuckDB or plain SQL.

Tables follow :data:`stpmodel.export.tables.TABLES`, with primary and foreign keys;
every value goes through parameterised statements.
"""

from __future__ import annotations

import os
import sqlite3

from stpmodel._write import write_with
from stpmodel.export.tables import TABLES, tables
from stpmodel.roadmap import Roadmap

__all__ = ["SCHEMA", "write_sqlite"]

SCHEMA = """
CREATE TABLE sections (id TEXT PRIMARY KEY, number INTEGER NOT NULL, title TEXT NOT NULL,
    chapter TEXT, line INTEGER NOT NULL);
CREATE TABLE subsections (id TEXT PRIMARY KEY, section_id TEXT NOT NULL REFERENCES sections(id),
    number INTEGER NOT NULL, title TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE initiatives (id TEXT PRIMARY KEY,
    subsection_id TEXT NOT NULL REFERENCES subsections(id), number INTEGER NOT NULL,
    text TEXT NOT NULL, repost INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE status_notes (id TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id), text TEXT NOT NULL,
    line INTEGER NOT NULL);
CREATE TABLE actions (id TEXT PRIMARY KEY,
    initiative_id TEXT NOT NULL REFERENCES initiatives(id), text TEXT NOT NULL,
    repost INTEGER NOT NULL, line INTEGER NOT NULL);
CREATE TABLE ministries (code TEXT PRIMARY KEY, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
    kind TEXT NOT NULL);
CREATE TABLE programs (id TEXT PRIMARY KEY, name_ja TEXT NOT NULL, name_en TEXT NOT NULL,
    acronym TEXT NOT NULL, operator TEXT NOT NULL);
CREATE TABLE item_ministries (item_id TEXT NOT NULL,
    code TEXT NOT NULL REFERENCES ministries(code), lead INTEGER NOT NULL);
CREATE TABLE item_programs (item_id TEXT NOT NULL,
    program_id TEXT NOT NULL REFERENCES programs(id));
CREATE TABLE dates (item_id TEXT NOT NULL, item_kind TEXT NOT NULL, text TEXT NOT NULL,
    start TEXT NOT NULL, "end" TEXT NOT NULL, due TEXT NOT NULL, year INTEGER NOT NULL,
    last_year INTEGER NOT NULL, relation TEXT NOT NULL, granularity TEXT NOT NULL,
    calendar TEXT NOT NULL);
CREATE TABLE indicators (id TEXT PRIMARY KEY, section_id TEXT NOT NULL REFERENCES sections(id),
    kind TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, repost INTEGER NOT NULL,
    line INTEGER NOT NULL);
CREATE TABLE observations (indicator_id TEXT NOT NULL REFERENCES indicators(id),
    value TEXT NOT NULL, unit TEXT NOT NULL, label TEXT, series TEXT, as_of_start TEXT,
    as_of_end TEXT);
CREATE TABLE footnotes (number INTEGER PRIMARY KEY, text TEXT NOT NULL, line INTEGER NOT NULL);
CREATE TABLE citations (item_id TEXT NOT NULL,
    footnote_number INTEGER NOT NULL REFERENCES footnotes(number));
CREATE INDEX dates_year ON dates(year);
CREATE INDEX item_ministries_code ON item_ministries(code);
"""
"""The database schema: one table per entry of ``TABLES``, with primary and foreign keys."""


_SYSTEM_ERRORS = frozenset({3, 8, 10, 13, 14})
"""SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN."""


def write_sqlite(roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """Write a new database at `path`; returns the path.

    The database is built in a temporary file of the same folder and renamed to `path`
    when complete: nothing at `path` is deleted first, an existing file is replaced only
    with `overwrite=True`, and a symbolic link or non-regular file there is refused.
    """
    return write_with(path, lambda tmp: _build(roadmap, tmp), overwrite=overwrite)


def _build(roadmap: Roadmap, path: str) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.executescript(SCHEMA)
        data = tables(roadmap)
        # parents before children, so foreign keys hold while rows go in
        order = (
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
            "indicators",
            "observations",
            "footnotes",
            "citations",
        )
        with connection:
            for name in order:
                columns = TABLES[name]
                quoted = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                connection.executemany(
                    f"INSERT INTO {name} ({quoted}) VALUES ({marks})", data[name]
                )
    except sqlite3.OperationalError as exc:
        # disk full, I/O error, read-only or unopenable file: the system refused the
        # write, which atomic_path reports naming the target; anything else is a bug
        if exc.sqlite_errorcode & 0xFF in _SYSTEM_ERRORS:
            raise OSError(str(exc)) from exc
        raise
    finally:
        connection.close()
