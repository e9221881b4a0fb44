"""Programs as the document means them: phases with periods, lineage, the mention rules
(explicit, alias, cue, next-phase, subject) and reposts' originals, on the bundled source
and on constructed input."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

import stpmodel
from stpmodel import query
from stpmodel.model import MentionRule, OperatorRole, ProgramKind, ProgramStatus
from stpmodel.registry import default_programs
from stpmodel.roadmap import Roadmap
from stpmodel.schema import json_schema
from stpmodel.serialize import dumps, loads


def _item(
    roadmap: Roadmap, ident: str
) -> stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action:
    node = roadmap.get(ident) if hasattr(roadmap, "get") else None
    if node is None:
        node = next(n for n in roadmap.walk() if getattr(n, "id", None) == ident)
    assert isinstance(node, stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action)
    return node


Linked = stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action | stpmodel.Indicator
Reposted = stpmodel.Initiative | stpmodel.Action | stpmodel.Indicator


def _linked(roadmap: Roadmap) -> list[Linked]:
    return [n for n in roadmap.walk() if isinstance(n, Linked)]


def _reposted(roadmap: Roadmap) -> list[Reposted]:
    return [n for n in roadmap.walk() if isinstance(n, Reposted)]


# -- the registry ---------------------------------------------------------------------
def test_sip_phases_have_their_fiscal_years() -> None:
    sip = default_programs()["sip"]
    third = sip.phase(3)
    assert third.period is not None
    assert (third.period.start, third.period.end) == (dt.date(2023, 4, 1), dt.date(2028, 3, 31))
    assert (sip.phase(1).start_fy, sip.phase(1).end_fy) == (2014, 2018)
    assert (sip.phase(2).start_fy, sip.phase(2).end_fy) == (2018, 2022)
    assert sip.active_in(2026)
    assert not sip.phase(2).active_in(2026)
    with pytest.raises(stpmodel.UnknownIdError, match="phase of sip"):
        sip.phase(4)


def test_the_basic_plan_and_the_other_plans_and_terms_are_registered() -> None:
    programs = default_programs()
    plan = programs["sti-basic-plan"]
    assert plan.kind is ProgramKind.PLAN
    assert [p.number for p in plan.phases] == [1, 2, 3, 4, 5, 6, 7]
    sixth = plan.phase(6)
    assert (sixth.start_fy, sixth.end_fy, sixth.confirmed) == (2021, 2025, True)
    assert (plan.phase(7).start_fy, plan.phase(7).end_fy, plan.phase(7).confirmed) == (
        2026,
        2030,
        False,  # planned; its adoption is not sourced
    )
    geo = programs["geospatial-basic-plan"]
    assert [(p.number, p.start_fy, p.end_fy) for p in geo.phases] == [
        (1, 2008, 2011),
        (2, 2012, 2016),
        (3, 2017, 2021),
        (4, 2022, 2026),
    ]
    assert programs["intellectual-infra-plan"].phase(3).end_fy == 2030
    editions = [p.number or 0 for p in programs["integrated-innovation-strategy"].phases]
    assert editions == sorted(editions)
    assert 2024 in editions
    term = programs["reconstruction-agency-term"]
    assert term.kind is ProgramKind.TERM
    assert term.phase(2).end_fy == 2030
    for pid in (
        "sakura-science",
        "reinventing-japan",
        "ri-action-plan",
        "research-university-package",
        "f-rei",
    ):
        assert pid in programs, pid
    assert programs["f-rei"].start_fy == 2023
    assert programs["reinventing-japan"].start_fy == 2011


def test_registry_errors_are_fixed() -> None:
    programs = default_programs()
    assert programs["moonshot"].goal(10).start_fy == 2023
    assert [g.number for g in programs["moonshot"].goals] == list(range(1, 11))
    assert "J-PEAKS" not in programs["coi-next"].name_en
    social = programs["social-impact"]
    assert social.name_ja == "大学の国際化によるソーシャルインパクト創出支援事業"
    assert (social.start_fy, social.end_fy) == (2024, 2029)
    for pid in ("satreps", "aspire"):
        assert "AMED" in [op.name for op in programs[pid].operators], pid
    assert "先端国際共同研究推進基金" not in programs["aspire"].aliases


def test_lineage() -> None:
    programs = default_programs()
    chain = [("prism", "bridge"), ("first", "impact"), ("impact", "moonshot"), ("sicp", "sicorp")]
    for before, after in chain:
        assert programs[before].successor == after
        assert programs[after].predecessor == before
        assert programs[before].lineage_source
        assert programs[after].lineage_source
    assert programs["prism"].status is ProgramStatus.ENDED
    assert not programs["prism"].active_in(2024)
    assert programs["bridge"].active_in(2024)
    assert programs["prism"].end_fy == 2022
    assert programs["bridge"].start_fy == 2023


def test_every_phase_goal_period_and_operator_role_has_a_source() -> None:
    for program in default_programs().values():
        for phase in (*program.phases, *program.goals):
            assert phase.source.strip(), (program.id, phase.label)
            assert phase.program == program.id
        if program.start_fy is not None or program.end_fy is not None:
            assert program.period_source.strip(), program.id
        if program.predecessor or program.successor:
            assert program.lineage_source.strip(), program.id
        for op in program.operators:
            assert op.role in OperatorRole


def test_consecutive_phases_do_not_overlap_unless_the_source_says_so() -> None:
    overlapping = []
    for program in default_programs().values():
        phases = program.phases
        for before, after in itertools.pairwise(phases):
            assert before.number is not None
            assert after.number is not None
            assert before.number < after.number, program.id
            if before.end_fy is None or after.start_fy is None:
                continue
            if after.start_fy <= before.end_fy:
                assert after.overlaps_previous, (program.id, after.label)
                overlapping.append((program.id, after.label))
            else:
                assert not after.overlaps_previous, (program.id, after.label)
    assert overlapping == [("sip", "第2期")]


def test_horizon_europe_counts_calendar_years() -> None:
    horizon = default_programs()["horizon-europe"]
    assert horizon.calendar is stpmodel.Calendar.GREGORIAN
    assert horizon.period is not None
    assert (horizon.period.start, horizon.period.end) == (
        dt.date(2021, 1, 1),
        dt.date(2027, 12, 31),
    )


# -- mentions on the bundled roadmap ----------------------------------------------------
def _mentions(roadmap: Roadmap) -> list[tuple[str, stpmodel.ProgramMention]]:
    found = []
    for node in _linked(roadmap):
        for mention in node.program_mentions:
            found.append((node.id, mention))
    return found


def test_every_next_sip_is_sip_phase_3(roadmap: Roadmap, source: str) -> None:
    nexts = [(i, m) for i, m in _mentions(roadmap) if m.program == "sip" and "次期" in m.text]
    written = "".join(source.split()).count("次期SIP")
    assert len(nexts) == written == 6
    for ident, mention in nexts:
        assert mention.phase == 3, ident
        assert mention.rule is MentionRule.NEXT_PHASE
        assert mention.inferred
        assert mention.period is not None
        assert mention.period.label == "FY2023–FY2027"


def test_next_basic_plan_in_the_2024_columns_is_the_7th(roadmap: Roadmap) -> None:
    (mention,) = _item(roadmap, "6.1.3.a1").program_mentions
    assert (mention.program, mention.phase, mention.rule) == ("sti-basic-plan", 7, "next-phase")
    assert mention.period is not None
    assert mention.period.label == "FY2026–FY2030"
    # column 1 quotes the plan of 2021: its 次期 geospatial plan is the 4th (FY2022–FY2026)
    (geo,) = _item(roadmap, "6.1.7").program_mentions
    assert (geo.program, geo.phase) == ("geospatial-basic-plan", 4)


def test_named_phases_link_to_that_phase(roadmap: Roadmap) -> None:
    second = [m for m in _item(roadmap, "6.3.3").program_mentions if m.program == "sip"]
    assert [(m.phase, m.rule) for m in second] == [(2, "explicit")]
    assert second[0].text == "S I P第2期"
    third = _item(roadmap, "6.1.4.s1").program_mentions[0]
    assert (third.phase, third.text, third.span) == (3, "S I P 第 3 期", (0, 11))
    last = _item(roadmap, "6.3.1.a2").program_mentions[0]
    assert (last.program, last.phase, last.rule) == ("sip", 3, "cue")
    assert last.period == stpmodel.Period.fiscal_year(2027)  # 第3期の最終年度
    plan = _item(roadmap, "6.4.3.a1").program_mentions
    assert [(m.program, m.phase) for m in plan] == [("intellectual-infra-plan", 3)]
    term = _item(roadmap, "6.2.4.a1").program_mentions
    (rebuilt,) = [m for m in term if m.program == "reconstruction-agency-term"]
    assert rebuilt.period is not None
    assert rebuilt.period.end == dt.date(2031, 3, 31)


def test_spans_point_at_the_words(roadmap: Roadmap) -> None:
    for ident, mention in _mentions(roadmap):
        if mention.span is None:
            assert mention.rule is MentionRule.SUBJECT
            assert mention.via
            continue
        node = _item(roadmap, ident) if not ident.startswith("6.k") else None
        text = (
            node.text
            if node is not None
            else next(i for i in roadmap.indicators if i.id == ident).text
        )
        start, end = mention.span
        assert text[start:end] == mention.text, ident


def test_subject_programs_reach_the_items_that_name_none(roadmap: Roadmap) -> None:
    actions = {a.id for a in query.items_of(roadmap, "moonshot", kind="action")}
    assert {"6.2.2.a1", "6.2.2.a2", "6.2.2.a4"} <= actions
    named = {a.id for a in query.items_of(roadmap, "moonshot", kind="action", inferred=False)}
    assert not named & {"6.2.2.a1", "6.2.2.a2", "6.2.2.a4"}
    for ident in ("6.2.2.a1", "6.2.2.a2", "6.2.2.a4"):
        (mention,) = _item(roadmap, ident).program_mentions
        assert (mention.rule, mention.inferred, mention.via) == ("subject", True, "6.2.2")
    assert "6.2.2.a3" not in actions  # names Horizon Europe itself
    assert _item(roadmap, "6.3.4.a1").programs == ("prism", "bridge")


def test_a_list_of_programs_passes_nothing(roadmap: Roadmap) -> None:
    sip_actions = [
        a.id for a in query.items_of(roadmap, "SIP", kind="action") if a.id.startswith("6.1.2.")
    ]
    assert sip_actions == ["6.1.2.a1"]


def test_the_nexus_fund_is_not_aspire(roadmap: Roadmap) -> None:
    for ident in ("6.5.5.s1", "6.5.5.s3"):
        assert "aspire" not in _item(roadmap, ident).programs
        assert "nexus" in _item(roadmap, ident).programs


def test_programs_are_derived_from_mentions(roadmap: Roadmap) -> None:
    for node in _linked(roadmap):
        mentions = node.program_mentions
        assert node.programs == tuple(dict.fromkeys(m.program for m in mentions))
        for mention in mentions:
            assert mention.inferred == mention.rule.inferred


def test_every_repost_has_its_original_or_says_it_is_outside(roadmap: Roadmap) -> None:
    reposts = [n for n in _reposted(roadmap) if n.repost]
    assert len(reposts) == 12
    found = {}
    for node in reposts:
        assert (node.repost_of is None) == node.repost_outside, node.id
        if node.repost_of is not None:
            found[node.id] = node.repost_of
    assert found == {"6.1.5.a2": "6.1.5.a1", "6.3.1.a1": "6.2.1.a1"}
    for node in _reposted(roadmap):
        if not node.repost:
            assert node.repost_of is None
            assert not node.repost_outside


# -- constructed input -------------------------------------------------------------------
HEADER = (
    "(6) 見出し\n\n① 小見出し\n\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
)


def _parse(rows: str, edition: int | None = 2024) -> Roadmap:
    return stpmodel.parse(HEADER + rows, name="t.txt", edition=edition)


def test_a_plan_phase_under_an_sip_initiative_is_the_plans() -> None:
    roadmap = _parse(
        "○S I P第3期について推進する。【科技】\t・S I P第3期を推進。\t"
        "・第3期知的基盤整備計画に基づく施策を実施。【経】 ・第3期の成果を検証。【科技】\n"
    )
    plan, sip = roadmap.actions
    assert plan.programs == ("intellectual-infra-plan",)
    assert plan.program_mentions[0].phase == 3
    assert [(m.program, m.phase, m.rule) for m in sip.program_mentions] == [("sip", 3, "cue")]


def test_the_subject_rule_needs_the_program_as_topic() -> None:
    listing = _parse(
        "○A Iや量子などの分野について推進し、次期 S I P の課題とする。【科技】\t・調査を実施。\t・体制を整備。【科技】\n"
    )
    assert listing.actions[0].programs == ()
    assert listing.status_notes[0].programs == ()
    topic = _parse(
        "○2018年に創設した「ムーンショット型研究開発制度」について推進する。【科技】\t・評価を実施。\t・見直しを実施。【科技】\n"
    )
    assert topic.actions[0].programs == ("moonshot",)
    assert topic.status_notes[0].program_mentions[0].rule is MentionRule.SUBJECT


def test_next_phase_resolves_against_the_year_written() -> None:
    rows = "○次期S I Pを検討する。【科技】\t・次期S I Pを検討。\t・次期基本計画に反映。【科技】\n"
    roadmap = _parse(rows)
    assert roadmap.initiatives[0].program_mentions[0].phase == 3  # the 2021 plan's 次期
    assert roadmap.actions[0].program_mentions[0].phase == 7  # the 2024 column's
    # written in 2024, 次期SIP would be a 4th phase the registry does not know: a warning
    assert [w.code for w in roadmap.warnings] == ["unresolved-phase"]
    assert roadmap.status_notes[0].program_mentions[0].phase is None
    unknown = _parse(rows, edition=None)
    assert unknown.warnings == ()
    assert all(m.phase is None for n in _linked(unknown) for m in n.program_mentions)


# -- JSON ----------------------------------------------------------------------------------
def test_the_new_fields_round_trip_and_are_in_the_schema(roadmap: Roadmap) -> None:
    text = dumps(roadmap)
    assert loads(text) == roadmap
    defs = json_schema()["$defs"]
    for name in ("Phase", "ProgramMention", "Operator"):
        assert name in defs, name
    assert "program_mentions" in defs["Action"]["properties"]
    assert "repost_of" in defs["Action"]["properties"]
    assert "phases" in defs["Program"]["properties"]
    data = json.loads(text)
    data["programs"]["prism"]["successor"] = "nowhere"
    with pytest.raises(stpmodel.LoadError, match="unknown program 'nowhere'"):
        loads(json.dumps(data))


# -- queries and exports ---------------------------------------------------------------------
def test_the_resolver_returns_registry_programs_with_phases(roadmap: Roadmap) -> None:
    sip = roadmap.program("S I P")
    period = sip.phase(3).period
    assert period is not None
    assert (period.start, period.end) == (dt.date(2023, 4, 1), dt.date(2028, 3, 31))
    sixth = roadmap.program("科学技術・イノベーション基本計画").phase(6)
    assert (sixth.start_fy, sixth.end_fy) == (2021, 2025)


def test_deadlines_of_a_phase(roadmap: Roadmap) -> None:
    third = roadmap.deadlines(program="SIP", phase=3)
    assert {d.item.id for d in third} == {"6.3.1", "6.3.1.a2", "6.3.1.a3", "6.3.2", "6.3.2.a1"}
    assert query.deadlines(roadmap, program="sip", phase=3) == third
    assert roadmap.deadlines(program="SIP", phase=1) == ()
    with pytest.raises(ValueError, match="phase= needs program="):
        roadmap.deadlines(phase=3)
    with pytest.raises(TypeError, match="phase"):
        roadmap.deadlines(program="SIP", phase="3")  # type: ignore[arg-type]


def test_program_mentions_collection(roadmap: Roadmap) -> None:
    found = roadmap.program_mentions("SIP", phase=3)
    records = found.records()
    assert {"item_id", "program_id", "phase", "text", "start", "end", "inferred", "rule"} <= set(
        records[0]
    )
    assert all(r["program_id"] == "sip" and r["phase"] == 3 for r in records)
    assert {r["item_id"] for r in records if r["rule"] == "next-phase"} >= {"6.k1", "6.3.2"}
    assert all(not r["inferred"] for r in roadmap.program_mentions(inferred=False).records())
    assert "<table" in found._repr_html_()
    assert isinstance(found[:2], stpmodel.ProgramMentions)
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    frame = found.to_frame()
    assert str(frame["start"].dtype).startswith("datetime64")
    assert frame["inferred"].dtype == bool


def test_sqlite_program_tables_have_date_columns(roadmap: Roadmap, tmp_path: Path) -> None:
    import sqlite3

    from stpmodel.export.sqlite import write_sqlite

    path = write_sqlite(roadmap, tmp_path / "r.sqlite")
    db = sqlite3.connect(path)
    try:
        for table in ("program_phases", "program_mentions"):
            declared = {r[1]: r[2] for r in db.execute(f"PRAGMA table_info({table})")}
            assert (declared["start"], declared["end"]) == ("DATE", "DATE"), table
        row = db.execute(
            "SELECT start, end, confirmed FROM program_phases "
            "WHERE program_id = 'sip' AND kind = 'phase' AND number = 3"
        ).fetchone()
        assert row == ("2023-04-01", "2028-03-31", 1)
        (count,) = db.execute(
            "SELECT count(*) FROM program_mentions WHERE rule = 'subject' AND program_id = 'moonshot'"
        ).fetchone()
        assert count == 5  # 6.2.2.s1, s7, a1, a2, a4
    finally:
        db.close()


def test_the_graph_has_phases_lineage_and_mention_rules(roadmap: Roadmap) -> None:
    pytest.importorskip("networkx", reason="the 'graph' extra is not installed")
    from stpmodel.graph import build_graph, neighbors, phase_node

    graph = build_graph(roadmap)
    third = phase_node("sip", 3)
    assert graph.nodes[third]["start_fy"] == 2023
    assert third in neighbors(graph, "sip", relation="phase")
    assert "bridge" in neighbors(graph, "prism", relation="succeeded_by")
    edges = [d for _, t, d in graph.out_edges("6.2.2.a1", data=True) if t == "moonshot"]
    assert [(d["rule"], d["inferred"]) for d in edges] == [("subject", True)]
    next_sip = [d for _, t, d in graph.out_edges("6.k1", data=True) if t == "sip"]
    assert [(d["rule"], d["phase"]) for d in next_sip] == [("next-phase", 3)]
    reposts = sorted((a, b) for a, b, r in graph.edges(data="relation") if r == "reposts")
    assert reposts == [("6.1.5.a2", "6.1.5.a1"), ("6.3.1.a1", "6.2.1.a1")]


def test_the_glossary_lists_every_program_with_its_phases_and_sources() -> None:
    from stpmodel.registry._glossary import program_facts_markdown

    programs = default_programs()
    text = program_facts_markdown(programs)
    for pid, program in programs.items():
        assert f"`{pid}`" in text, pid
        for phase in (*program.phases, *program.goals):
            assert f"| {phase.label} |" in text, (pid, phase.label)
            assert phase.source.split()[0] in text
    assert "Lineage: `prism` → `bridge`" in text
    assert "2021–2027 (calendar years)" in text


def test_key_offsets_match_a_per_character_reference() -> None:
    import bisect
    import random
    import unicodedata

    from stpmodel.parsing._programs import Keyed

    rng = random.Random(1)
    alphabet = list("SIP第3期 　\t⁹⁴の㈱Ｓab㍻")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        chars: list[str] = []
        kept: list[int] = []
        for i, c in enumerate(text):
            n = "" if c.isspace() or c in "⁰¹²³⁴⁵⁶⁷⁸⁹" else unicodedata.normalize("NFKC", c)
            chars.append(n)
            kept.extend([i] * len(n))
        keyed = Keyed(text)
        assert keyed.key == "".join(chars), text
        assert [keyed.to_text(i) for i in range(len(keyed.key))] == kept, text
        for offset in range(len(text) + 1):
            assert keyed.to_key(offset) == bisect.bisect_left(kept, offset), (text, offset)


def test_a_council_named_after_the_strategy_is_not_the_strategy() -> None:
    roadmap = _parse(
        "○統合イノベーション戦略推進会議で議論し、統合戦略に反映する。【科技】\t・実施。\t・推進。【科技】\n"
    )
    (mention,) = roadmap.initiatives[0].program_mentions
    assert (mention.program, mention.text) == ("integrated-innovation-strategy", "統合戦略")


def test_bare_basic_plan_needs_a_phase_to_name_the_plan() -> None:
    roadmap = _parse(
        "○基本計画に基づき、第6期基本計画を推進する。【科技】\t・実施。\t・推進。【科技】\n"
    )
    mentions = roadmap.initiatives[0].program_mentions
    assert [(m.program, m.phase, m.text) for m in mentions] == [
        ("sti-basic-plan", 6, "第6期基本計画")
    ]


def test_xlsx_has_the_program_sheets(roadmap: Roadmap, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'xlsx' extra is not installed")
    from stpmodel.export import export

    path = tmp_path / "r.xlsx"
    export(roadmap, "xlsx", path)
    book = openpyxl.load_workbook(path)
    rows = list(book["program_phases"].iter_rows(values_only=True))
    header = rows[0]
    sip3 = next(r for r in rows[1:] if r[0] == "sip" and r[3] == "第3期")
    assert sip3[header.index("start")] == dt.datetime(2023, 4, 1)
    assert sip3[header.index("end")] == dt.datetime(2028, 3, 31)
    assert "rule" in next(book["program_mentions"].iter_rows(values_only=True))
