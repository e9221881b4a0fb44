"""The `stpmodel` command: a thin argparse layer over the library; the only printer.

Exit codes: 0 success (warnings included), 1 errors in strict mode and internal failures,
2 usage errors (unknown ID, unknown ministry code, bad year, bad file) and files that could
not or must not be written (`stpmodel: cannot write PATH: reason`). Interrupted (Ctrl-C,
SIGINT) the command says so in one line and ends by the signal (a shell sees 130); SIGINT
and SIGTERM remove the temporary file of a write in progress and leave the target as it
was. A closed standard output or input is one line and exit 2.

Output is text the terminal can show: characters the output encoding lacks (cp932, ASCII)
are replaced, and control characters of a roadmap's text are written as `\\u00NN`. Listings
(`deadlines`, `programs`, `ministries`, `search`) take `--format table|json|csv`; tables
are cut to the terminal's width only when writing to a terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn, TextIO

import stpmodel
from stpmodel import _arguments, _format, query
from stpmodel._process import Signalled, drop_stdout, end_by, safe_streams, signals_unwind
from stpmodel._write import escape_controls
from stpmodel.dates import find_dates
from stpmodel.errors import ParseError, ParseWarning, StpError, UnknownIdError, WriteError
from stpmodel.roadmap import Deadline, Roadmap

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


def _ministry(roadmap: Roadmap, name: str | None) -> str | None:
    """The ministry code `name` stands for (`MEXT`, `文部科学省`, `文` → `文`), by the
    roadmap's name resolver; an unknown name is a usage error listing close matches."""
    if name is None:
        return None
    try:
        return roadmap.ministry_code(name)
    except UnknownIdError as exc:
        raise _UsageError(f"{exc} (see 'stpmodel ministries')") from None


def _program(roadmap: Roadmap, name: str | None) -> str | None:
    """The program ID `name` stands for (`SIP`, `戦略的イノベーション創造プログラム` →
    `sip`); an unknown name is a usage error listing close matches."""
    if name is None:
        return None
    try:
        return roadmap.program_id(name)
    except UnknownIdError as exc:
        raise _UsageError(f"{exc} (see 'stpmodel programs')") from None


