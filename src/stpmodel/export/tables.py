"""The roadmap as tables: the one declaration of every table's columns, its rows, and CSV.

[SPECS][stpmodel.export.tables.SPECS] declares each table once: the record of
[stpmodel.records][] it is made of (its `TypedDict` gives the columns' names, order and
types), the columns it leaves out and the keys it has, side by side. Everything else
derives from it: the frames ([to_frame][stpmodel.export.frame.to_frame]), the Excel
sheets, the Parquet files, the CSV files and the SQLite schema. Adding a column means
adding it to the record; adding a table means adding a record and one `Table` here.

The relational tables (CSV, SQLite) hold one value per cell: a list-valued column (the
ministries of an action, the footnotes it cites …) is left out there, its values being
rows of a link table (`item_ministries`, `item_programs`, `citations`), unless the table
declares it `joined` (written joined with `、`). Frames, Excel and Parquet keep lists.
Dates are [datetime.date][] objects, booleans `bool`, indicator values `float`.

CSV files are UTF-8 with a BOM so Excel in Japan opens them right, and every cell passes
through [guard][stpmodel.export.tables.guard], so a spreadsheet never runs a cell as a
formula ([unguard][stpmodel.export.tables.unguard] undoes it).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import types
import typing
import zipfile
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from stpmodel import records as rec
from stpmodel._write import encoding_for, guard, unguard, write_bytes, write_files
from stpmodel.model import Action, Indicator, Initiative, Section, StatusNote, Subsection

if TYPE_CHECKING:  # frame (imported by Roadmap.to_frame) imports this module
    from stpmodel.roadmap import Roadmap

__all__ = [
    "FRAMES",
    "SPECS",
    "TABLES",
    "Column",
    "Table",
    "columns_of",
    "csv_files",
    "guard",
    "rows",
    "table_records",
    "tables",
    "unguard",
    "write_csv",
]


@attrs.frozen
class Column:
    """One column of a table, as its record declares it: `kind` is `"str"`, `"int"`,
    `"float"`, `"bool"`, `"date"` or `"list"` (of `item`s, `"str"` or `"int"`);
    `nullable` where the record allows `None`."""

    name: str
    """The column's name: the record's key, or the table's name for it."""
    kind: str
    """`"str"`, `"int"`, `"float"`, `"bool"`, `"date"` or `"list"`."""
    nullable: bool
    """Whether the record allows `None` here (a missing value)."""
    item: str = ""
    """The kind of a list's items (`"str"` or `"int"`); empty for other columns."""


_KINDS: dict[object, str] = {str: "str", int: "int", float: "float", bool: "bool", dt.date: "date"}


def _column(name: str, hint: Any) -> Column:
    args = typing.get_args(hint)
    nullable = isinstance(hint, types.UnionType) and type(None) in args
    if nullable:
        (hint,) = [a for a in args if a is not type(None)]
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return Column(name, "list", nullable, _KINDS[item])
    return Column(name, _KINDS[hint], nullable)


@functools.cache
def columns_of(record: type) -> tuple[Column, ...]:
    """The columns of a record `TypedDict`, in the order it declares them."""
    return tuple(_column(n, h) for n, h in typing.get_type_hints(record).items())


@attrs.frozen(kw_only=True)
class Table:
    """One table of the exports, declared once.

    `record` is the `TypedDict` of [stpmodel.records][] its rows are; `rename` maps a
    record key to the table's name for it (`parent_id` → `subsection_id`); `exclude`
    lists the record's keys the table leaves out; `joined` the list-valued columns the
    relational tables keep, joined with `、`; `relational` is false for a table that is
    only a frame (the `deadlines` frame is a view in SQLite and no CSV file). `key` is the
    primary key, `references` maps a column to the `table(column)` it refers to, `indexed`
    names columns indexed beyond the references and `*_id` columns.
    """

    record: type
    """The `TypedDict` of [stpmodel.records][] a row is."""
    rename: Mapping[str, str] = attrs.field(factory=dict)
    """Record keys the table names otherwise (`{"parent_id": "subsection_id"}`)."""
    exclude: tuple[str, ...] = ()
    """Record keys the table leaves out."""
    joined: tuple[str, ...] = ()
    """List-valued columns CSV and SQLite keep, joined with `、`."""
    relational: bool = True
    """False for a table that is only a frame (no CSV file, no SQLite table)."""
    key: str | None = None
    """The primary key column, if any."""
    references: Mapping[str, str] = attrs.field(factory=dict)
    """Foreign keys: a column and the `table(column)` it refers to."""
    indexed: tuple[str, ...] = ()
    """Columns indexed in SQLite beyond the references and `*_id` columns."""

    @property
    def columns(self) -> tuple[Column, ...]:
        """The table's columns in a frame, Excel and Parquet: the record's, renamed, minus
        `exclude`."""
        return tuple(
            attrs.evolve(c, name=self.rename.get(c.name, c.name))
            for c in columns_of(self.record)
            if c.name not in self.exclude
        )

    @property
    def names(self) -> tuple[str, ...]:
        """The names of [columns][stpmodel.export.tables.Table.columns]."""
        return tuple(c.name for c in self.columns)

    @property
    def flat(self) -> tuple[Column, ...]:
        """The table's columns in CSV and SQLite: list-valued ones only where `joined`."""
        return tuple(c for c in self.columns if c.kind != "list" or c.name in self.joined)


