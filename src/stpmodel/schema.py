"""A JSON Schema (draft 2020-12) of the JSON that [dumps][stpmodel.serialize.dumps] writes.

The schema is derived from the attrs classes themselves, so it cannot drift from the
model: every class becomes a `$defs` entry with its fields, required where the field has
no default, and no other keys allowed. Integers are 64-bit, decimals and dates are strings
of a fixed form (the constants below, which [loads][stpmodel.serialize.loads] checks too).

What a JSON Schema cannot say — IDs unique, cited footnotes defined, codes known to the
registries, children pointing at their parents, no key given twice in an object, no lone
surrogate in a string — `loads()` checks on top (docs/safety.md).
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from stpmodel._text import MAX_NUMBER_CHARS
from stpmodel.roadmap import Roadmap

__all__ = [
    "DATE_PATTERN",
    "DECIMAL_MAX_CHARS",
    "DECIMAL_PATTERN",
    "INT_KEY_PATTERN",
    "INT_MAX",
    "INT_MIN",
    "json_schema",
]

INT_MIN = -(2**63)
"""The smallest integer a document may hold (SQLite's INTEGER range)."""
INT_MAX = 2**63 - 1
"""The largest integer a document may hold (SQLite's INTEGER range)."""
DECIMAL_PATTERN = r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]{1,3})?"
"""A decimal number written as a string (`Observation.value`); the schema anchors it."""
DECIMAL_MAX_CHARS = MAX_NUMBER_CHARS
"""The longest decimal string a document may hold (the parser reads no longer value)."""
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
"""A date: `YYYY-MM-DD` (RFC 3339 full-date)."""
INT_KEY_PATTERN = r"-?[0-9]{1,18}"
"""An object key standing for an integer (footnote numbers)."""


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is type(None):
        return {"type": "null"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_schema_for(a, defs) for a in args]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema_for(args[0], defs)}
        return {
            "type": "array",
            "prefixItems": [_schema_for(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if origin in (dict, Mapping):
        key, value = args
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _schema_for(value, defs),
        }
        if key is int:
            schema["propertyNames"] = {"pattern": f"^{INT_KEY_PATTERN}$"}
        return schema
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [m.value for m in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
    if tp is str:
        return {"type": "string"}
    if tp is Decimal:
        return {"type": "string", "pattern": f"^{DECIMAL_PATTERN}$", "maxLength": DECIMAL_MAX_CHARS}
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        properties[field.name] = _schema_for(hints[field.name], defs)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        "description": doc[0] if doc else cls.__name__,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a serialised [Roadmap][stpmodel.Roadmap].

    ```python
    import jsonschema
    from stpmodel.schema import json_schema

    jsonschema.Draft202012Validator(json_schema()).validate(document)
    ```
    """
    defs: dict[str, Any] = {}
    root = _schema_for(Roadmap, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stpmodel.invalid/schema/roadmap.json",
        "title": "stpmodel Roadmap",
        **root,
        "$defs": defs,
    }
