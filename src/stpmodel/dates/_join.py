"""Joining rules: atoms linked by a range sign become one range, each end borrowing what
the other spells out (4日から22日, 9月1日～令和5年1月31日, 令和3年度から5年度まで,
2024年12月から翌1月); bare months and years inherit the year of the date before them
(2022年5月、11月; 翌1月; 同月15日); years listed after an era continue it
(令和6年度、7年度及び8年度).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from stpmodel.dates._atoms import Atom, resolve_bare_month, resolve_word_month
from stpmodel.dates._days import (
    between,
    calendar_year,
    day_period,
    end_day,
    fiscal_year,
    holiday,
    month_in_context,
    named_day,
    require,
    to_number,
)
from stpmodel.dates._numerals import era_to_western
from stpmodel.dates._patterns import (
    CONNECTOR,
    ERA_END,
    ERA_NEXT,
    SHORT_END,
    UNTIL,
    WORD_BEFORE,
    WORD_END,
)
from stpmodel.dates._relations import make_mention
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Calendar, Granularity, Period

__all__ = ["era_end", "era_list", "join", "mention_of", "period_at", "short_end"]


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
    """The first end: its own period; or a bare month in the year of the second end, the
    nearer word (9月1日～令和5年1月31日), else in the year of the date before."""
    if first.period is not None or first.bare_month is None:
        return first.period
    if second.has_year and (borrowed := _month_before(first, second.period)) is not None:
        return borrowed
    return resolve_bare_month(first, context)


def _end(second: Atom, a: Period) -> Period | None:
    """The second end when it has no period of its own: a bare year in the unit of the
    first (2025年度～2027), a bare month in the first's year."""
    if second.bare_year is not None:
        if a.granularity is Granularity.FISCAL_YEAR:
            return fiscal_year(second.bare_year)
        if a.granularity is Granularity.YEAR:
            return calendar_year(second.bare_year)
    if second.bare_month is not None:
        b = resolve_bare_month(second, a)
        if b is not None and b.end < a.start and a.granularity in _DAY_OR_MONTH:
            # 2024年12月28日～1月5日: a month before the start's is in the next year
            b = month_in_context(second.bare_month, calendar_year(a.start.year + 1))
        return b
    return None


_DAY_OR_MONTH = (Granularity.DAY, Granularity.MONTH)


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
            if group("wnamed"):  # 翌年の元日
                second = day_period(year, *_month_day(holiday(group("wnamed"), year)))
            elif group("m") is None:
                if group("w") == "同":
                    return None
                second = calendar_year(year)
            else:
                month = require(to_number(group("m")))
                second = day_period(year, month, end_day(group("d"), group("dn")))
    except ValueError:
        return None
    return (between(first, second), w.end()) if second.end >= first.start else None


def _month_day(day: dt.date) -> tuple[int, int]:
    return day.month, day.day


