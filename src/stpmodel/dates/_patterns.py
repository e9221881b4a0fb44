"""The grammar of Japanese dates: one named sub-pattern per family of forms.

Each sub-pattern has its grammar line above it, in the notation of packaging's parser
(``?`` optional, ``|`` or, ``S`` the spaces PDF extraction leaves, ``NUM`` a numeral in
digits or kanji). `ATOM` joins them into the one pattern the scanner runs; the other
compiled patterns are read at a position, after an atom (range ends, relation words).
Every quantifier is bounded and every number anchored with a look-behind, so each costs a
constant amount of work per input character.
"""

from __future__ import annotations

import re

from stpmodel.dates._numerals import OLD_ERAS

__all__ = [
    "ATOM",
    "CONNECTOR",
    "ERA_END",
    "ERA_NEXT",
    "FROM_AHEAD",
    "MAYBE_DATE",
    "MONTH_NAMES",
    "NOTE_AHEAD",
    "RANGE_END",
    "RELATION",
    "SHORT_END",
    "TARGET_AHEAD",
    "UNTIL",
    "WORD_BEFORE",
    "WORD_END",
]

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
MONTH_NAMES = "睦月|如月|弥生|卯月|皐月|水無月|文月|葉月|長月|神無月|霜月|師走"
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
# only where they are punctuation (掲載日：2024年, Date:2024年, とともに,2040年), not part of
# a number, a time or a path (1,2024 12:2024 3/2024 example.jp/2022)
_YEAR_START = r"(?<![0-9.])(?<![0-9.,:/\-][,:/])(?<![A-Za-z]/)"
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


# -- the atom's families ---------------------------------------------------------------

# fiscal_code = "FY" S DIGIT{4}                                              (FY2025)
_FISCAL_CODE = rf"(?<![A-Za-z])FY{_S}(?P<fyy>[0-9]{{4}})(?![0-9])"

# era_name = ERA | SIGN | LETTER (before a numeral) | ERA_INITIAL | OLD_ERA
_ERA_NAME = rf"""
    (?P<era>{_ERA}|[{_SIGN}]
        # R3, R三年: the era's Latin letter, not inside a word (PR三年)
        |(?<![A-Za-z])[RHSTM](?=[0-9]|{_KNUM}{_S}年(?![間目生]))
        # r3.4.1, r3/4/1: in lower case only in a full numeric date
        |(?<![A-Za-z])[rhstm](?=[0-9]{{1,2}}(?P<lsep>[./])[0-9]{{1,2}}(?P=lsep)[0-9])
        # 令5年, 平1年: an era's first character, where no other kanji runs into it
        |(?<![\u3400-\u9fff々])[令平昭大明]
         (?=[0-9]{{1,2}}(?:{_S}年(?![間目生])|(?P<asep>[./-])[0-9]{{1,2}}(?P=asep)[0-9]))
        |(?<![{_HAN}])(?:{_OLD_ERA})(?={_S}(?:元|[0-9]{{1,2}}|{_KNUM}){_S}年)
    )"""

# era_year = era_name GLOSS? S (元 | NUM)
#            (SEP NUM SEP NUM                        (H30/04/01, 令和元.五.一)
#             | (～ NUM)? ("(" DIGIT{4} ")")? ALONE?) (令和6～8年度, 昭和52 standing alone)
_ERA_YEAR = rf"""
    {_ERA_NAME}
    (?:{_S}{_ERA_GLOSS})?
    {_S}(?P<ey>元|-?[0-9]{{1,2}}(?![0-9])|{_KNUM})
    (?:
        (?P<esep>[/.-])(?P<em>{_NUM_MD})(?P=esep)(?P<ed>{_NUM_MD})(?![{_KD}十])
        (?![.][0-9])
      |
        (?:{_S}[～〜~]{_S}(?P<ey2>[0-9]{{1,2}}(?![0-9])|{_KNUM}))?
        (?:{_S}[(（]{_S}(?P<eyw>[0-9]{{4}}){_S}[)）])?
        # 昭和52 standing alone, with nothing after it that could be its unit
        (?P<alone>(?=\Z|[ \u3000\n\t、。，．,・)）」』】\]]|の(?![0-9])|及び))?
    )"""

