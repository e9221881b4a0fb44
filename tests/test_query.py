"""Query helpers on the bundled roadmap, with ``as_of`` always given."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from stpmodel import (
    Action,
    DateMention,
    Deadline,
    Initiative,
    ItemKind,
    MinistryKind,
    Relation,
    StatusNote,
    StpError,
    UnknownIdError,
    query,
)
from stpmodel.roadmap import Deadlines, Items, Nodes, Roadmap

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
    with pytest.raises(UnknownIdError):
        query.items_of(roadmap, "no-such-program")


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


# -- names in every spelling (issue 12) ------------------------------------------------
@pytest.mark.parametrize("name", ["SIP", "S I P", "ＳＩＰ", "戦略的イノベーション創造プログラム"])
def test_a_program_by_any_name(roadmap: Roadmap, name: str) -> None:
    expected = roadmap.deadlines(program="sip")
    assert expected
    assert roadmap.deadlines(program=name) == expected
    assert query.deadlines(roadmap, program=name) == expected
    assert query.items_of(roadmap, name) == query.items_of(roadmap, "sip")
    assert query.ministries_of(roadmap, name) == query.ministries_of(roadmap, "sip")


def test_a_ministry_by_code_abbreviation_or_name(roadmap: Roadmap) -> None:
    spellings = [
        "文",
        "MEXT",
        "mext",
        "文部科学省",
        "文科省",
        "Ministry of Education, Culture, Sports, Science and Technology",
    ]
    actions = {name: query.actions_of(roadmap, name) for name in spellings}
    deadlines = {name: roadmap.deadlines(ministry=name) for name in spellings}
    programs = {name: query.programs_of(roadmap, name) for name in spellings}
    assert actions["文"]
    assert deadlines["文"]
    for name in spellings:
        assert actions[name] == actions["文"], name
        assert deadlines[name] == deadlines["文"], name
        assert programs[name] == programs["文"], name


def test_a_registered_ministry_without_items_is_no_error(roadmap: Roadmap) -> None:
    code = roadmap.ministry_code("デジタル庁")
    assert code not in roadmap.ministries  # known to the registry, not tagged here
    assert query.actions_of(roadmap, "デジタル庁") == ()


def test_an_unknown_name_lists_close_matches(roadmap: Roadmap) -> None:
    with pytest.raises(UnknownIdError) as caught:
        roadmap.deadlines(ministry="NOPE")
    error = caught.value
    assert isinstance(error, StpError)
    assert isinstance(error, KeyError)
    assert error.matches
    message = str(error)
    assert "'NOPE'" in message
    for match in error.matches:
        assert match in message
        assert match.split(" ")[0] in roadmap.ministries or roadmap.ministry_code(
            match.split(" ")[0]
        )
    with pytest.raises(UnknownIdError) as close:
        query.actions_of(roadmap, "文部省")
    assert close.value.matches[0].startswith("文 ")
    with pytest.raises(UnknownIdError) as program:
        query.items_of(roadmap, "SIPP")
    assert program.value.matches[0].startswith("sip ")


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda r: r.deadlines(from_year="2025"), "from_year"),
        (lambda r: r.deadlines(to_year=2027.0), "to_year"),
        (lambda r: r.deadlines(from_year=True), "from_year"),
        (lambda r: r.deadlines(ministry=3), "ministry"),
        (lambda r: r.deadlines(lead_only="yes"), "lead_only"),
        (lambda r: query.overdue(r, "2026-04-01"), "as_of"),  # type: ignore[arg-type]
        (lambda r: query.deadlines(r, start="2025-04-01"), "start"),  # type: ignore[arg-type]
        (lambda r: query.search(r, 2025), "text"),  # type: ignore[arg-type]
    ],
)
def test_arguments_of_the_wrong_type_are_named(roadmap: Roadmap, call: Any, argument: str) -> None:
    with pytest.raises(TypeError, match=f"^{argument} must be") as caught:
        call(roadmap)
    assert isinstance(caught.value, StpError)


# -- query semantics -------------------------------------------------------------------
def test_overdue_counts_passed_target_and_during_dates(roadmap: Roadmap) -> None:
    as_of = dt.date(2026, 4, 1)
    late = query.overdue(roadmap, as_of=as_of)
    relations = {d.mention.relation for d in late}
    assert relations == {Relation.BY, Relation.TARGET, Relation.DURING}
    assert all(d.mention.due < as_of for d in late)
    ids = [(d.item.id, d.mention.text) for d in late]
    assert ("6.4.3", "2025年度を目指して") in ids  # a target whose year has ended
    assert any(d.mention.text.endswith("中に") for d in late)  # 2021年度中に
    strict = query.overdue(roadmap, as_of=as_of, relations=("by",))
    assert {d.mention.relation for d in strict} == {Relation.BY}
    assert set(strict) < set(late)
    # from / as_of / at dates never count: they say when, not by when
    everything = query.overdue(roadmap, as_of=dt.date(2100, 1, 1))
    assert {d.mention.relation for d in everything} == set(query.OVERDUE_RELATIONS)


def test_every_dated_deadline_is_overdue_or_upcoming(roadmap: Roadmap) -> None:
    as_of = dt.date(2026, 4, 1)
    late = set(query.overdue(roadmap, as_of))
    soon = set(query.upcoming(roadmap, as_of, within=dt.timedelta(days=365 * 100)))
    counted = [d for d in roadmap.deadlines() if d.mention.relation in query.OVERDUE_RELATIONS]
    assert late.isdisjoint(soon)
    assert late | soon == set(counted)


def test_kind_filters(roadmap: Roadmap) -> None:
    actions = roadmap.deadlines(kind="action")
    initiatives = roadmap.deadlines(kind=ItemKind.INITIATIVE)
    assert actions
    assert initiatives
    assert all(isinstance(d.item, Action) for d in actions)
    assert all(isinstance(d.item, Initiative) for d in initiatives)
    assert len(actions) + len(initiatives) == len(roadmap.deadlines())
    with pytest.raises(UnknownIdError, match="deadline kind 'status_note'"):
        roadmap.deadlines(kind="status_note")
    notes = query.items_of(roadmap, "sip", kind="status_note")
    assert notes
    assert all(isinstance(n, StatusNote) for n in notes)
    by_kind = [query.items_of(roadmap, "sip", kind=k) for k in ItemKind]
    assert sum(len(x) for x in by_kind) == len(query.items_of(roadmap, "sip"))


def test_co_responsibility_counts_shared_actions(roadmap: Roadmap) -> None:
    pairs = query.co_responsibility(roadmap)
    assert pairs
    collective = {c for c, m in roadmap.ministries.items() if m.kind is MinistryKind.COLLECTIVE}
    assert collective, "the bundled roadmap tags 関係府省"
    for pair in pairs:
        assert pair.first != pair.second
        assert not {pair.first, pair.second} & collective
        tagged = [
            a.id
            for a in roadmap.actions
            if {pair.first, pair.second} <= {r.code for r in a.ministries}
        ]
        assert list(pair.items) == tagged
        assert pair.count == len(tagged)
    counts = [p.count for p in pairs]
    assert counts == sorted(counts, reverse=True)
    with_collective = query.co_responsibility(roadmap, collective=True)
    assert any({p.first, p.second} & collective for p in with_collective)
    graph = pairs.to_graph()
    assert graph.number_of_edges() == len(pairs)
    assert all(graph[p.first][p.second]["weight"] == p.count for p in pairs)
    both = query.co_responsibility(roadmap, kind=None)
    assert sum(p.count for p in both) >= sum(p.count for p in pairs)


def test_result_collections_keep_their_type(roadmap: Roadmap) -> None:
    assert isinstance(roadmap.deadlines(), Deadlines)
    assert isinstance(query.overdue(roadmap, dt.date(2026, 4, 1)), Deadlines)
    assert isinstance(query.items_of(roadmap, "sip"), Items)
    assert isinstance(query.actions_of(roadmap, "文"), Items)
    assert isinstance(query.search(roadmap, "SIP"), Nodes)
    found = query.items_of(roadmap, "sip")
    assert isinstance(found[1:3], Items)
    assert found[1:3] == tuple(found)[1:3]
    codes = query.ministries_of(roadmap, "sip")
    assert isinstance(codes[:2], type(codes))
    assert codes[:2] == tuple(codes)[:2]


def test_result_collections_as_frames(roadmap: Roadmap) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    found = roadmap.deadlines(from_year=2025, to_year=2027)
    frame = found.to_frame()
    assert len(frame) == len(found)
    assert list(frame["id"]) == [d.item.id for d in found]
    assert str(frame["due"].dtype).startswith("datetime64")
    items = query.items_of(roadmap, "sip").to_frame()
    assert list(items["id"]) == [i.id for i in query.items_of(roadmap, "sip")]
    pairs = query.co_responsibility(roadmap).to_frame()
    assert list(pairs["count"]) == [p.count for p in query.co_responsibility(roadmap)]
    nodes = query.search(roadmap, "SIP")
    assert list(nodes.to_frame()["id"]) == [n.id for n in nodes]
    codes = query.ministries_of(roadmap, "sip")
    frame = codes.to_frame()
    assert list(frame["code"]) == list(codes)
    assert all(frame["name"])  # every code has its Japanese name


def test_close_matches_use_english_names_and_their_words(roadmap: Roadmap) -> None:
    with pytest.raises(UnknownIdError) as education:
        query.actions_of(roadmap, "Ministry of Education")
    assert education.value.matches[0].startswith("文 ")
    with pytest.raises(UnknownIdError) as words:
        query.actions_of(roadmap, "Education and Science")
    assert any(m.startswith("文 ") for m in words.value.matches)
    with pytest.raises(UnknownIdError) as program:
        query.items_of(roadmap, "Strategic Innovation")
    assert any(m.startswith("sip ") for m in program.value.matches)
