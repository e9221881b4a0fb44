"""JSON text as `loads` reads it, and JSON values as its messages name them.

`json.loads` would keep the last of two equal keys, read `NaN` and `Infinity`, and refuse
an over-long integer literal without saying where it is: the markers here
(`Duplicated`, `Constant`, `LongInteger`) keep each of them where it stands, for the
checks to report with its JSONPath. `describe` and `quote` name a value in a message.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = [
    "SURROGATE",
    "Constant",
    "Duplicated",
    "LongInteger",
    "describe",
    "json_object",
    "lone_surrogate",
    "path_step",
    "quote",
]

SURROGATE = re.compile("[\ud800-\udfff]")


class Duplicated(dict[str, Any]):
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


def json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """`object_pairs_hook`: a dict, or a `Duplicated` when a key comes twice."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        return Duplicated(pairs)
    return obj


class Constant:
    """`NaN`, `Infinity` or `-Infinity` in the text: not JSON, kept to be reported where
    it stands."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class LongInteger:
    """An integer literal too long for Python to read, kept to be reported where it
    stands."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))


def quote(text: str) -> str:
    """`text` as a JSON string for a message: Japanese kept readable, lone surrogates
    escaped (`\\ud800`), so that the message itself can be printed and written."""
    quoted = json.dumps(text, ensure_ascii=False)
    if quoted.isascii():
        return quoted
    return SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", quoted)


def lone_surrogate(text: str, found: re.Match[str]) -> str:
    """Why `text` cannot be written as UTF-8: it holds a surrogate code point."""
    return (
        f"not Unicode text: a lone surrogate \\u{ord(found[0]):04x} at character "
        f"{found.start()} of {describe(text)}"
    )


def describe(value: Any) -> str:
    """A JSON value as a person would name it in an error message."""
    if value is None:
        return "null"
    if value is True or value is False:
        return json.dumps(value)
    if isinstance(value, Constant):
        return f"{value.text} (not a JSON number)"
    if isinstance(value, LongInteger):
        return f"an integer of {value.digits:,} digits"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {quote(shown)}"
    if isinstance(value, int):
        return f"the integer {value}" if len(str(abs(value))) <= 30 else "a very long integer"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Duplicated):
        return "an object with duplicate keys"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - json.loads makes nothing else


def path_step(key: object) -> str:
    """The JSONPath step to `key`: `[3]` for an array index, `["94"]` for an object key."""
    if isinstance(key, int):
        return f"[{key}]"
    return f"[{quote(str(key))}]"
