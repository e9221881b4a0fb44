"""Records: one plain row per model object, the same keys and values for every writer."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path
from typing import Any, get_type_hints

import pytest

from stpmodel import Action, Deadline, Initiative, Ministry, StatusNote, find_dates, records
from stpmodel.roadmap import Roadmap

SRC = Path(records.__file__)


def test_every_deadline_record_has_exactly_the_declared_keys(roadmap: Roadmap) -> None:
    declared = set(get_type_hints(records.DeadlineRecord))
    found = roadmap.deadlines()
    assert found
    for deadline in found:
        assert set(records.deadline_record(deadline)) == declared


def test_deadline_record_agrees_with_the_model(roadmap: Roadmap) -> None:
    for deadline in roadmap.deadlines():
        row = records.deadline_record(deadline)
        item, mention = deadline.item, deadline.mention
        assert row["id"] == item.id
        assert row["kind"] == deadline.kind
        assert row["expression"] == mention.text
        assert row["due"] == mention.due
        assert (row["start"], row["end"]) == (mention.period.start, mention.period.end)
        assert (row["first_year"], row["last_year"]) == (
            mention.period.year,
            mention.period.last_year,
        )
        assert row["ministries"] == [ref.code for ref in item.ministries]
        assert row["lead_ministries"] == list(item.lead_ministries)
        assert row["programs"] == list(item.programs)
        assert row["line"] == item.source.first_line
        parent = roadmap.parent(item.id)
        assert row["initiative_id"] == (item.id if row["kind"] == "initiative" else parent.id)  # type: ignore[union-attr]


def test_a_range_keeps_both_written_years(roadmap: Roadmap) -> None:
    item = roadmap.actions[0]
    (mention,) = find_dates("2025～2027年度に実施")
    row = records.deadline_record(Deadline(item=item, mention=mention))
    assert (row["first_year"], row["last_year"]) == (2025, 2027)
    assert (row["start"], row["due"]) == (dt.date(2025, 4, 1), dt.date(2028, 3, 31))
    assert row["label"] == "FY2025–FY2027"


def test_item_records_cover_every_kind_and_know_their_parent(roadmap: Roadmap) -> None:
    items: list[Initiative | Action | StatusNote] = [
        *roadmap.initiatives,
        *roadmap.status_notes,
        *roadmap.actions,
    ]
    declared = set(get_type_hints(records.ItemRecord))
    kinds = set()
    for item in items:
        parent = roadmap.parent(item.id)
        assert parent is not None
        assert not isinstance(parent, Ministry)
        row = records.item_record(item, parent.id)
        assert set(row) == declared
        assert row["parent_id"] == parent.id
        kinds.add(row["kind"])
        dues = [m.due for m in item.dates]
        assert row["first_due"] == (min(dues) if dues else None)
        assert row["dates"] == len(item.dates)
    assert kinds == {"initiative", "action", "status_note"}


def test_item_ministry_records_mark_the_lead(roadmap: Roadmap) -> None:
    rows = [r for a in roadmap.actions for r in records.item_ministry_records(a)]
    assert len(rows) == sum(len(a.ministries) for a in roadmap.actions)
    leads = {(r["item_id"], r["code"]) for r in rows if r["lead"]}
    assert leads == {(a.id, code) for a in roadmap.actions for code in a.lead_ministries}


def test_other_records_have_their_declared_keys(roadmap: Roadmap) -> None:
    pairs: list[tuple[Any, Any]] = [
        (records.RoadmapRecord, records.roadmap_record(roadmap)),
        *((records.SectionRecord, records.section_record(s)) for s in roadmap.sections),
        *((records.SubsectionRecord, records.subsection_record(s)) for s in roadmap.subsections),
        *((records.IndicatorRecord, records.indicator_record(i)) for i in roadmap.indicators),
        *((records.FootnoteRecord, records.footnote_record(f)) for f in roadmap.footnotes.values()),
        *(
            (records.MinistryRecord, records.ministry_record(m))
            for m in roadmap.ministries.values()
        ),
        *((records.ProgramRecord, records.program_record(p)) for p in roadmap.programs.values()),
        *(
            (records.ObservationRecord, records.observation_record(o, i.id))
            for i in roadmap.indicators
            for o in i.observations
        ),
    ]
    for record_type, row in pairs:
        assert set(row) == set(get_type_hints(record_type)), record_type.__name__


def test_subsection_and_indicator_records_know_their_section(roadmap: Roadmap) -> None:
    for section in roadmap.sections:
        for sub in section.subsections:
            assert records.subsection_record(sub)["section_id"] == section.id
        for ind in section.indicators:
            assert records.indicator_record(ind)["section_id"] == section.id


def test_latest_observation_is_the_latest_dated_one(roadmap: Roadmap) -> None:
    dated = [i for i in roadmap.indicators if any(o.as_of for o in i.observations)]
    assert dated, "the bundled roadmap has indicators with dated values"
    for ind in dated:
        row = records.indicator_record(ind)
        latest_end = max(o.as_of.end for o in ind.observations if o.as_of)
        assert any(
            o.as_of is not None
            and o.as_of.end == latest_end
            and float(o.value) == row["latest_value"]
            for o in ind.observations
        )


def test_jsonable_records_round_trip_through_json(roadmap: Roadmap) -> None:
    for deadline in roadmap.deadlines():
        row = records.deadline_record(deadline)
        back = json.loads(json.dumps(records.jsonable(row), ensure_ascii=False))
        assert back["due"] == row["due"].isoformat()
        assert dt.date.fromisoformat(back["start"]) == row["start"]
        assert {k: v for k, v in back.items() if k not in ("start", "end", "due")} == {
            k: v for k, v in row.items() if k not in ("start", "end", "due")
        }


# records.py and the parts it re-exports (the date, indicator and program records)
_RECORD_PARTS = ("_date_records", "_indicator_records", "_program_records")


@pytest.mark.parametrize("name", ["records", *_RECORD_PARTS])
def test_records_import_no_model_module_at_run_time(name: str) -> None:
    path = SRC.with_name(f"{name}.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    runtime: list[str] = []
    for node in tree.body:  # imports under `if TYPE_CHECKING:` are for type checkers only
        if isinstance(node, ast.ImportFrom) and node.module:
            runtime.append(node.module)
        elif isinstance(node, ast.Import):
            runtime.extend(alias.name for alias in node.names)
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef):
            for inner in ast.walk(func):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    runtime.append(inner.module)
    # the dates package sits below the model (the model imports it): the one fiscal-year
    # helper comes from there without a cycle; the parts of the records stand beside them
    below_the_model = ("stpmodel.dates", *(f"stpmodel.{part}" for part in _RECORD_PARTS))
    assert not [
        name for name in runtime if name.startswith("stpmodel") and name not in below_the_model
    ]


def test_every_column_kind_and_relation_has_a_label_in_both_languages() -> None:
    import typing

    from stpmodel import IndicatorKind, ItemKind, MinistryKind, Relation
    from stpmodel import records as rec
    from stpmodel._labels import COLUMNS, INDICATOR_KINDS, KINDS, MINISTRY_KINDS, RELATIONS

    columns = {
        key
        for name in rec.__all__
        if name.endswith("Record")
        for key in typing.get_type_hints(getattr(rec, name))
    }
    columns |= {"subsection_id"}  # the initiatives table's name for parent_id
    assert columns <= set(COLUMNS), columns - set(COLUMNS)
    assert {k.value for k in ItemKind} <= set(KINDS)
    assert set(rec._NODE_KINDS.values()) <= set(KINDS)
    assert {k.value for k in IndicatorKind} == set(INDICATOR_KINDS)
    assert {k.value for k in MinistryKind} == set(MINISTRY_KINDS)
    assert {r.value for r in Relation} == set(RELATIONS)
    for table in (COLUMNS, KINDS, INDICATOR_KINDS, MINISTRY_KINDS, RELATIONS):
        for label in table.values():
            assert label.ja, label
            assert label.en, label


def test_item_kinds_are_labelled_with_the_documents_own_headings() -> None:
    """The three columns of the roadmap's tables are headed 基本計画における具体的な取組,
    実施状況・現状分析 and 今後の取組方針 in the source text."""
    import stpmodel.data
    from stpmodel._labels import KINDS, kind_label

    (source,) = Path(stpmodel.data.__file__).parent.glob("*.txt")
    text = source.read_text(encoding="utf-8")
    for kind in ("initiative", "status_note", "action"):
        assert KINDS[kind].ja in text, kind
    assert kind_label("action") == "今後の取組方針"
    assert kind_label("action", "short") == "取組方針"
    assert kind_label("action", "en") == "action"
    assert kind_label("nope") == "nope"


def test_the_command_lines_rows_are_records(roadmap: Roadmap) -> None:
    """What `stpmodel search`, `programs` and `ministries` print are records: a search hit
    says `kind` as node_record does (it used to say `type`)."""
    import io
    from contextlib import redirect_stdout

    from stpmodel.cli import main

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        assert main(["search", "SIP", "--format", "json"]) == 0
    hits = json.loads(buffer.getvalue())
    assert hits
    assert all(set(hit) == set(get_type_hints(records.NodeRecord)) for hit in hits)
    assert hits[0]["kind"] in {"initiative", "action", "status_note", "indicator"}
    for command, record in (
        ("programs", records.ProgramUseRecord),
        ("ministries", records.MinistryUseRecord),
    ):
        buffer = io.StringIO()
        with redirect_stdout(buffer):
            assert main([command, "--format", "json"]) == 0
        rows = json.loads(buffer.getvalue())
        assert rows
        assert all(list(row) == list(get_type_hints(record)) for row in rows), command
