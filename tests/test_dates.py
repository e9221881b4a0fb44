"""The date engine: forms, relations, ranges, and what must not match."""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest

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


def _median_time(text: str, runs: int = 3) -> float:
    """The median time of ``runs`` scans of ``text``, each with the cyclic collector
    paused (its passes over a growing heap would make a linear scan look superlinear)."""
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            find_dates(text)
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return sorted(times)[len(times) // 2]


@pytest.mark.parametrize(
    "chunk",
    [
        "2025～2026年度1234567890年度～～年年度度2025年12345～～",
        "1",
        "一二〇千年",
        "令和平成R3/2021/7/",
        "2021年1月1日(月)12:00から22日",
    ],
)
def test_adversarial_input_is_linear(chunk: str) -> None:
    """Ten times the input takes about ten times as long (median of 3, a generous bound):
    no test compares a duration with a constant, the machine may be busy."""
    small = (chunk * (30_000 // len(chunk) + 1))[:30_000]
    large = (chunk * (300_000 // len(chunk) + 1))[:300_000]
    _median_time(small)  # warm the caches
    ratio = _median_time(large) / max(_median_time(small), 1e-6)
    assert ratio < 20, ratio


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
