"""Numerals and eras: full-width digits, kanji numerals (漢数字 and 大字), 和暦."""

from __future__ import annotations

__all__ = [
    "ERA_START",
    "FULLWIDTH_DIGITS",
    "OLD_ERAS",
    "era_to_western",
    "kanji_to_int",
    "to_int",
]

import json
from pathlib import Path

from stpmodel._text import FULLWIDTH_DIGITS

# The Western year of each era's first year (元年), under every spelling the scanner reads:
# the name, its first character (令5年), the squared sign of one character (㍻) and the
# customary Latin letter (R3年 = 令和3年).
_ERAS = {
    1868: ("明治", "明", "㍾", "M"),
    1912: ("大正", "大", "㍽", "T"),
    1926: ("昭和", "昭", "㍼", "S"),
    1989: ("平成", "平", "㍻", "H"),
    2019: ("令和", "令", "㋿", "R"),
}
ERA_START: dict[str, int] = {name: year for year, names in _ERAS.items() for name in names}

# The eras before 明治 (大化 645 … 慶応 1865): name → (Western year of 元年, last year number),
# generated from jeraconv's table by `_make_eras.py`. A year past such an era's last is no
# year (大化7年), unlike the modern eras, whose later years plans wrote ahead (平成35年).
OLD_ERAS: dict[str, tuple[int, int]] = {
    name: (first, last)
    for name, first, last in json.loads(
        Path(__file__).with_name("eras.json").read_text(encoding="utf-8")
    )["eras"]
}

_KANJI_DIGIT = {
    "〇": 0, "零": 0,
    "一": 1, "壱": 1, "壹": 1,
    "二": 2, "弐": 2, "貳": 2,
    "三": 3, "参": 3, "參": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陸": 6,
    "七": 7, "漆": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_KANJI_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "阡": 1000}
_KANJI_TENS = {"廿": 20, "卅": 30}  # 廿日 is the 20th


def kanji_to_int(text: str) -> int:
    """The value of a kanji numeral, in any of the ways dates write one.

    Positional (``"二〇二五"`` → 2025, ``"一二"`` → 12), with units (``"三十一"`` → 31,
    ``"二千"`` → 2000, ``"千九百八十九"`` → 1989), formal numerals (大字: ``"肆"`` → 4,
    ``"拾弐"`` → 12), and a positional head before a unit-written tail
    (``"二〇十九"`` → 2019). Raises `ValueError` on any other character or an empty text.
    """
    if not text:
        raise ValueError("no numeral")
    try:
        if all(char in _KANJI_DIGIT for char in text):
            value = 0
            for char in text:
                value = value * 10 + _KANJI_DIGIT[char]
            return value
        head = 0
        while head < len(text) and text[head] in _KANJI_DIGIT:
            head += 1
        if head >= 2:  # 二〇十九: the century positionally, the rest with units
            tail = kanji_to_int(text[head:])
            if tail >= 100:
                raise ValueError(f"not a numeral: {text!r}")
            return kanji_to_int(text[:head]) * 100 + tail
        total = current = 0
        last_unit = 10_000
        for char in text:
            if char in _KANJI_DIGIT:
                current = current * 10 + _KANJI_DIGIT[char]
            elif char in _KANJI_TENS:
                total += _KANJI_TENS[char]
            else:
                unit = _KANJI_UNIT[char]
                if unit >= last_unit:  # 十十, 百千: units must fall
                    raise ValueError(f"not a numeral: {text!r}")
                last_unit = unit
                total += (current or 1) * unit
                current = 0
        return total + current
    except KeyError:
        raise ValueError(f"not a numeral: {text!r}") from None


def to_int(text: str) -> int:
    """An ASCII or kanji numeral (``元`` is 1, as in 令和元年)."""
    if text == "元":
        return 1
    if text.isascii():
        return int(text)
    return kanji_to_int(text)


def era_to_western(era: str, year: int) -> int:
    """令和3 → 2021, 大化2 → 646. Years past a modern era's end still convert
    arithmetically (平成33 → 2021)."""
    start = ERA_START[era] if era in ERA_START else OLD_ERAS[era][0]
    return start + year - 1