_TO_INITIATIVE = {"parent_id": "initiative_id"}

SPECS: dict[str, Table] = {
    "sections": Table(record=rec.SectionRecord, key="id"),
    "subsections": Table(
        record=rec.SubsectionRecord, key="id", references={"section_id": "sections(id)"}
    ),
    "initiatives": Table(
        record=rec.ItemRecord,
        rename={"parent_id": "subsection_id"},
        exclude=("kind", "expressions"),
        key="id",
        references={"subsection_id": "subsections(id)"},
    ),
    "status_notes": Table(
        record=rec.ItemRecord,
        rename=_TO_INITIATIVE,
        exclude=("kind", "ministries", "lead_ministries", "repost", "expressions"),
        key="id",
        references={"initiative_id": "initiatives(id)"},
    ),
    "actions": Table(
        record=rec.ItemRecord,
        rename=_TO_INITIATIVE,
        exclude=("kind", "expressions"),
        key="id",
        references={"initiative_id": "initiatives(id)"},
    ),
    "ministries": Table(record=rec.MinistryRecord, key="code"),
    "programs": Table(record=rec.ProgramRecord, joined=("phases",), key="id"),
    "program_phases": Table(
        record=rec.ProgramPhaseRecord, references={"program_id": "programs(id)"}
    ),
    "item_ministries": Table(
        record=rec.ItemMinistryRecord, references={"code": "ministries(code)"}, indexed=("code",)
    ),
    "item_programs": Table(record=rec.ItemProgramRecord, references={"program_id": "programs(id)"}),
    "program_mentions": Table(
        record=rec.ProgramMentionRecord,
        references={"program_id": "programs(id)"},
        indexed=("rule",),
    ),
    "dates": Table(
        record=rec.DateRecord, exclude=("span",), indexed=("first_year", "last_year", "fiscal_year")
    ),
    "deadlines": Table(record=rec.DeadlineRecord, exclude=("span",), relational=False),
    "footnotes": Table(record=rec.FootnoteRecord, key="number"),
    "indicators": Table(
        record=rec.IndicatorRecord, key="id", references={"section_id": "sections(id)"}
    ),
    "observations": Table(
        record=rec.ObservationRecord,
        references={"indicator_id": "indicators(id)", "footnote": "footnotes(number)"},
        indexed=("footnote",),
    ),
    "citations": Table(
        record=rec.CitationRecord, references={"footnote_number": "footnotes(number)"}
    ),
}
"""Every table, declared once, parents before the tables that refer to them.

IDs are primary keys; `*_id` columns refer to them. `dates` holds one row per date
written on an initiative or action (the roadmap's deadlines): `first_year` and
`last_year` are the years written at each end (equal for a single period), `due` the day
it falls due; `deadlines` is the same with the item's tags and text (a view in SQLite).
`item_ministries` is one row per ministry tag (`lead` for 主担当); `programs.phases` lists
a program's phases (joined with `、` in CSV and SQLite), `program_phases` has one row per
phase or goal with its years and their first and last day (`start`, `end`: DATE) and the
source of the fact; `program_mentions` one row per program mention of an item or
indicator, with its phase, words, span, period (`start`, `end`) and `rule`.
"""

FRAMES: dict[str, tuple[str, ...]] = {name: spec.names for name, spec in SPECS.items()}
"""What [to_frame][stpmodel.export.frame.to_frame] (and Excel, Parquet) can tabulate, with
each frame's columns: derived from [SPECS][stpmodel.export.tables.SPECS]."""

