"""Exports: CSV (Excel-safe), SQLite, GraphML/GEXF, iCalendar, pandas, plots and HTML."""

from __future__ import annotations

import csv
import io
import sqlite3
import warnings
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from stpmodel import Roadmap, parse
from stpmodel.cli import main
from stpmodel.export import export
from stpmodel.export.tables import TABLES, guard, tables, unguard
from stpmodel.graph import build_graph

HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def _read_csv(path: Path) -> list[dict[str, str]]:
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel in Japan needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_csv_round_trips_the_texts(roadmap: Roadmap, tmp_path: Path) -> None:
    export(roadmap, "csv", tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(
        f"{n}.csv" for n in TABLES
    )
    actions = _read_csv(tmp_path / "csv" / "actions.csv")
    assert [unguard(r["text"]) for r in actions] == [a.text for a in roadmap.actions]
    notes = _read_csv(tmp_path / "csv" / "status_notes.csv")
    assert [unguard(r["text"]) for r in notes] == [n.text for n in roadmap.status_notes]


def test_csv_guards_against_formula_injection(tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://example.invalid","x")'
    roadmap = parse(HEAD + f"○取組。【科技】\t・{evil}\t・+1+2 を推進。【文】\n")
    export(roadmap, "csv", tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        text = archive.read("status_notes.csv").decode("utf-8")
        actions = archive.read("actions.csv").decode("utf-8")
    (row,) = csv.DictReader(io.StringIO(text[1:]))
    assert row["text"] == "'" + evil
    assert unguard(row["text"]) == evil
    assert "'+1+2 を推進。" in actions
    assert guard("@SUM(A1)") == "'@SUM(A1)"
    assert guard("-1") == "'-1"
    assert guard("普通の文") == "普通の文"
    assert guard(3) == 3


def test_sqlite_answers_a_question_in_one_query(roadmap: Roadmap, tmp_path: Path) -> None:
    path = tmp_path / "roadmap.sqlite"
    export(roadmap, "sqlite", path)
    db = sqlite3.connect(path)
    try:
        rows = db.execute(
            """
            SELECT DISTINCT a.id FROM actions a
            JOIN item_ministries m ON m.item_id = a.id AND m.code = ? AND m.lead = 1
            JOIN dates d ON d.item_id = a.id
            WHERE d.due BETWEEN ? AND ?
            ORDER BY a.id
            """,
            ("文", "2025-04-01", "2028-03-31"),  # due within FY2025–FY2027
        ).fetchall()
        assert rows == [("6.1.2.a6",), ("6.5.1.a6",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        assert counts["actions"] == 95
        assert counts["status_notes"] == 102
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO actions VALUES ('x', 'no-such-initiative', 't', 0, 1)")
    finally:
        db.close()


def test_tables_are_consistent(roadmap: Roadmap) -> None:
    data = tables(roadmap)
    for name, rows in data.items():
        assert all(len(row) == len(TABLES[name]) for row in rows), name


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_read_back(roadmap: Roadmap, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"roadmap.{fmt}"
    export(roadmap, fmt, path)
    graph = build_graph(roadmap)
    again = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert again.number_of_nodes() == graph.number_of_nodes()
    assert again.number_of_edges() == graph.number_of_edges()
    assert again.nodes["6.1.2.a3"]["kind"] == "action"


def test_json_export_and_unknown_format(roadmap: Roadmap, tmp_path: Path) -> None:
    export(roadmap, "json", tmp_path / "r.json")
    assert (tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")
    with pytest.raises(ValueError, match="unknown export format 'xls'"):
        export(roadmap, "xls", tmp_path / "r.xls")


def test_calendar(roadmap: Roadmap, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    icalendar = pytest.importorskip("icalendar", reason="the 'ics' extra is not installed")
    from stpmodel.export.ics import calendar_bytes

    chosen = roadmap.deadlines(from_year=2025, to_year=2027)
    data = calendar_bytes(roadmap, chosen)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(chosen) == 9
    by_uid = {str(e["uid"]): e for e in events}
    first = events[0]
    assert first.decoded("dtstart").isoformat() == "2026-03-31"  # FY2025 ends: 2025年度までに
    assert str(first["summary"]).startswith("[6.1.2.a3]")
    assert "府省: 科技*" in str(first["description"])
    again = icalendar.Calendar.from_ical(calendar_bytes(roadmap, chosen))
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(by_uid)
    assert len(by_uid) == 9
    status = main(["deadlines", "--from", "2025", "--to", "2027", "--format", "ics"])
    out = capsys.readouterr().out
    assert status == 0
    assert out.count("BEGIN:VEVENT") == 9


def test_frames(roadmap: Roadmap) -> None:
    pd = pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    from stpmodel import to_frame

    actions = to_frame(roadmap, "actions")
    assert len(actions) == 95
    assert str(actions["first_due"].dtype).startswith("datetime64")
    deadlines = to_frame(roadmap, "deadlines")
    assert pd.api.types.is_datetime64_any_dtype(deadlines["end"])
    assert len(to_frame(roadmap, "initiatives")) == 25
    assert len(to_frame(roadmap, "status_notes")) == 102
    obs = to_frame(roadmap, "observations")
    assert obs["value"].dtype == float
    assert obs.loc[obs["label"] == "カロリーベース", "value"].item() == 38.0
    with pytest.raises(ValueError, match="unknown table"):
        to_frame(roadmap, "nope")


def test_plots_render_japanese_without_missing_glyphs(roadmap: Roadmap, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the 'plot' extra is not installed")
    pytest.importorskip("matplotlib_fontja", reason="the 'plot' extra is not installed")
    from stpmodel.export.plot import plot_program_network, plot_timeline

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plot_timeline(roadmap, tmp_path / "timeline.png")
        plot_program_network(roadmap, tmp_path / "graph.png")
    glyphs = [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert glyphs == []
    assert (tmp_path / "timeline.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "graph.png").stat().st_size > 10_000


def test_plot_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("matplotlib_fontja", reason="the 'plot' extra is not installed")
    assert main(["plot", "timeline", "-o", str(tmp_path / "t.png"), "--from", "2024"]) == 0
    assert (tmp_path / "t.png").exists()


def test_a_missing_extra_names_the_install_line(
    roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from stpmodel import MissingExtraError
    from stpmodel.export.frame import to_frame
    from stpmodel.export.ics import calendar_bytes

    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "icalendar", None)
    with pytest.raises(MissingExtraError) as info:
        to_frame(roadmap)
    assert (
        str(info.value)
        == "DataFrames needs the optional package 'pandas': pip install 'stpmodel[pandas]'"
    )
    with pytest.raises(MissingExtraError, match=r"pip install 'stpmodel\[ics\]'"):
        calendar_bytes(roadmap)
