"""Indicator values: names, observations, their units, labels and periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from stpmodel.parsing._indicators import (
    MAX_VALUE_CHARS,
    footnote_observations,
    observations,
    split_name,
)
from stpmodel.schema import DECIMAL_MAX_CHARS


def test_the_name_is_what_stands_before_the_colon() -> None:
    assert split_name("食料自給率：38%（カロリーベース）") == (
        "食料自給率",
        "38%（カロリーベース）",
    )
    assert split_name("名前だけ") == ("名前だけ", "")


def test_values_with_units_separators_and_labels() -> None:
    (value,) = observations("1,956,830件（2023年）")
    assert (value.value, value.unit, value.text) == (Decimal(1956830), "件", "1,956,830件")
    assert value.as_of is not None
    assert value.as_of.year == 2023
    men, women = observations("男性 65.1%、女性 34.9%")
    assert (men.label, men.value, women.label, women.value) == (
        "男性",
        Decimal("65.1"),
        "女性",
        Decimal("34.9"),
    )
    assert observations("38％")[0].unit == "%"


def test_a_number_inside_a_phrase_is_context_not_a_value() -> None:
    assert observations("上位100社に入る大学") == ()
    assert observations("64か国中") == ()


def test_a_footnote_value_takes_the_period_written_with_it() -> None:
    first, second = footnote_observations("2023年度13件、30名(2022年度)", 95)
    assert (first.text, first.footnote) == ("13件", 95)
    assert first.as_of is not None
    assert first.as_of.start == dt.date(2023, 4, 1)
    assert second.as_of is not None
    assert second.as_of.start == dt.date(2022, 4, 1)


def test_a_value_longer_than_loads_reads_stays_text() -> None:
    longest = "1" + ",000" * 21  # 64 digits
    assert observations(f"{longest}件")[0].value == Decimal(longest.replace(",", ""))
    assert len(longest.replace(",", "")) == MAX_VALUE_CHARS
    rejected: list[str] = []
    too_long = "1" + ",000" * 30  # 91 digits
    assert observations(f"{too_long}件、5件", rejected=rejected)[0].text == "5件"
    assert rejected == [f"{too_long}件"]
    assert footnote_observations(f"{too_long}件", 1, rejected=rejected) == ()
    assert len(rejected) == 2
    assert MAX_VALUE_CHARS == DECIMAL_MAX_CHARS  # the limit loads() reads back
