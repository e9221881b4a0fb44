"""The bundled dataset: parsed from the shipped text, cached, and equal to a fresh parse."""

from __future__ import annotations

import gc
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import stpmodel
from stpmodel import _bundled
from stpmodel.roadmap import Roadmap


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


def test_the_disk_cache_round_trips(tmp_path: Path) -> None:
    code = "import stpmodel; r = stpmodel.load(); print(len(r.actions), r.get('6.1.2').id)"
    env = {"STPMODEL_CACHE_DIR": str(tmp_path), "PATH": ""}
    first = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    files = list(tmp_path.glob("roadmap-*.pickle"))
    assert len(files) == 1
    second = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert first.stdout == second.stdout == "95 6.1.2\n"


def test_a_damaged_or_foreign_cache_is_ignored(tmp_path: Path, roadmap: Roadmap) -> None:
    path = tmp_path / "roadmap.pickle"
    assert _bundled.read_cache(path) is None
    path.write_bytes(b"not a pickle")
    assert _bundled.read_cache(path) is None
    assert _bundled.write_cache(path, roadmap)
    assert _bundled.read_cache(path) == roadmap
    assert gc.isenabled()  # paused while unpickling, and restored
    path.write_bytes(pickle.dumps({"not": "a roadmap"}))
    assert _bundled.read_cache(path) is None
    assert not _bundled.write_cache(path / "inside-a-file" / "x.pickle", roadmap)


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STPMODEL_CACHE_DIR", "")
    assert _bundled.cache_path() is None


def test_stale_cache_files_are_pruned_on_write(tmp_path: Path, roadmap: Roadmap) -> None:
    import os

    stale = []
    for age, name in enumerate(["aaaa", "bbbb", "cccc", "dddd", "eeee"]):
        path = tmp_path / f"roadmap-{name}.pickle"
        path.write_bytes(b"old")
        os.utime(path, ns=(1_000_000_000 * (age + 1), 1_000_000_000 * (age + 1)))
        stale.append(path)
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept")
    target = tmp_path / "roadmap-ffff.pickle"
    assert _bundled.write_cache(target, roadmap)
    left = sorted(p.name for p in tmp_path.iterdir())
    # the new file and the two newest old ones stay; other files are never touched
    assert left == [
        "notes.txt",
        "roadmap-dddd.pickle",
        "roadmap-eeee.pickle",
        "roadmap-ffff.pickle",
    ]
    assert _bundled.read_cache(target) == roadmap
