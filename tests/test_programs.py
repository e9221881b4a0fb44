"""Programs across the library: their fields in JSON and the schema, the queries, the
collection of mentions, the SQLite and xlsx tables and the graph."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import stpmodel
from stpmodel import query
from stpmodel.roadmap import Roadmap
from stpmodel.schema import json_schema
from stpmodel.serialize import dumps, loads


# -- JSON ----------------------------------------------------------------------------------
def test_the_new_fields_round_trip_and_are_in_the_schema(roadmap: Roadmap) -> None:
    text = dumps(roadmap)
    assert loads(text) == roadmap
    defs = json_schema()["$defs"]
    for name in ("Phase", "ProgramMention", "Operator"):
        assert name in defs, name
    assert "program_mentions" in defs["Action"]["properties"]
    assert "repost_of" in defs["Action"]["properties"]
    assert "phases" in defs["Program"]["properties"]
    data = json.loads(text)
    data["programs"]["prism"]["successor"] = "nowhere"
    with pytest.raises(stpmodel.LoadError, match="unknown program 'nowhere'"):
        loads(json.dumps(data))


# -- queries and exports ---------------------------------------------------------------------
def test_the_resolver_returns_registry_programs_with_phases(roadmap: Roadmap) -> None:
    sip = roadmap.program("S I P")
    period = sip.phase(3).period
    assert period is not None
    assert (period.start, period.end) == (dt.date(2023, 4, 1), dt.date(2028, 3, 31))
    sixth = roadmap.program("科学技術・イノベーション基本計画").phase(6)
    assert (sixth.start_fy, sixth.end_fy) == (2021, 2025)


def test_deadlines_of_a_phase(roadmap: Roadmap) -> None:
    third = roadmap.deadlines(program="SIP", phase=3)
    assert {d.item.id for d in third} == {"6.3.1", "6.3.1.a2", "6.3.1.a3", "6.3.2", "6.3.2.a1"}
    assert query.deadlines(roadmap, program="sip", phase=3) == third
    assert roadmap.deadlines(program="SIP", phase=1) == ()
    with pytest.raises(ValueError, match="phase= needs program="):
        roadmap.deadlines(phase=3)
    with pytest.raises(TypeError, match="phase"):
        roadmap.deadlines(program="SIP", phase="3")  # type: ignore[arg-type]


def test_program_mentions_collection(roadmap: Roadmap) -> None:
    found = roadmap.program_mentions("SIP", phase=3)
    records = found.records()
    assert {"item_id", "program_id", "phase", "text", "start", "end", "inferred", "rule"} <= set(
        records[0]
    )
    assert all(r["program_id"] == "sip" and r["phase"] == 3 for r in records)
    assert {r["item_id"] for r in records if r["rule"] == "next-phase"} >= {"6.k1", "6.3.2"}
    assert all(not r["inferred"] for r in roadmap.program_mentions(inferred=False).records())
    assert "<table" in found._repr_html_()
    assert isinstance(found[:2], stpmodel.ProgramMentions)
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    frame = found.to_frame()
    assert str(frame["start"].dtype).startswith("datetime64")
    assert frame["inferred"].dtype == bool


def test_sqlite_program_tables_have_date_columns(roadmap: Roadmap, tmp_path: Path) -> None:
    import sqlite3

    from stpmodel.export.sqlite import write_sqlite

    path = write_sqlite(roadmap, tmp_path / "r.sqlite")
    db = sqlite3.connect(path)
    try:
        for table in ("program_phases", "program_mentions"):
            declared = {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({table})")}
            assert (declared["start"], declared["end"]) == ("DATE", "DATE"), table
        row = db.execute(
            "SELECT start, end, confirmed FROM program_phases "
            "WHERE program_id = 'sip' AND kind = 'phase' AND number = 3"
        ).fetchone()
        assert row == ("2023-04-01", "2028-03-31", 1)
        (count,) = db.execute(
            "SELECT count(*) FROM program_mentions WHERE rule = 'subject' AND program_id = 'moonshot'"
        ).fetchone()
        assert count == 5  # 6.2.2.s1, s7, a1, a2, a4
    finally:
        db.close()


def test_the_graph_has_phases_lineage_and_mention_rules(roadmap: Roadmap) -> None:
    pytest.importorskip("networkx", reason="the 'graph' extra is not installed")
    from stpmodel.graph import build_graph, neighbors, phase_node

    graph = build_graph(roadmap)
    third = phase_node("sip", 3)
    assert graph.nodes[third]["start_fy"] == 2023
    assert third in neighbors(graph, "sip", relation="phase")
    assert "bridge" in neighbors(graph, "prism", relation="succeeded_by")
    edges = [d for _, t, d in graph.out_edges("6.2.2.a1", data=True) if t == "moonshot"]
    assert [(d["rule"], d["inferred"]) for d in edges] == [("subject", True)]
    next_sip = [d for _, t, d in graph.out_edges("6.k1", data=True) if t == "sip"]
    assert [(d["rule"], d["phase"]) for d in next_sip] == [("next-phase", 3)]
    reposts = sorted((a, b) for a, b, r in graph.edges(data="relation") if r == "reposts")
    assert reposts == [("6.1.5.a2", "6.1.5.a1"), ("6.3.1.a1", "6.2.1.a1")]


def test_xlsx_has_the_program_sheets(roadmap: Roadmap, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'xlsx' extra is not installed")
    from stpmodel.export import export

    path = tmp_path / "r.xlsx"
    export(roadmap, "xlsx", path)
    book = openpyxl.load_workbook(path)
    rows = list(book["program_phases"].iter_rows(values_only=True))
    header = rows[0]
    sip3 = next(r for r in rows[1:] if r[0] == "sip" and r[3] == "第3期")
    assert sip3[header.index("start")] == dt.datetime(2023, 4, 1)
    assert sip3[header.index("end")] == dt.datetime(2028, 3, 31)
    assert "rule" in next(book["program_mentions"].iter_rows(values_only=True))
