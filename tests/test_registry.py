"""Registries: ministry codes and the program catalog, and program matching."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import stpmodel
from stpmodel import MinistryKind
from stpmodel.model import OperatorRole, ProgramKind, ProgramStatus
from stpmodel.registry import ProgramMatcher, default_ministries, default_programs, program_key

GLOSSARY_CODES = [
    "科技",
    "健康医療",
    "知財",
    "宇宙",
    "海洋",
    "地理空間",
    "内閣官房",
    "総",
    "外",
    "文",
    "厚",
    "農",
    "経",
    "国",
    "環",
    "防",
    "復",
    "関係府省",
    "関係府省庁",
    "全府省",
]


def test_every_code_of_the_source_is_registered() -> None:
    ministries = default_ministries()
    for code in GLOSSARY_CODES:
        assert code in ministries, code
        assert ministries[code].name_ja
        assert ministries[code].name_en
    assert ministries["関係府省"].kind is MinistryKind.COLLECTIVE
    assert ministries["文"].abbreviation == "MEXT"


def test_catalog_ids_are_unique_and_complete() -> None:
    programs = default_programs()
    for pid in (
        "sip",
        "moonshot",
        "aspire",
        "satreps",
        "sicorp",
        "bridge",
        "prism",
        "wpi",
        "nexus",
        "first",
        "impact",
        "jst-mirai",
        "coi-next",
        "strategic-basic-research",
        "kakenhi",
        "top-global-university",
        "green-innovation-fund",
        "beyond5g-fund",
        "rd20",
        "ristex",
        "horizon-europe",
    ):
        assert pid in programs, pid
    for program in programs.values():
        assert program.part_of == "" or program.part_of in programs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("次期 S I P の課題として推進する", ("sip",)),
        ("S I P 第 3 期の成果", ("sip",)),
        ("ＳＩＰ第２期", ("sip",)),
        ("「ムーンショット型研究開発制度」について", ("moonshot",)),
        ("先端国際共同研究推進事業/プログラム（ASPIRE）において", ("aspire",)),
        ("協働連携事業（NEXTUS）を計上", ("nexus",)),
        (
            "最先端研究開発支援プログラム(F I R S T)や革新的研究開発推進プログラム(I m P A C T)",
            ("first", "impact"),
        ),
        ("SOLVE for S D G s の事例", ("solve-for-sdgs",)),
        ("革新的情報通信技術（Beyond 5G（6G））基金事業", ("beyond5g-fund",)),
        ("the first step", ()),
        ("GOSSIP", ()),
    ],
)
def test_matching_across_spellings(text: str, expected: tuple[str, ...]) -> None:
    assert ProgramMatcher(default_programs()).find(text) == expected


def test_program_key() -> None:
    assert program_key("次期 S I P⁹⁴") == "次期SIP"
    assert program_key("ＡＳＰＩＲＥ") == "ASPIRE"


def test_an_empty_catalog_matches_nothing() -> None:
    assert ProgramMatcher({}).find("SIP") == ()


# -- the program catalog: phases, periods, lineage, sources -----------------------------
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
