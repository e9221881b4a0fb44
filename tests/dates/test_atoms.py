"""Atoms: what one match of the date pattern names, before any joining."""

from __future__ import annotations

import datetime as dt

from stpmodel.dates._atoms import DateProblem, read_atoms

D = dt.date


def _atoms(text: str, year_now: int | None = None) -> list[tuple[str, str | None, object]]:
    problems: list[DateProblem] = []
    return [
        (text[a.start : a.end], a.period.label if a.period else None, a.bare_year or a.bare_month)
        for a in read_atoms(text, problems, year_now)
    ]


def test_each_family_reads_its_own_atom() -> None:
    text = "令和3年度、2021/7/5、FY2025、21世紀、4月1日、2025、来年度"
    assert _atoms(text, 2024) == [
        ("令和3年度", "FY2021", None),
        ("2021/7/5", "2021-07-05", None),
        ("FY2025", "FY2025", None),
        ("21世紀", "2001-01-01..2100-12-31", None),
        ("4月1日", None, (4, 1, None, None)),
        ("2025", None, 2025),
        ("来年度", "FY2025", None),
    ]


def test_atoms_carry_their_era_and_whether_they_are_numeric() -> None:
    problems: list[DateProblem] = []
    era, numeric, western = read_atoms("令和6年度 2021/7/5 2024年", problems, None)
    assert (era.era, era.numeric) == ("令和", False)
    assert (numeric.era, numeric.numeric) == (None, True)
    assert (western.era, western.numeric) == (None, False)
    lower = read_atoms("r3.4.1", problems, None)[0]
    assert lower.era == "R"


def test_impossible_dates_become_problems_not_atoms() -> None:
    problems: list[DateProblem] = []
    assert read_atoms("2023/2/30 令和0年 2024年4月15〜1日", problems, None) == []
    assert [p.reason for p in problems] == [
        "day is out of range for month",
        "令和0年 is no year",
        "range of days runs backwards",
    ]


def test_the_memo_does_not_confuse_the_documents_year() -> None:
    assert _atoms("来年度", 2024) == [("来年度", "FY2025", None)]
    assert _atoms("来年度", 2030) == [("来年度", "FY2031", None)]


def test_the_memo_does_not_confuse_what_comes_before_a_numeric_date() -> None:
    assert _atoms("2021/12/30-2022/1/4")[1][1] == "2022-01-04"
    assert _atoms("ab-2022/1/4") == []
    assert _atoms("1-2022/1/4")[0][1] == "2022-01-04"
