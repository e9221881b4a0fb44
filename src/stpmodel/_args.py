"""Checks of query arguments: the right type, or an error naming the argument.

Used by [Roadmap.deadlines][stpmodel.Roadmap.deadlines] and [stpmodel.query][]: a wrong
type raises [ArgumentTypeError][stpmodel.ArgumentTypeError] (a `TypeError`), an unknown
value [UnknownIdError][stpmodel.UnknownIdError] listing the values that exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from stpmodel.dates import Relation
from stpmodel.errors import ArgumentTypeError, UnknownIdError
from stpmodel.model import ItemKind

__all__ = ["check_date", "check_flag", "check_kind", "check_relation", "check_year"]


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
