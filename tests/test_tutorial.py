"""docs/tutorial.md runs as written: every Python snippet in order, each printed answer
checked against the text block that follows it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

TUTORIAL = Path(__file__).resolve().parents[1] / "docs" / "tutorial.md"
BLOCK = re.compile(r"```(python|text)\n(.*?)```", re.DOTALL)


def _snippets() -> list[tuple[str, str | None]]:
    """Each Python snippet with the text block right after it, if any."""
    blocks = [
        (m.group(1), m.group(2), m.start(), m.end())
        for m in BLOCK.finditer(TUTORIAL.read_text(encoding="utf-8"))
    ]
    text = TUTORIAL.read_text(encoding="utf-8")
    found: list[tuple[str, str | None]] = []
    for i, (kind, body, _, end) in enumerate(blocks):
        if kind != "python":
            continue
        expected = None
        if i + 1 < len(blocks) and blocks[i + 1][0] == "text":
            between = text[end : blocks[i + 1][2]]
            if not between.strip():
                expected = blocks[i + 1][1]
        found.append((body, expected))
    return found


def test_the_tutorial_has_snippets_with_answers() -> None:
    snippets = _snippets()
    assert len(snippets) >= 8
    assert sum(expected is not None for _, expected in snippets) >= 7


def test_every_snippet_runs_and_prints_what_the_tutorial_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "tutorial"}
    for number, (code, expected) in enumerate(_snippets(), 1):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, f"{TUTORIAL.name} snippet {number}", "exec"), namespace)
        if expected is not None:
            printed = [line.rstrip() for line in out.getvalue().splitlines()]
            assert printed == [line.rstrip() for line in expected.splitlines()], number


def test_the_snippets_run_again_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader reruns a notebook's cells: a snippet that writes files must not fail the
    second time on the files it wrote the first time."""
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        namespace: dict[str, object] = {"__name__": "tutorial"}
        for number, (code, _expected) in enumerate(_snippets(), 1):
            with contextlib.redirect_stdout(io.StringIO()):
                exec(compile(code, f"{TUTORIAL.name} snippet {number}", "exec"), namespace)
