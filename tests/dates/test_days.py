"""Days and months: numerals to days, 朔日 and 晦日, holidays, a bare month in its year."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import Calendar, Period
from stpmodel.dates._days import (
    LAST_DAY,
    day_period,
    day_range,
    end_day,
    holiday,
    month_in_context,
    named_day,
    to_number,
)

D = dt.date


def test_the_last_day_is_the_months_whatever_its_length() -> None:
    assert day_period(2024, 2, LAST_DAY).start == D(2024, 2, 29)
    assert day_period(2023, 2, LAST_DAY).start == D(2023, 2, 28)


def test_named_days_and_end_words() -> None:
    assert (named_day("朔日"), named_day("晦日"), named_day(None)) == (1, LAST_DAY, None)
    assert (end_day("15", None), end_day(None, "末日"), end_day(None, "朔日")) == (15, LAST_DAY, 1)


def test_a_numeral_that_is_none_reads_as_none() -> None:
    assert (to_number("十十"), to_number(None), to_number("二十")) == (None, None, 20)


def test_a_range_of_days_in_one_month() -> None:
    days = day_range(2020, 4, 1, 15)
    assert days is not None
    assert (days.start, days.end) == (D(2020, 4, 1), D(2020, 4, 15))
    with pytest.raises(ValueError, match="backwards"):
        day_range(2020, 4, 15, 1)


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [
        ("みどりの日", 2006, D(2006, 4, 29)),
        ("みどりの日", 2007, D(2007, 5, 4)),
        ("天皇誕生日", 2018, D(2018, 12, 23)),
        ("天皇誕生日", 2020, D(2020, 2, 23)),
        ("山の日", 2020, D(2020, 8, 10)),
        ("山の日", 2022, D(2022, 8, 11)),
    ],
)
def test_holidays_follow_the_law_of_their_year(name: str, year: int, day: D) -> None:
    assert holiday(name, year) == day


@pytest.mark.parametrize(("name", "year"), [("天皇誕生日", 2019), ("山の日", 2015)])
def test_a_holiday_in_a_year_without_it_raises(name: str, year: int) -> None:
    with pytest.raises(ValueError, match=f"no {name} in {year}"):
        holiday(name, year)


def test_a_bare_month_after_a_fiscal_year_counts_in_it() -> None:
    january = month_in_context((1, None, None, None), Period.fiscal_year(2024))
    assert january is not None
    assert (january.start, january.calendar) == (D(2025, 1, 1), Calendar.FISCAL)
    april = month_in_context((4, 1, None, 15), Period.calendar_year(2024))
    assert april is not None
    assert (april.start, april.end) == (D(2024, 4, 1), D(2024, 4, 15))
