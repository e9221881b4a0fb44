"""JSON round trip of the bundled roadmap, strict loading, the schema and the golden file.

Each case issue 10 lists as loaded without a word is fed to `loads()` here, and each must
raise `LoadError` naming where the problem is (`$.path`).
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import stpmodel
from stpmodel import Action, Calendar, Granularity, LoadError, MinistryKind, Relation, StpError
from stpmodel.roadmap import Roadmap
from stpmodel.schema import json_schema
from stpmodel.serialize import dumps, loads, to_dict

GOLDEN = Path(__file__).resolve().parent / "golden" / "roadmap.json"
FIRST = "$.sections[0].subsections[0].initiatives[0]"
Data = dict[str, Any]


@pytest.fixture(scope="module")
def data(roadmap: Roadmap) -> Data:
    return to_dict(roadmap)


def _initiative(data: Data) -> Data:
    initiative: Data = data["sections"][0]["subsections"][0]["initiatives"][0]
    return initiative


def _action(data: Data, index: int = 0) -> Data:
    action: Data = _initiative(data)["actions"][index]
    return action


def _rejected(text: str | bytes) -> LoadError:
    with pytest.raises(LoadError) as info:
        loads(text)
    error = info.value
    assert isinstance(error, StpError)
    assert isinstance(error, ValueError)
    assert error.path == error.problems[0][0]
    return error


def _paths(error: LoadError) -> list[str]:
    return [path for path, _ in error.problems]


# -- the round trip -----------------------------------------------------------------------
def test_round_trip(roadmap: Roadmap) -> None:
    again = loads(dumps(roadmap))
    assert again == roadmap
    assert dumps(again) == dumps(roadmap)
    assert again.get("6.1.2.a3", Action).id == "6.1.2.a3"  # the index is rebuilt on load


def test_loaded_values_have_their_declared_types(roadmap: Roadmap) -> None:
    """Enums come back as enum members (a StrEnum is a str too: a str hook must not take
    it), so identity checks such as `DateMention.due`'s keep working."""
    again = loads(dumps(roadmap))
    mentions = [d.mention for d in again.deadlines()]
    assert mentions
    for mention in mentions:
        assert type(mention.relation) is Relation
        assert type(mention.period.granularity) is Granularity
        assert type(mention.period.calendar) is Calendar
    assert {type(m.kind) for m in again.ministries.values()} == {MinistryKind}
    assert [d.mention.due for d in again.deadlines()] == [
        d.mention.due for d in roadmap.deadlines()
    ]


def test_round_trip_of_bytes(roadmap: Roadmap) -> None:
    assert loads(dumps(roadmap).encode("utf-8")) == roadmap


def test_golden_dataset(roadmap: Roadmap, golden: Callable[[Path, str], None]) -> None:
    """The whole bundled dataset, as JSON. After an intended change to the parser,
    regenerate it with `pytest --update-golden` and review the diff."""
    golden(GOLDEN, dumps(roadmap, indent=1) + "\n")


def test_dumps_keeps_japanese_readable(roadmap: Roadmap) -> None:
    assert "様々な社会課題" in dumps(roadmap)
    assert stpmodel.load() is roadmap


# -- not JSON, not a roadmap, limits ---------------------------------------------------------
def test_not_json() -> None:
    error = _rejected("{nope")
    assert str(error) == (
        "not JSON: Expecting property name enclosed in double quotes (line 1, column 2) @ $"
    )


def test_not_utf8() -> None:
    assert _rejected(b'{"title": "\xff"}').path == "$"


def test_a_top_level_list() -> None:
    error = _rejected("[]")
    assert error.path == "$"
    assert "expected an object (Roadmap), got an array" in str(error)


@pytest.mark.parametrize("text", ["null", '"roadmap"', "3", "true"])
def test_other_top_level_values(text: str) -> None:
    assert _rejected(text).path == "$"


@pytest.mark.parametrize("bracket", ["[", '{"a":'])
def test_100_000_nested_brackets(bracket: str) -> None:
    closing = "]" if bracket == "[" else "}"
    error = _rejected(bracket * 100_000 + closing * 100_000)
    assert error.path == "$"
    assert "nested too deeply" in str(error)


