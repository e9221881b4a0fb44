"""The roadmap as an Excel workbook through `openpyxl` (extra `excel`).

One sheet per frame of [FRAMES][stpmodel.export.frame.FRAMES] (initiatives, actions,
status notes, deadlines, indicators, observations, ministries, programs, footnotes, the
long item–ministry table, sections, subsections), with the same rows and columns as
[to_frame][stpmodel.export.frame.to_frame] gives — pandas is not needed. On each sheet the
header row is frozen and filtered, columns are as wide as their text (Japanese characters
count double), and dates are Excel dates. List values are joined with `、`.

Text cells pass through the same guards as every other writer: a cell that a spreadsheet
would run as a formula gets a leading `'` ([guard][stpmodel._write.guard]); characters xlsx
cannot hold (controls, non-characters such as U+FFFF, lone surrogates) are written as U+FFFD
and counted ([Replacer][stpmodel._write.Replacer]); a text longer than an Excel cell holds
([CELL_LIMIT][stpmodel.export.xlsx.CELL_LIMIT], 32,767 characters) stops the export with a
[WriteError][stpmodel.errors.WriteError] naming the item, never a silent cut. The workbook is
written in openpyxl's write-only mode (row by row, no cell objects kept).

```console
$ stpmodel export --format xlsx -o roadmap.xlsx
```
"""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from collections.abc import Callable
from typing import Any

from stpmodel._write import Replacer, Written, guard, write_bytes
from stpmodel.errors import MissingExtraError, WriteError
from stpmodel.export.frame import FRAMES, all_frame_records
from stpmodel.roadmap import Roadmap

__all__ = ["CELL_LIMIT", "cell_value", "write_xlsx"]

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds; a longer text makes the export fail."""

_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise MissingExtraError("Excel export", "excel", "openpyxl") from None
    return openpyxl


def cell_value(value: Any, replace: Callable[[str], str] | None = None) -> Any:
    """A record value as the workbook holds it: lists joined with `、`, text guarded
    against formulas with the characters xlsx cannot carry written as U+FFFD (by
    `replace`, a [Replacer][stpmodel._write.Replacer] that counts them), an empty text or
    list as an empty cell (`None`); numbers, booleans, dates and `None` as they are."""
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    if isinstance(value, str):
        return guard((replace or Replacer())(value)) if value else None
    return value


def _width(text: str) -> int:
    line = text.split("\n", 1)[0][: _MAX_WIDTH * 2]
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def _too_long(shown: str, sheet: str, record: dict[str, Any], column: str, size: int) -> WriteError:
    item = record.get("id") or record.get("code") or record.get("number") or "?"
    return WriteError(
        shown,
        f"the {column} of {item} (sheet {sheet}) has {size:,} characters; "
        f"an Excel cell holds at most {CELL_LIMIT:,}",
    )


def _rows(
    name: str, records: list[dict[str, Any]], replace: Replacer, shown: str
) -> tuple[list[list[Any]], list[int]]:
    """The sheet's cell values and its columns' widths, every cell checked."""
    columns = FRAMES[name]
    widths = [_width(c) for c in columns]
    rows = []
    for record in records:
        row = [cell_value(record[c], replace) for c in columns]
        for i, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                if len(value) > CELL_LIMIT:
                    raise _too_long(shown, name, record, columns[i], len(value))
                text = value
            else:
                text = value.isoformat() if isinstance(value, dt.date) else str(value)
            # a character counts at most 2: measure only a text that could widen the column
            if widths[i] < _MAX_WIDTH and 2 * len(text) > widths[i]:
                widths[i] = max(widths[i], _width(text))
        rows.append(row)
    return rows, widths


def _sheet(workbook: Any, name: str, rows: list[list[Any]], widths: list[int]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=name)
    columns = FRAMES[name]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(_MAX_WIDTH, width + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    sheet.append(list(columns))
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = _DATE_FORMAT
                row[i] = cell
        sheet.append(row)


def write_xlsx(
    roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Written:
    """Write the workbook to `path` (a `str` or a path); returns the path, a
    [Written][stpmodel._write.Written] whose `replaced` counts the characters written as
    U+FFFD.

    The file is written by the safe-output rules: an existing file only with
    `overwrite=True`, never through a symbolic link, atomically.

    Raises:
        MissingExtraError: openpyxl is not installed.
        WriteError: the file could not or must not be written, or a text is longer than
            an Excel cell holds ([CELL_LIMIT][stpmodel.export.xlsx.CELL_LIMIT]).
    """
    openpyxl = _openpyxl()
    shown = os.fspath(path)
    replace = Replacer()
    sheets = {
        name: _rows(name, records, replace, shown)
        for name, records in all_frame_records(roadmap).items()
    }

    def fill(workbook: Any) -> None:
        for name, (rows, widths) in sheets.items():
            _sheet(workbook, name, rows, widths)

    workbook = openpyxl.Workbook(write_only=True)
    written = write_bytes(path, _saved(workbook, fill, shown), overwrite=overwrite)
    return Written(written, replace.count)


def _saved(workbook: Any, fill: Callable[[Any], None], shown: str) -> bytes:
    """The bytes of `workbook` once `fill(workbook)` has added its sheets. openpyxl's
    write-only sheets spool rows through temporary files as they are appended; when the disk
    refuses one (full, a size limit) their suspended writers would later be finalised with
    an error Python prints as "Exception ignored …": they are closed here with that noise
    dropped, and the failure becomes one [WriteError][stpmodel.errors.WriteError] naming
    the target."""
    import sys

    buffer = io.BytesIO()
    reason = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        try:
            fill(workbook)
            workbook.save(buffer)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            _abandon(workbook)
    finally:
        sys.unraisablehook = hook
    if reason is not None:
        raise WriteError(shown, reason)
    return buffer.getvalue()


def _abandon(workbook: Any) -> None:
    """Close the suspended row and sheet writers of a workbook that failed half-way."""
    import contextlib
    import gc
    import types

    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            if isinstance(stream, types.GeneratorType):
                with contextlib.suppress(Exception):
                    stream.close()
    gc.collect()
