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
import typing
from decimal import Decimal
from typing import Any

import attrs

from stpmodel._text import MAX_NUMBER_CHARS
from stpmodel._types import shape
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

_SCALARS: dict[type, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX},
    str: {"type": "string"},
    Decimal: {"type": "string", "pattern": f"^{DECIMAL_PATTERN}$", "maxLength": DECIMAL_MAX_CHARS},
    dt.date: {"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"},
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    kind, args = shape(tp)
    if kind == "none":
        return {"type": "null"}
    if kind == "union":
        return {"anyOf": [_schema_for(a, defs) for a in args]}
    if kind == "array":
        return {"type": "array", "items": _schema_for(args[0], defs)}
    if kind == "tuple":
        return {
            "type": "array",
            "prefixItems": [_schema_for(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    if kind == "mapping":
        key, value = args
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _schema_for(value, defs),
        }
        if key is int:
            schema["propertyNames"] = {"pattern": f"^{INT_KEY_PATTERN}$"}
        return schema
    if kind == "enum":
        return {"type": "string", "enum": [m.value for m in args[0]]}
    if kind == "scalar" and args[0] in _SCALARS:
        return dict(_SCALARS[args[0]])
    if kind == "record":
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
