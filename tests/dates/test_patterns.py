"""Date families read by the atom pattern itself: a year after punctuation, a named month
with a day, a named day with a year, and the odd notations of real pages."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel.dates import find_dates

D = dt.date


def _only(text: str) -> tuple[str, D, D]:
    found = find_dates(text)
    assert len(found) == 1, [str(m) for m in found]
    return found[0].text, found[0].period.start, found[0].period.end


def _labels(text: str) -> list[str]:
    return [m.period.label for m in find_dates(text)]


YEAR_AFTER_PUNCTUATION = [
    ("掲載日：2024年3月1日", "2024年3月1日", D(2024, 3, 1), D(2024, 3, 1)),
    ("更新日:2021年12月3日", "2021年12月3日", D(2021, 12, 3), D(2021, 12, 3)),
    ("（文部科学省/2022年 4月1日）", "2022年 4月1日", D(2022, 4, 1), D(2022, 4, 1)),
    ("…とともに,2040年…", "2040年", D(2040, 1, 1), D(2040, 12, 31)),
    ("公開日：2023年4月1日(土)", "2023年4月1日(土)", D(2023, 4, 1), D(2023, 4, 1)),
    ("最終更新日:2020年10月5日", "2020年10月5日", D(2020, 10, 5), D(2020, 10, 5)),
    ("作成：2019年3月", "2019年3月", D(2019, 3, 1), D(2019, 3, 31)),
    ("策定/2025年度", "2025年度", D(2025, 4, 1), D(2026, 3, 31)),
    ("施行日，2022年4月1日", "2022年4月1日", D(2022, 4, 1), D(2022, 4, 1)),
    ("発行:2018年", "2018年", D(2018, 1, 1), D(2018, 12, 31)),
    ("期限：2030年度まで", "2030年度まで", D(2030, 4, 1), D(2031, 3, 31)),
    ("日付:2024/3/1", "2024/3/1", D(2024, 3, 1), D(2024, 3, 1)),
    ("更新：2024年１２月", "2024年１２月", D(2024, 12, 1), D(2024, 12, 31)),
    ("Date:2024年3月1日", "2024年3月1日", D(2024, 3, 1), D(2024, 3, 1)),
]

# the punctuation belongs to a number, a time, a version or a path
YEAR_AFTER_PUNCTUATION_NEAR_MISSES = [
    "1,2024年",
    "12:2024年",
    "3/2024年",
    "10,2030年度",
    "https://example.jp/2022年",
    "v1.2024年",
    "1.2024年",
    "v2:2024年",
    "0:2024年4月1日",
    "5,2025年",
    "x/2021年12月3日",
    "No.2024年",
]


@pytest.mark.parametrize(("text", "mention", "start", "end"), YEAR_AFTER_PUNCTUATION)
def test_a_year_right_after_punctuation(text: str, mention: str, start: D, end: D) -> None:
    assert _only(text) == (mention, start, end)


@pytest.mark.parametrize("text", YEAR_AFTER_PUNCTUATION_NEAR_MISSES)
def test_a_year_after_punctuation_inside_a_number_is_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_a_year_after_a_colon_alone_is_still_the_year() -> None:
    assert _only("更新日:2022年") == ("2022年", D(2022, 1, 1), D(2022, 12, 31))


NAMED_MONTH_WITH_DAY = [
    ("令和2年卯月3日", D(2020, 4, 3)),
    ("2022年師走20日", D(2022, 12, 20)),
    ("2023年睦月1日", D(2023, 1, 1)),
    ("2021年如月14日", D(2021, 2, 14)),
    ("2020年弥生3日", D(2020, 3, 3)),
    ("2019年皐月5日", D(2019, 5, 5)),
    ("2024年水無月30日", D(2024, 6, 30)),
    ("2022年文月7日", D(2022, 7, 7)),
    ("令和4年葉月11日", D(2022, 8, 11)),
    ("2023年長月9日", D(2023, 9, 9)),
    ("2020年神無月十日", D(2020, 10, 10)),
    ("2021年霜月23日", D(2021, 11, 23)),
]

NAMED_MONTH_NEAR_MISSES = [
    ("2022年師走", ["2022-12"]),
    ("2022年師走20日間", ["2022-12"]),
    ("2022年師走2", ["2022-12"]),
    ("2022年師走の20日", ["2022-12"]),
    ("2022年師走20回", ["2022-12"]),
    ("2022年師走二十日間", ["2022-12"]),
    ("2022年極月20日", ["2022"]),
    ("2022年卯月32日", []),
    ("2021年如月30日", []),
    ("師走20日", []),
    ("卯月3日", []),
]


@pytest.mark.parametrize(("text", "day"), NAMED_MONTH_WITH_DAY)
def test_a_named_month_with_a_day(text: str, day: D) -> None:
    assert _only(text) == (text, day, day)


@pytest.mark.parametrize(("text", "labels"), NAMED_MONTH_NEAR_MISSES)
def test_a_named_month_without_a_real_day_is_no_day(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


NAMED_DAY_WITH_YEAR = [
    ("2024年の文化の日", D(2024, 11, 3)),
    ("2025年のこどもの日", D(2025, 5, 5)),
    ("2023年の元日", D(2023, 1, 1)),
    ("2024年文化の日", D(2024, 11, 3)),
    ("2023年の建国記念の日", D(2023, 2, 11)),
    ("2022年の昭和の日", D(2022, 4, 29)),
    ("2025年の憲法記念日", D(2025, 5, 3)),
    ("2024年のみどりの日", D(2024, 5, 4)),
    ("2005年のみどりの日", D(2005, 4, 29)),
    ("2024年の山の日", D(2024, 8, 11)),
    ("2021年の山の日", D(2021, 8, 8)),
    ("2023年の勤労感謝の日", D(2023, 11, 23)),
    ("2024年の天皇誕生日", D(2024, 2, 23)),
    ("2010年の天皇誕生日", D(2010, 12, 23)),
    ("令和6年の文化の日", D(2024, 11, 3)),
    ("2024年の大晦日", D(2024, 12, 31)),
]

NAMED_DAY_NEAR_MISSES = [
    ("2024年の文化", ["2024"]),
    ("2024年の文化の日々", ["2024"]),
    ("2024年の文化の日常", ["2024"]),
    ("2024年の文化の日本", ["2024"]),
    ("2024年の海の日", ["2024"]),  # a Monday that moves: not read
    ("2024年の成人の日", ["2024"]),
    ("2024年の敬老の日", ["2024"]),
    ("2024年、文化の日", ["2024"]),
    ("文化の日", []),
    ("2015年の山の日", []),  # before the holiday existed
    ("2019年の天皇誕生日", []),  # the one year without it
    ("1960年の昭和の日", []),
]


@pytest.mark.parametrize(("text", "day"), NAMED_DAY_WITH_YEAR)
def test_a_named_day_with_its_year(text: str, day: D) -> None:
    assert _only(text) == (text, day, day)


@pytest.mark.parametrize(("text", "labels"), NAMED_DAY_NEAR_MISSES)
def test_a_name_that_is_no_fixed_day_of_that_year(text: str, labels: list[str]) -> None:
    assert _labels(text) == labels


def test_a_holiday_in_a_year_without_it_is_a_problem() -> None:
    from stpmodel.dates import scan

    mentions, problems = scan("2015年の山の日")
    assert mentions == []
    assert [p.reason for p in problems] == ["there was no 山の日 in 2015"]


ODD_NOTATIONS = [
    ("r3.4.1", D(2021, 4, 1), D(2021, 4, 1)),
    ("r3/4/1", D(2021, 4, 1), D(2021, 4, 1)),
    ("令和元.五.一", D(2019, 5, 1), D(2019, 5, 1)),
    ("二〇二一/三/四", D(2021, 3, 4), D(2021, 3, 4)),
    ("R三年五月一日", D(2021, 5, 1), D(2021, 5, 1)),
    ("令和(Reiwa, R)三年四月一日", D(2021, 4, 1), D(2021, 4, 1)),
    ("西暦 645年", D(645, 1, 1), D(645, 12, 31)),
    ("h30.4.1", D(2018, 4, 1), D(2018, 4, 1)),
    ("西暦794年", D(794, 1, 1), D(794, 12, 31)),
    ("令和(Reiwa)5年", D(2023, 1, 1), D(2023, 12, 31)),
    ("H二十年", D(2008, 1, 1), D(2008, 12, 31)),
    ("平成三十.四.一", D(2018, 4, 1), D(2018, 4, 1)),
    ("二〇二二.十二.一", D(2022, 12, 1), D(2022, 12, 1)),
    ("s64.1.7", D(1989, 1, 7), D(1989, 1, 7)),
    ("令和（Reiwa）2年度", D(2020, 4, 1), D(2021, 3, 31)),
]

ODD_NOTATION_NEAR_MISSES = [
    "PR三年",
    "R三年間",
    "R三年生",
    "xR三年",
    "r3.4",
    "r3.4.1.2",
    "ver3.4.1",
    "Rr3.4.1",
    "二〇二一/三",
    "二〇二一/十三/四",
    "645年",
    "r3年",
]


@pytest.mark.parametrize(("text", "start", "end"), ODD_NOTATIONS)
def test_odd_notations(text: str, start: D, end: D) -> None:
    assert _only(text) == (text, start, end)


@pytest.mark.parametrize("text", ODD_NOTATION_NEAR_MISSES)
def test_odd_notations_inside_words_or_numbers_are_no_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "table",
    [
        YEAR_AFTER_PUNCTUATION,
        YEAR_AFTER_PUNCTUATION_NEAR_MISSES,
        NAMED_MONTH_WITH_DAY,
        NAMED_MONTH_NEAR_MISSES,
        NAMED_DAY_WITH_YEAR,
        NAMED_DAY_NEAR_MISSES,
        ODD_NOTATIONS,
        ODD_NOTATION_NEAR_MISSES,
    ],
)
def test_each_family_has_ten_cases_each_way(table: list[object]) -> None:
    assert len(table) >= 10


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("FY2025", "fyy"),
        ("令和3年度", "era"),
        ("来年度", "rel"),
        ("2025年度", "y"),
        ("二〇二一/三/四", "kys"),
        ("二〇二五年", "ky"),
        ("21世紀", "cent"),
        ("4月1日", "bm"),
    ],
)
def test_each_family_has_its_named_group_in_the_atom(text: str, group: str) -> None:
    from stpmodel.dates._patterns import ATOM

    found = ATOM.match(text)
    assert found is not None
    assert found.group(group) is not None
    assert found.group() == text


def test_each_family_pattern_has_its_grammar_line_above_it() -> None:
    import inspect
    import re

    from stpmodel.dates import _patterns

    source = inspect.getsource(_patterns)
    families = re.findall(r"^(_[A-Z_]+|ATOM) = ", source, re.MULTILINE)
    for name in (
        "_FISCAL_CODE",
        "_ERA_NAME",
        "_ERA_YEAR",
        "_RELATIVE_YEAR",
        "_WESTERN_YEAR",
        "_KANJI_DATE",
        "_KANJI_YEAR",
        "_YEAR_UNIT",
        "_DATED_YEAR",
        "_CENTURY",
        "_BARE_MONTH",
        "ATOM",
    ):
        assert name in families
        before = source[: source.index(f"\n{name} = ")].rsplit("\n\n", 1)[-1]
        assert re.search(r"^# [a-z_]+ = ", before, re.MULTILINE), name
