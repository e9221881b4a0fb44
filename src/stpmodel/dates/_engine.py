"""The date scanner behind [find_dates][stpmodel.dates.find_dates].

The text is first folded without changing its length (full-width letters and signs,
dashes, the Kangxi radicals and compatibility ideographs some PDF fonts produce), so every
span still points into the original. One compiled pattern then finds date *atoms*: a year
(Western, 和暦 under any of its spellings, in numerals or kanji) with its unit, month, day,
modifier, weekday and time of day; a numeric date (2012/3/31, H30/04/01); or a bare month.
Months and days are read loosely there and checked in Python, so an impossible date
(2023/2/30, 令和0年) is reported as a `DateProblem` rather than half-read. A short pass in
Python joins atoms linked by a range sign into one mention, completes a second end that
leaves out what the first gave (4日から22日, 十月一日から19年二月三日), lets bare months and
bare years inherit what their neighbours say, and reads the relation from the words that
follow. Every quantifier in the patterns is bounded and every number is anchored with a
look-behind, so the work per input character is constant: the scan is linear even on
adversarial input (a megabyte of digits, 年, 度 and ～).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import NamedTuple

import attrs
from dateutil.relativedelta import relativedelta

from stpmodel.dates._numerals import FULLWIDTH_DIGITS, OLD_ERAS, era_to_western, to_int
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Calendar, Granularity, Period, fiscal_year_of
from stpmodel.errors import ArgumentTypeError

__all__ = ["DateProblem", "scan"]

_S = r"[ \u3000]{0,2}"  # spaces left by PDF extraction: "2026 年度", "2023 年 7 月"
_ERA = r"令和|平成|昭和|大正|明治"
# the eras before 明治, longest first (天平勝宝 before 天平); only with a year and 年 after them
_OLD_ERA = "|".join(sorted(OLD_ERAS, key=len, reverse=True))
_OLD_FIRST = "".join(sorted({name[0] for name in OLD_ERAS}))
_OLD_SECOND = "".join(sorted({name[1] for name in OLD_ERAS}))
_HAN = "\u3400-\u9fff々"
_SIGN = "㋿㍻㍼㍽㍾"  # the squared era signs, one character each
_KD = "〇零一二三四五六七八九壱壹弐貳参參肆伍陸漆捌玖"  # kanji digits, plain and formal (大字)
_KNUM = rf"[{_KD}十拾廿卅]{{1,4}}"  # an era year, a month or a day in kanji
# months and days are read loosely here and checked in Python (13月 and 2月30日 name no day)
_MONTH = rf"[0-9]{{1,2}}(?![0-9])|[{_KD}十拾]{{1,3}}"
_DAY = rf"[0-9]{{1,2}}(?![0-9])|{_KNUM}"
_MONTH_NAMES = "睦月|如月|弥生|卯月|皐月|水無月|文月|葉月|長月|神無月|霜月|師走"
# the days a year names by a fixed date: 元日, 大晦日 and the fixed-date national holidays
_NAMED_DAYS = (
    "元日|元旦|大晦日|建国記念の日|昭和の日|憲法記念日|みどりの日|こどもの日|山の日|文化の日"
    "|勤労感謝の日|天皇誕生日"
)
# a day, or a range of days sharing one 日 (1〜15日)
_DAYS = rf"(?P<d>{_DAY})(?:{_S}[～〜~-]{_S}(?P<d2>{_DAY}))?{_S}日"
# a month or a day of a numeric date, in numerals or kanji (R3.4.1, 令和元.五.一)
_NUM_MD = rf"[0-9]{{1,2}}(?![0-9])|[{_KD}十]{{1,3}}"
# a Western year begins a number: never after a digit or a decimal point, and after , : /
# only where they are punctuation (掲載日：2024年, とともに,2040年), not part of a number,
# a time or a path (1,2024 12:2024 3/2024)
_YEAR_START = r"(?<![0-9.])(?<![0-9A-Za-z.,:/\-][,:/])"
# the Latin gloss some pages put after an era's name: 令和(Reiwa, R)三年
_ERA_GLOSS = r"(?:[(（][A-Za-z][A-Za-z ,.]{0,15}[)）])"
_MOD = (
    rf"末日|末|初め|始め|初頭|初旬|前半|後半|半ば|なかば|中頃|中旬|上半期|下半期|上期|下期"
    rf"|第{_S}(?P<q>[1-4一二三四]){_S}四半期|Q(?P<qq>[1-4])(?![0-9])|上旬|下旬|早期|頃|ごろ|前後"
    r"|終わり|終り|おわり|頭(?![脳数部取金])|春|夏|秋|冬"
)
# the other calendar's year in brackets after a year: 2020年(令和2年), 令和5年度（2023年度）
_NOTE = (
    rf"[(（]{_S}(?:(?:{_ERA}|[RHSTM]){_S}(?:元|[0-9]{{1,2}}|{_KNUM})|[0-9]{{4}})"
    rf"{_S}年{_S}度?{_S}[)）]"
)
# a time of day after a date: part of the mention's text, never of its period
_KTIME = r"[〇一二三四五六七八九十]{1,3}"
_CLOCK = r"(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?"
_JTIME = (
    rf"(?:(?:午前|午後|正午|朝|夜|深夜|AM|PM|am|pm){_S})?(?:[01]?[0-9]|2[0-9]|{_KTIME}){_S}"
    rf"時(?![点間代期])(?:{_S}(?:[0-5]?[0-9]|{_KTIME}){_S}分(?!間)(?:{_S}[0-5]?[0-9]{_S}秒)?|半)?"
)
_ZONE = (
    rf"{_S}(?:[(（]?(?:UTC|GMT|JST)(?:[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?[)）]?"
    r"|Z(?![A-Za-z])|[+-][0-9]{2}:?[0-9]{2}(?![0-9]))"
)
_TIME = rf"(?:{_CLOCK}(?:{_S}(?:AM|PM|am|pm))?|{_JTIME}|正午)(?:{_ZONE})?"
_WEEKDAY = (
    rf"{_S}(?:[(（]{_S}(?P<wd>[月火水木金土日])(?:曜日?)?(?:{_S}[・･,、]?{_S}(?:祝|休|祭)日?)?"
    rf"{_S}[)）]|(?P<wd2>[月火水木金土日])曜日?)"
)
_TAIL = (
    rf"(?P<tail>(?:{_WEEKDAY})?(?:(?:{_S}の|T)?{_S}(?P<time>{_TIME}))?"
    rf"(?:{_S}[(（]?(?:UTC|GMT|JST)(?:[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?[)）]?)?)"
)
_ANY_WEEKDAY = (
    rf"{_S}(?:[(（]{_S}[月火水木金土日](?:曜日?)?(?:{_S}[・･,、]?{_S}(?:祝|休|祭)日?)?"
    rf"{_S}[)）]|[月火水木金土日]曜日?)"
)

_ATOM = re.compile(
    rf"""
    # a cheap look at the first character lets the scanner skip most positions at once
    (?=[0-9{_KD}十拾千令平昭大明西皇RHSTMFrhstm今本来昨{_SIGN}]
       # an era before 明治: two or four kanji, then a year (大化元年, 天平勝宝5年)
       |[{_OLD_FIRST}][{_OLD_SECOND}](?:[{_HAN}]{{2}})?{_S}[元0-9{_KD}十])
    (?:
    (?:
        (?<![A-Za-z])FY{_S}(?P<fyy>[0-9]{{4}})(?![0-9])
    )
    |
    (?:
        (?:(?P<prefix>西暦|皇紀){_S})?
        (?:
            (?P<era>{_ERA}|[{_SIGN}]
                # R3, R三年: the era's Latin letter, not inside a word (PR三年)
                |(?<![A-Za-z])[RHSTM](?=[0-9]|{_KNUM}{_S}年(?![間目生]))
                # r3.4.1: in lower case only in a full numeric date
                |(?<![A-Za-z])[rhstm](?=[0-9]{{1,2}}\.[0-9]{{1,2}}\.[0-9])
                # 令5年, 平1年: an era's first character, where no other kanji runs into it
                |(?<![\u3400-\u9fff々])[令平昭大明]
                 (?=[0-9]{{1,2}}(?:{_S}年(?![間目生])|(?P<asep>[./-])[0-9]{{1,2}}(?P=asep)[0-9]))
                |(?<![{_HAN}])(?:{_OLD_ERA})(?={_S}(?:元|[0-9]{{1,2}}|{_KNUM}){_S}年)
            )
            (?:{_S}{_ERA_GLOSS})?
            {_S}(?P<ey>元|-?[0-9]{{1,2}}(?![0-9])|{_KNUM})
            (?:
                # H30/04/01, R05.10.30, 令和元.五.一: an era year with a numeric date
                (?P<esep>[/.-])(?P<em>{_NUM_MD})(?P=esep)(?P<ed>{_NUM_MD})(?![{_KD}十])
                (?![.][0-9])
              |
                (?:{_S}[～〜~]{_S}(?P<ey2>[0-9]{{1,2}}(?![0-9])|{_KNUM}))?
                (?:{_S}[(（]{_S}(?P<eyw>[0-9]{{4}}){_S}[)）])?
                # 昭和52 standing alone, with nothing after it that could be its unit
                (?P<alone>(?=\Z|[ \u3000\n\t、。，．,)）」』】\]]|の(?![0-9])))?
            )
          |
            # 今年度, 来年度, 昨年, 本年: years counted from the document's own year; not
            # after another kanji (将来年度, 一昨年, 日本年金 are no such words)
            (?<![\u3400-\u9fff々])(?P<rel>[今本来昨])(?={_S}年)
          |
            {_YEAR_START}(?<!紀元前)
            # four digits, or fewer after 西暦 (西暦 645年)
            (?P<y>[0-9]{{4}}|(?(prefix)[1-9][0-9]{{0,2}}(?![0-9])|(?!)))
            (?:
                # 2012/3/31, 2015-02-01, 2021.7.18, 2016/11: numeric notations
                (?P<sep>[/.・,-])(?P<nm>[0-9]{{1,2}})(?![0-9]|{_S}年)
                (?:(?P=sep)(?P<nd>[0-9]{{1,2}})(?![0-9]))?(?![.,][0-9])
                (?:{_S}(?P<nmu>月))?
              |
                (?![0-9.,])
                # 2024～26年度: the second year abbreviated to its last two digits
                (?:{_S}[～〜~]{_S}(?P<y2>[0-9]{{2}})(?![0-9])(?={_S}年(?!間)))?
                # 2023(平成35)年度: the era year in brackets before the unit
                (?:{_S}[(（]{_S}(?:{_ERA}|[RHSTM]){_S}(?:元|[0-9]{{1,2}}|{_KNUM}){_S}[)）])?
                (?:/?(?P<ys>春|夏|秋|冬)(?![季期]))?
            )
          |
            # 二〇二一/三/四: a numeric date in kanji
            (?<![{_KD}十拾百千])(?P<kys>[一二][〇零一二三四五六七八九]{{3}})
            (?P<ksep>[/.])(?P<km>[{_KD}十]{{1,3}})(?P=ksep)(?P<kd>[{_KD}十]{{1,3}})(?![{_KD}十])
          |
            # 二〇二五年, 二千年, 千九百八十九年, 二〇十九年: a year in kanji
            (?<![{_KD}十拾百千])(?<!紀元前)(?P<ky>[一二千][〇零一二三四五六七八九十百千]{{1,6}})(?={_S}年)
        )
        (?:{_S}(?:
            (?P<decade>年代)
          | (?P<fy>年{_S}度)(?:{_S}{_NOTE})?
          | (?P<cy>年)(?:{_S}{_NOTE})?(?:{_S}/)?
            (?:
                (?:{_S}の)?{_S}(?P<named>{_NAMED_DAYS})(?![々常本])
              | {_S}(?P<mname>{_MONTH_NAMES})(?:{_S}(?P<mnd>{_DAY}){_S}日(?![間目後前]))?
                # 昭和45年 1/1: the month and day in numerals after the year
              | {_S}(?P<sm>[0-9]{{1,2}})/(?P<sd>[0-9]{{1,2}})(?=\Z|[ \u3000\n\t(（、。，．,.)）])
              | (?:{_S}の)?{_S}(?P<m>{_MONTH})(?:{_S}[～〜~]{_S}(?P<m2>{_MONTH}))?{_S}月(?:{_S}/)?
                (?:{_S}(?:{_DAYS}|(?P<dn>朔日|晦日|朔|晦)))?
            )?
        ))?
        (?:(?:{_S}の)?{_S}(?P<mod>{_MOD})(?:{_S}(?P<approx>頃|ごろ))?)?
        {_TAIL}
    )
    |
    (?:
        # 21世紀, 二十一世紀: not 紀元前1世紀 (before the common era, which no date holds)
        (?<![0-9{_KD}十前])(?P<cent>[0-9]{{1,2}}|[{_KD}十]{{1,3}}){_S}世紀
        (?:{_S}(?P<cmod>前半|後半|頃|ごろ))?
    )
    |
    (?:
        (?<![0-9.,:/{_KD}十拾第])(?P<bm>[0-9]{{1,2}}|[{_KD}十拾]{{1,3}}){_S}月(?![曜間後前目雨蝿晴])
        (?:{_S}(?:(?P<bd>{_DAY})(?:{_S}[～〜~-]{_S}(?P<bd2>{_DAY}))?{_S}日|(?P<bdn>朔日|晦日)))?
        (?:{_S}(?P<bmod>末日|末|初め|始め|初旬|上旬|中旬|下旬|半ば|中頃|頭(?![脳数部取金])|頃|ごろ))?
        (?P<btail>(?:{_ANY_WEEKDAY})?(?:(?:{_S}の)?{_S}{_TIME})?)
    )
    )
    """,
    re.VERBOSE,
)

_FOLD_NEEDED = re.compile("[０-９Ａ-Ｚａ-ｚ／－．：，＋‐−–—―\u2f00-\u2fdf\uf900-\ufaff]")
_MAYBE_DATE = re.compile(
    rf"[0-9０-９{_SIGN}\u2f00-\u2fdf\uf900-\ufaff]|{_ERA}|[今本来昨]{_S}年"
    rf"|[元{_KD}十百千][ \u3000]{{0,2}}年|[一二三四五六七八九十]{{1,3}}世紀|[〇一二三四五六七八九][/.]"
)
_RELATIVE = {"今": 0, "本": 0, "来": 1, "昨": -1}
# 2005年11月から翌2006年7月, 午後1時半から同3時半: 翌 and 同 restate the year or the day
_CONNECTOR = re.compile(rf"{_S}(?:[～〜~ー-]|から){_S}(?:[翌同]{_S})?")
_UNTIL = re.compile(rf"[～〜~]{_S}\Z")
_RANGE_END = re.compile(rf"{_S}(?:まで(?!に)|迄(?!に))")
# the second end of a range that leaves out what the first gave: 4日から22日, 2018年十月一日から
# 19年二月三日, 午後2時から5時
_SHORT_END = re.compile(
    rf"""{_S}(?:[～〜~ー-]|から){_S}(?:[翌同]{_S})?(?:
        (?P<yy>[0-9]{{2}}|[{_KD}十]{{1,3}})(?![0-9]){_S}年{_S}(?P<ym>{_MONTH}){_S}月
        (?:{_S}(?:(?P<yd>{_DAY}){_S}日|(?P<ydn>朔日|晦日)))?
      | (?<![0-9])(?P<d>{_DAY}){_S}日(?![間目後前以程ほ余ぶおく])
      | (?P<dn>朔日|晦日)
      | (?<![0-9])(?P<nm>[0-9]{{1,2}})/(?P<nd>[0-9]{{1,2}})(?![0-9/])
      | (?P<time>{_TIME})
        # 2021/7/5~9: after a numeric date, a bare day where nothing makes it a count
      | (?<![0-9])(?P<sd>[0-9]{{1,2}})(?![0-9/.])(?=\Z|[\s、。，,)）」』】\](（までにのはを迄])
    )(?:{_ANY_WEEKDAY})?(?:(?:{_S}の|T)?{_S}{_TIME})?""",
    re.VERBOSE,
)


def _day_or_end(name: str) -> str:
    """An optional day after a month, as the group ``name`` (a numeral) or ``name``n (朔日,
    晦日, 末日)."""
    return rf"(?:{_S}(?:(?P<{name}>{_DAY}){_S}日|(?P<{name}n>朔日|晦日|末日)))?"


# the second end's year or month said in a word, against the first end: 2021年7月から同年9月,
# 2023年11月から翌年2月, 2024年12月から翌1月, 2024年4月1日から同月15日, 2024年から翌年
_WORD_END = re.compile(
    rf"""{_S}(?:[～〜~ー-]|から){_S}(?:
        (?P<w>[翌同]){_S}年(?![度間])(?:{_S}(?P<m>{_MONTH}){_S}月{_day_or_end("d")})?
      | (?P<wm>[翌同]){_S}月(?![曜間]){_day_or_end("md")}
      | 翌{_S}(?P<nm>{_MONTH}){_S}月{_day_or_end("nd")}
    )""",
    re.VERBOSE,
)
# 翌1月, 翌年1月, 同年1月: a bare month whose year a word before it gives
_WORD_BEFORE = re.compile(rf"(?P<w>[翌同])(?P<year>{_S}年)?{_S}\Z")
_ERA_YEAR = rf"(?P<y>[0-9]{{1,2}}(?![0-9])|{_KNUM}){_S}年"
# 令和3年度から5年度まで, 令和3年4月から5年3月: the second end's year in the first's era
_ERA_END = re.compile(
    rf"""{_S}(?:[～〜~ー-]|から){_S}{_ERA_YEAR}
    (?:{_S}(?P<fy>度)|{_S}(?P<m>{_MONTH}){_S}月{_day_or_end("d")})?
    (?![間目生後前以来次])""",
    re.VERBOSE,
)
# 令和6年度、7年度及び8年度: the next year of a list, in the era of the one before it
_ERA_NEXT = re.compile(
    rf"""{_S}(?:[、,・]|及び|および|並びに|ならびに|又は|または|と|や){_S}{_ERA_YEAR}
    (?:{_S}(?P<fy>度))?(?![間目生後前以来次])""",
    re.VERBOSE,
)
_RELATION = re.compile(
    rf"""{_S}(?:
        (?P<by>までに|まで|迄に|迄|以前)
      | (?P<from>から|より|以降|以後|以来|[～〜~](?!{_S}[0-9０-９〇一二令平昭大明RHSTM]))
      | (?P<during>期間中|の間|中に|中(?![国心央旬間期核長堅])|内に|内(?![閣容部外訳]))
      | (?P<target>を目指して|を目指し|を目指す|目指して|に向けて|に向け|を目途に|を目途|目途に|目途|めど|を予定|予定)
      | (?P<as_of>時点で|時点|現在|付けで|付で|付け|付(?![近属与随帯録記]))
    )""",
    re.VERBOSE,
)
# "2026 年度半ばの運転再開に向け": the date qualifies a noun that is itself the target.
_TARGET_AHEAD = re.compile(
    r"の[^、。，．,.\s「」『』()（）0-9]{1,20}?(?:に向け|を目指|を目途|目途|予定)"
)
# "2025 年度新規公募分から": the date qualifies the share (分) of something that starts then.
# "2025年度公募以降": across a noun of a few kanji, 以降 still says from when.
_FROM_AHEAD = re.compile(
    rf"{_S}(?:[\u30a0-\u30ff\u3400-\u9fff々]{{0,10}}?分(?:から|より|以降)"
    rf"|[\u3400-\u9fff々]{{1,4}}?(?:以降|以後))"
)
# "令和8年3月末(予定)まで": a note in brackets between a date and its relation word
_NOTE_AHEAD = re.compile(rf"{_S}[(（][^()（）0-9、。，,\n]{{1,8}}[)）]")
# letter-spaced text from PDFs (令 和 4 年 度): single CJK characters and digits, each
# followed by one or two spaces, at least four in a row
_SPACED_CHAR = "0-9\u3005\u3040-\u30ff\u3400-\u9fff\u2f00-\u2fdf\uf900-\ufaff\uff10-\uff19"
_LETTER_SPACED = re.compile(
    rf"(?<![{_SPACED_CHAR}])(?:[{_SPACED_CHAR}][ \u3000]{{1,2}}){{3,}}[{_SPACED_CHAR}](?![{_SPACED_CHAR}])"
)
_SPACES = re.compile("[ \u3000]+")


def _fold_table() -> dict[int, str]:
    """Full-width Latin letters and signs, dashes, and the Kangxi radicals and CJK
    compatibility ideographs some PDF fonts produce (⽇ for 日), each to the one character
    it stands for: a translation that keeps every offset, so spans point into the text."""
    import unicodedata

    table = {code: chr(digit) for code, digit in FULLWIDTH_DIGITS.items()}
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("ａ"), ord("ｚ") + 1):
        table[code] = chr(code - 0xFEE0)
    for wide, narrow in zip("／－．：，＋‐−–—―", "/-.:,+-----", strict=True):
        table[ord(wide)] = narrow
    for code in [*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00)]:
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain != chr(code):
            table[code] = plain
    return table


_FOLD = _fold_table()
_WEEKDAYS = "月火水木金土日"


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
_APPROXIMATE = ("頃", "ごろ", "前後")
_fiscal_year = functools.lru_cache(maxsize=512)(Period.fiscal_year)
_calendar_year = functools.lru_cache(maxsize=512)(Period.calendar_year)


def _apply_modifier(base: Period, mod: str | None, quarter: str | None) -> Period:
    if not mod:
        return base
    if mod in _APPROXIMATE:
        return attrs.evolve(base, approximate=True)
    g = base.granularity
    if g is Granularity.MONTH:
        return _month_modifier(base, mod)
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


def _month_modifier(base: Period, mod: str) -> Period:
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
    if mod in _APPROXIMATE:
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


_LAST_DAY = -1  # 晦日, 末日: the month's last day, whatever its length


def _day_period(year: int, month: int, day: int | None) -> Period:
    if day is None:
        return Period.month(year, month)
    if day == _LAST_DAY:
        return Period.day(Period.month(year, month).end)
    return Period.day(dt.date(year, month, day))


def _number(raw: str | None) -> int | None:
    """A numeral as written, or None when it is no numeral (十十)."""
    if raw is None:
        return None
    try:
        return to_int(raw)
    except ValueError:
        return None


def _named_day(word: str | None) -> int | None:
    """朔日 is the 1st, 晦日 the last day."""
    if word is None:
        return None
    return 1 if word.startswith("朔") else _LAST_DAY


def _year_range(m: re.Match[str], start: int, end: int, first: int, last: int) -> _Atom:
    """令和6～8年度, 2024～26年度: a range of whole (fiscal) years written with one unit."""
    make = Period.fiscal_year if m.group("fy") else Period.calendar_year
    return _Atom(start, end, Period.between(make(first), make(last)), has_year=True)


def _problem(problems: list[DateProblem], text: str, start: int, end: int, reason: str) -> None:
    problems.append(DateProblem((start, end), text[start:end], reason))


def _numeric(
    m: re.Match[str],
    problems: list[DateProblem],
    text: str,
    year: int,
    parts: tuple[str, str, str | None],
) -> _Atom | None:
    """2012/3/31, 2016/11, H30/04/01: a year, a month and perhaps a day in numerals."""
    start, end = m.span()
    sep, month_raw, day_raw = parts
    before = text[start - 1 : start]
    # 2021/12/30-2022/1/4: a - between two dates that use another separator is a range sign
    after_date = before == "-" and sep != "-" and text[start - 2 : start - 1].isdigit()
    if before and not after_date and (before in "-+#_" or (before.isascii() and before.isalnum())):
        return None  # part of a code or a number (03-2012-7-1, v2021.7.18)
    month = _number(month_raw)
    day = _number(day_raw)
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
) -> _Atom:
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
    if is_day and mod not in (None, *_APPROXIMATE):
        # a modifier after a full day ("1日末") is not part of the date
        end = m.start("mod")
        while end > start and text[end - 1] in " \u3000の":
            end -= 1
        return _Atom(start, end, base, has_year=True)
    period = _apply_modifier(base, mod, m.group("q") or m.group("qq"))
    if m.group("approx"):  # 2021年末頃: a second, approximating word
        period = attrs.evolve(period, approximate=True)
    return _Atom(start, end, period, has_year=True)


def _atom(
    m: re.Match[str], problems: list[DateProblem], text: str, year_now: int | None = None
) -> _Atom | None:
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
) -> _Atom | None:
    start, end = m.span()
    group = m.group
    if group("bm") is not None:
        month = _number(group("bm"))
        if month is None or not 1 <= month <= 12:
            return None
        day = _number(group("bd")) if group("bd") else _named_day(group("bdn"))
        if day is not None and day != _LAST_DAY and not 1 <= day <= 31:
            return None
        last_day = _number(group("bd2"))
        if group("bd2") and (day is None or last_day is None or not day < last_day <= 31):
            return None
        if group("btail") and day is None:
            end = m.start("btail")  # a weekday or a time belongs to a day only
        return _Atom(
            start,
            end,
            None,
            bare_month=(month, day, group("bmod"), last_day),
            range_only=day is None and not group("bm").isascii(),
        )
    if group("fyy"):
        return _Atom(start, end, _fiscal_year(int(group("fyy"))), has_year=True)
    if group("cent"):
        number = _number(group("cent"))
        if number is None or not 1 <= number <= 99:
            return None
        century = Period.century(number)
        if (cmod := group("cmod")) in ("前半", "後半"):
            first = century.start.year + (50 if cmod == "後半" else 0)
            century = attrs.evolve(
                century,
                start=dt.date(first, 1, 1),
                end=dt.date(first + 49, 12, 31),
                granularity=Granularity.HALF,
            )
        elif cmod:
            century = attrs.evolve(century, approximate=True)
        return _Atom(start, end, century, has_year=True)
    unit = group("cy") or group("fy") or group("decade")
    if group("era"):
        era = group("era").upper()  # r3.4.1 is R3.4.1
        raw = group("ey")
        number = None if raw.startswith("-") else _number(raw)
        if number is None:
            return None
        if number < 1 or (raw.isascii() and raw.startswith("00")):
            if unit or group("esep"):
                _problem(problems, text, start, end, f"{era}{raw}年 is no year")
            return None
        if era in OLD_ERAS and number > OLD_ERAS[era][1]:
            _problem(problems, text, start, end, f"{era} has no year {number}")
            return None
        year = int(group("eyw")) if group("eyw") else era_to_western(era, number)
        if group("esep"):
            return _numeric(m, problems, text, year, (group("esep"), group("em"), group("ed")))
        if not unit:
            if group("ey2") or group("eyw") or group("mod"):
                return None
            if group("alone") is not None and not era.isascii() and era not in OLD_ERAS:
                # 昭和52 standing alone: the calendar year
                end = m.start("tail") if group("tail") else end
                return _Atom(start, end, _calendar_year(year), has_year=True)
            # an era year needs 年: "R3" alone is not a date, but 平成30～令和2年度 is
            end = m.start("tail") if group("tail") else end
            return _Atom(start, end, None, bare_year=year, needs_unit=True)
        if group("ey2"):  # 令和6～8年度: both ends in the same era
            last = era_to_western(era, to_int(group("ey2")))
            if last <= year or group("m"):
                return None
            return _year_range(m, start, end, year, last)
    elif group("rel"):
        if group("decade") or group("prefix"):
            return None
        if year_now is None:
            _problem(
                problems,
                text,
                start,
                end,
                "a year counted from the document's own year, which is not known",
            )
            return None
        year = year_now + _RELATIVE[group("rel")]
    elif group("kys"):  # 二〇二一/三/四
        kyear = _number(group("kys"))
        if kyear is None or unit:
            return None
        return _numeric(m, problems, text, kyear, (group("ksep"), group("km"), group("kd")))
    else:
        raw = group("y") or group("ky")
        parsed = _number(raw)
        if parsed is None:
            return None
        year = parsed - 660 if group("prefix") == "皇紀" else parsed  # 皇紀2670年 is 2010
        if group("sep"):
            if unit:
                return None
            return _numeric(m, problems, text, year, (group("sep"), group("nm"), group("nd")))
        if group("ys"):  # 2021春
            if unit or year < 1000:
                return None
            end = m.start("tail") if group("tail") else end
            return _Atom(
                start, end, _apply_modifier(_calendar_year(year), group("ys"), None), has_year=True
            )
        if not unit:
            if 1900 <= year <= 2100 and raw.isascii() and not group("mod"):
                end = m.start("tail") if group("tail") else end
                return _Atom(start, end, None, bare_year=year)
            return None
        if year < 1000 and group("prefix") != "西暦":  # 西暦 645年
            return None
        if group("y2"):  # 2024～26年度
            last = year // 100 * 100 + int(group("y2"))
            if last <= year or group("m") or group("decade") or group("mod"):
                _problem(problems, text, start, end, "not a range of years")
                return None
            return _year_range(m, start, end, year, last)
    try:
        base = _base(m, year, bool(group("era")))
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
        return Period.day(_holiday(named, year))
    if name := group("mname"):
        named_month = _MONTH_NAMES.split("|").index(name) + 1
        return _day_period(year, named_month, _number(group("mnd")))
    if group("sm"):
        numeric_month, numeric_day = int(group("sm")), int(group("sd"))
        if not 1 <= numeric_month <= 12 or not 1 <= numeric_day <= 31:
            return None
        return _day_period(year, numeric_month, numeric_day)
    if group("m2"):
        first_month, last_month = _number(group("m")), _number(group("m2"))
        if first_month is None or last_month is None:
            return None
        if last_month < first_month or group("d"):
            raise ValueError("month range runs backwards")
        return Period.between(Period.month(year, first_month), Period.month(year, last_month))
    if group("m"):
        month = _number(group("m"))
        if month is None:
            return None
        if not 1 <= month <= 12:
            raise ValueError(f"month must be in 1..12, not {month}")
        day = _number(group("d")) if group("d") else _named_day(group("dn"))
        if group("d") and day is None:
            return None
        if group("d2"):  # 4月1〜15日
            return _day_range(year, month, day, _number(group("d2")))
        return _day_period(year, month, day)
    return Period.calendar_year(year)


def _day_range(year: int, month: int, first: int | None, last: int | None) -> Period | None:
    """4月1〜15日: the days ``first`` to ``last`` of one month."""
    if first is None or last is None:
        return None
    if last <= first:
        raise ValueError("range of days runs backwards")
    return _between(_day_period(year, month, first), _day_period(year, month, last))


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


def _holiday(name: str, year: int) -> dt.date:
    """The day ``name`` fell on in ``year``; ValueError for a year that had no such day."""
    held = [(month, day) for first, month, day in _HOLIDAYS[name] if first <= year]
    if not held or not held[-1][0]:
        raise ValueError(f"there was no {name} in {year}")
    month, day = held[-1]
    return dt.date(year, month, day)


def _resolve_bare_month(atom: _Atom, context: Period | None) -> Period | None:
    assert atom.bare_month is not None
    if context is None:
        return None
    return _month_in_context(atom.bare_month, context)


@functools.lru_cache(maxsize=1024)
def _month_in_context(
    bare_month: tuple[int, int | None, str | None, int | None], context: Period
) -> Period | None:
    month, day, mod, last_day = bare_month
    fiscal = context.calendar is Calendar.FISCAL
    if fiscal:
        # a month after a fiscal-year mention counts in that fiscal year: 1月 is next January
        base_year = fiscal_year_of(context.start)
        year = base_year if month >= 4 else base_year + 1
    else:
        year = context.end.year if context.granularity is Granularity.RANGE else context.start.year
    try:
        base = _day_period(year, month, day)
        if last_day is not None:
            base = _between(base, _day_period(year, month, last_day))
    except ValueError:
        return None
    if fiscal:
        base = attrs.evolve(base, calendar=Calendar.FISCAL)
    if day is None:
        return _month_modifier(base, mod) if mod else base
    return attrs.evolve(base, approximate=True) if mod in _APPROXIMATE else base


_ATOM_CACHE: dict[str, tuple[_Atom | None, int]] = {}


def _atoms(folded: str, problems: list[DateProblem], year_now: int | None) -> list[_Atom]:
    """The atoms of ``folded``; `_atom` is memoised on the matched text, since
    roadmaps repeat the same dates again and again (with ``year_now`` in the key of the
    years counted from it, 今年度 …)."""
    cache = _ATOM_CACHE
    atoms: list[_Atom] = []
    append = atoms.append
    for m in _ATOM.finditer(folded):
        key = m.group(0)
        if m.group("rel") is not None:
            key = f"{year_now}\x00{key}"
        elif m.group("alone") is not None:
            key = f"\x02{key}"  # 昭和52 standing alone: the text after it decided
        elif m.group("sep") or m.group("esep"):
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
            append(_Atom(start, start + length, *template[2:]))
    return atoms


def _word_end(first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end whose year or month is a word against it:
    2023年11月から翌年2月, 2024年12月から翌1月, 2024年4月1日から同月15日, 2024年から翌年."""
    w = _WORD_END.match(folded, at)
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
            second = _day_period(year, month, _end_day(group("md"), group("mdn")))
        elif group("nm"):  # 翌1月: the month of the next year
            if first.granularity not in (Granularity.DAY, Granularity.MONTH):
                return None
            month = _require(_number(group("nm")))
            second = _day_period(year + 1, month, _end_day(group("nd"), group("ndn")))
        else:  # 翌年, 同年 with or without a month
            year += group("w") == "翌"
            if group("m") is None:
                if group("w") == "同":
                    return None
                second = _calendar_year(year)
            else:
                month = _require(_number(group("m")))
                second = _day_period(year, month, _end_day(group("d"), group("dn")))
    except ValueError:
        return None
    return (_between(first, second), w.end()) if second.end >= first.start else None


