"""Registries: ministry codes and the program catalog, and program matching."""

from __future__ import annotations

import pytest

from stpmodel import MinistryKind
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
