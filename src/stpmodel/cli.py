"""The ``stpmodel`` command: a thin argparse layer over the library; the only printer.

Exit codes: 0 success (warnings included), 1 errors in strict mode and internal failures,
2 usage errors (unknown ID, unknown ministry code, bad year, bad file).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

import stpmodel
from stpmodel import query
from stpmodel._format import (
    deadline_record,
    display_width,
    mention_record,
    ministry_labels,
    table,
    truncate,
)
from stpmodel.dates import Relation, find_dates
from stpmodel.errors import ParseError, StpError, UnknownIdError
from stpmodel.model import Action, Footnote, Indicator, Initiative, Ministry, Program, StatusNote
from stpmodel.roadmap import Roadmap

__all__ = ["main"]


class _UsageError(Exception):
    """A mistake of the user's: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _roadmap(args: argparse.Namespace) -> Roadmap:
    if getattr(args, "input", None):
        return stpmodel.read(args.input, encoding=args.encoding)
    return stpmodel.load()


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r} (expected e.g. 2025)") from None
    if not 1868 <= year <= 2200:
        raise argparse.ArgumentTypeError(f"year out of range: {year}")
    return year


def _width() -> int:
    try:
        columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
    except (ValueError, OSError):
        columns = 100
    return max(60, min(columns, 160))


def _check_ministry(roadmap: Roadmap, code: str | None) -> None:
    if code is not None and code not in roadmap.ministries:
        known = "、".join(roadmap.ministries)
        raise _UsageError(f"unknown ministry code {code!r} (this roadmap has: {known})")


def _check_program(roadmap: Roadmap, pid: str | None) -> None:
    if pid is not None and pid not in roadmap.programs:
        from stpmodel.registry import default_programs

        if pid not in default_programs():
            raise _UsageError(f"unknown program ID {pid!r} (see 'stpmodel programs')")


# -- commands ---------------------------------------------------------------------------
def _cmd_deadlines(args: argparse.Namespace, out: TextIO) -> int:
    roadmap = _roadmap(args)
    _check_ministry(roadmap, args.ministry)
    _check_program(roadmap, args.program)
    if args.from_year and args.to_year and args.from_year > args.to_year:
        raise _UsageError(f"--from {args.from_year} is after --to {args.to_year}")
    found = query.deadlines(
        roadmap,
        from_year=args.from_year,
        to_year=args.to_year,
        ministry=args.ministry,
        lead_only=args.lead_only,
        program=args.program,
        relation=args.relation,
    )
    if args.format == "json":
        import json  # only here: the table needs no json, and start-up time counts

        json.dump([deadline_record(d) for d in found], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        _write_csv(out, [deadline_record(d) for d in found])
    elif args.format == "ics":
        from stpmodel.export.ics import calendar_bytes

        out.write(calendar_bytes(roadmap, found).decode("utf-8"))
    else:
        rows = [
            [
                str(d.mention.period.year),
                d.item.id,
                ministry_labels(d.item.ministries),
                d.mention.text,
                d.item.text,
            ]
            for d in found
        ]
        if rows:
            out.write(
                table(["年", "ID", "府省 (*主担当)", "期限", "内容"], rows, max_width=_width())
            )
            out.write(f"\n{len(rows)} deadlines\n")
        else:
            out.write("no deadlines match\n")
    return 0


def _write_csv(out: TextIO, records: list[dict[str, Any]]) -> None:
    import csv

    if not records:
        return
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "、".join(v) if isinstance(v, list) else v for k, v in record.items()})