# relative_year = (今 | 本 | 来 | 昨) &(S 年)          (今年度, 来年度, 昨年, 本年)
# not after another kanji: 将来年度, 一昨年, 日本年金 are no such words
_RELATIVE_YEAR = r"(?<![\u3400-\u9fff々])(?P<rel>[今本来昨])(?=" + _S + r"年)"

# western_year = DIGIT{4} (SEP DIGIT{1,2} (SEP DIGIT{1,2})? 月?     (2012/3/31, 2016/11)
#                          | (～ DIGIT{2})? ERA_NOTE? SEASON?)      (2024～26年度, 2021春)
_WESTERN_YEAR = rf"""
    {_YEAR_START}(?<!紀元前)
    # four digits, or fewer after 西暦 (西暦 645年)
    (?P<y>[0-9]{{4}}|(?(prefix)[1-9][0-9]{{0,2}}(?![0-9])|(?!)))
    (?:
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
    )"""

# kanji_date = KANJI_DIGIT{4} SEP KNUM SEP KNUM                         (二〇二一/三/四)
_KANJI_DATE = rf"""
    (?<![{_KD}十拾百千])(?P<kys>[一二][〇零一二三四五六七八九]{{3}})
    (?P<ksep>[/.])(?P<km>[{_KD}十]{{1,3}})(?P=ksep)(?P<kd>[{_KD}十]{{1,3}})(?![{_KD}十])"""

# kanji_year = KANJI_NUMERAL &(S 年)               (二〇二五年, 二千年, 千九百八十九年)
_KANJI_YEAR = rf"(?<![{_KD}十拾百千])(?<!紀元前)(?P<ky>[一二千][〇零一二三四五六七八九十百千]{{1,6}})(?={_S}年)"

# year_unit = 年代 | 年度 NOTE? | 年 NOTE? (named_day | named_month day? | M/D
#                                           | の? MONTH (～ MONTH)? 月 (days | 朔日 | 晦日)?)?
_YEAR_UNIT = rf"""
    (?P<decade>年代)
  | (?P<fy>年{_S}度)(?:{_S}{_NOTE})?
  | (?P<cy>年)(?:{_S}{_NOTE})?(?:{_S}/)?
    (?:
        (?:{_S}の)?{_S}(?P<named>{_NAMED_DAYS})(?![々常本])
      | {_S}(?P<mname>{MONTH_NAMES})(?:{_S}(?P<mnd>{_DAY}){_S}日(?![間目後前]))?
        # 昭和45年 1/1: the month and day in numerals after the year
      | {_S}(?P<sm>[0-9]{{1,2}})/(?P<sd>[0-9]{{1,2}})(?=\Z|[ \u3000\n\t(（、。，．,.)）])
      | (?:{_S}の)?{_S}(?P<m>{_MONTH})(?:{_S}[～〜~]{_S}(?P<m2>{_MONTH}))?{_S}月(?:{_S}/)?
        (?:{_S}(?:{_DAYS}|(?P<dn>朔日|晦日|朔|晦)))?
    )?"""

# dated_year = (西暦 | 皇紀)? (era_year | relative_year | western_year | kanji_date
#              | kanji_year) (S year_unit)? (の? MODIFIER (頃 | ごろ)?)? tail
_DATED_YEAR = rf"""
    (?:(?P<prefix>西暦|皇紀){_S})?
    (?:{_ERA_YEAR}|{_RELATIVE_YEAR}|{_WESTERN_YEAR}|{_KANJI_DATE}|{_KANJI_YEAR})
    (?:{_S}(?:{_YEAR_UNIT}))?
    (?:(?:{_S}の)?{_S}(?P<mod>{_MOD})(?:{_S}(?P<approx>頃|ごろ))?)?
    {_TAIL}"""

# century = NUM S 世紀 (前半 | 後半 | 頃 | ごろ)?                       (21世紀, 二十一世紀)
# not 紀元前1世紀 (before the common era, which no date holds)
_CENTURY = rf"""
    (?<![0-9{_KD}十前])(?P<cent>[0-9]{{1,2}}|[{_KD}十]{{1,3}}){_S}世紀
    (?:{_S}(?P<cmod>前半|後半|頃|ごろ))?"""