def test_a_5000_digit_integer(data: Data) -> None:
    text = json.dumps({**data, "edition": 0}).replace('"edition": 0', '"edition": ' + "9" * 5000)
    error = _rejected(text)
    assert _paths(error) == ["$.edition"]
    assert "5,000 digits" in str(error)


def test_a_5000_digit_integer_in_a_list(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed)["footnotes"] = [123456789]
    text = json.dumps(changed).replace("123456789", "-" + "1" * 5000, 1)
    assert _paths(_rejected(text)) == [f"{FIRST}.actions[0].footnotes[0]"]


def test_a_5000_digit_integer_without_pythons_digit_limit(data: Data) -> None:
    """With the interpreter's limit off, reading a long literal would be quadratic: each
    integer literal is then length-checked as it is read."""
    text = json.dumps({**data, "edition": 0}).replace('"edition": 0', '"edition": ' + "7" * 5000)
    limit = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        error = _rejected(text)
        valid = loads(json.dumps(data))  # the other path reads ordinary integers as before
    finally:
        sys.set_int_max_str_digits(limit)
    assert _paths(error) == ["$.edition"]
    assert valid == loads(json.dumps(data))


def test_an_integer_over_64_bits(data: Data) -> None:
    error = _rejected(json.dumps({**data, "edition": 2**64}))
    assert _paths(error) == ["$.edition"]
    assert "out of range" in str(error)


# -- types, as the JSON Schema says ---------------------------------------------------------
def _set(path: list[Any], value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


INI = ["sections", 0, "subsections", 0, "initiatives", 0]
ACT = [*INI, "actions", 0]
TYPE_CASES = {
    "null for a string": (_set(["sections", 0, "title"], None), "$.sections[0].title"),
    '"false" for a bool': (_set([*ACT, "repost"], "false"), f"{FIRST}.actions[0].repost"),
    "0 for a bool": (_set([*ACT, "repost"], 0), f"{FIRST}.actions[0].repost"),
    "6.9 for an int": (_set(["sections", 0, "number"], 6.9), "$.sections[0].number"),
    "true for an int": (_set(["sections", 0, "number"], True), "$.sections[0].number"),
    '"6" for an int': (_set(["sections", 0, "number"], "6"), "$.sections[0].number"),
    "an int for a string": (_set([*ACT, "text"], 7), f"{FIRST}.actions[0].text"),
    "a string for an array": (_set([*ACT, "footnotes"], "12"), f"{FIRST}.actions[0].footnotes"),
    "an object for an array": (_set([*ACT, "dates"], {}), f"{FIRST}.actions[0].dates"),
    "an array for an object": (_set([*ACT, "source"], []), f"{FIRST}.actions[0].source"),
    "an unknown enum value": (
        _set([*INI, "dates", 0, "relation"], "someday"),
        f"{FIRST}.dates[0].relation",
    ),
    "a short span": (_set([*INI, "dates", 0, "span"], [1]), f"{FIRST}.dates[0].span"),
    "a date in another ISO form": (
        _set([*INI, "dates", 0, "period", "start"], "20210401"),
        f"{FIRST}.dates[0].period.start",
    ),
    "an impossible date": (
        _set([*INI, "dates", 0, "period", "start"], "2021-13-01"),
        f"{FIRST}.dates[0].period.start",
    ),
    "a footnote key that is no number": (
        lambda d: d["footnotes"].update({"x": d["footnotes"][next(iter(d["footnotes"]))]}),
        '$.footnotes["x"]',
    ),
}


@pytest.mark.parametrize("case", TYPE_CASES)
def test_wrong_types_are_rejected_not_coerced(data: Data, case: str) -> None:
    change, path = TYPE_CASES[case]
    changed = copy.deepcopy(data)
    change(changed)
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [path]


@pytest.mark.parametrize("case", [c for c in TYPE_CASES if "footnote key" not in c])
def test_the_json_schema_rejects_the_same(data: Data, case: str) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    change, _ = TYPE_CASES[case]
    changed = copy.deepcopy(data)
    change(changed)
    checker = jsonschema.Draft202012Validator(
        json_schema(), format_checker=jsonschema.FormatChecker()
    )
    assert not checker.is_valid(changed)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity(data: Data, constant: str) -> None:
    text = json.dumps({**data, "edition": 0}).replace('"edition": 0', f'"edition": {constant}')
    error = _rejected(text)
    assert _paths(error) == ["$.edition"]
    assert constant in str(error)


def test_nan_in_a_decimal(data: Data) -> None:
    changed = copy.deepcopy(data)
    indicator = next(i for i in changed["sections"][0]["indicators"] if i["observations"])
    index = changed["sections"][0]["indicators"].index(indicator)
    indicator["observations"][0]["value"] = 1.5
    text = json.dumps(changed).replace("1.5", "NaN", 1)
    error = _rejected(text)
    assert _paths(error) == [f"$.sections[0].indicators[{index}].observations[0].value"]


@pytest.mark.parametrize("value", [3.5, "1e999999", "1" * 65, "12,3", " 1"])
def test_bad_decimals(data: Data, value: Any) -> None:
    changed = copy.deepcopy(data)
    indicators = changed["sections"][0]["indicators"]
    index = next(i for i, ind in enumerate(indicators) if ind["observations"])
    indicators[index]["observations"][0]["value"] = value
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"$.sections[0].indicators[{index}].observations[0].value"]


