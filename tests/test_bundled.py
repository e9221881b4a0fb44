"""The bundled dataset: parsed from the shipped text, cached safely, equal to a fresh parse.

The cache tests attack it as issue 10 describes: planted pickles, a folder shared by two
users, symlinks at the target and at temporary names, foreign files next to ours, and an
edit that keeps the size and the modification time.
"""

from __future__ import annotations

import ast
import copyreg
import functools
import gc
import os
import pickle
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stpmodel
from stpmodel import Action, Initiative, MinistryRef, _bundled
from stpmodel._cache import _files, _folder, _key, _roadmap
from stpmodel.roadmap import Roadmap

CACHE_NAME = re.compile(r"roadmap-[0-9a-f]{32}\.pickle")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache folder, set as STPMODEL_CACHE_DIR."""
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(path))
    return path


def _fresh_load() -> Roadmap:
    """What `load()` does in a new process: read the cache, else parse and write it."""
    return _bundled._load.__wrapped__()


def _cache_file(folder: Path) -> Path:
    path = _bundled.cache_path()
    assert path is not None
    assert Path(path).parent == folder
    return Path(path)


class _Boom:
    """A pickle that would create ``marker`` when unpickled by a plain unpickler."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.marker}",))


def _file(body: bytes, key: str | None = None) -> bytes:
    """A cache file with a valid first line (format, key, digest) for ``body``."""
    key = key or _bundled.cache_key()
    assert key is not None
    return _files.header(key, body) + body


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- the dataset --------------------------------------------------------------------------
def test_load_equals_a_fresh_strict_parse(roadmap: Roadmap) -> None:
    meta = _bundled.manifest()
    fresh = stpmodel.parse(
        stpmodel.source_text(),
        name=meta["source"],
        strict=True,
        title=meta["title"],
        edition=meta["edition"],
    )
    assert fresh == roadmap
    assert roadmap.source.sha256 == fresh.source.sha256
    assert roadmap.edition == 2024


def test_the_disk_cache_round_trips_between_processes(tmp_path: Path) -> None:
    folder = tmp_path / "missing" / "stpmodel"
    code = "import stpmodel; r = stpmodel.load(); print(len(r.actions), r.get('6.1.2').id)"
    env = {"STPMODEL_CACHE_DIR": str(folder), "PATH": ""}
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    files = list(folder.iterdir())
    assert [CACHE_NAME.fullmatch(f.name) is not None for f in files] == [True]
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0  # created 0o700
    assert stat.S_IMODE(files[0].stat().st_mode) & 0o077 == 0  # mkstemp's 0o600
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert first.stdout == second.stdout == "95 6.1.2\n"


def test_the_cache_is_read_back_equal(folder: Path, roadmap: Roadmap) -> None:
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    again = _bundled.read_cache(path)
    assert again == roadmap
    assert again is not None
    assert again.get("6.1.2.a3", Action).id == "6.1.2.a3"  # the index is rebuilt, not read
    assert gc.isenabled()  # paused while unpickling, and restored
    assert _no_temp_files(folder)


