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
from stpmodel.errors import LoadError
from stpmodel.model import (
    Action,
    Goal,
    Indicator,
    Initiative,
    MinistryRef,
    Paragraph,
    Program,
    StatusNote,
)
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
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class _Invalid(ValueError):
    """A value of the wrong JSON type or form; the message is shown as it is."""


class _DuplicateKeys(ValueError):
    """An object that names a key more than once; reported at each such key."""

    def __init__(self, keys: list[str], *, fields: bool) -> None:
        super().__init__(f"duplicate keys: {', '.join(_quote(k) for k in keys)}")
        self.keys = keys
        self.fields = fields


class _Duplicated(dict[str, Any]):
    """A JSON object with a key given twice or more (`json.loads` would keep the last
    value): kept to be reported where it stands, never taken as an object."""

    __slots__ = ("duplicates",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        seen: set[str] = set()
        duplicates: dict[str, None] = {}
        for key, _ in pairs:
            if key in seen:
                duplicates[key] = None
            seen.add(key)
        self.duplicates = list(duplicates)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """`object_pairs_hook`: a dict, or a `_Duplicated` when a key comes twice."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        return _Duplicated(pairs)
    return obj


class _Constant:
    """`NaN`, `Infinity` or `-Infinity` in the text: not JSON, kept to be reported where
    it stands."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _LongInteger:
    """An integer literal too long for Python to read, kept to be reported where it
    stands."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))


def _quote(text: str) -> str:
    """`text` as a JSON string for a message: Japanese kept readable, lone surrogates
    escaped (`\\ud800`), so that the message itself can be printed and written."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isascii():
        return quoted
    return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def _lone_surrogate(text: str, found: re.Match[str]) -> str:
    """Why `text` cannot be written as UTF-8: it holds a surrogate code point."""
    return (
        f"not Unicode text: a lone surrogate \\u{ord(found[0]):04x} at character "
        f"{found.start()} of {_describe(text)}"
    )


def _describe(value: Any) -> str:
    """A JSON value as a person would name it in an error message."""
    if value is None:
        return "null"
    if value is True or value is False:
        return json.dumps(value)
    if isinstance(value, _Constant):
        return f"{value.text} (not a JSON number)"
    if isinstance(value, _LongInteger):
        return f"an integer of {value.digits:,} digits"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {_quote(shown)}"
    if isinstance(value, int):
        return f"the integer {value}" if len(str(abs(value))) <= 30 else "a very long integer"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, _Duplicated):
        return "an object with duplicate keys"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - json.loads makes nothing else


# -- strict value hooks ---------------------------------------------------------------------
def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise _Invalid(f"expected a string, got {_describe(value)}")
    if not value.isascii() and (found := _SURROGATE.search(value)):
        raise _Invalid(_lone_surrogate(value, found))
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # 6.0 is an integer to JSON Schema; 6.9 is not
    if type(value) is not int:
        raise _Invalid(f"expected an integer, got {_describe(value)}")
    if not INT_MIN <= value <= INT_MAX:
        raise _Invalid(f"integer out of range (64 bits), got {_describe(value)}")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise _Invalid(f"expected true or false, got {_describe(value)}")
    return value


def _structure_decimal(value: Any, _: type) -> Decimal:
    if type(value) is not str:
        raise _Invalid(f"expected a decimal number as a string, got {_describe(value)}")
    if len(value) > DECIMAL_MAX_CHARS or not _DECIMAL.fullmatch(value):
        raise _Invalid(f"not a decimal number: {_describe(value)}")
    return Decimal(value)


def _structure_date(value: Any, _: type) -> dt.date:
    if type(value) is not str:
        raise _Invalid(f"expected an ISO date string (YYYY-MM-DD), got {_describe(value)}")
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"not a date (YYYY-MM-DD): {_describe(value)}") from None


@functools.cache
def _members(tp: type[enum.Enum]) -> tuple[dict[Any, enum.Enum], str]:
    members = {member.value: member for member in tp}
    return members, ", ".join(json.dumps(v, ensure_ascii=False) for v in members)


