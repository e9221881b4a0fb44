"""The cached bundled roadmap: an allow-listed pickle whose every field is type-checked."""

from __future__ import annotations

import functools
import io
import os
import pickle
import sys
from typing import TYPE_CHECKING, Any

from stpmodel._cache._files import read_trusted, write_trusted
from stpmodel._cache._folder import cache_dir
from stpmodel._cache._key import cache_key
from stpmodel._gcpause import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable

    from stpmodel.roadmap import Roadmap

__all__ = ["cache_path", "read_cache", "write_cache"]


def cache_path() -> str | None:
    """Where the parsed bundled roadmap is cached, or None when caching is off."""
    folder = cache_dir()
    key = cache_key()
    if folder is None or key is None:
        return None
    return os.path.join(folder, f"roadmap-{key}.pickle")


@functools.cache
def _allowed() -> dict[tuple[str, str], Any]:
    """The globals a cache file may name: the model's classes and enums, date, Decimal,
    builtin containers. Nothing here runs code beyond building a value."""
    import datetime
    import decimal

    from stpmodel.dates import Calendar, Granularity, Relation
    from stpmodel.model import (
        IndicatorKind,
        MentionRule,
        MinistryKind,
        OperatorRole,
        ProgramKind,
        ProgramStatus,
    )

    names: dict[tuple[str, str], Any] = {
        ("datetime", "date"): datetime.date,
        ("decimal", "Decimal"): decimal.Decimal,
    }
    for container in (tuple, list, dict, set, frozenset):
        names["builtins", container.__name__] = container
    for cls in _model_classes():
        names[cls.__module__, cls.__qualname__] = cls
    for enum_class in (
        MinistryKind,
        IndicatorKind,
        Granularity,
        Calendar,
        Relation,
        ProgramKind,
        ProgramStatus,
        OperatorRole,
        MentionRule,
    ):
        names[enum_class.__module__, enum_class.__qualname__] = enum_class
    return names


def _model_classes() -> tuple[type, ...]:
    """The attrs classes a cached roadmap is made of."""
    import stpmodel.model as model
    from stpmodel.dates import DateMention, Period
    from stpmodel.errors import ParseWarning
    from stpmodel.roadmap import SourceInfo

    return (
        model.SourceSpan,
        model.Ministry,
        model.MinistryRef,
        model.Operator,
        model.Phase,
        model.Program,
        model.ProgramMention,
        model.Paragraph,
        model.Goal,
        model.Observation,
        model.Indicator,
        model.Footnote,
        model.StatusNote,
        model.Action,
        model.Initiative,
        model.Subsection,
        model.Section,
        SourceInfo,
        Period,
        DateMention,
        ParseWarning,
    )


class _Unpickler(pickle.Unpickler):
    """An unpickler that refuses every global not on the allow-list."""

    def find_class(self, module: str, name: str, /) -> Any:
        found = _allowed().get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
        return found


def _checker(tp: Any) -> Callable[[Any], bool]:
    """A function telling whether a value has the declared type `tp` exactly."""
    from stpmodel._types import shape

    kind, args = shape(tp)
    if kind == "any":
        return lambda value: True
    if kind == "none":
        return lambda value: value is None
    if kind == "union":
        options = tuple(_checker(arg) for arg in args)
        return lambda value: any(check(value) for check in options)
    if kind == "array":
        item = _checker(args[0])
        return lambda value: type(value) is tuple and all(map(item, value))
    if kind == "tuple":
        items = tuple(_checker(arg) for arg in args)
        return lambda value: (
            type(value) is tuple
            and len(value) == len(items)
            and all(check(v) for check, v in zip(items, value, strict=True))
        )
    if kind == "mapping":
        key, val = (_checker(arg) for arg in args)
        return lambda value: (
            type(value) is dict and all(map(key, value)) and all(map(val, value.values()))
        )
    if kind == "record":
        return lambda value: type(value) is tp and _valid(value)
    return lambda value: type(value) is tp  # enum, scalar


