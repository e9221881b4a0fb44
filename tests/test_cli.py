"""The command line, in process: every command and the error exits."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from stpmodel.cli import main
from tests.conftest import DATA
from tests.test_query import EXPECTED_2025_2027


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_deadlines_json_lists_exactly_2025_2027(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "deadlines", "--from", "2025", "--to", "2027", "--format", "json"
    )
    assert (status, err) == (0, "")
    records = json.loads(out)
    assert [
        (r["id"], r["expression"], r["start"], r["end"], r["relation"]) for r in records
    ] == EXPECTED_2025_2027
    first = records[0]
    assert set(first) >= {
        "id",
        "kind",
        "text",
        "expression",
        "start",
        "end",
        "relation",
        "ministries",
        "programs",
        "line",
    }
    assert first["kind"] == "action"
    assert first["ministries"] == ["科技"]
    assert first["line"] == 46
    assert [r["programs"] for r in records if r["id"] == "6.3.2.a1"] == [["sip"]]


def test_deadlines_table_aligns_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    from stpmodel._format import display_width

    status, out, _ = run(capsys, "deadlines", "--from", "2025", "--to", "2027")
    assert status == 0
    lines = out.splitlines()
    assert lines[-1] == "9 deadlines"
    header = lines[0]
    column = display_width(header[: header.index("ID")])
    for line in lines[1:-1]:
        assert display_width(line[: line.index("6.")]) == column
        assert display_width(line) <= 160


def test_deadlines_csv_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "deadlines",
        "--from",
        "2025",
        "--to",
        "2027",
        "--ministry",
        "文",
        "--lead-only",
        "--format",
        "csv",
    )
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["6.1.2.a6", "6.5.1.a6"]
    status, out, _ = run(
        capsys, "deadlines", "--program", "sip", "--relation", "by", "--format", "json"
    )
    assert [r["id"] for r in json.loads(out)] == ["6.3.1.a2", "6.3.1.a3", "6.3.2.a1"]
    status, out, _ = run(capsys, "deadlines", "--from", "2090")
    assert out == "no deadlines match\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["deadlines", "--from", "abc"],
            "stpmodel deadlines: argument --from: not a year: 'abc' (expected e.g. 2025)\n",
        ),
        (
            ["deadlines", "--from", "2027", "--to", "2025"],
            "stpmodel: error: --from 2027 is after --to 2025\n",
        ),
        (
            ["deadlines", "--program", "nope"],
            "stpmodel: error: unknown program ID 'nope' (see 'stpmodel programs')\n",
        ),
        (
            ["show", "6.9.9"],
            "stpmodel: error: no object with ID '6.9.9' (IDs look like 6.1.2, 6.1.2.a3, 6.1.2.s1, fn94, 科技, sip)\n",
        ),
        (
            ["nonsense"],
            "stpmodel: argument COMMAND: invalid choice: 'nonsense' (choose from deadlines, show, programs, ministries, search, dates, parse, export, plot, schema, diff)\n",
        ),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert (
        err.replace(
            "'deadlines', 'show', 'programs', 'ministries', 'search', 'dates', 'parse', 'export', 'plot', 'schema', 'diff'",
            "deadlines, show, programs, ministries, search, dates, parse, export, plot, schema, diff",
        )
        == message
    )


def test_unknown_ministry_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "deadlines", "--ministry", "XX")
    assert status == 2
    assert err.startswith("stpmodel: error: unknown ministry code 'XX' (this roadmap has: 科技、文")
    assert err.count("\n") == 1


def test_internal_failure_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import stpmodel.query

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(stpmodel.query, "deadlines", boom)
    status, out, err = run(capsys, "deadlines")
    assert (status, out, err) == (1, "", "stpmodel: internal error: RuntimeError: kaboom\n")


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "show", "6.1.2.a3")
    assert status == 0
    assert out.splitlines()[:3] == [
        "6.1.2.a3  (Action)",
        "モリブデン-99/テクネチウム-99mのサプライチェーンについて2025年度までに体制整備のための取組を実施し、サプライチェーンの強化を推進。",
        "府省: 科技*  (* = 主担当, underlined)",
    ]
    assert "source: 000_1d8cfa0f98f72cfe.txt:46,58" in out
    for ident in ("6.1.2", "6", "6.1", "fn95", "6.r5", "科技", "sip"):
        assert run(capsys, "show", ident)[0] == 0
    status, out, _ = run(capsys, "show", "6.1.2", "--format", "json")
    assert json.loads(out)["id"] == "6.1.2"


def test_programs_ministries_search(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "programs")
    assert status == 0
    assert "sip" in out
    assert "aspire" in out
    status, out, _ = run(capsys, "ministries")
    assert out.splitlines()[1].startswith("科技")
    status, out, _ = run(capsys, "search", "SIP")
    assert status == 0
    assert out.splitlines()[-1] == "15 found"
    assert "6.1.2  A I、" in out


def test_dates_command(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, _ = run(capsys, "dates", "2025年度までに", "--format", "json")
    assert status == 0
    assert json.loads(out) == [
        {
            "text": "2025年度までに",
            "start": "2025-04-01",
            "end": "2026-03-31",
            "relation": "by",
            "granularity": "fiscal_year",
            "span": [0, 9],
        }
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("令和7年度末\nなし\n"))
    status, out, _ = run(capsys, "dates", "--format", "json")
    lines = out.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])[0]["end"] == "2026-03-31"
    assert json.loads(lines[1]) == []
    status, out, _ = run(capsys, "dates", "2024年7月までに")
    assert out == "2024年7月までに\n  2024年7月までに  2024-07-01..2024-07-31  by  month\n"
    status, out, _ = run(capsys, "dates", "--year", "2024", "来年度までに", "--format", "json")
    assert (json.loads(out)[0]["start"], json.loads(out)[0]["relation"]) == ("2025-04-01", "by")
    status, out, _ = run(capsys, "dates", "来年度までに")
    assert out == "来年度までに\n  (no dates)\n"


def test_parse_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    status, out, err = run(
        capsys, "parse", str(DATA / "variant_print.txt"), "--strict", "-o", str(target)
    )
    assert (status, err) == (0, "")
    assert "25 initiatives, 95 actions, 102 status notes" in out
    assert json.loads(target.read_text(encoding="utf-8"))["sections"][0]["number"] == 6
    bad = tmp_path / "bad.txt"
    bad.write_text("(1) 見出し\n① 小\n○取組。【謎】\t・実施。\t・推進。【謎】\n", encoding="utf-8")
    status, out, err = run(capsys, "parse", str(bad))
    assert status == 0
    assert (
        err.splitlines()[0]
        == f"{bad}:3: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)"
    )
    status, out, err = run(capsys, "parse", str(bad), "--strict")
    assert status == 1
    assert err.splitlines()[-1] == f"{bad}: 1 errors (strict mode)"
    status, out, err = run(capsys, "parse", str(tmp_path / "missing.txt"))
    assert status == 2
    assert "cannot read the file" in err


def test_export_and_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "roadmap.json"
    status, out, _ = run(capsys, "export", "--format", "json", "-o", str(target))
    assert (status, out) == (0, f"wrote {target}\n")
    status, out, _ = run(capsys, "schema")
    assert json.loads(out)["title"] == "stpmodel Roadmap"


def test_python_dash_m(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stpmodel", "dates", "2021年度中に"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert "2021-04-01..2022-03-31  during" in done.stdout


def test_help_lists_every_command_and_each_commands_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    top = capsys.readouterr().out
    for command in ("deadlines", "show", "programs", "ministries", "search", "dates", "parse"):
        assert command in top
    assert all(len(line) <= 100 for line in top.splitlines())
    # a command's own options are built when that command is the one asked for
    with pytest.raises(SystemExit):
        main(["deadlines", "--help"])
    help_text = capsys.readouterr().out
    for option in ("--from", "--to", "--ministry", "--lead-only", "--program", "--format"):
        assert option in help_text
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("stpmodel ")


def test_options_of_another_command_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "programs", "--ministry", "科技")
    assert out == ""
    assert status == 2
    assert "unrecognized arguments: --ministry" in err
    assert err.count("\n") == 1