TABLES: dict[str, tuple[str, ...]] = {
    name: tuple(c.name for c in spec.flat) for name, spec in SPECS.items() if spec.relational
}
"""The CSV files and SQLite tables, with their columns in order: derived from
[SPECS][stpmodel.export.tables.SPECS]."""


def rows(records: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> list[tuple[Any, ...]]:
    """The `columns` of each record as a tuple (a list value joined with `、`)."""
    names = tuple(columns)
    return [
        tuple("、".join(v) if isinstance(v, list) else v for v in (r[c] for c in names))
        for r in records
    ]


def _renamed(record: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    return {names.get(key, key): value for key, value in record.items()}


def table_records(roadmap: Roadmap) -> dict[str, list[dict[str, Any]]]:
    """The records behind every table and frame of [SPECS][stpmodel.export.tables.SPECS],
    by table name, renamed as the table declares (`subsection_id` …) but with every key
    of the record. Rows are in document order; ministries and programs in registry
    order. List values stay lists.
    """
    t: dict[str, list[dict[str, Any]]] = {name: [] for name in SPECS}
    for node, parent in roadmap.walk_with_parents():
        if isinstance(node, Section):
            t["sections"].append(dict(rec.section_record(node)))
        elif isinstance(node, Subsection):
            t["subsections"].append(dict(rec.subsection_record(node, getattr(parent, "id", ""))))
        elif isinstance(node, Indicator):
            t["indicators"].append(dict(rec.indicator_record(node, getattr(parent, "id", ""))))
            t["program_mentions"].extend(dict(r) for r in rec.program_mention_records(node))
            t["observations"].extend(dict(r) for r in rec.observation_records(node))
        elif isinstance(node, Initiative | Action | StatusNote):
            record = rec.item_record(node, getattr(parent, "id", ""))
            table = (
                "initiatives"
                if isinstance(node, Initiative)
                else "actions"
                if isinstance(node, Action)
                else "status_notes"
            )
            t[table].append(_renamed(record, SPECS[table].rename))
            if not isinstance(node, StatusNote):
                t["item_ministries"].extend(dict(r) for r in rec.item_ministry_records(node))
            t["item_programs"].extend(dict(r) for r in rec.item_program_records(node))
            t["program_mentions"].extend(dict(r) for r in rec.program_mention_records(node))
    found = roadmap.deadlines()
    t["deadlines"] = [dict(rec.deadline_record(d)) for d in found]
    t["dates"] = [dict(rec.date_record(d)) for d in found]
    t["ministries"] = [dict(rec.ministry_record(m)) for m in roadmap.ministries.values()]
    t["programs"] = [dict(rec.program_record(p)) for p in roadmap.programs.values()]
    t["program_phases"] = [
        dict(r) for p in roadmap.programs.values() for r in rec.program_phase_records(p)
    ]
    for footnote in roadmap.footnotes.values():
        t["footnotes"].append(dict(rec.footnote_record(footnote)))
        t["citations"].extend(dict(r) for r in rec.citation_records(footnote))
    return t


def tables(roadmap: Roadmap) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of [TABLES][stpmodel.export.tables.TABLES] as a list of rows."""
    records = table_records(roadmap)
    return {name: rows(records[name], columns) for name, columns in TABLES.items()}


def _csv_text(columns: tuple[str, ...], table: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in table:
        writer.writerow([guard("" if v is None else v) for v in row])
    return "\ufeff" + buffer.getvalue()


def csv_files(roadmap: Roadmap) -> dict[str, bytes]:
    """Each table of [TABLES][stpmodel.export.tables.TABLES] as the bytes of a CSV file."""
    return {
        f"{name}.csv": _csv_text(TABLES[name], table).encode("utf-8")
        for name, table in tables(roadmap).items()
    }


def write_csv(roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """One CSV file per table into the folder `path`, or into a zip if it ends in .zip.

    The folder is made if missing (its parent must exist). When any file this would
    write is there already, nothing is written unless `overwrite` is true; then only
    those files are replaced, each atomically, and no other file of the folder is
    touched. Returns the path written. A text with a lone surrogate (a roadmap built in
    Python may hold one) is a WriteError naming `path` and the character, and nothing is
    written.
    """
    with encoding_for(path):
        files = csv_files(roadmap)
    if os.fspath(path).lower().endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return write_bytes(path, buffer.getvalue(), overwrite=overwrite)
    return write_files(path, files, overwrite=overwrite)
