"""Numerals and eras: full-width digits, kanji numerals, 和暦."""

from __future__ import annotations

__all__ = ["ERA_START", "FULLWIDTH_DIGITS", "era_to_western", "kanji_to_int", "to_int"]

from stpmodel._text import FULLWIDTH_DIGITS

# The Western year of each era's first year (元年). Letters are the customary
# abbreviations (R3年 = 令和3年).
ERA_START: dict[str, int] = {
    "明治": 1868,
    "大正": 1912,
    "昭和": 1926,
    "平成": 1989,
    "令和": 2019,
    "M": 1868,
    "T": 1912,
    "S": 1926,
    "H": 1989,
    "R": 2019,
}

_KANJI_DIGIT = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip


def kanji_to_int(text: str) -> int:
    """``"三十一"`` → 31, ``"十"`` → 10, ``"二〇二五"`` → 2025 (positional form)."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI_DIGIT[tens] if tens else 1) * 10 + (_KANJI_DIGIT[ones] if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + _KANJI_DIGIT[char]
    return value


def to_int(text: str) -> int:
    """An ASCII or kanji numeral (``元`` is 1, as in 令和元年)."""
    if text == "元":
        return 1
    if text.isascii():
        return int(text)
    return kanji_to_int(text)


def era_to_western(era: str, year: int) -> int:
    """令和3 → 2021. Years past an era's end still convert arithmetically (平成33 → 2021)."""
    return ERA_START[era] + year - 1
