"""The command line's arguments: the options of each command and the types that check
them, so that a mistake is a usage error naming the option (`stpmodel: error: argument
--dpi: …`, exit 2). `cli.py` puts them together and runs the commands."""

from __future__ import annotations

import argparse
import datetime as dt

from stpmodel import _format
from stpmodel._format import terminal_columns
from stpmodel.dates import Relation

__all__ = [
    "Formatter",
    "dates_options",
    "deadlines_options",
    "diff_options",
    "dpi",
    "export_options",
    "fiscal_years",
    "indent",
    "indent_option",
    "iso_day",
    "list_options",
    "no_options",
    "parse_options",
    "plot_options",
    "report_options",
    "search_options",
    "show_options",
    "window",
    "year",
]


def year(text: str) -> int:
    """A year from 1868 (明治元年) to 2200."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r} (expected e.g. 2025)") from None
    if not 1868 <= value <= 2200:
        raise argparse.ArgumentTypeError(f"year out of range: {value}")
    return value


def fiscal_years(text: str) -> range:
    """`2026` or `2025-2027` (both ends included) as a range of fiscal years."""
    first, dash, last = text.partition("-")
    start = year(first.strip())
    stop = year(last.strip()) if dash else start
    if stop < start:
        raise argparse.ArgumentTypeError(f"{text!r} ends before it starts")
    return range(start, stop + 1)


def window(text: str) -> str:
    """An ISO day, month, year or interval for `--due-in`, checked here so a bad one is a
    usage error."""
    from stpmodel._args import check_window

    try:
        check_window(text, "--due-in")
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).removeprefix("--due-in: ")) from None
    return text


def indent(text: str) -> int:
    """A JSON indent: 0 to 16 spaces."""
    if not text.isdigit() or int(text) > 16:
        raise argparse.ArgumentTypeError(f"not an indent: {text!r} (expected 0 to 16 spaces)")
    return int(text)


def dpi(text: str) -> int:
    """A picture's resolution, 10 to 1200 dots per inch: beyond, matplotlib would allocate
    gigabytes (or fail inside its C++ code) before saying anything."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of dots per inch: {text!r}") from None
    if not 10 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"dpi out of range: {value} (expected 10 to 1200)")
    return value


class Formatter(argparse.HelpFormatter):
    """Help laid out for the terminal's width, found without importing shutil."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)


def source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--input", metavar="FILE", help="read this roadmap text instead of the bundled one"
    )
    p.add_argument("--encoding", default=None, help="encoding of --input (default: detect)")


def force_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an existing output file (never a symbolic link or a folder)",
    )


def indent_option(p: argparse.ArgumentParser) -> None:
    """`--indent N` of the commands that write JSON (compact by default)."""
    p.add_argument(
        "--indent",
        type=indent,
        metavar="N",
        help="JSON only: one value a line, indented by N spaces (default: compact)",
    )


def deadlines_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument("--from", dest="from_year", type=year, metavar="YEAR", help="first year written")
    p.add_argument("--to", dest="to_year", type=year, metavar="YEAR", help="last year written")
    p.add_argument(
        "--fiscal-year",
        type=fiscal_years,
        metavar="FY",
        help="only dates due in this fiscal year (2026: 2026-04-01..2027-03-31) or years (2025-2027)",
    )
    p.add_argument(
        "--due-in",
        type=window,
        metavar="WINDOW",
        help="only dates due in this ISO day, month, year or interval (2026-10, 2026-04/2026-09)",
    )
    p.add_argument(
        "--ministry",
        metavar="NAME",
        help="only items tagged with this ministry: a code, name or abbreviation (文, MEXT, 文部科学省 …)",
    )
    p.add_argument("--lead-only", action="store_true", help="with --ministry: only where it leads")
    p.add_argument(
        "--program",
        metavar="NAME",
        help="only items mentioning this program: an ID, acronym or name (sip, SIP …)",
    )
    p.add_argument("--relation", choices=[r.value for r in Relation], help="only this relation")
    p.add_argument(
        "--kind", choices=["initiative", "action"], help="only dates written on this kind of item"
    )
    p.add_argument(
        "--sort",
        choices=list(_format.SORT_KEYS),
        help="order by ID, by due date or by (lead) ministry (default: document order)",
    )
    p.add_argument("--format", choices=["table", "json", "csv", "ics"], default="table")


def show_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["text", "json"], default="text")


def list_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")


def search_options(p: argparse.ArgumentParser) -> None:
    list_options(p)
    p.add_argument("text", metavar="TEXT")


def dates_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="*", metavar="TEXT")
    p.add_argument("--year", type=year, metavar="YEAR", help="the year 今年度, 来年度 … count from")
    p.add_argument("--format", choices=["text", "json"], default="text")


def parse_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE")
    p.add_argument("--encoding", default=None, help="encoding (default: detect UTF-8 / CP932)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p.add_argument("-o", "--output", metavar="OUT.json", help="write the model as JSON")
    indent_option(p)
    force_option(p)


def export_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument(
        "--format",
        required=True,
        choices=["json", "csv", "sqlite", "xlsx", "parquet", "graphml", "gexf"],
    )
    p.add_argument("-o", "--output", required=True, metavar="PATH")
    indent_option(p)
    force_option(p)


def plot_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument("what", choices=["timeline", "graph"])
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="PNG, SVG or PDF (by extension)"
    )
    p.add_argument("--from", dest="from_year", type=year, metavar="YEAR", help="first year")
    p.add_argument("--to", dest="to_year", type=year, metavar="YEAR", help="last year")
    p.add_argument("--ministry", metavar="NAME", help="only this ministry (文, MEXT, 文部科学省 …)")
    p.add_argument("--program", metavar="NAME", help="only this program (sip, SIP …)")
    p.add_argument(
        "--dpi", type=dpi, default=120, help="resolution of a PNG, 10 to 1200 (default: 120)"
    )
    p.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")


def iso_day(text: str) -> dt.date:
    """A day written as ISO 8601 (2026-04-01)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a day: {text!r} (expected YYYY-MM-DD, e.g. 2026-04-01)"
        ) from None


def report_options(p: argparse.ArgumentParser) -> None:
    source_options(p)
    p.add_argument("-o", "--output", required=True, metavar="HTML", help="the file to write")
    p.add_argument(
        "--today",
        type=iso_day,
        metavar="YYYY-MM-DD",
        help="the day the timeline marks as today (default: the current date)",
    )
    p.add_argument("--force", action="store_true", help="replace OUTPUT if it exists")


def diff_options(p: argparse.ArgumentParser) -> None:
    from stpmodel.diff import KINDS

    where = "a roadmap text file, a JSON export, or the word 'bundled'"
    p.add_argument("old", metavar="OLD", help=f"the earlier edition: {where}")
    p.add_argument("new", metavar="NEW", help=f"the later edition: {where}")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--kind", choices=KINDS, help="only differences of this kind of object")
    p.add_argument(
        "--exit-code", action="store_true", help="exit 1 when there are differences (else 0)"
    )


def no_options(p: argparse.ArgumentParser) -> None:
    pass
