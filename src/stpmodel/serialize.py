"""JSON for roadmaps through cattrs, kept outside the model classes.

`make_converter()` builds a converter that knows the model's value types (dates as ISO
strings, Decimals as strings, enums as their values, footnote numbers as object keys) and
checks them strictly: a JSON value is taken only when it is of the type the JSON Schema
([json_schema][stpmodel.schema.json_schema]) says — no `str()`, `int()` or `bool()`
coercion, no `NaN` or `Infinity`, unknown keys refused. [loads][stpmodel.serialize.loads]
then checks what a schema cannot: IDs unique, cited footnotes defined, ministry and program
codes known to the registries the document carries, children pointing at their parents.

Every problem becomes one entry of a [LoadError][stpmodel.LoadError], which lists them all,
each with its JSONPath:

```python
from stpmodel import LoadError
from stpmodel.serialize import loads

try:
    loads('{"title": null}')
except LoadError as error:
    for path, message in error.problems:
        print(path, message)  # $.title expected a string, got null …
```
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import re
import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, NoReturn

import attrs
import cattrs
from cattrs.cols import is_mapping
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn
from cattrs.preconf.json import make_converter as _make_json_converter

from stpmodel._gcpause import collector_paused
from stpmodel._jsontext import (
    SURROGATE,
    Constant,
    Duplicated,
    LongInteger,
    describe,
    json_object,
    lone_surrogate,
    path_step,
    quote,
)
from stpmodel._references import reference_problems, references_hold
from stpmodel.errors import LoadError
from stpmodel.model import MinistryRef
from stpmodel.roadmap import Roadmap
from stpmodel.schema import (
    DATE_PATTERN,
    DECIMAL_MAX_CHARS,
    DECIMAL_PATTERN,
    INT_KEY_PATTERN,
    INT_MAX,
    INT_MIN,
)

__all__ = ["configure_converter", "dumps", "loads", "make_converter", "to_dict"]

_DECIMAL = re.compile(DECIMAL_PATTERN)
_DATE = re.compile(DATE_PATTERN)
_INT_KEY = re.compile(INT_KEY_PATTERN)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Invalid(ValueError):
    """A value of the wrong JSON type or form; the message is shown as it is."""


class _DuplicateKeys(ValueError):
    """An object that names a key more than once; reported at each such key."""

    def __init__(self, keys: list[str], *, fields: bool) -> None:
        super().__init__(f"duplicate keys: {', '.join(quote(k) for k in keys)}")
        self.keys = keys
        self.fields = fields


# -- strict value hooks ---------------------------------------------------------------------
def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise _Invalid(f"expected a string, got {describe(value)}")
    if not value.isascii() and (found := SURROGATE.search(value)):
        raise _Invalid(lone_surrogate(value, found))
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # 6.0 is an integer to JSON Schema; 6.9 is not
    if type(value) is not int:
        raise _Invalid(f"expected an integer, got {describe(value)}")
    if not INT_MIN <= value <= INT_MAX:
        raise _Invalid(f"integer out of range (64 bits), got {describe(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise _Invalid(f"expected true or false, got {describe(value)}")
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if type(value) is not str:
        raise _Invalid(f"expected a decimal number as a string, got {describe(value)}")
    if len(value) > DECIMAL_MAX_CHARS or not _DECIMAL.fullmatch(value):
        raise _Invalid(f"not a decimal number: {describe(value)}")
    return Decimal(value)


def _structure_date(value: Any, _: type) -> dt.date:
    if type(value) is not str:
        raise _Invalid(f"expected an ISO date string (YYYY-MM-DD), got {describe(value)}")
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"not a date (YYYY-MM-DD): {describe(value)}") from None


@functools.cache
def _members(tp: type[enum.Enum]) -> tuple[dict[Any, enum.Enum], str]:
    members = {member.value: member for member in tp}
    return members, ", ".join(json.dumps(v, ensure_ascii=False) for v in members)


def _structure_enum(value: Any, tp: type[enum.Enum]) -> enum.Enum:
    members, allowed = _members(tp)
    if type(value) is not str or value not in members:
        raise _Invalid(f"expected one of {allowed}, got {describe(value)}")
    return members[value]


# -- strict container hooks -----------------------------------------------------------------
def _is_tuple(tp: Any) -> bool:
    return getattr(tp, "__origin__", None) is tuple


def _tuple_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, type], tuple[Any, ...]]:
    """A JSON array (only an array: not a string, not an object) into a tuple, every element
    checked and every failing element reported."""
    args = tp.__args__
    homogeneous = len(args) == 2 and args[1] is Ellipsis
    types = None if homogeneous else args
    element = args[0]
    handler = converter.get_structure_hook(element) if homogeneous else None
    handlers = [] if homogeneous else [converter.get_structure_hook(a) for a in args]

    def structure(value: Any, _: type) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _Invalid(f"expected an array, got {describe(value)}")
        if handler is not None:
            try:  # the common case, every element good, in one pass
                return tuple([handler(item, element) for item in value])
            except Exception:  # the loop below names every bad element
                pass
        if types is not None and len(value) != len(types):
            raise _Invalid(f"expected an array of {len(types)} items, got {len(value)}")
        errors: list[Exception] = []
        result = []
        for index, item in enumerate(value):
            kind = element if types is None else types[index]
            convert = handler if handler is not None else handlers[index]
            try:
                result.append(convert(item, kind))
            except Exception as exc:
                note = IterableValidationNote(f"Structuring {tp} @ index {index}", index, kind)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(result)

    return structure


def _duplicated(
    value: Duplicated, structure: Callable[[Any, Any], Any], tp: Any, *, fields: bool
) -> NoReturn:
    """Report an object's duplicate keys, and the problems of its (last) values too."""
    duplicate = _DuplicateKeys(value.duplicates, fields=fields)
    try:
        structure(dict(value), tp)
    except Exception as exc:
        raise ClassValidationError(f"While structuring {tp!r}", [duplicate, exc], tp) from None
    raise duplicate


