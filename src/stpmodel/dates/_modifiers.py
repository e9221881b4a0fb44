"""Modifiers: the part of a year, a decade or a month a word after it names (末, 上半期,
第3四半期, 上旬, 春 …)."""

from __future__ import annotations

import calendar

import attrs
from dateutil.relativedelta import relativedelta

from stpmodel.dates._numerals import to_int
from stpmodel.dates.period import Granularity, Period

__all__ = ["APPROXIMATE", "apply_modifier", "month_modifier"]

_SEASONS = {"春": 2, "夏": 5, "秋": 8, "冬": 11}


def _parts(
    spans: dict[tuple[str, ...], tuple[int, int, Granularity, bool]],
) -> dict[str, tuple[int, int, Granularity, bool]]:
    return {word: span for words, span in spans.items() for word in words}


# modifier → (first month from the start, length in months, granularity, approximate)
_YEAR_PARTS = _parts(
    {
        ("末日",): (11, 1, Granularity.MONTH, False),  # then narrowed to the last day
        ("末", "終わり", "終り", "おわり"): (11, 1, Granularity.MONTH, True),
        ("初め", "始め", "初頭", "早期", "頭"): (0, 3, Granularity.QUARTER, True),
        ("初旬",): (0, 1, Granularity.MONTH, True),
        ("前半", "上期", "上半期"): (0, 6, Granularity.HALF, False),
        ("後半", "下期", "下半期"): (6, 6, Granularity.HALF, False),
        ("半ば", "なかば", "中頃", "中旬"): (3, 6, Granularity.HALF, True),
    }
)


_DECADE_PARTS = _parts(
    {
        ("末日",): (119, 1, Granularity.MONTH, False),
        ("末", "終わり", "終り", "おわり"): (84, 36, Granularity.YEAR, True),
        ("初め", "始め", "初頭", "早期", "頭"): (0, 36, Granularity.YEAR, True),
        ("初旬",): (0, 1, Granularity.MONTH, True),
        ("前半", "上期", "上半期"): (0, 60, Granularity.HALF, False),
        ("後半", "下期", "下半期"): (60, 60, Granularity.HALF, False),
        ("半ば", "なかば", "中頃", "中旬"): (36, 48, Granularity.YEAR, True),
    }
)


APPROXIMATE = ("頃", "ごろ", "前後")


def apply_modifier(base: Period, mod: str | None, quarter: str | None) -> Period:
    if not mod:
        return base
    if mod in APPROXIMATE:
        return attrs.evolve(base, approximate=True)
    g = base.granularity
    if g is Granularity.MONTH:
        return month_modifier(base, mod)
    if g not in (Granularity.YEAR, Granularity.FISCAL_YEAR, Granularity.DECADE):
        return base
    first = base.start

    def part(start_month: int, length: int, granularity: Granularity, approx: bool) -> Period:
        start = first + relativedelta(months=start_month)
        # the last month's last day, without stepping past it (9999年末 stays in year 9999)
        last = start + relativedelta(months=length - 1)
        end = last.replace(day=calendar.monthrange(last.year, last.month)[1])
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


def month_modifier(base: Period, mod: str) -> Period:
    first, last = base.start, base.end
    dekad = Granularity.DEKAD
    spans: dict[str, tuple[int, int, Granularity, bool]] = {
        "末日": (last.day, last.day, Granularity.DAY, False),
        "末": (21, last.day, dekad, True),
        "終わり": (21, last.day, dekad, True),
        "終り": (21, last.day, dekad, True),
        "おわり": (21, last.day, dekad, True),
        "下旬": (21, last.day, dekad, False),
        "上旬": (1, 10, dekad, False),
        "初旬": (1, 10, dekad, False),
        "初め": (1, 10, dekad, True),
        "始め": (1, 10, dekad, True),
        "頭": (1, 10, dekad, True),
        "初頭": (1, 10, dekad, True),
        "早期": (1, 10, dekad, True),
        "中旬": (11, 20, dekad, False),
        "半ば": (11, 20, dekad, True),
        "なかば": (11, 20, dekad, True),
        "中頃": (11, 20, dekad, True),
        "前半": (1, 15, Granularity.HALF, False),
        "後半": (16, last.day, Granularity.HALF, False),
    }
    if mod in APPROXIMATE:
        return attrs.evolve(base, approximate=True)
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
