"""What a declared field type is, told once: the one type dispatch under the JSON Schema
(`schema.py`) and the cache's type check (`_cache._roadmap`).

[shape][stpmodel._types.shape] reads an annotation (`tuple[MinistryRef, ...]`,
`int | None`, `Mapping[int, Footnote]` …) into a kind and its arguments, so that each user
writes one branch per kind and no user repeats the `typing` plumbing.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

import attrs

__all__ = ["SCALARS", "Kind", "shape"]

Kind = Literal["any", "none", "union", "array", "tuple", "mapping", "enum", "record", "scalar"]
"""The kinds of field type: `array` is `tuple[X, ...]`, `tuple` a fixed-length tuple,
`record` an attrs class, `scalar` one of `SCALARS`."""

SCALARS: tuple[type, ...] = (bool, int, float, str, Decimal, dt.date)
"""The plain value types a field may hold."""


def shape(tp: Any) -> tuple[Kind, tuple[Any, ...]]:
    """(kind, arguments) of the declared type `tp`.

    `union`: the options; `array`: the item type; `tuple`: the item types; `mapping`: the
    key and value types; `enum`, `record`, `scalar`: the class itself.

    Raises:
        TypeError: `tp` is a kind of type no field of the model uses.
    """
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return "any", ()
    if tp is None or tp is type(None):
        return "none", ()
    if origin in (typing.Union, types.UnionType):
        return "union", args
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return "array", (args[0],)
        return "tuple", args
    if origin in (dict, Mapping):
        return "mapping", args
    if isinstance(tp, type):
        if issubclass(tp, enum.Enum):
            return "enum", (tp,)
        if attrs.has(tp):
            return "record", (tp,)
        if tp in SCALARS:
            return "scalar", (tp,)
    raise TypeError(f"no field type {tp!r}")
