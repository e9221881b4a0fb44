"""The test run itself: the golden-file check, `--update-golden` and the markers of the
quick run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, compare_or_update


def test_a_golden_file_is_compared_and_rewritten_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "golden.json"
    path.write_bytes(b"{\n}\n")
    compare_or_update(path, "{\n}\n", update=False)
    with pytest.raises(AssertionError, match="run pytest --update-golden"):
        compare_or_update(path, "[\n]\n", update=False)
    assert path.read_bytes() == b"{\n}\n"  # a failed check writes nothing
    compare_or_update(path, "[\n]\n", update=True)
    assert path.read_bytes() == b"[\n]\n"  # "\n" line ends on every platform


def _pytest(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_the_quick_run_leaves_out_marked_tests() -> None:
    markers = _pytest("--markers")
    for name in ("slow", "browser", "notebook"):
        assert f"@pytest.mark.{name}:" in markers, name
    assert "--update-golden" in _pytest("--help")
    quick = '-m "not slow and not browser and not notebook"'
    assert quick in (ROOT / "README.md").read_text(encoding="utf-8")
    # the browser tests carry their marker: collected in full, none in the quick run
    report = ROOT / "tests" / "test_report.py"
    every = _pytest("--collect-only", "-q", str(report))
    browser = _pytest("--collect-only", "-q", "-m", "browser", str(report))
    assert "test_" in browser
    assert browser.count("::") < every.count("::")