# -- commands ---------------------------------------------------------------------------
def _cmd_deadlines(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel.records import deadline_record

    roadmap = _roadmap(args)
    ministry = _ministry(roadmap, args.ministry)
    program = _program(roadmap, args.program)
    if args.from_year and args.to_year and args.from_year > args.to_year:
        raise _UsageError(f"--from {args.from_year} is after --to {args.to_year}")
    found: Sequence[Deadline] = query.deadlines(
        roadmap,
        from_year=args.from_year,
        to_year=args.to_year,
        ministry=ministry,
        lead_only=args.lead_only,
        program=program,
        relation=args.relation,
        kind=args.kind,
        fiscal_year=args.fiscal_year,
        due_in=args.due_in,
    )
    records = [deadline_record(d) for d in found]
    if args.sort:
        key = _format.SORT_KEYS[args.sort]
        order = sorted(range(len(records)), key=lambda i: key(records[i]))
        found = [found[i] for i in order]
        records = [records[i] for i in order]
    if args.format == "ics":
        from stpmodel.export.ics import calendar

        data, replaced = calendar(roadmap, found)
        _say_replaced(replaced, "iCalendar")
        out.write(data.decode("utf-8"))
        return 0
    out.write(
        _format.listing(
            args.format,
            records,
            _format.DEADLINE_HEADERS,
            _format.deadline_rows(records),
            noun="deadlines",
            width=_format.table_width(),
        )
    )
    return 0


_ECHOED = 80
"""The most columns of a user's argument an error message repeats (then `…`)."""


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    import json

    roadmap = _roadmap(args)
    try:
        obj = roadmap.get(args.id)
    except UnknownIdError as exc:
        close = f"; close matches: {'; '.join(exc.matches)}" if exc.matches else ""
        shown = _format.truncate(args.id, _ECHOED)  # a pasted page is not echoed whole
        raise _UsageError(
            f"no object with ID {shown!r}{close}"
            " (IDs look like 6.1.2, 6.1.2.a3, 6.1.2.s1, fn94, 科技, sip)"
        ) from None
    if args.format == "json":
        from stpmodel.serialize import make_converter

        json.dump(make_converter().unstructure(obj), out, ensure_ascii=False, indent=1)
        out.write("\n")
        return 0
    kind = type(obj).__name__
    out.write(f"{args.id}  ({kind})\n")
    for line in _format.describe(roadmap, obj):
        out.write(line + "\n")
    return 0


def _cmd_programs(args: argparse.Namespace, out: TextIO) -> int:
    records = _format.program_records(_roadmap(args))
    rows = _format.program_rows(records)
    out.write(
        _format.listing(
            args.format,
            records,
            _format.PROGRAM_HEADERS,
            rows,
            noun="programs",
            width=_format.table_width(),
            limits=(None, None, 24),
        )
    )
    return 0


def _cmd_ministries(args: argparse.Namespace, out: TextIO) -> int:
    records = _format.ministry_records(_roadmap(args))
    rows = _format.ministry_rows(records)
    out.write(
        _format.listing(
            args.format,
            records,
            _format.MINISTRY_HEADERS,
            rows,
            noun="ministries",
            width=_format.table_width(),
        )
    )
    return 0


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    roadmap = _roadmap(args)
    found = query.search(roadmap, args.text)
    records = _format.search_records(found)
    if args.format == "table":
        out.write(_format.search_lines(records, width=_format.table_width()))
    else:
        out.write(
            _format.listing(args.format, records, [], [], noun="found", width=_format.table_width())
        )
    return 0


def _stdin_lines() -> list[str]:
    if sys.stdin is None:  # started with stdin closed (`<&-`)
        raise _UsageError("no TEXT given and standard input is closed")
    try:
        return [line.rstrip("\r\n") for line in sys.stdin]
    except UnicodeDecodeError as exc:
        encoding = getattr(sys.stdin, "encoding", None) or exc.encoding
        raise _UsageError(
            f"cannot read standard input as {encoding} at byte offset {exc.start}; "
            "set PYTHONIOENCODING=utf-8 (or the input's encoding)"
        ) from None


_ANY_YEAR = 2000  # a reference year, only to see whether a text has a relative date


def _cmd_dates(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from stpmodel.records import jsonable, mention_record

    texts: Sequence[str] = args.text or _stdin_lines()
    for text in texts:
        mentions = find_dates(text, year=args.year)
        if args.year is None and len(find_dates(text, year=_ANY_YEAR)) > len(mentions):
            _say(
                sys.stderr,
                f"note: {text!r} has a date relative to the current year (来年度, 今年度 …);"
                " give the reference year with --year to read it\n",
            )
        if args.format == "json":
            records = [jsonable(mention_record(m)) for m in mentions]
            out.write(json.dumps(records, ensure_ascii=False) + "\n")
            continue
        out.write(_format.date_lines(text, mentions))
    return 0


def _say_warnings(args: argparse.Namespace, warnings: Sequence[ParseWarning]) -> None:
    """Each warning as `file:line:col: message` over its source line and a caret line."""
    if not warnings:
        return
    from stpmodel.parsing._decode import decode, read_file
    from stpmodel.parsing._lines import split_lines

    try:  # read again only to show the lines: the parse itself read the file once
        lines = split_lines(
            decode(read_file(args.file, source=args.file), source=args.file, encoding=args.encoding)
        )
    except ParseError:  # the file changed since: the warnings are still worth showing
        lines = []
    for warning in warnings:
        line = lines[warning.line - 1] if 0 < warning.line <= len(lines) else None
        _say(sys.stderr, _format.located(warning, line) + "\n")


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    try:
        roadmap = stpmodel.read(args.file, encoding=args.encoding, strict=args.strict)
    except ParseError as exc:
        if exc.problems:
            _say_warnings(args, exc.problems)
            _say(sys.stderr, f"{exc.source}: {len(exc.problems)} errors (strict mode)\n")
        else:
            _say(sys.stderr, f"{exc}\n")
        return 1 if exc.problems else 2
    _say_warnings(args, roadmap.warnings)
    if args.output:
        from stpmodel import export

        # the same JSON as `export --format json`: compact unless --indent N
        export.export(roadmap, "json", args.output, overwrite=args.force, indent=args.indent)
    elif args.indent is not None:
        raise _UsageError("--indent applies to the JSON written with -o only")
    out.write(_format.parse_summary(args.file, roadmap))
    return 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel import export

    roadmap = _roadmap(args)
    if args.indent is not None and args.format != "json":
        raise _UsageError("--indent applies to --format json only")
    written = export.export(
        roadmap, args.format, args.output, overwrite=args.force, indent=args.indent
    )
    _say_replaced(getattr(written, "replaced", 0), args.format)
    out.write(f"wrote {written}\n")
    return 0


def _say_replaced(count: int, what: str) -> None:
    """One line on stderr when a writer put U+FFFD for characters its format cannot carry."""
    if count:
        plural = "" if count == 1 else "s"
        _say(
            sys.stderr,
            f"stpmodel: {count} character{plural} that {what} cannot carry "
            "(control characters, non-characters) written as U+FFFD\n",
        )


def _cmd_plot(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel import plot
    from stpmodel._write import write_bytes
    from stpmodel.plot._style import picture_bytes, picture_formats

    kind = os.path.splitext(args.output)[1].lstrip(".").lower() or "png"
    formats = picture_formats()
    if kind not in formats:
        raise _UsageError(
            f"cannot draw {args.output!r}: unknown picture format {kind!r} "
            f"(use one of {', '.join(sorted(formats))})"
        )
    roadmap = _roadmap(args)
    if args.what == "timeline":
        figure = plot.timeline(
            roadmap,
            from_year=args.from_year,
            to_year=args.to_year,
            ministry=args.ministry,
            program=args.program,
        )
    else:
        figure = plot.network(roadmap, program=args.program, ministry=args.ministry)
    data = picture_bytes(figure, kind, dpi=args.dpi)
    written = write_bytes(args.output, data, overwrite=args.force)
    out.write(f"wrote {written}\n")
    return 0


def _cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    from stpmodel.report import write_html

    written = write_html(_roadmap(args), args.output, overwrite=args.force, today=args.today)
    out.write(f"wrote {written}\n")
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from stpmodel.schema import json_schema

    json.dump(json_schema(), out, ensure_ascii=False, indent=1)
    out.write("\n")
    return 0


def _warnings_hint(name: str, edition: Roadmap) -> str:
    """Where to read an edition's parse warnings: `stpmodel parse` of its text file; for a
    JSON export, of the text it was parsed from when that file is there, else the export's
    own `warnings` list (`stpmodel parse` reads text, not JSON)."""
    import shlex

    source = edition.source.name
    if source == name:
        return f"see 'stpmodel parse {shlex.quote(name)}'"
    if source and os.path.isfile(source):
        return f"parsed from {source}: see 'stpmodel parse {shlex.quote(source)}'"
    return f'listed under "warnings" in {name}'


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    """``stpmodel diff OLD NEW``: what changed between two editions (exit 1 on differences
    only with ``--exit-code``)."""
    from stpmodel.diff import diff, open_edition

    editions = [open_edition(args.old), open_edition(args.new)]
    for name, edition in zip((args.old, args.new), editions, strict=True):
        if edition.warnings:
            _say(
                sys.stderr,
                f"stpmodel: {name}: {len(edition.warnings)} parse warnings "
                f"({_warnings_hint(name, edition)})\n",
            )
    found = diff(*editions)
    if args.kind:
        found = found.filter(kind=args.kind)
    text, count = _format.diff_listing(found, args.format, width=_format.table_width())
    out.write(text)
    return 1 if args.exit_code and count else 0


_Command = Callable[[argparse.Namespace, TextIO], int]

# name: (help, options, command).
_COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], _Command]] = {
    "deadlines": (
        "dates written on initiatives and actions",
        _arguments.deadlines_options,
        _cmd_deadlines,
    ),
    "show": ("one object by ID", _arguments.show_options, _cmd_show),
    "programs": ("programs the roadmap mentions", _arguments.list_options, _cmd_programs),
    "ministries": ("ministries the roadmap tags", _arguments.list_options, _cmd_ministries),
    "search": ("full-text search (ignores PDF spacing)", _arguments.search_options, _cmd_search),
    "dates": (
        "read the dates in TEXT (or in each line of stdin)",
        _arguments.dates_options,
        _cmd_dates,
    ),
    "parse": ("parse a roadmap file and report its warnings", _arguments.parse_options, _cmd_parse),
    "export": ("write the roadmap in another format", _arguments.export_options, _cmd_export),
    "plot": (
        "draw the deadline timeline or the program network",
        _arguments.plot_options,
        _cmd_plot,
    ),
    "report": (
        "write the interactive HTML roadmap (works offline)",
        _arguments.report_options,
        _cmd_report,
    ),
    "schema": ("print the JSON Schema of the JSON export", _arguments.no_options, _cmd_schema),
    "diff": ("what changed between two editions (OLD, NEW)", _arguments.diff_options, _cmd_diff),
}


