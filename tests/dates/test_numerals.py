"""Numerals and eras: kanji numerals in every way dates write them, era years to Western."""

from __future__ import annotations

import pytest

from stpmodel.dates._numerals import ERA_START, OLD_ERAS, era_to_western, kanji_to_int, to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("二〇二五", 2025),
        ("一二", 12),
        ("三十一", 31),
        ("二千", 2000),
        ("千九百八十九", 1989),
        ("肆", 4),
        ("拾弐", 12),
        ("二〇十九", 2019),
        ("廿", 20),
        ("十", 10),
    ],
)
def test_kanji_numerals(text: str, value: int) -> None:
    assert kanji_to_int(text) == value


@pytest.mark.parametrize("text", ["", "十十", "百千", "二〇百", "年", "A"])
def test_what_is_no_numeral_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="numeral"):
        kanji_to_int(text)


def test_to_int_reads_gannen_ascii_and_kanji() -> None:
    assert (to_int("元"), to_int("12"), to_int("十二")) == (1, 12, 12)


@pytest.mark.parametrize(
    ("era", "year", "western"),
    [("令和", 3, 2021), ("R", 1, 2019), ("㍻", 30, 2018), ("平成", 33, 2021), ("大化", 2, 646)],
)
def test_era_years_to_western(era: str, year: int, western: int) -> None:
    assert era_to_western(era, year) == western


def test_every_modern_era_has_its_name_initial_sign_and_letter() -> None:
    assert {name for name, start in ERA_START.items() if start == 2019} == {"令和", "令", "㋿", "R"}
    assert OLD_ERAS["慶応"] == (1865, 4)
