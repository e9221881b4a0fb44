"""The roadmap as an Excel workbook through XlsxWriter (extra `excel`).

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
[WriteError][stpmodel.errors.WriteError] naming the item, never a silent cut. These checks
run over a whole column at once, before anything is written; the workbook is built in
memory and written by the safe-output rules. openpyxl (also in the `excel` extra) reads
the file back.

```console
$ stpmodel export --format xlsx -o roadmap.xlsx
```
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from stpmodel._gcpause import collector_paused
from stpmodel._write import Replacer, Written, guard, unwritable, write_bytes
from stpmodel.errors import MissingExtraError, WriteError
from stpmodel.export.tables import FRAMES, table_records
from stpmodel.roadmap import Roadmap

__all__ = ["CELL_LIMIT", "cell_value", "write_xlsx"]

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds; a longer text makes the export fail."""

_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"


def _xlsxwriter() -> Any:
    try:
        import xlsxwriter
    except ImportError:
        raise MissingExtraError("Excel export", "excel", "xlsxwriter") from None
    return xlsxwriter


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
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def _too_long(shown: str, sheet: str, record: dict[str, Any], column: str, size: int) -> WriteError:
    item = record.get("id") or record.get("code") or record.get("number") or "?"
    return WriteError(
        shown,
        f"the {column} of {item} (sheet {sheet}) has {size:,} characters; "
        f"an Excel cell holds at most {CELL_LIMIT:,}",
    )


# a quick pre-check for `unwritable`: its characters in the Basic Multilingual Plane and
# every character beyond it (a range is searched ten times faster than its scattered
# non-characters of the other planes; a text that has one is then checked exactly)
_MAYBE_UNWRITABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U00010000-\U0010ffff]"
)

# what a text that `guard` changes may begin with (its pattern looks past these first)
_GUARD_FIRST = frozenset("'= \u3000+-@＝＋－＠\t\r\n")


def _column(
    values: list[Any], replace: Replacer, name: str, column: str, shown: str, records: list[Any]
) -> tuple[list[Any], int]:
    """One column's cell values (as [cell_value][stpmodel.export.xlsx.cell_value] gives
    them) and its width. The checks run over the column at once: the characters xlsx
    cannot carry are looked for in all its texts in one search, the formula guard only on
    a text whose first character could need it, the cell limit on the longest text."""
    out = [
        ("、".join(map(str, v)) or None)
        if v.__class__ is list
        else (v or None)
        if v.__class__ is str
        else v
        for v in values
    ]
    texts = [v for v in out if v.__class__ is str]
    width = _width(column)
    if not texts:
        for v in out:
            if v is not None:
                width = max(width, len(v.isoformat() if isinstance(v, dt.date) else str(v)))
        return out, width
    if _MAYBE_UNWRITABLE.search(blob := "\n".join(texts)) and unwritable(blob):
        out = [replace(v) if v.__class__ is str else v for v in out]
    first = _GUARD_FIRST
    if any(t[0] in first for t in texts):
        out = [guard(v) if v.__class__ is str and v[0] in first else v for v in out]
    if max(map(len, texts)) >= CELL_LIMIT:  # guard adds one character: look again
        for record, v in zip(records, out, strict=True):
            if v.__class__ is str and len(v) > CELL_LIMIT:
                raise _too_long(shown, name, record, column, len(v))
    for v in out:
        if width >= _MAX_WIDTH:
            break
        if v is None:
            continue
        if v.__class__ is str:
            # a character counts 1 or 2: measure only a text that could widen the column
            size = len(v)
            if size > width or (2 * size > width and not v.isascii()):
                width = max(width, _width(v))
        else:
            width = max(width, len(v.isoformat() if isinstance(v, dt.date) else str(v)))
    return out, width


def _rows(
    name: str, records: list[dict[str, Any]], replace: Replacer, shown: str
) -> tuple[list[tuple[Any, ...]], list[int]]:
    """The sheet's cell values and its columns' widths, every cell checked."""
    columns = []
    widths = []
    for column in FRAMES[name]:
        values, width = _column([r[column] for r in records], replace, name, column, shown, records)
        columns.append(values)
        widths.append(width)
    return list(zip(*columns, strict=True)), widths


def _excel_date(value: dt.date) -> float:
    """An Excel serial date (days since 1899-12-30, the 1900 date system)."""
    if isinstance(value, dt.datetime):
        return (value - dt.datetime(1899, 12, 30)).total_seconds() / 86400
    return float((value - _EPOCH).days)


_EPOCH = dt.date(1899, 12, 30)


def _sheet(
    workbook: Any, dated: Any, name: str, rows: list[tuple[Any, ...]], widths: list[int]
) -> None:
    sheet = workbook.add_worksheet(name)
    columns = FRAMES[name]
    for i, width in enumerate(widths):
        sheet.set_column(i, i, min(_MAX_WIDTH, width + 2))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    sheet.write_row(0, 0, columns)
    text = sheet.write_string
    number = sheet.write_number
    boolean = sheet.write_boolean
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            kind = value.__class__
            if value is None:
                continue
            if kind is str:
                text(r, c, value)
            elif kind is bool:
                boolean(r, c, value)
            elif kind is int or kind is float:
                number(r, c, value)
            elif isinstance(value, dt.date):
                number(r, c, _excel_date(value), dated)
            else:
                text(r, c, str(value))


def write_xlsx(
    roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False
) -> Written:
    """Write the workbook to `path` (a `str` or a path); returns the path, a
    [Written][stpmodel._write.Written] whose `replaced` counts the characters written as
    U+FFFD.

    The file is written by the safe-output rules: an existing file only with
    `overwrite=True`, never through a symbolic link, atomically.

    Raises:
        MissingExtraError: XlsxWriter is not installed.
        WriteError: the file could not or must not be written, or a text is longer than
            an Excel cell holds ([CELL_LIMIT][stpmodel.export.xlsx.CELL_LIMIT]).
    """
    xlsxwriter = _xlsxwriter()
    shown = os.fspath(path)
    replace = Replacer()
    # a bulk construction: the collector would walk the growing heap of cells again and
    # again; the records and the workbook are freed (by reference counting) before it is
    # back on, see docs/performance.md
    with collector_paused():
        data = _workbook(xlsxwriter, roadmap, replace, shown)
    written = write_bytes(path, data, overwrite=overwrite)
    return Written(written, replace.count)


def _workbook(xlsxwriter: Any, roadmap: Roadmap, replace: Replacer, shown: str) -> bytes:
    """The workbook's bytes."""
    records = table_records(roadmap)
    sheets = {name: _rows(name, records[name], replace, shown) for name in FRAMES}
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    dated = workbook.add_format({"num_format": _DATE_FORMAT})
    for name, (rows, widths) in sheets.items():
        _sheet(workbook, dated, name, rows, widths)
    workbook.close()
    return buffer.getvalue()
