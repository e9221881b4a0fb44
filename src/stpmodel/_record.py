"""The one `__repr__`, `__eq__` and `__hash__` every model class shares.

The model classes are frozen attrs classes declared with `repr=False, eq=False` and derive
from `Record`, which supplies these three methods once, with attrs' semantics:

- `repr`: `ClassName(field=value, …)` over the fields declared `repr=True`;
- `==`: only between instances of the same class, comparing the fields declared
  `eq=True` in order (`NotImplemented` for any other class);
- `hash`: of the class name and those same fields, so equal objects hash equal.

Why not let attrs generate them? attrs writes and compiles the source of every generated
method when a class is created, and that happened on every start of every process: about
0.3 ms a class, 6 ms for the model — a tenth of the command line's start-up. The field
getters here are `operator.attrgetter` objects built once per class on first use, so
comparing and hashing cost what attrs' generated code costs.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Record"]

_Getter = Callable[[Any], Any]
_EQ_KEYS: dict[type, _Getter] = {}
_REPR_NAMES: dict[type, tuple[str, ...]] = {}


def _none(obj: object) -> tuple[()]:
    return ()


def _eq_key(cls: type) -> _Getter:
    getter = _EQ_KEYS.get(cls)
    if getter is None:
        names = [field.name for field in attrs.fields(cls) if field.eq]
        if not names:
            getter = _none
        elif len(names) == 1:
            single = operator.attrgetter(names[0])
            getter = lambda obj: (single(obj),)  # noqa: E731 - a tuple, as for many fields
        else:
            getter = operator.attrgetter(*names)
        _EQ_KEYS[cls] = getter
    return getter


def _repr_names(cls: type) -> tuple[str, ...]:
    names = _REPR_NAMES.get(cls)
    if names is None:
        names = tuple(field.name for field in attrs.fields(cls) if field.repr)
        _REPR_NAMES[cls] = names
    return names


class Record:
    """Base of the model's attrs classes: attrs' `repr`, `==` and `hash`, written once."""

    __slots__ = ()

    def __repr__(self) -> str:
        cls = type(self)
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in _repr_names(cls))
        return f"{cls.__qualname__.rsplit('>.', 1)[-1]}({fields})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        key = _eq_key(self.__class__)
        return bool(key(self) == key(other))

    def __hash__(self) -> int:
        cls = self.__class__
        return hash((cls.__module__, cls.__qualname__, _eq_key(cls)(self)))
