"""HTML for notebooks: the table specs every object and result collection renders with.

[TABLES][stpmodel._html.TABLES] names each table and says, per column, its header and how
a record's cell is drawn. The one renderer of model objects
([Shown][stpmodel._shown.Shown]) and the one of result collections
([Results][stpmodel.results.Results]) look their table up here by name. Everything here works on
plain records (dicts, see [stpmodel.records][]) and imports nothing of the model. All text goes through
`html.escape`: an ID holding `<a href=…>` shows as text.

Headers are in Japanese, the language of the 工程表, from [stpmodel._labels][] (番号, 種別,
府省, 期限, 内容 …). In the 府省 column the ministry in charge (主担当) is underlined, as in
the source. Long texts are cut to one line; the full text shows on hover.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape
from typing import Any, NamedTuple

from stpmodel._labels import INDICATOR_KINDS, MINISTRY_KINDS, column_label, kind_label

__all__ = ["TABLES", "Column", "Table"]

Record = Mapping[str, Any]
Cell = Callable[[Record], str]
"""The HTML (escaped) of one cell, from a record."""

_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"
_ONE_LINE = "max-width:36em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis"


# -- cells --------------------------------------------------------------------------------
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        value = value.value
    return escape(str(value))


def _one_line(text: str) -> str:
    """A cell cut to one line, the full text in its tooltip."""
    return f'<span style="{_ONE_LINE};display:inline-block" title="{escape(text)}">{escape(text)}</span>'


def _ministries(codes: Sequence[str], leads: Sequence[str]) -> str:
    lead = set(leads)
    return "、".join(f"<u>{escape(c)}</u>" if c in lead else escape(c) for c in codes)


def _mark(flag: Any) -> str:
    return "○" if flag else ""


def _label(labels: Mapping[str, Any], key: str) -> str:
    """The Japanese label of `key` in `labels` (a kind of indicator or ministry)."""
    return escape(labels[key].ja if key in labels else key)


def _value(number: float | None, unit: str | None = "") -> str:
    return "" if number is None else f"{number:g}{escape(unit or '')}"


def _due(r: Record) -> str:
    hover = f"{r['label']}: {r['start']}–{r['end']} ({r['relation']})"
    return f'<span title="{escape(hover)}">{escape(r["expression"])}</span>'


def _columns_of(r: Record) -> str:
    column, end = r["column"], r["end_column"]
    return _text(f"{column}–{end}" if end > column else (column or ""))


# -- tables -------------------------------------------------------------------------------
class Column(NamedTuple):
    """A column of a table: its header and how a record's cell is drawn."""

    header: str
    cell: Cell


def _col(key: str, cell: Cell | None = None, *, header: str | None = None) -> Column:
    """The column of record key `key`: headed by its label (short Japanese form) unless
    `header` says otherwise, its cell the key's value as text unless `cell` draws it."""
    return Column(
        column_label(key, "short") if header is None else header,
        cell or (lambda r: _text(r[key])),
    )


