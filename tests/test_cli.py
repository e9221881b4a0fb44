"""The command line, in process: every command and the error exits."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import stpmodel._format
from stpmodel import Roadmap
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


def test_deadlines_table_aligns_japanese(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stpmodel._format import display_width

    monkeypatch.setattr(stpmodel._format, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "160")
    status, out, _ = run(capsys, "deadlines", "--from", "2025", "--to", "2027")
    assert status == 0
    lines = out.splitlines()
    assert lines[-1] == "9 deadlines"
    header = lines[0]
    column = display_width(header[: header.index("ID")])
    for line in lines[1:-1]:
        assert display_width(line[: line.index("6.")]) == column
        assert display_width(line) <= 160
    assert "…" in out  # a terminal gets lines cut to its width


def test_no_line_is_cut_when_stdout_is_no_terminal(
    capsys: pytest.CaptureFixture[str], roadmap: Roadmap
) -> None:
    status, out, _ = run(capsys, "deadlines", "--from", "2025", "--to", "2027")
    assert status == 0
    assert "…" not in out
    for d in roadmap.deadlines(from_year=2025, to_year=2027):
        assert d.item.text in out
    status, out, _ = run(capsys, "programs")
    assert "…" not in out
    assert "Cross-ministerial Strategic Innovation Promotion Program" in out
    status, out, _ = run(capsys, "search", "SIP")
    assert "…" not in out


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
            "stpmodel: error: unknown program 'nope' (see 'stpmodel programs')\n",
        ),
        (
            ["show", "6.9.9"],
            "stpmodel: error: no object with ID '6.9.9' (IDs look like 6.1.2, 6.1.2.a3, 6.1.2.s1, fn94, 科技, sip)\n",
        ),
        (
            ["nonsense"],
            "stpmodel: argument COMMAND: invalid choice: 'nonsense' (choose from deadlines, show, programs, ministries, search, dates, parse, export, plot, report, schema, diff)\n",
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
            "'deadlines', 'show', 'programs', 'ministries', 'search', 'dates', 'parse', 'export', 'plot', 'report', 'schema', 'diff'",
            "deadlines, show, programs, ministries, search, dates, parse, export, plot, report, schema, diff",
        )
        == message
    )


def test_unknown_ministry_exits_2_naming_close_matches(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "deadlines", "--ministry", "MEXTT")
    assert status == 2
    assert err.startswith(
        "stpmodel: error: unknown ministry 'MEXTT'; close matches: 文 (MEXT, 文部科学省)"
    )
    assert err.endswith(" (see 'stpmodel ministries')\n")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("option", "names"),
    [
        ("--ministry", ["文", "MEXT", "文部科学省", "文科省"]),
        ("--program", ["sip", "SIP", "S I P", "戦略的イノベーション創造プログラム"]),
    ],
)
def test_names_in_every_spelling_give_the_same_listing(
    capsys: pytest.CaptureFixture[str], option: str, names: list[str]
) -> None:
    outputs = set()
    for name in names:
        status, out, err = run(capsys, "deadlines", option, name, "--format", "json")
        assert (status, err) == (0, ""), name
        outputs.add(out)
    (only,) = outputs
    assert json.loads(only)


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


@pytest.mark.parametrize("ident", ["x" * 100_000, "科技" * 50_000])
def test_show_of_a_huge_unknown_id_echoes_only_its_start(
    capsys: pytest.CaptureFixture[str], ident: str
) -> None:
    """A pasted page given as the ID is not repeated whole in the error: its first columns
    (at most 80, wide characters counting two) and `…`, still one line, exit 2."""
    status, out, err = run(capsys, "show", ident)
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("stpmodel: error: no object with ID '")
    echoed = err.split("'")[1]
    assert echoed.endswith("…")
    assert ident.startswith(echoed[:-1])
    assert 40 <= len(echoed) <= 80
    assert len(err) < 400
    status, _, err = run(capsys, "show", "6.1.2.zz")  # a short one is echoed whole
    assert status == 2
    assert "'6.1.2.zz'" in err


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
            "expression": "2025年度までに",
            "relation": "by",
            "start": "2025-04-01",
            "end": "2026-03-31",
            "due": "2026-03-31",
            "fiscal_year": 2025,
            "fiscal_quarter": 4,
            "start_fiscal_year": 2025,
            "end_fiscal_year": 2025,
            "label": "FY2025",
            "first_year": 2025,
            "last_year": 2025,
            "granularity": "fiscal_year",
            "calendar": "fiscal",
            "approximate": False,
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
    assert err.splitlines() == [
        f"{bad}:3:19: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)",
        "    ○取組。【謎】 ・実施。 ・推進。【謎】",
        "                                     ^~",
    ]
    status, out, err = run(capsys, "parse", str(bad), "--strict")
    assert status == 1
    assert err.splitlines()[-1] == f"{bad}: 1 errors (strict mode)"
    status, out, err = run(capsys, "parse", str(tmp_path / "missing.txt"))
    assert status == 2
    assert "cannot read the file" in err


def test_parse_shows_the_line_and_a_caret_under_each_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A broken file as a user would write it (CP932, a tab-separated row, a control
    character and an unknown code in the tag): each warning is `file:line:col: message`,
    then the line as the terminal shows it and a caret line under the offending text,
    counted in display columns (full-width characters take two)."""
    bad = tmp_path / "壊れた.txt"
    head = (
        "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
    )
    row = "○取組\x07です。【科技】\t・実施。\t・推進。【文、謎】\n"
    bad.write_bytes((head + row).encode("cp932"))
    status, out, err = run(capsys, "parse", str(bad))
    assert status == 0
    assert out.endswith(", 2 warnings\n")
    assert err.splitlines() == [
        f"{bad}:4:4: control character U+0007 at column 4 (kept in the text as the source has it)",
        "    ○取組\\u0007です。【科技】 ・実施。 ・推進。【文、謎】",
        "         ^~~~~~",
        f"{bad}:4:25: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)",
        "    ○取組\\u0007です。【科技】 ・実施。 ・推進。【文、謎】",
        "                                                     ^~",
    ]
    status, _, strict = run(capsys, "parse", str(bad), "--strict")
    assert status == 1
    assert strict.splitlines()[:6] == err.splitlines()
    assert strict.splitlines()[-1] == f"{bad}: 2 errors (strict mode)"