def _describe(roadmap: Roadmap, obj: object) -> list[str]:
    lines: list[str] = []
    if isinstance(obj, Initiative | Action | StatusNote):
        lines.append(obj.text)
        if isinstance(obj, Initiative | Action):
            lines.append(
                f"府省: {ministry_labels(obj.ministries) or '-'}  (* = 主担当, underlined)"
            )
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
            lines.extend(
                f"  {a.id}  [{ministry_labels(a.ministries)}] {a.text}" for a in obj.actions
            )
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
        lines.append(f"{obj.name_ja} — {obj.name_en} ({obj.kind.value})")
    elif isinstance(obj, Program):
        lines.append(f"{obj.name_ja} — {obj.name_en}")
        if obj.aliases:
            lines.append("aliases: " + "、".join(obj.aliases))
    else:
        title = getattr(obj, "title", None) or getattr(obj, "text", "")
        lines.append(str(title))
    source = getattr(obj, "source", None)
    if source is not None:
        lines.append(f"source: {source}")
    return lines


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    import json

    roadmap = _roadmap(args)
    try:
        obj = roadmap.get(args.id)
    except UnknownIdError:
        raise _UsageError(
            f"no object with ID {args.id!r} (IDs look like 6.1.2, 6.1.2.a3, 6.1.2.s1, fn94, 科技, sip)"
        ) from None
    if args.format == "json":
        from stpmodel.serialize import make_converter

        json.dump(make_converter().unstructure(obj), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    kind = type(obj).__name__
    out.write(f"{args.id}  ({kind})\n")
    for line in _describe(roadmap, obj):
        out.write(line + "\n")
    return 0


def _cmd_programs(args: argparse.Namespace, out: TextIO) -> int:
    roadmap = _roadmap(args)
    rows = [
        [
            p.id,
            str(len(query.items_of(roadmap, p.id))),
            "、".join(query.ministries_of(roadmap, p.id)),
            f"{p.name_ja} / {p.name_en}",
        ]
        for p in roadmap.programs.values()
    ]
    headers = ["ID", "件数", "府省", "名称"]
    out.write(table(headers, rows, max_width=_width(), limits=(None, None, 24)) + "\n")
    return 0


def _cmd_ministries(args: argparse.Namespace, out: TextIO) -> int:
    roadmap = _roadmap(args)
    rows = []
    for code, m in roadmap.ministries.items():
        actions = query.actions_of(roadmap, code)
        leads = sum(code in a.lead_ministries for a in actions)
        rows.append([code, str(len(actions)), str(leads), f"{m.name_ja} / {m.name_en}"])
    out.write(table(["コード", "取組方針", "主担当", "名称"], rows, max_width=_width()) + "\n")
    return 0


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    roadmap = _roadmap(args)
    found = query.search(roadmap, args.text)
    width = _width()
    for obj in found:
        ident = getattr(obj, "id", "")
        text = getattr(obj, "text", None) or getattr(obj, "title", "")
        prefix = f"{ident}  "
        out.write(prefix + truncate(str(text), width - display_width(prefix)) + "\n")
    out.write(f"{len(found)} found\n")
    return 0


def _cmd_dates(args: argparse.Namespace, out: TextIO) -> int:
    import json

    texts: Sequence[str] = args.text or [line.rstrip("\r\n") for line in sys.stdin]
    for text in texts:
        mentions = find_dates(text, year=args.year)
        if args.format == "json":
            out.write(json.dumps([mention_record(m) for m in mentions], ensure_ascii=False) + "\n")
            continue
        if not mentions:
            out.write(f"{text}\n  (no dates)\n")
            continue
        out.write(f"{text}\n")
        for m in mentions:
            out.write(
                f"  {m.text}  {m.period.start}..{m.period.end}  {m.relation.value}  {m.period.granularity.value}\n"
            )
    return 0


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    try:
        roadmap = stpmodel.read(args.file, encoding=args.encoding, strict=args.strict)
    except ParseError as exc:
        if exc.problems:
            for problem in exc.problems:
                sys.stderr.write(f"{problem}\n")
            sys.stderr.write(f"{exc.source}: {len(exc.problems)} errors (strict mode)\n")
        else:
            sys.stderr.write(f"{exc}\n")
        return 1 if exc.problems else 2
    for warning in roadmap.warnings:
        sys.stderr.write(f"{warning}\n")
    if args.output:
        from stpmodel.serialize import dumps

        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(dumps(roadmap, indent=1))
    out.write(
        f"{args.file}: {len(roadmap.sections)} sections, {len(roadmap.initiatives)} initiatives, "
        f"{len(roadmap.actions)} actions, {len(roadmap.status_notes)} status notes, "
        f"{len(roadmap.indicators)} indicators, {len(roadmap.footnotes)} footnotes, "
        f"{len(roadmap.warnings)} warnings\n"
    )
    return 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel import export

    roadmap = _roadmap(args)
    written = export.export(roadmap, args.format, args.output)
    out.write(f"wrote {written}\n")
    return 0


def _cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel.export.plot import plot_program_network, plot_timeline

    roadmap = _roadmap(args)
    if args.what == "timeline":
        found = roadmap.deadlines(from_year=args.from_year, to_year=args.to_year)
        written = plot_timeline(roadmap, args.output, deadlines=found)
    else:
        written = plot_program_network(roadmap, args.output)
    out.write(f"wrote {written}\n")
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from stpmodel.schema import json_schema

    json.dump(json_schema(), out, ensure_ascii=False, indent=1)
    out.write("\n")
    return 0


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    """``stpmodel diff OLD NEW``: what changed between two editions (exit 1 on differences
    only with ``--exit-code``)."""
    from stpmodel.diff import diff, open_edition
    from stpmodel.diff._text import word_diff

    found = diff(open_edition(args.old), open_edition(args.new))
    if args.kind:
        found = found.filter(kind=args.kind)
    records = []
    for full in found.records():
        record = {k: full[k] for k in ("change", "kind", "old_id", "new_id", "fields", "score")}
        if "text" in full["fields"] or full["change"] in ("added", "removed"):
            for key in ("old_text", "new_text"):
                if full[key] is not None:
                    record[key] = full[key]
        records.append((record, full))
    if args.format == "json":
        import json

        json.dump([r for r, _ in records], out, ensure_ascii=False, indent=1)
        out.write("\n")
    elif args.format == "csv":
        keys = ("change", "kind", "old_id", "new_id", "fields", "score", "old_text", "new_text")
        _write_csv(out, [{k: r.get(k) for k in keys} for r, _ in records])
    elif records:
        rows = []
        for record, full in records:
            ids = " → ".join(i for i in (record["old_id"], record["new_id"]) if i)
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
            rows.append([record["change"], record["kind"], ids, fields, text])
        out.write(table(["変更", "種類", "ID", "項目", "内容"], rows, max_width=_width()))
        out.write(f"\n{found.summary()}\n")
    else:
        out.write("no differences\n")
    return 1 if args.exit_code and records else 0


# -- the parser -------------------------------------------------------------------------
class _Formatter(argparse.HelpFormatter):
    """Help laid out for the terminal's width, found without importing shutil."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_width() - 2)


def _source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--input", metavar="FILE", help="read this roadmap text instead of the bundled one"
    )
    p.add_argument("--encoding", default=None, help="encoding of --input (default: detect)")


def _deadlines_options(p: argparse.ArgumentParser) -> None:
    _source_options(p)
    p.add_argument(
        "--from", dest="from_year", type=_year, metavar="YEAR", help="first year written"
    )
    p.add_argument("--to", dest="to_year", type=_year, metavar="YEAR", help="last year written")
    p.add_argument(
        "--ministry", metavar="CODE", help="only items tagged with this code (科技, 文 …)"
    )
    p.add_argument("--lead-only", action="store_true", help="with --ministry: only where it leads")
    p.add_argument("--program", metavar="ID", help="only items mentioning this program (sip …)")
    p.add_argument("--relation", choices=[r.value for r in Relation], help="only this relation")
    p.add_argument("--format", choices=["table", "json", "csv", "ics"], default="table")


def _show_options(p: argparse.ArgumentParser) -> None:
    _source_options(p)
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["text", "json"], default="text")


def _search_options(p: argparse.ArgumentParser) -> None:
    _source_options(p)
    p.add_argument("text", metavar="TEXT")


def _dates_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="*", metavar="TEXT")
    p.add_argument(
        "--year", type=_year, metavar="YEAR", help="the year 今年度, 来年度 … count from"
    )
    p.add_argument("--format", choices=["text", "json"], default="text")


def _parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.add_argument("--encoding", default=None, help="encoding (default: detect UTF-8 / CP932)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p.add_argument("-o", "--output", metavar="OUT.json", help="write the model as JSON")


def _export_options(p: argparse.ArgumentParser) -> None:
    _source_options(p)
    p.add_argument("--format", required=True, choices=["json", "csv", "sqlite", "graphml", "gexf"])
    p.add_argument("-o", "--output", required=True, metavar="PATH")


def _plot_options(p: argparse.ArgumentParser) -> None:
    _source_options(p)
    p.add_argument("what", choices=["timeline", "graph"])
    p.add_argument("-o", "--output", required=True, metavar="PNG")
    p.add_argument("--from", dest="from_year", type=_year, metavar="YEAR")
    p.add_argument("--to", dest="to_year", type=_year, metavar="YEAR")


def _diff_options(p: argparse.ArgumentParser) -> None:
    from stpmodel.diff import KINDS

    where = "a roadmap text file, a JSON export, or the word 'bundled'"
    p.add_argument("old", metavar="OLD", help=f"the earlier edition: {where}")
    p.add_argument("new", metavar="NEW", help=f"the later edition: {where}")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--kind", choices=KINDS, help="only differences of this kind of object")
    p.add_argument(
        "--exit-code", action="store_true", help="exit 1 when there are differences (else 0)"
    )


def _no_options(p: argparse.ArgumentParser) -> None:
    pass


_Command = Callable[[argparse.Namespace, TextIO], int]

# name: (help, options, command).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], _Command]] = {
    "deadlines": ("dates written on initiatives and actions", _deadlines_options, _cmd_deadlines),
    "show": ("one object by ID", _show_options, _cmd_show),
    "programs": ("programs the roadmap mentions", _source_options, _cmd_programs),
    "ministries": ("ministries the roadmap tags", _source_options, _cmd_ministries),
    "search": ("full-text search (ignores PDF spacing)", _search_options, _cmd_search),
    "dates": ("read the dates in TEXT (or in each line of stdin)", _dates_options, _cmd_dates),
    "parse": ("parse a roadmap file and report its warnings", _parse_options, _cmd_parse),
    "export": ("write the roadmap in another format", _export_options, _cmd_export),
    "plot": ("draw the deadline timeline or the program network", _plot_options, _cmd_plot),
    "schema": ("print the JSON Schema of the JSON export", _no_options, _cmd_schema),
    "diff": ("what changed between two editions (OLD, NEW)", _diff_options, _cmd_diff),
}


def _build_parser(argv: Sequence[str] | None = None) -> _Parser:
    """The parser; with ``argv`` naming a command, only that command's sub-parser."""
    parser = _Parser(
        prog="stpmodel",
        description="Japan's STI policy roadmap (統合イノベーション戦略 工程表) as data.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"stpmodel {stpmodel.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    chosen = None if argv is None else next((a for a in argv if not a.startswith("-")), None)
    # With a known command named, only its sub-parser is made: each sub-parser costs
    # gettext look-ups on disk, and the others would only serve the top-level help and
    # the "invalid choice" error, which are built in full when no known command is named.
    names = [chosen] if chosen in _COMMANDS else list(_COMMANDS)
    for name in names:
        help_text, options, command = _COMMANDS[name]
        p = sub.add_parser(name, help=help_text, description=help_text, formatter_class=_Formatter)
        options(p)
        p.set_defaults(func=command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    if argv is None:
        argv = sys.argv[1:]
    parser = _build_parser(argv)
    out = sys.stdout
    try:
        args = parser.parse_args(argv)
        func: Callable[[argparse.Namespace, TextIO], int] = args.func
        buffer = io.StringIO()
        status = func(args, buffer)
        out.write(buffer.getvalue())
        return status
    except _UsageError as exc:
        sys.stderr.write(
            f"{exc}\n" if str(exc).startswith("stpmodel") else f"stpmodel: error: {exc}\n"
        )
        return 2
    except StpError as exc:
        sys.stderr.write(f"stpmodel: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as exc:  # an internal failure: say so in one line, exit 1
        sys.stderr.write(f"stpmodel: internal error: {type(exc).__name__}: {exc}\n")
        return 1
