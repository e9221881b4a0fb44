"""What the command line shows: display width of Japanese text, aligned tables, listings
as table/JSON/CSV, one object described, the differences between two editions.

These helpers serve the CLI only (other writers work from [stpmodel.records][]); they
return strings, and printing is the CLI's job (`cli.py` parses arguments, calls the
library and writes what these return). Table cells pass through
[escape_controls][stpmodel._escape.escape_controls], so no control character of a roadmap's
text reaches the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence

from stpmodel._escape import escape_controls

# typing costs about a millisecond to import, and the command line's plain path counts them
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from stpmodel.dates import DateMention
    from stpmodel.diff import RoadmapDiff
    from stpmodel.errors import ParseWarning
    from stpmodel.model import Action, Initiative, Program
    from stpmodel.roadmap import Node, Roadmap

__all__ = [
    "DEADLINE_HEADERS",
    "DIFF_HEADERS",
    "MINISTRY_HEADERS",
    "PROGRAM_HEADERS",
    "SORT_KEYS",
    "csv_text",
    "date_lines",
    "deadline_rows",
    "describe",
    "diff_listing",
    "diff_records",
    "display_width",
    "id_key",
    "is_terminal",
    "listing",
    "located",
    "ministry_labels",
    "ministry_records",
    "ministry_rows",
    "parse_summary",
    "program_records",
    "program_rows",
    "search_lines",
    "search_records",
    "table",
    "table_width",
    "terminal_columns",
    "truncate",
    "year_span",
]


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: East Asian wide and full-width characters
    count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def truncate(text: str, width: int) -> str:
    """Cut `text` to at most `width` columns, ending with … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _limit(text: str, width: int | None) -> str:
    return text if width is None else truncate(text, width)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    max_width: int | None = 100,
    limits: Sequence[int | None] = (),
) -> str:
    """An aligned table.

    With `max_width`, the last column is cut so every line fits it, and column `i` to
    `limits[i]` columns where given; with `max_width=None` (output to a file or a pipe)
    nothing is cut.
    """
    if not rows:
        return ""
    cells = [[escape_controls(c, json=True, bidi=True) for c in r] for r in rows]
    if limits:
        cells = [
            [_limit(c, limits[i] if i < len(limits) else None) for i, c in enumerate(r)]
            for r in cells
        ]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], display_width(cell))
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = None if max_width is None else max(10, max_width - fixed)
    lines = []
    for row in [list(headers), *cells]:
        padded = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        padded.append(_limit(row[-1], last))
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def ministry_labels(codes: Sequence[str], leads: Sequence[str] = ()) -> str:
    """`科技*、文` — the ministry `codes`, `*` marking the `leads` (underlined, 主担当)."""
    lead = set(leads)
    return "、".join(f"{c}*" if c in lead else c for c in codes)


# -- the terminal -------------------------------------------------------------------------
def terminal_columns() -> int:
    """The terminal's width (`COLUMNS`, else the terminal's, else 100), kept within
    60 to 160."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (ValueError, OSError):
        columns = 100
    return max(60, min(columns, 160))


def is_terminal() -> bool:
    """Whether standard output is a terminal (not a file, a pipe or a closed stream)."""
    import sys

    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def table_width() -> int | None:
    """The width tables are cut to on a terminal; `None` (nothing cut) for a file or pipe."""
    return terminal_columns() if is_terminal() else None


# -- listings ----------------------------------------------------------------------------
def id_key(ident: str) -> tuple[tuple[int, str], ...]:
    """6.1.2.a10 after 6.1.2.a9: numbers inside IDs compare as numbers."""
    return tuple(
        (int(part), "") if part.isdigit() else (-1, part)
        for part in re.split(r"(\d+)", ident)
        if part
    )


#: The orders `deadlines --sort` offers, as keys over deadline records.
SORT_KEYS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "id": lambda r: id_key(r["id"]),
    "date": lambda r: (r["due"], id_key(r["id"])),
    "ministry": lambda r: (
        (r["lead_ministries"] or r["ministries"] or ["~"])[0],
        r["due"],
        id_key(r["id"]),
    ),
}

DEADLINE_HEADERS = ("年", "ID", "府省 (*主担当)", "期限", "内容")
PROGRAM_HEADERS = ("ID", "件数", "府省", "名称")
MINISTRY_HEADERS = ("コード", "取組方針", "主担当", "名称")
DIFF_HEADERS = ("変更", "種類", "ID", "項目", "内容")


def year_span(record: Mapping[str, Any]) -> str:
    """`2025` or `2025-2027`: the years a deadline record's date spans."""
    first, last = record["first_year"], record["last_year"]
    return str(first) if first == last else f"{first}-{last}"


