"""Exports: CSV (Excel-safe), SQLite, GraphML/GEXF, iCalendar, pandas, plots and HTML."""

from __future__ import annotations

import csv
import io
import sqlite3
import warnings
import zipfile
from datetime import date
from pathlib import Path
from typing import TypeGuard

import networkx as nx
import pytest

from stpmodel import Action, Indicator, Initiative, Roadmap, StatusNote, parse
from stpmodel.cli import main
from stpmodel.errors import WriteError
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


def _sqlite(roadmap: Roadmap, tmp_path: Path) -> sqlite3.Connection:
    from stpmodel.export.sqlite import write_sqlite

    path = tmp_path / "roadmap.sqlite"
    assert write_sqlite(roadmap, str(path)) == str(path)  # a str path, as well as a Path
    return sqlite3.connect(path)


def test_sqlite_answers_what_a_ministry_leads_in_one_where_clause(
    roadmap: Roadmap, tmp_path: Path
) -> None:
    db = _sqlite(roadmap, tmp_path)
    try:
        rows = db.execute(
            """
            SELECT DISTINCT id FROM ministry_deadlines
            WHERE code = '文' AND lead
              AND (first_year BETWEEN 2025 AND 2027 OR last_year BETWEEN 2025 AND 2027)
            """
        ).fetchall()
        expected = roadmap.deadlines(from_year=2025, to_year=2027, ministry="文", lead_only=True)
        assert sorted(r[0] for r in rows) == sorted({d.item.id for d in expected})
        assert len(rows) >= 2
        # the window rule of Roadmap.deadlines, written in SQL with no cast
        window = db.execute(
            "SELECT id, expression FROM deadlines "
            "WHERE first_year BETWEEN 2025 AND 2027 OR last_year BETWEEN 2025 AND 2027"
        ).fetchall()
        chosen = roadmap.deadlines(from_year=2025, to_year=2027)
        assert sorted(window) == sorted((d.item.id, d.mention.text) for d in chosen)
    finally:
        db.close()


def test_sqlite_columns_are_typed(roadmap: Roadmap, tmp_path: Path) -> None:
    db = _sqlite(roadmap, tmp_path)
    try:

        def declared(table: str) -> dict[str, str]:
            return {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({table})")}

        dates = declared("dates")
        assert {dates[c] for c in ("start", "end", "due")} == {"DATE"}
        assert {dates[c] for c in ("first_year", "last_year")} == {"INTEGER"}
        assert declared("observations")["value"] == "REAL"
        assert declared("observations")["as_of_end"] == "DATE"
        assert declared("actions")["first_due"] == "DATE"
        assert declared("actions")["repost"] == "BOOLEAN"
        # stored as numbers and ISO dates: they compare and sort with no cast
        assert db.execute("SELECT DISTINCT typeof(value) FROM observations").fetchall() == [
            ("real",)
        ]
        assert db.execute("SELECT DISTINCT typeof(first_year) FROM dates").fetchall() == [
            ("integer",)
        ]
        (value,) = db.execute(
            "SELECT value FROM observations WHERE label = 'カロリーベース'"
        ).fetchone()
        assert value == 38.0
        dues = [r[0] for r in db.execute("SELECT due FROM dates ORDER BY due")]
        assert dues == sorted(d.mention.due.isoformat() for d in roadmap.deadlines())
        assert db.execute(
            "SELECT count(*) FROM deadlines WHERE due BETWEEN '2025-04-01' AND '2028-03-31'"
        ).fetchone()[0] == sum(
            date(2025, 4, 1) <= d.mention.due <= date(2028, 3, 31) for d in roadmap.deadlines()
        )
    finally:
        db.close()


def test_sqlite_keys_indexes_and_views(roadmap: Roadmap, tmp_path: Path) -> None:
    db = _sqlite(roadmap, tmp_path)
    try:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        assert counts["actions"] == len(roadmap.actions)
        assert counts["status_notes"] == len(roadmap.status_notes)
        assert counts["dates"] == len(roadmap.deadlines())
        # every column that refers to another table (and every *_id) has an index
        for table in TABLES:
            indexed = {
                db.execute(f"PRAGMA index_info({index[1]})").fetchone()[2]
                for index in db.execute(f"PRAGMA index_list({table})")
            }
            refs = {r[3] for r in db.execute(f"PRAGMA foreign_key_list({table})")}
            ids = {c for c in TABLES[table] if c.endswith("_id") or c == "footnote_number"}
            assert refs | ids <= indexed, table
        view = db.execute(
            "SELECT id, ministries, lead_ministries, first_year, last_year FROM deadlines"
        ).fetchall()
        assert view == [
            (
                d.item.id,
                "、".join(r.code for r in d.item.ministries) or None,
                "、".join(d.item.lead_ministries) or None,
                d.mention.period.year,
                d.mention.period.last_year,
            )
            for d in roadmap.deadlines()
        ]
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO actions (id, initiative_id, text, repost, dates, line, source)"
                " VALUES ('x', 'no-such-initiative', 't', 0, 0, 1, 's:1')"
            )
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