@functools.cache
def _declared_types() -> dict[tuple[type, str], Any]:
    """The declared type of every constructor field of the cached classes.

    The annotations are strings (`from __future__ import annotations`); they are evaluated
    in their module's namespace, as `typing.get_type_hints` does, but one `eval` per module
    rather than one per field (0.5 ms rather than 1.5 ms at every start of the command line).
    """
    import attrs

    from stpmodel.roadmap import Roadmap

    by_module: dict[str, list[tuple[type, str, Any]]] = {}
    for cls in (*_model_classes(), Roadmap):
        for field in attrs.fields(cls):
            if field.init:
                by_module.setdefault(cls.__module__, []).append((cls, field.name, field.type))
    # the stored classes by name, for annotations whose imports sit under TYPE_CHECKING
    import datetime
    from collections.abc import Mapping
    from decimal import Decimal

    known: dict[str, Any] = {"Mapping": Mapping, "Decimal": Decimal, "dt": datetime}
    known.update((getattr(v, "__name__", ""), v) for v in _allowed().values())
    declared: dict[tuple[type, str], Any] = {}
    for module, fields in by_module.items():
        namespace = {**known, **vars(sys.modules[module])}
        sources = []
        for number, (_, _, annotation) in enumerate(fields):
            if isinstance(annotation, str):
                sources.append(annotation)
            else:  # already a type: a module without postponed annotations
                namespace[f"__stpmodel_type_{number}"] = annotation
                sources.append(f"__stpmodel_type_{number}")
        values = eval(f"({', '.join(sources)},)", namespace)  # the package's own annotations
        for (cls, name, _), value in zip(fields, values, strict=True):
            declared[cls, name] = value
    return declared


@functools.cache
def _field_checks(cls: type) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    """(name, check) for each constructor field of a cached attrs class."""
    import attrs

    declared = _declared_types()
    return tuple(
        (field.name, _checker(declared[cls, field.name]))
        for field in attrs.fields(cls)
        if field.init
    )


def _valid(obj: Any) -> bool:
    """Every field of `obj` is set and of its declared type (recursively)."""
    cls: type = type(obj)
    for name, check in _field_checks(cls):
        try:
            value = getattr(obj, name)
        except AttributeError:  # a field the file's layout did not have
            return False
        if not check(value):
            return False
    return True


def read_cache(path: str | os.PathLike[str], key: str | None = None) -> Roadmap | None:
    """The roadmap cached at `path`, or None when it is missing, stale, foreign or damaged.

    The file must be one `stpmodel._cache._files` trusts for `key` (by default the current
    `cache_key()`), and hold only allowed globals and well-typed fields.
    """
    key = key if key is not None else cache_key()
    body = read_trusted(path, key) if key is not None else None
    return None if body is None else _decode_body(body)


def _decode_body(body: bytes) -> Roadmap | None:
    from stpmodel.roadmap import Roadmap

    try:
        with collector_paused():
            fields = _Unpickler(io.BytesIO(body), encoding="ascii").load()
    except Exception:  # damaged, or names a global that is not allowed: parse again
        return None
    if type(fields) is not dict:
        return None
    try:
        checks = _field_checks(Roadmap)
        if set(fields) != {name for name, _ in checks}:  # keys of any type: no sorting
            return None
        if not all(check(fields[name]) for name, check in checks):
            return None
        return Roadmap(**fields)
    except Exception:  # pragma: no cover - a check or the index failing on odd data
        return None


def encode(roadmap: Roadmap) -> bytes:
    """The body of a cache file holding `roadmap` (its constructor fields, pickled)."""
    from stpmodel.roadmap import Roadmap

    fields = {name: getattr(roadmap, name) for name, _ in _field_checks(Roadmap)}
    return pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)


def write_cache(path: str | os.PathLike[str], roadmap: Roadmap, key: str | None = None) -> bool:
    """Write the cache file atomically; False (and no error) where it cannot be done safely
    (see `stpmodel._cache._files.write_trusted`)."""
    key = key if key is not None else cache_key()
    if key is None:
        return False
    try:
        body = encode(roadmap)
    except Exception:  # pragma: no cover - a roadmap the cache cannot store: parse next time
        return False
    return write_trusted(path, key, body)
