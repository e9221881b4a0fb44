"""The command line's read-only commands answered from plain records, without the model.

`stpmodel deadlines`, `show`, `search`, `programs`, `ministries` and `--help` on the bundled
roadmap print what the model path (`stpmodel.cli`) prints, byte for byte, from a cache of
plain records: the rows of [stpmodel.records][] and the lines `_format.describe` writes,
stored as JSON (nothing in it can run code) in the parse cache's folder, with the same
safety (`stpmodel._cache`: private folder and files, no symlinks, a content key and a
digest line, atomic writes). So a warm command imports neither attrs nor cattrs nor the
model: Python's start, argparse-free option reading, one JSON file and the table.

The first run of such a command, or the first after any file of the package changed (the
key hashes them all), runs the model path as before and then builds the records through
the model. Whatever this module does not know for sure — another roadmap (`--input`), an
option it does not read, a name it has not seen, an ID it has no record of, a usage error,
`show --format json`, `deadlines --format ics` — goes to the model path, which prints it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

# typing costs about a millisecond to import, and the command line's plain path counts them
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from stpmodel.roadmap import Roadmap

__all__ = ["answer", "build", "main"]

_PARTS = ("deadlines", "show", "search", "lists", "help")
_PART_OF = {
    "deadlines": "deadlines",
    "show": "show",
    "search": "search",
    "programs": "lists",
    "ministries": "lists",
    "--help": "help",
}
_HELP = ("-h", "--help")
# options each command reads here: name -> takes a value; anything else goes to the model path
_OPTIONS: dict[str, dict[str, bool]] = {
    "deadlines": {
        "--from": True,
        "--to": True,
        "--ministry": True,
        "--lead-only": False,
        "--program": True,
        "--relation": True,
        "--kind": True,
        "--sort": True,
        "--format": True,
    },
    "show": {"--format": True},
    "search": {"--format": True},
    "programs": {"--format": True},
    "ministries": {"--format": True},
}
_POSITIONALS = {"show": 1, "search": 1}
_FORMATS = {
    "deadlines": ("table", "json", "csv"),
    "show": ("text",),
    "search": ("table", "json", "csv"),
    "programs": ("table", "json", "csv"),
    "ministries": ("table", "json", "csv"),
}


# -- the request ------------------------------------------------------------------------
def _request(argv: Sequence[str]) -> tuple[str, dict[str, Any]] | None:
    """(command, options) when `argv` is a read-only command this module can answer."""
    if not argv:
        return None
    command, rest = argv[0], list(argv[1:])
    if command in _HELP and not rest:
        return "--help", {"command": ""}
    if command not in _OPTIONS:
        return None
    if len(rest) == 1 and rest[0] in _HELP:
        return "--help", {"command": command}
    options: dict[str, Any] = {"positionals": []}
    known = _OPTIONS[command]
    i = 0
    while i < len(rest):
        arg = rest[i]
        i += 1
        if not arg.startswith("-") and arg:
            options["positionals"].append(arg)
            continue
        name, equals, value = arg.partition("=")
        if name not in known or name in options:
            return None  # unknown, abbreviated or repeated: argparse decides
        if not known[name]:
            if equals:
                return None
            options[name] = True
            continue
        if not equals:
            if i == len(rest):
                return None
            value = rest[i]
            i += 1
        if not value or value.startswith("-"):
            return None
        options[name] = value
    if len(options["positionals"]) != _POSITIONALS.get(command, 0):
        return None
    if options.get("--format", _FORMATS[command][0]) not in _FORMATS[command]:
        return None
    return command, options


def _year(text: str | None) -> int | None:
    """The year `--from`/`--to` give, as the model path reads it; ValueError when it would
    refuse it."""
    if text is None:
        return None
    year = int(text)
    if not 1868 <= year <= 2200:
        raise ValueError(text)
    return year


# -- answering ----------------------------------------------------------------------------
def _deadlines(options: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    from stpmodel import _format

    first, last = _year(options.get("--from")), _year(options.get("--to"))
    if first and last and first > last:
        return None
    if options.get("--relation", "by") not in data["relations"]:
        return None
    if options.get("--kind", "action") not in ("initiative", "action"):
        return None
    sort = options.get("--sort")
    if sort is not None and sort not in _format.SORT_KEYS:
        return None
    ministry = program = None
    if "--ministry" in options:
        ministry = data["ministries"].get(options["--ministry"])
        if ministry is None:
            return None
    if "--program" in options:
        program = data["programs"].get(options["--program"])
        if program is None:
            return None
    lo = -(10**9) if first is None else first
    hi = 10**9 if last is None else last
    lead_only = options.get("--lead-only", False)
    relation, kind = options.get("--relation"), options.get("--kind")
    records = [
        r
        for r in data["records"]
        if (lo <= r["first_year"] <= hi or lo <= r["last_year"] <= hi)
        and (relation is None or r["relation"] == relation)
        and (kind is None or r["kind"] == kind)
        and (
            ministry is None or ministry in (r["lead_ministries"] if lead_only else r["ministries"])
        )
        and (program is None or program in r["programs"])
    ]
    if sort is not None:
        records.sort(key=_format.SORT_KEYS[sort])
    return _format.listing(
        options.get("--format", "table"),
        records,
        _format.DEADLINE_HEADERS,
        _format.deadline_rows(records),
        noun="deadlines",
        width=_format.table_width(),
    )


def _show(options: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    ident = options["positionals"][0]
    found = data["objects"].get(ident)
    if found is None:
        return None
    return "".join(f"{line}\n" for line in [f"{ident}  ({found['kind']})", *found["lines"]])


def _search(options: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    from stpmodel import _format
    from stpmodel._text import search_key

    key = search_key(options["positionals"][0])
    records = [record for record, body in data["nodes"] if key and key in body]
    fmt = options.get("--format", "table")
    if fmt == "table":
        return _format.search_lines(records, width=_format.table_width())
    return _format.listing(fmt, records, [], [], noun="found", width=_format.table_width())


def _programs(options: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    from stpmodel import _format

    records = data["programs"]
    return _format.listing(
        options.get("--format", "table"),
        records,
        _format.PROGRAM_HEADERS,
        _format.program_rows(records),
        noun="programs",
        width=_format.table_width(),
        limits=(None, None, 24),
    )


def _ministries(options: Mapping[str, Any], data: Mapping[str, Any]) -> str:
    from stpmodel import _format

    records = data["ministries"]
    return _format.listing(
        options.get("--format", "table"),
        records,
        _format.MINISTRY_HEADERS,
        _format.ministry_rows(records),
        noun="ministries",
        width=_format.table_width(),
    )


def _help(options: Mapping[str, Any], data: Mapping[str, Any]) -> str | None:
    from stpmodel._format import terminal_columns

    texts = data.get(str(terminal_columns()))
    return None if texts is None else texts.get(options["command"])


_ANSWER: dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], str | None]] = {
    "deadlines": _deadlines,
    "show": _show,
    "search": _search,
    "programs": _programs,
    "ministries": _ministries,
    "--help": _help,
}


def answer(argv: Sequence[str]) -> tuple[str, bool] | None:
    """(what to print, whether it is help text, printed as is) for `argv` from the plain
    records; None when the model path must answer."""
    request = _request(argv)
    if request is None or sys.stdout is None:  # a closed stdout: the model path says so
        return None
    command, options = request
    data = _read(_PART_OF[command])
    if data is None:
        return None
    try:
        text = _ANSWER[command](options, data)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return None  # a value the model path refuses, or records of an odd shape
    return None if text is None else (text, command == "--help")


# -- the cache ----------------------------------------------------------------------------
def _path(part: str) -> tuple[str, str] | None:
    from stpmodel._cache._folder import cache_dir
    from stpmodel._cache._key import package_key

    folder, key = cache_dir(), package_key()
    if folder is None or key is None:
        return None
    return os.path.join(folder, f"records-{key}-{part}.json"), key


def _read(part: str) -> dict[str, Any] | None:
    import json

    from stpmodel._cache._files import read_trusted

    where = _path(part)
    body = None if where is None else read_trusted(*where)
    if body is None:
        return None
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
        return None
    return data if type(data) is dict else None


def build(roadmap: Roadmap) -> dict[str, dict[str, Any]]:
    """The plain records of `roadmap`, per part of the cache, made through the model path's
    own functions (`stpmodel.records`, `stpmodel.query`, `stpmodel._format`)."""
    from stpmodel import _format, query
    from stpmodel.dates import Relation
    from stpmodel.records import deadline_record, jsonable, ministry_record, program_record

    def names(
        records: Sequence[Mapping[str, Any]], resolve: Callable[[str], str]
    ) -> dict[str, str]:
        found: dict[str, str] = {}
        for record in records:
            for value in record.values():
                for name in value if isinstance(value, list) else [value]:
                    if isinstance(name, str) and name and not name.startswith("-"):
                        try:
                            found[name] = resolve(name)
                        except (KeyError, ValueError, TypeError):
                            continue
        return found

    ministry_names = [ministry_record(m) for m in roadmap.ministries.values()]
    program_names = [program_record(p) for p in roadmap.programs.values()]
    idents = [
        *(node.id for node in roadmap.walk()),
        *roadmap.ministries,
        *roadmap.programs,
    ]
    return {
        "deadlines": {
            "records": [jsonable(deadline_record(d)) for d in query.deadlines(roadmap)],
            "relations": [r.value for r in Relation],
            "ministries": names(ministry_names, roadmap.ministry_code),
            "programs": names(program_names, roadmap.program_id),
        },
        "show": {
            "objects": {
                ident: {
                    "kind": type(roadmap.get(ident)).__name__,
                    "lines": _format.describe(roadmap, roadmap.get(ident)),
                }
                for ident in idents
                if ident in roadmap
            }
        },
        "search": {
            "nodes": [
                [jsonable(record), key]
                for (_, key), record in zip(
                    query._search_keys(roadmap),
                    _format.search_records(roadmap.walk()),
                    strict=True,
                )
            ]
        },
        "lists": {
            "programs": [jsonable(r) for r in _format.program_records(roadmap)],
            "ministries": [jsonable(r) for r in _format.ministry_records(roadmap)],
        },
        "help": {str(width): _help_texts(width) for width in {100, _format.terminal_columns()}},
    }


def _help_texts(width: int) -> dict[str, str]:
    """What `stpmodel --help` and `stpmodel COMMAND --help` print at this width."""
    import contextlib
    import io

    from stpmodel import cli

    texts: dict[str, str] = {}
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        for command in ("", *_OPTIONS):
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
                cli.main([command, "--help"] if command else ["--help"])
            texts[command] = buffer.getvalue()
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved
    return texts


def _write(parts: Mapping[str, Any]) -> None:
    import json

    from stpmodel._cache._files import write_trusted

    for part, data in parts.items():
        where = _path(part)
        if where is None:
            return
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if not write_trusted(where[0], where[1], body):
            return


# -- the entry point --------------------------------------------------------------------
def _say(text: str, *, escape: bool) -> None:
    """Write as `stpmodel.cli` does: characters the encoding lacks replaced, and (except in
    help, which argparse prints as is) control and bidirectional formatting characters made
    visible."""
    import io

    stream = sys.stdout
    if isinstance(stream, io.TextIOWrapper):
        try:  # noqa: SIM105 - contextlib would be one more import at every start
            stream.reconfigure(errors="replace")
        except (ValueError, OSError):  # a closed or odd stream
            pass
    if escape:
        from stpmodel._escape import escape_controls

        text = escape_controls(text, json=True, bidi=True)
    stream.write(text)


def main(argv: Sequence[str] | None = None) -> int:
    """The `stpmodel` command: a read-only command from the plain records when they are
    cached, anything else (and the first run) through [stpmodel.cli.main][]."""
    if argv is None:
        argv = sys.argv[1:]
    try:
        found = answer(argv)
        if found is not None:
            try:
                _say(found[0], escape=not found[1])
                sys.stdout.flush()  # a full disk is reported here, not at exit
            except BrokenPipeError:
                raise
            except OSError as exc:  # as the model path says it: one line, exit 2
                return _unwritable(exc)
            return 0
        # importing the model path takes a while on a first run: Ctrl-C here is handled too
        from stpmodel.cli import main as model_main
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return _interrupted()
    status = model_main(argv)  # ends by a signal itself (or, called in a program, raises)
    try:
        request = _request(argv)
        if request is not None and _read(_PART_OF[request[0]]) is None:
            _refresh()
    except KeyboardInterrupt:  # the answer is printed; building the cache was cut short
        return _interrupted()
    return status


def _unwritable(exc: OSError) -> int:
    """Standard output refused the answer (a full disk, `>/dev/full`): one line on stderr,
    exit 2, and nothing more is tried on that stream at exit."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"stpmodel: error: {exc.strerror or exc}\n")
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    try:  # drop what could not be written, so the interpreter's exit does not retry it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    return 2


def _interrupted() -> int:
    """Ctrl-C outside the model path's own handling: as the model path ends, one line and
    then the end by SIGINT (a shell sees 130), without importing the model path to say so.
    Called by another program (a notebook), the interrupt goes back to it."""
    import signal

    from stpmodel._process import is_program

    program = is_program()
    if program and hasattr(os, "kill"):
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # a second Ctrl-C just ends it
    try:
        if sys.stderr is not None:
            sys.stderr.write("stpmodel: interrupted\n")
            sys.stderr.flush()
    except Exception:  # a broken stderr: ending is what counts
        pass
    if not program:
        raise KeyboardInterrupt
    if hasattr(os, "kill"):
        os.kill(os.getpid(), signal.SIGINT)
    return 128 + signal.SIGINT


def _refresh() -> None:
    """Build the plain records of the bundled roadmap and cache them (never raises)."""
    from stpmodel._cache._folder import trusted_folder

    where = _path("lists")
    if where is None or not trusted_folder(os.path.dirname(where[0]), create=True):
        return  # nowhere safe to keep them: do not build them on every run
    try:
        from stpmodel._bundled import load

        _write(build(load()))
    except Exception:  # pragma: no cover - a cache that cannot be built: the model path serves
        return