def test_unknown_keys_are_rejected(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed)["deadline"] = "soon"
    error = _rejected(json.dumps(changed))
    assert 'unknown keys: "deadline"' in str(error)
    assert _paths(error) == [f"{FIRST}.actions[0]"]


def test_missing_keys_are_reported(data: Data) -> None:
    changed = copy.deepcopy(data)
    del _action(changed)["text"]
    assert _paths(_rejected(json.dumps(changed))) == [f"{FIRST}.actions[0].text"]


def test_a_period_that_ends_before_it_starts(data: Data) -> None:
    changed = copy.deepcopy(data)
    _initiative(changed)["dates"][0]["period"]["end"] = "1900-01-01"
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"{FIRST}.dates[0].period"]
    assert "ends before it starts" in str(error)


# -- references the schema cannot express ----------------------------------------------------
def test_a_duplicate_id(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed, 1)["id"] = _action(changed, 0)["id"]
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"{FIRST}.actions[1].id"]
    assert "duplicate ID" in str(error)


def test_a_duplicate_id_across_kinds(data: Data) -> None:
    changed = copy.deepcopy(data)
    changed["sections"][0]["goals"][0]["id"] = _initiative(changed)["id"]
    assert _paths(_rejected(json.dumps(changed))) == [f"{FIRST}.id"]


def test_an_undefined_footnote(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed)["footnotes"] = [*_action(changed)["footnotes"], 9999]
    index = len(_action(changed)["footnotes"]) - 1
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"{FIRST}.actions[0].footnotes[{index}]"]
    assert "footnote 9999" in str(error)


def test_an_undefined_footnote_on_a_goal(data: Data) -> None:
    changed = copy.deepcopy(data)
    changed["sections"][0]["goals"][0]["footnotes"] = [9999]
    assert _paths(_rejected(json.dumps(changed))) == ["$.sections[0].goals[0].footnotes[0]"]


def test_an_unknown_ministry_code(data: Data) -> None:
    changed = copy.deepcopy(data)
    _initiative(changed)["ministries"][0]["code"] = "不明省"
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"{FIRST}.ministries[0].code"]
    assert "不明省" in str(error)


def test_an_unknown_program(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed)["programs"] = ["no-such-program"]
    assert _paths(_rejected(json.dumps(changed))) == [f"{FIRST}.actions[0].programs[0]"]


def test_a_missing_parent(data: Data) -> None:
    changed = copy.deepcopy(data)
    _action(changed)["initiative_id"] = "6.99.99"
    error = _rejected(json.dumps(changed))
    assert _paths(error) == [f"{FIRST}.actions[0].initiative_id"]
    note = _initiative(changed)["status_notes"][0]
    note["initiative_id"] = "nowhere"
    assert f"{FIRST}.status_notes[0].initiative_id" in _paths(_rejected(json.dumps(changed)))


