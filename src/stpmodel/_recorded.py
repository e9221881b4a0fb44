"""Views of model objects drawn from their records: the model's classes name a function
of [stpmodel.records][] (`one("item_record")`) or build rows with it (`rows(lambda obj,
r: …)`), and the records module loads the first time an object is shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType
from typing import Any

from stpmodel._shown import Record, Records

__all__ = ["one", "rows"]


def _records() -> ModuleType:
    from stpmodel import records

    return records


def one(record: str) -> Records:
    """The records of an object that is one row: `record` (a function of
    [stpmodel.records][], by name) of it."""
    return lambda obj: [getattr(_records(), record)(obj)]


def rows(make: Callable[[Any, ModuleType], Iterable[Record]]) -> Records:
    """The records `make(obj, records)` builds with the [stpmodel.records][] module."""
    return lambda obj: make(obj, _records())
