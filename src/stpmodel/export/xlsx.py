"""The roadmap as an Excel workbook through `openpyxl` (extra `excel`).

One sheet per frame of [FRAMES][stpmodel.export.frame.FRAMES] (initiatives, actions,
status notes, deadlines, indicators, observations, ministries, programs, footnotes, the
long item–ministry table, sections, subsections), with the same rows and columns as
[to_frame][stpmodel.export.frame.to_frame] gives — pandas is not needed. On each sheet the
header row is frozen and filtered, columns are as wide as their text (Japanese characters
count double), and dates are Excel dates. List values are joined with `、`.

Text cells pass through the same guards as every other writer: a cell that a spreadsheet
would run as a formula gets a leading `'` ([guard][stpmodel._write.guard]), and control
characters, which xlsx cannot hold, are written as `\\xNN`.

```console
$ stpmodel export --format xlsx -o roadmap.xlsx
```
"""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from typing import Any

from stpmodel._write import escape_controls, guard, write_bytes
from stpmodel.errors import MissingExtraError, WriteError
from stpmodel.export.frame import FRAMES, all_frame_records
from stpmodel.roadmap import Roadmap

__all__ = ["cell_value", "write_xlsx"]

_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError("Excel export", "excel", "openpyxl") from None
    return openpyxl


def cell_value(value: Any) -> Any:
    """A record value as the workbook holds it: lists joined with `、`, text guarded
    against formulas with control characters written as `\\xNN`, an empty text or list
    as an empty cell (`None`); numbers, booleans, dates and `None` as they are."""
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str):
        return guard(escape_controls(value)) if value else None
    return value


def _width(text: str) -> int:
    line = text.split("\n", 1)[0]
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def _sheet(workbook: Any, name: str, records: list[dict[str, Any]]) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=name)
    columns = FRAMES[name]
    sheet.append(list(columns))
    widths = [_width(c) for c in columns]
    for record in records:
        row = [cell_value(record[c]) for c in columns]
        sheet.append(row)
        for i, value in enumerate(row):
            if value is not None:
                text = value.isoformat() if isinstance(value, dt.date) else str(value)
                widths[i] = max(widths[i], _width(text))
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, widths[i - 1] + 2)
        if records and isinstance(_first(records, column), dt.date):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = _DATE_FORMAT
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(records) + 1}"


def _first(records: list[dict[str, Any]], column: str) -> Any:
    return next((r[column] for r in records if r[column] is not None), None)


def write_xlsx(roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """Write the workbook to `path` (a `str` or a path); returns the path.

    The file is written by the safe-output rules: an existing file only with
    `overwrite=True`, never through a symbolic link, atomically.

    Raises:
        MissingExtraError: openpyxl is not installed.
        WriteError: the file could not or must not be written.
    """
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, records in all_frame_records(roadmap).items():
        _sheet(workbook, name, records)
    return write_bytes(path, _saved(workbook, os.fspath(path)), overwrite=overwrite)


def _saved(workbook: Any, shown: str) -> bytes:
    """The workbook's bytes. openpyxl spools each sheet through a temporary file; when the
    disk refuses one (full, a size limit) its half-run sheet writers are finalised with
    an error Python would print as "Exception ignored …": that noise is dropped and the
    failure becomes one [WriteError][stpmodel.errors.WriteError] naming the target."""
    import gc
    import sys

    buffer = io.BytesIO()
    reason = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            workbook.save(buffer)
        except OSError as exc:
            reason = exc.strerror or str(exc)
        gc.collect()
    finally:
        sys.unraisablehook = hook
    if reason is not None:
        raise WriteError(shown, reason)
    return buffer.getvalue()