def deadline_rows(records: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """Table rows (see `DEADLINE_HEADERS`) of deadline records."""
    return [
        [
            year_span(r),
            r["id"],
            ministry_labels(r["ministries"], r["lead_ministries"]),
            r["expression"],
            r["text"],
        ]
        for r in records
    ]


def program_records(roadmap: Roadmap) -> list[dict[str, Any]]:
    """Each program's [ProgramUseRecord][stpmodel.records.ProgramUseRecord]: its record
    with how many `items` mention it and their `ministries`."""
    from stpmodel import query
    from stpmodel.records import program_use_record

    return [
        dict(
            program_use_record(p, query.items_of(roadmap, p.id), query.ministries_of(roadmap, p.id))
        )
        for p in roadmap.programs.values()
    ]


def ministry_records(roadmap: Roadmap) -> list[dict[str, Any]]:
    """Each ministry's [MinistryUseRecord][stpmodel.records.MinistryUseRecord]: its
    record with how many `actions` it is tagged on and `leads`."""
    from stpmodel import query
    from stpmodel.records import ministry_use_record

    return [
        dict(ministry_use_record(m, query.actions_of(roadmap, code)))
        for code, m in roadmap.ministries.items()
    ]


def search_records(found: Iterable[Node]) -> list[dict[str, Any]]:
    """The [NodeRecord][stpmodel.records.NodeRecord] (`id`, `kind`, `text`) of each object
    a search found."""
    from stpmodel.records import node_record

    return [dict(node_record(obj)) for obj in found]


def program_rows(records: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """Table rows (see `PROGRAM_HEADERS`) of program records with `items` and `ministries`."""
    return [
        [r["id"], str(r["items"]), "、".join(r["ministries"]), f"{r['name_ja']} / {r['name_en']}"]
        for r in records
    ]


def ministry_rows(records: Iterable[Mapping[str, Any]]) -> list[list[str]]:
    """Table rows (see `MINISTRY_HEADERS`) of ministry records with `actions` and `leads`."""
    return [
        [r["code"], str(r["actions"]), str(r["leads"]), f"{r['name_ja']} / {r['name_en']}"]
        for r in records
    ]


def listing(
    fmt: str,
    records: Sequence[Mapping[str, Any]],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    noun: str,
    width: int | None,
    limits: Sequence[int | None] = (),
) -> str:
    """A listing as JSON, CSV or an aligned table with a count line (`fmt` is `json`,
    `csv` or `table`); `width` is the terminal's, `None` for a file or a pipe."""
    if fmt == "json":
        import json  # only here: the table needs no json, and start-up time counts

        from stpmodel.records import jsonable

        return json.dumps([jsonable(r) for r in records], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return csv_text(records)
    if not rows:
        return f"no {noun} match\n"
    text = table(headers, rows, max_width=width, limits=limits if width else ())
    return f"{text}\n{len(rows)} {noun if len(rows) != 1 else _singular(noun)}\n"


def _singular(noun: str) -> str:
    """`deadlines` → `deadline`, `ministries` → `ministry`: the count line says "1 deadline"."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun.removesuffix("s")


def csv_text(records: Sequence[Mapping[str, Any]]) -> str:
    """Records as CSV (RFC 4180: CRLF line ends, so a CR inside a cell is quoted too), the
    header from the first record's keys; list values joined with 、, cells that a
    spreadsheet would run as a formula guarded."""
    import csv
    import io

    from stpmodel._escape import guard

    if not records:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: guard(_cell(v)) for k, v in record.items()})
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return value


def search_lines(records: Sequence[Mapping[str, Any]], *, width: int | None) -> str:
    """Search hits as `ID  text` lines and a count line, each cut to `width` columns."""
    lines = []
    for r in records:
        prefix = f"{r['id']}  "
        text = escape_controls(r["text"], json=True, bidi=True)
        if width is not None:
            text = truncate(text, width - display_width(prefix))
        lines.append(prefix + text + "\n")
    lines.append(f"{len(records)} found\n")
    return "".join(lines)


def date_lines(text: str, mentions: Sequence[DateMention]) -> str:
    """`text`, then one indented line per date read in it (or `(no dates)`)."""
    if not mentions:
        return f"{text}\n  (no dates)\n"
    lines = [f"{text}\n"]
    for m in mentions:
        period = m.period
        lines.append(
            f"  {m.text}  {period.start}..{period.end}  {m.relation.value}  {period.granularity.value}\n"
        )
    return "".join(lines)


def parse_summary(name: str, roadmap: Roadmap) -> str:
    """The one line `stpmodel parse` prints: what the file holds."""
    return (
        f"{name}: {len(roadmap.sections)} sections, {len(roadmap.initiatives)} initiatives, "
        f"{len(roadmap.actions)} actions, {len(roadmap.status_notes)} status notes, "
        f"{len(roadmap.indicators)} indicators, {len(roadmap.footnotes)} footnotes, "
        f"{len(roadmap.warnings)} warnings\n"
    )


# -- one object ---------------------------------------------------------------------------
def _item_ministries(item: Initiative | Action) -> str:
    from stpmodel.records import item_record

    record = item_record(item)
    return ministry_labels(record["ministries"], record["lead_ministries"])


def describe(roadmap: Roadmap, obj: object) -> list[str]:
    """The lines `stpmodel show` prints under an object's ID."""
    from stpmodel.model import (
        Action,
        Footnote,
        Indicator,
        Initiative,
        Ministry,
        Program,
        StatusNote,
    )

    lines: list[str] = []
    if isinstance(obj, Initiative | Action | StatusNote):
        lines.append(obj.text)
        if isinstance(obj, Initiative | Action):
            lines.append(f"府省: {_item_ministries(obj) or '-'}  (* = 主担当, underlined)")
            if obj.repost:
                lines.append("(再掲) reprinted from elsewhere in the roadmap")
        if obj.programs:
            names = [
                roadmap.programs[p].name_ja if p in roadmap.programs else p for p in obj.programs
            ]
            lines.append(
                "programs: "
                + "、".join(f"{p} ({n})" for p, n in zip(obj.programs, names, strict=True))
            )
        for mention in obj.dates:
            lines.append(
                f"date: {mention.text} → {mention.period.start}..{mention.period.end} ({mention.relation.value})"
            )
        if obj.footnotes:
            lines.append("footnotes: " + ", ".join(map(str, obj.footnotes)))
        if isinstance(obj, Initiative):
            lines.append(f"status notes ({len(obj.status_notes)}):")
            lines.extend(f"  {n.id}  {n.text}" for n in obj.status_notes)
            lines.append(f"actions ({len(obj.actions)}):")
            lines.extend(f"  {a.id}  [{_item_ministries(a)}] {a.text}" for a in obj.actions)
    elif isinstance(obj, Indicator):
        lines.append(f"{obj.kind.value} indicator: {obj.text}")
        lines.extend(f"  {d}" for d in obj.details)
        for o in obj.observations:
            parts = [f"{o.value}{o.unit}", o.series or "", o.label or ""]
            when = f" as of {o.as_of.label}" if o.as_of else ""
            lines.append("  value: " + " ".join(p for p in parts if p) + when)
    elif isinstance(obj, Footnote):
        lines.append(obj.text)
        lines.append("cited by: " + (", ".join(obj.cited_by) or "-"))
    elif isinstance(obj, Ministry):
        lines.append(f"{obj.name_ja} / {obj.name_en} ({obj.kind.value})")
    elif isinstance(obj, Program):
        lines.append(f"{obj.name_ja} / {obj.name_en}")
        if obj.aliases:
            lines.append("aliases: " + "、".join(obj.aliases))
        lines.extend(_program_facts(roadmap, obj))
    else:
        title = getattr(obj, "title", None) or getattr(obj, "text", "")
        lines.append(str(title))
    source = getattr(obj, "source", None)
    if source is not None:
        lines.append(f"source: {source}")
    return lines


# -- differences --------------------------------------------------------------------------
_DIFF_KEYS = ("change", "kind", "old_id", "new_id", "fields", "score")


def diff_records(found: RoadmapDiff) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(the short record the command prints as JSON/CSV, the full record) per difference:
    the texts only where they changed or the object was added or removed."""
    records = []
    for full in found.records():
        record = {k: full[k] for k in _DIFF_KEYS}
        if "text" in full["fields"] or full["change"] in ("added", "removed"):
            for key in ("old_text", "new_text"):
                if full[key] is not None:
                    record[key] = full[key]
        records.append((record, dict(full)))
    return records


def _diff_row(record: Mapping[str, Any], full: Mapping[str, Any]) -> list[str]:
    from stpmodel.diff._text import word_diff

    old_id, new_id = record["old_id"], record["new_id"]
    # an item that kept its ID shows it once; a renumbered one shows old → new
    ids = old_id if old_id == new_id else " → ".join(i for i in (old_id, new_id) if i)
    what = [f"{m['code']} {m['change'].replace('_', ' ')}" for m in full["ministries"]]
    what += [f"{d['old'] or '-'} → {d['new'] or '-'}" for d in full["dates"]]
    what += [f"{o['old'] or '-'} → {o['new'] or '-'}" for o in full["observations"]]
    what += [f"{p['program']} {p['change']}" for p in full["programs"]]
    if full["repost"]:
        what.append(f"(再掲) {full['repost']['old']} → {full['repost']['new']}")
    if "old_text" in record and "new_text" in record:
        what.insert(0, word_diff(record["old_text"], record["new_text"]))
    else:
        what.append(full["text"])
    fields = ",".join(record["fields"])
    text = " / ".join(part for part in what if part)
    return [record["change"], record["kind"], ids, fields, text]


def diff_listing(found: RoadmapDiff, fmt: str, *, width: int | None) -> tuple[str, int]:
    """The differences as JSON, CSV or a table with a summary line (`fmt` is `json`, `csv`
    or `table`), and how many there are."""
    records = diff_records(found)
    if fmt == "json":  # everything the Python records say (ministries, date shifts …)
        import json

        text = json.dumps(found.records(), ensure_ascii=False, indent=1) + "\n"
    elif fmt == "csv":  # the same, each list of details as one text cell
        text = csv_text(found.flat_records())
    elif records:
        rows = [_diff_row(record, full) for record, full in records]
        text = f"{table(DIFF_HEADERS, rows, max_width=width)}\n{found.summary()}\n"
    else:
        text = "no differences\n"
    return text, len(records)


# -- parse warnings -----------------------------------------------------------------------
_BEFORE = 24  # characters of context shown before a warning's span
_AFTER = 24  # … and after it
_LONGEST_SPAN = 48  # a longer span is shown up to this many characters, then …


def _years(start: int | None, end: int | None) -> str:
    """`FY2023–FY2027`, or `FY2019–` while open-ended, the way the glossary writes years."""
    if start is None:
        return "-"
    return f"FY{start}–" + (f"FY{end}" if end is not None else "")


def _program_facts(roadmap: Roadmap, program: Program) -> list[str]:
    """The years, phases or goals and linked items `stpmodel show` gives for a program, so
    the phases the glossary lists are one command away."""
    lines: list[str] = []
    if program.start_fy is not None:
        years = _years(program.start_fy, program.end_fy)
        lines.append(f"{program.kind.value}, {program.status.value}, {years}")
    for heading, parts in (("phases", program.phases), ("goals", program.goals)):
        if parts:
            lines.append(f"{heading} ({len(parts)}):")
            lines.extend(
                f"  {part.label}  {_years(part.start_fy, part.end_fy)}"
                + ("" if part.confirmed else " (unconfirmed)")
                for part in parts
            )
    links = roadmap.program_mentions(program.id)
    inferred = sum(link.mention.inferred for link in links)
    lines.append(f"items: {len(links)} ({inferred} inferred; roadmap.program_mentions)")
    return lines


def _shown(char: str) -> str:
    """How a character of a source line is shown above a caret line: a tab as one space,
    a control or bidirectional character as its `\\uNNNN` escape (as the CLI writes it)."""
    return " " if char == "\t" else escape_controls(char, json=True, bidi=True)


def located(warning: ParseWarning, line: str | None) -> str:
    """`file:line:col: message`, then — when the source `line` is given and the warning
    has a column — that line and a caret line under the warning's span, indented by four
    (the shape of packaging's `ParserSyntaxError`):

        x.txt:4:9: unknown ministry code '謎' in a 【】 tag (…)
            ○取組。【科技、謎】 ・実施。
                          ^~

    A long line is cut to the span and a little context on each side (…); columns count
    display width, so the caret stands under full-width characters too.
    """
    head = str(warning)
    if line is None or warning.column < 1 or warning.column - 1 > len(line):
        return head
    start = warning.column - 1
    end = min(max(warning.end_column - 1, start), len(line), start + _LONGEST_SPAN)
    low = max(0, start - _BEFORE)
    high = min(len(line), end + _AFTER)
    before = ("…" if low else "") + "".join(_shown(c) for c in line[low:start])
    span = "".join(_shown(c) for c in line[start:end])
    after = "".join(_shown(c) for c in line[end:high]) + ("…" if high < len(line) else "")
    marker = " " * display_width(before) + "^" + "~" * (display_width(span) - 1)
    return "\n    ".join([head, (before + span + after).rstrip(), marker])