def test_registry_and_footnote_keys_match_their_objects(data: Data) -> None:
    changed = copy.deepcopy(data)
    code = next(iter(changed["ministries"]))
    changed["ministries"][code]["code"] = "他"
    number = next(iter(changed["footnotes"]))
    changed["footnotes"][number]["number"] = 99999
    program = next(iter(changed["programs"]))
    changed["programs"][program]["part_of"] = "nothing"
    paths = _paths(_rejected(json.dumps(changed)))
    assert f'$.ministries["{code}"].code' in paths
    assert f'$.footnotes["{number}"].number' in paths
    assert f'$.programs["{program}"].part_of' in paths


def test_a_footnote_cited_by_a_missing_object(data: Data) -> None:
    changed = copy.deepcopy(data)
    number = next(iter(changed["footnotes"]))
    changed["footnotes"][number]["cited_by"] = ["nobody"]
    assert _paths(_rejected(json.dumps(changed))) == [f'$.footnotes["{number}"].cited_by[0]']


def test_every_problem_is_listed_with_its_path(data: Data) -> None:
    changed = copy.deepcopy(data)
    changed["sections"][0]["title"] = None
    _action(changed)["repost"] = "false"
    _action(changed, 1)["id"] = _action(changed)["id"]
    _action(changed)["footnotes"] = [9999]
    _action(changed)["initiative_id"] = "x"
    error = _rejected(json.dumps(changed))
    assert sorted(_paths(error)) == sorted(
        [
            "$.sections[0].title",
            f"{FIRST}.actions[0].repost",
            f"{FIRST}.actions[1].id",
            f"{FIRST}.actions[0].footnotes[0]",
            f"{FIRST}.actions[0].initiative_id",
        ]
    )
    text = str(error)
    assert "\n" not in text  # one line, as command lines print it
    assert " (and 4 more: " in text
    assert text.endswith(f" @ {error.path}")
    for path in _paths(error):
        assert f"@ {path}" in text


# -- text JSON can hold but no UTF-8 writer can: lone surrogates ----------------------------
MAPPINGS = {
    name
    for name, prop in json_schema()["$defs"]["Roadmap"]["properties"].items()
    if isinstance(prop.get("additionalProperties"), dict)
}


def _strings(value: Any, path: str = "$") -> Iterator[tuple[str, str, Any, Any, bool]]:
    """(kind, path, container, key, is_key) for every string of the document — values and
    object keys — with paths written as `loads()` writes them (`.field` in an object of a
    class, `["key"]` in a registry or the footnotes, `[n]` in an array); kind is the path
    with every index and registry key made a wildcard."""

    def walk(value: Any, path: str, kind: str) -> Iterator[tuple[str, str, Any, Any, bool]]:
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{kind}[*]", f"{path}[{index}]", value, index, False
                yield from walk(item, f"{path}[{index}]", f"{kind}[*]")
        elif isinstance(value, dict):
            mapping = path.removeprefix("$.") in MAPPINGS
            for key, item in value.items():
                if mapping:
                    step, sub = f"[{json.dumps(key, ensure_ascii=False)}]", '["*"]'
                    yield f"{kind}{sub}(key)", path, value, key, True
                else:
                    step = sub = f".{key}"
                if isinstance(item, str):
                    yield f"{kind}{sub}", path + step, value, key, False
                yield from walk(item, path + step, kind + sub)

    yield from walk(value, path, path)