def test_a_long_line_is_cut_around_the_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Rows run to thousands of characters: the line is shown from a little before the
    problem to a little after it, each cut end marked with …"""
    bad = tmp_path / "long.txt"
    head = (
        "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
    )
    filler = "あ" * 300
    bad.write_text(head + f"○{filler}【謎】\t・実施。{filler}\t・推進。【文】\n", encoding="utf-8")
    status, _, err = run(capsys, "parse", str(bad))
    assert status == 0
    assert err.splitlines() == [
        f"{bad}:4:303: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)",
        "    …" + "あ" * 23 + "【謎】 ・実施。" + "あ" * 18 + "…",
        "    " + " " * (1 + 2 * 23 + 2) + "^~",
    ]


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


# -- writing files: refusals and system errors are plain mistakes, exit 2 ----------------
OLD = b"the user's own file\n"


@pytest.mark.parametrize("fmt", ["json", "sqlite", "graphml", "gexf"])
def test_export_refuses_an_existing_file_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"roadmap.{fmt}"
    target.write_bytes(OLD)
    status, out, err = run(capsys, "export", "--format", fmt, "-o", str(target))
    assert (status, out) == (2, "")
    assert err == (
        f"stpmodel: cannot write {target}: it exists (overwrite=True or --force replaces it)\n"
    )
    assert target.read_bytes() == OLD
    status, out, err = run(capsys, "export", "--format", fmt, "-o", str(target), "--force")
    assert (status, out, err) == (0, f"wrote {target}\n", "")
    assert target.read_bytes() != OLD


def test_export_refuses_a_symlink_even_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(OLD)
    (tmp_path / "link.json").symlink_to(victim)
    status, _, err = run(
        capsys, "export", "--format", "json", "-o", str(tmp_path / "link.json"), "--force"
    )
    assert status == 2
    assert err.startswith(f"stpmodel: cannot write {tmp_path / 'link.json'}: it is a symbolic link")
    assert victim.read_bytes() == OLD


def test_export_csv_folder_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "ministries.csv").write_bytes(OLD)
    (folder / "mine.txt").write_bytes(OLD)
    status, _, err = run(capsys, "export", "--format", "csv", "-o", str(folder))
    assert status == 2
    assert "it already holds ministries.csv" in err
    assert sorted(p.name for p in folder.iterdir()) == ["mine.txt", "ministries.csv"]
    status, _, err = run(capsys, "export", "--format", "csv", "-o", str(folder), "--force")
    assert (status, err) == (0, "")
    assert (folder / "mine.txt").read_bytes() == OLD
    assert (folder / "ministries.csv").read_bytes() != OLD


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (
            ["export", "--format", "json", "-o", "{tmp}/missing/dir/x.json"],
            "No such file or directory",
        ),
        (["export", "--format", "sqlite", "-o", "{tmp}"], "it is a directory"),
        (
            ["export", "--format", "graphml", "-o", "{tmp}/no/x.graphml"],
            "No such file or directory",
        ),
        (["parse", "{variant}", "-o", "{tmp}/missing/x.json"], "No such file or directory"),
        (["parse", "{variant}", "-o", "{tmp}"], "it is a directory"),
    ],
)
def test_write_errors_exit_2_naming_the_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], reason: str
) -> None:
    filled = [a.format(tmp=tmp_path, variant=DATA / "variant_print.txt") for a in argv]
    status, _out, err = run(capsys, *filled)
    target = filled[filled.index("-o") + 1]
    assert status == 2
    assert err == f"stpmodel: cannot write {target}: {reason}\n"
    assert "internal error" not in err


def test_a_read_only_place_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = tmp_path / "x.sqlite"
    status, _, err = run(capsys, "export", "--format", "sqlite", "-o", str(target))
    assert (status, err) == (2, f"stpmodel: cannot write {target}: Read-only file system\n")


@pytest.mark.parametrize("fmt", ["json", "csv", "sqlite", "xlsx", "graphml", "gexf"])
def test_a_full_disk_exits_2_and_keeps_the_old_file(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    import errno
    import os

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    target = tmp_path / ("out" if fmt == "csv" else f"out.{fmt}")
    if fmt == "csv":
        target.mkdir()
        (target / "actions.csv").write_bytes(OLD)
        kept = target / "actions.csv"
    else:
        target.write_bytes(OLD)
        kept = target
    monkeypatch.setattr(os, "fsync", full)  # the data cannot reach the disk
    status, out, err = run(capsys, "export", "--format", fmt, "-o", str(target), "--force")
    assert (status, out) == (2, "")
    assert err.startswith("stpmodel: cannot write ")
    assert err.endswith(": No space left on device\n")
    assert kept.read_bytes() == OLD
    assert not list(tmp_path.rglob(".*"))  # no temporary file left behind


def test_parse_output_refuses_an_existing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "model.json"
    target.write_bytes(OLD)
    variant = str(DATA / "variant_print.txt")
    status, _, err = run(capsys, "parse", variant, "-o", str(target))
    assert status == 2
    assert err == (
        f"stpmodel: cannot write {target}: it exists (overwrite=True or --force replaces it)\n"
    )
    assert target.read_bytes() == OLD
    assert run(capsys, "parse", variant, "-o", str(target), "--force")[0] == 0
    assert json.loads(target.read_bytes())["sections"][0]["number"] == 6


def test_parse_output_is_indented_only_with_indent_as_export_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`parse FILE -o OUT.json --indent N` writes what `export --input FILE --format json
    --indent N` writes; without `--indent` both are compact; `--indent` without `-o` is a
    usage error naming the option."""
    variant = str(DATA / "variant_print.txt")
    for extra in ([], ["--indent", "2"]):
        parsed, exported = tmp_path / f"p{len(extra)}.json", tmp_path / f"e{len(extra)}.json"
        assert run(capsys, "parse", variant, "-o", str(parsed), *extra)[0] == 0
        argv = ["export", "--input", variant, "--format", "json", "-o", str(exported)]
        assert run(capsys, *argv, *extra)[0] == 0
        assert parsed.read_bytes() == exported.read_bytes()
        lines = parsed.read_text(encoding="utf-8").splitlines()
        assert (len(lines) > 100) == bool(extra)
        if extra:
            assert lines[1].startswith('  "')
    status, out, err = run(capsys, "parse", variant, "--indent", "2")
    assert (status, out) == (2, "")
    assert "--indent" in err
    assert "-o" in err
    status, _, err = run(capsys, "parse", variant, "-o", str(tmp_path / "x.json"), "--indent", "x")
    assert status == 2
    assert "--indent" in err
    assert not (tmp_path / "x.json").exists()


