"""Atoms: what one match of the date pattern names, read by one reader per family (a year
in an era, a year counted from the document's, a Western year, a numeric date, a century,
a bare month). Months and days are read loosely by the pattern and checked here, so an
impossible date (2023/2/30, 令和0年) is reported as a `DateProblem` rather than half-read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

import attrs

from stpmodel.dates._days import (
    LAST_DAY,
    calendar_year,
    day_period,
    day_range,
    fiscal_year,
    holiday,
    month_in_context,
    named_day,
    to_number,
)
from stpmodel.dates._modifiers import APPROXIMATE, apply_modifier
from stpmodel.dates._numerals import OLD_ERAS, era_to_western, to_int
from stpmodel.dates._patterns import ATOM, MONTH_NAMES
from stpmodel.dates.period import Granularity, Period

__all__ = ["Atom", "DateProblem", "read_atoms", "resolve_bare_month", "resolve_word_month"]

_RELATIVE = {"今": 0, "本": 0, "来": 1, "昨": -1}
_WEEKDAYS = "月火水木金土日"


@attrs.frozen
class DateProblem:
    """A date-like expression that names no real day (令和0年, 2023年2月30日)."""

    span: tuple[int, int]
    text: str
    reason: str


class Atom(NamedTuple):
    start: int
    end: int
    period: Period | None  # None: a bare year or month still waiting for its context
    bare_year: int | None = None
    # month, day, modifier and the last day of a range of days (4月1〜15日)
    bare_month: tuple[int, int | None, str | None, int | None] | None = None
    has_year: bool = False
    # an era year without 年 (平成30 in 平成30～令和2年度): a date only as the first end of
    # a range whose second end spells out its unit
    needs_unit: bool = False
    # a month in kanji with no day (三月): a date only as a range's end, since 一月 and 三月
    # are also lengths of time (一月遅れ, 三月ほど)
    range_only: bool = False
    # the era the year was written in (令和3年度): bare years after it continue it
    era: str | None = None
    # a day written in numerals (2021/7/5): a bare number after ～ may end its range
    numeric: bool = False
    # 同月15日, 翌月: months after the context's month (0 or 1) and the day, if any
    word_month: tuple[int, int | None] | None = None
    # an era year with no unit (令和6 in 令和6、7年度): the list after it may give one
    unitless: bool = False


def _year_range(m: re.Match[str], start: int, end: int, first: int, last: int) -> Atom:
    """令和6～8年度, 2024～26年度: a range of whole (fiscal) years written with one unit."""
    make = Period.fiscal_year if m.group("fy") else Period.calendar_year
    return Atom(start, end, Period.between(make(first), make(last)), has_year=True)


def _problem(problems: list[DateProblem], text: str, start: int, end: int, reason: str) -> None:
    problems.append(DateProblem((start, end), text[start:end], reason))


def _numeric(
    m: re.Match[str],
    problems: list[DateProblem],
    text: str,
    year: int,
    parts: tuple[str, str, str | None],
) -> Atom | None:
    """2012/3/31, 2016/11, H30/04/01: a year, a month and perhaps a day in numerals."""
    start, end = m.span()
    sep, month_raw, day_raw = parts
    before = text[start - 1 : start]
    # 2021/12/30-2022/1/4: a - between two dates that use another separator is a range sign
    after_date = before == "-" and sep != "-" and text[start - 2 : start - 1].isdigit()
    if before and not after_date and (before in "-+#_" or (before.isascii() and before.isalnum())):
        return None  # part of a code or a number (03-2012-7-1, v2021.7.18)
    month = to_number(month_raw)
    day = to_number(day_raw)
    if month is None or not 1 <= month <= 12 or (day_raw is not None and not 1 <= (day or 0) <= 31):
        return None  # no date's shape: 1234-56-78 (2023/2/30 has one, and is reported)
    if day_raw is None:
        # a year and a month only with / or - (2016/11, 2016-11): 2016.11 is a number
        if sep not in "/-":
            return None
        return _finish(m, problems, text, Period.month(year, month), start, end)
    assert day is not None
    try:
        base = Period.day(dt.date(year, month, day))
    except ValueError as exc:
        _problem(problems, text, start, end, str(exc))
        return None
    return _finish(m, problems, text, base, start, end)


def _finish(
    m: re.Match[str],
    problems: list[DateProblem],
    text: str,
    base: Period,
    start: int,
    end: int,
) -> Atom:
    """The atom for ``base``: a trailing weekday or time belongs to a day only, and a
    weekday that is not the day's is reported (the date is kept)."""
    is_day = base.granularity is Granularity.DAY
    if m.group("tail") and not is_day:
        end = m.start("tail")
    elif is_day and (weekday := m.group("wd") or m.group("wd2")):
        actual = _WEEKDAYS[base.start.weekday()]
        if weekday != actual:
            _problem(
                problems,
                text,
                start,
                end,
                f"{base.start.isoformat()} is a {actual}曜日, not a {weekday}曜日",
            )
    mod = m.group("mod")
    if is_day and mod not in (None, *APPROXIMATE):
        # a modifier after a full day ("1日末") is not part of the date
        end = m.start("mod")
        while end > start and text[end - 1] in " \u3000の":
            end -= 1
        return Atom(start, end, base, has_year=True)
    period = apply_modifier(base, mod, m.group("q") or m.group("qq"))
    if m.group("approx"):  # 2021年末頃: a second, approximating word
        period = attrs.evolve(period, approximate=True)
    return Atom(start, end, period, has_year=True)