def era_end(atom: Atom, first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end that leaves out the era both share
    (令和3年度から5年度まで, 令和3年4月から5年3月, 令和2年～4年), or the century of a
    Western year (2023年度～25年度)."""
    if (m := ERA_END.match(folded, at)) is None:
        return None
    g = first.granularity
    has_month = m.group("m") is not None
    if (g is Granularity.FISCAL_YEAR) != bool(m.group("fy")) or (
        g in (Granularity.DAY, Granularity.MONTH)
    ) != has_month:
        return None  # the second end must say the same unit: 令和3年4月から5年間 is no range
    try:
        year = _end_year(atom, first, folded, require(to_number(m.group("y"))), m.group("y"))
        if year is None:
            return None
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


def _end_year(atom: Atom, first: Period, folded: str, number: int, raw: str) -> int | None:
    """The Western year of a range's second end written without its era or century: in
    the first end's era, or, after a four-digit year, two digits in its century."""
    if atom.era is not None:
        return era_to_western(atom.era, number)
    western = not atom.numeric and folded[atom.start : atom.start + 4].isdigit()
    if not western or len(raw) != 2 or not raw.isascii():
        return None
    return first.year // 100 * 100 + number


def era_list(
    text: str, folded: str, era: str, first: Period, at: int, *, unitless: bool = False
) -> tuple[Period | None, list[DateMention]]:
    """The years listed after an era year in the same era (令和6年度、7年度及び8年度), and
    the first year's period again where the list gave it its unit (令和6、7年度: FY2024).

    Years without 年 are read only after a first year without one, and only once a later
    year of the list gives the unit for them all."""
    if first.granularity not in (Granularity.FISCAL_YEAR, Granularity.YEAR):
        return None, []
    fiscal = None if unitless else first.granularity is Granularity.FISCAL_YEAR
    pending: list[tuple[int, int, int]] = []  # years waiting for a unit
    listed: list[DateMention] = []
    while (m := ERA_NEXT.match(folded, at)) is not None:
        number = to_number(m.group("y"))
        if number is None or number < 1 or (m.group("unit") is None and fiscal is not None):
            break
        pending.append((m.start("y"), m.end(), era_to_western(era, number)))
        at = m.end()
        if m.group("unit") is None:
            continue
        if fiscal is None:
            fiscal = bool(m.group("fy"))
        elif bool(m.group("fy")) != fiscal:
            pending.pop()
            break
        make = fiscal_year if fiscal else calendar_year
        for start, end, year in pending:
            listed.append(make_mention(text, folded, start, end, make(year), False))
        pending = []
        at = listed[-1].span[1]
    if not unitless or fiscal is None:
        return None, listed
    return (fiscal_year if fiscal else calendar_year)(first.start.year), listed


def mention_of(
    text: str,
    folded: str,
    first: Atom,
    end: int,
    period: Period,
    ranged: bool,
    before: list[DateMention],
) -> DateMention:
    """The mention of ``period`` from ``first`` to ``end``, with the words before it that
    belong to it: 翌 or 同年 before a bare month, ～ before a date that ends an open range."""
    start = first.start
    if first.bare_month is not None and not ranged:
        start = _word_before(folded, start)
    until = (
        not ranged
        and start > 0
        and folded[start - 1] in "～〜~ \u3000"
        and UNTIL.search(folded, max(0, start - 3), start)
    )
    if until and (not before or before[-1].span[1] <= until.start()):
        # "～2025年度": a range open at its start, i.e. until then
        start = until.start()
    mention = make_mention(text, folded, start, end, period, ranged)
    if until and start != first.start and mention.relation is Relation.AT:
        mention = attrs.evolve(mention, relation=Relation.BY)
    return mention


def period_at(
    atoms: list[Atom], i: int, folded: str, context: Period | None
) -> tuple[Period | None, int, bool, int]:
    """The period that starts at atom ``i``, where it ends, whether it is a range, and the
    index of the next atom to read."""
    first = atoms[i]
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    link = None if nxt is None else CONNECTOR.fullmatch(folded, first.end, nxt.start)
    # 翌1月 after a range sign is next year's January: the word rule below reads it
    if nxt is not None and link and not ("翌" in link.group() and nxt.bare_month is not None):
        joined = join(first, nxt, context)
        if joined is not None:
            return joined, nxt.end, True, i + 2
    period = _alone(first, folded, context)
    if period is None:
        return None, first.end, False, i + 1
    found = era_end(first, period, folded, first.end) or short_end(first, period, folded, first.end)
    if found is None:
        return period, first.end, False, i + 1
    period, end = found
    i += 1
    while i < len(atoms) and atoms[i].start < end:
        i += 1  # atoms inside the second end (二月三日 of 19年二月三日)
    return period, end, True, i


def _alone(atom: Atom, folded: str, context: Period | None) -> Period | None:
    """The period one atom names by itself, its year taken from ``context`` if it has none."""
    if atom.range_only:
        return None
    if atom.word_month is not None:
        return resolve_word_month(atom, context)
    if atom.bare_month is None:
        return atom.period
    if context is not None and context.calendar is not Calendar.FISCAL:
        before = WORD_BEFORE.search(folded, max(0, atom.start - 5), atom.start)
        if before and before.group("w") == "翌":  # 翌1月, 翌年1月: the next year's
            year = (
                context.end.year if context.granularity is Granularity.RANGE else context.start.year
            )
            context = calendar_year(year + 1)
    return resolve_bare_month(atom, context)


def _word_before(folded: str, start: int) -> int:
    """Where a bare month's mention starts: at the 翌 or 同年 that gives its year."""
    before = WORD_BEFORE.search(folded, max(0, start - 5), start)
    if before is None or (before.group("w") == "同" and not before.group("year")):
        return start
    return before.start()