def test_a_lone_surrogate_in_any_string_is_rejected_at_its_path(data: Data) -> None:
    """A `\\ud800` in any string — a value of any kind (text, ID, code, enum, date, decimal)
    or a registry key — is a LoadError at that string's path, not a roadmap that fails
    later in a writer (`UnicodeEncodeError` outside StpError); and the message itself
    escapes it, so the error can be printed and logged."""
    changed = json.loads(json.dumps(data))  # the document as read: footnote keys are strings
    kinds: dict[str, tuple[str, Any, Any, bool]] = {}
    for kind, path, container, key, is_key in _strings(changed):
        kinds.setdefault(kind, (path, container, key, is_key))
    assert len(kinds) > 30  # every kind of string the model has, keys included
    assert any(is_key for _, _, _, is_key in kinds.values())
    for kind, (path, container, key, is_key) in kinds.items():
        if is_key:
            bad = "\ud800" + key
            container[bad] = container.pop(key)
            quoted = json.dumps(bad, ensure_ascii=False).replace("\ud800", "\\ud800")
            where = f"{path}[{quoted}]"  # the surrogate escaped, as six characters
        else:
            bad = container[key] = "\ud800" + container[key]
            where = path
        try:
            for text in (json.dumps(changed), json.dumps(changed, ensure_ascii=False)):
                error = _rejected(text)
                assert where in _paths(error), kind
                str(error).encode("utf-8")  # printable: the surrogate is escaped
                for problem in error.problems:
                    "".join(problem).encode("utf-8")
        finally:
            if is_key:
                container[key] = container.pop(bad)
            else:
                container[key] = bad[1:]
    assert loads(json.dumps(changed)) == loads(json.dumps(data))  # all restored


@pytest.mark.parametrize("code", [0xD800, 0xDFFF, 0xD83D], ids=hex)
def test_a_lone_surrogate_is_named_in_the_message(data: Data, code: int) -> None:
    changed = copy.deepcopy(data)
    changed["sections"][0]["title"] = "前" + chr(code) + "後"
    error = _rejected(json.dumps(changed))
    assert _paths(error) == ["$.sections[0].title"]
    assert f"lone surrogate \\u{code:04x} at character 1" in str(error)


def test_a_surrogate_pair_written_as_escapes_is_one_character(data: Data) -> None:
    """`\\ud83d\\ude00` in JSON is one character (U+1F600), which UTF-8 can write."""
    changed = copy.deepcopy(data)
    changed["sections"][0]["title"] = "\U0001f600"
    text = json.dumps(changed)  # ASCII: the pair as two escapes
    assert "\\ud83d\\ude00" in text
    assert loads(text).sections[0].title == "\U0001f600"


def test_a_surrogate_in_utf8_bytes_is_rejected(data: Data) -> None:
    """Bytes holding an encoded surrogate (CESU-8, which `json.loads` reads with
    surrogatepass) are rejected too, at the string's path."""
    changed = copy.deepcopy(data)
    changed["title"] = "x\udc80"
    text = json.dumps(changed, ensure_ascii=False).encode("utf-8", "surrogatepass")
    assert b"\xed\xb2\x80" in text
    assert _paths(_rejected(text)) == ["$.title"]


def test_the_loaded_roadmap_can_always_be_written(roadmap: Roadmap) -> None:
    """What loads() accepts, dumps() and a UTF-8 file can take (the acceptance test
    writes it through export)."""
    again = loads(dumps(roadmap))
    dumps(again).encode("utf-8")


# -- duplicate keys: JSON would keep the last one silently ------------------------------------
def _with_first(text: str, at: str, member: str) -> str:
    """`text` with `member` ("key": value) put first in the object that opens at `at`."""
    start = text.index(at) + len(at)
    return text[:start] + member + ", " + text[start:]


def test_a_duplicate_key_at_the_top(roadmap: Roadmap) -> None:
    text = dumps(roadmap)
    error = _rejected(_with_first(text, "{", '"title": "shown to a reviewer"'))
    assert _paths(error) == ["$.title"]
    assert 'duplicate key "title"' in str(error)


def test_a_duplicate_key_deep_inside(data: Data) -> None:
    text = json.dumps(data, ensure_ascii=False)
    action = _action(data)
    at = '{"id": ' + json.dumps(action["id"], ensure_ascii=False)
    assert text.count(at) == 1
    error = _rejected(text.replace(at, at + ', "id": "6.1.1.a99"', 1))
    assert _paths(error) == [f"{FIRST}.actions[0].id"]
    assert 'duplicate key "id"' in str(error)


