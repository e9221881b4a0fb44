"""Joining rules: atoms linked by a range sign become one range, each end borrowing what
the other spells out (4日から22日, 9月1日～令和5年1月31日, 令和3年度から5年度まで,
2024年12月から翌1月), and years listed after an era continue it (令和6年度、7年度及び8年度).
"""

from __future__ import annotations

import re

from stpmodel.dates._atoms import Atom, resolve_bare_month
from stpmodel.dates._days import (
    between,
    calendar_year,
    day_period,
    end_day,
    fiscal_year,
    month_in_context,
    named_day,
    require,
    to_number,
)
from stpmodel.dates._numerals import era_to_western
from stpmodel.dates._patterns import ERA_END, ERA_NEXT, SHORT_END, WORD_END
from stpmodel.dates._relations import make_mention
from stpmodel.dates.mention import DateMention
from stpmodel.dates.period import Granularity, Period

__all__ = ["era_end", "era_list", "join", "short_end"]


def join(first: Atom, second: Atom, context: Period | None) -> Period | None:
    """The range ``first``～``second``, each side borrowing what the other spells out."""
    if first.period is None and first.bare_year is not None:
        ends = _bare_year_start(first.bare_year, first, second)
    else:
        ends = _start(first, second, context), second.period
    a, b = ends
    if a is None:
        return None
    b = b if b is not None else _end(second, a)
    if b is None or b.end < a.start:
        return None
    return between(a, b)


def _bare_year_start(year: int, first: Atom, second: Atom) -> tuple[Period | None, Period | None]:
    """Both ends when the first is a bare year: 2025～2027年度 takes the second's unit,
    2020～2025 (both bare) are calendar years."""
    b = second.period
    if b is not None and second.has_year:
        if b.granularity is Granularity.DECADE:
            return None, None
        make = fiscal_year if b.granularity is Granularity.FISCAL_YEAR else calendar_year
        return make(year), b
    if second.bare_year is not None and not (first.needs_unit or second.needs_unit):
        return calendar_year(year), calendar_year(second.bare_year)
    return None, None


def _start(first: Atom, second: Atom, context: Period | None) -> Period | None:
    """The first end: its own period, or a bare month's in its context, or in the year of
    the second end (9月1日～令和5年1月31日)."""
    if first.period is not None or first.bare_month is None:
        return first.period
    a = resolve_bare_month(first, context)
    b = second.period
    if (a is None or (b is not None and b.end < a.start)) and second.has_year:
        a = _month_before(first, b)
    return a


def _end(second: Atom, a: Period) -> Period | None:
    """The second end when it has no period of its own: a bare year in the unit of the
    first (2025年度～2027), a bare month in the first's year."""
    if second.bare_year is not None:
        if a.granularity is Granularity.FISCAL_YEAR:
            return fiscal_year(second.bare_year)
        if a.granularity is Granularity.YEAR:
            return calendar_year(second.bare_year)
    if second.bare_month is not None:
        return resolve_bare_month(second, a)
    return None


def _month_before(atom: Atom, end: Period | None) -> Period | None:
    """A bare month read as the last such month that starts before ``end`` does: the first
    end of a range whose second end gives the year."""
    if end is None or end.granularity not in (Granularity.DAY, Granularity.MONTH):
        return None
    assert atom.bare_month is not None
    for year in (end.start.year, end.start.year - 1):
        found = month_in_context(atom.bare_month, calendar_year(year))
        if found is not None and found.start <= end.start:
            return found
    return None


