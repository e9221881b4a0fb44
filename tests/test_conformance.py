"""Every absolute-date case of ja-timex's test suite, restated as intervals in ../shared."""

from __future__ import annotations

import csv

import pytest

from stpmodel.dates import find_dates
from tests.conftest import SHARED, shared_file


def _cases() -> list[tuple[str, str, str, str]]:
    path = SHARED / "conformance" / "ja-timex-absolute.tsv"
    if not path.exists():
        return []
    rows = [
        line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ]
    reader = csv.reader(rows[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    return [tuple([*row, "", "", "", ""][:4]) for row in reader if row]  # type: ignore[misc]


def test_the_conformance_file_is_there() -> None:
    shared_file("conformance", "ja-timex-absolute.tsv")
    assert len(_cases()) >= 40


@pytest.mark.parametrize(("text", "start", "end", "mention"), _cases() or [("", "", "", "")])
def test_case(text: str, start: str, end: str, mention: str) -> None:
    if not text:
        pytest.skip("the shared folder is absent")
    found = find_dates(text)
    if start == "-":
        assert found == [], f"{text!r} must give no date"
        return
    assert found, f"no date found in {text!r}"
    first = found[0]
    assert first.text == (mention or text)
    if start != "~":
        assert first.period.start.isoformat() == start
    if end != "~":
        assert first.period.end.isoformat() == end
