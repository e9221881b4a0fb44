"""Checks of query arguments: the right type, or an error naming the argument.

Used by [Roadmap.deadlines][stpmodel.Roadmap.deadlines] and [stpmodel.query][]: a wrong
type raises [ArgumentTypeError][stpmodel.ArgumentTypeError] (a `TypeError`), an unknown
value [UnknownIdError][stpmodel.UnknownIdError] listing the values that exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from stpmodel.dates import Period, Relation
from stpmodel.errors import ArgumentTypeError, UnknownIdError
from stpmodel.model import ItemKind

__all__ = [
    "check_date",
    "check_fiscal_years",
    "check_flag",
    "check_kind",
    "check_relation",
    "check_window",
    "check_year",
]


def check_year(value: object, argument: str) -> None:
    """Raise [ArgumentTypeError][stpmodel.errors.ArgumentTypeError] unless `value` is an
    `int` year or `None` (`"2025"` and `True` are refused)."""
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise ArgumentTypeError(argument, "a year as an int (2025) or None", value)


def check_flag(value: object, argument: str) -> None:
    """Raise [ArgumentTypeError][stpmodel.errors.ArgumentTypeError] unless `value` is a
    `bool`."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(argument, "True or False", value)


def check_relation(value: object, argument: str) -> Relation:
    """`value` as a [Relation][stpmodel.Relation] (`"by"` or `Relation.BY`); an unknown
    one raises [UnknownIdError][stpmodel.UnknownIdError] listing the relations."""
    if not isinstance(value, str):
        raise ArgumentTypeError(argument, "a Relation or its name (str)", value)
    try:
        return Relation(value)
    except ValueError:
        raise UnknownIdError(value, what="relation", matches=[r.value for r in Relation]) from None


def check_kind(
    value: object, argument: str, allowed: Sequence[ItemKind], what: str = "item kind"
) -> ItemKind:
    """`value` as one of the `allowed` [ItemKind][stpmodel.ItemKind]s; another raises
    [UnknownIdError][stpmodel.UnknownIdError] listing the allowed ones."""
    if not isinstance(value, str):
        raise ArgumentTypeError(argument, "an ItemKind or its name (str)", value)
    kind = next((k for k in allowed if k.value == value), None)
    if kind is None:
        raise UnknownIdError(value, what=what, matches=[k.value for k in allowed])
    return kind


def check_date(value: object, argument: str, *, optional: bool = False) -> None:
    """Raise [ArgumentTypeError][stpmodel.ArgumentTypeError] unless `value` is a
    `datetime.date` (or `None`, with `optional`)."""
    if value is None and optional:
        return
    if not isinstance(value, dt.date):
        raise ArgumentTypeError(argument, "a datetime.date", value)


def check_fiscal_years(value: object, argument: str) -> range:
    """`value` (a fiscal year as an `int`, or a `range` of them) as a `range`."""
    if isinstance(value, range):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return range(value, value + 1)
    raise ArgumentTypeError(argument, "a fiscal year as an int (2026) or a range of them", value)


def _iso_bounds(text: str, argument: str) -> tuple[dt.date, dt.date]:
    """The first and last day of `"2026"`, `"2026-04"` or `"2026-04-01"`."""
    try:
        if len(text) == 4 and text.isdigit():
            return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
        if len(text) == 7:
            month = Period.month(int(text[:4]), int(text[5:]))
            if text[4] == "-":
                return month.start, month.end
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return day, day
    except ValueError:
        pass
    shown = text if len(text) <= 80 else text[:79] + "…"  # a paste by mistake: its start
    raise ValueError(
        f"{argument}: {shown!r} is not an ISO date, month or year (2026-04-01, 2026-04, 2026)"
        " nor an interval of two (2026-04/2026-09)"
    )


def check_window(value: object, argument: str) -> tuple[dt.date, dt.date]:
    """`value` as the first and last day of a window: a [Period][stpmodel.Period], a
    `(start, end)` pair of dates, or an ISO string — a day, month or year
    (`"2026-04-01"`, `"2026-04"`, `"2026"`) or an interval of them (`"2026-04/2027-03"`).
    A string that is none of these raises `ValueError`; a window that ends before it
    starts too."""
    if isinstance(value, Period):
        return value.start, value.end
    if isinstance(value, str):
        first, slash, last = value.strip().partition("/")
        start = _iso_bounds(first.strip(), argument)[0]
        end = _iso_bounds((last if slash else first).strip(), argument)[1]
    elif (
        isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, dt.date) for v in value)
    ):
        start, end = value
    else:
        raise ArgumentTypeError(
            argument, "a Period, a (start, end) pair of dates or an ISO string", value
        )
    if end < start:
        raise ValueError(f"{argument}: the window ends before it starts ({start} > {end})")
    return start, end
