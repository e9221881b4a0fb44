"""The Roadmap aggregate: one walk over the whole tree, lookups and parents built from it."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import stpmodel
from stpmodel import (
    Action,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    ItemKind,
    Paragraph,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.roadmap import Roadmap


def test_walk_reaches_every_object_of_the_tree_once(roadmap: Roadmap) -> None:
    walked = list(roadmap.walk())
    ids = [obj.id for obj in walked]
    assert len(ids) == len(set(ids))
    kinds = Counter(type(obj).__name__ for obj in walked)
    section = roadmap.sections[0]
    assert kinds == Counter(
        {
            "Section": len(roadmap.sections),
            "Paragraph": sum(len(s.vision) for s in roadmap.sections),
            "Goal": sum(len(s.goals) for s in roadmap.sections),
            "Indicator": len(roadmap.indicators),
            "Subsection": len(roadmap.subsections),
            "Initiative": len(roadmap.initiatives),
            "StatusNote": len(roadmap.status_notes),
            "Action": len(roadmap.actions),
            "Footnote": len(roadmap.footnotes),
        }
    )
    assert section.vision, "the bundled section has a vision"
    assert section.goals, "the bundled section has goals"
    # everything get() finds is walked, except the registries
    for obj in walked:
        assert roadmap.get(obj.id) is obj


def test_walk_is_depth_first_in_document_order(roadmap: Roadmap) -> None:
    walked = list(roadmap.walk())
    position = {obj.id: i for i, obj in enumerate(walked)}
    for ini in roadmap.initiatives:
        children: list[StatusNote | Action] = [*ini.status_notes, *ini.actions]
        assert [position[c.id] for c in children] == list(
            range(position[ini.id] + 1, position[ini.id] + 1 + len(children))
        )
    # footnotes come after the sections' contents
    last_item = max(position[a.id] for a in roadmap.actions)
    assert all(position[f.id] > last_item for f in roadmap.footnotes.values())
    # the flattened views are the walk filtered by class
    assert tuple(o for o in walked if isinstance(o, Action)) == roadmap.actions
    assert tuple(o for o in walked if isinstance(o, Initiative)) == roadmap.initiatives
    assert tuple(o for o in walked if isinstance(o, StatusNote)) == roadmap.status_notes
    assert tuple(o for o in walked if isinstance(o, Indicator)) == roadmap.indicators
    assert tuple(o for o in walked if isinstance(o, Subsection)) == roadmap.subsections


def test_walk_with_parents_agrees_with_parent(roadmap: Roadmap) -> None:
    expected_parent: dict[type, tuple[type, ...]] = {
        Section: (),
        Footnote: (),
        Paragraph: (Section,),
        Goal: (Section,),
        Indicator: (Section,),
        Subsection: (Section,),
        Initiative: (Subsection,),
        StatusNote: (Initiative,),
        Action: (Initiative,),
    }
    for obj, parent in roadmap.walk_with_parents():
        assert roadmap.parent(obj.id) is parent
        allowed = expected_parent[type(obj)]
        if allowed:
            assert isinstance(parent, allowed), obj.id
        else:
            assert parent is None


def test_item_kinds_are_an_enum(roadmap: Roadmap) -> None:
    assert {i.kind for i in roadmap.initiatives} == {ItemKind.INITIATIVE}
    assert {a.kind for a in roadmap.actions} == {ItemKind.ACTION}
    assert {n.kind for n in roadmap.status_notes} == {ItemKind.STATUS_NOTE}
    kinds = {d.kind for d in roadmap.deadlines()}
    assert kinds == {ItemKind.INITIATIVE, ItemKind.ACTION}
    assert str(ItemKind.ACTION) == "action"  # a string enum: old comparisons still hold


def test_roadmap_to_frame_is_the_package_function(roadmap: Roadmap) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    for what in ("actions", "deadlines"):
        assert roadmap.to_frame(what).equals(stpmodel.to_frame(roadmap, what))


def test_get_program_and_ministry_take_any_name(roadmap: Roadmap) -> None:
    sip = roadmap.programs["sip"]
    mext = roadmap.ministries["文"]
    for name in ("SIP", "sip", "S I P", "戦略的イノベーション創造プログラム"):
        assert roadmap.get(name) is sip, name
        assert roadmap.program(name) is sip, name
    for name in ("MEXT", "文", "文部科学省", "文科省"):
        assert roadmap.get(name) is mext, name
        assert roadmap.ministry(name) is mext, name
    assert roadmap.get("SIP", stpmodel.Program) is sip
    with pytest.raises(TypeError, match="is a Program, not a Ministry"):
        roadmap.get("SIP", stpmodel.Ministry)


def test_a_registered_ministry_outside_the_roadmap_comes_from_the_registry(
    roadmap: Roadmap,
) -> None:
    digital = roadmap.ministry("デジタル庁")
    assert digital.code not in roadmap.ministries
    assert digital.name_ja == "デジタル庁"


def test_an_unknown_name_offers_ministries_and_programs(roadmap: Roadmap) -> None:
    with pytest.raises(stpmodel.UnknownIdError) as caught:
        roadmap.get("Ministry of Education")
    assert caught.value.matches[0].startswith("文 ")
    with pytest.raises(stpmodel.UnknownIdError) as program:
        roadmap.program("Ministry of Education")
    assert program.value.what == "program"
    with pytest.raises(stpmodel.UnknownIdError):
        roadmap.ministry("SIP")


def test_deadlines_by_the_fiscal_year_they_are_due_in(roadmap: Roadmap) -> None:
    import datetime as dt

    from stpmodel.records import deadline_record

    (fy2026,) = roadmap.deadlines(fiscal_year=2026)
    assert fy2026.item.id == "6.1.2.a6"
    assert deadline_record(fy2026)["fiscal_quarter"] == 3
    assert deadline_record(fy2026)["fiscal_year"] == 2026
    every = roadmap.deadlines()
    for years in (range(2025, 2028), range(2030, 2041)):
        expected = [
            d
            for d in every
            if stpmodel.Period.fiscal_year(years.start).start
            <= d.mention.due
            <= stpmodel.Period.fiscal_year(years.stop - 1).end
        ]
        assert list(roadmap.deadlines(fiscal_year=years)) == expected, years
    # the boundary: 31 March belongs to the fiscal year before
    march = [d for d in every if d.mention.due == dt.date(2026, 3, 31)]
    assert march
    assert set(march) <= set(roadmap.deadlines(fiscal_year=2025))
    assert not set(march) & set(roadmap.deadlines(fiscal_year=2026))


def test_deadlines_due_in_a_window(roadmap: Roadmap) -> None:
    import datetime as dt

    fiscal = stpmodel.Period.fiscal_year(2026)
    expected = roadmap.deadlines(fiscal_year=2026)
    assert roadmap.deadlines(due_in=fiscal) == expected
    assert roadmap.deadlines(due_in=(fiscal.start, fiscal.end)) == expected
    assert roadmap.deadlines(due_in="2026-04-01/2027-03-31") == expected
    assert roadmap.deadlines(due_in="2026-04/2027-03") == expected
    assert roadmap.deadlines(due_in=stpmodel.Period.quarter(2026, 3, fiscal=True)) == expected
    assert roadmap.deadlines(due_in="2026-12-31") == expected
    assert roadmap.deadlines(due_in=stpmodel.Period.quarter(2026, 2, fiscal=True)) == ()
    with pytest.raises(ValueError, match="due_in: '2026-13' is not an ISO date"):
        roadmap.deadlines(due_in="2026-13")
    with pytest.raises(ValueError, match="ends before it starts"):
        roadmap.deadlines(due_in=(dt.date(2027, 1, 1), dt.date(2026, 1, 1)))
    with pytest.raises(TypeError, match="due_in must be a Period"):
        roadmap.deadlines(due_in=2026)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="fiscal_year must be a fiscal year"):
        roadmap.deadlines(fiscal_year="2026")  # type: ignore[arg-type]


def test_containers_print_as_a_short_summary(roadmap: Roadmap) -> None:
    assert len(repr(stpmodel.load())) < 300
    text = repr(roadmap)
    assert text.startswith("<Roadmap ")
    assert f"{len(roadmap.actions)} actions" in text
    containers: list[object] = [
        *roadmap.sections,
        *roadmap.subsections,
        *roadmap.initiatives,
    ]
    for obj in containers:
        shown = repr(obj)
        assert len(shown) < 300, shown
        assert str(getattr(obj, "id", "?")) in shown
        assert "\n" not in shown
    ini = roadmap.get("6.1.2", Initiative)
    assert f"{len(ini.actions)} actions" in repr(ini)
    # leaf objects keep attrs' repr
    assert repr(roadmap.actions[0]).startswith("Action(id=")


def test_every_result_collection_prints_in_one_line(roadmap: Roadmap) -> None:
    from stpmodel import query
    from stpmodel.roadmap import Results

    collections: list[Results[Any]] = [
        roadmap.deadlines(),
        roadmap.deadlines(from_year=2090),
        query.search(roadmap, "SIP"),
        query.search(roadmap, "の"),
        query.actions_of(roadmap, "文"),
        query.items_of(roadmap, "sip"),
        query.ministries_of(roadmap, "sip"),
        query.programs_of(roadmap, "文"),
        query.co_responsibility(roadmap, None, collective=True),
        query.overdue(roadmap, stpmodel.Period.fiscal_year(2030).end),
        roadmap.observations(),
        roadmap.program_mentions(),
    ]
    kinds = {type(c).__name__ for c in collections}
    assert kinds == {
        "Deadlines",
        "Nodes",
        "Items",
        "Codes",
        "MinistryPairs",
        "Observations",
        "ProgramMentions",
    }
    for found in collections:
        shown = repr(found)
        assert len(shown) < 300, shown
        assert "\n" not in shown
        assert shown.startswith(f"<{type(found).__name__}: {len(found)} ")
    assert repr(query.search(roadmap, "SIP")[:2]).startswith("<Nodes: 2 objects — ")
    assert repr(roadmap.program_mentions()[:1]) == "<ProgramMentions: 1 mention — 6.k1 sip 第3期>"


def test_observations_are_ready_to_chart(roadmap: Roadmap) -> None:
    pd = pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    found = roadmap.observations()
    assert len(found) == sum(len(i.observations) for i in roadmap.indicators)
    assert len(repr(found)) < 300
    frame = found.to_frame()
    wanted = [
        "indicator_id",
        "series",
        "label",
        "value",
        "unit",
        "as_of_start",
        "as_of_end",
        "fiscal_year",
    ]
    assert set(wanted) <= set(frame.columns)
    assert frame.equals(roadmap.to_frame("observations"))
    assert frame["series"].notna().all()
    assert pd.api.types.is_integer_dtype(frame["footnote"])
    assert pd.api.types.is_integer_dtype(frame["fiscal_year"])
    k3 = frame[frame["indicator_id"] == "6.k3"]
    assert k3["unit"].tolist() == ["名", "件"]
    assert k3["series"].nunique() == 2
    assert k3["footnote"].tolist() == [95, 96]
    # a series never mixes units
    assert (
        frame.groupby(["indicator_id", "series", "label"], dropna=False)["unit"].nunique() == 1
    ).all()
    assert roadmap.observations("6.k3")[:1].to_frame()["value"].tolist() == [30.0]
    assert roadmap.observations("6.r5").records() == roadmap.observations()[7:13].records()


def test_a_value_takes_its_series_from_the_text_or_the_phrase_its_footnote_marks(
    roadmap: Roadmap,
) -> None:
    k3 = roadmap.get("6.k3", Indicator)
    first, second = (k3.series_of(o) for o in k3.observations)
    assert first == "国際機関におけるガイドライン等の作成における我が国の関与"
    assert second.endswith("に関する取組状況")
    r5 = roadmap.get("6.r5", Indicator)
    assert [r5.series_of(o) for o in r5.observations][:3] == ["食料自給率", "食料自給率", "輸出額"]
    r2 = roadmap.get("6.r2", Indicator)
    assert {r2.series_of(o) for o in r2.observations} == {r2.name}


def test_integer_columns_are_integers_in_every_frame(roadmap: Roadmap) -> None:
    pd = pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    from stpmodel.export.tables import SPECS

    for name, spec in SPECS.items():
        frame = roadmap.to_frame(name)
        for column in spec.columns:
            if column.kind == "int":
                assert pd.api.types.is_integer_dtype(frame[column.name]), (name, column.name)


def test_a_status_note_stands_for_its_initiatives_ministries() -> None:
    roadmap = stpmodel.load()
    initiative = roadmap.get("6.1.2", stpmodel.Initiative)
    note = initiative.status_notes[0]
    assert initiative.ministries
    assert roadmap.item_ministries(note) == initiative.ministries
    action = initiative.actions[0]
    assert roadmap.item_ministries(action) == action.ministries
    assert roadmap.item_ministries(initiative) == initiative.ministries