def short_end(atom: Atom, first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end that leaves out what ``first`` gave
    (4日から22日, 2018年十月一日から19年二月三日, 午後2時から5時, 2021/7/5~9), and where it
    ends."""
    if first.granularity not in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
        return None
    if found := _word_end(first, folded, at):
        return found
    if first.granularity is Granularity.YEAR:
        return None
    m = SHORT_END.match(folded, at)
    if m is None:
        return None
    if m.group("sd") and not atom.numeric:
        return None  # 5日～9: a bare number ends only a numeric date's range
    try:
        second = _second_end(m, first)
    except ValueError:
        return None
    if second is None or second.end < first.start:
        return None
    return (first if second is first else between(first, second)), m.end()


def _second_end(m: re.Match[str], first: Period) -> Period | None:
    """The period the second end ``m`` names, completed from ``first``."""
    year, month = first.start.year, first.start.month
    group = m.group
    if group("yy"):
        short = to_number(group("yy"))
        last_month = to_number(group("ym"))
        if short is None or last_month is None or short >= 100:
            return None
        last_year = year // 100 * 100 + short
        if last_year < year:
            last_year += 100
        day = to_number(group("yd")) if group("yd") else named_day(group("ydn"))
        return day_period(last_year, last_month, day)
    if first.granularity is not Granularity.DAY:
        return None
    if group("time"):
        return first
    if group("nm"):  # 2019/5/1～5/6
        return day_period(year, int(group("nm")), int(group("nd")))
    if group("sd"):  # 2021/7/5~9
        return day_period(year, month, int(group("sd")))
    day = to_number(group("d")) if group("d") else named_day(group("dn"))
    if day is None:
        return None
    return day_period(year, month, day)


def _word_end(first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end whose year or month is a word against it:
    2023年11月から翌年2月, 2024年12月から翌1月, 2024年4月1日から同月15日, 2024年から翌年."""
    w = WORD_END.match(folded, at)
    if w is None:
        return None
    group = w.group
    year, month = first.start.year, first.start.month
    try:
        if group("wm"):  # 翌月, 同月: the month after the first end's, or the same
            if first.granularity not in (Granularity.DAY, Granularity.MONTH):
                return None
            if group("wm") == "翌":
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            second = day_period(year, month, end_day(group("md"), group("mdn")))
        elif group("nm"):  # 翌1月: the month of the next year
            if first.granularity not in (Granularity.DAY, Granularity.MONTH):
                return None
            month = require(to_number(group("nm")))
            second = day_period(year + 1, month, end_day(group("nd"), group("ndn")))
        else:  # 翌年, 同年 with or without a month
            year += group("w") == "翌"
            if group("m") is None:
                if group("w") == "同":
                    return None
                second = calendar_year(year)
            else:
                month = require(to_number(group("m")))
                second = day_period(year, month, end_day(group("d"), group("dn")))
    except ValueError:
        return None
    return (between(first, second), w.end()) if second.end >= first.start else None


def era_end(atom: Atom, first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end that leaves out the era both share:
    令和3年度から5年度まで, 令和3年4月から5年3月, 令和2年～4年."""
    if atom.era is None or (m := ERA_END.match(folded, at)) is None:
        return None
    g = first.granularity
    has_month = m.group("m") is not None
    if (g is Granularity.FISCAL_YEAR) != bool(m.group("fy")) or (
        g in (Granularity.DAY, Granularity.MONTH)
    ) != has_month:
        return None  # the second end must say the same unit: 令和3年4月から5年間 is no range
    try:
        year = era_to_western(atom.era, require(to_number(m.group("y"))))
        if m.group("fy"):
            second = fiscal_year(year)
        elif has_month:
            month = require(to_number(m.group("m")))
            second = day_period(year, month, end_day(m.group("d"), m.group("dn")))
        else:
            second = calendar_year(year)
    except (ValueError, KeyError):
        return None
    if second.start <= first.start:
        return None
    return between(first, second), m.end()


def era_list(text: str, folded: str, era: str, first: Period, at: int) -> list[DateMention]:
    """The years listed after an era year in the same era: 令和6年度、7年度及び8年度."""
    g = first.granularity
    if g not in (Granularity.FISCAL_YEAR, Granularity.YEAR):
        return []
    listed: list[DateMention] = []
    while (m := ERA_NEXT.match(folded, at)) is not None:
        if bool(m.group("fy")) != (g is Granularity.FISCAL_YEAR):
            break
        number = to_number(m.group("y"))
        if number is None or number < 1:
            break
        year = era_to_western(era, number)
        try:
            period = fiscal_year(year) if m.group("fy") else calendar_year(year)
        except ValueError:
            break
        mention = make_mention(text, folded, m.start("y"), m.end(), period, False)
        listed.append(mention)
        at = mention.span[1]
    return listed
