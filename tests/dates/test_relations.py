"""Relations: the words after a date, read through a note and across a noun."""

from __future__ import annotations

import pytest

from stpmodel.dates import Period, Relation
from stpmodel.dates._relations import make_mention

FY = Period.fiscal_year(2025)


@pytest.mark.parametrize(
    ("text", "mention", "relation"),
    [
        ("2025年度までに", "2025年度までに", Relation.BY),
        ("2025年度以降", "2025年度以降", Relation.FROM),
        ("2025年度中に", "2025年度中に", Relation.DURING),
        ("2025年度を目途に", "2025年度を目途に", Relation.TARGET),
        ("2025年度時点", "2025年度時点", Relation.AS_OF),
        ("2025年度に", "2025年度", Relation.AT),
        ("2025年度(予定)まで", "2025年度(予定)まで", Relation.BY),
        ("2025年度公募以降", "2025年度", Relation.FROM),
        ("2025年度の運転再開に向け", "2025年度", Relation.TARGET),
    ],
)
def test_the_words_after_a_date_give_its_relation(
    text: str, mention: str, relation: Relation
) -> None:
    found = make_mention(text, text, 0, 6, FY, ranged=False)
    assert (found.text, found.relation) == (mention, relation)


def test_a_range_is_during_and_takes_made_after_it() -> None:
    text = "2025～2027年度まで"
    found = make_mention(text, text, 0, 11, FY, ranged=True)
    assert (found.text, found.relation) == (text, Relation.DURING)
