"""Joining rules: ranges whose ends borrow from each other, years that continue an era,
翌 and 同 against the date before, and relations read across a noun or a note."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import Relation, find_dates

D = dt.date


def _only(text: str) -> tuple[str, D, D, Relation]:
    found = find_dates(text)
    assert len(found) == 1, [str(m) for m in found]
    m = found[0]
    return m.text, m.period.start, m.period.end, m.relation


def _labels(text: str) -> list[str]:
    return [m.period.label for m in find_dates(text)]


def _read(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.period.label, m.relation.value) for m in find_dates(text)]


# the second end leaves out the year, month or unit the first end gives
END_BORROWS = [
    ("令和2年4月1〜15日", D(2020, 4, 1), D(2020, 4, 15)),
    ("2021/7/5~9", D(2021, 7, 5), D(2021, 7, 9)),
    ("令和3年度から5年度まで", D(2021, 4, 1), D(2024, 3, 31)),
    ("2024年7月1～5日", D(2024, 7, 1), D(2024, 7, 5)),
    ("2023年4月10-14日", D(2023, 4, 10), D(2023, 4, 14)),
    ("2021/7/5~9まで", D(2021, 7, 5), D(2021, 7, 9)),
    ("2022/12/1～20(火)", D(2022, 12, 1), D(2022, 12, 20)),
    ("令和3年4月から5年3月まで", D(2021, 4, 1), D(2023, 3, 31)),
    ("令和2年～4年", D(2020, 1, 1), D(2022, 12, 31)),
    ("平成29年度から31年度まで", D(2017, 4, 1), D(2020, 3, 31)),
    ("令和元年度から3年度", D(2019, 4, 1), D(2022, 3, 31)),
    ("令和四年四月一〜十日", D(2022, 4, 1), D(2022, 4, 10)),
    # a month before the start's, in the next year
    ("令和6年12月28日(土)～1月5日(日)", D(2024, 12, 28), D(2025, 1, 5)),
    ("2024年12月28日～1月5日", D(2024, 12, 28), D(2025, 1, 5)),
    ("2024年10月～3月", D(2024, 10, 1), D(2025, 3, 31)),
    # a Western year's century
    ("2023年度～25年度", D(2023, 4, 1), D(2026, 3, 31)),
    ("2023年度から25年度まで", D(2023, 4, 1), D(2026, 3, 31)),
]

END_BORROW_NEAR_MISSES = [
    ("2021/7/5~9件", ["2021-07-05"]),
    ("2021/7/5~9人", ["2021-07-05"]),
    ("2021/7/5~3", ["2021-07-05"]),
    ("2021/7/5~9.5", ["2021-07-05"]),
    ("2021/7/5~40", ["2021-07-05"]),
    ("2021年7月5日~9", ["2021-07-05"]),
    ("令和3年度から5年間", ["FY2021"]),
    ("令和3年4月から5年で", ["2021-04"]),
    ("令和3年度から5年後", ["FY2021"]),
    ("令和5年度から3年度まで", ["FY2023"]),
    ("2024年度から5年度", ["FY2024"]),
    ("2024年4月15〜1日", []),
    ("2023年度～22年度", ["FY2023"]),
    ("2098年度～03年度", ["FY2098"]),
    ("2023/4/1から25年度", ["2023-04-01"]),
]


@pytest.mark.parametrize(("text", "start", "end"), END_BORROWS)
def test_a_range_end_borrows_from_its_start(text: str, start: D, end: D) -> None:
    assert _only(text) == (text, start, end, Relation.DURING)


@pytest.mark.parametrize(("text", "labels"), END_BORROW_NEAR_MISSES)
def test_a_number_after_a_range_sign_that_is_no_end(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_an_era_range_end_reads_as_the_range_written_out() -> None:
    short, full = find_dates("令和3年度から5年度まで"), find_dates("令和3年度から令和5年度まで")
    assert [(m.period, m.relation) for m in short] == [(m.period, m.relation) for m in full]


# the first end leaves out the year the second end gives
START_BORROWS = [
    ("9月1日(木)~令和5年1月31日(火)", D(2022, 9, 1), D(2023, 1, 31)),
    ("4月1日～2025年3月31日", D(2024, 4, 1), D(2025, 3, 31)),
    ("10月～2024年3月", D(2023, 10, 1), D(2024, 3, 31)),
    ("1月10日から2024年2月9日", D(2024, 1, 10), D(2024, 2, 9)),
    ("12月1日～令和6年1月15日", D(2023, 12, 1), D(2024, 1, 15)),
    ("6月～2023年8月", D(2023, 6, 1), D(2023, 8, 31)),
    ("11月20日(月)～2023年12月1日(金)", D(2023, 11, 20), D(2023, 12, 1)),
    ("3月1日から2022年3月31日", D(2022, 3, 1), D(2022, 3, 31)),
    ("5月～令和4年7月", D(2022, 5, 1), D(2022, 7, 31)),
    ("9月30日～2020年10月2日", D(2020, 9, 30), D(2020, 10, 2)),
    ("八月一日から二〇二二年九月三十日", D(2022, 8, 1), D(2022, 9, 30)),
    ("9月1日～2023/1/31", D(2022, 9, 1), D(2023, 1, 31)),
    ("9/1(木)～2023/1/31(火)", D(2022, 9, 1), D(2023, 1, 31)),
    ("12/30-2022/1/4", D(2021, 12, 30), D(2022, 1, 4)),
    ("3/31～R5.4.1", D(2023, 3, 31), D(2023, 4, 1)),
]

START_BORROW_NEAR_MISSES = [
    ("9月1日～10月31日", []),
    ("9月1日から令和5年度まで", ["FY2023"]),
    ("9月から2023年", ["2023"]),
    ("9月1日～2020年代", ["2020s"]),
    ("9月1日。2023年1月31日", ["2023-01-31"]),
    ("9月1日、2023年1月31日", ["2023-01-31"]),
    ("13月1日～2023年1月31日", ["2023-01-31"]),
    ("9月31日～2023年1月31日", ["2023-01-31"]),
    ("9ヶ月～2023年1月31日", ["2023-01-31"]),
    ("9月間～2023年1月31日", ["2023-01-31"]),
    ("9月1日に開始、2023年1月31日に終了", ["2023-01-31"]),
    ("9/1", []),
    ("9/1～10/31", []),
    ("2/3～2023年", ["2023"]),
    ("13/1～2023/1/31", ["2023-01-31"]),
    ("9/1、2023/1/31", ["2023-01-31"]),
]


@pytest.mark.parametrize(("text", "start", "end"), START_BORROWS)
def test_a_range_start_borrows_the_year_of_its_end(text: str, start: D, end: D) -> None:
    assert _only(text) == (text, start, end, Relation.DURING)


@pytest.mark.parametrize(("text", "labels"), START_BORROW_NEAR_MISSES)
def test_a_bare_month_that_starts_no_range(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_range_start_takes_the_year_of_its_end_over_a_year_said_before() -> None:
    last = find_dates("2019年に開始。9月1日～2023年1月31日")[-1]
    assert (last.period.start, last.period.end) == (D(2022, 9, 1), D(2023, 1, 31))


SLASH_RANGES = [
    ("2021/12/30-2022/1/4", D(2021, 12, 30), D(2022, 1, 4)),
    ("2023/3/31-2023/4/2", D(2023, 3, 31), D(2023, 4, 2)),
    ("2020.12.28-2021.1.5", D(2020, 12, 28), D(2021, 1, 5)),
    ("2021/12/30～2022/1/4", D(2021, 12, 30), D(2022, 1, 4)),
    ("2024/1/9 - 2024/2/9", D(2024, 1, 9), D(2024, 2, 9)),
    ("R3/12/1-R4/1/31", D(2021, 12, 1), D(2022, 1, 31)),
    ("H30/4/1-H31/3/31", D(2018, 4, 1), D(2019, 3, 31)),
    ("2022/4/1-2023/3/31まで", D(2022, 4, 1), D(2023, 3, 31)),
    ("2019/12/25-2020/1/10(金)", D(2019, 12, 25), D(2020, 1, 10)),
    ("2021/7/1-2021/7/31", D(2021, 7, 1), D(2021, 7, 31)),
    ("2020/2/1−2020/2/29", D(2020, 2, 1), D(2020, 2, 29)),
]

SLASH_RANGE_NEAR_MISSES = [
    ("03-2012-7-1", []),
    ("2021/12/30-22", ["2021-12-30"]),
    ("2021/12/30-2022", ["2021-12-30"]),
    ("2022/1/4-2021/12/30", ["2022-01-04", "2021-12-30"]),
    ("ab-2022/1/4", []),
    ("2021/12/30-2022/13/4", ["2021-12-30"]),
    ("2021-12-30-2022-1-4", ["2021-12-30"]),
    ("2021/12/30 - 2020/1/4", ["2021-12-30", "2020-01-04"]),
    ("2021.12.30-2022.1", ["2021-12-30"]),
    ("2021/12/30-1", ["2021-12-30"]),
]


@pytest.mark.parametrize(("text", "start", "end"), SLASH_RANGES)
def test_slash_dates_on_both_ends(text: str, start: D, end: D) -> None:
    assert _only(text) == (text, start, end, Relation.DURING)


@pytest.mark.parametrize(("text", "labels"), SLASH_RANGE_NEAR_MISSES)
def test_slash_dates_that_make_no_range(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


ERA_LISTS = [
    ("令和6年度、7年度及び8年度", ["FY2024", "FY2025", "FY2026"]),
    ("令和6年度、7年度", ["FY2024", "FY2025"]),
    ("令和6年度及び7年度", ["FY2024", "FY2025"]),
    ("平成30年、31年", ["2018", "2019"]),
    ("令和2年度・3年度・4年度", ["FY2020", "FY2021", "FY2022"]),
    ("令和元年度及び2年度", ["FY2019", "FY2020"]),
    ("令和6年度と7年度に実施", ["FY2024", "FY2025"]),
    ("令和三年度、四年度", ["FY2021", "FY2022"]),
    ("平成29年度並びに30年度", ["FY2017", "FY2018"]),
    ("令和6年度又は7年度", ["FY2024", "FY2025"]),
    ("R6年度、7年度", ["FY2024", "FY2025"]),
    ("令和6、7年度", ["FY2024", "FY2025"]),
    ("令和5、6、7年度", ["FY2023", "FY2024", "FY2025"]),
    ("平成30・31年度", ["FY2018", "FY2019"]),
    ("令和6及び7年度", ["FY2024", "FY2025"]),
    ("昭和52、53年", ["1977", "1978"]),
    ("令和6年度、 7年度 及び 8年度", ["FY2024", "FY2025", "FY2026"]),
]

ERA_LIST_NEAR_MISSES = [
    ("8年度", []),
    ("2024年度、7年度", ["FY2024"]),
    ("令和6年度、3年間", ["FY2024"]),
    ("令和6年度、7年目", ["FY2024"]),
    ("令和6年度、7年", ["FY2024"]),
    ("令和6年、7年度", ["2024"]),
    ("令和6年度の予算と8年度", ["FY2024"]),
    ("令和6年度、10人", ["FY2024"]),
    ("令和6年度、7年後", ["FY2024"]),
    ("令和6年4月、7年度", ["2024-04"]),
    ("令和6年度。7年度", ["FY2024"]),
    ("令和6年度、七年間", ["FY2024"]),
    ("令和6、10人", ["2024"]),
    ("令和6、7", ["2024"]),
    ("令和6年度、7、8年度", ["FY2024"]),
    ("令和6、7年間", ["2024"]),
    ("令和2年、3年ぶりに開催", ["2020"]),
    ("令和2年から3年連続", ["2020"]),
]


@pytest.mark.parametrize(("text", "labels"), ERA_LISTS)
def test_bare_years_continue_the_era_before_them(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(("text", "labels"), ERA_LIST_NEAR_MISSES)
def test_bare_years_without_an_era_just_before_are_no_dates(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_each_year_of_an_era_list_is_its_own_mention_with_its_relation() -> None:
    assert _read("令和7年度、8年度までに") == [
        ("令和7年度", "FY2025", "at"),
        ("8年度までに", "FY2026", "by"),
    ]


NEXT_AND_SAME = [
    ("2024年12月から翌1月にかけて", "2024年12月から翌1月", D(2024, 12, 1), D(2025, 1, 31)),
    ("2024年12月から翌月にかけて", "2024年12月から翌月", D(2024, 12, 1), D(2025, 1, 31)),
    ("2024年4月1日から同月15日まで", None, D(2024, 4, 1), D(2024, 4, 15)),
    ("2024年から翌年にかけて", "2024年から翌年", D(2024, 1, 1), D(2025, 12, 31)),
    ("2023年11月から翌年2月", None, D(2023, 11, 1), D(2024, 2, 29)),
    ("2021年7月から同年9月", None, D(2021, 7, 1), D(2021, 9, 30)),
    ("2024年11月20日から翌月5日まで", None, D(2024, 11, 20), D(2024, 12, 5)),
    ("2024年10月から翌3月まで", None, D(2024, 10, 1), D(2025, 3, 31)),
    ("2024年12月25日から翌1月7日まで", None, D(2024, 12, 25), D(2025, 1, 7)),
    ("2024年1月から翌3月", None, D(2024, 1, 1), D(2025, 3, 31)),
    ("2024年12月1日～翌年1月末日", None, D(2024, 12, 1), D(2025, 1, 31)),
    ("2024年の大晦日から翌年の元日", None, D(2024, 12, 31), D(2025, 1, 1)),
]

NEXT_AND_SAME_NEAR_MISSES = [
    ("2024年12月から翌月曜日", ["2024-12"]),
    ("2024年4月から同年", ["2024-04"]),
    ("翌1月", []),
    ("2024年4月から翌年度", ["2024-04"]),
    ("2024年12月から翌13月", ["2024-12"]),
    ("2024年4月1日から同月32日", ["2024-04-01"]),
    ("2024年4月15日から同月1日", ["2024-04-15", "2024-04-01"]),
    ("翌日", []),
    ("2024年12月1日から翌日まで", ["2024-12-01"]),
    ("2024年から同年", ["2024"]),
    ("2024年12月から翌々月", ["2024-12"]),
    ("同月15日", []),
    ("2024年に開始、同月15日", ["2024"]),
    ("2024年4月に開始、同月", ["2024-04"]),
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), NEXT_AND_SAME)
def test_next_and_same_against_the_date_before(
    text: str, mention: str | None, start: D, end: D
) -> None:
    assert _only(text) == (mention or text, start, end, Relation.DURING)


@pytest.mark.parametrize(("text", "labels"), NEXT_AND_SAME_NEAR_MISSES)
def test_next_and_same_that_name_no_end(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


@pytest.mark.parametrize(
    ("text", "mention", "label"),
    [
        ("2024年12月に開始し、翌1月に完了", "翌1月", "2025-01"),
        ("2024年12月に開始し、翌年1月に完了", "翌年1月", "2025-01"),
        ("2024年12月に開始し、同年1月に準備", "同年1月", "2024-01"),
        ("2024年4月1日に受付、同月15日に締切", "同月15日", "2024-04-15"),
        ("2024年12月1日に受付、翌月10日に締切", "翌月10日", "2025-01-10"),
        ("2024年12月に受付、翌月に審査", "翌月", "2025-01"),
    ],
)
def test_a_bare_month_after_next_or_same_takes_its_year_from_the_word(
    text: str, mention: str, label: str
) -> None:
    last = find_dates(text)[-1]
    assert (last.text, last.period.label) == (mention, label)


FROM_ACROSS_A_NOUN = [
    ("2025年度公募以降", "2025年度"),
    ("2025年度採択以降", "2025年度"),
    ("2023年度公募以降、全種目の研究計画調書において", "2023年度"),
    ("令和6年度募集以降", "令和6年度"),
    ("2024年度採択分以降", "2024年度"),
    ("2026年度事業以後", "2026年度"),
    ("2025年度入学以降", "2025年度"),
    ("2024年4月入社以降", "2024年4月"),
    ("令和7年度開始以降", "令和7年度"),
    ("2025年度公募開始以降", "2025年度"),
    ("2030年度調査以降", "2030年度"),
    ("2024年度公募分から", "2024年度"),
]

FROM_ACROSS_A_NOUN_NEAR_MISSES = [
    "2025年度公募以外",
    "2025年度予算以上",
    "2025年度の公募以降",
    "2025年度公募要領において以降",
    "2025年度公募、以降",
    "2025年度研究開発事業計画以降",
    "2025年度公募では以降",
    "2025年度公募から",
    "2025年度予算より",
    "2025年度公募まで",
]


@pytest.mark.parametrize(("text", "mention"), FROM_ACROSS_A_NOUN)
def test_from_read_across_a_noun(text: str, mention: str) -> None:
    found = find_dates(text)
    assert [(m.text, m.relation) for m in found] == [(mention, Relation.FROM)]


@pytest.mark.parametrize("text", FROM_ACROSS_A_NOUN_NEAR_MISSES)
def test_no_from_across_a_noun_that_does_not_end_in_it(text: str) -> None:
    assert [m.relation for m in find_dates(text)] == [Relation.AT]


RELATION_ACROSS_A_NOTE = [
    ("令和8年3月末(予定)まで", Relation.BY),
    ("2025年度(予定)まで", Relation.BY),
    ("2025年度（予定）までに", Relation.BY),
    ("2024年4月(見込み)から", Relation.FROM),
    ("2026年度(目標)までに", Relation.BY),
    ("令和7年度（仮）以降", Relation.FROM),
    ("2025年度末(予定)を目途に", Relation.TARGET),
    ("2030年(目標)を目指して", Relation.TARGET),
    ("2024年3月31日(予定)まで", Relation.BY),
    ("2025年度(暫定)時点", Relation.AS_OF),
    ("令和6年度(見込)中に", Relation.DURING),
]

RELATION_ACROSS_A_NOTE_NEAR_MISSES = [
    "令和8年3月末(予定)",
    "2025年度(予定)、まで",
    "2025年度(予定)の見直しまで",
    "2025年度(予定です。)まで",
    "2025年度(東京都、大阪府)まで",
    "2025年度（予定）について",
    "2025年度(予定)(確定)まで",
    "2025年度(とても長い注記が入っている)まで",
    "2025年度()まで",
    "2025年度(予定) は まで",
]


@pytest.mark.parametrize(("text", "relation"), RELATION_ACROSS_A_NOTE)
def test_a_relation_read_across_a_note(text: str, relation: Relation) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.relation) == (text, relation)


@pytest.mark.parametrize("text", RELATION_ACROSS_A_NOTE_NEAR_MISSES)
def test_no_relation_across_a_note_it_does_not_follow(text: str) -> None:
    assert [m.relation for m in find_dates(text)] == [Relation.AT]


def test_a_note_without_a_relation_is_left_out_of_the_mention() -> None:
    (found,) = find_dates("令和8年3月末(予定)")
    assert found.text == "令和8年3月末"


@pytest.mark.parametrize(
    "table",
    [
        END_BORROWS,
        END_BORROW_NEAR_MISSES,
        START_BORROWS,
        START_BORROW_NEAR_MISSES,
        SLASH_RANGES,
        SLASH_RANGE_NEAR_MISSES,
        ERA_LISTS,
        ERA_LIST_NEAR_MISSES,
        NEXT_AND_SAME,
        NEXT_AND_SAME_NEAR_MISSES,
        FROM_ACROSS_A_NOUN,
        FROM_ACROSS_A_NOUN_NEAR_MISSES,
        RELATION_ACROSS_A_NOTE,
        RELATION_ACROSS_A_NOTE_NEAR_MISSES,
    ],
)
def test_each_family_has_ten_cases_each_way(table: list[object]) -> None:
    assert len(table) >= 10