def _is_item(node: object) -> TypeGuard[Initiative | Action | StatusNote]:
    return isinstance(node, Initiative | Action | StatusNote)


def test_frames(roadmap: Roadmap) -> None:
    pd = pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    from stpmodel import to_frame
    from stpmodel.export.frame import FRAMES

    sizes = {
        "initiatives": len(roadmap.initiatives),
        "actions": len(roadmap.actions),
        "status_notes": len(roadmap.status_notes),
        "deadlines": len(roadmap.deadlines()),
        "indicators": len(roadmap.indicators),
        "observations": sum(len(i.observations) for i in roadmap.indicators),
        "ministries": len(roadmap.ministries),
        "programs": len(roadmap.programs),
        "program_phases": sum(len(p.phases) + len(p.goals) for p in roadmap.programs.values()),
        "program_mentions": sum(
            len(node.program_mentions)
            for node in roadmap.walk()
            if _is_item(node) or isinstance(node, Indicator)
        ),
        "footnotes": len(roadmap.footnotes),
        "item_ministries": sum(len(i.ministries) for i in (*roadmap.initiatives, *roadmap.actions)),
        "item_programs": sum(len(node.programs) for node in roadmap.walk() if _is_item(node)),
        "dates": len(roadmap.deadlines()),
        "citations": sum(len(f.cited_by) for f in roadmap.footnotes.values()),
        "sections": len(roadmap.sections),
        "subsections": len(roadmap.subsections),
    }
    assert set(FRAMES) == set(sizes)
    for what, size in sizes.items():
        frame = to_frame(roadmap, what)
        assert list(frame.columns) == list(FRAMES[what]), what
        assert len(frame) == size, what
    actions = to_frame(roadmap, "actions")
    assert pd.api.types.is_datetime64_any_dtype(actions["first_due"])
    a3 = actions.set_index("id").loc["6.1.2.a3"]
    assert a3["ministries"] == ["科技"]
    assert a3["lead_ministries"] == ["科技"]
    deadlines = to_frame(roadmap, "deadlines")
    for column in ("start", "end", "due"):
        assert pd.api.types.is_datetime64_any_dtype(deadlines[column]), column
    assert deadlines["ministries"].map(type).eq(list).all()
    long = to_frame(roadmap, "item_ministries")
    assert long["lead"].dtype == bool
    exploded = actions.explode("ministries").dropna(subset=["ministries"])
    assert len(exploded) == int((long["kind"] == "action").sum())
    obs = to_frame(roadmap, "observations")
    assert obs["value"].dtype == "float64"
    assert obs.loc[obs["label"] == "カロリーベース", ["value", "unit"]].values.tolist() == [
        [38.0, "%"]
    ]
    indicators = to_frame(roadmap, "indicators")
    assert indicators["latest_value"].dtype == "float64"
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        to_frame(roadmap, "nope")
    with pytest.raises(TypeError, match="what must be a table name"):
        to_frame(roadmap, 3)  # type: ignore[arg-type]


def test_frames_of_a_small_roadmap_keep_their_columns() -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    from stpmodel.export.frame import FRAMES, to_frame

    small = parse(HEAD + "○取組。【科技】\t・実施。\t・推進。【文】\n")
    empty = to_frame(small, "observations")
    assert (len(empty), list(empty.columns)) == (0, list(FRAMES["observations"]))
    assert str(empty["as_of_end"].dtype).startswith("datetime64")
    assert empty["value"].dtype == "float64"


def test_result_collections_tabulate_like_the_frames(roadmap: Roadmap) -> None:
    pd = pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    from stpmodel.export.frame import FRAMES, to_frame

    chosen = roadmap.deadlines(from_year=2025, to_year=2027).to_frame()
    assert len(chosen) == 9
    for column in ("start", "end", "due"):
        assert pd.api.types.is_datetime64_any_dtype(chosen[column]), column
    assert chosen["approximate"].dtype == bool
    everything = to_frame(roadmap, "deadlines")
    assert list(chosen.columns) == list(everything.columns)
    assert (chosen.dtypes == everything.dtypes).all()
    assert set(chosen["id"]) <= set(everything["id"])
    none = roadmap.deadlines(from_year=2090).to_frame()
    assert (len(none), list(none.columns)) == (0, list(FRAMES["deadlines"]))
    assert pd.api.types.is_datetime64_any_dtype(none["due"])


