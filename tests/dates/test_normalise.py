"""Text made ready for the scanner: letter-spaced runs collapsed, spans mapped back."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import find_dates, scan

D = dt.date

LETTER_SPACED = [
    ("令 和 4 年 度", "令 和 4 年 度", D(2022, 4, 1), D(2023, 3, 31)),
    ("平 成 三 十 年 十 月", "平 成 三 十 年 十 月", D(2018, 10, 1), D(2018, 10, 31)),
    ("2 0 1 9 年 ４ 月 １ 日", "2 0 1 9 年 ４ 月 １ 日", D(2019, 4, 1), D(2019, 4, 1)),
    (
        "2\u30000\u30001\u30009\u3000年\u3000４\u3000月\u3000１\u3000日",
        None,
        D(2019, 4, 1),
        D(2019, 4, 1),
    ),
    ("令 和 5 年 度 ま で に", "令 和 5 年 度 ま で に", D(2023, 4, 1), D(2024, 3, 31)),
    ("実施期間：令 和 ６ 年 ４ 月 １ 日", "令 和 ６ 年 ４ 月 １ 日", D(2024, 4, 1), D(2024, 4, 1)),
    ("令 和 元 年 度", "令 和 元 年 度", D(2019, 4, 1), D(2020, 3, 31)),
    ("昭 和 6 0 年", "昭 和 6 0 年", D(1985, 1, 1), D(1985, 12, 31)),
    ("2 0 2 4 年 1 2 月", "2 0 2 4 年 1 2 月", D(2024, 12, 1), D(2024, 12, 31)),
    ("期 限 は 令 和 7 年 3 月 3 1 日", "令 和 7 年 3 月 3 1 日", D(2025, 3, 31), D(2025, 3, 31)),
    ("（令 和 4 年 度）", "令 和 4 年 度", D(2022, 4, 1), D(2023, 3, 31)),
    ("令  和  4  年  度", "令  和  4  年  度", D(2022, 4, 1), D(2023, 3, 31)),
    ("令 和 12 年 度", "令 和 12 年 度", D(2030, 4, 1), D(2031, 3, 31)),
    ("平 成 30 年 10 月 1 日", "平 成 30 年 10 月 1 日", D(2018, 10, 1), D(2018, 10, 1)),
    # only the digits, or the number and 年, spaced out: the unit follows unspaced
    ("2 0 2 6年度までに", "2 0 2 6年度までに", D(2026, 4, 1), D(2027, 3, 31)),
    ("2 0 2 6 年度以降", "2 0 2 6 年度以降", D(2026, 4, 1), D(2027, 3, 31)),
    ("2 0 2 3年7月", "2 0 2 3年7月", D(2023, 7, 1), D(2023, 7, 31)),
    ("令 和 ６ 年度", "令 和 ６ 年度", D(2024, 4, 1), D(2025, 3, 31)),
]

LETTER_SPACED_NEAR_MISSES = [
    "令 和",
    "2 0 1 9",
    "1 2 月",
    "第 1 2 回",
    "3 0 日 間",
    "平 成 の 時 代",
    "5 年 間",
    "2 0 1 9 . 4 . 1",
    "１ ２ ３ ４",
    "1 2 3 4 5 6",
    "毎 年 4 月",
    "1 0 0 年 間",
    "10 20 30 40 年",
    "第 10 回 会 議",
    "1 2 3 4 件",
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), LETTER_SPACED)
def test_letter_spaced_text_is_read_with_spans_into_the_original(
    text: str, mention: str | None, start: D, end: D
) -> None:
    (found,) = find_dates(text)
    assert (found.text, found.period.start, found.period.end) == (mention or text, start, end)
    assert text[found.span[0] : found.span[1]] == found.text


@pytest.mark.parametrize("text", LETTER_SPACED_NEAR_MISSES)
def test_letter_spaced_text_that_names_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_spaced_numbers_of_more_than_two_digits_are_no_items() -> None:
    (found,) = find_dates("2020 2021 2022 年度")
    assert (found.text, found.span) == ("2022 年度", (10, 17))


def test_ordinary_spacing_is_left_as_it_is() -> None:
    (found,) = find_dates("2026 年度末までに")
    assert (found.text, found.span) == ("2026 年度末までに", (0, 11))


def test_spans_after_a_collapsed_run_still_point_into_the_text() -> None:
    text = "令 和 4 年 度 に 開 始 し 、2025年3月末までに完了"
    first, second = find_dates(text)
    assert text[slice(*first.span)] == first.text == "令 和 4 年 度"
    assert text[slice(*second.span)] == second.text == "2025年3月末までに"


def test_problems_in_letter_spaced_text_quote_the_original() -> None:
    _, problems = scan("2 0 2 3 年 2 月 3 0 日")
    assert [(p.text, p.span) for p in problems] == [("2 0 2 3 年 2 月 3 0 日", (0, 19))]


@pytest.mark.parametrize("table", [LETTER_SPACED, LETTER_SPACED_NEAR_MISSES])
def test_each_way_has_ten_cases(table: list[object]) -> None:
    assert len(table) >= 10
