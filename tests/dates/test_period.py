"""Periods: named constructors, fiscal years, containment."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import Calendar, Granularity, Period


def test_fiscal_year_runs_april_to_march() -> None:
    fy = Period.fiscal_year(2025)
    assert (fy.start, fy.end) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert fy.calendar is Calendar.FISCAL
    assert fy.label == "FY2025"
    assert dt.date(2026, 3, 31) in fy
    assert dt.date(2025, 3, 31) not in fy


def test_month_ends_follow_the_calendar() -> None:
    assert Period.month(2024, 2).end == dt.date(2024, 2, 29)
    assert Period.month(2023, 2).end == dt.date(2023, 2, 28)


def test_fiscal_quarters() -> None:
    assert Period.quarter(2025, 4, fiscal=True).end == dt.date(2026, 3, 31)
    assert Period.quarter(2025, 1).label == "2025-01-01..2025-03-31"
    with pytest.raises(ValueError, match=r"quarter must be 1\.\.4"):
        Period.quarter(2025, 5)


def test_between_and_overlap() -> None:
    span = Period.between(Period.fiscal_year(2025), Period.fiscal_year(2027))
    assert span.granularity is Granularity.RANGE
    assert list(span.years) == [2025, 2026, 2027]
    assert span.label == "FY2025–FY2027"
    assert span.overlaps(Period.calendar_year(2028))
    assert not span.overlaps(Period.calendar_year(2029))


def test_invalid_periods_are_rejected() -> None:
    with pytest.raises(ValueError, match="ends before it starts"):
        Period(
            start=dt.date(2025, 1, 2),
            end=dt.date(2025, 1, 1),
            granularity=Granularity.DAY,
            year=2025,
        )


def test_centuries_count_from_year_one() -> None:
    c21 = Period.century(21)
    assert (c21.start, c21.end) == (dt.date(2001, 1, 1), dt.date(2100, 12, 31))
    assert c21.granularity is Granularity.CENTURY
    with pytest.raises(ValueError, match=r"century must be 1\.\.99"):
        Period.century(0)
