"""The roadmap as relational tables (rows of plain values), and CSV files of them.

:func:`tables` is the one place that flattens the model; the CSV, SQLite and pandas
exports all read it. CSV files are UTF-8 with a BOM so Excel in Japan opens them right,
and cells that begin with ``= + - @`` (or a tab or CR) get a leading apostrophe so a
spreadsheet does not run them as formulas (:func:`guard`, undone by :func:`unguard`).
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from typing import Any

from stpmodel._write import guard, unguard, write_bytes, write_files
from stpmodel.model import Action, Initiative, StatusNote
from stpmodel.roadmap import Roadmap

__all__ = ["TABLES", "csv_files", "guard", "tables", "unguard", "write_csv"]

TABLES: dict[str, tuple[str, ...]] = {
    "sections": ("id", "number", "title", "chapter", "line"),
    "subsections": ("id", "section_id", "number", "title", "line"),
    "initiatives": ("id", "subsection_id", "number", "text", "repost", "line"),
    "status_notes": ("id", "initiative_id", "text", "line"),
    "actions": ("id", "initiative_id", "text", "repost", "line"),
    "ministries": ("code", "name_ja", "name_en", "kind"),
    "programs": ("id", "name_ja", "name_en", "acronym", "operator"),
    "item_ministries": ("item_id", "code", "lead"),
    "item_programs": ("item_id", "program_id"),
    "dates": (
        "item_id",
        "item_kind",
        "text",
        "start",
        "end",
        "due",
        "year",
        "last_year",
        "relation",
        "granularity",
        "calendar",
    ),
    "indicators": ("id", "section_id", "kind", "name", "text", "repost", "line"),
    "observations": (
        "indicator_id",
        "value",
        "unit",
        "label",
        "series",
        "as_of_start",
        "as_of_end",
    ),
    "footnotes": ("number", "text", "line"),
    "citations": ("item_id", "footnote_number"),
}
"""Each table's columns, in order. IDs are primary keys; ``*_id`` columns refer to them."""


def tables(roadmap: Roadmap) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of :data:`TABLES` as a list of rows, in document order."""
    t: dict[str, list[tuple[Any, ...]]] = {name: [] for name in TABLES}
    for code, m in roadmap.ministries.items():
        t["ministries"].append((code, m.name_ja, m.name_en, m.kind.value))
    for pid, prog in roadmap.programs.items():
        t["programs"].append((pid, prog.name_ja, prog.name_en, prog.acronym, prog.operator))
    for section in roadmap.sections:
        t["sections"].append(
            (section.id, section.number, section.title, section.chapter, section.source.first_line)
        )
        for ind in section.indicators:
            t["indicators"].append(
                (
                    ind.id,
                    section.id,
                    ind.kind.value,
                    ind.name,
                    "\n".join((ind.text, *ind.details)),
                    ind.repost,
                    ind.source.first_line,
                )
            )
            for o in ind.observations:
                t["observations"].append(
                    (
                        ind.id,
                        str(o.value),
                        o.unit,
                        o.label,
                        o.series,
                        o.as_of.start.isoformat() if o.as_of else None,
                        o.as_of.end.isoformat() if o.as_of else None,
                    )
                )
            t["citations"].extend((ind.id, n) for n in ind.footnotes)
        for sub in section.subsections:
            t["subsections"].append(
                (sub.id, section.id, sub.number, sub.title, sub.source.first_line)
            )
            for ini in sub.initiatives:
                t["initiatives"].append(
                    (ini.id, sub.id, ini.number, ini.text, ini.repost, ini.source.first_line)
                )
                for note in ini.status_notes:
                    t["status_notes"].append((note.id, ini.id, note.text, note.source.first_line))
                for action in ini.actions:
                    t["actions"].append(
                        (action.id, ini.id, action.text, action.repost, action.source.first_line)
                    )
                items: list[Initiative | Action] = [ini, *ini.actions]
                for obj in items:
                    kind = "initiative" if isinstance(obj, Initiative) else "action"
                    t["item_ministries"].extend((obj.id, r.code, r.lead) for r in obj.ministries)
                    for mention in obj.dates:
                        p = mention.period
                        t["dates"].append(
                            (
                                obj.id,
                                kind,
                                mention.text,
                                p.start.isoformat(),
                                p.end.isoformat(),
                                mention.due.isoformat(),
                                p.year,
                                p.last_year,
                                mention.relation.value,
                                p.granularity.value,
                                p.calendar.value,
                            )
                        )
                everything: list[Initiative | StatusNote | Action] = [
                    ini,
                    *ini.status_notes,
                    *ini.actions,
                ]
                for thing in everything:
                    t["item_programs"].extend((thing.id, pid) for pid in thing.programs)
                    t["citations"].extend((thing.id, n) for n in thing.footnotes)
    for number, fn in roadmap.footnotes.items():
        t["footnotes"].append((number, fn.text, fn.source.first_line))
    return t


def _csv_text(columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([guard("" if v is None else v) for v in row])
    return "\ufeff" + buffer.getvalue()


def csv_files(roadmap: Roadmap) -> dict[str, bytes]:
    """Each table of [TABLES][stpmodel.export.tables.TABLES] as the bytes of a CSV file."""
    return {
        f"{name}.csv": _csv_text(TABLES[name], rows).encode("utf-8")
        for name, rows in tables(roadmap).items()
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