class Table:
    """A table spec: the columns of one kind of record.

    Given `columns`, the table shows those. Given `exclude` instead, it shows every key of
    the records drawn, in the record's order, but those (the record is the one
    declaration of the columns), each drawn as text unless `cells` draws it.
    """

    def __init__(
        self,
        *columns: Column,
        exclude: tuple[str, ...] | None = None,
        cells: Mapping[str, Cell] | None = None,
    ) -> None:
        self.columns = columns
        self.exclude = exclude
        self.cells = dict(cells or {})

    def columns_for(self, record: Record | None) -> tuple[Column, ...]:
        """The columns drawn for records like `record`."""
        if self.exclude is None or record is None:
            return self.columns
        return tuple(_col(key, self.cells.get(key)) for key in record if key not in self.exclude)

    @property
    def headers(self) -> tuple[str, ...]:
        """The header row (of a table of declared columns)."""
        return tuple(c.header for c in self.columns)

    def render(self, records: Iterable[Record], caption: str = "") -> str:
        """The table of `records`, with an optional `caption`."""
        rows = list(records)
        columns = self.columns_for(rows[0] if rows else None)
        head = "".join(f'<th style="{_CELL}">{escape(c.header)}</th>' for c in columns)
        body = "".join(
            "<tr>" + "".join(f'<td style="{_CELL}">{c.cell(r)}</td>' for c in columns) + "</tr>"
            for r in rows
        )
        cap = f"<caption>{escape(caption)}</caption>" if caption else ""
        return (
            f'<table style="{_STYLE}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )


_ID = _col("id")
_KIND = _col("kind", lambda r: escape(kind_label(r["kind"], "short")))
_MINISTRIES = _col("ministries", lambda r: _ministries(r["ministries"], r["lead_ministries"]))
_TEXT = _col("text", lambda r: _one_line(r["text"]))

TABLES: dict[str, Table] = {
    "items": Table(
        _ID,
        _KIND,
        _MINISTRIES,
        _col("expressions", lambda r: "<br>".join(escape(e) for e in r["expressions"])),
        _TEXT,
    ),
    "deadlines": Table(
        _ID, _KIND, _MINISTRIES, _col("expression", _due, header="期限"), _col("due"), _TEXT
    ),
    "nodes": Table(_ID, _KIND, _TEXT),
    "sections": Table(
        _ID,
        _col("title", lambda r: _one_line(r["title"])),
        _col("initiatives"),
        _col("actions"),
        _col("status_notes", lambda r: _text(r.get("status_notes", ""))),
    ),
    "indicators": Table(
        _ID,
        _col("kind", lambda r: _label(INDICATOR_KINDS, r["kind"])),
        _col("name", lambda r: _one_line(r["name"])),
        _col("latest_value", lambda r: _value(r["latest_value"], r["latest_unit"])),
        _col("latest_as_of"),
        _col("observations"),
    ),
    "observations": Table(
        _col("series"),
        _col("label"),
        _col("value", lambda r: f'<span title="{escape(r["text"])}">{r["value"]:g}</span>'),
        _col("unit"),
        _col("as_of_label"),
    ),
    "footnotes": Table(
        _col("number", lambda r: f"注{_text(r['number'])}"),
        _TEXT,
        _col("cited_by", lambda r: "、".join(escape(c) for c in r["cited_by"])),
    ),
    "ministries": Table(
        _col("code"),
        _col("name_ja"),
        _col("name_en"),
        _col("kind", lambda r: _label(MINISTRY_KINDS, r["kind"])),
    ),
    "programs": Table(
        _col("id", header="キー"),
        _col("name_ja"),
        _col("name_en"),
        _col("acronym"),
        _col("operator"),
    ),
    "program_mentions": Table(
        exclude=("item_kind", "via", "start", "span_start", "end", "span_end"),
        cells={"text": lambda r: _one_line(r["text"])},
    ),
    "phase": Table(exclude=("program", "calendar", "source", "overlaps_previous")),
    "operator": Table(exclude=()),
    "program_mention": Table(exclude=("span", "via")),
    "codes": Table(_col("code"), _col("name")),
    "pairs": Table(_col("first"), _col("second"), _col("count")),
    "roadmap": Table(
        exclude=("source", "sha256", "subsections"),
        cells={"title": lambda r: _one_line(r["title"])},
    ),
    "source": Table(
        _col("source"),
        _col("lines", lambda r: _text(",".join(map(str, r["lines"]))), header="行"),
    ),
    "source_info": Table(
        _col("name", header="出典"), _col("sha256"), _col("line_count", header="行数")
    ),
    "ministry_ref": Table(_col("code", header="府省"), _col("lead", lambda r: _mark(r["lead"]))),
    "warning": Table(
        _col("source"),
        _col("line"),
        _col("column", _columns_of, header="列"),
        _col("code"),
        _col("message", header="内容"),
        _col("text", header="原文"),
    ),
    "period": Table(
        _col("label", header="期間"),
        _col("start"),
        _col("end"),
        _col("granularity"),
        _col("calendar"),
        _col("approximate", lambda r: _mark(r["approximate"])),
    ),
    "mention": Table(
        _col("text", header="表現"),
        _col("period", lambda r: _text(r["period"].label), header="期間"),
        _col("start", lambda r: _text(r["period"].start)),
        _col("end", lambda r: _text(r["period"].end)),
        _col("relation"),
        _col("due"),
    ),
    "coverage": Table(
        _col("total", header="文字数"),
        _col("ratio", lambda r: f"{r['ratio']:.2%}", header="対応率"),
        _col("missing", lambda r: _text("".join(r["missing"].elements())[:200]), header="欠落"),
        _col("extra", lambda r: _text("".join(r["extra"].elements())[:200]), header="余分"),
        _col(
            "missing_lines",
            lambda r: _text(", ".join(map(str, r["missing_lines"][:50]))),
            header="欠落行",
        ),
    ),
}
"""Every table the notebook view draws, by name: the record columns it shows."""
