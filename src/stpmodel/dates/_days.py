"""Days, months and the cached periods the date readers build: numerals to days, 朔日 and
晦日, the fixed-date holidays, a bare month placed in the year of its context."""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from stpmodel.dates._modifiers import APPROXIMATE, month_modifier
from stpmodel.dates._numerals import to_int
from stpmodel.dates.period import (
    Calendar,
    Granularity,
    Period,
    fiscal_year_of,
    year_of_month_in_fiscal_year,
)

__all__ = [
    "LAST_DAY",
    "between",
    "calendar_year",
    "day_period",
    "day_range",
    "end_day",
    "fiscal_year",
    "holiday",
    "month_in_context",
    "named_day",
    "require",
    "to_number",
]


LAST_DAY = -1  # 晦日, 末日: the month's last day, whatever its length


def day_period(year: int, month: int, day: int | None) -> Period:
    if day is None:
        return Period.month(year, month)
    if day == LAST_DAY:
        return Period.day(Period.month(year, month).end)
    return Period.day(dt.date(year, month, day))


def to_number(raw: str | None) -> int | None:
    """A numeral as written, or None when it is no numeral (十十)."""
    if raw is None:
        return None
    try:
        return to_int(raw)
    except ValueError:
        return None


def named_day(word: str | None) -> int | None:
    """朔日 is the 1st, 晦日 the last day."""
    if word is None:
        return None
    return 1 if word.startswith("朔") else LAST_DAY


def require(value: int | None) -> int:
    """``value``, or ValueError where a numeral could not be read."""
    if value is None:
        raise ValueError("no numeral")
    return value


def end_day(raw: str | None, word: str | None) -> int | None:
    """The day a range's second end names, in numerals or as 朔日, 晦日, 末日."""
    if raw is not None:
        return require(to_number(raw))
    return named_day(word) if word != "末日" else LAST_DAY


def day_range(year: int, month: int, first: int | None, last: int | None) -> Period | None:
    """4月1〜15日: the days ``first`` to ``last`` of one month."""
    if first is None or last is None:
        return None
    if last <= first:
        raise ValueError("range of days runs backwards")
    return between(day_period(year, month, first), day_period(year, month, last))


# the fixed-date days a year names: (first year, month, day) from which the name held that
# date; a month of 0 is a year without that day (no 天皇誕生日 in 2019)
_HOLIDAYS: dict[str, tuple[tuple[int, int, int], ...]] = {
    "元日": ((1, 1, 1),),
    "元旦": ((1, 1, 1),),
    "大晦日": ((1, 12, 31),),
    "建国記念の日": ((1967, 2, 11),),
    "昭和の日": ((2007, 4, 29),),
    "憲法記念日": ((1948, 5, 3),),
    "みどりの日": ((1989, 4, 29), (2007, 5, 4)),
    "こどもの日": ((1948, 5, 5),),
    # moved for the Tokyo Games in 2020 and 2021
    "山の日": ((2016, 8, 11), (2020, 8, 10), (2021, 8, 8), (2022, 8, 11)),
    "文化の日": ((1948, 11, 3),),
    "勤労感謝の日": ((1948, 11, 23),),
    "天皇誕生日": ((1948, 4, 29), (1989, 12, 23), (2019, 0, 0), (2020, 2, 23)),
}


def holiday(name: str, year: int) -> dt.date:
    """The day ``name`` fell on in ``year``; ValueError for a year that had no such day."""
    held = [(month, day) for first, month, day in _HOLIDAYS[name] if first <= year]
    if not held or not held[-1][0]:
        raise ValueError(f"there was no {name} in {year}")
    month, day = held[-1]
    return dt.date(year, month, day)


fiscal_year = functools.lru_cache(maxsize=512)(Period.fiscal_year)


calendar_year = functools.lru_cache(maxsize=512)(Period.calendar_year)


@functools.lru_cache(maxsize=1024)
def between(a: Period, b: Period) -> Period:
    return Period.between(a, b)


@functools.lru_cache(maxsize=1024)
def month_in_context(
    bare_month: tuple[int, int | None, str | None, int | None], context: Period
) -> Period | None:
    month, day, mod, last_day = bare_month
    fiscal = context.calendar is Calendar.FISCAL
    if fiscal:
        # a month after a fiscal-year mention counts in that fiscal year: 1月 is next January
        year = year_of_month_in_fiscal_year(fiscal_year_of(context.start), month)
    else:
        year = context.end.year if context.granularity is Granularity.RANGE else context.start.year
    try:
        base = day_period(year, month, day)
        if last_day is not None:
            base = between(base, day_period(year, month, last_day))
    except ValueError:
        return None
    if fiscal:
        base = attrs.evolve(base, calendar=Calendar.FISCAL)
    if day is None:
        return month_modifier(base, mod) if mod else base
    return attrs.evolve(base, approximate=True) if mod in APPROXIMATE else base