@pytest.mark.parametrize("module", [_bundled, _files, _folder, _key, _roadmap])
def test_bundled_does_not_import_the_package(module: Any) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert all(alias.name != "stpmodel" for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.module != "stpmodel", f"line {node.lineno} imports the package"


def test_gc_is_not_paused_by_load_of_a_missing_cache(folder: Path) -> None:
    gc.enable()
    assert _fresh_load() is not None
    assert gc.isenabled()


# -- where the cache lives ----------------------------------------------------------------
def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STPMODEL_CACHE_DIR", "")
    assert _bundled.cache_path() is None


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"STPMODEL_CACHE_DIR": "relative/cache"}, None),
        ({"XDG_CACHE_HOME": "relative", "HOME": "/home/u"}, None),
        ({"HOME": "relative-home"}, None),
        ({}, None),  # no HOME at all
        ({"XDG_CACHE_HOME": "/x/cache", "HOME": "/home/u"}, "/x/cache/stpmodel"),
        ({"HOME": "/home/u"}, "/home/u/.cache/stpmodel"),
        ({"STPMODEL_CACHE_DIR": "/srv/c", "HOME": "/home/u"}, "/srv/c"),
    ],
)
def test_the_folder_is_never_relative(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str | None
) -> None:
    for name in ("STPMODEL_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _bundled.cache_dir() == expected


def test_a_relative_setting_writes_nothing_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roadmap: Roadmap
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STPMODEL_CACHE_DIR", "cache")
    assert _fresh_load() == roadmap
    monkeypatch.delenv("STPMODEL_CACHE_DIR")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert _fresh_load() == roadmap
    assert list(tmp_path.iterdir()) == []
    assert not _bundled.write_cache("cache/roadmap-x.pickle", roadmap)
    assert list(tmp_path.iterdir()) == []


# -- planted and damaged files ------------------------------------------------------------
@pytest.mark.parametrize("with_header", [True, False])
def test_a_planted_pickle_is_never_executed(
    folder: Path, tmp_path: Path, roadmap: Roadmap, with_header: bool
) -> None:
    marker = tmp_path / "executed"
    payload = pickle.dumps(_Boom(marker))
    path = _cache_file(folder)
    planted = _file(payload) if with_header else payload
    path.write_bytes(planted)
    path.chmod(0o600)
    assert pickle.loads(payload) == 0
    assert marker.exists()
    marker.unlink()
    assert _bundled.read_cache(path) is None  # … but not when the cache reads it
    assert not marker.exists()
    assert _fresh_load() == roadmap  # the answer stays right
    assert not marker.exists()
    assert path.read_bytes() != planted  # replaced
    assert _bundled.read_cache(path) == roadmap
    assert _no_temp_files(folder)


def test_a_planted_pickle_under_every_name_is_ignored_by_a_new_process(tmp_path: Path) -> None:
    """End to end: the command line's answer with pickles planted under every name the
    library makes (the cache, its temporary files, the old names)."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    marker = tmp_path / "executed"
    key = _bundled.cache_key()
    assert key is not None
    names = [
        f"roadmap-{key}.pickle",
        f"roadmap-{key}.abcd1234.tmp",
        "roadmap-0123456789abcdef.pickle",
    ]
    for name in names:
        (folder / name).write_bytes(_file(pickle.dumps(_Boom(marker)), key))
    env = {"STPMODEL_CACHE_DIR": str(folder), "PATH": os.environ.get("PATH", "")}
    code = "from stpmodel.cli import main; raise SystemExit(main(['deadlines', '--from', '2025', '--to', '2027']))"
    planted = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert not marker.exists()
    clean = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "STPMODEL_CACHE_DIR": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert planted.stdout == clean.stdout
    assert planted.stdout.count("\n") > 10


def test_only_allowed_globals_are_built(folder: Path) -> None:
    path = _cache_file(folder)
    for value in (os.getcwd, shutil.rmtree, pickle.loads, copyreg.__dict__["_reconstructor"]):
        path.write_bytes(_file(pickle.dumps({"title": value})))
        assert _bundled.read_cache(path) is None


def test_damaged_or_foreign_files_are_ignored_and_replaced(folder: Path, roadmap: Roadmap) -> None:
    path = _cache_file(folder)
    assert _bundled.read_cache(path) is None  # missing
    for content in (
        b"",
        b"not a pickle",
        _file(b""),
        _file(b"\x80\x05garbage"),
        _file(_roadmap.encode(roadmap), "0" * 32),  # another key: another version's file
        _file(_roadmap.encode(roadmap))[:-100],  # truncated
        _file(pickle.dumps({"not": "a roadmap"})),
        _file(pickle.dumps(["a", "list"])),
        _file(pickle.dumps({1: "keys of mixed types", "title": "x"})),
        _file(pickle.dumps(roadmap)),  # the whole object, as the old layout stored it
        _file(pickle.dumps(b"bytes")),
    ):
        path.write_bytes(content)
        assert _bundled.read_cache(path) is None, content[:60]
        assert _fresh_load() == roadmap
        assert _bundled.read_cache(path) == roadmap  # replaced by a good file
        assert _no_temp_files(folder)


def test_a_file_damaged_after_writing_is_ignored(folder: Path, roadmap: Roadmap) -> None:
    """A changed byte inside a string still unpickles; the digest in the first line
    catches it, so a damaged roadmap is never served."""
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    content = path.read_bytes()
    title = roadmap.title.encode("utf-8")
    at = content.index(title)
    other = "新".encode() if not roadmap.title.startswith("新") else "旧".encode()
    damaged = content[:at] + other + content[at + len(other) :]
    body = damaged.partition(b"\n")[2]
    assert pickle.loads(body)["title"] != roadmap.title  # the damage is readable …
    path.write_bytes(damaged)
    assert _bundled.read_cache(path) is None  # … and refused
    assert _fresh_load() == roadmap
    assert path.read_bytes() == content


def _pickle_with(roadmap: Roadmap, change: dict[str, Any]) -> bytes:
    """The cache file of ``roadmap`` with every Initiative's state changed as an older layout
    would have it: ``change`` maps field names to a new value, or to None to drop it."""

    def reduce(obj: Any) -> Any:
        if type(obj) is not Initiative:
            return NotImplemented
        state = {f.name: getattr(obj, f.name) for f in attrs.fields(Initiative)}
        for name, value in change.items():
            if value is None:
                del state[name]
            else:
                state[name] = value
        return (copyreg.__dict__["__newobj__"], (Initiative,), state)  # NEWOBJ + BUILD, no global

    class Old(pickle.Pickler):
        reducer_override = staticmethod(reduce)

    import io

    fields = {f.name: getattr(roadmap, f.name) for f in attrs.fields(Roadmap) if f.init}
    buffer = io.BytesIO()
    Old(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(fields)
    return _file(buffer.getvalue())


@pytest.mark.parametrize(
    "change",
    [
        {"dates": None},  # a field the old layout did not have
        {"ministries": ("科技", "文")},  # codes as strings rather than MinistryRef
        {"number": "1"},
        {"repost": 1},
        {"actions": [1]},
    ],
)
def test_an_old_layout_that_passes_isinstance_is_refused(
    folder: Path, roadmap: Roadmap, change: dict[str, Any]
) -> None:
    path = _cache_file(folder)
    content = _pickle_with(roadmap, change)
    path.write_bytes(content)
    assert _bundled.read_cache(path) is None
    assert _fresh_load() == roadmap
    assert path.read_bytes() != content


def test_a_well_formed_layout_is_accepted(folder: Path, roadmap: Roadmap) -> None:
    """The crafted file of the test above, unchanged, is read: the refusals are the changes'."""
    path = _cache_file(folder)
    path.write_bytes(_pickle_with(roadmap, {}))
    assert _bundled.read_cache(path) == roadmap
    ref = MinistryRef(code="科技", lead=True)
    path.write_bytes(_pickle_with(roadmap, {"ministries": (ref,)}))
    changed = _bundled.read_cache(path)
    assert changed is not None
    assert changed.initiatives[0].ministries == (ref,)


def test_annotations_naming_type_checking_imports_still_resolve(
    folder: Path, roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """model.py may move an import under `if TYPE_CHECKING:` (the layering work does such
    things): the stored classes are known by name, so the checks still resolve."""
    import stpmodel.model

    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    monkeypatch.delattr(stpmodel.model, "Period")
    monkeypatch.delattr(stpmodel.model, "DateMention")
    for cached in (_roadmap._declared_types, _roadmap._field_checks):
        cached.cache_clear()
    try:
        assert _bundled.read_cache(path) == roadmap
    finally:
        monkeypatch.undo()
        for cached in (_roadmap._declared_types, _roadmap._field_checks):
            cached.cache_clear()


# -- two users, permissions, symlinks ------------------------------------------------------
def test_a_folder_of_another_user_is_not_used(
    folder: Path, roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    """User A's cache in a shared STPMODEL_CACHE_DIR: user B neither reads nor writes it."""
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)  # user A
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    other = os.geteuid() + 1
    monkeypatch.setattr(os, "geteuid", lambda: other)
    assert _bundled.read_cache(path) is None
    assert not _bundled.write_cache(path, roadmap)
    assert _fresh_load() == roadmap  # user B: parsed in memory
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o770, 0o720, 0o702])
def test_a_folder_others_can_write_is_not_used(folder: Path, roadmap: Roadmap, mode: int) -> None:
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    folder.chmod(mode)
    assert _bundled.read_cache(path) is None
    assert not _bundled.write_cache(path, roadmap)
    assert _fresh_load() == roadmap
    assert [p.name for p in folder.iterdir()] == [path.name]


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_file_others_can_write_is_not_read(folder: Path, roadmap: Roadmap, mode: int) -> None:
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    path.chmod(mode)
    assert _bundled.read_cache(path) is None
    assert _fresh_load() == roadmap
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # replaced by a private file