def _mapping_hook(tp: Any, converter: cattrs.Converter) -> Callable[[Any, type], dict[Any, Any]]:
    """A JSON object into a dict; integer keys are written as decimal strings ("94")."""
    key_type, value_type = tp.__args__
    handler = converter.get_structure_hook(value_type)

    def structure(value: Any, _: type) -> dict[Any, Any]:
        if type(value) is not dict:
            if type(value) is Duplicated:
                _duplicated(value, structure, tp, fields=False)
            raise _Invalid(f"expected an object, got {describe(value)}")
        errors: list[Exception] = []
        result: dict[Any, Any] = {}
        for key, item in value.items():
            try:
                if key_type is int:
                    if not _INT_KEY.fullmatch(key):
                        raise _Invalid(f"expected an integer key, got {describe(key)}")
                    result[int(key)] = handler(item, value_type)
                else:
                    if not key.isascii() and (found := SURROGATE.search(key)):
                        raise _Invalid(f"in this key: {lone_surrogate(key, found)}")
                    result[key] = handler(item, value_type)
            except Exception as exc:
                note = IterableValidationNote(f"Structuring {tp} @ key {key!r}", key, value_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return result

    return structure


def _class_hook(tp: type, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    """A JSON object into an attrs class: unknown keys refused, every field checked."""
    inner: Callable[[Any, Any], Any] = make_dict_structure_fn(
        tp, converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    name = tp.__name__

    def structure(value: Any, _: type) -> Any:
        if type(value) is not dict:
            if type(value) is Duplicated:
                _duplicated(value, structure, tp, fields=True)
            raise _Invalid(f"expected an object ({name}), got {describe(value)}")
        return inner(value, tp)

    return structure


_SHARED_MAX = 1024  # distinct (code, lead) pairs shared; a registry has a few dozen


def _shared_refs(structure: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """`structure` for `MinistryRef`, giving one object per code and lead flag (as the
    parser does) instead of one per tag: tens of thousands of tags name a few dozen."""
    shared: dict[tuple[str, bool], MinistryRef] = {}

    def structure_ref(value: Any, tp: Any) -> Any:
        if type(value) is dict and len(value) == 2:
            code, lead = value.get("code"), value.get("lead")
            if type(code) is str and type(lead) is bool:
                if (ref := shared.get((code, lead))) is None:
                    ref = structure(value, tp)  # every check made, once per pair
                    if len(shared) < _SHARED_MAX:
                        shared[(code, lead)] = ref
                return ref
        return structure(value, tp)

    return structure_ref


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach `converter` the value types of the model, checked strictly.

    Strings, integers and booleans must be of exactly that JSON type; strings and registry
    keys hold no lone surrogate; integers fit in 64 bits; arrays and objects must be arrays
    and objects; enums take one of their values; dates are `YYYY-MM-DD` strings; Decimals
    are decimal strings of at most 64 characters. Unknown keys are refused.
    """
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(dt.date, _structure_date)
    # by class, nearest first: a StrEnum is a str too, and must not get the str hook
    converter.register_structure_hook(enum.Enum, _structure_enum)
    converter.register_structure_hook(enum.StrEnum, _structure_enum)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
    converter.register_structure_hook_factory(is_mapping, _mapping_hook)
    converter.register_structure_hook_factory(attrs.has, _class_hook)
    converter.register_structure_hook(
        MinistryRef, _shared_refs(_class_hook(MinistryRef, converter))
    )


def make_converter() -> cattrs.Converter:
    """A new JSON converter for the model (never the global one), checking strictly."""
    converter = _make_json_converter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def to_dict(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as plain JSON-ready data."""
    with collector_paused():  # a bulk construction: see docs/performance.md
        data: dict[str, Any] = _converter().unstructure(roadmap, Roadmap)
    return data


def _unstructured(roadmap: Roadmap) -> dict[str, Any]:
    """`to_dict` for a caller that already holds the collector paused."""
    data: dict[str, Any] = _converter().unstructure(roadmap, Roadmap)
    return data


def dumps(roadmap: Roadmap, *, indent: int | None = None) -> str:
    """The roadmap as a JSON document (UTF-8 text, Japanese kept readable).

    Compact by default, written by the standard library's C encoder; with `indent`, one
    value a line indented by that many spaces (Python's slower encoder: about four times
    the time). [loads][stpmodel.serialize.loads] reads both.
    """
    with collector_paused():
        data = _unstructured(roadmap)
        text = json.dumps(data, ensure_ascii=False, indent=indent)
        # freed while the collector is still off: the containers leave by reference
        # counting, so re-enabling it does not walk hundreds of thousands of dead objects
        del data
    return text


# -- problems and their paths ---------------------------------------------------------------


def _problems(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """(JSONPath, message) for every leaf of a cattrs validation error."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, path + path_step(note.index))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, ClassValidationError):
        with_fields, without = exc.group_exceptions()
        for sub, field in with_fields:
            yield from _problems(sub, f"{path}.{field.name}")
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(quote(k) for k in sorted(exc.extra_fields))
        yield path, f"unknown keys: {keys}"
    elif isinstance(exc, _DuplicateKeys):
        for key in exc.keys:
            step = f".{key}" if exc.fields and _NAME.fullmatch(key) else path_step(key)
            yield path + step, f"duplicate key {quote(key)} (JSON would keep the last one)"
    elif isinstance(exc, KeyError):
        yield path, "required key missing"
    elif isinstance(exc, ValueError | TypeError):  # our hooks, or a model's own check
        yield path, str(exc)
    else:  # pragma: no cover - cattrs raises nothing else for JSON data
        yield path, f"{type(exc).__name__}: {exc}"


def _fail(problems: list[tuple[str, str]]) -> LoadError:
    path, message = problems[0]
    return LoadError(message, path=path, problems=problems)


def _parse_json(text: str | bytes) -> Any:
    """The JSON value of `text`, with NaN/Infinity and over-long integers kept as markers
    for the checks to report where they stand."""

    def bounded_int(literal: str) -> int | LongInteger:
        return int(literal) if len(literal) <= 20 else LongInteger(literal)

    # Python refuses integer literals over 4,300 digits (reading them is quadratic): the
    # fast path relies on that limit, and looks for the literal only when it is hit
    limited = sys.get_int_max_str_digits() != 0
    try:
        if limited:
            return json.loads(text, parse_constant=Constant, object_pairs_hook=json_object)
        return json.loads(
            text, parse_constant=Constant, parse_int=bounded_int, object_pairs_hook=json_object
        )
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", path="$"
        ) from None
    except RecursionError:
        raise LoadError("not a roadmap: arrays or objects nested too deeply", path="$") from None
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text: {exc.reason}", path="$") from None
    except ValueError:  # an integer literal over Python's limit on digits: find where
        pass
    return json.loads(
        text, parse_constant=Constant, parse_int=bounded_int, object_pairs_hook=json_object
    )


def loads(text: str | bytes) -> Roadmap:
    """A roadmap from the JSON that [dumps][stpmodel.serialize.dumps] writes, checked.

    The document is checked as the JSON Schema says (exact JSON types, no coercion, no
    `NaN`/`Infinity`, 64-bit integers, no unknown keys) and for what a schema cannot say:
    no key given twice in an object (JSON readers would silently keep the last), every
    string and registry key Unicode text (no lone surrogate such as `\\ud800`, which no
    UTF-8 writer could write back), every ID unique, every cited footnote defined, every
    ministry and program code known to the registries in the document (`ministries`,
    `programs`), every status note and action pointing at the initiative it sits in,
    registry and footnote keys equal to the objects' codes and numbers.

    Raises [LoadError][stpmodel.LoadError] for text that is not JSON (or nested too deeply)
    and for a document with any problem; `problems` lists every one as a
    `(JSONPath, message)` pair, `path` is the first one's:

    ```python
    loads("[]")  # LoadError: expected an object (Roadmap), got an array @ $
    ```
    """
    problems: list[tuple[str, str]] = []
    roadmap: Roadmap | None = None
    with collector_paused():  # a bulk construction: see docs/performance.md
        data = _parse_json(text)
        try:
            roadmap = _converter().structure(data, Roadmap)
        except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
            problems.extend(_problems(exc, "$"))
        except RecursionError:  # pragma: no cover - the structure follows the schema's depth
            problems.append(("$", "nested too deeply"))
    if roadmap is not None and references_hold(roadmap):
        return roadmap
    if isinstance(data, dict):  # a Duplicated too: its IDs and references count
        problems.extend(reference_problems(data))
    if problems:
        raise _fail(problems)
    assert roadmap is not None
    return roadmap