def _atom(
    m: re.Match[str], problems: list[DateProblem], text: str, year_now: int | None = None
) -> Atom | None:
    """The atom ``m`` matched, tagged with the era it was written in and whether it is a
    numeric date: what the joining rules need to know of it."""
    atom = _read_atom(m, problems, text, year_now)
    if atom is None:
        return None
    if era := m.group("era"):
        atom = atom._replace(era=era.upper())
    if m.group("sep") or m.group("esep") or m.group("ksep"):
        atom = atom._replace(numeric=True)
    return atom


def _read_atom(
    m: re.Match[str], problems: list[DateProblem], text: str, year_now: int | None = None
) -> Atom | None:
    """The atom of the family the pattern matched."""
    group = m.group
    if group("bm") is not None:
        return _bare_month(m)
    if group("wmon"):
        return _word_month(m)
    if group("sbm"):
        return _slash_start(m)
    if group("fyy"):
        return Atom(*m.span(), fiscal_year(int(group("fyy"))), has_year=True)
    if group("cent"):
        return _century(m)
    if group("era"):
        return _era_year(m, problems, text)
    if group("rel"):
        return _relative_year(m, problems, text, year_now)
    if group("kys"):
        return _kanji_date(m, problems, text)
    return _western_year(m, problems, text)


def _unit(m: re.Match[str]) -> str | None:
    """The unit written after the year: 年, 年度 or 年代."""
    return m.group("cy") or m.group("fy") or m.group("decade")


def _before_tail(m: re.Match[str]) -> int:
    """Where the match ends without its weekday or time, which belong to a day only."""
    return m.start("tail") if m.group("tail") else m.end()


def _bare_month(m: re.Match[str]) -> Atom | None:
    """4月, 4月1日, 4月1〜15日, 三月末: a month with no year, waiting for its context."""
    group = m.group
    start, end = m.span()
    month = to_number(group("bm"))
    if month is None or not 1 <= month <= 12:
        return None
    day = to_number(group("bd")) if group("bd") else named_day(group("bdn"))
    if day is not None and day != LAST_DAY and not 1 <= day <= 31:
        return None
    last_day = to_number(group("bd2"))
    if group("bd2") and (day is None or last_day is None or not day < last_day <= 31):
        return None
    if group("btail") and day is None:
        end = m.start("btail")  # a weekday or a time belongs to a day only
    return Atom(
        start,
        end,
        None,
        bare_month=(month, day, group("bmod"), last_day),
        range_only=day is None and not group("bm").isascii(),
    )


def _slash_start(m: re.Match[str]) -> Atom | None:
    """9/1(木) before ～2023/1/31: a month and day that only start a range."""
    month, day = int(m.group("sbm")), int(m.group("sbd"))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Atom(*m.span(), None, bare_month=(month, day, None, None), range_only=True)


def _word_month(m: re.Match[str]) -> Atom | None:
    """同月15日, 翌月: a month said against the date before, waiting for it."""
    day = to_number(m.group("wmd"))
    if m.group("wmd") and (day is None or not 1 <= day <= 31):
        return None
    shift = 1 if m.group("wmon") == "翌" else 0
    if not shift and day is None:
        return None  # 同月 alone restates the month before: nothing new
    return Atom(*m.span(), None, word_month=(shift, day))


def _century(m: re.Match[str]) -> Atom | None:
    """21世紀, 二十一世紀後半."""
    number = to_number(m.group("cent"))
    if number is None or not 1 <= number <= 99:
        return None
    century = Period.century(number)
    if (cmod := m.group("cmod")) in ("前半", "後半"):
        first = century.start.year + (50 if cmod == "後半" else 0)
        century = attrs.evolve(
            century,
            start=dt.date(first, 1, 1),
            end=dt.date(first + 49, 12, 31),
            granularity=Granularity.HALF,
        )
    elif cmod:
        century = attrs.evolve(century, approximate=True)
    return Atom(*m.span(), century, has_year=True)