def test_a_file_of_another_owner_is_not_read(
    folder: Path, roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cache_file(folder)
    assert _bundled.write_cache(path, roadmap)
    if os.geteuid() == 0:  # root can give the file away for real
        os.chown(path, 4242, 4242)
    else:  # pragma: no cover - simulate it: the folder stays ours, no file is
        private = _folder.private
        monkeypatch.setattr(_folder, "private", lambda st: stat.S_ISDIR(st.st_mode) and private(st))
    assert _bundled.read_cache(path) is None
    assert _fresh_load() == roadmap


def test_the_target_symlink_is_replaced_not_followed(
    folder: Path, tmp_path: Path, roadmap: Roadmap
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's file")
    path = _cache_file(folder)
    path.symlink_to(victim)
    assert _bundled.read_cache(path) is None  # O_NOFOLLOW
    assert _bundled.write_cache(path, roadmap)
    assert victim.read_text() == "the user's file"
    assert not path.is_symlink()
    assert _bundled.read_cache(path) == roadmap


def test_a_symlink_to_a_good_cache_is_not_read(
    folder: Path, tmp_path: Path, roadmap: Roadmap
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    good = elsewhere / "good.pickle"
    assert _bundled.write_cache(good, roadmap)
    path = _cache_file(folder)
    path.symlink_to(good)
    assert _bundled.read_cache(good) == roadmap
    assert _bundled.read_cache(path) is None


def test_a_symlink_at_a_temporary_name_is_not_followed(
    folder: Path, tmp_path: Path, roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's file")
    path = _cache_file(folder)
    # the old predictable name, and the name mkstemp will try first
    (folder / f"{path.name}.{os.getpid()}.tmp").symlink_to(victim)
    (folder / f"{path.stem}.planted1.tmp").symlink_to(victim)
    names = iter(["planted1", "planted1", "fresh123"])
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    assert _bundled.write_cache(path, roadmap)
    assert victim.read_text() == "the user's file"
    assert _bundled.read_cache(path) == roadmap


def test_a_failed_write_leaves_no_temporary_file(
    folder: Path, roadmap: Roadmap, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _cache_file(folder)
    path.mkdir()  # a directory where the file goes: the rename fails
    assert not _bundled.write_cache(path, roadmap)
    assert _no_temp_files(folder)
    path.rmdir()

    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert not _bundled.write_cache(path, roadmap)
    assert sorted(p.name for p in folder.iterdir()) == []


def test_the_folder_is_created_private_under_a_permissive_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roadmap: Roadmap
) -> None:
    folder = tmp_path / "new" / "stpmodel"
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(folder))
    old = os.umask(0)
    try:
        assert _fresh_load() == roadmap
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [file] = folder.iterdir()
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277], ids=oct)
def test_every_folder_made_for_the_cache_is_private_whatever_the_umask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roadmap: Roadmap, umask: int
) -> None:
    """`os.makedirs` gives its mode to the last folder only: under `umask 000` a missing
    `~/.cache` above ours was made 0o777, writable by anyone. Each folder made is 0o700
    (0o277 narrows mkdir's mode to 0o500: the folder made is set back to 0o700); folders
    that were there are left as they were."""
    there = tmp_path / "there"
    there.mkdir()
    there.chmod(0o755)
    made = [there / "a", there / "a" / "b", there / "a" / "b" / "stpmodel"]
    for variable, value in (
        ("STPMODEL_CACHE_DIR", str(made[-1])),
        ("XDG_CACHE_HOME", str(made[-2])),
    ):
        shutil.rmtree(made[0], ignore_errors=True)
        monkeypatch.delenv("STPMODEL_CACHE_DIR", raising=False)
        monkeypatch.setenv(variable, value)
        old = os.umask(umask)
        try:
            assert _fresh_load() == roadmap
        finally:
            os.umask(old)
        modes = {str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in made}
        assert modes == dict.fromkeys(modes, "0o700"), variable
        assert stat.S_IMODE(there.stat().st_mode) == 0o755  # not ours: left alone
        [file] = made[-1].iterdir()
        assert stat.S_IMODE(file.stat().st_mode) & 0o077 == 0  # 0o600 (0o400 under 0o277)


