"""The roadmap as relational tables (rows of plain values), and CSV files of them.

[tables][stpmodel.export.tables.tables] is the one place that lays the model out as
related tables; the CSV and SQLite exports read it. Its rows are projections of the
records of [stpmodel.records][] (one deadline becomes one row of `dates` through
[deadline_record][stpmodel.records.deadline_record], and so on), with list-valued fields
moved to link tables (`item_ministries`, `item_programs`, `citations`) so that every cell
holds one value. Dates are [datetime.date][] objects, booleans `bool`, indicator values
`float`.

CSV files are UTF-8 with a BOM so Excel in Japan opens them right, and every cell passes
through [guard][stpmodel.export.tables.guard], so a spreadsheet never runs a cell as a
formula ([unguard][stpmodel.export.tables.unguard] undoes it).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from stpmodel._write import guard, unguard, write_bytes, write_files
from stpmodel.model import Action, Indicator, Initiative, Section, StatusNote, Subsection
from stpmodel.records import (
    deadline_record,
    footnote_record,
    indicator_record,
    item_ministry_records,
    item_record,
    ministry_record,
    observation_record,
    program_record,
    section_record,
    subsection_record,
)

if TYPE_CHECKING:  # frame (imported by Roadmap.to_frame) imports this module
    from stpmodel.roadmap import Roadmap

__all__ = [
    "TABLES",
    "csv_files",
    "guard",
    "rows",
    "table_records",
    "tables",
    "unguard",
    "write_csv",
]

TABLES: dict[str, tuple[str, ...]] = {
    "sections": ("id", "number", "title", "chapter", "line"),
    "subsections": ("id", "section_id", "number", "title", "line"),
    "initiatives": ("id", "subsection_id", "text", "repost", "first_due", "last_due", "line"),
    "status_notes": ("id", "initiative_id", "text", "line"),
    "actions": ("id", "initiative_id", "text", "repost", "first_due", "last_due", "line"),
    "ministries": ("code", "name_ja", "name_en", "kind", "abbreviation", "confirmed"),
    "programs": ("id", "name_ja", "name_en", "acronym", "operator", "part_of", "phases"),
    "item_ministries": ("item_id", "kind", "code", "lead"),
    "item_programs": ("item_id", "program_id"),
    "dates": (
        "item_id",
        "kind",
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
    ),
    "indicators": ("id", "section_id", "kind", "name", "text", "repost", "line"),
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
    "footnotes": ("number", "text", "line"),
    "citations": ("item_id", "footnote_number"),
}
"""Each table's columns, in order. IDs are primary keys; `*_id` columns refer to them.

`dates` holds one row per date written on an initiative or action (the roadmap's
deadlines): `first_year` and `last_year` are the years written at each end (equal for a
single period), `due` the day it falls due. `item_ministries` is one row per ministry tag
(`lead` for 主担当); `programs.phases` lists a program's phases joined with `、`.
"""


def rows(records: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> list[tuple[Any, ...]]:
    """The `columns` of each record as a tuple (a list value joined with `、`)."""
    names = tuple(columns)
    return [
        tuple("、".join(v) if isinstance(v, list) else v for v in (r[c] for c in names))
        for r in records
    ]


def _renamed(record: Mapping[str, Any], **names: str) -> dict[str, Any]:
    out = dict(record)
    for new, old in names.items():
        out[new] = out.pop(old)
    return out


def table_records(roadmap: Roadmap) -> dict[str, list[dict[str, Any]]]:
    """The records of [stpmodel.records][] behind every table and frame, by table name.

    Keys: `sections`, `subsections`, `initiatives` (with `subsection_id`), `status_notes`
    and `actions` (with `initiative_id`), `deadlines` ([deadline_record][stpmodel.records.deadline_record]),
    `indicators`, `observations`, `footnotes`, `ministries`, `programs`, and the link
    records `item_ministries`, `item_programs` and `citations`. Rows are in document
    order; ministries and programs in registry order. List values stay lists.
    """
    t: dict[str, list[dict[str, Any]]] = {
        name: []
        for name in (
            "sections",
            "subsections",
            "initiatives",
            "status_notes",
            "actions",
            "deadlines",
            "indicators",
            "observations",
            "footnotes",
            "ministries",
            "programs",
            "item_ministries",
            "item_programs",
            "citations",
        )
    }
    for node, parent in roadmap.walk_with_parents():
        if isinstance(node, Section):
            t["sections"].append(dict(section_record(node)))
        elif isinstance(node, Subsection):
            t["subsections"].append(dict(subsection_record(node, getattr(parent, "id", ""))))
        elif isinstance(node, Indicator):
            t["indicators"].append(dict(indicator_record(node, getattr(parent, "id", ""))))
            t["observations"].extend(
                dict(observation_record(o, node.id)) for o in node.observations
            )
        elif isinstance(node, Initiative | Action | StatusNote):
            record = item_record(node, getattr(parent, "id", ""))
            if isinstance(node, Initiative):
                t["initiatives"].append(_renamed(record, subsection_id="parent_id"))
            else:
                table = "actions" if isinstance(node, Action) else "status_notes"
                t[table].append(_renamed(record, initiative_id="parent_id"))
            if not isinstance(node, StatusNote):
                t["item_ministries"].extend(dict(r) for r in item_ministry_records(node))
            t["item_programs"].extend({"item_id": node.id, "program_id": p} for p in node.programs)
    t["deadlines"] = [dict(deadline_record(d)) for d in roadmap.deadlines()]
    t["ministries"] = [dict(ministry_record(m)) for m in roadmap.ministries.values()]
    t["programs"] = [dict(program_record(p)) for p in roadmap.programs.values()]
    for footnote in roadmap.footnotes.values():
        t["footnotes"].append(dict(footnote_record(footnote)))
        t["citations"].extend(
            {"item_id": ident, "footnote_number": footnote.number} for ident in footnote.cited_by
        )
    return t


def tables(roadmap: Roadmap) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of [TABLES][stpmodel.export.tables.TABLES] as a list of rows."""
    records = table_records(roadmap)
    records["dates"] = [_renamed(r, item_id="id") for r in records.pop("deadlines")]
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
    touched. Returns the path written.
    """
    files = csv_files(roadmap)
    if os.fspath(path).lower().endswith(".zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in files.items():
                archive.writestr(name, data)
        return write_bytes(path, buffer.getvalue(), overwrite=overwrite)
    return write_files(path, files, overwrite=overwrite)