# bare_month = NUM S 月 (day (～ day)? 日 | 朔日 | 晦日)? MODIFIER? weekday? time?  (4月1〜15日)
_BARE_MONTH = rf"""
    (?<![0-9.,:/{_KD}十拾第])(?P<bm>[0-9]{{1,2}}|[{_KD}十拾]{{1,3}}){_S}月(?![曜間後前目雨蝿晴])
    (?:{_S}(?:(?P<bd>{_DAY})(?:{_S}[～〜~-]{_S}(?P<bd2>{_DAY}))?{_S}日|(?P<bdn>朔日|晦日)))?
    (?:{_S}(?P<bmod>末日|末|初め|始め|初旬|上旬|中旬|下旬|半ば|中頃|頭(?![脳数部取金])|頃|ごろ))?
    (?P<btail>(?:{_ANY_WEEKDAY})?(?:(?:{_S}の)?{_S}{_TIME})?)"""

# slash_start = M "/" D weekday? &(S RANGE_SIGN S year)          (9/1(木)～2023/1/31)
# a month and day in numerals, only as the first end of a range whose second end has a year
_SLASH_START = rf"""
    (?<![0-9./:])(?P<sbm>[0-9]{{1,2}})/(?P<sbd>[0-9]{{1,2}})(?![0-9/.])(?:{_ANY_WEEKDAY})?
    (?={_S}[～〜~ー-]{_S}(?:[0-9]{{4}}[/.年-]|{_ERA}|[RH][0-9]))"""

# word_month = (翌 | 同) S 月 (NUM S 日)?          (同月15日, 翌月: against the date before)
_WORD_MONTH = rf"""
    (?<![\u3400-\u9fff々])(?P<wmon>[翌同]){_S}月(?![曜間末初頭半])
    (?:{_S}(?P<wmd>{_DAY}){_S}日(?![間目後前]))?"""

# atom = fiscal_code | dated_year | century | bare_month | slash_start | word_month
ATOM = re.compile(
    rf"""
    # a cheap look at the first character lets the scanner skip most positions at once
    (?=[0-9{_KD}十拾千令平昭大明西皇RHSTMF今本来昨翌同{_SIGN}]
       |[rhstm][0-9]
       # an era before 明治: two or four kanji, then a year (大化元年, 天平勝宝5年)
       |[{_OLD_FIRST}][{_OLD_SECOND}](?:[{_HAN}]{{2}})?{_S}[元0-9{_KD}十])
    (?:{_FISCAL_CODE}|{_DATED_YEAR}|{_CENTURY}|{_BARE_MONTH}|{_SLASH_START}|{_WORD_MONTH})
    """,
    re.VERBOSE,
)

# -- what the scanner reads after an atom ------------------------------------------------