def test_a_file_in_the_way_of_a_parent_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, roadmap: Roadmap
) -> None:
    blocker = tmp_path / "a"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STPMODEL_CACHE_DIR", str(blocker / "b" / "stpmodel"))
    assert _fresh_load() == roadmap
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]


# -- pruning ------------------------------------------------------------------------------
def test_pruning_removes_only_our_own_old_files(
    folder: Path, roadmap: Roadmap, tmp_path: Path
) -> None:
    ours = []
    for age in range(5):
        path = folder / f"roadmap-{age:032x}.pickle"
        path.write_bytes(b"old")
        os.utime(path, ns=(10**9 * (age + 1),) * 2)
        ours.append(path.name)
    legacy = folder / "roadmap-0123456789abcdef.pickle"
    legacy.write_bytes(b"old layout")
    crashed = folder / f"roadmap-{0:032x}.zz_9abcd.tmp"
    crashed.write_bytes(b"half")
    os.utime(crashed, ns=(10**9,) * 2)
    writing = folder / f"roadmap-{1:032x}.yy_9abcd.tmp"  # another process, right now
    writing.write_bytes(b"half")
    foreign = [
        "notes.txt",
        "roadmap-aaaa.pickle",
        "roadmap-.pickle",
        "roadmap-0123456789ABCDEF0123456789ABCDEF.pickle",
        f"roadmap-{9:032x}.pickle.bak",
        "my-roadmap-0123456789abcdef.pickle",
    ]
    for name in foreign:
        (folder / name).write_text("not ours")
        os.utime(folder / name, ns=(1, 1))  # older than anything: first to go if it were ours
    other_user = folder / f"roadmap-{7:032x}.pickle"
    other_user.write_bytes(b"someone else's")
    os.utime(other_user, ns=(1, 1))
    if os.geteuid() == 0:
        os.chown(other_user, 4242, 4242)
    a_dir = folder / f"roadmap-{8:032x}.pickle"
    a_dir.mkdir()
    link = folder / f"roadmap-{6:032x}.pickle"
    link.symlink_to(tmp_path / "anything")

    target = _cache_file(folder)
    assert _bundled.write_cache(target, roadmap)
    left = {p.name for p in folder.iterdir()}
    # the new file and the two newest of ours stay; nothing that is not ours is touched
    assert left == {
        target.name,
        ours[3],
        ours[4],
        writing.name,
        *foreign,
        *([other_user.name] if os.geteuid() == 0 else []),
        a_dir.name,
        link.name,
    }


