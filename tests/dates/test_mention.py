"""Date mentions: the day a mention falls due, and how it prints."""

from __future__ import annotations

import datetime as dt

from stpmodel.dates import DateMention, Period, Relation, find_dates


def test_a_from_mention_falls_due_on_its_first_day_others_on_their_last() -> None:
    fy = Period.fiscal_year(2027)
    since = DateMention(text="2027年度以降", span=(0, 9), period=fy, relation=Relation.FROM)
    by = DateMention(text="2027年度までに", span=(0, 9), period=fy, relation=Relation.BY)
    assert (since.due, by.due) == (dt.date(2027, 4, 1), dt.date(2028, 3, 31))


def test_str_names_text_period_and_relation() -> None:
    (mention,) = find_dates("2025年度までに整備")
    assert str(mention) == "2025年度までに → FY2025 (by)"


def test_relations_are_their_english_words() -> None:
    assert [r.value for r in Relation] == ["by", "from", "during", "target", "as_of", "at"]
