"""Modifiers: the part of a year, a decade or a month a word after it names."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import Granularity, Period
from stpmodel.dates._modifiers import apply_modifier, month_modifier

D = dt.date


@pytest.mark.parametrize(
    ("base", "mod", "quarter", "start", "end", "granularity"),
    [
        (Period.fiscal_year(2025), "末", None, D(2026, 3, 1), D(2026, 3, 31), Granularity.MONTH),
        (Period.fiscal_year(2025), "上半期", None, D(2025, 4, 1), D(2025, 9, 30), Granularity.HALF),
        (Period.fiscal_year(2025), "第", "3", D(2025, 10, 1), D(2025, 12, 31), Granularity.QUARTER),
        (
            Period.calendar_year(2024),
            "春",
            None,
            D(2024, 3, 1),
            D(2024, 5, 31),
            Granularity.QUARTER,
        ),
        (
            Period.calendar_year(2024),
            "末日",
            None,
            D(2024, 12, 31),
            D(2024, 12, 31),
            Granularity.DAY,
        ),
        (Period.decade(2020), "後半", None, D(2025, 1, 1), D(2029, 12, 31), Granularity.HALF),
    ],
)
def test_parts_of_years_and_decades(
    base: Period, mod: str, quarter: str | None, start: D, end: D, granularity: Granularity
) -> None:
    part = apply_modifier(base, mod, quarter)
    assert (part.start, part.end, part.granularity) == (start, end, granularity)


@pytest.mark.parametrize(
    ("mod", "start", "end"),
    [
        ("上旬", D(2024, 2, 1), D(2024, 2, 10)),
        ("下旬", D(2024, 2, 21), D(2024, 2, 29)),
        ("末日", D(2024, 2, 29), D(2024, 2, 29)),
        ("後半", D(2024, 2, 16), D(2024, 2, 29)),
    ],
)
def test_parts_of_a_month(mod: str, start: D, end: D) -> None:
    part = month_modifier(Period.month(2024, 2), mod)
    assert (part.start, part.end) == (start, end)


def test_approximating_words_keep_the_period_and_mark_it() -> None:
    fy = Period.fiscal_year(2025)
    about = apply_modifier(fy, "頃", None)
    assert (about.start, about.end, about.approximate) == (fy.start, fy.end, True)


def test_a_word_that_names_no_part_leaves_the_period() -> None:
    day = Period.day(D(2025, 1, 1))
    assert apply_modifier(day, "末", None) == day