# -- keyed by content ---------------------------------------------------------------------
def test_an_edit_keeping_size_and_mtime_is_not_served_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: Path, roadmap: Roadmap
) -> None:
    package = tmp_path / "stpmodel"
    shutil.copytree(
        Path(_bundled.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(_key, "_PACKAGE", str(package))
    monkeypatch.setattr(_bundled, "_DATA", str(package / "data"))
    _bundled.cache_key.cache_clear()
    try:
        first_key = _bundled.cache_key()
        assert _fresh_load() == roadmap
        text_file = package / "data" / _bundled.manifest()["source"]
        before = text_file.stat()
        text = text_file.read_text(encoding="utf-8")
        title = roadmap.sections[0].title
        assert title[0] != "新"
        assert len(title[0].encode()) == len("新".encode())
        edited = text.replace(title, "新" + title[1:], 1)
        assert edited != text
        assert len(edited.encode()) == len(text.encode())
        text_file.write_text(edited, encoding="utf-8")
        os.utime(text_file, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert text_file.stat().st_size == before.st_size
        assert text_file.stat().st_mtime_ns == before.st_mtime_ns
        _bundled.cache_key.cache_clear()
        assert _bundled.cache_key() != first_key
        again = _fresh_load()
        assert again.sections[0].title == "新" + title[1:]
    finally:
        _bundled.cache_key.cache_clear()


def test_the_key_covers_every_module_the_parse_runs() -> None:
    """Profile the bundled parse in a fresh process: every stpmodel file whose code runs
    (imports made on the way included), and the module of every class the cache stores,
    must be among the files the key hashes."""
    code = (
        "import sys\n"
        "from stpmodel import _bundled\nfrom stpmodel._cache import _roadmap\n"
        "ran = set()\n"
        "sys.setprofile(lambda frame, event, arg: ran.add(frame.f_code.co_filename))\n"
        "_bundled._parse()\n"
        "sys.setprofile(None)\n"
        "classes = (*_roadmap._model_classes(), *_roadmap._allowed().values())\n"
        "mods = {c.__module__ for cls in classes for c in getattr(cls, '__mro__', ())}\n"
        "ran |= {sys.modules[m].__file__ for m in mods if m.startswith('stpmodel')}\n"
        "ran |= {sys.modules[m].__file__ for m in sys.modules if m.startswith(('stpmodel._bundled', 'stpmodel._cache', 'stpmodel._gcpause'))}\n"
        "print('\\n'.join(sorted(f for f in ran if f and '/stpmodel/' in f.replace(chr(92), '/'))))\n"
    )
    env = {**os.environ, "STPMODEL_CACHE_DIR": ""}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    needed = {os.path.realpath(line) for line in done.stdout.splitlines()}
    assert any(path.endswith(os.path.join("parsing", "_assemble.py")) for path in needed)
    assert any(path.endswith("_text.py") for path in needed)  # loaded before, run during
    hashed = {os.path.realpath(path) for path in _key._key_files()}
    assert needed <= hashed, sorted(needed - hashed)
    data = Path(_bundled._DATA)
    assert {str(data / "manifest.json"), str(data / _bundled.manifest()["source"])} <= hashed


def test_the_key_covers_code_as_well_as_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "stpmodel"
    shutil.copytree(
        Path(_bundled.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(_key, "_PACKAGE", str(package))
    monkeypatch.setattr(_bundled, "_DATA", str(package / "data"))
    keys = set()
    try:
        for relative in (
            "parsing/__init__.py",
            "model.py",
            "dates/period.py",
            "registry/ministries.json",
        ):
            _bundled.cache_key.cache_clear()
            keys.add(_bundled.cache_key())
            with (package / relative).open("a", encoding="utf-8") as handle:
                handle.write(" ")
        _bundled.cache_key.cache_clear()
        keys.add(_bundled.cache_key())
    finally:
        _bundled.cache_key.cache_clear()
    assert len(keys) == 5


# -- whatever the bytes, no exception escapes ---------------------------------------------
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_cache_files_never_raise(data: st.DataObject) -> None:
    """Random damage to a real cache body, with the first line made valid again for it:
    the reader returns None or a well-typed roadmap, and never raises."""
    key = _bundled.cache_key()
    assert key is not None
    body = bytearray(_body())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(body) - 1))
        body[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(body) // 2, len(body)))
    folder = Path(tempfile.mkdtemp())
    try:
        path = folder / f"roadmap-{key}.pickle"
        path.write_bytes(_file(bytes(body[:cut]), key))
        result = _bundled.read_cache(path)
        assert result is None or isinstance(result, Roadmap)
    finally:
        shutil.rmtree(folder)


@functools.cache
def _body() -> bytes:
    """The pickled body of the bundled roadmap's cache file."""
    return _roadmap.encode(stpmodel.load())


def test_the_type_dispatch_is_written_once() -> None:
    """The cache's type check and the JSON Schema read annotations through one function."""
    from stpmodel import _types, schema

    for module in (schema, _roadmap):
        text = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "get_origin" not in text, module.__name__
        assert "get_args" not in text, module.__name__
        assert "shape(" in text, module.__name__
    assert _types.shape(tuple[MinistryRef, ...]) == ("array", (MinistryRef,))
    assert _types.shape(int | None) == ("union", (int, type(None)))