def _build_parser(argv: Sequence[str] | None = None) -> _Parser:
    """The parser; with `argv` naming a command, only that command's sub-parser."""
    parser = _Parser(
        prog="stpmodel",
        description="Japan's STI policy roadmap (統合イノベーション戦略 工程表) as data.",
        formatter_class=_arguments.Formatter,
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
        p = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=_arguments.Formatter
        )
        options(p)
        p.set_defaults(func=command)
    return parser


_TOP_OPTIONS = ("-h", "--help", "--version")


def _check_top_options(argv: Sequence[str]) -> None:
    """Name an unknown option given before the command (argparse would only say that a
    command is required)."""
    for arg in argv:
        if not arg.startswith("-") or arg == "-":
            return
        if arg == "--":
            return
        if arg not in _TOP_OPTIONS and not arg.startswith("--version="):
            raise _UsageError(
                f"stpmodel: unrecognized option {arg!r} (options go after the command: "
                "stpmodel COMMAND --help lists them)"
            )


def _say(stream: TextIO | None, text: str) -> None:
    """Write `text` with every control character (ESC …) and bidirectional formatting
    character (U+202E …) made visible as `\\uNNNN`, which is also a valid escape inside the
    JSON strings some commands print. Nothing when the stream was closed at start."""
    if stream is not None:
        stream.write(escape_controls(text, json=True, bidi=True))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (or, interrupted by a signal, ends the
    process by that signal after removing any temporary file)."""
    import signal

    if argv is None:
        argv = sys.argv[1:]
    safe_streams()
    try:
        with signals_unwind():
            return _run(argv)
    except KeyboardInterrupt:
        with contextlib.suppress(Exception):
            _say(sys.stderr, "stpmodel: interrupted\n")
        return end_by(signal.SIGINT)
    except Signalled as exc:
        return end_by(exc.signum)


def _run(argv: Sequence[str]) -> int:
    """The command, its output and every error it can meet (each one line on stderr)."""
    try:
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            raise _UsageError("standard output is closed")
        _check_top_options(argv)
        parser = _build_parser(argv)
        args = parser.parse_args(argv)
        func: Callable[[argparse.Namespace, TextIO], int] = args.func
        buffer = io.StringIO()
        status = func(args, buffer)
        output = buffer.getvalue()
        if output:
            try:
                _say(sys.stdout, output)
                sys.stdout.flush()  # a full disk is reported here, not at the interpreter's exit
            except OSError:
                drop_stdout()
                raise
        return status
    except _UsageError as exc:
        text = str(exc)
        _say(
            sys.stderr, f"{text}\n" if text.startswith("stpmodel") else f"stpmodel: error: {text}\n"
        )
        return 2
    except WriteError as exc:
        _say(sys.stderr, f"stpmodel: {exc}\n")
        return 2
    except StpError as exc:
        _say(sys.stderr, f"stpmodel: error: {exc}\n")
        return 2
    except BrokenPipeError:
        return 0
    except OSError as exc:  # the system refused something: not our bug
        name = f"{exc.filename}: " if exc.filename else ""
        _say(sys.stderr, f"stpmodel: error: {name}{exc.strerror or exc}\n")
        return 2
    except Exception as exc:  # an internal failure: say so in one line, exit 1
        _say(sys.stderr, f"stpmodel: internal error: {type(exc).__name__}: {exc}\n")
        return 1
