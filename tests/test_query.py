"""Query helpers on the bundled roadmap, with ``as_of`` always given."""

from __future__ import annotations

import datetime as dt

import pytest

from stpmodel import DateMention, Deadline, Relation, query
from stpmodel.roadmap import Roadmap

# Every date written for 2025, 2026 or 2027 on an initiative or action of the source
# (read off the text: grep 202[567] in the 工程表 columns 1 and 3).
EXPECTED_2025_2027 = [
    ("6.1.2.a3", "2025年度までに", "2025-04-01", "2026-03-31", "by"),
    ("6.1.2.a6", "2026 年度半ば", "2026-07-01", "2026-12-31", "target"),
    ("6.3.1.a2", "2027年度まで", "2027-04-01", "2028-03-31", "by"),
    ("6.3.1.a3", "2027年度まで", "2027-04-01", "2028-03-31", "by"),
    ("6.3.2.a1", "2027年度まで", "2027-04-01", "2028-03-31", "by"),
    ("6.4.3", "2025年度を目指して", "2025-04-01", "2026-03-31", "target"),
    ("6.4.3.a1", "2025年度", "2025-04-01", "2026-03-31", "target"),
    ("6.5.1.a6", "2025年", "2025-01-01", "2025-12-31", "at"),
    ("6.5.3.a2", "2025年までに", "2025-01-01", "2025-12-31", "by"),
]


def _rows(found: tuple[Deadline, ...]) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            d.item.id,
            d.mention.text,
            d.mention.period.start.isoformat(),
            d.mention.period.end.isoformat(),
            d.mention.relation.value,
        )
        for d in found
    ]


def test_deadlines_2025_2027(roadmap: Roadmap) -> None:
    assert _rows(roadmap.deadlines(from_year=2025, to_year=2027)) == EXPECTED_2025_2027
    assert _rows(query.deadlines(roadmap, from_year=2025, to_year=2027)) == EXPECTED_2025_2027


def test_the_bundled_dates_named_in_the_issue(roadmap: Roadmap) -> None:
    def find(text: str) -> DateMention:
        for obj in (*roadmap.walk(), *roadmap.indicators, *roadmap.footnotes.values()):
            mentions: tuple[DateMention, ...] = getattr(obj, "dates", ())
            for m in mentions:
                if m.text.startswith(text):
                    return m
        raise AssertionError(text)

    assert find("2021年度中").relation is Relation.DURING
    assert find("2023年度以降").relation is Relation.FROM
    assert find("2021年末").period.end == dt.date(2021, 12, 31)
    assert (find("2019～2021").period.start, find("2019～2021").period.end) == (
        dt.date(2019, 1, 1),
        dt.date(2021, 12, 31),
    )
    assert find("2024年3月時点").relation is Relation.AS_OF
    assert find("2024年7月までに").relation is Relation.BY


def test_status_notes_are_not_deadlines(roadmap: Roadmap) -> None:
    assert all(d.kind in ("initiative", "action") for d in roadmap.deadlines())
    assert {d.item.id for d in roadmap.deadlines()}.isdisjoint(n.id for n in roadmap.status_notes)


def test_filters(roadmap: Roadmap) -> None:
    led_by_mext = query.deadlines(
        roadmap, from_year=2025, to_year=2027, ministry="文", lead_only=True
    )
    assert [d.item.id for d in led_by_mext] == ["6.1.2.a6", "6.5.1.a6"]
    sip = query.deadlines(roadmap, program="sip", from_year=2027, to_year=2027)
    assert [d.item.id for d in sip] == ["6.3.1.a2", "6.3.1.a3", "6.3.2.a1"]
    by = query.deadlines(roadmap, from_year=2025, to_year=2027, relation="by")
    assert {d.mention.relation for d in by} == {Relation.BY}
    window = query.deadlines(roadmap, start=dt.date(2026, 7, 1), end=dt.date(2026, 9, 30))
    assert [d.item.id for d in window] == ["6.1.2.a6"]
    assert query.deadlines(roadmap, from_year=2030) == ()