def test_a_duplicate_registry_key(data: Data) -> None:
    code = next(iter(data["ministries"]))
    text = json.dumps(data, ensure_ascii=False)
    error = _rejected(_with_first(text, '"ministries": {', json.dumps(code) + ": {}"))
    assert _paths(error) == [f"$.ministries[{json.dumps(code, ensure_ascii=False)}]"]


def test_a_duplicate_key_with_the_same_value_is_still_rejected() -> None:
    """Even an identical repeat: a document with one is not what dumps() writes."""
    error = _rejected('{"edition": 1, "edition": 1}')
    assert "$.edition" in _paths(error)


def test_every_duplicate_and_the_objects_other_problems_are_listed(data: Data) -> None:
    changed = copy.deepcopy(data)
    changed["sections"][0]["title"] = None
    text = json.dumps(changed, ensure_ascii=False)
    text = _with_first(text, "{", '"edition": 3, "edition": 4, "bogus": 1')
    text = _with_first(text, '"sections": [{', '"number": 1')
    assert sorted(_paths(_rejected(text))) == sorted(
        ["$.edition", "$", "$.sections[0].number", "$.sections[0].title"]
    )


def test_a_duplicate_key_hides_no_reference_check(data: Data) -> None:
    """The object with a duplicate is still read for IDs: its children are not then
    reported as missing."""
    text = json.dumps(data, ensure_ascii=False)
    at = '"sections": [{'
    error = _rejected(_with_first(text, at, '"title": ""'))
    assert _paths(error) == ["$.sections[0].title"]


# -- the schema -------------------------------------------------------------------------------
def test_schema_validates_the_export(roadmap: Roadmap) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    validator = jsonschema.Draft202012Validator(json_schema())
    validator.validate(json.loads(dumps(roadmap)))
    broken = json.loads(dumps(roadmap))
    broken["sections"][0]["number"] = "six"
    assert not validator.is_valid(broken)


def test_loads_pauses_the_collector_and_restores_it(
    roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from stpmodel import serialize

    seen: list[bool] = []
    real = serialize._parse_json

    def spy(text: str | bytes) -> Any:
        seen.append(gc.isenabled())
        return real(text)

    monkeypatch.setattr(serialize, "_parse_json", spy)
    assert loads(dumps(roadmap)) == roadmap
    with pytest.raises(LoadError):
        loads("[]")
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_json_export_is_compact_unless_asked_to_indent(
    roadmap: Roadmap, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from stpmodel.cli import main

    compact, pretty = tmp_path / "compact.json", tmp_path / "pretty.json"
    assert main(["export", "--format", "json", "-o", str(compact)]) == 0
    assert main(["export", "--format", "json", "--indent", "1", "-o", str(pretty)]) == 0
    assert compact.read_bytes() == dumps(roadmap).encode("utf-8")
    assert b"\n" not in compact.read_bytes()
    assert pretty.read_bytes() == dumps(roadmap, indent=1).encode("utf-8")  # the old bytes
    assert loads(compact.read_bytes()) == loads(pretty.read_bytes()) == roadmap
    assert main(["export", "--format", "csv", "--indent", "1", "-o", str(tmp_path / "c")]) == 2
    assert "--indent applies to --format json only" in capsys.readouterr().err
    assert main(["export", "--format", "json", "--indent", "-1", "-o", str(tmp_path / "x")]) == 2
    assert "not an indent: '-1'" in capsys.readouterr().err


def test_loaded_ministry_refs_are_shared_and_still_checked(data: Data) -> None:
    loaded = loads(json.dumps(data, ensure_ascii=False))
    refs = [ref for item in (*loaded.initiatives, *loaded.actions) for ref in item.ministries]
    by_value = {(ref.code, ref.lead): ref for ref in refs}
    assert all(ref is by_value[(ref.code, ref.lead)] for ref in refs)
    bad = copy.deepcopy(data)
    ref = bad["sections"][0]["subsections"][0]["initiatives"][0]["actions"][0]["ministries"][0]
    ref["lead"] = "yes"
    with pytest.raises(LoadError, match="expected true or false"):
        loads(json.dumps(bad, ensure_ascii=False))