def _era_year(m: re.Match[str], problems: list[DateProblem], text: str) -> Atom | None:
    """令和3年度, R3/4/1, 令和元.五.一, 令和6～8年度, 平成30 (a range's first end)."""
    group = m.group
    start, end = m.span()
    era = group("era").upper()  # r3.4.1 is R3.4.1
    raw = group("ey")
    number = None if raw.startswith("-") else to_number(raw)
    if number is None:
        return None
    if number < 1 or (raw.isascii() and raw.startswith("00")):
        if _unit(m) or group("esep"):
            _problem(problems, text, start, end, f"{era}{raw}年 is no year")
        return None
    if era in OLD_ERAS and number > OLD_ERAS[era][1]:
        _problem(problems, text, start, end, f"{era} has no year {number}")
        return None
    year = int(group("eyw")) if group("eyw") else era_to_western(era, number)
    if group("esep"):
        return _numeric(m, problems, text, year, (group("esep"), group("em"), group("ed")))
    if not _unit(m):
        return _era_year_alone(m, era, year)
    if group("ey2"):  # 令和6～8年度: both ends in the same era
        last = era_to_western(era, to_int(group("ey2")))
        if last <= year or group("m"):
            return None
        return _year_range(m, start, end, year, last)
    return _dated(m, problems, text, year)


def _era_year_alone(m: re.Match[str], era: str, year: int) -> Atom | None:
    """An era year with no unit after it: 昭和52 standing alone is the calendar year; R3
    alone is no date, but 平成30 in 平成30～令和2年度 may start a range."""
    group = m.group
    if group("ey2") or group("eyw") or group("mod"):
        return None
    if group("alone") is not None and not era.isascii() and era not in OLD_ERAS:
        alone = calendar_year(year)
        return Atom(m.start(), _before_tail(m), alone, has_year=True, unitless=True)
    return Atom(m.start(), _before_tail(m), None, bare_year=year, needs_unit=True)


def _relative_year(
    m: re.Match[str], problems: list[DateProblem], text: str, year_now: int | None
) -> Atom | None:
    """今年度, 来年度, 昨年, 本年: a year counted from the document's own."""
    if m.group("decade") or m.group("prefix"):
        return None
    if year_now is None:
        reason = "a year counted from the document's own year, which is not known"
        _problem(problems, text, *m.span(), reason)
        return None
    return _dated(m, problems, text, year_now + _RELATIVE[m.group("rel")])


def _kanji_date(m: re.Match[str], problems: list[DateProblem], text: str) -> Atom | None:
    """二〇二一/三/四: a numeric date in kanji."""
    year = to_number(m.group("kys"))
    if year is None or _unit(m):
        return None
    return _numeric(m, problems, text, year, (m.group("ksep"), m.group("km"), m.group("kd")))


def _western_year(m: re.Match[str], problems: list[DateProblem], text: str) -> Atom | None:
    """2025年度, 2012/3/31, 2021春, 2024～26年度, 二〇二五年, 皇紀2670年, 西暦 645年, and a
    bare 2025 that a neighbour may give a unit."""
    group = m.group
    raw = group("y") or group("ky")
    parsed = to_number(raw)
    if parsed is None:
        return None
    year = parsed - 660 if group("prefix") == "皇紀" else parsed  # 皇紀2670年 is 2010
    unit = _unit(m)
    if group("sep"):
        return (
            None
            if unit
            else _numeric(m, problems, text, year, (group("sep"), group("nm"), group("nd")))
        )
    if group("ys"):  # 2021春
        if unit or year < 1000:
            return None
        season = apply_modifier(calendar_year(year), group("ys"), None)
        return Atom(m.start(), _before_tail(m), season, has_year=True)
    if not unit:
        if 1900 <= year <= 2100 and raw.isascii() and not group("mod"):
            return Atom(m.start(), _before_tail(m), None, bare_year=year)
        return None
    if year < 1000 and group("prefix") != "西暦":  # 西暦 645年
        return None
    if group("y2"):
        return _abbreviated_range(m, problems, text, year)
    return _dated(m, problems, text, year)


def _abbreviated_range(
    m: re.Match[str], problems: list[DateProblem], text: str, year: int
) -> Atom | None:
    """2024～26年度: a range of years whose second is written with its last two digits."""
    last = year // 100 * 100 + int(m.group("y2"))
    if last <= year or m.group("m") or m.group("decade") or m.group("mod"):
        _problem(problems, text, *m.span(), "not a range of years")
        return None
    return _year_range(m, *m.span(), year, last)