def test_overdue_and_upcoming(roadmap: Roadmap) -> None:
    overdue = query.overdue(roadmap, dt.date(2024, 8, 1))
    assert "6.1.2.a2" in [d.item.id for d in overdue]  # 2024年7月までに
    assert "6.1.2.a3" not in [d.item.id for d in overdue]
    assert all(d.mention.period.end < dt.date(2024, 8, 1) for d in overdue)
    soon = query.upcoming(roadmap, dt.date(2025, 12, 1), within=180)
    assert [d.item.id for d in soon] == ["6.5.3.a2", "6.1.2.a3", "6.4.3", "6.4.3.a1"]
    assert all(dt.date(2025, 12, 1) <= d.mention.due for d in soon)
    assert query.upcoming(roadmap, dt.date(2025, 12, 1), within=dt.timedelta(days=0)) == ()


def test_ministries_and_programs(roadmap: Roadmap) -> None:
    assert len(query.actions_of(roadmap, "防")) == 1
    assert len(query.actions_of(roadmap, "文", lead_only=True)) < len(
        query.actions_of(roadmap, "文")
    )
    aspire = [o.id for o in query.items_of(roadmap, "aspire")]
    assert "6.5.1.a1" in aspire
    assert "6.5.5.s2" in aspire
    assert "外" in query.ministries_of(roadmap, "satreps")
    assert "sip" in query.programs_of(roadmap, "科技")
    assert query.items_of(roadmap, "no-such-program") == ()


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("SIP", "6.1.2"),
        ("S I P", "6.1.2"),
        ("ＳＩＰ", "6.1.2"),
        ("２０２６年度半ば", "6.1.2.a6"),
        ("NEXTUS", "6.5.5.s1"),
    ],
)
def test_search_ignores_pdf_spacing(roadmap: Roadmap, needle: str, expected: str) -> None:
    assert expected in [getattr(o, "id", None) for o in query.search(roadmap, needle)]


def test_search_nothing(roadmap: Roadmap) -> None:
    assert query.search(roadmap, "  ") == ()
    assert query.search(roadmap, "存在しない語句") == ()


def test_search_keys_are_kept_with_the_roadmap_not_in_it() -> None:
    import pickle

    import stpmodel
    from stpmodel._text import search_key

    fresh = stpmodel.parse(stpmodel.source_text())
    first = query.search(fresh, "S I P")
    assert first == query.search(fresh, "ＳＩＰ")  # the second search uses the kept keys
    # every object whose text holds the key, and no other
    items = [o for o in fresh.walk() if hasattr(o, "text")]
    expected = {id(o) for o in items if "sip" in search_key(o.text)}
    assert len(expected) > 5
    assert {id(o) for o in first} & {id(o) for o in items} == expected
    assert fresh == stpmodel.parse(stpmodel.source_text())  # kept keys are not part of ==
    assert pickle.loads(pickle.dumps(fresh)) == fresh


def test_ranges_count_for_the_years_they_write() -> None:
    import stpmodel

    doc = (
        "(1) 見出し\n① 小\n"
        "○2017年度から2040年度まで推進。【科技】\t・実施。\t・2024～2026年度に整備。【文】\n"
    )
    roadmap = stpmodel.parse(doc)
    assert [d.item.id for d in roadmap.deadlines(from_year=2025, to_year=2025)] == []
    assert [d.item.id for d in roadmap.deadlines(from_year=2026, to_year=2030)] == ["1.1.1.a1"]
    assert [d.item.id for d in roadmap.deadlines(from_year=2040)] == ["1.1.1"]
    assert [d.item.id for d in roadmap.deadlines(to_year=2017)] == ["1.1.1"]


def test_due_date_is_a_deprecated_alias_of_mention_due(roadmap: Roadmap) -> None:
    mention = roadmap.deadlines()[0].mention
    with pytest.warns(DeprecationWarning, match="DateMention.due"):
        assert query.due_date(mention) == mention.due