def _end_day(raw: str | None, word: str | None) -> int | None:
    """The day a range's second end names, in numerals or as 朔日, 晦日, 末日."""
    if raw is not None:
        return _require(_number(raw))
    return _named_day(word) if word != "末日" else _LAST_DAY


def _require(value: int | None) -> int:
    if value is None:
        raise ValueError("no numeral")
    return value


def _era_end(atom: _Atom, first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end that leaves out the era both share:
    令和3年度から5年度まで, 令和3年4月から5年3月, 令和2年～4年."""
    if atom.era is None or (m := _ERA_END.match(folded, at)) is None:
        return None
    g = first.granularity
    has_month = m.group("m") is not None
    if (g is Granularity.FISCAL_YEAR) != bool(m.group("fy")) or (
        g in (Granularity.DAY, Granularity.MONTH)
    ) != has_month:
        return None  # the second end must say the same unit: 令和3年4月から5年間 is no range
    try:
        year = era_to_western(atom.era, _require(_number(m.group("y"))))
        if m.group("fy"):
            second = _fiscal_year(year)
        elif has_month:
            month = _require(_number(m.group("m")))
            second = _day_period(year, month, _end_day(m.group("d"), m.group("dn")))
        else:
            second = _calendar_year(year)
    except (ValueError, KeyError):
        return None
    if second.start <= first.start:
        return None
    return _between(first, second), m.end()


def _short_end(atom: _Atom, first: Period, folded: str, at: int) -> tuple[Period, int] | None:
    """The range from ``first`` to a second end that leaves out what ``first`` gave
    (4日から22日, 2018年十月一日から19年二月三日, 午後2時から5時, 2021/7/5~9), and where it
    ends."""
    if first.granularity not in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR):
        return None
    if found := _word_end(first, folded, at):
        return found
    if first.granularity is Granularity.YEAR:
        return None
    m = _SHORT_END.match(folded, at)
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
    return (first if second is first else _between(first, second)), m.end()


def _second_end(m: re.Match[str], first: Period) -> Period | None:
    """The period the second end ``m`` names, completed from ``first``."""
    year, month = first.start.year, first.start.month
    group = m.group
    if group("yy"):
        short = _number(group("yy"))
        last_month = _number(group("ym"))
        if short is None or last_month is None or short >= 100:
            return None
        last_year = year // 100 * 100 + short
        if last_year < year:
            last_year += 100
        day = _number(group("yd")) if group("yd") else _named_day(group("ydn"))
        return _day_period(last_year, last_month, day)
    if first.granularity is not Granularity.DAY:
        return None
    if group("time"):
        return first
    if group("nm"):  # 2019/5/1～5/6
        return _day_period(year, int(group("nm")), int(group("nd")))
    if group("sd"):  # 2021/7/5~9
        return _day_period(year, month, int(group("sd")))
    day = _number(group("d")) if group("d") else _named_day(group("dn"))
    if day is None:
        return None
    return _day_period(year, month, day)


def _check_arguments(text: object, year: object) -> None:
    if not isinstance(text, str):
        raise ArgumentTypeError("text", "a str", text)
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ArgumentTypeError("year", "an int (such as 2025) or None", year)


def scan(text: str, *, year: int | None = None) -> tuple[list[DateMention], list[DateProblem]]:
    """Every date mention in ``text`` (in order) and the date-like text that names no day.

    ``year`` is the year the document speaks from (its edition: 2024 for
    統合イノベーション戦略2024), from which 今年度, 来年度, 昨年 … are counted; without it
    they are reported as problems. A ``text`` that is not a str or a ``year`` that is not an
    int raises [ArgumentTypeError][stpmodel.errors.ArgumentTypeError].
    """
    _check_arguments(text, year)
    if not _MAYBE_DATE.search(text):  # most sentences name no date: one quick look
        return [], []
    spaced = _collapse_letter_spacing(text)
    work = text if spaced is None else spaced[0]
    folded = work.translate(_FOLD) if _FOLD_NEEDED.search(work) else work
    problems: list[DateProblem] = []
    atoms = _atoms(folded, problems, year)
    mentions = _read(work, folded, atoms)
    if problems and folded is not work:  # quote the text as written, not as folded
        problems = [attrs.evolve(p, text=work[p.span[0] : p.span[1]]) for p in problems]
    if spaced is not None:
        return _map_back(text, spaced[1], mentions, problems)
    return mentions, problems


def _collapse_letter_spacing(text: str) -> tuple[str, list[int]] | None:
    """``text`` with the spaces of its letter-spaced runs taken out (令 和 4 年 度 → 令和4年度),
    and the offset in ``text`` of each character kept (one more for the end); None when no
    run looks letter-spaced. A run of digits alone (1 2 3 4) is a list, and is kept."""
    if " " not in text and "\u3000" not in text:
        return None
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for run in _LETTER_SPACED.finditer(text):
        if run.group().replace(" ", "").replace("\u3000", "").isdigit():
            continue
        pieces.append(text[done : run.start()])
        origin.extend(range(done, run.start()))
        for offset, char in enumerate(run.group(), run.start()):
            if char not in " \u3000":
                pieces.append(char)
                origin.append(offset)
        done = run.end()
    if not origin and done == 0:
        return None
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    return "".join(pieces), origin


def _map_back(
    text: str, origin: list[int], mentions: list[DateMention], problems: list[DateProblem]
) -> tuple[list[DateMention], list[DateProblem]]:
    """Mentions and problems found in the collapsed text, with spans into ``text``."""

    def span(start: int, end: int) -> tuple[int, int]:
        return origin[start], origin[end - 1] + 1 if end > start else origin[start]

    moved = []
    for mention in mentions:
        a, b = span(*mention.span)
        moved.append(attrs.evolve(mention, span=(a, b), text=text[a:b]))
    kept = []
    for problem in problems:
        a, b = span(*problem.span)
        kept.append(attrs.evolve(problem, span=(a, b), text=text[a:b]))
    return moved, kept


def _read(text: str, folded: str, atoms: list[_Atom]) -> list[DateMention]:
    """The mentions the atoms make: ranges joined, bare years and months completed from
    their neighbours, relations read from the words after them."""
    mentions: list[DateMention] = []
    context: Period | None = None
    i = 0
    while i < len(atoms):
        first = atoms[i]
        start = first.start
        period, end, ranged, i = _period_at(atoms, i, folded, context)
        if period is None:
            continue
        if first.bare_month is not None and not ranged:
            start = _word_before(folded, start)
        until = (
            not ranged
            and start > 0
            and folded[start - 1] in "～〜~ \u3000"
            and _UNTIL.search(folded, max(0, start - 3), start)
        )
        if until and (not mentions or mentions[-1].span[1] <= until.start()):
            # "～2025年度": a range open at its start, i.e. until then
            start = until.start()
        mention = _mention(text, folded, start, end, period, ranged)
        if until and start != first.start and mention.relation is Relation.AT:
            mention = attrs.evolve(mention, relation=Relation.BY)
        mentions.append(mention)
        context = period
        if first.era is not None and not ranged:
            listed = _era_list(text, folded, first.era, period, mention.span[1])
            mentions.extend(listed)
            while listed and i < len(atoms) and atoms[i].start < listed[-1].span[1]:
                i += 1
    return mentions


def _period_at(
    atoms: list[_Atom], i: int, folded: str, context: Period | None
) -> tuple[Period | None, int, bool, int]:
    """The period that starts at atom ``i``, where it ends, whether it is a range, and the
    index of the next atom to read."""
    first = atoms[i]
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    link = None if nxt is None else _CONNECTOR.fullmatch(folded, first.end, nxt.start)
    # 翌1月 after a range sign is next year's January: the word rule below reads it
    if nxt is not None and link and not ("翌" in link.group() and nxt.bare_month is not None):
        joined = _join(first, nxt, context)
        if joined is not None:
            return joined, nxt.end, True, i + 2
    period = _alone(first, folded, context)
    if period is None:
        return None, first.end, False, i + 1
    found = _era_end(first, period, folded, first.end) or _short_end(
        first, period, folded, first.end
    )
    if found is None:
        return period, first.end, False, i + 1
    period, end = found
    i += 1
    while i < len(atoms) and atoms[i].start < end:
        i += 1  # atoms inside the second end (二月三日 of 19年二月三日)
    return period, end, True, i


def _alone(atom: _Atom, folded: str, context: Period | None) -> Period | None:
    """The period one atom names by itself, its year taken from ``context`` if it has none."""
    if atom.range_only:
        return None
    if atom.bare_month is None:
        return atom.period
    if context is not None and context.calendar is not Calendar.FISCAL:
        before = _WORD_BEFORE.search(folded, max(0, atom.start - 5), atom.start)
        if before and before.group("w") == "翌":  # 翌1月, 翌年1月: the next year's
            year = (
                context.end.year if context.granularity is Granularity.RANGE else context.start.year
            )
            context = _calendar_year(year + 1)
    return _resolve_bare_month(atom, context)


def _word_before(folded: str, start: int) -> int:
    """Where a bare month's mention starts: at the 翌 or 同年 that gives its year."""
    before = _WORD_BEFORE.search(folded, max(0, start - 5), start)
    if before is None or (before.group("w") == "同" and not before.group("year")):
        return start
    return before.start()


def _era_list(text: str, folded: str, era: str, first: Period, at: int) -> list[DateMention]:
    """The years listed after an era year in the same era: 令和6年度、7年度及び8年度."""
    g = first.granularity
    if g not in (Granularity.FISCAL_YEAR, Granularity.YEAR):
        return []
    listed: list[DateMention] = []
    while (m := _ERA_NEXT.match(folded, at)) is not None:
        if bool(m.group("fy")) != (g is Granularity.FISCAL_YEAR):
            break
        number = _number(m.group("y"))
        if number is None or number < 1:
            break
        year = era_to_western(era, number)
        try:
            period = _fiscal_year(year) if m.group("fy") else _calendar_year(year)
        except ValueError:
            break
        mention = _mention(text, folded, m.start("y"), m.end(), period, False)
        listed.append(mention)
        at = mention.span[1]
    return listed


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
        if (a is None or (b is not None and b.end < a.start)) and second.has_year:
            a = _month_before(first, b)  # 9月1日～令和5年1月31日: the start borrows the end's year
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


def _month_before(atom: _Atom, end: Period | None) -> Period | None:
    """A bare month read as the last such month that starts before ``end`` does: the first
    end of a range whose second end gives the year."""
    if end is None or end.granularity not in (Granularity.DAY, Granularity.MONTH):
        return None
    assert atom.bare_month is not None
    for year in (end.start.year, end.start.year - 1):
        found = _month_in_context(atom.bare_month, _calendar_year(year))
        if found is not None and found.start <= end.start:
            return found
    return None


@functools.lru_cache(maxsize=1024)
def _between(a: Period, b: Period) -> Period:
    return Period.between(a, b)


def _mention(
    text: str, folded: str, start: int, end: int, period: Period, ranged: bool
) -> DateMention:
    ranged = ranged or period.granularity is Granularity.RANGE
    relation = Relation.DURING if ranged else Relation.AT
    at = end
    if (note := _NOTE_AHEAD.match(folded, end)) and _RELATION.match(folded, note.end()):
        at = note.end()  # 令和8年3月末(予定)まで: the note is read through
    if ranged and (m := _RANGE_END.match(folded, at)):
        end = m.end()
    elif m := _RELATION.match(folded, at):
        end = m.end()
        kind = m.lastgroup
        assert kind is not None
        relation = Relation(kind)
    elif not ranged and _TARGET_AHEAD.match(folded, end):
        relation = Relation.TARGET
    elif not ranged and _FROM_AHEAD.match(folded, end):
        relation = Relation.FROM
    return DateMention(text=text[start:end], span=(start, end), period=period, relation=relation)