def _dated(m: re.Match[str], problems: list[DateProblem], text: str, year: int) -> Atom | None:
    """The atom of a year with its unit, month, day and modifier."""
    start, end = m.span()
    try:
        base = _base(m, year, bool(m.group("era")))
    except ValueError as exc:
        _problem(problems, text, start, end, str(exc))
        return None
    if base is None:
        return None
    return _finish(m, problems, text, base, start, end)


def _base(m: re.Match[str], year: int, era: bool) -> Period | None:
    """The period a year with its unit, month and day names (before any modifier)."""
    group = m.group
    if group("decade"):
        if year % 10 and not era:  # 昭和40年代 is 1965–1974; 2025年代 is nothing
            return None
        return Period.decade(year)
    if group("fy"):
        return Period.fiscal_year(year)
    if named := group("named"):
        return Period.day(holiday(named, year))
    if name := group("mname"):
        named_month = MONTH_NAMES.split("|").index(name) + 1
        return day_period(year, named_month, to_number(group("mnd")))
    if group("sm"):
        numeric_month, numeric_day = int(group("sm")), int(group("sd"))
        if not 1 <= numeric_month <= 12 or not 1 <= numeric_day <= 31:
            return None
        return day_period(year, numeric_month, numeric_day)
    if group("m"):
        return _month_base(m, year)
    return Period.calendar_year(year)


def _month_base(m: re.Match[str], year: int) -> Period | None:
    """A year's month (4月), months (4～6月), day (4月1日) or days (4月1〜15日)."""
    group = m.group
    month = to_number(group("m"))
    if group("m2"):
        last_month = to_number(group("m2"))
        if month is None or last_month is None:
            return None
        if last_month < month or group("d"):
            raise ValueError("month range runs backwards")
        return Period.between(Period.month(year, month), Period.month(year, last_month))
    if month is None:
        return None
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, not {month}")
    day = to_number(group("d")) if group("d") else named_day(group("dn"))
    if group("d") and day is None:
        return None
    if group("d2"):  # 4月1〜15日
        return day_range(year, month, day, to_number(group("d2")))
    return day_period(year, month, day)


def resolve_word_month(atom: Atom, context: Period | None) -> Period | None:
    """同月15日, 翌月 in the month of ``context`` (a day or a month), or the month after."""
    assert atom.word_month is not None
    if context is None or context.granularity not in (Granularity.DAY, Granularity.MONTH):
        return None
    shift, day = atom.word_month
    year, month = context.start.year, context.start.month
    if shift:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    try:
        return day_period(year, month, day)
    except ValueError:
        return None


def resolve_bare_month(atom: Atom, context: Period | None) -> Period | None:
    """A bare month (4月1日) in the year of ``context``, or None without one."""
    assert atom.bare_month is not None
    if context is None:
        return None
    return month_in_context(atom.bare_month, context)


_ATOM_CACHE: dict[str, tuple[Atom | None, int]] = {}


def read_atoms(folded: str, problems: list[DateProblem], year_now: int | None) -> list[Atom]:
    """The atoms of ``folded``; `_atom` is memoised on the matched text, since
    roadmaps repeat the same dates again and again (with ``year_now`` in the key of the
    years counted from it, 今年度 …)."""
    cache = _ATOM_CACHE
    atoms: list[Atom] = []
    append = atoms.append
    for m in ATOM.finditer(folded):
        key = m.group(0)
        if m.group("rel") is not None:
            key = f"{year_now}\x00{key}"
        elif m.group("alone") is not None:
            key = f"\x02{key}"  # 昭和52 standing alone: the text after it decided
        elif m.group("sep") or m.group("esep") or m.group("ksep"):
            # what comes before a numeric date decides whether it is one (v2021.7.18)
            key = f"{folded[max(0, m.start() - 2) : m.start()]}\x01{key}"
        hit = cache.get(key)
        if hit is None:
            before = len(problems)
            try:
                atom = _atom(m, problems, folded, year_now)
            except (ValueError, OverflowError) as exc:  # a year at the calendar's edge
                _problem(problems, folded, m.start(), m.end(), str(exc))
                atom = None
            hit = (atom, 0 if atom is None else atom.end - atom.start)
            if len(problems) == before and len(cache) < 4096:
                cache[key] = hit
        template, length = hit
        if template is not None:
            start = m.start()
            append(Atom(start, start + length, *template[2:]))
    return atoms