def _structure_enum(value: Any, tp: type[enum.Enum]) -> enum.Enum:
    members, allowed = _members(tp)
    if type(value) is not str or value not in members:
        raise _Invalid(f"expected one of {allowed}, got {_describe(value)}")
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
            raise _Invalid(f"expected an array, got {_describe(value)}")
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
    value: _Duplicated, structure: Callable[[Any, Any], Any], tp: Any, *, fields: bool
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
            if type(value) is _Duplicated:
                _duplicated(value, structure, tp, fields=False)
            raise _Invalid(f"expected an object, got {_describe(value)}")
        errors: list[Exception] = []
        result: dict[Any, Any] = {}
        for key, item in value.items():
            try:
                if key_type is int:
                    if not _INT_KEY.fullmatch(key):
                        raise _Invalid(f"expected an integer key, got {_describe(key)}")
                    result[int(key)] = handler(item, value_type)
                else:
                    if not key.isascii() and (found := _SURROGATE.search(key)):
                        raise _Invalid(f"in this key: {_lone_surrogate(key, found)}")
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
            if type(value) is _Duplicated:
                _duplicated(value, structure, tp, fields=True)
            raise _Invalid(f"expected an object ({name}), got {_describe(value)}")
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


def dumps(roadmap: Roadmap, *, indent: int | None = None) -> str:
    """The roadmap as a JSON document (UTF-8 text, Japanese kept readable).

    Compact by default, written by the standard library's C encoder; with `indent`, one
    value a line indented by that many spaces (Python's slower encoder: about four times
    the time). [loads][stpmodel.serialize.loads] reads both.
    """
    data = to_dict(roadmap)
    with collector_paused():
        return json.dumps(data, ensure_ascii=False, indent=indent)


# -- problems and their paths ---------------------------------------------------------------
def _step(key: object) -> str:
    if isinstance(key, int):
        return f"[{key}]"
    return f"[{_quote(str(key))}]"


