"""JSON for roadmaps through cattrs, kept outside the model classes.

``make_converter()`` builds a converter that knows the model's value types (dates as ISO
strings, Decimals as strings, enums as their values, footnote numbers as object keys) and
rejects unknown keys; ``dumps``/``loads`` use one. Loading invalid data raises
:class:`~stpmodel.LoadError` whose ``path`` says where (``$.sections[0].number``).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from decimal import Decimal, InvalidOperation
from typing import Any

import cattrs
from cattrs.preconf.json import make_converter as _make_json_converter

from stpmodel.errors import LoadError
from stpmodel.roadmap import Roadmap

__all__ = ["configure_converter", "dumps", "loads", "make_converter", "to_dict"]


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"expected a decimal number as a string, got {value!r}")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a decimal number: {value!r}") from None


def _structure_date(value: Any, _: type) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO date string, got {value!r}")
    return dt.date.fromisoformat(value)


def configure_converter(converter: cattrs.Converter) -> None:
    """Teach ``converter`` the value types of the model."""
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _structure_date)


def make_converter() -> cattrs.Converter:
    """A new JSON converter for the model (never the global one); unknown keys are errors."""
    converter = _make_json_converter(forbid_extra_keys=True)
    configure_converter(converter)
    return converter


@functools.cache
def _converter() -> cattrs.Converter:
    return make_converter()


def to_dict(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as plain JSON-ready data."""
    data: dict[str, Any] = _converter().unstructure(roadmap, Roadmap)
    return data


def dumps(roadmap: Roadmap, *, indent: int | None = None) -> str:
    """The roadmap as a JSON document (UTF-8 text, Japanese kept readable)."""
    return json.dumps(to_dict(roadmap), ensure_ascii=False, indent=indent)


def loads(text: str | bytes) -> Roadmap:
    """A roadmap from the JSON that :func:`dumps` writes.

    Raises :class:`~stpmodel.LoadError` for text that is not JSON or does not describe a
    roadmap; its ``path`` names the offending place (``$.sections[0].subsections``), and its
    message lists every problem found.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", path="$"
        ) from None
    try:
        roadmap: Roadmap = _converter().structure(data, Roadmap)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        messages = (
            cattrs.transform_error(exc, path="$")
            if isinstance(exc, cattrs.BaseValidationError)
            else [f"{exc} @ $"]
        )
        first = messages[0]
        message, _, path = first.rpartition(" @ ")
        if len(messages) > 1:
            message += f" (and {len(messages) - 1} more: " + "; ".join(messages[1:4]) + ")"
        raise LoadError(message or first, path=path or "$") from None
    return roadmap