def _workbook_value(value: object) -> object:
    """A frame's value as the workbook should hold it."""
    import pandas as pd

    from stpmodel.export.xlsx import cell_value

    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.to_pydatetime()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return cell_value(value)


def test_xlsx_holds_the_frames(roadmap: Roadmap, tmp_path: Path) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    from stpmodel.export.frame import FRAMES, to_frame

    path = tmp_path / "roadmap.xlsx"
    assert export(roadmap, "xlsx", path) == str(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(FRAMES)
    for name in FRAMES:
        sheet = book[name]
        frame = to_frame(roadmap, name).astype(object)
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert values[0] == list(frame.columns), name
        expected = [[_workbook_value(v) for v in row] for row in frame.itertuples(index=False)]
        assert values[1:] == expected, name
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
    deadlines = book["deadlines"]
    due = deadlines.cell(row=2, column=list(FRAMES["deadlines"]).index("due") + 1)
    assert due.is_date
    assert due.number_format == "yyyy-mm-dd"
    # widths follow the text: a column of Japanese text is wider than one of IDs
    widths = {c: deadlines.column_dimensions[c].width for c in ("A", "D")}
    assert widths["D"] > widths["A"]


def test_xlsx_neutralises_formulas_and_control_characters(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    from stpmodel.export.xlsx import write_xlsx

    evil = parse(HEAD + "○取組\x01\x1b[2J。【科技】\t・=HYPERLINK(1)\t・＋1+2 を推進。【文】\n")
    path = tmp_path / "evil.xlsx"
    write_xlsx(evil, str(path))
    book = openpyxl.load_workbook(path)
    notes = [r[2] for r in book["status_notes"].iter_rows(min_row=2, values_only=True)]
    actions = [r[2] for r in book["actions"].iter_rows(min_row=2, values_only=True)]
    initiatives = [r[2] for r in book["initiatives"].iter_rows(min_row=2, values_only=True)]
    assert notes == ["'=HYPERLINK(1)"]
    assert actions == ["'＋1+2 を推進。"]
    assert initiatives == ["取組\ufffd\ufffd[2J。"]  # what xlsx cannot hold, as U+FFFD
    for sheet in book:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    with pytest.raises(WriteError, match="it exists"):
        write_xlsx(evil, path)


def test_xlsx_from_the_command_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    target = tmp_path / "roadmap.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert target.read_bytes()[:2] == b"PK"


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


def test_a_missing_extra_names_the_install_line_excel(
    roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from stpmodel import MissingExtraError
    from stpmodel.export.xlsx import write_xlsx

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    with pytest.raises(MissingExtraError, match=r"pip install 'stpmodel\[excel\]'"):
        write_xlsx(roadmap, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


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


CONTROLS = HEAD + (
    "○取組\x01\x1b[2J。【科技】\t・実施\x1b[31m\x7f。\t・2025年度までに推進\x1b]0;x\x07。【文】\n"
)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_files_with_control_characters_read_back(tmp_path: Path, fmt: str) -> None:
    roadmap = parse(CONTROLS)
    assert "\x01" in roadmap.initiatives[0].text  # the model keeps the text as the source has it
    path = tmp_path / f"r.{fmt}"
    export(roadmap, fmt, path)
    data = path.read_bytes()
    assert b"\x1b" not in data
    assert b"\x01" not in data
    again = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    labels = [str(d.get("label", "")) for _, d in again.nodes(data=True)]
    assert any("取組\ufffd\ufffd[2J。" in label for label in labels)
    assert again.number_of_nodes() == build_graph(roadmap).number_of_nodes()


def test_calendar_with_control_characters_reads_back(tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar", reason="the 'ics' extra is not installed")
    from stpmodel.export.ics import write_calendar

    roadmap = parse(CONTROLS)
    path = tmp_path / "r.ics"
    assert write_calendar(roadmap, path) == str(path)
    data = path.read_bytes()
    assert b"\x1b" not in data
    assert b"\x07" not in data
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == "[1.1.1.a1] 2025年度までに推進\ufffd]0;x\ufffd。"
    with pytest.raises(WriteError, match="it exists"):
        write_calendar(roadmap, path)


# -- one declaration per column ----------------------------------------------------------
def _declared(name: str, *, flat: bool) -> list[tuple[str, str]]:
    """`(column, kind)` of the table `name` as its record declares it."""
    from stpmodel.export.tables import SPECS

    spec = SPECS[name]
    return [(c.name, c.kind) for c in (spec.flat if flat else spec.columns)]


_SQL_KINDS = {
    "TEXT": {"str", "list"},
    "INTEGER": {"int"},
    "REAL": {"float"},
    "BOOLEAN": {"bool"},
    "DATE": {"date"},
}


def test_every_export_takes_its_columns_from_the_records(roadmap: Roadmap, tmp_path: Path) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    from stpmodel.export.tables import SPECS

    relational = [name for name, spec in SPECS.items() if spec.relational]
    assert {"item_programs", "citations", "dates"} <= set(relational)
    # frames: every table, with the record's columns
    for name in SPECS:
        frame = roadmap.to_frame(name)
        assert list(frame.columns) == [c for c, _ in _declared(name, flat=False)], name
    # SQLite: names, order and declared types; the deadlines view: the deadlines frame's
    db = _sqlite(roadmap, tmp_path)
    try:
        for name in relational:
            info = [(r[1], r[2]) for r in db.execute(f"PRAGMA table_info({name})")]
            declared = _declared(name, flat=True)
            assert [c for c, _ in info] == [c for c, _ in declared], name
            for (column, sql), (_, kind) in zip(info, declared, strict=True):
                assert kind in _SQL_KINDS[sql], (name, column, sql, kind)
        view = [r[1] for r in db.execute("PRAGMA table_info(deadlines)")]
        assert view == [c for c, _ in _declared("deadlines", flat=False)]
    finally:
        db.close()
    # CSV: one file per relational table, its header the declaration
    export(roadmap, "csv", tmp_path / "csv")
    for name in relational:
        with (tmp_path / "csv" / f"{name}.csv").open(encoding="utf-8-sig") as f:
            header = next(csv.reader(f))
        assert header == [c for c, _ in _declared(name, flat=True)], name
    # Excel: one sheet per frame, its header row the declaration
    export(roadmap, "xlsx", tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    try:
        for name in SPECS:
            first = next(book[name].iter_rows(max_row=1, values_only=True))
            assert list(first) == [c for c, _ in _declared(name, flat=False)], name
    finally:
        book.close()


def test_no_column_list_is_written_twice_in_the_source() -> None:
    """A run of six quoted column names in a row (a whole table's, where it has fewer), in
    the declared order, is a copy of a record's column list: none may appear under src/.
    A view that shows a few chosen columns in its own order (the report's download, the
    notebook's tables) is a choice of its own, not a copy."""
    import re

    from stpmodel.export.tables import SPECS

    source = Path(__file__).parent.parent / "src" / "stpmodel"
    texts = {p: p.read_text(encoding="utf-8") for p in source.rglob("*.py")}
    runs = [(name, spec.names) for name, spec in SPECS.items()]
    runs += [(name, tuple(c.name for c in spec.flat)) for name, spec in SPECS.items()]
    for name, names in runs:
        width = min(len(names), 6)
        for i in range(len(names) - width + 1):
            chosen = names[i : i + width]
            run = r"\s*,\s*".join(f"[\"']{re.escape(n)}[\"']" for n in chosen)
            copies = [p.name for p, text in texts.items() if re.search(run, text)]
            assert copies == [], (name, chosen, copies)


def test_sqlite_dates_and_deadlines_carry_the_fiscal_year(roadmap: Roadmap, tmp_path: Path) -> None:
    db = _sqlite(roadmap, tmp_path)
    try:
        for name in ("dates", "deadlines"):
            types = {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({name})")}
            assert types["fiscal_year"] == "INTEGER", name
            assert types["fiscal_quarter"] == "INTEGER", name
        rows = db.execute(
            "SELECT id, fiscal_quarter, typeof(fiscal_year) FROM deadlines WHERE fiscal_year = 2026"
        ).fetchall()
        assert rows == [("6.1.2.a6", 3, "integer")]
        by_year = dict(db.execute("SELECT fiscal_year, count(*) FROM dates GROUP BY fiscal_year"))
        for year, count in by_year.items():
            assert len(roadmap.deadlines(fiscal_year=year)) == count, year
    finally:
        db.close()


def test_frames_and_csv_carry_the_fiscal_year(roadmap: Roadmap, tmp_path: Path) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    deadlines = roadmap.to_frame("deadlines")
    assert deadlines["fiscal_year"].dtype == "int64"
    assert deadlines.loc[deadlines["fiscal_year"] == 2026, "id"].tolist() == ["6.1.2.a6"]
    observations = roadmap.to_frame("observations")
    assert str(observations["fiscal_year"].dtype) == "Int64"
    assert str(observations["footnote"].dtype) == "Int64"
    export(roadmap, "csv", tmp_path / "csv")
    dates = _read_csv(tmp_path / "csv" / "dates.csv")
    assert [r["item_id"] for r in dates if r["fiscal_year"] == "2026"] == ["6.1.2.a6"]


# -- Parquet, Arrow and polars -------------------------------------------------------------
def test_duckdb_reads_the_parquet_export_like_the_frames(
    roadmap: Roadmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    duckdb = pytest.importorskip("duckdb", reason="duckdb (a dev dependency) is not installed")
    pytest.importorskip("pyarrow", reason="the 'parquet' extra is not installed")
    from stpmodel.export.frame import all_frame_records
    from stpmodel.export.tables import SPECS

    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", "parquet", "-o", "out/"]) == 0
    assert sorted(p.name for p in Path("out").iterdir()) == sorted(f"{n}.parquet" for n in SPECS)
    [(count,)] = duckdb.sql("select count(*) from read_parquet('out/deadlines.parquet')").fetchall()
    assert count == len(roadmap.deadlines()) == len(roadmap.to_frame("deadlines"))
    [(fy,)] = duckdb.sql(
        "select list(id) from read_parquet('out/deadlines.parquet') where fiscal_year = 2026"
    ).fetchall()
    assert fy == ["6.1.2.a6"]
    sql_types = {
        "str": "VARCHAR",
        "int": "BIGINT",
        "float": "DOUBLE",
        "bool": "BOOLEAN",
        "date": "DATE",
    }
    records = all_frame_records(roadmap)
    for name, spec in SPECS.items():
        relation = duckdb.sql(f"select * from read_parquet('out/{name}.parquet')")
        assert relation.columns == list(spec.names), name
        expected = [
            f"{sql_types[c.item]}[]" if c.kind == "list" else sql_types[c.kind]
            for c in spec.columns
        ]
        assert [str(t) for t in relation.types] == expected, name
        assert relation.fetchall() == [tuple(r.values()) for r in records[name]], name


def test_the_parquet_export_keeps_the_rules_of_safe_output(
    roadmap: Roadmap, tmp_path: Path
) -> None:
    pytest.importorskip("pyarrow", reason="the 'parquet' extra is not installed")
    target = tmp_path / "pq"
    export(roadmap, "parquet", target)
    before = (target / "actions.parquet").read_bytes()
    with pytest.raises(WriteError, match=r"already holds .*actions\.parquet"):
        export(roadmap, "parquet", target)
    assert (target / "actions.parquet").read_bytes() == before
    (target / "mine.txt").write_text("not ours")
    export(roadmap, "parquet", target, overwrite=True)
    assert (target / "mine.txt").read_text() == "not ours"
    assert not [p.name for p in target.iterdir() if not p.name.endswith((".parquet", ".txt"))]


def test_to_arrow_is_typed_from_the_record(roadmap: Roadmap) -> None:
    pa = pytest.importorskip("pyarrow", reason="the 'parquet' extra is not installed")
    table = roadmap.to_arrow("deadlines")
    assert isinstance(table, pa.Table)
    assert table.num_rows == len(roadmap.deadlines())
    assert table.schema.field("due").type == pa.date32()
    assert table.schema.field("fiscal_year").type == pa.int64()
    assert table.schema.field("ministries").type == pa.list_(pa.string())
    observations = roadmap.to_arrow("observations")
    assert observations.schema.field("value").type == pa.float64()
    assert observations.schema.field("footnote").nullable
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        roadmap.to_arrow("nope")


def test_polars_frames_without_pandas(tmp_path: Path) -> None:
    pytest.importorskip("polars", reason="the 'polars' extra is not installed")
    import subprocess
    import sys

    script = (
        "import sys, stpmodel, polars\n"
        "r = stpmodel.load()\n"
        "f = r.to_frame('deadlines', engine='polars')\n"
        "assert isinstance(f, polars.DataFrame), type(f)\n"
        "assert f.height == len(r.deadlines())\n"
        "assert str(f.schema['due']) == 'Date' and str(f.schema['fiscal_year']) == 'Int64'\n"
        "assert f.filter(polars.col('fiscal_year') == 2026)['id'].to_list() == ['6.1.2.a6']\n"
        "q = r.deadlines(fiscal_year=2026).to_frame(engine='polars')\n"
        "assert q.columns == f.columns and q.height == 1\n"
        "assert r.to_frame('item_programs', engine='polars').height > 0\n"
        "assert 'pandas' not in sys.modules, 'pandas was imported'\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "ok\n", "")


def test_a_frame_engine_must_be_known(roadmap: Roadmap) -> None:
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        roadmap.to_frame("actions", engine="spark")
