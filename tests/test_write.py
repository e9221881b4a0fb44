"""Safe output: no writer destroys a file, writes through a link or leaves half a file."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from stpmodel import Roadmap
from stpmodel._write import (
    atomic_path,
    escape_controls,
    guard,
    unguard,
    write_bytes,
    write_files,
)
from stpmodel.errors import StpError, WriteError
from stpmodel.export import export
from stpmodel.export.tables import TABLES

FILE_FORMATS = ["json", "sqlite", "graphml", "gexf"]
OLD = b"the user's own file\n"


def _no_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# -- an existing target ----------------------------------------------------------------
@pytest.mark.parametrize("fmt", [*FILE_FORMATS, "csv-zip"])
def test_an_existing_file_is_refused_and_left_as_it_was(
    roadmap: Roadmap, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / ("out.zip" if fmt == "csv-zip" else f"out.{fmt}")
    target.write_bytes(OLD)
    before = target.stat()
    with pytest.raises(WriteError) as info:
        export(roadmap, "csv" if fmt == "csv-zip" else fmt, target)
    assert (
        str(info.value)
        == f"cannot write {target}: it exists (overwrite=True or --force replaces it)"
    )
    assert isinstance(info.value, StpError)
    assert isinstance(info.value, OSError)
    assert target.read_bytes() == OLD
    assert (target.stat().st_ino, target.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert _no_temp_files(tmp_path) == []


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_overwrite_replaces_atomically_and_keeps_the_permissions(
    roadmap: Roadmap, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    target.write_bytes(OLD)
    target.chmod(0o640)
    old_inode = target.stat().st_ino
    assert export(roadmap, fmt, str(target), overwrite=True) == str(target)
    assert target.read_bytes() != OLD
    # a rename puts a new file in place: readers of the old one never see half a file
    assert target.stat().st_ino != old_inode
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _no_temp_files(tmp_path) == []


def test_a_read_only_file_is_replaced_when_asked_and_stays_read_only(tmp_path: Path) -> None:
    target = tmp_path / "ro.json"
    target.write_bytes(OLD)
    target.chmod(0o444)
    with pytest.raises(WriteError, match="it exists"):
        write_bytes(target, b"new")
    write_bytes(target, b"new", overwrite=True)  # the mode is set after the data is written
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


def test_a_new_file_gets_the_usual_permissions(roadmap: Roadmap, tmp_path: Path) -> None:
    old_mask = os.umask(0o027)
    try:
        export(roadmap, "json", tmp_path / "new.json")
    finally:
        os.umask(old_mask)
    # mkstemp makes 0600 files; the result is what open() would have made
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def test_the_temporary_file_is_made_in_the_target_folder(
    roadmap: Roadmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders: list[str | None] = []
    real = tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        folders.append(kwargs.get("dir"))  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[call-overload,no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    for fmt in FILE_FORMATS:
        export(roadmap, fmt, tmp_path / f"x.{fmt}")
    assert folders == [str(tmp_path)] * len(FILE_FORMATS)


# -- links and things that are not regular files ---------------------------------------
@pytest.mark.parametrize("fmt", FILE_FORMATS)
@pytest.mark.parametrize("overwrite", [False, True])
def test_a_symlink_is_refused_and_its_target_untouched(
    roadmap: Roadmap, tmp_path: Path, fmt: str, overwrite: bool
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(OLD)
    link = tmp_path / f"out.{fmt}"
    link.symlink_to(victim)
    with pytest.raises(WriteError, match="it is a symbolic link"):
        export(roadmap, fmt, link, overwrite=overwrite)
    assert link.is_symlink()
    assert victim.read_bytes() == OLD
    dangling = tmp_path / f"dangling.{fmt}"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(WriteError, match="it is a symbolic link"):
        export(roadmap, fmt, dangling, overwrite=overwrite)
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_what_is_not_a_regular_file_is_never_replaced(
    roadmap: Roadmap, tmp_path: Path, fmt: str
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    (folder / "keep.txt").write_bytes(OLD)
    with pytest.raises(WriteError, match="it is a directory"):
        export(roadmap, fmt, folder, overwrite=True)
    assert (folder / "keep.txt").read_bytes() == OLD
    fifo = tmp_path / "a-pipe"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="it is not a regular file"):
        export(roadmap, fmt, fifo, overwrite=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_file_that_appears_during_the_write_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "race.json"

    def another_program_makes_the_file_meanwhile() -> None:
        with atomic_path(target) as tmp:
            Path(tmp).write_bytes(b"new")
            target.write_bytes(OLD)

    with pytest.raises(WriteError, match="it exists"):
        another_program_makes_the_file_meanwhile()
    assert target.read_bytes() == OLD
    assert _no_temp_files(tmp_path) == []


# -- system errors ---------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_missing_folder_is_a_write_error(roadmap: Roadmap, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "missing" / "dir" / f"x.{fmt}"
    with pytest.raises(WriteError) as info:
        export(roadmap, fmt, target)
    assert str(info.value) == f"cannot write {target}: No such file or directory"


def _fail_with(code: int) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(
    roadmap: Roadmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    target = tmp_path / f"x.{fmt}"
    target.write_bytes(OLD)
    # every writer's data reaches the disk through os.write (sqlite3 and networkx
    # through their own calls): fail the rename step the same way ENOSPC would
    monkeypatch.setattr(os, "replace", _fail_with(errno.ENOSPC))
    with pytest.raises(WriteError) as info:
        export(roadmap, fmt, target, overwrite=True)
    assert str(info.value) == f"cannot write {target}: No space left on device"
    assert target.read_bytes() == OLD
    assert _no_temp_files(tmp_path) == []


def test_a_full_disk_while_writing_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.json"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "fsync", _fail_with(errno.ENOSPC))
    with pytest.raises(WriteError, match="No space left on device"):
        write_bytes(target, b"new", overwrite=True)
    assert target.read_bytes() == OLD
    assert _no_temp_files(tmp_path) == []


def test_a_read_only_place_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "mkstemp", _fail_with(errno.EROFS))
    with pytest.raises(WriteError) as info:
        write_bytes(tmp_path / "x.json", b"{}")
    assert str(info.value) == f"cannot write {tmp_path / 'x.json'}: Read-only file system"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_folder_without_write_permission(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(WriteError, match="Permission denied"):
            write_bytes(locked / "x.json", b"{}")
    finally:
        locked.chmod(0o755)


def test_sqlite_never_deletes_an_existing_database(roadmap: Roadmap, tmp_path: Path) -> None:
    target = tmp_path / "mine.sqlite"
    db = sqlite3.connect(target)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.execute("INSERT INTO notes VALUES ('my own work')")
    db.commit()
    db.close()
    data = target.read_bytes()
    with pytest.raises(WriteError, match="it exists"):
        export(roadmap, "sqlite", target)
    assert target.read_bytes() == data


def test_sqlite_failing_half_way_keeps_the_old_database(
    roadmap: Roadmap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stpmodel.export.sqlite as sqlite_export

    target = tmp_path / "r.sqlite"
    export(roadmap, "sqlite", target)
    data = target.read_bytes()
    monkeypatch.setattr(sqlite_export, "TABLES", {**TABLES, "actions": ("id", "nope")})
    with pytest.raises(sqlite3.OperationalError):
        export(roadmap, "sqlite", target, overwrite=True)
    assert target.read_bytes() == data
    assert _no_temp_files(tmp_path) == []


# -- a folder of files (CSV) -----------------------------------------------------------
CSV_NAMES = sorted(f"{name}.csv" for name in TABLES)


def test_csv_into_a_new_folder(roadmap: Roadmap, tmp_path: Path) -> None:
    export(roadmap, "csv", tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == CSV_NAMES


def test_csv_refuses_when_any_file_it_would_write_exists(roadmap: Roadmap, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "actions.csv").write_bytes(OLD)
    (folder / "notes.txt").write_bytes(OLD)
    with pytest.raises(WriteError) as info:
        export(roadmap, "csv", folder)
    assert str(info.value) == (
        f"cannot write {folder}: it already holds actions.csv "
        "(overwrite=True or --force replaces them)"
    )
    # nothing was written, not even the files that were not there
    assert sorted(p.name for p in folder.iterdir()) == ["actions.csv", "notes.txt"]
    assert (folder / "actions.csv").read_bytes() == OLD


def test_csv_overwrite_replaces_only_its_own_files(roadmap: Roadmap, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "actions.csv").write_bytes(OLD)
    (folder / "notes.txt").write_bytes(OLD)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(OLD)
    (folder / "link.csv").symlink_to(victim)
    inode = (folder / "actions.csv").stat().st_ino
    export(roadmap, "csv", folder, overwrite=True)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*CSV_NAMES, "notes.txt", "link.csv"])
    assert (folder / "notes.txt").read_bytes() == OLD
    assert (folder / "link.csv").is_symlink()
    assert victim.read_bytes() == OLD
    assert (folder / "actions.csv").read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert (folder / "actions.csv").stat().st_ino != inode  # replaced by a rename
    assert _no_temp_files(folder) == []


def test_csv_refuses_a_link_among_its_files_even_with_overwrite(
    roadmap: Roadmap, tmp_path: Path
) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(OLD)
    (folder / "footnotes.csv").symlink_to(victim)
    with pytest.raises(WriteError, match=r"footnotes\.csv: it is a symbolic link"):
        export(roadmap, "csv", folder, overwrite=True)
    assert victim.read_bytes() == OLD
    assert sorted(p.name for p in folder.iterdir()) == ["footnotes.csv"]


def test_csv_refuses_a_folder_that_is_a_link_or_a_file(roadmap: Roadmap, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "linked").symlink_to(real)
    with pytest.raises(WriteError, match="it is a symbolic link"):
        export(roadmap, "csv", tmp_path / "linked", overwrite=True)
    assert list(real.iterdir()) == []
    (tmp_path / "plain").write_bytes(OLD)
    with pytest.raises(WriteError, match="it is not a folder"):
        export(roadmap, "csv", tmp_path / "plain", overwrite=True)
    with pytest.raises(WriteError, match="No such file or directory"):
        export(roadmap, "csv", tmp_path / "no" / "csv")


def test_write_files_checks_every_name_before_writing(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    with pytest.raises(WriteError, match="it is a directory"):
        write_files(tmp_path, {"a": b"1", "b": b"2"}, overwrite=True)
    assert not (tmp_path / "a").exists()


# -- cells and text --------------------------------------------------------------------
@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "＝1+1",
        "＋1",
        "－1",
        "＠SUM(A1)",
        "\t=cmd",
        "\r=cmd",
        "\n=cmd",
        " =1+1",
        "\u3000=1+1",
        " \u3000 ＝1",
        "'=1+1",
    ],
)
def test_guard_neutralises_every_formula_like_cell(cell: str) -> None:
    assert guard(cell) == "'" + cell
    assert unguard(str(guard(cell))) == cell


@pytest.mark.parametrize("cell", ["普通の文", "1+1", "a=b", " 空白", "'quoted", "", "#REF"])
def test_guard_leaves_plain_text(cell: str) -> None:
    assert guard(cell) == cell
    assert unguard(cell) == cell


def test_guard_leaves_other_values() -> None:
    assert guard(3) == 3
    assert guard(None) is None


def test_escape_controls() -> None:
    assert escape_controls("a\x01b\x1b[31mc\x7f\x85d") == "a\\x01b\\x1b[31mc\\x7f\\x85d"
    assert escape_controls("tab\tline\nreturn\r") == "tab\tline\nreturn\r"
    text = "普通の文"
    assert escape_controls(text) is text
    assert escape_controls("a\x1b\x85", json=True) == "a\\u001b\\u0085"
    # bidirectional overrides and isolates only where asked (the terminal)
    assert escape_controls("a\u202eb\u2066c\u2069") == "a\u202eb\u2066c\u2069"
    assert escape_controls("a\u202eb\u2066c\u2069", bidi=True) == "a\\u202eb\\u2066c\\u2069"


@pytest.mark.parametrize("kind", [str, Path])
def test_every_writer_takes_str_and_path(
    roadmap: Roadmap, tmp_path: Path, kind: Callable[[Path], object]
) -> None:
    pytest.importorskip("icalendar", reason="the 'ics' extra is not installed")
    pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    from stpmodel.export.ics import write_calendar
    from stpmodel.export.sqlite import write_sqlite
    from stpmodel.export.tables import write_csv

    writers: dict[str, Callable[[object], str]] = {
        "x.sqlite": lambda p: write_sqlite(roadmap, p),  # type: ignore[arg-type]
        "csv": lambda p: write_csv(roadmap, p),  # type: ignore[arg-type]
        "x.zip": lambda p: write_csv(roadmap, p),  # type: ignore[arg-type]
        "x.ics": lambda p: write_calendar(roadmap, p),  # type: ignore[arg-type]
    }
    for fmt in ("json", "sqlite", "xlsx", "graphml", "gexf"):
        writers[f"e.{fmt}"] = lambda p, fmt=fmt: export(roadmap, fmt, p)  # type: ignore[misc]
    for name, write in writers.items():
        target = tmp_path / name
        assert write(kind(target)) == str(target), name
        assert target.exists(), name


def test_the_replacer_writes_what_xml_and_xlsx_cannot_carry_as_u_fffd_and_counts_it() -> None:
    from stpmodel._write import Replacer, unwritable

    awkward = "\x00\x01\x08\x0b\x0c\x0e\x1f\x7f\x80\x85\x9f\ud800\udfff\ufdd0\ufdef\ufffe\uffff"
    awkward += "\U0001fffe\U0010ffff"
    replace = Replacer()
    assert replace(f"a{awkward}b") == "a" + "\ufffd" * len(awkward) + "b"
    assert replace.count == len(awkward)
    kept = "\t\n\r 工程表 \u3000\ufffd\ufdcf\ufdf0\ufffd\U0001fffd\U00020000 \u202e"
    assert replace(kept) is kept
    assert replace.count == len(awkward)
    assert not unwritable(kept)
    assert all(unwritable(c) for c in awkward)
