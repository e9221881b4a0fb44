"""The shared repr/eq/hash of the model classes behave as attrs' generated ones would."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

from stpmodel import Action, MinistryRef, Period, Roadmap, SourceSpan
from stpmodel._record import Record


def test_repr_matches_attrs_format() -> None:
    ref = MinistryRef(code="科技", lead=True)
    assert repr(ref) == "MinistryRef(code='科技', lead=True)"
    span = SourceSpan(source="x.txt", lines=(3, 4))
    assert repr(span) == "SourceSpan(source='x.txt', lines=(3, 4))"
    # what attrs itself generates for a class of the same shape
    twin = attrs.frozen(kw_only=True)(
        type("MinistryRef", (), {"__annotations__": {"code": "str", "lead": "bool"}})
    )
    assert repr(twin(code="科技", lead=True)) == repr(ref)


def test_eq_and_hash_by_value_within_one_class() -> None:
    a = MinistryRef(code="文", lead=False)
    assert a == MinistryRef(code="文")
    assert hash(a) == hash(MinistryRef(code="文"))
    assert a != MinistryRef(code="文", lead=True)
    assert a != MinistryRef(code="経")
    assert len({a, MinistryRef(code="文"), MinistryRef(code="経")}) == 2
    # never equal to another class, even with the same values
    assert a != ("文", False)
    assert a.__eq__(("文", False)) is NotImplemented


def test_eq_covers_every_field_and_nested_objects(roadmap: Roadmap) -> None:
    action = roadmap.actions[0]
    assert action == attrs.evolve(action)
    for field in attrs.fields(Action):
        value = getattr(action, field.name)
        changed = attrs.evolve(action, **{field.name: _other(value)})
        assert changed != action, field.name


def _other(value: object) -> Any:
    if isinstance(value, str):
        return value + "x"
    if isinstance(value, bool):
        return not value
    if isinstance(value, tuple):
        return (*value, value[0]) if value else ("x",)
    if isinstance(value, SourceSpan):
        return SourceSpan(source=value.source, lines=(*value.lines, 0))
    raise AssertionError(type(value))


def test_periods_work_as_keys() -> None:
    fy = Period.fiscal_year(2025)
    same = Period.fiscal_year(2025)
    assert fy is not same
    assert fy == same
    assert hash(fy) == hash(same)
    assert {fy: 1}[same] == 1
    assert fy != Period.fiscal_year(2026)
    assert datetime.date(2025, 4, 1) in fy


def test_the_roadmap_compares_by_content_and_is_not_hashable(roadmap: Roadmap) -> None:
    assert roadmap == attrs.evolve(roadmap)  # the private index is left out of ==
    with pytest.raises(TypeError):
        hash(roadmap)


def test_every_public_record_class_uses_the_shared_methods() -> None:
    import stpmodel

    classes = [getattr(stpmodel, name) for name in stpmodel.__all__]
    records = [c for c in classes if isinstance(c, type) and attrs.has(c)]
    assert len(records) >= 18
    for cls in records:
        assert issubclass(cls, Record), cls
        assert "__eq__" not in cls.__dict__, cls
        assert "__repr__" not in cls.__dict__, cls