def _limit_file_size() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.parametrize("fmt", ["json", "sqlite"])
def test_a_file_size_limit_keeps_the_old_file(tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("resource", reason="RLIMIT_FSIZE is a POSIX feature")
    target = tmp_path / f"x.{fmt}"
    target.write_bytes(OLD)
    import os

    done = subprocess.run(
        [sys.executable, "-m", "stpmodel", "export", "--format", fmt, "-o", str(target), "--force"],
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=_limit_file_size,
        # under the limit CPython would write truncated .pyc files (a short write is no
        # error to it) and break later imports: no bytecode from this process
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"stpmodel: cannot write {target}: ")
    assert "internal error" not in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


# -- the CSV guard on stdout, control characters on the terminal ------------------------
HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def test_deadlines_csv_neutralises_formula_cells(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import attrs

    import stpmodel.query

    cells = ["=1+1", "＝1+1", "\t=cmd", "+2", "-3", "@SUM(A1)", " =4", "\u3000＠5", "\r=6", "\n=7"]
    real = stpmodel.query.deadlines

    def evil(*args: object, **kwargs: object) -> list[object]:
        found = real(*args, **kwargs)  # type: ignore[arg-type]
        return [
            attrs.evolve(d, item=attrs.evolve(d.item, text=c))
            for d, c in zip(found, cells, strict=False)
        ]

    monkeypatch.setattr(stpmodel.query, "deadlines", evil)
    status, out, _ = run(capsys, "deadlines", "--format", "csv")
    assert status == 0
    rows = csv.DictReader(io.StringIO(out, newline=""))
    assert [r["text"] for r in rows] == ["'" + c for c in cells]


def test_no_escape_byte_reaches_the_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "esc.txt"
    source.write_text(
        HEAD
        + "○取組\x01\x1b[2J\u202eevil\u202c。【科技】\t・実施\x1b[31m。"
        + "\t・2025年度までに推進\x1b]0;x\x07\x7f\x9b1m。【文】\n",
        encoding="utf-8",
    )
    outputs = []
    for argv in (
        ["deadlines", "--input", str(source)],
        ["deadlines", "--input", str(source), "--format", "csv"],
        ["show", "1.1.1", "--input", str(source)],
        ["show", "1.1.1.s1", "--input", str(source)],
        ["search", "取組", "--input", str(source)],
        ["parse", str(source)],
    ):
        status, out, err = run(capsys, *argv)
        assert status == 0, err
        outputs.append(out + err)
    for text in outputs:
        for control in ("\x1b", "\x01", "\x07", "\x7f", "\x9b", "\u202e", "\u202c"):
            assert control not in text
    assert "\\u001b[31m" in outputs[3]  # visible, not dropped
    # JSON carries every control character as an escape and reads back exact
    status, out, _ = run(capsys, "deadlines", "--input", str(source), "--format", "json")
    assert "\x7f" not in out
    assert "\x9b" not in out
    assert json.loads(out)[0]["text"] == "2025年度までに推進\x1b]0;x\x07\x7f\x9b1m。"


# -- plain mistakes on the command line ------------------------------------------------
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--bogus"],
            "stpmodel: unrecognized option '--bogus' (options go after the command: "
            "stpmodel COMMAND --help lists them)\n",
        ),
        (
            ["--from", "2025", "deadlines"],
            "stpmodel: unrecognized option '--from' (options go after the command: "
            "stpmodel COMMAND --help lists them)\n",
        ),
        (
            ["deadlines", "--bogus"],
            "stpmodel: unrecognized arguments: --bogus\n",
        ),
    ],
)
def test_a_bad_option_is_named(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert run(capsys, *argv) == (2, "", message)


def test_standard_input_in_a_wrong_encoding(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("令和7年度\n".encode()), encoding="ascii")
    monkeypatch.setattr(sys, "stdin", stdin)
    status, out, err = run(capsys, "dates")
    assert (status, out) == (2, "")
    assert err == (
        "stpmodel: error: cannot read standard input as ascii at byte offset 0; "
        "set PYTHONIOENCODING=utf-8 (or the input's encoding)\n"
    )


def _cli(
    *argv: str, encoding: str, stdout: int | object = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    import os

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "stpmodel", *argv],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env=env,
        check=False,
    )