# Whether a text may name a date at all: a numeral or sign; an era (令和 平成 昭和 大正 明治);
# 今/本/来/昨 or a kanji numeral before 年; 1–3 kanji numerals before 世紀; a kanji digit
# before / or . Written as one class of every first character, then the rest of each
# branch behind a look at that character, so that the engine skips to those characters.
_MAYBE_DIGIT = rf"0-9０-９{_SIGN}\u2f00-\u2fdf\uf900-\ufaff"
MAYBE_DATE = re.compile(
    rf"[{_MAYBE_DIGIT}令平昭大明今本来昨元{_KD}十百千]"
    rf"(?:(?<=[{_MAYBE_DIGIT}])|(?<=[令昭])和|(?<=平)成|(?<=大)正|(?<=明)治"
    rf"|(?<=[今本来昨]){_S}年|(?<=[元{_KD}十百千])[ \u3000]{{0,2}}年"
    rf"|(?<=[一二三四五六七八九十])[一二三四五六七八九十]{{0,2}}世紀|(?<=[〇一二三四五六七八九])[/.])"
)
# 2005年11月から翌2006年7月, 午後1時半から同3時半: 翌 and 同 restate the year or the day
CONNECTOR = re.compile(rf"{_S}(?:[～〜~ー-]|から){_S}(?:[翌同]{_S})?")
UNTIL = re.compile(rf"[～〜~]{_S}\Z")
RANGE_END = re.compile(rf"{_S}(?:まで(?!に)|迄(?!に))")
# the second end of a range that leaves out what the first gave: 4日から22日, 2018年十月一日から
# 19年二月三日, 午後2時から5時
SHORT_END = re.compile(
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


# day_or_end = S (NUM S 日 | 朔日 | 晦日 | 末日)
def _day_or_end(name: str) -> str:
    """An optional day after a month, as the group ``name`` (a numeral) or ``name``n (朔日,
    晦日, 末日)."""
    return rf"(?:{_S}(?:(?P<{name}>{_DAY}){_S}日|(?P<{name}n>朔日|晦日|末日)))?"


# the second end's year or month said in a word, against the first end: 2021年7月から同年9月,
# 2023年11月から翌年2月, 2024年12月から翌1月, 2024年4月1日から同月15日, 2024年から翌年
WORD_END = re.compile(
    rf"""{_S}(?:[～〜~ー-]|から){_S}(?:
        (?P<w>[翌同]){_S}年(?![度間])
        (?:{_S}(?P<m>{_MONTH}){_S}月{_day_or_end("d")}|(?:{_S}の)?{_S}(?P<wnamed>{_NAMED_DAYS}))?
      | (?P<wm>[翌同]){_S}月(?![曜間]){_day_or_end("md")}
      | 翌{_S}(?P<nm>{_MONTH}){_S}月{_day_or_end("nd")}
    )""",
    re.VERBOSE,
)
# 翌1月, 翌年1月, 同年1月: a bare month whose year a word before it gives
WORD_BEFORE = re.compile(rf"(?P<w>[翌同])(?P<year>{_S}年)?{_S}\Z")
# what makes N年 a count of years, not a year: 3年間, 5年後, 3年ぶり, 2年連続, 1年半
_YEAR_COUNT = r"[間目生後前以来次ぶ振連分半超程余弱強越未毎]"
_ERA_YEAR = rf"(?P<y>[0-9]{{1,2}}(?![0-9])|{_KNUM}){_S}年"
# 令和3年度から5年度まで, 令和3年4月から5年3月: the second end's year in the first's era
ERA_END = re.compile(
    rf"""{_S}(?:[～〜~ー-]|から){_S}{_ERA_YEAR}
    (?:{_S}(?P<fy>度)|{_S}(?P<m>{_MONTH}){_S}月{_day_or_end("d")})?
    (?!{_YEAR_COUNT})""",
    re.VERBOSE,
)
# era_next = S LIST_SIGN S NUM (S 年 (S 度)?)?   (令和6年度、7年度及び8年度; 令和6、7年度)
# the next year of a list, in the era of the one before it; without 年 only in a list whose
# first year has none either, until a later year gives the unit
ERA_NEXT = re.compile(
    rf"""{_S}(?:[、,・]|及び|および|並びに|ならびに|又は|または|と|や){_S}
    (?P<y>[0-9]{{1,2}}(?![0-9])|{_KNUM})(?:{_S}(?P<unit>年)(?:{_S}(?P<fy>度))?)?
    (?![年月日0-9]|{_YEAR_COUNT})""",
    re.VERBOSE,
)
RELATION = re.compile(
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
TARGET_AHEAD = re.compile(
    r"の[^、。，．,.\s「」『』()（）0-9]{1,20}?(?:に向け|を目指|を目途|目途|予定)"
)
# "2025 年度新規公募分から": the date qualifies the share (分) of something that starts then.
# "2025年度公募以降": across a noun of a few kanji, 以降 still says from when.
FROM_AHEAD = re.compile(
    rf"{_S}(?:[\u30a0-\u30ff\u3400-\u9fff々]{{0,10}}?分(?:から|より|以降)"
    rf"|[\u3400-\u9fff々]{{1,4}}?(?:以降|以後))"
)
# "令和8年3月末(予定)まで": a note in brackets between a date and its relation word
NOTE_AHEAD = re.compile(rf"{_S}[(（][^()（）0-9、。，,\n]{{1,8}}[)）]")
