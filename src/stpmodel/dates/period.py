"""Periods: closed date intervals with the granularity and calendar they were written in."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from stpmodel._shown import Shown, View, attributes

__all__ = [
    "FISCAL_YEAR_START_MONTH",
    "Calendar",
    "Granularity",
    "Period",
    "fiscal_quarter_of",
    "fiscal_year_of",
    "today",
    "year_of_month_in_fiscal_year",
]


class Granularity(enum.StrEnum):
    """How finely a period was written (日, 旬, 月, 四半期, 半期, 年度, 年, 年代, 世紀)."""

    DAY = "day"
    DEKAD = "dekad"  # 旬: 上旬 1–10, 中旬 11–20, 下旬 21–end of month
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    FISCAL_YEAR = "fiscal_year"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"  # 21世紀: 2001-01-01 .. 2100-12-31
    RANGE = "range"  # an explicit range such as 2025～2027年度


class Calendar(enum.StrEnum):
    """Which year the expression counts in: 年度 (fiscal, April–March) or 年 (calendar)."""

    FISCAL = "fiscal"
    GREGORIAN = "gregorian"


FISCAL_YEAR_START_MONTH = 4
"""The month a Japanese fiscal year (年度) starts in: April."""


def fiscal_year_of(day: dt.date) -> int:
    """The Japanese fiscal year (年度) a day falls in: 1 April N .. 31 March N+1 is FY N.

    The one place this rule is written; every other module calls it.

    Examples:
        ```python
        >>> fiscal_year_of(dt.date(2027, 3, 31)), fiscal_year_of(dt.date(2027, 4, 1))
        (2026, 2027)
        ```
    """
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def year_of_month_in_fiscal_year(fiscal_year: int, month: int) -> int:
    """The calendar year in which `month` of fiscal year `fiscal_year` falls: the inverse of
    [fiscal_year_of][stpmodel.dates.period.fiscal_year_of] (January of FY2025 is in 2026).

    Examples:
        ```python
        >>> year_of_month_in_fiscal_year(2025, 4), year_of_month_in_fiscal_year(2025, 1)
        (2025, 2026)
        ```
    """
    return fiscal_year if month >= FISCAL_YEAR_START_MONTH else fiscal_year + 1


def fiscal_quarter_of(day: dt.date) -> int:
    """The quarter (1–4) of its fiscal year a day falls in: April–June is 1, January–March 4.

    Examples:
        ```python
        >>> fiscal_quarter_of(dt.date(2026, 4, 1)), fiscal_quarter_of(dt.date(2027, 3, 31))
        (1, 4)
        ```
    """
    return (day.month - FISCAL_YEAR_START_MONTH) % 12 // 3 + 1


def today() -> dt.date:
    """The current date: the one place the library reads the clock.

    Everything that depends on the date takes a `today` parameter that defaults to this.
    """
    return dt.date.today()


def _months_later(day: dt.date, months: int, days: int = 0) -> dt.date:
    # dateutil loads on first use: unpickling or comparing periods never needs it
    from dateutil.relativedelta import relativedelta

    result: dt.date = day + relativedelta(months=months, days=days)
    return result


def _month_end(year: int, month: int) -> dt.date:
    return _months_later(dt.date(year, month, 1), 1, -1)


@attrs.frozen(kw_only=True)
class Period(Shown):
    """A closed interval of days, ``start`` ≤ ``end`` (期間).

    ``year`` is the nominal year as written (2027 for 2027年度, even though FY2027 ends on
    2028-03-31); ``last_year`` differs from it only for ranges (2025～2027年度: 2025, 2027).
    ``approximate`` marks bounds fixed by convention rather than by the text (末, 初め, 半ば,
    早期 …). Build periods with the named constructors rather than by hand.
    """

    start: dt.date
    end: dt.date
    granularity: Granularity
    calendar: Calendar = Calendar.GREGORIAN
    year: int
    last_year: int = attrs.field()
    approximate: bool = False

    @last_year.default
    def _last_year_default(self) -> int:
        return self.year

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends before it starts: {self.start} > {self.end}")
        if self.last_year < self.year:
            raise ValueError(f"last_year {self.last_year} is before year {self.year}")

    # -- named constructors -------------------------------------------------------------
    @classmethod
    def day(cls, date: dt.date) -> Period:
        """One day."""
        return cls(start=date, end=date, granularity=Granularity.DAY, year=date.year)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month: ``Period.month(2024, 7)`` is 2024-07-01..2024-07-31."""
        return cls(
            start=dt.date(year, month, 1),
            end=_month_end(year, month),
            granularity=Granularity.MONTH,
            year=year,
        )

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """A calendar year (年): 1 January .. 31 December."""
        return cls(
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            granularity=Granularity.YEAR,
            year=year,
        )

    @classmethod
    def fiscal_year(cls, year: int) -> Period:
        """Japan's fiscal year (年度) N: 1 April N .. 31 March N+1."""
        first = FISCAL_YEAR_START_MONTH
        return cls(
            start=dt.date(year, first, 1),
            end=dt.date(year + 1, first, 1) - dt.timedelta(days=1),
            granularity=Granularity.FISCAL_YEAR,
            calendar=Calendar.FISCAL,
            year=year,
        )

    @classmethod
    def quarter(cls, year: int, quarter: int, *, fiscal: bool = False) -> Period:
        """Quarter 1–4 of a calendar year, or of a fiscal year (Q1 = April–June)."""
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1..4, not {quarter}")
        base = cls.fiscal_year(year) if fiscal else cls.calendar_year(year)
        start = _months_later(base.start, 3 * (quarter - 1))
        return attrs.evolve(
            base,
            start=start,
            end=_months_later(start, 3, -1),
            granularity=Granularity.QUARTER,
        )

    @classmethod
    def decade(cls, year: int) -> Period:
        """The decade starting at ``year`` (2030年代: 2030-01-01..2039-12-31)."""
        return cls(
            start=dt.date(year, 1, 1),
            end=dt.date(year + 9, 12, 31),
            granularity=Granularity.DECADE,
            year=year,
        )

    @classmethod
    def century(cls, number: int) -> Period:
        """Century `number` of the common era: 21世紀 is 2001-01-01..2100-12-31."""
        if not 1 <= number <= 99:
            raise ValueError(f"century must be 1..99, not {number}")
        first = (number - 1) * 100 + 1
        return cls(
            start=dt.date(first, 1, 1),
            end=dt.date(number * 100, 12, 31),
            granularity=Granularity.CENTURY,
            year=first,
        )

    @classmethod
    def between(cls, first: Period, last: Period) -> Period:
        """The range from the start of ``first`` to the end of ``last`` (2025～2027年度)."""
        calendar = first.calendar if first.calendar == last.calendar else Calendar.GREGORIAN
        return cls(
            start=first.start,
            end=max(first.end, last.end),
            granularity=Granularity.RANGE,
            calendar=calendar,
            year=first.year,
            last_year=max(last.last_year, first.year),
            approximate=first.approximate or last.approximate,
        )

    # -- reading ------------------------------------------------------------------------
    @property
    def years(self) -> range:
        """The nominal years written: ``range(year, last_year + 1)``."""
        return range(self.year, self.last_year + 1)

    @property
    def label(self) -> str:
        """A short human label: ``FY2025``, ``2024``, ``2024-07``, ``2023-12-22``, ``2030s``."""
        fy = "FY" if self.calendar is Calendar.FISCAL else ""
        g = self.granularity
        if g is Granularity.FISCAL_YEAR:
            return f"FY{self.year}"
        if g is Granularity.YEAR:
            return str(self.year)
        if g is Granularity.DECADE:
            return f"{self.year}s"
        if g is Granularity.MONTH and not self.approximate:
            return f"{self.start:%Y-%m}"
        if g is Granularity.DAY:
            return self.start.isoformat()
        if g is Granularity.RANGE:
            return (
                f"{fy}{self.year}–{fy}{self.last_year}"
                if self.last_year != self.year
                else (f"{self.start.isoformat()}..{self.end.isoformat()}")
            )
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        """True when the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return self.label

    _views = (View("period", attributes("label")),)
