"""The date scanner behind :func:`stpmodel.find_dates`.

One compiled pattern finds date *atoms* (a year with its month, day and modifier, or a
bare month); a short pass in Python joins atoms linked by a range sign into one mention,
lets bare months and bare years inherit what their neighbours say, and reads the relation
from the words that follow. Every quantifier in the patterns is bounded and every
number is anchored with a look-behind, so the work per input character is constant: the
scan is linear even on adversarial input (a megabyte of digits, 年, 度 and ～).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

import attrs
from dateutil.relativedelta import relativedelta

from stpmodel.dates._numerals import FULLWIDTH_DIGITS, era_to_western, to_int
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Calendar, Granularity, Period

__all__ = ["DateProblem", "scan"]

_S = r"[ \u3000]{0,2}"  # spaces left by PDF extraction: "2026 年度", "2023 年 7 月"
_ERA = r"令和|平成|昭和|大正|明治"
_KNUM = r"[〇一二三四五六七八九十]{1,3}"
_MONTH = r"(?:1[0-2]|0?[1-9])(?![0-9])|十[一二]?|[一二三四五六七八九](?!十)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?![0-9])|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九](?!十)"
_MOD = (
    rf"末日|末|初め|初頭|初旬|前半|後半|半ば|中頃|上半期|下半期|上期|下期|第{_S}(?P<q>[1-4一二三四]){_S}四半期"
    r"|上旬|中旬|下旬|早期|頃|ごろ|春|夏|秋|冬"
)
# the other calendar's year in brackets after a year: 2020年(令和2年), 令和5年度（2023年度）
_NOTE = (
    rf"[(（]{_S}(?:(?:{_ERA}|[RHSTM]){_S}(?:元|[0-9]{{1,2}}|{_KNUM})|[0-9]{{4}})"
    rf"{_S}年{_S}度?{_S}[)）]"
)

_ATOM = re.compile(
    rf"""
    # a cheap look at the first character lets the scanner skip most positions at once
    (?=[0-9〇一二令平昭大明西RHSTMF今本来昨])
    (?:
        (?<![A-Za-z])FY{_S}(?P<fyy>[0-9]{{4}})(?![0-9])
    )
    |
    (?:
        (?P<seireki>西暦{_S})?
        (?:
            (?P<era>{_ERA}|(?<![A-Za-z])[RHSTM](?=[0-9]))
            {_S}(?P<ey>元|-?[0-9]{{1,2}}(?![0-9])|{_KNUM})
            (?:{_S}[～〜~]{_S}(?P<ey2>[0-9]{{1,2}}(?![0-9])|{_KNUM}))?
            (?:{_S}[(（]{_S}(?P<eyw>[0-9]{{4}}){_S}[)）])?
          |
            # 今年度, 来年度, 昨年, 本年: years counted from the document's own year; not
            # after another kanji (将来年度, 一昨年, 日本年金 are no such words)
            (?<![\u3400-\u9fff々])(?P<rel>[今本来昨])(?={_S}年)
          |
            (?<![0-9.,:/／])(?P<y>[0-9]{{4}}|[〇一二][〇一二三四五六七八九]{{3}})(?![0-9.,])
            # 2024～26年度: the second year abbreviated to its last two digits
            (?:{_S}[～〜~]{_S}(?P<y2>[0-9]{{2}})(?![0-9])(?={_S}年(?!間)))?
        )
        (?:{_S}(?:
            (?P<decade>年代)
          | (?P<fy>年{_S}度)(?:{_S}{_NOTE})?
          | (?P<cy>年)(?:{_S}{_NOTE})?
            (?:{_S}(?P<m>{_MONTH})(?:{_S}[～〜~]{_S}(?P<m2>{_MONTH}))?{_S}月
               (?:{_S}(?P<d>{_DAY}){_S}日)?)?
        ))?
        (?:{_S}(?P<mod>{_MOD}))?
    )
    |
    (?:
        (?<![0-9.,:/／])(?P<bm>1[0-2]|0?[1-9])(?![0-9]){_S}月
        (?:{_S}(?P<bd>{_DAY}){_S}日)?
        (?:{_S}(?P<bmod>末日|末|初め|初旬|上旬|中旬|下旬|半ば|中頃|頃|ごろ))?
    )
    """,
    re.VERBOSE,
)

_FULLWIDTH = re.compile("[０-９]")
_MAYBE_DATE = re.compile(rf"[0-9０-９]|{_ERA}|[〇一二][〇一二三四五六七八九]{{3}}|[今本来昨]{_S}年")
_RELATIVE = {"今": 0, "本": 0, "来": 1, "昨": -1}
_CONNECTOR = re.compile(rf"{_S}(?:～|〜|~|－|―|‐|-|–|から){_S}")
_UNTIL = re.compile(rf"[～〜~]{_S}\Z")
_RANGE_END = re.compile(rf"{_S}(?:まで(?!に)|迄(?!に))")
_RELATION = re.compile(
    rf"""{_S}(?:
        (?P<by>までに|まで|迄に|迄)
      | (?P<from>から|より|以降|以後|以来|[～〜~](?!{_S}[0-9０-９〇一二令平昭大明RHSTM]))
      | (?P<during>期間中|の間|中に|中(?![国心央旬間期核長堅])|内に|内(?![閣容部外訳]))
      | (?P<target>を目指して|を目指し|を目指す|目指して|に向けて|に向け|を目途に|を目途|目途に|目途|めど|を予定|予定)
      | (?P<as_of>時点で|時点|現在)
    )""",
    re.VERBOSE,
)
# "2026 年度半ばの運転再開に向け": the date qualifies a noun that is itself the target.
_TARGET_AHEAD = re.compile(
    r"の[^、。，．,.\s「」『』()（）0-9]{1,20}?(?:に向け|を目指|を目途|目途|予定)"
)


@attrs.frozen
class DateProblem:
    """A date-like expression that names no real day (令和0年, 2023年2月30日)."""

    span: tuple[int, int]
    text: str
    reason: str


class _Atom(NamedTuple):
    start: int
    end: int
    period: Period | None  # None: a bare year or month still waiting for its context
    bare_year: int | None = None
    bare_month: tuple[int, int | None, str | None] | None = None
    has_year: bool = False
    # an era year without 年 (平成30 in 平成30～令和2年度): a date only as the first end of
    # a range whose second end spells out its unit
    needs_unit: bool = False


_SEASONS = {"春": 2, "夏": 5, "秋": 8, "冬": 11}


def _parts(
    spans: dict[tuple[str, ...], tuple[int, int, Granularity, bool]],
) -> dict[str, tuple[int, int, Granularity, bool]]:
    return {word: span for words, span in spans.items() for word in words}


# modifier → (first month from the start, length in months, granularity, approximate)
_YEAR_PARTS = _parts(
    {
        ("末日",): (11, 1, Granularity.MONTH, False),  # then narrowed to the last day
        ("末",): (11, 1, Granularity.MONTH, True),
        ("初め", "初頭", "早期"): (0, 3, Granularity.QUARTER, True),
        ("初旬",): (0, 1, Granularity.MONTH, True),
        ("前半", "上期", "上半期"): (0, 6, Granularity.HALF, False),
        ("後半", "下期", "下半期"): (6, 6, Granularity.HALF, False),
        ("半ば", "中頃"): (3, 6, Granularity.HALF, True),
    }
)
_DECADE_PARTS = _parts(
    {
        ("末日",): (119, 1, Granularity.MONTH, False),
        ("末",): (84, 36, Granularity.YEAR, True),
        ("初め", "初頭", "早期"): (0, 36, Granularity.YEAR, True),
        ("初旬",): (0, 1, Granularity.MONTH, True),
        ("前半", "上期", "上半期"): (0, 60, Granularity.HALF, False),
        ("後半", "下期", "下半期"): (60, 60, Granularity.HALF, False),
        ("半ば", "中頃"): (36, 48, Granularity.YEAR, True),
    }
)
_fiscal_year = functools.lru_cache(maxsize=512)(Period.fiscal_year)
_calendar_year = functools.lru_cache(maxsize=512)(Period.calendar_year)


def _apply_modifier(base: Period, mod: str | None, quarter: str | None) -> Period:
    if not mod:
        return base
    if mod in ("頃", "ごろ"):
        return attrs.evolve(base, approximate=True)
    g = base.granularity
    if g is Granularity.MONTH:
        return _month_modifier(base, mod)
    if g not in (Granularity.YEAR, Granularity.FISCAL_YEAR, Granularity.DECADE):
        return base
    first = base.start

    def part(start_month: int, length: int, granularity: Granularity, approx: bool) -> Period:
        start = first + relativedelta(months=start_month)
        end = start + relativedelta(months=length, days=-1)
        return attrs.evolve(base, start=start, end=end, granularity=granularity, approximate=approx)

    if quarter is not None:
        return part(3 * (to_int(quarter) - 1), 3, Granularity.QUARTER, False)
    if mod in _SEASONS and g is Granularity.YEAR:
        # by the calendar: 春 March–May, 夏 June–August, 秋 September–November, 冬 December–February
        return part(_SEASONS[mod], 3, Granularity.QUARTER, True)
    table = _DECADE_PARTS if g is Granularity.DECADE else _YEAR_PARTS
    if mod not in table:
        return base
    start_month, length, granularity, approx = table[mod]
    result = part(start_month, length, granularity, approx)
    if mod == "末日":
        return attrs.evolve(result, start=result.end, granularity=Granularity.DAY)
    return result


def _month_modifier(base: Period, mod: str) -> Period:
    first, last = base.start, base.end
    dekad = Granularity.DEKAD
    spans: dict[str, tuple[int, int, Granularity, bool]] = {
        "末日": (last.day, last.day, Granularity.DAY, False),
        "末": (21, last.day, dekad, True),
        "下旬": (21, last.day, dekad, False),
        "上旬": (1, 10, dekad, False),
        "初旬": (1, 10, dekad, False),
        "初め": (1, 10, dekad, True),
        "初頭": (1, 10, dekad, True),
        "早期": (1, 10, dekad, True),
        "中旬": (11, 20, dekad, False),
        "半ば": (11, 20, dekad, True),
        "中頃": (11, 20, dekad, True),
        "前半": (1, 15, Granularity.HALF, False),
        "後半": (16, last.day, Granularity.HALF, False),
    }
    if mod not in spans:
        return base
    a, b, granularity, approx = spans[mod]
    return attrs.evolve(
        base,
        start=first.replace(day=a),
        end=first.replace(day=b),
        granularity=granularity,
        approximate=approx,
    )


def _day_period(year: int, month: int, day: int | None) -> Period:
    if day is None:
        return Period.month(year, month)
    return Period.day(dt.date(year, month, day))


def _year_range(m: re.Match[str], start: int, end: int, first: int, last: int) -> _Atom:
    """令和6～8年度, 2024～26年度: a range of whole (fiscal) years written with one unit."""
    make = Period.fiscal_year if m.group("fy") else Period.calendar_year
    return _Atom(start, end, Period.between(make(first), make(last)), has_year=True)


def _atom(
    m: re.Match[str], problems: list[DateProblem], text: str, year_now: int | None = None
) -> _Atom | None:
    start, end = m.span()
    if m.group("bm") is not None:
        month = int(m.group("bm"))
        bd = m.group("bd")
        return _Atom(
            start, end, None, bare_month=(month, to_int(bd) if bd else None, m.group("bmod"))
        )
    if m.group("fyy"):
        return _Atom(start, end, _fiscal_year(int(m.group("fyy"))), has_year=True)
    if m.group("era"):
        era = m.group("era")
        raw = m.group("ey")
        if raw.startswith("-"):
            return None
        number = to_int(raw)
        if number < 1 or (raw.isascii() and raw.startswith("00")):
            problems.append(DateProblem((start, end), text[start:end], f"{era}{raw}年 is no year"))
            return None
        year = int(m.group("eyw")) if m.group("eyw") else era_to_western(era, number)
        if not (m.group("cy") or m.group("fy")):
            if m.group("ey2") or m.group("eyw") or m.group("mod"):
                return None
            # an era year needs 年: "R3" alone is not a date, but 平成30～令和2年度 is
            return _Atom(start, end, None, bare_year=year, needs_unit=True)
        if m.group("ey2"):  # 令和6～8年度: both ends in the same era
            last = era_to_western(era, to_int(m.group("ey2")))
            if last <= year or m.group("m"):
                return None
            return _year_range(m, start, end, year, last)
    elif m.group("rel"):
        if m.group("decade") or m.group("seireki"):
            return None
        if year_now is None:
            problems.append(
                DateProblem(
                    (start, end),
                    text[start:end],
                    "a year counted from the document's own year, which is not known",
                )
            )
            return None
        year = year_now + _RELATIVE[m.group("rel")]
    else:
        year = to_int(m.group("y"))
        if not (m.group("cy") or m.group("fy") or m.group("decade")):
            if 1900 <= year <= 2100 and m.group("y").isascii() and not m.group("mod"):
                return _Atom(start, end, None, bare_year=year)
            return None
        if year < 1000:
            return None
        if m.group("y2"):  # 2024～26年度
            last = year // 100 * 100 + int(m.group("y2"))
            if last <= year or m.group("m") or m.group("decade") or m.group("mod"):
                problems.append(DateProblem((start, end), text[start:end], "not a range of years"))
                return None
            return _year_range(m, start, end, year, last)
    try:
        if m.group("decade"):
            if year % 10:
                return None
            base = Period.decade(year)
        elif m.group("fy"):
            base = Period.fiscal_year(year)
        elif m.group("m2"):
            first_month, last_month = to_int(m.group("m")), to_int(m.group("m2"))
            if last_month < first_month or m.group("d"):
                problems.append(
                    DateProblem((start, end), text[start:end], "month range runs backwards")
                )
                return None
            base = Period.between(Period.month(year, first_month), Period.month(year, last_month))
        elif m.group("m"):
            day = m.group("d")
            base = _day_period(year, to_int(m.group("m")), to_int(day) if day else None)
        else:
            base = Period.calendar_year(year)
    except ValueError as exc:
        problems.append(DateProblem((start, end), text[start:end], str(exc)))
        return None
    if m.group("d") and m.group("mod") not in (None, "頃", "ごろ"):
        # a modifier after a full day ("1日末") is not part of the date
        end = m.start("mod")
        while end > start and text[end - 1] in " \u3000":
            end -= 1
        return _Atom(start, end, base, has_year=True)
    return _Atom(start, end, _apply_modifier(base, m.group("mod"), m.group("q")), has_year=True)


def _resolve_bare_month(atom: _Atom, context: Period | None) -> Period | None:
    assert atom.bare_month is not None
    if context is None:
        return None
    return _month_in_context(atom.bare_month, context)


@functools.lru_cache(maxsize=1024)
def _month_in_context(
    bare_month: tuple[int, int | None, str | None], context: Period
) -> Period | None:
    month, day, mod = bare_month
    fiscal = context.calendar is Calendar.FISCAL
    if fiscal:
        # a month after a fiscal-year mention counts in that fiscal year: 1月 is next January
        base_year = context.start.year if context.start.month >= 4 else context.start.year - 1
        year = base_year if month >= 4 else base_year + 1
    else:
        year = context.end.year if context.granularity is Granularity.RANGE else context.start.year
    try:
        base = _day_period(year, month, day)
    except ValueError:
        return None
    if fiscal:
        base = attrs.evolve(base, calendar=Calendar.FISCAL)
    if day is None:
        return _month_modifier(base, mod) if mod else base
    return attrs.evolve(base, approximate=True) if mod in ("頃", "ごろ") else base


_ATOM_CACHE: dict[str, tuple[_Atom | None, int]] = {}


def _atoms(folded: str, problems: list[DateProblem], year_now: int | None) -> list[_Atom]:
    """The atoms of ``folded``; :func:`_atom` is memoised on the matched text, since
    roadmaps repeat the same dates again and again (with ``year_now`` in the key of the
    years counted from it, 今年度 …)."""
    cache = _ATOM_CACHE
    atoms: list[_Atom] = []
    append = atoms.append
    for m in _ATOM.finditer(folded):
        key = m.group(0)
        if m.group("rel") is not None:
            key = f"{year_now}\x00{key}"
        hit = cache.get(key)
        if hit is None:
            before = len(problems)
            atom = _atom(m, problems, folded, year_now)
            hit = (atom, 0 if atom is None else atom.end - atom.start)
            if len(problems) == before and len(cache) < 4096:
                cache[key] = hit
        template, length = hit
        if template is not None:
            start = m.start()
            append(_Atom(start, start + length, *template[2:]))
    return atoms


def scan(text: str, *, year: int | None = None) -> tuple[list[DateMention], list[DateProblem]]:
    """Every date mention in ``text`` (in order) and the date-like text that names no day.

    ``year`` is the year the document speaks from (its edition: 2024 for
    統合イノベーション戦略2024), from which 今年度, 来年度, 昨年 … are counted; without it
    they are reported as problems.
    """
    if not _MAYBE_DATE.search(text):  # most sentences name no date: one quick look
        return [], []
    folded = text.translate(FULLWIDTH_DIGITS) if _FULLWIDTH.search(text) else text
    problems: list[DateProblem] = []
    atoms = _atoms(folded, problems, year)
    mentions: list[DateMention] = []
    context: Period | None = None
    i = 0
    while i < len(atoms):
        first = atoms[i]
        last = first
        nxt = atoms[i + 1] if i + 1 < len(atoms) else None
        period: Period | None
        ranged = False
        if nxt is not None and _CONNECTOR.fullmatch(folded, first.end, nxt.start):
            period = _join(first, nxt, context)
            if period is not None:
                last, ranged = nxt, True
                i += 1
        if not ranged:
            if first.bare_month is not None:
                period = _resolve_bare_month(first, context)
            else:
                period = first.period
        i += 1
        if period is None:
            continue
        start = first.start
        until = (
            not ranged
            and start > 0
            and folded[start - 1] in "～〜~ \u3000"
            and _UNTIL.search(folded, max(0, start - 3), start)
        )
        if until and (not mentions or mentions[-1].span[1] <= until.start()):
            # "～2025年度": a range open at its start, i.e. until then
            start = until.start()
        mention = _mention(text, folded, start, last.end, period, ranged)
        if until and start != first.start and mention.relation is Relation.AT:
            mention = attrs.evolve(mention, relation=Relation.BY)
        mentions.append(mention)
        context = period
    return mentions, problems


def _join(first: _Atom, second: _Atom, context: Period | None) -> Period | None:
    """The range ``first``～``second``, each side borrowing what the other spells out."""
    a, b = first.period, second.period
    if a is None and first.bare_year is not None:
        if b is not None and second.has_year:
            if b.granularity is Granularity.FISCAL_YEAR:
                a = _fiscal_year(first.bare_year)
            elif b.granularity is Granularity.DECADE:
                return None
            else:
                a = _calendar_year(first.bare_year)
        elif second.bare_year is not None and not (first.needs_unit or second.needs_unit):
            a = _calendar_year(first.bare_year)
            b = _calendar_year(second.bare_year)
        else:
            return None
    if a is None and first.bare_month is not None:
        a = _resolve_bare_month(first, context)
    if a is None:
        return None
    if b is None and second.bare_year is not None:
        if a.granularity is Granularity.FISCAL_YEAR:
            b = _fiscal_year(second.bare_year)
        elif a.granularity is Granularity.YEAR:
            b = _calendar_year(second.bare_year)
    if b is None and second.bare_month is not None:
        b = _resolve_bare_month(second, a)
    if b is None or b.end < a.start:
        return None
    return _between(a, b)


@functools.lru_cache(maxsize=1024)
def _between(a: Period, b: Period) -> Period:
    return Period.between(a, b)


def _mention(
    text: str, folded: str, start: int, end: int, period: Period, ranged: bool
) -> DateMention:
    ranged = ranged or period.granularity is Granularity.RANGE
    relation = Relation.DURING if ranged else Relation.AT
    if ranged and (m := _RANGE_END.match(folded, end)):
        end = m.end()
    elif m := _RELATION.match(folded, end):
        end = m.end()
        kind = m.lastgroup
        assert kind is not None
        relation = Relation(kind)
    elif not ranged and _TARGET_AHEAD.match(folded, end):
        relation = Relation.TARGET
    return DateMention(text=text[start:end], span=(start, end), period=period, relation=relation)
