"""The date engine: forms, relations, ranges, and what must not match."""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stpmodel.dates import Calendar, Granularity, Period, Relation, find_dates, scan

D = dt.date


def one(text: str) -> tuple[str, D, D, Relation, Granularity]:
    mentions = find_dates(text)
    assert len(mentions) == 1, mentions
    m = mentions[0]
    return m.text, m.period.start, m.period.end, m.relation, m.period.granularity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2025年度までに",
            ("2025年度までに", D(2025, 4, 1), D(2026, 3, 31), Relation.BY, Granularity.FISCAL_YEAR),
        ),
        (
            "2024年7月までに",
            ("2024年7月までに", D(2024, 7, 1), D(2024, 7, 31), Relation.BY, Granularity.MONTH),
        ),
        (
            "2021年度中に取りまとめる",
            (
                "2021年度中に",
                D(2021, 4, 1),
                D(2022, 3, 31),
                Relation.DURING,
                Granularity.FISCAL_YEAR,
            ),
        ),
        (
            "2023年度以降モニタリング",
            ("2023年度以降", D(2023, 4, 1), D(2024, 3, 31), Relation.FROM, Granularity.FISCAL_YEAR),
        ),
        (
            "2021年末に向けて検討",
            (
                "2021年末に向けて",
                D(2021, 12, 1),
                D(2021, 12, 31),
                Relation.TARGET,
                Granularity.MONTH,
            ),
        ),
        (
            "（2024年3月時点）",
            ("2024年3月時点", D(2024, 3, 1), D(2024, 3, 31), Relation.AS_OF, Granularity.MONTH),
        ),
        (
            "2014年より継続",
            ("2014年より", D(2014, 1, 1), D(2014, 12, 31), Relation.FROM, Granularity.YEAR),
        ),
        (
            "2025年度を目指して推進",
            (
                "2025年度を目指して",
                D(2025, 4, 1),
                D(2026, 3, 31),
                Relation.TARGET,
                Granularity.FISCAL_YEAR,
            ),
        ),
        (
            "2022年末時点で",
            ("2022年末時点で", D(2022, 12, 1), D(2022, 12, 31), Relation.AS_OF, Granularity.MONTH),
        ),
        (
            "２０２５年度",
            ("２０２５年度", D(2025, 4, 1), D(2026, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "令和七年度",
            ("令和七年度", D(2025, 4, 1), D(2026, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "令和元年度",
            ("令和元年度", D(2019, 4, 1), D(2020, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "二〇二五年度",
            ("二〇二五年度", D(2025, 4, 1), D(2026, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "2026 年度",
            ("2026 年度", D(2026, 4, 1), D(2027, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "2023 年 度",
            ("2023 年 度", D(2023, 4, 1), D(2024, 3, 31), Relation.AT, Granularity.FISCAL_YEAR),
        ),
        (
            "2023 年 7 月に",
            ("2023 年 7 月", D(2023, 7, 1), D(2023, 7, 31), Relation.AT, Granularity.MONTH),
        ),
        (
            "平成29(2017)年度",
            (
                "平成29(2017)年度",
                D(2017, 4, 1),
                D(2018, 3, 31),
                Relation.AT,
                Granularity.FISCAL_YEAR,
            ),
        ),
        ("平成35年", ("平成35年", D(2023, 1, 1), D(2023, 12, 31), Relation.AT, Granularity.YEAR)),
        (
            "2020年(令和2年)1月23日",
            (
                "2020年(令和2年)1月23日",
                D(2020, 1, 23),
                D(2020, 1, 23),
                Relation.AT,
                Granularity.DAY,
            ),
        ),
        (
            "令和7年度末",
            ("令和7年度末", D(2026, 3, 1), D(2026, 3, 31), Relation.AT, Granularity.MONTH),
        ),
        (
            "2025年度第1四半期",
            ("2025年度第1四半期", D(2025, 4, 1), D(2025, 6, 30), Relation.AT, Granularity.QUARTER),
        ),
        (
            "2025年第3四半期",
            ("2025年第3四半期", D(2025, 7, 1), D(2025, 9, 30), Relation.AT, Granularity.QUARTER),
        ),
        (
            "2024年度上半期",
            ("2024年度上半期", D(2024, 4, 1), D(2024, 9, 30), Relation.AT, Granularity.HALF),
        ),
        (
            "2024年度下半期",
            ("2024年度下半期", D(2024, 10, 1), D(2025, 3, 31), Relation.AT, Granularity.HALF),
        ),
        (
            "2024年7月上旬",
            ("2024年7月上旬", D(2024, 7, 1), D(2024, 7, 10), Relation.AT, Granularity.DEKAD),
        ),
        (
            "2024年2月下旬",
            ("2024年2月下旬", D(2024, 2, 21), D(2024, 2, 29), Relation.AT, Granularity.DEKAD),
        ),
        ("2030年代", ("2030年代", D(2030, 1, 1), D(2039, 12, 31), Relation.AT, Granularity.DECADE)),
        (
            "2030年代前半",
            ("2030年代前半", D(2030, 1, 1), D(2034, 12, 31), Relation.AT, Granularity.HALF),
        ),
        (
            "R3年7月18日",
            ("R3年7月18日", D(2021, 7, 18), D(2021, 7, 18), Relation.AT, Granularity.DAY),
        ),
    ],
)
def test_forms(text: str, expected: tuple[str, D, D, Relation, Granularity]) -> None:
    assert one(text) == expected


def test_mid_year_target_reads_ahead_to_the_noun_it_qualifies() -> None:
    text, start, end, relation, _ = one("「常陽」の 2026 年度半ばの運転再開に向け、")
    assert text == "2026 年度半ば"
    assert relation is Relation.TARGET
    assert Period.fiscal_year(2026).start <= start <= end <= Period.fiscal_year(2026).end
    assert find_dates("2026 年度半ば")[0].period.approximate


@pytest.mark.parametrize(
    ("text", "start", "end", "years"),
    [
        ("2025～2027年度", D(2025, 4, 1), D(2028, 3, 31), (2025, 2027)),
        ("2025〜2027年", D(2025, 1, 1), D(2027, 12, 31), (2025, 2027)),
        ("2017年度から2040年度まで", D(2017, 4, 1), D(2041, 3, 31), (2017, 2040)),
        ("2023年5月から6月に実施", D(2023, 5, 1), D(2023, 6, 30), (2023, 2023)),
        ("2019～2021（3年平均）", D(2019, 1, 1), D(2021, 12, 31), (2019, 2021)),
    ],
)
def test_ranges_are_one_mention(text: str, start: D, end: D, years: tuple[int, int]) -> None:
    (m,) = find_dates(text)
    assert (m.period.start, m.period.end) == (start, end)
    assert (m.period.year, m.period.last_year) == years
    assert m.relation is Relation.DURING
    assert m.period.granularity is Granularity.RANGE


def test_bare_months_inherit_the_last_year_mentioned() -> None:
    text = "2022年5月（米国）、11月（英国）、2023年3月（フランス）、10月（デンマーク・オランダ）"
    assert [m.period.label for m in find_dates(text)] == [
        "2022-05",
        "2022-11",
        "2023-03",
        "2023-10",
    ]
    assert find_dates("11月（英国）") == []


def test_spans_point_into_the_text() -> None:
    text = "方針を2021 年度の統合戦略で定め、2023年度以降モニタリング"
    for m in find_dates(text):
        assert text[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    "text",
    [
        "1,000人",
        "3,901億円",
        "2/3",
        "83.7%",
        "Top 1 %",
        "目標8:1件",
        "第5回",
        "14課題",
        "2,678人",
        "5年目評価",
        "3年平均",
        "半年に1回",
        "132年度",
        "32年度",
        "IMD World Competitiveness Ranking 2022",
        "統合イノベーション戦略2024",
        "令和0年",
        "令和-3年",
        "1000人",
    ],
)
def test_numbers_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_impossible_dates_are_reported_not_returned() -> None:
    mentions, problems = scan("2023年2月30日と令和0年")
    assert mentions == []
    assert [p.text for p in problems] == ["2023年2月30日", "令和0年"]


def test_fiscal_context_for_bare_months_after_a_fiscal_year() -> None:
    (fy, june, january) = find_dates("2024年度の6月、1月")
    assert [june.period.label, january.period.label] == ["2024-06", "2025-01"]
    assert fy.period.calendar is Calendar.FISCAL


def _time(text: str) -> float:
    """The CPU time of one scan of `text` (the process's own: other processes on a busy
    machine do not inflate it), with the cyclic collector paused (its passes over a
    growing heap would make a linear scan look superlinear)."""
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        find_dates(text)
        return time.process_time() - started
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "chunk",
    [
        "2025～2026年度1234567890年度～～年年度度2025年12345～～",
        "1",
        "一二〇千年",
        "令和平成R3/2021/7/",
        "2021年1月1日(月)12:00から22日",
        # letter-spaced runs, one long run each
        "令 和 4 年 度 ",
        "2\u30000\u30001\u30009\u3000年\u3000４\u3000月\u3000１\u3000日\u3000",
        "1 2 3 4 5 ",
        "令  和 4 年度末 ",
        "令 和 12 年 10 月 ",
        "12 34 56 78 ",
        # the joining rules of real pages
        "令和6年度、7年度及び8年度",
        "2024年12月から翌1月から同月15日",
        "2021/12/30-2022/1/4-",
        "2021/7/5~9~",
        "令和8年3月末(予定)(予定)まで",
        "9月1日(木)~4月1〜15日～",
        "令和(Reiwa, R)三年r3.4.1.",
        "2025年度公募採択公募以降",
    ],
)
def test_adversarial_input_is_linear(chunk: str) -> None:
    """Ten times the input takes about ten times as long: the median of three ratios
    time(10n) / time(n) of CPU time, each pair timed back to back; the bound is generous.
    No test compares a duration with a constant."""
    small = (chunk * (20_000 // len(chunk) + 1))[:20_000]
    large = (chunk * (200_000 // len(chunk) + 1))[:200_000]
    _time(small)  # warm the caches
    ratios = sorted(_time(large) / max(_time(small), 1e-6) for _ in range(3))
    assert ratios[1] < 20, ratios


@pytest.mark.parametrize(
    ("head", "link"), [("令和6年度", "、7年度及び8年度"), ("令和6年", "・7年"), ("令和6", "、7")]
)
def test_a_long_era_list_is_linear(head: str, link: str) -> None:
    """One era year followed by a long chain of bare years continuing it."""
    small = head + link * (20_000 // len(link))
    large = head + link * (200_000 // len(link))
    _time(small)
    ratios = sorted(_time(large) / max(_time(small), 1e-6) for _ in range(3))
    assert ratios[1] < 20, ratios


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("令和6～8年度", D(2024, 4, 1), D(2027, 3, 31), Granularity.RANGE),
        ("R6～8年度", D(2024, 4, 1), D(2027, 3, 31), Granularity.RANGE),
        ("2026年1～3月", D(2026, 1, 1), D(2026, 3, 31), Granularity.RANGE),
        ("FY2025", D(2025, 4, 1), D(2026, 3, 31), Granularity.FISCAL_YEAR),
        ("2025年春", D(2025, 3, 1), D(2025, 5, 31), Granularity.QUARTER),
        ("2025年冬", D(2025, 12, 1), D(2026, 2, 28), Granularity.QUARTER),
        ("平成30年度～令和2年度", D(2018, 4, 1), D(2021, 3, 31), Granularity.RANGE),
        ("2023年4月～2024年3月", D(2023, 4, 1), D(2024, 3, 31), Granularity.RANGE),
        # the first end's unit left to the second: 平成30 is a year only because 年度 follows
        ("平成30～令和2年度", D(2018, 4, 1), D(2021, 3, 31), Granularity.RANGE),
        ("H30～R2年度", D(2018, 4, 1), D(2021, 3, 31), Granularity.RANGE),
        ("平成31～令和3年", D(2019, 1, 1), D(2021, 12, 31), Granularity.RANGE),
        # the second year abbreviated to two digits
        ("2024～26年度", D(2024, 4, 1), D(2027, 3, 31), Granularity.RANGE),
        ("２０２４～２６年度", D(2024, 4, 1), D(2027, 3, 31), Granularity.RANGE),
        ("2024 ～ 26 年", D(2024, 1, 1), D(2026, 12, 31), Granularity.RANGE),
    ],
)
def test_more_forms_of_government_text(
    text: str, start: D, end: D, granularity: Granularity
) -> None:
    (m,) = find_dates(text)
    assert (m.text, m.period.start, m.period.end, m.period.granularity) == (
        text,
        start,
        end,
        granularity,
    )
    if granularity is Granularity.RANGE:
        assert m.relation is Relation.DURING


def test_backwards_month_range_is_reported() -> None:
    mentions, problems = scan("2026年3～1月")
    assert mentions == []
    assert [p.reason for p in problems] == ["month range runs backwards"]


@pytest.mark.parametrize("text", ["2024～23年度", "2024～26年4月"])
def test_odd_abbreviated_year_ranges_are_reported(text: str) -> None:
    mentions, problems = scan(text)
    assert mentions == []
    assert [(p.text, p.reason) for p in problems] == [(text, "not a range of years")]


@pytest.mark.parametrize("text", ["R3", "H30", "平成30号", "平成30～R2", "2020～25年間", "令和5条"])
def test_years_without_a_unit_are_no_date(text: str) -> None:
    assert scan(text) == ([], [])


@pytest.mark.parametrize(
    ("text", "mention", "relation"),
    [
        ("（～2025年度）", "～2025年度", Relation.BY),
        ("2024年度～", "2024年度～", Relation.FROM),
        ("2026年度上期", "2026年度上期", Relation.AT),
        ("2023年度（令和5年度）", "2023年度（令和5年度）", Relation.AT),
        ("令和5年度（2023年度）", "令和5年度（2023年度）", Relation.AT),
        ("令和2年（2020年）1月", "令和2年（2020年）1月", Relation.AT),
    ],
)
def test_open_ranges_and_paired_years(text: str, mention: str, relation: Relation) -> None:
    (m,) = find_dates(text)
    assert (m.text, m.relation) == (mention, relation)
    assert text[m.span[0] : m.span[1]] == m.text


@pytest.mark.parametrize(
    ("text", "mention", "start", "end", "relation"),
    [
        ("今年度中に実施", "今年度中に", D(2024, 4, 1), D(2025, 3, 31), Relation.DURING),
        ("本年度内に", "本年度内に", D(2024, 4, 1), D(2025, 3, 31), Relation.DURING),
        ("来年度末までに策定", "来年度末までに", D(2026, 3, 1), D(2026, 3, 31), Relation.BY),
        ("昨年度に開始", "昨年度", D(2023, 4, 1), D(2024, 3, 31), Relation.AT),
        ("今年4月から", "今年4月から", D(2024, 4, 1), D(2024, 4, 30), Relation.FROM),
        ("来年 夏", "来年 夏", D(2025, 6, 1), D(2025, 8, 31), Relation.AT),
        ("今年度～2027年度", "今年度～2027年度", D(2024, 4, 1), D(2028, 3, 31), Relation.DURING),
    ],
)
def test_years_counted_from_the_documents_year(
    text: str, mention: str, start: D, end: D, relation: Relation
) -> None:
    (m,) = find_dates(text, year=2024)
    assert (m.text, m.period.start, m.period.end, m.relation) == (mention, start, end, relation)
    # without the document's year they are not read, and scan says why
    assert find_dates(text) == [] or find_dates(text)[0].text != mention
    _, problems = scan(text)
    assert problems[0].reason == "a year counted from the document's own year, which is not known"


@pytest.mark.parametrize(
    "text", ["将来年度の計画", "一昨年の調査", "日本年金機構", "基本年次", "従来年1回"]
)
def test_relative_words_inside_other_words_are_no_dates(text: str) -> None:
    assert scan(text, year=2024) == ([], [])


def test_relative_years_are_not_confused_between_documents() -> None:
    """The scanner memoises what it reads; a relative year depends on the year given."""
    assert [m.period.label for m in find_dates("来年度", year=2024)] == ["FY2025"]
    assert [m.period.label for m in find_dates("来年度", year=2030)] == ["FY2031"]
    assert find_dates("来年度") == []
    assert [m.period.label for m in find_dates("来年度", year=2024)] == ["FY2025"]


# -- issue 11: every way Japanese writes an absolute date, one table per family ---------
# Each positive row: the text, the mention expected in it (the whole text when empty), and
# the period's first and last day. Each family has its negatives in NOT_DATES below.


def _only(text: str) -> tuple[str, D, D]:
    mentions, problems = scan(text)
    assert len(mentions) == 1, mentions
    assert problems == [], problems
    m = mentions[0]
    assert text[m.span[0] : m.span[1]] == m.text
    return m.text, m.period.start, m.period.end


def _check(text: str, mention: str, start: D, end: D) -> None:
    assert _only(text) == (mention or text, start, end)


NUMERIC = [
    ("2012/3/31", "", D(2012, 3, 31), D(2012, 3, 31)),
    ("2009/12/01に公開", "2009/12/01", D(2009, 12, 1), D(2009, 12, 1)),
    ("2016/11", "", D(2016, 11, 1), D(2016, 11, 30)),
    ("2024/02", "", D(2024, 2, 1), D(2024, 2, 29)),
    ("2015-02-01", "", D(2015, 2, 1), D(2015, 2, 1)),
    ("2019-7", "", D(2019, 7, 1), D(2019, 7, 31)),
    ("2016-12-16T12:23:59", "", D(2016, 12, 16), D(2016, 12, 16)),
    ("2020-03-01T09:00:00+09:00", "", D(2020, 3, 1), D(2020, 3, 1)),
    ("2020-03-01T00:00:00Z", "", D(2020, 3, 1), D(2020, 3, 1)),
    ("2022.4.1", "", D(2022, 4, 1), D(2022, 4, 1)),
    ("2022・4・1", "", D(2022, 4, 1), D(2022, 4, 1)),
    ("2022,4,1", "", D(2022, 4, 1), D(2022, 4, 1)),
    ("２０２２／１２／２５", "", D(2022, 12, 25), D(2022, 12, 25)),
    ("2012/8/28（火）", "", D(2012, 8, 28), D(2012, 8, 28)),
    ("2018/1/2 (火曜日)", "", D(2018, 1, 2), D(2018, 1, 2)),
    ("2019/5/6（月・休）", "", D(2019, 5, 6), D(2019, 5, 6)),
    ("2020/2/29", "", D(2020, 2, 29), D(2020, 2, 29)),
    ("2022年/4月/1日", "", D(2022, 4, 1), D(2022, 4, 1)),
    ("2022/4月", "", D(2022, 4, 1), D(2022, 4, 30)),
    ("西暦2022/4/1", "", D(2022, 4, 1), D(2022, 4, 1)),
    ("H30/04/01", "", D(2018, 4, 1), D(2018, 4, 1)),
    ("R05/10/30", "", D(2023, 10, 30), D(2023, 10, 30)),
    ("R1.5.1", "", D(2019, 5, 1), D(2019, 5, 1)),
    ("S1/12/25", "", D(1926, 12, 25), D(1926, 12, 25)),
    ("T15/12/24", "", D(1926, 12, 24), D(1926, 12, 24)),
    ("M01/09/08", "", D(1868, 9, 8), D(1868, 9, 8)),
    ("Ｒ０５／１０／３０", "", D(2023, 10, 30), D(2023, 10, 30)),
    ("H31.04.30まで", "H31.04.30まで", D(2019, 4, 30), D(2019, 4, 30)),
    # JIS X 0301: an era's first character and two-digit numerals with periods
    ("平16.04.01", "", D(2004, 4, 1), D(2004, 4, 1)),
    ("令02.06.23", "", D(2020, 6, 23), D(2020, 6, 23)),
    ("R02.06.23T15:48:10", "", D(2020, 6, 23), D(2020, 6, 23)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), NUMERIC)
def test_numeric_notations(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


TIME_OF_DAY = [
    ("2010/01/29の正午12時", "", D(2010, 1, 29), D(2010, 1, 29)),
    ("2016年2月21日午後2時", "", D(2016, 2, 21), D(2016, 2, 21)),
    (
        "2016年2月21日 午前9時30分に開始",
        "2016年2月21日 午前9時30分",
        D(2016, 2, 21),
        D(2016, 2, 21),
    ),
    ("2016年2月21日3時32分", "", D(2016, 2, 21), D(2016, 2, 21)),
    ("2016年2月21日 19:00", "", D(2016, 2, 21), D(2016, 2, 21)),
    ("2016年2月21日 19:00 UTC+0930", "", D(2016, 2, 21), D(2016, 2, 21)),
    ("2016年3月24日 木曜日 10時05分", "", D(2016, 3, 24), D(2016, 3, 24)),
    ("2016年3月21日(月) 14時48分", "", D(2016, 3, 21), D(2016, 3, 21)),
    ("2016年3月21日 23時05分11秒", "", D(2016, 3, 21), D(2016, 3, 21)),
    ("令和6年4月1日（月）正午", "", D(2024, 4, 1), D(2024, 4, 1)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), TIME_OF_DAY)
def test_a_time_or_weekday_after_a_day_keeps_the_day(
    text: str, mention: str, start: D, end: D
) -> None:
    _check(text, mention, start, end)
    assert find_dates(text)[0].period.granularity is Granularity.DAY


def test_a_weekday_that_contradicts_the_date_is_reported_and_the_date_kept() -> None:
    mentions, problems = scan("2012/8/27（水）に開催")
    assert [(m.text, m.period.start) for m in mentions] == [("2012/8/27（水）", D(2012, 8, 27))]
    assert [(p.text, p.reason) for p in problems] == [
        ("2012/8/27（水）", "2012-08-27 is a 月曜日, not a 水曜日")
    ]


ERA_FORMS = [
    ("令5年", "", D(2023, 1, 1), D(2023, 12, 31)),
    ("令05年", "", D(2023, 1, 1), D(2023, 12, 31)),
    ("平1年", "", D(1989, 1, 1), D(1989, 12, 31)),
    ("昭1年", "", D(1926, 1, 1), D(1926, 12, 31)),
    ("明01年", "", D(1868, 1, 1), D(1868, 12, 31)),
    ("大3年", "", D(1914, 1, 1), D(1914, 12, 31)),
    ("令6年度", "", D(2024, 4, 1), D(2025, 3, 31)),
    ("㍻30年", "", D(2018, 1, 1), D(2018, 12, 31)),
    ("㍼64年1月7日", "", D(1989, 1, 7), D(1989, 1, 7)),
    ("㍽15年", "", D(1926, 1, 1), D(1926, 12, 31)),
    ("㍾45年", "", D(1912, 1, 1), D(1912, 12, 31)),
    ("㋿元年5月1日", "", D(2019, 5, 1), D(2019, 5, 1)),
    # what some PDF fonts produce: Kangxi radicals (⽉ ⽇) and compatibility ideographs (年 令 度)
    ("令和3年7\u2f497\u2f47", "", D(2021, 7, 7), D(2021, 7, 7)),
    ("2021\uf98e度", "", D(2021, 4, 1), D(2022, 3, 31)),
    ("\uf9a8和3年", "", D(2021, 1, 1), D(2021, 12, 31)),
    ("2021年\ufa01", "", D(2021, 4, 1), D(2022, 3, 31)),
    ("西暦2010年", "", D(2010, 1, 1), D(2010, 12, 31)),
    ("皇紀2670年", "", D(2010, 1, 1), D(2010, 12, 31)),
    ("皇紀二千六百年", "", D(1940, 1, 1), D(1940, 12, 31)),
    ("昭和52", "", D(1977, 1, 1), D(1977, 12, 31)),
    ("平成30。", "平成30", D(2018, 1, 1), D(2018, 12, 31)),
    ("令和元年", "", D(2019, 1, 1), D(2019, 12, 31)),
    ("令和１年", "", D(2019, 1, 1), D(2019, 12, 31)),
    ("令和０１年", "", D(2019, 1, 1), D(2019, 12, 31)),
    ("令和99年", "", D(2117, 1, 1), D(2117, 12, 31)),
    ("明治5年12月2日", "", D(1872, 12, 2), D(1872, 12, 2)),
    ("昭和40年代", "", D(1965, 1, 1), D(1974, 12, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), ERA_FORMS)
def test_era_abbreviations_signs_and_prefixes(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


KANJI_NUMERALS = [
    ("2016年十二月二十四日", "", D(2016, 12, 24), D(2016, 12, 24)),
    ("2016年一二月", "", D(2016, 12, 1), D(2016, 12, 31)),
    ("2016年十月", "", D(2016, 10, 1), D(2016, 10, 31)),
    ("2020年二月二十九日", "", D(2020, 2, 29), D(2020, 2, 29)),
    ("2021年三十一日", "2021年", D(2021, 1, 1), D(2021, 12, 31)),  # a day needs its month
    ("平成二十七年八月朔日", "", D(2015, 8, 1), D(2015, 8, 1)),
    ("平成 二十七年 八月 朔日", "", D(2015, 8, 1), D(2015, 8, 1)),
    ("令和三年七月十八日", "", D(2021, 7, 18), D(2021, 7, 18)),
    ("昭和六十四年一月七日", "", D(1989, 1, 7), D(1989, 1, 7)),
    ("明治二十六年", "", D(1893, 1, 1), D(1893, 12, 31)),
    ("二千年", "", D(2000, 1, 1), D(2000, 12, 31)),
    ("二千二十五年度", "", D(2025, 4, 1), D(2026, 3, 31)),
    ("二〇十九年", "", D(2019, 1, 1), D(2019, 12, 31)),
    ("二〇二四年三月", "", D(2024, 3, 1), D(2024, 3, 31)),
    ("千九百八十九年", "", D(1989, 1, 1), D(1989, 12, 31)),
    ("一九四五年八月十五日", "", D(1945, 8, 15), D(1945, 8, 15)),
    ("2016年肆月", "", D(2016, 4, 1), D(2016, 4, 30)),
    ("令和弐年拾弐月参日", "", D(2020, 12, 3), D(2020, 12, 3)),
    ("2020年五月廿日", "", D(2020, 5, 20), D(2020, 5, 20)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), KANJI_NUMERALS)
def test_kanji_numerals_everywhere(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


NAMED_DAYS_AND_MONTHS = [
    ("2024年元日", "", D(2024, 1, 1), D(2024, 1, 1)),
    ("令和7年元旦", "", D(2025, 1, 1), D(2025, 1, 1)),
    ("2023年大晦日", "", D(2023, 12, 31), D(2023, 12, 31)),
    ("2024年2月晦日", "", D(2024, 2, 29), D(2024, 2, 29)),
    ("2023年2月末日", "", D(2023, 2, 28), D(2023, 2, 28)),
    ("2024年4月朔日", "", D(2024, 4, 1), D(2024, 4, 1)),
    ("2024年睦月", "", D(2024, 1, 1), D(2024, 1, 31)),
    ("2024年如月", "", D(2024, 2, 1), D(2024, 2, 29)),
    ("2024年弥生", "", D(2024, 3, 1), D(2024, 3, 31)),
    ("2024年卯月", "", D(2024, 4, 1), D(2024, 4, 30)),
    ("2024年皐月", "", D(2024, 5, 1), D(2024, 5, 31)),
    ("2024年水無月", "", D(2024, 6, 1), D(2024, 6, 30)),
    ("2024年文月", "", D(2024, 7, 1), D(2024, 7, 31)),
    ("2024年葉月", "", D(2024, 8, 1), D(2024, 8, 31)),
    ("2024年長月", "", D(2024, 9, 1), D(2024, 9, 30)),
    ("2024年神無月", "", D(2024, 10, 1), D(2024, 10, 31)),
    ("2024年霜月", "", D(2024, 11, 1), D(2024, 11, 30)),
    ("平成30年師走", "", D(2018, 12, 1), D(2018, 12, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), NAMED_DAYS_AND_MONTHS)
def test_named_days_and_months(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


PART_AFTER_NO = [
    ("2016年の第3四半期", "", D(2016, 7, 1), D(2016, 9, 30)),
    ("２０１７年の前半", "", D(2017, 1, 1), D(2017, 6, 30)),
    ("2016年度の上半期", "", D(2016, 4, 1), D(2016, 9, 30)),
    ("2016年度の第4四半期", "", D(2017, 1, 1), D(2017, 3, 31)),
    ("令和6年の大晦日", "", D(2024, 12, 31), D(2024, 12, 31)),
    ("令和6年の元日", "", D(2024, 1, 1), D(2024, 1, 1)),
    ("2025年の夏", "", D(2025, 6, 1), D(2025, 8, 31)),
    ("2024年7月の下旬", "", D(2024, 7, 21), D(2024, 7, 31)),
    ("2030年代の前半", "", D(2030, 1, 1), D(2034, 12, 31)),
    ("2021年の7月18日", "", D(2021, 7, 18), D(2021, 7, 18)),
    ("２０２１年の７月", "", D(2021, 7, 1), D(2021, 7, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), PART_AFTER_NO)
def test_a_part_of_a_year_after_no_is_the_same_period(
    text: str, mention: str, start: D, end: D
) -> None:
    _check(text, mention, start, end)
    without = text.replace("の", "", 1)
    assert _only(without)[1:] == (start, end)


YEAR_PARTS_IN_OTHER_WORDS = [
    ("2021年始め", "", D(2021, 1, 1), D(2021, 3, 31)),
    ("2021年7月頭", "", D(2021, 7, 1), D(2021, 7, 10)),
    ("2021年なかば", "", D(2021, 4, 1), D(2021, 9, 30)),
    ("令和2年おわり", "", D(2020, 12, 1), D(2020, 12, 31)),
    ("2021年7月終わり", "", D(2021, 7, 21), D(2021, 7, 31)),
    ("2021年7月前後", "", D(2021, 7, 1), D(2021, 7, 31)),
    ("2021春", "", D(2021, 3, 1), D(2021, 5, 31)),
    ("2021/秋", "", D(2021, 9, 1), D(2021, 11, 30)),
    ("2021年Q3", "", D(2021, 7, 1), D(2021, 9, 30)),
    ("2021年末頃", "", D(2021, 12, 1), D(2021, 12, 31)),
    ("2021年夏ごろ", "", D(2021, 6, 1), D(2021, 8, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), YEAR_PARTS_IN_OTHER_WORDS)
def test_parts_of_years_in_other_words(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


OLD_ERAS = [
    ("大化元年", "", D(645, 1, 1), D(645, 12, 31)),
    ("大化２年", "", D(646, 1, 1), D(646, 12, 31)),
    ("大化06年", "", D(650, 1, 1), D(650, 12, 31)),
    ("天平勝宝5年", "", D(753, 1, 1), D(753, 12, 31)),
    ("元禄十五年十二月十四日", "", D(1702, 12, 14), D(1702, 12, 14)),
    ("慶応3年10月14日", "", D(1867, 10, 14), D(1867, 10, 14)),
    ("寛政の改革は寛政元年に", "寛政元年", D(1789, 1, 1), D(1789, 12, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), OLD_ERAS)
def test_eras_before_meiji(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


CENTURIES = [
    ("21世紀", "", D(2001, 1, 1), D(2100, 12, 31)),
    ("二十一世紀", "", D(2001, 1, 1), D(2100, 12, 31)),
    ("11世紀", "", D(1001, 1, 1), D(1100, 12, 31)),
    ("9世紀", "", D(801, 1, 1), D(900, 12, 31)),
    ("19世紀以前", "", D(1801, 1, 1), D(1900, 12, 31)),
    ("16世紀頃", "", D(1501, 1, 1), D(1600, 12, 31)),
    ("21世紀前半", "", D(2001, 1, 1), D(2050, 12, 31)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), CENTURIES)
def test_centuries(text: str, mention: str, start: D, end: D) -> None:
    _check(text, mention, start, end)


SHORT_RANGES = [
    ("1995年1月4日から22日まで", "", D(1995, 1, 4), D(1995, 1, 22)),
    ("2016年一月十日から十二日", "", D(2016, 1, 10), D(2016, 1, 12)),
    ("２０１８年十月一日から１９年二月三日まで", "", D(2018, 10, 1), D(2019, 2, 3)),
    ("2018年10月から19年3月", "", D(2018, 10, 1), D(2019, 3, 31)),
    ("2016/11から2017/12まで", "", D(2016, 11, 1), D(2017, 12, 31)),
    ("2016/11/1～2016/11/5", "", D(2016, 11, 1), D(2016, 11, 5)),
    ("2016年1月1日ー2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日 — 2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日‐2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日−2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日－2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日 ～ 2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日〜2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年1月1日~2016年2月1日", "", D(2016, 1, 1), D(2016, 2, 1)),
    ("2016年2月21日午後2時から午後5時まで", "", D(2016, 2, 21), D(2016, 2, 21)),
    ("2016年2月21日午後1時半から同3時半", "", D(2016, 2, 21), D(2016, 2, 21)),
    ("2016/2/21 19:00～2016/2/22 10:00", "", D(2016, 2, 21), D(2016, 2, 22)),
    ("2016年2月21日から2月22日 10:00まで", "", D(2016, 2, 21), D(2016, 2, 22)),
    ("2005年11月から翌2006年7月", "", D(2005, 11, 1), D(2006, 7, 31)),
    ("2021年7月から同年9月", "", D(2021, 7, 1), D(2021, 9, 30)),
    ("2023年11月から翌年2月末日まで", "", D(2023, 11, 1), D(2024, 2, 29)),
    ("令和5年4月1日～31日", "令和5年4月1日", D(2023, 4, 1), D(2023, 4, 1)),  # no 4/31
    # a length of time after から is no second end
    ("2021年7月1日から20日以内", "2021年7月1日から", D(2021, 7, 1), D(2021, 7, 1)),
    ("2021年7月1日から3日間", "2021年7月1日から", D(2021, 7, 1), D(2021, 7, 1)),
    ("2021年7月1日から10日ほど", "2021年7月1日から", D(2021, 7, 1), D(2021, 7, 1)),
    ("2019/5/1～5/6", "", D(2019, 5, 1), D(2019, 5, 6)),
    ("2019年5月1日(水)～6日(月)", "", D(2019, 5, 1), D(2019, 5, 6)),
    ("2019年5月1日(水)～5月6日(月)", "", D(2019, 5, 1), D(2019, 5, 6)),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), SHORT_RANGES)
def test_ranges_whose_end_leaves_out_what_the_start_gave(
    text: str, mention: str, start: D, end: D
) -> None:
    _check(text, mention, start, end)


@pytest.mark.parametrize(
    ("text", "mention", "start", "end", "relation"),
    [
        # an era year in brackets before a 年度 cut by a PDF space
        (
            "2023(平成35)年 度までに",
            "2023(平成35)年 度までに",
            D(2023, 4, 1),
            D(2024, 3, 31),
            Relation.BY,
        ),
        ("2019（令和元）年度", "2019（令和元）年度", D(2019, 4, 1), D(2020, 3, 31), Relation.AT),
        # a から that closes a noun phrase after the date
        ("2025 年度新規公募分から適用", "2025 年度", D(2025, 4, 1), D(2026, 3, 31), Relation.FROM),
        ("2024年度採択分より", "2024年度", D(2024, 4, 1), D(2025, 3, 31), Relation.FROM),
    ],
)
def test_real_roadmap_fragments(
    text: str, mention: str, start: D, end: D, relation: Relation
) -> None:
    (m,) = find_dates(text)
    assert (m.text, m.period.start, m.period.end, m.relation) == (mention, start, end, relation)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2023/2/30", "2023/2/30"),
        ("2023-02-29", "2023-02-29"),
        ("2023.4.31", "2023.4.31"),
        ("R00/01/01", "R00/01/01"),
        ("H30/02/30", "H30/02/30"),
        ("令和0年", "令和0年"),
        ("令和00年度", "令和00年度"),
        ("令0年", "令0年"),
        ("2023年2月30日", "2023年2月30日"),
        ("2023年13月", "2023年13月"),
        ("平成二十七年二月三十日", "平成二十七年二月三十日"),
        ("大化7年", "大化7年"),  # 大化 had six years
        ("大化０年", "大化０年"),
        ("慶応5年", "慶応5年"),
    ],
)
def test_impossible_dates_are_problems(text: str, problem: str) -> None:
    mentions, problems = scan(text)
    assert mentions == []
    assert [p.text for p in problems] == [problem]


NOT_DATES = [
    # counts, amounts, ratios, ranks, ordinals: numbers near date-like signs
    "1,000人",
    "3,901億円",
    "1,956,830件",
    "2/3",
    "12/25",
    "7/18から",
    "1/50の縮小模型",
    "83.7%",
    "0.1〜0.2％",
    "Top 1 %",
    "目標8:1件",
    "第5回",
    "第一月曜日",
    "14課題",
    "モリブデン-99",
    "35位／64か国中",
    "0-3で敗れた",
    "高さは7.18メートル",
    "サイズ16.1mm",
    "興行収入2億7.765万円",
    # version numbers, phone numbers, codes
    "version 2.1.3",
    "Python 3.11.7",
    "v2021.7.18",
    "ver.2024.1.5",
    "03-1234-5678",
    "090-1234-5678",
    "0120-123-456",
    "ISBN978-4-1234-5678-9",
    "コード123",
    "#2021-07-18",
    "1234-56-78",
    "2021.7.18.3",
    "2021,7,18,4",
    # years that are not dates: durations, counts, a year too short, an era word
    "3年平均",
    "5年目評価",
    "三年間",
    "十年",
    "一年",
    "132年度",
    "32年度",
    "半年に1回",
    "最大1年間",
    "最大2.3.4",
    "大1年生",
    "R3",
    "H30",
    "R0値",
    "平成30号",
    "令和5条",
    "2020～25年間",
    "統合イノベーション戦略2024",
    "IMD World Competitiveness Ranking 2022",
    "2024.5",
    "2024/13",
    "2024/0",
    # months and days without a year
    "十二月二十四日",
    "十二月",
    "3月",
    "7月18日",
    "元日",
    "大晦日",
    "晦日",
    "朔日",
    "睦月",
    "師走の忙しさ",
    # words that hold a numeral or an era's character
    "一時的に",
    "不十分",
    "十分のインターバル",
    "週三回の運動",
    "五月雨式に",
    "一月後",
    "世紀の瞬間",
    "昭和レトロ",
    "平成生まれ",
    "令和の時代",
    "明治大学",
    "大正琴",
    "昭和的",
    "西暦",
    "皇紀",
    "年度末",
    "月末",
    # times of day without a date
    "午後3時",
    "11時42分",
    "19:00",
    "正午",
    "12:00〜17:30",
    "UTC+0930",
    "（月）",
    "月曜日",
    # before the common era (no date holds it), and 世紀 without a number
    "紀元前1世紀",
    "紀元前202年",
    "紀元前2000年",
    "半世紀にわたる",
    "世紀末",
    # era names of before 明治 without a year, or inside another word
    "寛永通宝",
    "元禄文化",
    "異文化2年目",
    "牌孫元年",
    "天平の甍",
    "2021Q3",
    "Q3",
    # amounts, counts, codes, durations, words: more numbers and kanji that are not dates
    "参加者は1,234名",
    "予算は2,025億円",
    "人口の1/3",
    "比率は3:2",
    "3対2で勝利",
    "2024人が参加",
    "2025件の申請",
    "2030本の論文",
    "得点2021点",
    "1990円（税込）",
    "2000m走",
    "2024km",
    "2024kg",
    "2023号",
    "第2024号",
    "No.2024",
    "ID:2024-0001",
    "郵便番号100-8914",
    "電話 03-5253-2111",
    "内線2024",
    "〒100-0013",
    "1-2-3",
    "12-34-56",
    "2024-99",
    "2024/99/99",
    "3.14159",
    "1.5倍",
    "0.5日間",
    "4.0%増",
    "20.5℃",
    "1,2日",
    "1〜2日間",
    "1、2日",
    "10日間",
    "30日以内",
    "3か月",
    "3ヶ月後",
    "6カ月",
    "15年ぶり",
    "30年もの間",
    "50年来",
    "100年",
    "500年",
    "一昨年",
    "一昨日",
    "一時間",
    "二十歳",
    "三十代",
    "四半世紀",
    "十二支",
    "千秋楽",
    "春日",
    "春闘",
    "夏休み",
    "秋葉原",
    "冬季",
    "今月",
    "毎年6月",
    "日曜日",
    "水曜日に",
    "曜日",
    "年月日",
    "何年何月何日",
    "令和",
    "平成",
    "元号",
    "元年",
    "年度",
    "第3四半期",
    "上半期",
    "下旬",
    "朔",
    "晦",
    "R&D",
    "H2O",
    "S1グランプリ",
    "T3細胞",
    "M2チップ",
    "R2-D2",
    "H-IIA",
    "B787",
    "COVID-19",
    "G7",
    "5G",
    "Web3",
    "A4用紙",
    "K2",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert scan(text) == ([], [])


def test_the_negative_table_is_as_large_as_the_positive_ones() -> None:
    positives = (
        NUMERIC
        + TIME_OF_DAY
        + ERA_FORMS
        + KANJI_NUMERALS
        + NAMED_DAYS_AND_MONTHS
        + PART_AFTER_NO
        + YEAR_PARTS_IN_OTHER_WORDS
        + OLD_ERAS
        + CENTURIES
        + SHORT_RANGES
    )
    assert len(NOT_DATES) >= len(positives)
    assert len(set(NOT_DATES)) == len(NOT_DATES)


@pytest.mark.parametrize(
    ("text", "mention", "relation"),
    [
        ("2021年7月18日付で施行", "2021年7月18日付で", Relation.AS_OF),
        ("令和6年4月1日付け", "令和6年4月1日付け", Relation.AS_OF),
        ("2021年以前", "2021年以前", Relation.BY),
        ("2021年7月18日付近", "2021年7月18日", Relation.AT),
    ],
)
def test_more_relation_words(text: str, mention: str, relation: Relation) -> None:
    (m,) = find_dates(text)
    assert (m.text, m.relation) == (mention, relation)


def test_a_kanji_month_without_a_day_is_a_date_only_in_a_range() -> None:
    """一月 and 三月 are also lengths of time (一月遅れ, 三月ほど)."""
    assert [m.text for m in find_dates("2020年に一月遅れで、三月ほどかかる")] == ["2020年"]
    (m,) = find_dates("2016年一月から三月")
    assert (m.period.start, m.period.end) == (D(2016, 1, 1), D(2016, 3, 31))
    assert [m.period.start for m in find_dates("2016年、十二月二十四日")] == [
        D(2016, 1, 1),
        D(2016, 12, 24),
    ]


@pytest.mark.parametrize(
    ("text", "year", "mentions", "problems"),
    [
        # the calendar's last year: parts of it stay inside it, what runs past it is a problem
        ("9999年末", None, ["9999-12-01..9999-12-31"], 0),
        ("9999年後半", None, ["9999-07-01..9999-12-31"], 0),
        ("9999年度", None, [], 1),
        ("来年度", 9999, [], 1),
        ("2019年4月1日から翌年2月", 9999, ["2019-04-01..2020-02-29"], 0),
    ],
)
def test_years_at_the_calendars_edge_raise_nothing(
    text: str, year: int | None, mentions: list[str], problems: int
) -> None:
    found, reported = scan(text, year=year)
    assert [f"{m.period.start}..{m.period.end}" for m in found] == mentions
    assert len(reported) == problems


_FUZZ_ALPHABET = [
    *"0123456789０１２３４５６７８９年月日度〇一二三四五六七八九十百千元令和平成昭大正明治",
    *"RHSTM/-.・,～〜ー 第四半期末上旬中下前後春夏秋冬(（)）火水木金土曜時分秒:午T世紀皇西暦",
    *"㍻㋿大化慶応晦朔同翌Q",
    *["から", "まで", "9999年", "0000年", "令和0年", "皇紀660年", "99世紀", "UTC+09"],
]


@given(
    st.lists(st.sampled_from(_FUZZ_ALPHABET), max_size=30).map("".join),
    st.sampled_from([None, 1, 2024, 9999]),
)
@settings(max_examples=300, deadline=None)
def test_no_text_makes_the_scanner_raise(text: str, year: int | None) -> None:
    """Any mix of date characters gives mentions and problems, never an exception."""
    mentions, problems = scan(text, year=year)
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.period.start <= m.due <= m.period.end
    for p in problems:
        assert text[p.span[0] : p.span[1]] == p.text


WRONG_YEARS = ["2025", 2025.0, True, False, [2025], b"2025", 2025j, "令和7", (2025,), {2025}]


@pytest.mark.parametrize("year", WRONG_YEARS)
def test_a_year_of_the_wrong_type_is_refused_by_name(year: object) -> None:
    from stpmodel.errors import ArgumentTypeError, StpError

    with pytest.raises(ArgumentTypeError, match=r"^year must be an int") as caught:
        find_dates("来年度末までに", year=year)  # type: ignore[arg-type]
    assert isinstance(caught.value, StpError)
    assert isinstance(caught.value, TypeError)
    assert caught.value.argument == "year"


def test_a_bool_year_does_not_count_from_year_one() -> None:
    from stpmodel.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match=r"not bool True"):
        scan("来年度", year=True)


@pytest.mark.parametrize("text", [None, b"2025\xe5\xb9\xb4", 2025, 2025.0, ["2025年"]])
def test_a_text_that_is_not_a_str_is_refused_by_name(text: object) -> None:
    from stpmodel.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError, match=r"^text must be a str"):
        scan(text)  # type: ignore[arg-type]


RIGHT_YEARS = [
    (2024, "FY2025"),
    (2025, "FY2026"),
    (1990, "FY1991"),
    (2000, "FY2001"),
    (2100, "FY2101"),
    (1, "FY2"),
    (9000, "FY9001"),
    (2019, "FY2020"),
    (1868, "FY1869"),
    (3000, "FY3001"),
]


@pytest.mark.parametrize(("year", "label"), RIGHT_YEARS)
def test_a_year_given_as_an_int_is_counted_from(year: int, label: str) -> None:
    assert [m.period.label for m in find_dates("来年度", year=year)] == [label]


def test_no_year_leaves_relative_years_unread() -> None:
    assert find_dates("来年度", year=None) == []


@pytest.mark.parametrize("table", [WRONG_YEARS, RIGHT_YEARS])
def test_each_way_of_giving_a_year_has_ten_cases(table: list[object]) -> None:
    assert len(table) >= 10