def test_cp932_stdout(tmp_path: Path) -> None:
    done = _cli("show", "科技", encoding="cp932")
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.decode("cp932").startswith("科技  (Ministry)")
    with open(tmp_path / "out.txt", "wb") as handle:
        done = _cli("deadlines", encoding="cp932", stdout=handle)
    assert (done.returncode, done.stderr) == (0, b"")
    text = (tmp_path / "out.txt").read_bytes().decode("cp932")
    assert text.splitlines()[-1].endswith(" deadlines")


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "科技"],
        ["show", "6.1.2"],
        ["deadlines", "--from", "2025", "--to", "2027"],
        ["programs"],
        ["ministries"],
        ["search", "SIP"],
        ["dates", "2025年度までに"],
        ["deadlines", "--ministry", "謎"],
    ],
)
def test_ascii_stdout_never_prints_a_traceback(argv: list[str]) -> None:
    done = _cli(*argv, encoding="ascii")
    assert done.returncode in (0, 2)
    assert b"Traceback" not in done.stderr
    assert b"internal error" not in done.stderr
    assert done.stdout or done.stderr


# -- listings: every one in table, JSON and CSV; deadlines sorted and by kind -----------
@pytest.mark.parametrize(
    ("argv", "key", "count"),
    [
        (["programs"], "id", lambda r: len(r.programs)),
        (["ministries"], "code", lambda r: len(r.ministries)),
        (["search", "SIP"], "id", None),
        (["deadlines"], "id", lambda r: len(r.deadlines())),
    ],
)
def test_every_listing_has_json_and_csv(
    capsys: pytest.CaptureFixture[str],
    roadmap: Roadmap,
    argv: list[str],
    key: str,
    count: object,
) -> None:
    status, out, _ = run(capsys, *argv, "--format", "json")
    assert status == 0
    records = json.loads(out)
    status, out, _ = run(capsys, *argv, "--format", "csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [r[key] for r in rows] == [r[key] for r in records]
    assert set(rows[0]) == set(records[0])
    if callable(count):
        assert len(records) == count(roadmap)
    else:
        status, out, _ = run(capsys, *argv)
        assert out.splitlines()[-1] == f"{len(records)} found"


def test_programs_and_ministries_records(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "programs")[0] == 0
    _, out, _ = run(capsys, "programs", "--format", "json")
    sip = next(r for r in json.loads(out) if r["id"] == "sip")
    assert sip["acronym"] == "SIP"
    assert sip["items"] > 0
    assert "科技" in sip["ministries"]
    _status, out, _ = run(capsys, "ministries", "--format", "json")
    monka = next(r for r in json.loads(out) if r["code"] == "文")
    assert monka["leads"] <= monka["actions"]
    assert monka["name_ja"] == "文部科学省"


def _ids(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    status, out, err = run(capsys, "deadlines", *argv, "--format", "json")
    assert (status, err) == (0, "")
    records: list[dict[str, object]] = json.loads(out)
    return records


def test_deadlines_sort_and_kind(capsys: pytest.CaptureFixture[str], roadmap: Roadmap) -> None:
    from stpmodel._format import id_key as _id_key

    by_doc = _ids(capsys)
    by_date = _ids(capsys, "--sort", "date")
    assert sorted(map(str, (r["id"] for r in by_date))) == sorted(
        map(str, (r["id"] for r in by_doc))
    )
    dues = [str(r["due"]) for r in by_date]
    assert dues == sorted(dues)
    assert dues != [str(r["due"]) for r in by_doc]  # document order differs from date order
    by_id = [str(r["id"]) for r in _ids(capsys, "--sort", "id")]
    assert by_id == sorted(by_id, key=_id_key)
    assert _id_key("6.1.2.a9") < _id_key("6.1.2.a10")
    by_ministry = _ids(capsys, "--sort", "ministry")
    firsts = [
        (r["lead_ministries"] or r["ministries"] or ["~"])[0]  # type: ignore[index]
        for r in by_ministry
    ]
    assert firsts == sorted(firsts)
    actions = _ids(capsys, "--kind", "action")
    assert {r["kind"] for r in actions} == {"action"}
    initiatives = _ids(capsys, "--kind", "initiative")
    assert {r["kind"] for r in initiatives} == {"initiative"}
    assert len(actions) + len(initiatives) == len(roadmap.deadlines())
    status, _, err = run(capsys, "deadlines", "--sort", "nope")
    assert status == 2
    assert "invalid choice: 'nope'" in err


# -- bad input files: one clear line, never "internal error" --------------------------
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SECTION = (
    "(6) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
)
ROW = "○取組。【科技】\t・実施。\t・推進。【文】\n"


def _file(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_an_encoding_that_is_no_text_codec(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = _file(tmp_path, "ok.txt", (SECTION + ROW).encode())
    for argv in (
        ["parse", source, "--encoding", "rot13"],
        ["deadlines", "--input", source, "--encoding", "rot13"],
        ["parse", source, "--encoding", "klingon"],
    ):
        status, out, err = run(capsys, *argv)
        assert (status, out) == (2, ""), argv
        assert argv[-1] in err
        assert "internal error" not in err
        assert err.count("\n") == 1


def test_a_footnote_number_of_5000_digits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    digits = ("9" * 5000).translate(SUPERSCRIPT)
    text = SECTION + f"○取組。【科技】\t・実施。\t・推進{digits}。【文】\n\n{digits} 注記\n"
    source = _file(tmp_path, "fn.txt", text.encode())
    for argv in (["parse", source], ["deadlines", "--input", source]):
        status, _, err = run(capsys, *argv)
        assert status == 0, err
        assert "internal error" not in err
    status, _, err = run(capsys, "parse", source)
    assert "5,000 digits" in err


def test_a_file_with_no_roadmap_section(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = _file(tmp_path, "README.md", b"# README\n\nsome text\n- a\n- b\n")
    status, out, err = run(capsys, "parse", source)
    assert (status, out) == (2, "")
    assert "no roadmap section found" in err
    assert "strict mode" not in err


def test_utf16_without_a_bom_hints_at_encoding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = _file(tmp_path, "u16.txt", (SECTION + ROW).encode("utf-16-le"))
    status, out, err = run(capsys, "parse", source)
    assert (status, out) == (2, "")
    assert "encoding" in err
    assert "UTF-16" in err or "utf-16" in err
    status, out, err = run(capsys, "parse", source, "--encoding", "utf-16-le")
    assert (status, err) == (0, "")


def test_deadlines_by_fiscal_year_and_due_window(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "deadlines", "--fiscal-year", "2026", "--format", "json")
    assert (status, err) == (0, "")
    (row,) = json.loads(out)
    assert (row["id"], row["fiscal_year"], row["fiscal_quarter"]) == ("6.1.2.a6", 2026, 3)
    status, out, _ = run(capsys, "deadlines", "--due-in", "2026-10/2027-03", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == ["6.1.2.a6"]
    status, out, _ = run(capsys, "deadlines", "--fiscal-year", "2025-2027", "--format", "json")
    assert len(json.loads(out)) == len(stpmodel.load().deadlines(fiscal_year=range(2025, 2028)))
    status, _, err = run(capsys, "deadlines", "--due-in", "2026-13")
    assert status == 2
    assert "is not an ISO date, month or year" in err


def test_dates_says_when_a_relative_date_needs_a_year(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "dates", "来年度中に")
    assert status == 0
    assert "(no dates)" in out
    assert "needs" not in out
    assert "--year" in err
    assert "来年度中に" in err
    status, _, err = run(capsys, "dates", "2025年度までに")
    assert (status, err) == (0, "")
    status, out, err = run(capsys, "dates", "--year", "2024", "来年度中に")
    assert (status, err) == (0, "")
    assert "2025-04-01..2026-03-31" in out


def test_report_marks_the_day_given_with_today(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "roadmap.html"
    status, _, err = run(capsys, "report", "-o", str(page), "--today", "2026-10-01")
    assert (status, err) == (0, "")
    assert '"today":"2026-10-01"' in page.read_text(encoding="utf-8")
    status, _, err = run(capsys, "report", "-o", str(tmp_path / "x.html"), "--today", "2026-13-01")
    assert status == 2
    assert "not a day: '2026-13-01'" in err
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("option", ["--ministry", "--program", "--due-in"])
def test_a_huge_name_or_window_is_echoed_by_its_start_only(
    capsys: pytest.CaptureFixture[str], option: str
) -> None:
    status, out, err = run(capsys, "deadlines", option, "x" * 100_000)
    assert (status, out) == (2, "")
    assert "x" * 79 + "…" in err
    assert len(err) < 600


def test_count_line_says_one_deadline_program_or_ministry_in_the_singular(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "deadlines", "--fiscal-year", "2026")
    assert status == 0
    assert out.splitlines()[-1] == "1 deadline"
    status, out, _ = run(capsys, "deadlines", "--fiscal-year", "2027")
    assert out.splitlines()[-1] == "3 deadlines"
    from stpmodel._format import listing

    one = listing("table", [{}], ["x"], [["文"]], noun="ministries", width=None)
    assert one.splitlines()[-1] == "1 ministry"
    two = listing("table", [{}, {}], ["x"], [["文"], ["経"]], noun="programs", width=None)
    assert two.splitlines()[-1] == "2 programs"


def test_diff_table_shows_a_kept_id_once_and_a_renumbered_one_as_old_to_new(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from stpmodel._format import _diff_row

    monkeypatch.chdir(DATA.parents[1])
    status, out, _ = run(capsys, "diff", "bundled", "tests/data/next_edition.txt")
    assert status == 0
    row = next(line for line in out.splitlines() if line.startswith("changed  indicator"))
    assert row.split()[2] == "6.r3"
    assert "6.r3 → 6.r3" not in row
    full: dict[str, object] = {
        "ministries": [],
        "dates": [],
        "observations": [],
        "programs": [],
        "repost": None,
        "text": "x",
    }
    moved = {"change": "moved", "kind": "action", "fields": []}
    assert _diff_row({**moved, "old_id": "6.1.6.a3", "new_id": "6.1.6.a2"}, full)[2] == (
        "6.1.6.a3 → 6.1.6.a2"
    )
    assert _diff_row({**moved, "old_id": "", "new_id": "6.1.1.a2"}, full)[2] == "6.1.1.a2"


def test_an_output_that_exists_is_a_usage_error_with_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """docs/cli.md lists a refused overwrite among the usage errors (exit status 2)."""
    target = tmp_path / "roadmap.json"
    target.write_text("keep me", encoding="utf-8")
    status, _, err = run(capsys, "export", "--format", "json", "-o", str(target))
    assert status == 2
    assert "--force" in err
    assert err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "keep me"
    page = (DATA.parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "exists without `--force`" in " ".join(page.split())


def test_show_program_lists_its_years_phases_or_goals_and_linked_items(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`show sip` gives what the glossary gives for a program: its years and each phase
    with its period (as the registry has them), and how many items link to it."""
    roadmap = stpmodel.load()
    status, out, _ = run(capsys, "show", "sip")
    assert status == 0
    lines = out.splitlines()
    sip = roadmap.program("sip")
    assert f"phases ({len(sip.phases)}):" in lines
    for phase in sip.phases:
        assert f"  {phase.label}  {phase.period}" in lines
    links = roadmap.program_mentions("sip")
    inferred = sum(link.mention.inferred for link in links)
    assert f"items: {len(links)} ({inferred} inferred; roadmap.program_mentions)" in lines
    status, out, _ = run(capsys, "show", "moonshot")
    moonshot = roadmap.program("moonshot")
    assert f"goals ({len(moonshot.goals)}):" in out.splitlines()
    assert f"  {moonshot.goals[0].label}  FY{moonshot.goals[0].start_fy}–" in out
    status, out, _ = run(capsys, "show", "sti-basic-plan")
    assert "  第7期  FY2026–FY2030 (unconfirmed)" in out.splitlines()