def _problems(exc: BaseException, path: str) -> Iterator[tuple[str, str]]:
    """(JSONPath, message) for every leaf of a cattrs validation error."""
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            yield from _problems(sub, path + _step(note.index))
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, ClassValidationError):
        with_fields, without = exc.group_exceptions()
        for sub, field in with_fields:
            yield from _problems(sub, f"{path}.{field.name}")
        for sub in without:
            yield from _problems(sub, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(_quote(k) for k in sorted(exc.extra_fields))
        yield path, f"unknown keys: {keys}"
    elif isinstance(exc, _DuplicateKeys):
        for key in exc.keys:
            step = f".{key}" if exc.fields and _NAME.fullmatch(key) else _step(key)
            yield path + step, f"duplicate key {_quote(key)} (JSON would keep the last one)"
    elif isinstance(exc, KeyError):
        yield path, "required key missing"
    elif isinstance(exc, ValueError | TypeError):  # our hooks, or a model's own check
        yield path, str(exc)
    else:  # pragma: no cover - cattrs raises nothing else for JSON data
        yield path, f"{type(exc).__name__}: {exc}"


def _references(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the JSON Schema cannot say: unique IDs, defined footnotes, known codes,
    parents. Reads the raw data defensively, so that it reports alongside type errors."""
    problems: list[tuple[str, str]] = []

    def items(value: Any, path: str) -> Iterator[tuple[dict[str, Any], str]]:
        if type(value) is list:
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield item, f"{path}[{index}]"

    def keyed(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any], str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict):
                    yield key, item, path + _step(key)

    footnotes = data.get("footnotes")
    defined = (
        {int(k) for k in footnotes if _INT_KEY.fullmatch(k)}
        if isinstance(footnotes, dict)
        else set()
    )
    ministries = data.get("ministries")
    codes = set(ministries) if isinstance(ministries, dict) else set()
    programs = data.get("programs")
    program_ids = set(programs) if isinstance(programs, dict) else set()
    seen: dict[str, str] = {}

    def identify(obj: dict[str, Any], path: str) -> Any:
        ident = obj.get("id")
        if type(ident) is str:
            if ident in seen:
                problems.append((f"{path}.id", f"duplicate ID {ident!r} (also at {seen[ident]})"))
            else:
                seen[ident] = f"{path}.id"
        return ident

    def cites(obj: dict[str, Any], path: str) -> None:
        numbers = obj.get("footnotes")
        if type(numbers) is list:
            for index, number in enumerate(numbers):
                if type(number) is int and number not in defined:
                    problems.append(
                        (
                            f"{path}.footnotes[{index}]",
                            f"footnote {number} is cited but not defined",
                        )
                    )

    def tags(obj: dict[str, Any], path: str) -> None:
        for ref, ref_path in items(obj.get("ministries"), f"{path}.ministries"):
            code = ref.get("code")
            if type(code) is str and code not in codes:
                problems.append((f"{ref_path}.code", f"unknown ministry code {code!r}"))
        links(obj, path)

    reposted: list[tuple[str, str]] = []

    def links(obj: dict[str, Any], path: str) -> None:
        """Program links known and `programs` the programs of `program_mentions`; a
        repost's original recorded only on a repost."""
        uses = obj.get("programs")
        known = True
        if type(uses) is list:
            for index, program in enumerate(uses):
                if type(program) is str and program not in program_ids:
                    problems.append((f"{path}.programs[{index}]", f"unknown program {program!r}"))
                    known = False
        mentioned: dict[Any, None] = {}
        for mention, m_path in items(obj.get("program_mentions"), f"{path}.program_mentions"):
            program = mention.get("program")
            mentioned.setdefault(program, None)
            if type(program) is str and program not in program_ids:
                problems.append((f"{m_path}.program", f"unknown program {program!r}"))
        absent = [
            p for p in mentioned if type(p) is str and p in program_ids and p not in (uses or ())
        ]
        if known and type(uses) is list and absent:
            problems.append(
                (f"{path}.programs", f"programs {absent!r} of program_mentions are not in programs")
            )
        original = obj.get("repost_of")
        if original is not None and obj.get("repost") is not True:
            problems.append((f"{path}.repost_of", "repost_of on an item that is no repost"))
        if type(original) is str:
            reposted.append((f"{path}.repost_of", original))

    def child_of(obj: dict[str, Any], path: str, parent: Any) -> None:
        pointer = obj.get("initiative_id")
        if type(pointer) is str and type(parent) is str and pointer != parent:
            problems.append(
                (f"{path}.initiative_id", f"initiative {pointer!r} is not its parent {parent!r}")
            )

    for section, s_path in items(data.get("sections"), "$.sections"):
        identify(section, s_path)
        for field in ("vision", "goals", "indicators"):
            for obj, path in items(section.get(field), f"{s_path}.{field}"):
                identify(obj, path)
                cites(obj, path)
                if field == "indicators":
                    links(obj, path)
        for sub, sub_path in items(section.get("subsections"), f"{s_path}.subsections"):
            identify(sub, sub_path)
            for ini, ini_path in items(sub.get("initiatives"), f"{sub_path}.initiatives"):
                parent = identify(ini, ini_path)
                cites(ini, ini_path)
                tags(ini, ini_path)
                for field in ("status_notes", "actions"):
                    for obj, path in items(ini.get(field), f"{ini_path}.{field}"):
                        identify(obj, path)
                        cites(obj, path)
                        tags(obj, path)
                        child_of(obj, path, parent)
    for key, footnote, path in keyed(footnotes, "$.footnotes"):
        number = footnote.get("number")
        if type(number) is int and _INT_KEY.fullmatch(key) and int(key) != number:
            problems.append((f"{path}.number", f"footnote {number} is filed under key {key!r}"))
        if type(number) is int:
            ident = f"fn{number}"
            if ident in seen:
                problems.append(
                    (f"{path}.number", f"duplicate ID {ident!r} (also at {seen[ident]})")
                )
    for _key, footnote, path in keyed(footnotes, "$.footnotes"):
        citing = footnote.get("cited_by")
        for index, cited_by in enumerate(citing if type(citing) is list else ()):
            if type(cited_by) is str and cited_by not in seen:
                problems.append((f"{path}.cited_by[{index}]", f"no object with ID {cited_by!r}"))
    for key, ministry, path in keyed(ministries, "$.ministries"):
        code = ministry.get("code")
        if type(code) is str and code != key:
            problems.append((f"{path}.code", f"ministry {code!r} is filed under key {key!r}"))
    for key, program, path in keyed(programs, "$.programs"):
        program_id = program.get("id")
        if type(program_id) is str and program_id != key:
            problems.append((f"{path}.id", f"program {program_id!r} is filed under key {key!r}"))
        for field in ("part_of", "predecessor", "successor"):
            other = program.get(field)
            if type(other) is str and other and other not in program_ids:
                problems.append((f"{path}.{field}", f"unknown program {other!r}"))
        for field in ("phases", "goals"):
            for phase, p_path in items(program.get(field), f"{path}.{field}"):
                owner = phase.get("program")
                if type(owner) is str and owner != key:
                    problems.append(
                        (f"{p_path}.program", f"a phase of {owner!r} filed under {key!r}")
                    )
    for r_path, original in reposted:
        if original not in seen:
            problems.append((r_path, f"no object with ID {original!r}"))
    return problems


def _references_hold(roadmap: Roadmap) -> bool:
    """Whether a roadmap built from a well-typed document passes every check of
    `_references` (one quick walk of the typed objects; `_references` is what then names
    each problem with its path)."""
    defined = roadmap.footnotes.keys()
    codes = roadmap.ministries.keys()
    programs = roadmap.programs
    count = 0
    ids: set[str] = set()
    reposts: list[str] = []
    for section in roadmap.sections:
        ids.add(section.id)
        count += 1
        texts: list[Paragraph | Goal | Indicator] = [
            *section.vision,
            *section.goals,
            *section.indicators,
        ]
        for obj in texts:
            ids.add(obj.id)
            count += 1
            if not defined >= set(obj.footnotes):
                return False
        for indicator in section.indicators:
            if not _links_hold(indicator, programs.keys(), reposts):
                return False
        for sub in section.subsections:
            ids.add(sub.id)
            count += 1
            for ini in sub.initiatives:
                ids.add(ini.id)
                count += 1
                items: list[Initiative | StatusNote | Action] = [
                    ini,
                    *ini.status_notes,
                    *ini.actions,
                ]
                for item in items:
                    if not defined >= set(item.footnotes):
                        return False
                    if not programs.keys() >= set(item.programs):
                        return False
                    if not _links_hold(item, programs.keys(), reposts):
                        return False
                for tagged in (ini, *ini.actions):
                    for ref in tagged.ministries:
                        if ref.code not in codes:
                            return False
                children: list[StatusNote | Action] = [*ini.status_notes, *ini.actions]
                for child in children:
                    ids.add(child.id)
                    count += 1
                    if child.initiative_id != ini.id:
                        return False
    if len(ids) != count or not ids.issuperset(reposts):
        return False
    for number, footnote in roadmap.footnotes.items():
        if footnote.number != number or f"fn{number}" in ids:
            return False
        if not ids.issuperset(footnote.cited_by):
            return False
    if any(ministry.code != code for code, ministry in roadmap.ministries.items()):
        return False
    return all(
        program.id == key
        and all(not other or other in programs for other in _lineage(program))
        and all(phase.program == key for phase in (*program.phases, *program.goals))
        for key, program in programs.items()
    )


def _lineage(program: Program) -> tuple[str, str, str]:
    return (program.part_of, program.predecessor, program.successor)


def _links_hold(
    obj: Initiative | StatusNote | Action | Indicator, known: Any, reposts: list[str]
) -> bool:
    """The typed form of the program-link and repost checks of `_references`."""
    mentioned = {m.program for m in obj.program_mentions}
    if not known >= mentioned or not set(obj.programs) >= mentioned:
        return False
    original = getattr(obj, "repost_of", None)
    if original is not None:
        if not obj.repost:  # type: ignore[union-attr]
            return False
        reposts.append(original)
    return True


def _fail(problems: list[tuple[str, str]]) -> LoadError:
    path, message = problems[0]
    return LoadError(message, path=path, problems=problems)


def _parse_json(text: str | bytes) -> Any:
    """The JSON value of `text`, with NaN/Infinity and over-long integers kept as markers
    for the checks to report where they stand."""

    def bounded_int(literal: str) -> int | _LongInteger:
        return int(literal) if len(literal) <= 20 else _LongInteger(literal)

    # Python refuses integer literals over 4,300 digits (reading them is quadratic): the
    # fast path relies on that limit, and looks for the literal only when it is hit
    limited = sys.get_int_max_str_digits() != 0
    try:
        if limited:
            return json.loads(text, parse_constant=_Constant, object_pairs_hook=_object)
        return json.loads(
            text, parse_constant=_Constant, parse_int=bounded_int, object_pairs_hook=_object
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
        text, parse_constant=_Constant, parse_int=bounded_int, object_pairs_hook=_object
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
    if roadmap is not None and _references_hold(roadmap):
        return roadmap
    if isinstance(data, dict):  # a _Duplicated too: its IDs and references count
        problems.extend(_references(data))
    if problems:
        raise _fail(problems)
    assert roadmap is not None
    return roadmap
