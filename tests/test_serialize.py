"""JSON round trip of the bundled roadmap, error paths, the schema and the golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stpmodel
from stpmodel import Action, LoadError
from stpmodel.roadmap import Roadmap
from stpmodel.schema import json_schema
from stpmodel.serialize import dumps, loads, to_dict

GOLDEN = Path(__file__).resolve().parent / "golden" / "roadmap.json"


def test_round_trip(roadmap: Roadmap) -> None:
    again = loads(dumps(roadmap))
    assert again == roadmap
    assert again.get("6.1.2.a3", Action).id == "6.1.2.a3"  # the index is rebuilt on load


def test_golden_dataset(roadmap: Roadmap) -> None:
    """The whole bundled dataset, as JSON. After an intended change to the parser,
    regenerate with: python -c "import stpmodel.serialize as s, stpmodel;
    open('tests/golden/roadmap.json','w').write(s.dumps(stpmodel.load(), indent=1)+'\\n')"
    """
    assert dumps(roadmap, indent=1) + "\n" == GOLDEN.read_text(encoding="utf-8")


def test_not_json() -> None:
    with pytest.raises(LoadError) as info:
        loads("{nope")
    assert (
        str(info.value)
        == "not JSON: Expecting property name enclosed in double quotes (line 1, column 2) @ $"
    )


def test_error_names_the_path(roadmap: Roadmap) -> None:
    data = to_dict(roadmap)
    data["sections"][0]["subsections"][1]["initiatives"][0]["number"] = "one"
    with pytest.raises(LoadError) as info:
        loads(json.dumps(data))
    assert info.value.path == "$.sections[0].subsections[1].initiatives[0].number"
    assert str(info.value) == (
        "invalid value for type, expected int @ $.sections[0].subsections[1].initiatives[0].number"
    )


def test_unknown_keys_are_rejected(roadmap: Roadmap) -> None:
    data = to_dict(roadmap)
    data["sections"][0]["subsections"][0]["initiatives"][0]["actions"][0]["deadline"] = "soon"
    with pytest.raises(LoadError) as info:
        loads(json.dumps(data))
    assert "extra fields" in str(info.value)
    assert info.value.path == "$.sections[0].subsections[0].initiatives[0].actions[0]"


def test_bad_date_value(roadmap: Roadmap) -> None:
    data = to_dict(roadmap)
    data["sections"][0]["subsections"][0]["initiatives"][0]["dates"][0]["period"]["start"] = (
        "2021-13-01"
    )
    with pytest.raises(LoadError) as info:
        loads(json.dumps(data))
    assert info.value.path == "$.sections[0].subsections[0].initiatives[0].dates[0].period.start"


def test_schema_validates_the_export(roadmap: Roadmap) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(json.loads(dumps(roadmap)))
    broken = json.loads(dumps(roadmap))
    broken["sections"][0]["number"] = "six"
    assert not validator.is_valid(broken)


def test_dumps_keeps_japanese_readable(roadmap: Roadmap) -> None:
    assert "様々な社会課題" in dumps(roadmap)
    assert stpmodel.load() is roadmap
