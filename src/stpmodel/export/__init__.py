"""Exports: JSON, CSV (Excel-ready), SQLite, Parquet, GraphML/GEXF, iCalendar, Excel, pandas
and polars.

Each format lives in its own module and imports what it needs only when called, so
`import stpmodel` stays light. Optional integrations (pandas, icalendar, openpyxl) raise
[MissingExtraError][stpmodel.MissingExtraError] with the `pip install` line when absent.

Every writer keeps the rules of safe output (see `docs/safety.md`): an existing file is
replaced only with `overwrite=True`, a symbolic link at the target is refused, the data is
written to a temporary file in the same folder and renamed into place, and each failure is
a [WriteError][stpmodel.errors.WriteError] naming the path.
"""

from __future__ import annotations

import os

from stpmodel.roadmap import Roadmap

__all__ = ["FORMATS", "export"]

FORMATS = ("json", "csv", "sqlite", "xlsx", "parquet", "graphml", "gexf")
"""The formats [export][stpmodel.export.export] writes."""


def export(
    roadmap: Roadmap,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    indent: int | None = None,
) -> str:
    """Write `roadmap` as `fmt` (one of [FORMATS][stpmodel.export.FORMATS]) to `path`.

    CSV writes one file per table into the folder `path` (or a zip archive when `path`
    ends in `.zip`), Parquet one file per table into the folder `path`. An existing target
    is refused unless `overwrite` is true (for the CSV folder: any of the files it would
    write). JSON is compact unless `indent` (spaces per level) is given. Returns the path
    written; for xlsx, GraphML and GEXF a [Written][stpmodel._write.Written] whose
    `replaced` counts the characters the format cannot carry (controls, non-characters
    such as U+FFFF, lone surrogates), which are written as U+FFFD.

    Raises:
        WriteError: the target exists (without `overwrite`), is a symbolic link or not a
            regular file, or the system refused the write.
            For xlsx also a text longer than an Excel cell holds (32,767 characters).
            For JSON, CSV and Parquet also a text with a lone surrogate (which a roadmap
            built in Python may hold): the error names the file and the character.
        ValueError: `fmt` is not one of the formats.
    """
    if fmt == "json":
        from stpmodel._write import write_text
        from stpmodel.serialize import dumps

        return write_text(path, dumps(roadmap, indent=indent), overwrite=overwrite)
    if fmt == "csv":
        from stpmodel.export.tables import write_csv

        return write_csv(roadmap, path, overwrite=overwrite)
    if fmt == "sqlite":
        from stpmodel.export.sqlite import write_sqlite

        return write_sqlite(roadmap, path, overwrite=overwrite)
    if fmt == "xlsx":
        from stpmodel.export.xlsx import write_xlsx

        return write_xlsx(roadmap, path, overwrite=overwrite)
    if fmt == "parquet":
        from stpmodel.export.arrow import write_parquet

        return write_parquet(roadmap, path, overwrite=overwrite)
    if fmt in ("graphml", "gexf"):
        from stpmodel.export._graphfile import write_graph

        return write_graph(roadmap, path, fmt, overwrite=overwrite)
    raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
