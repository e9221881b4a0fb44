"""The read-only commands answered from plain records print what the model path prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stpmodel import _plain, cli
from stpmodel._cache import _files
from stpmodel.roadmap import Roadmap


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roadmap: Roadmap) -> Path:
    """A private cache folder holding the plain records of the bundled roadmap."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(folder))
    monkeypatch.delenv("COLUMNS", raising=False)
    _plain._write(_plain.build(roadmap))
    return folder


def _model(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    try:
        status = cli.main(argv)
    except SystemExit as exc:  # --help
        status = int(exc.code or 0)
    out = capsys.readouterr().out
    assert status == 0, argv
    return out


def _plain_out(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert _plain.answer(argv) is not None, f"not answered from the records: {argv}"
    assert _plain.main(argv) == 0
    return capsys.readouterr().out


_DEADLINE_OPTIONS = [
    [],
    ["--from", "2025", "--to", "2027"],
    ["--from=2030"],
    ["--to", "2024"],
    ["--from", "2025", "--to", "2025"],
    ["--ministry", "文"],
    ["--ministry", "MEXT"],
    ["--ministry", "文部科学省", "--lead-only"],
    ["--ministry", "科技", "--lead-only", "--from", "2026"],
    ["--lead-only"],
    ["--program", "sip"],
    ["--program", "SIP", "--kind", "action"],
    ["--relation", "by"],
    ["--relation", "from", "--sort", "date"],
    ["--kind", "initiative"],
    ["--sort", "id"],
    ["--sort", "date", "--from", "2025", "--to", "2027"],
    ["--sort", "ministry"],
    ["--sort=ministry", "--ministry", "経"],
]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("options", _DEADLINE_OPTIONS, ids=" ".join)
def test_deadlines_print_the_same(
    cached: Path, capsys: pytest.CaptureFixture[str], options: list[str], fmt: str
) -> None:
    argv = ["deadlines", *options, "--format", fmt]
    assert _plain_out(argv, capsys) == _model(argv, capsys)


@pytest.mark.parametrize("command", ["programs", "ministries"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_lists_print_the_same(
    cached: Path, capsys: pytest.CaptureFixture[str], command: str, fmt: str
) -> None:
    argv = [command, "--format", fmt]
    assert _plain_out(argv, capsys) == _model(argv, capsys)
    assert _plain_out([command], capsys) == _model([command], capsys)


@pytest.mark.parametrize("text", ["SIP", "ＳＩＰ", "s i p", "2025 年度", "量子", "zzz-none", " "])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_search_prints_the_same(
    cached: Path, capsys: pytest.CaptureFixture[str], text: str, fmt: str
) -> None:
    argv = ["search", text, "--format", fmt]
    assert _plain_out(argv, capsys) == _model(argv, capsys)


def test_show_prints_the_same_for_every_object(
    cached: Path, capsys: pytest.CaptureFixture[str], roadmap: Roadmap
) -> None:
    idents = [node.id for node in roadmap.walk()]
    idents += [*roadmap.ministries, *roadmap.programs]
    kinds = set()
    for ident in idents:
        argv = ["show", ident]
        assert _plain_out(argv, capsys) == _model(argv, capsys), ident
        kinds.add(type(roadmap.get(ident)).__name__)
    assert {"Section", "Initiative", "Action", "StatusNote", "Footnote", "Ministry"} <= kinds
    argv = ["show", "--format", "text", "6.1.2"]
    assert _plain_out(argv, capsys) == _model(argv, capsys)


@pytest.mark.parametrize("command", ["", "deadlines", "show", "search", "programs", "ministries"])
def test_help_prints_the_same(
    cached: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    argv = [command, "--help"] if command else ["--help"]
    assert _plain_out(argv, capsys) == _model(argv, capsys)


def test_tables_cut_to_a_terminal_the_same(
    cached: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    for argv in (["deadlines", "--from", "2025"], ["search", "SIP"], ["programs"]):
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        plain = _plain_out(argv, capsys)
        monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
        assert plain == _model(argv, capsys)
        assert max(map(len, plain.splitlines())) <= 72


@pytest.mark.parametrize(
    "argv",
    [
        ["deadlines", "--format", "ics"],  # the calendar needs the model
        ["deadlines", "--from", "2027", "--to", "2025"],  # a usage error
        ["deadlines", "--from", "1500"],
        ["deadlines", "--ministry", "謎の省"],  # close matches come from the resolver
        ["deadlines", "--min", "文"],  # argparse's abbreviations
        ["deadlines", "--from", "2025", "--from", "2026"],
        ["deadlines", "--relation", "nonsense"],
        ["deadlines", "--input", "x.txt"],
        ["show", "6.1.2", "--format", "json"],
        ["show", "no-such-id"],
        ["show"],
        ["search", "--", "-x"],
        ["dates", "2025年度"],
        ["schema"],
        [],
    ],
    ids=" ".join,
)
def test_what_the_records_cannot_answer_goes_to_the_model_path(
    cached: Path, argv: list[str]
) -> None:
    assert _plain.answer(argv) is None


def test_damaged_or_planted_records_are_not_used(
    cached: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["programs", "--format", "json"]
    expected = _model(argv, capsys)
    [path] = cached.glob("records-*-lists.json")
    good = path.read_bytes()
    key = good[len(b"stpmodel-cache/1 ") :].split(b" ")[0].decode()
    body = good.partition(b"\n")[2]
    for bad in (
        good.replace(b'"sip"', b'"pis"'),  # digest no longer matches
        _files.header("0" * 32, body) + body,  # another key
        _files.header(key, b'{"programs": 1}') + b'{"programs": 1}',  # an odd shape
        _files.header(key, b"[]") + b"[]",
    ):
        path.write_bytes(bad)
        assert _plain.main(argv) == 0
        assert capsys.readouterr().out == expected
    path.write_bytes(good)
    path.chmod(0o666)  # others could have written it
    assert _plain.answer(argv) is None
    path.chmod(0o600)
    path.rename(cached / "elsewhere.json")
    path.symlink_to(cached / "elsewhere.json")
    assert _plain.answer(argv) is None  # never through a symlink


def test_a_warm_command_loads_no_model_module(tmp_path: Path) -> None:
    """The first run answers through the model and caches the records; the next one reads
    them without importing attrs, cattrs or the model, and prints the same."""
    code = (
        "import sys; from stpmodel import _plain; status = _plain.main(sys.argv[1:]); "
        "heavy = ('attrs', 'cattrs', 'stpmodel.model', 'stpmodel.roadmap', 'stpmodel.errors'); "
        "print(sorted(m for m in heavy if m in sys.modules), status, file=sys.stderr)"
    )
    env = {**os.environ, "STPMODEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COLUMNS", None)
    runs = []
    for argv in (["show", "6.1.2"], ["show", "6.1.2"], ["deadlines", "--from", "2025"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True
        )
        runs.append((done.stdout, done.stderr.strip()))
    first, second, third = runs
    assert first[1].startswith("['attrs', ")  # built through the model
    assert second == (first[0], "[] 0")
    assert third[1] == "[] 0"
    assert "6.1.2  (Initiative)" in second[0]


def test_the_command_and_python_m_go_through_the_plain_path() -> None:
    import tomllib

    project = Path(__file__).parents[1] / "pyproject.toml"
    scripts = tomllib.loads(project.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["stpmodel"] == "stpmodel._plain:main"
    main = Path(_plain.__file__).with_name("__main__.py").read_text(encoding="utf-8")
    assert "from stpmodel._plain import main" in main


@pytest.mark.parametrize(
    "options",
    [["--from", "2026"], ["--to", "2023"], ["--from", "2024", "--to", "2025"], []],
    ids=" ".join,
)
def test_a_range_counts_by_either_written_year_as_in_the_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str]
) -> None:
    """The bundled roadmap writes no range (2023年度から2026年度までに): one is written in,
    and the records' year filter must keep or drop it as the model's does."""
    import stpmodel
    from stpmodel._escape import escape_controls

    text = stpmodel.source_text().replace("2025年度までに", "2023年度から2026年度までに", 1)
    source = tmp_path / "range.txt"
    source.write_text(text, encoding="utf-8")
    data = _plain.build(stpmodel.read(source))["deadlines"]
    assert any(r["first_year"] != r["last_year"] for r in data["records"])
    request = _plain._request(["deadlines", *options, "--format", "json"])
    assert request is not None
    plain = _plain._ANSWER["deadlines"](request[1], data)
    assert plain is not None
    model = _model(["deadlines", "--input", str(source), *options, "--format", "json"], capsys)
    assert escape_controls(plain, json=True, bidi=True) == model


def test_pruning_keeps_every_part_of_the_newest_keys(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    keys = [f"{n:032x}" for n in range(5)]
    for age, key in enumerate(keys):
        for part in ("deadlines", "show"):
            assert _files.write_trusted(folder / f"records-{key}-{part}.json", key, b"{}")
            os.utime(folder / f"records-{key}-{part}.json", ns=(10**9 * (age + 1),) * 2)
    crashed = folder / f"records-{keys[0]}-show.ab_cdefg.tmp"
    crashed.write_bytes(b"half")
    os.utime(crashed, ns=(1, 1))
    pickle = folder / f"roadmap-{keys[0]}.pickle"
    pickle.write_bytes(b"another kind: pruned on its own")
    _files.write_trusted(folder / f"records-{keys[1]}-lists.json", keys[1], b"{}")
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted(
        [
            pickle.name,
            *(f"records-{k}-{part}.json" for k in keys[3:] for part in ("deadlines", "show")),
            f"records-{keys[1]}-lists.json",  # its other parts went when keys 3 and 4 came
        ]
    )


def test_an_untrusted_folder_gets_no_records_and_no_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)  # others could plant records here
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(folder))
    built: list[Roadmap] = []

    def build(roadmap: Roadmap) -> dict[str, dict[str, object]]:
        built.append(roadmap)
        return {}

    monkeypatch.setattr(_plain, "build", build)
    expected = _model(["programs"], capsys)
    assert _plain.main(["programs"]) == 0
    assert capsys.readouterr().out == expected
    assert built == []
    assert [p.name for p in folder.iterdir() if p.name.startswith("records-")] == []


def test_a_first_run_prints_through_the_model_and_leaves_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "stpmodel"
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(folder))
    argv = ["deadlines", "--from", "2025", "--to", "2027"]
    assert _plain.answer(argv) is None
    expected = _model(argv, capsys)
    assert _plain.main(argv) == 0
    assert capsys.readouterr().out == expected
    parts = sorted(p.name.rsplit("-", 1)[1] for p in folder.glob("records-*.json"))
    assert parts == ["deadlines.json", "help.json", "lists.json", "search.json", "show.json"]
    assert _plain_out(argv, capsys) == expected


@pytest.mark.parametrize("encoding", ["ascii", "cp932"])
def test_an_output_encoding_without_japanese_prints_the_same(tmp_path: Path, encoding: str) -> None:
    """Characters the output encoding lacks are replaced on both paths, help included."""
    env = {**os.environ, "STPMODEL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("COLUMNS", None)
    model = "import sys; from stpmodel.cli import main; sys.exit(main(sys.argv[1:]))"
    for argv in (["--help"], ["show", "6.1.2"], ["deadlines", "--from", "2025"]):
        subprocess.run([sys.executable, "-m", "stpmodel", *argv], env=env, capture_output=True)
        env["PYTHONIOENCODING"] = encoding
        plain = subprocess.run(
            [sys.executable, "-m", "stpmodel", *argv], env=env, capture_output=True
        )
        expected = subprocess.run(
            [sys.executable, "-c", model, *argv], env=env, capture_output=True
        )
        del env["PYTHONIOENCODING"]
        assert (plain.returncode, plain.stderr) == (0, b""), argv
        assert plain.stdout == expected.stdout, argv


def test_a_closed_stdout_is_reported_as_the_model_path_does(tmp_path: Path) -> None:
    env = {**os.environ, "STPMODEL_CACHE_DIR": str(tmp_path / "cache")}
    model = "import sys; from stpmodel.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = ["show", "6.1.2"]
    subprocess.run([sys.executable, "-m", "stpmodel", *argv], env=env, capture_output=True)
    runs = [
        subprocess.run(
            [*command, *argv],
            env=env,
            stderr=subprocess.PIPE,
            preexec_fn=lambda: os.close(1),
        )
        for command in ([sys.executable, "-m", "stpmodel"], [sys.executable, "-c", model])
    ]
    plain, expected = ((r.returncode, r.stderr) for r in runs)
    assert plain == expected
    assert b"Traceback" not in plain[1]
