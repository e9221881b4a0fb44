"""The parser on the bundled source: structure, page-break joins, tags, coverage."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import stpmodel
from stpmodel import Action, Indicator, IndicatorKind, Initiative, MinistryRef
from stpmodel.errors import WarningCode
from stpmodel.roadmap import Roadmap
from tests.conftest import DATA, shared_file


def test_counts(roadmap: Roadmap) -> None:
    assert len(roadmap.sections) == 1
    (section,) = roadmap.sections
    assert (section.id, section.number) == ("6", 6)
    assert section.title.startswith("様々な社会課題を解決するための研究開発")
    assert [len(s.initiatives) for s in section.subsections] == [7, 4, 5, 3, 6]
    assert len(roadmap.initiatives) == 25
    assert len(roadmap.actions) == 95
    assert len(roadmap.status_notes) == 102
    assert sorted(roadmap.footnotes) == [94, 95, 96, 97, 98, 99]
    kinds = [i.kind for i in roadmap.indicators]
    assert kinds.count(IndicatorKind.KEY) == 3
    assert kinds.count(IndicatorKind.REFERENCE) == 8
    assert len(section.vision) == 4
    assert len(section.goals) == 1


def test_bundled_source_parses_strictly_with_no_warnings(source: str) -> None:
    roadmap = stpmodel.parse(source, strict=True)
    assert roadmap.warnings == ()


def _items(roadmap: Roadmap) -> list[Initiative | Action]:
    return [*roadmap.initiatives, *roadmap.actions]


def test_every_item_has_a_ministry(roadmap: Roadmap) -> None:
    for item in _items(roadmap):
        assert item.ministries, item.id


def test_underlined_tags_are_leads(roadmap: Roadmap) -> None:
    evidence = roadmap.get("6.1.3")
    assert isinstance(evidence, Initiative)
    assert evidence.ministries == (
        MinistryRef(code="科技", lead=True),
        MinistryRef(code="関係府省"),
    )
    first = roadmap.get("6.1.1")
    assert isinstance(first, Initiative)
    assert first.ministries == (MinistryRef(code="科技"), MinistryRef(code="文"))
    assert roadmap.get("6.3.5.a3", Action).ministries == (
        MinistryRef(code="内閣官房", lead=True),
        MinistryRef(code="科技", lead=True),
        MinistryRef(code="防", lead=True),
        MinistryRef(code="関係府省", lead=True),
    )


def test_lead_matches_underline_in_the_source(roadmap: Roadmap, source: str) -> None:
    underlined = len(re.findall(r"<u>[^<]+</u>", source))
    leads = sum(r.lead for item in _items(roadmap) for r in item.ministries)
    assert leads == underlined


def test_initiative_broken_over_a_page(roadmap: Roadmap) -> None:
    ai = roadmap.get("6.1.2")
    assert isinstance(ai, Initiative)
    assert ai.text.startswith("A I、バイオテクノロジー")
    assert "新たな戦略の策定を行い、明確なターゲット" in ai.text
    assert ai.text.endswith("次期 S I P の課題として推進する。")
    assert ai.ministries == (
        MinistryRef(code="健康医療"),
        MinistryRef(code="科技", lead=True),
        MinistryRef(code="宇宙"),
        MinistryRef(code="海洋"),
        MinistryRef(code="関係府省"),
    )
    assert ai.source.lines == (46, 58)
    notes = [n.text for n in ai.status_notes]
    assert notes[2] == (
        "2023年度当初予算でサプライチェーンの強化を目的とした委託事業を実施し、"
        "重要ラジオアイソトープであるモリブデン-99/テクネチウム-99m のサプライチェーンにおける課題を抽出。"
    )
    assert notes[3].startswith("2023 年度補正予算で")
    assert len(notes) == 7
    actions = [a.text for a in ai.actions]
    assert actions[2] == (
        "モリブデン-99/テクネチウム-99mのサプライチェーンについて2025年度までに体制整備のための"
        "取組を実施し、サプライチェーンの強化を推進。"
    )
    assert ai.actions[2].ministries == (MinistryRef(code="科技", lead=True),)
    assert ai.actions[2].source.lines == (46, 58)
    assert actions[3].startswith("重要ラジオアイソトープのアクチニウム-225")
    assert len(actions) == 7


def test_continuations_with_empty_cells(roadmap: Roadmap) -> None:
    mission = roadmap.get("6.2.1")
    assert isinstance(mission, Initiative)
    assert "市民をはじめとする多様なセクターの参加" in mission.text
    assert mission.source.lines == (69, 73)
    exchange = roadmap.get("6.5.5")
    assert isinstance(exchange, Initiative)
    assert exchange.source.lines == (106, 108, 111)
    assert len(exchange.status_notes) == 2 + 11 + 6
    assert len(exchange.actions) == 2 + 10 + 6


def test_reposts(roadmap: Roadmap) -> None:
    assert [i.id for i in roadmap.initiatives if i.repost] == ["6.5.2"]
    assert [i.id for i in roadmap.indicators if i.repost] == ["6.r3", "6.r7"]
    reposted = [a.id for a in roadmap.actions if a.repost]
    assert reposted[:2] == ["6.1.2.a6", "6.1.5.a2"]
    assert all("再掲" not in a.text for a in roadmap.actions)


def test_bullets_inside_words_are_not_bullets(roadmap: Roadmap) -> None:
    assert any("人文・社会科学" in i.text for i in roadmap.initiatives)
    assert roadmap.get("6.r5", Indicator).details[0].startswith("食料自給率：38%")


def test_footnotes(roadmap: Roadmap) -> None:
    fn95 = roadmap.footnotes[95]
    assert fn95.text.endswith("※複数プロジェクトに参加している専門家もいる為、数は延べ数。")
    assert fn95.source.lines == (48, 50)
    assert fn95.cited_by == ("6.k3",)
    assert roadmap.footnotes[99].cited_by == ("6.1.6",)
    assert roadmap.get("6.1.6", Initiative).footnotes == (99,)


def test_indicator_observations(roadmap: Roadmap) -> None:
    food = roadmap.get("6.r5", Indicator)
    values = [
        (str(o.value), o.unit, o.series, o.label, o.as_of.label if o.as_of else None)
        for o in food.observations
    ]
    assert values == [
        ("38", "%", "食料自給率", "カロリーベース", "FY2022"),
        ("58", "%", "食料自給率", "生産額ベース", "FY2022"),
        ("3901", "億円", "輸出額", "水産物", "2023"),
        ("621", "億円", "輸出額", "林産物", "2023"),
        ("9059", "億円", "輸出額", "農産物", "2023"),
        ("2678", "人", "交通事故死者数", None, "FY2023"),
    ]
    survey = roadmap.get("6.r8", Indicator)
    assert [(o.label, str(o.value)) for o in survey.observations] == [
        ("男性", "65.1"),
        ("女性", "52.1"),
    ]


def test_source_spans_on_every_object(roadmap: Roadmap) -> None:
    for obj in roadmap.walk():
        assert obj.source.source == "000_1d8cfa0f98f72cfe.txt"
        assert obj.source.lines


def _same_model(a: Roadmap, b: Roadmap) -> None:
    def key(text: str) -> str:
        return re.sub(r"\s", "", text)

    assert len(a.initiatives) == len(b.initiatives)
    assert len(a.actions) == len(b.actions)
    assert len(a.status_notes) == len(b.status_notes)
    for x, y in zip(a.initiatives, b.initiatives, strict=True):
        assert key(x.text) == key(y.text), x.id
        assert x.ministries == y.ministries, x.id
        assert x.repost == y.repost
        assert [key(n.text) for n in x.status_notes] == [key(n.text) for n in y.status_notes], x.id
        assert [(key(n.text), n.ministries, n.repost) for n in x.actions] == [
            (key(n.text), n.ministries, n.repost) for n in y.actions
        ], x.id
    assert {n: key(f.text) for n, f in a.footnotes.items()} == {
        n: key(f.text) for n, f in b.footnotes.items()
    }
    assert [(i.id, key(i.text)) for i in a.indicators] == [
        (i.id, key(i.text)) for i in b.indicators
    ]


def test_another_print_gives_the_same_model(roadmap: Roadmap) -> None:
    variant = stpmodel.read(DATA / "variant_print.txt", strict=True)
    _same_model(roadmap, variant)
    assert (
        variant.get("6.1.1", Initiative).source.lines
        != roadmap.get("6.1.1", Initiative).source.lines
    )
    text = (DATA / "variant_print.txt").read_text(encoding="utf-8")
    assert stpmodel.coverage(text, variant).complete


def test_shared_source_is_the_shipped_one(source: str) -> None:
    shared = shared_file("source", "000_1d8cfa0f98f72cfe.txt")
    assert Path(shared).read_text(encoding="utf-8") == source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【科技、文】", ("科技", "文")),
        ("【 科技、文 】", ("科技", "文")),
        ("【科技，文】", ("科技", "文")),
    ],
)
def test_tag_spellings(text: str, expected: tuple[str, ...]) -> None:
    doc = (
        "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
        f"○取組。{text}\t・実施。\t・推進。{text}\n"
    )
    roadmap = stpmodel.parse(doc, strict=True)
    assert tuple(r.code for r in roadmap.initiatives[0].ministries) == expected
    assert tuple(r.code for r in roadmap.actions[0].ministries) == expected


def test_regression_second_repost_mark_is_kept_in_the_text(source: str) -> None:
    """Found by the fuzzer: two (再掲) marks on one item lost one of them."""
    text = source.replace("（2023年）⁹⁷", "（2023年）⁹⁷(再掲)", 1)
    roadmap = stpmodel.parse(text)
    indicator = roadmap.get("6.r3", Indicator)
    assert indicator.repost
    assert indicator.text.endswith("(再掲)")
    assert stpmodel.coverage(text, roadmap).complete
    doubled = stpmodel.parse(
        "(1) 見出し\n① 小\n○取組。(再掲)(再掲)【科技】\t・実施。\t・推進。【文】\n"
    )
    assert doubled.initiatives[0].repost
    assert doubled.initiatives[0].text == "取組。(再掲)"


def test_regression_duplicate_footnote_keeps_the_earlier_text(source: str) -> None:
    """Found by the fuzzer: a footnote defined twice lost its first definition."""
    line = "⁹⁹ ロボットによる社会変革推進会議 報告書（2019年7月）"
    text = source.replace(line, line + "\n\n⁹⁹ 別の注", 1)
    roadmap = stpmodel.parse(text, name="x.txt")
    assert roadmap.footnotes[99].text == "別の注"
    (warning,) = roadmap.warnings
    assert warning.code == "duplicate-footnote"
    assert warning.text == line
    assert stpmodel.coverage(text, roadmap).complete


def test_regression_markup_cut_by_a_line_break_stays_text(source: str) -> None:
    """Found by the fuzzer: a tag cut across two lines re-formed when the row was joined,
    and its characters vanished from the model."""
    lines = source.split("\n")
    line = lines[58]  # 6.1.3, ending 【<u>科技</u>、関係府省】</p> in its first cell
    cut = line.index("</u>、関係府省") + 1
    lines[58:59] = [line[:cut], line[cut:]]
    text = "\n".join(lines)
    roadmap = stpmodel.parse(text, name="x.txt")
    assert stpmodel.coverage(text, roadmap).complete
    assert [w.code for w in roadmap.warnings] == ["unclosed-markup", "bad-row", "unknown-ministry"]


def test_regression_removing_a_repost_mark_cannot_make_a_tag() -> None:
    """Found by the fuzzer: (再掲) inside "<p>" made "<p>" when taken out, and vanished."""
    text = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・<(再掲)p>推進。【文】\n"
    roadmap = stpmodel.parse(text)
    assert roadmap.actions[0].text == "<p>推進。"
    assert roadmap.actions[0].repost
    assert stpmodel.coverage(text, roadmap).complete


def test_regression_taking_out_one_tag_cannot_make_another() -> None:
    """Found by the fuzzer: "<ul <p<p>>style=…>" lost its text when markup was stripped twice."""
    text = '(1) 見出し\n① 小\n○取組。【科技】\t<ul <p<p>>style="x"> ・実施。\t・推進。【文】\n'
    roadmap = stpmodel.parse(text)
    assert stpmodel.coverage(text, roadmap).complete


def test_regression_one_tag_group_per_item() -> None:
    """Found by the fuzzer: two trailing 【】 groups were merged into one tag."""
    text = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・推進。【科技、関係府省】【文】\n"
    roadmap = stpmodel.parse(text)
    action = roadmap.actions[0]
    assert action.text == "推進。【科技、関係府省】"
    assert [r.code for r in action.ministries] == ["文"]
    assert stpmodel.coverage(text, roadmap).complete


def test_regression_an_open_bracket_before_the_tag_is_reported() -> None:
    """Found by the fuzzer: 【 inserted inside a tag (【<u>内閣官房</u>【、<u>科技</u>】) lost
    a 、 without a word: the open 【 and the empty code are both reported now."""
    text = (
        "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・推進。【<u>内閣官房</u>【、<u>科技</u>】\n"
    )
    roadmap = stpmodel.parse(text, name="x.txt")
    assert [w.code for w in roadmap.warnings] == ["unterminated-tag", "bad-tag"]
    assert roadmap.actions[0].text == "推進。【内閣官房"
    assert [(r.code, r.lead) for r in roadmap.actions[0].ministries] == [("科技", True)]
    assert stpmodel.coverage(text, roadmap).complete


def test_chapters_and_sections_of_a_larger_print() -> None:
    text = (
        "第２章 Society 5.0の実現に向けた科学技術・イノベーション政策\n"
        "２．知のフロンティアを開拓し価値創造の源泉となる研究力の強化\n"
        "（１） 多様で卓越した研究を生み出す環境の再構築\n① 小見出し\n"
        "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
        "○取組。【文】\t・実施。\t・推進。【文】\n"
        "(2) 次の節\n① 小\n○別の取組。【科技】\t・実施。\t・推進。【科技】\n"
    )
    roadmap = stpmodel.parse(text, strict=True)
    first, second = roadmap.sections
    assert first.chapter == (
        "第２章 Society 5.0の実現に向けた科学技術・イノベーション政策\n"
        "２．知のフロンティアを開拓し価値創造の源泉となる研究力の強化"
    )
    assert second.chapter == first.chapter
    assert (first.id, second.id) == ("1", "2")
    assert [i.id for i in roadmap.initiatives] == ["1.1.1", "2.1.1"]
    assert stpmodel.coverage(text, roadmap).complete


def test_page_furniture_between_a_row_and_its_continuation(roadmap: Roadmap, source: str) -> None:
    """A print may repeat the table header at the top of each page and number its pages."""
    header = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"
    text = source.replace("\n⁹⁵ OECD", f"\n- 12 -\n\n{header}\n\n⁹⁵ OECD", 1)
    printed = stpmodel.parse(text, name=roadmap.source.name, strict=True)
    _same_model(roadmap, printed)
    assert printed.get("6.1.2", Initiative).source.lines == (46, 62)
    assert stpmodel.coverage(text, printed).complete


def test_normalized_text_undoes_pdf_spacing(roadmap: Roadmap) -> None:
    ai = roadmap.get("6.1.2", Initiative)
    assert "次期 S I P の課題" in ai.text
    assert "次期 SIP の課題" in ai.normalized_text
    assert roadmap.get("6.3.2.a1", Action).normalized_text.startswith("SIP第3期")
    assert roadmap.status_notes[0].normalized_text == roadmap.status_notes[0].text


@pytest.mark.parametrize("bullet", ["･", "•"])
def test_other_bullet_characters_of_other_prints(roadmap: Roadmap, bullet: str) -> None:
    """A print may give the half-width ･ or • for the item bullet ・ (and only bullets
    change: the ・ inside words stays)."""
    text = re.sub(r"(?<=\s)・", bullet, stpmodel.source_text())
    assert bullet in text
    other = stpmodel.parse(text, strict=True)
    assert [a.text for a in other.actions] == [a.text for a in roadmap.actions]
    assert [n.text for n in other.status_notes] == [n.text for n in roadmap.status_notes]
    assert [g.text for g in other.sections[0].goals] == [g.text for g in roadmap.sections[0].goals]


def test_relative_years_count_from_the_edition() -> None:
    body = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・来年度までに策定。【文】\n"
    text = "統合イノベーション戦略２０２５　工程表\n" + body
    titled = stpmodel.parse(text, strict=True)
    assert (titled.title, titled.edition) == ("統合イノベーション戦略２０２５ 工程表", 2025)
    assert stpmodel.coverage(text, titled).complete
    (mention,) = titled.actions[0].dates
    assert (mention.period.label, mention.relation.value) == ("FY2026", "by")
    given = stpmodel.parse(body, edition=2024)
    assert given.actions[0].dates[0].period.label == "FY2025"
    unknown = stpmodel.parse(body, name="x.txt")
    assert unknown.actions[0].dates == ()
    assert [w.code for w in unknown.warnings] == ["bad-date"]
    assert "document's own year" in str(unknown.warnings[0])


# -- user errors that used to end in "internal error" (the safety issue) -----------------
ROW_DOC = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・推進。{action}【科技】\n"


def test_a_5000_digit_footnote_marker_is_text_and_reported() -> None:
    marker = "⁹" * 5_000
    text = ROW_DOC.format(action=marker) + f"{marker} 注\n"
    roadmap = stpmodel.parse(text, name="x.txt")
    assert roadmap.actions[0].text == f"推進。{marker}"
    assert roadmap.actions[0].footnotes == ()
    assert roadmap.footnotes == {}
    assert [w.code for w in roadmap.warnings] == ["bad-footnote", "bad-footnote"]
    cited, line = roadmap.warnings
    assert line.line == 4
    assert str(line).startswith("x.txt:4:1: a footnote number of 5,000 digits (expected at most 6)")
    assert str(cited).startswith("x.txt:3:19: 1.1.1.a1: a footnote marker of 5,000 digits")
    assert stpmodel.coverage(text, roadmap).complete
    with pytest.raises(stpmodel.ParseError, match="2 problems in strict mode"):
        stpmodel.parse(text, name="x.txt", strict=True)


def test_a_file_with_no_roadmap_section_is_one_clear_error() -> None:
    """A README given by mistake is one error, not its every line as a strict-mode problem."""
    readme = "# stpmodel\n\nA library.\n\n- a list\n- ・ with a bullet\n\n| a | b |\n" * 10
    with pytest.raises(stpmodel.ParseError) as info:
        stpmodel.parse(readme, name="README.md")
    assert str(info.value).startswith("README.md: no roadmap section found")
    assert info.value.problems == ()


@pytest.mark.parametrize("control", ["\x01", "\x1b", "\x7f", "\x85", "\x9b", "\x1c", "\x0b"])
def test_control_characters_are_kept_and_reported_where_they_enter(control: str) -> None:
    text = ROW_DOC.format(action=f"推{control}進")
    roadmap = stpmodel.parse(text, name="x.txt")
    assert roadmap.actions[0].text == f"推進。推{control}進"
    (warning,) = roadmap.warnings
    assert warning.code == "control-character"
    assert warning.line == 3
    assert warning.text == control
    column = text.split("\n")[2].index(control) + 1
    assert str(warning) == (
        f"x.txt:3:{column}: control character U+{ord(control):04X} at column {column} "
        "(kept in the text as the source has it)"
    )
    assert stpmodel.coverage(text, roadmap).complete


def test_tab_newline_and_carriage_return_are_no_control_characters() -> None:
    text = ROW_DOC.format(action="推進").replace("\n", "\r\n")
    assert stpmodel.parse(text, strict=True).warnings == ()


def test_the_docs_list_every_warning_code_and_no_other() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "parsing.md"
    text = docs.read_text(encoding="utf-8")
    table = text[text.index("| code | when |") : text.index("Unreadable input")]
    listed = set(
        re.findall(
            r"`([a-z-]+)`",
            "\n".join(
                line.split("|")[1] for line in table.splitlines()[2:] if line.startswith("|")
            ),
        )
    )
    assert listed == {code.value for code in WarningCode}


def test_warnings_carry_their_column_span() -> None:
    text = "(1) 見出し\n① 小\n○取組。【科技】\t・実施、2023年2月30日まで。\t・推進。【謎、文】\n"
    roadmap = stpmodel.parse(text, name="x.txt")
    raw = text.split("\n")[2]
    spans = {w.code: (w.line, w.column, w.end_column) for w in roadmap.warnings}
    date = raw.index("2023年2月30日") + 1
    code = raw.index("謎") + 1
    assert spans == {
        WarningCode.BAD_DATE: (3, date, date + len("2023年2月30日")),
        WarningCode.UNKNOWN_MINISTRY: (3, code, code + 1),
    }
    for warning in roadmap.warnings:
        assert raw[warning.column - 1 : warning.end_column - 1] == warning.text


def test_a_problem_on_a_continued_line_is_placed_there(source: str) -> None:
    """Action 6.1.2.a3 is continued over a page break (lines 46 and 58): an unknown code in
    its tag is placed on line 58, where the tag stands."""
    before = "<p>し、サプライチェーンの強化を推進。【<u>科技</u>】"
    text = source.replace(before, before.replace("科技", "謎"), 1)
    assert text != source
    (warning,) = stpmodel.parse(text, name="x.txt").warnings
    assert warning.code == "unknown-ministry"
    line = text.split("\n")[warning.line - 1]
    assert line[warning.column - 1 : warning.end_column - 1] == "謎"


# -- program links inherited through the registry's cues (the analyst issue) -------------
@pytest.mark.parametrize("ident", ["6.1.2.a1", "6.2.1.a1", "6.3.1.a1"])
def test_actions_naming_sips_themes_link_to_sip(roadmap: Roadmap, ident: str) -> None:
    """「14課題の社会実装に向けて…プログラムを推進」 under an initiative that names SIP:
    the 14 themes are SIP 第3期's, so the action is linked to SIP (and the graph has the
    mention)."""
    from stpmodel.graph import build_graph

    action = roadmap.get(ident, Action)
    assert "14課題" in action.text
    assert "sip" in roadmap.get(action.initiative_id, Initiative).programs
    assert action.programs == ("sip",)
    graph = build_graph(roadmap)
    assert any(data.get("relation") == "mentions" for data in graph[ident]["sip"].values())


def test_cues_link_only_under_an_initiative_naming_the_program() -> None:
    """A cue is read in its context only: 14課題 under an initiative that does not name
    SIP links nothing; 本プログラム (a cue of SIP in the registry) under one that does links
    SIP."""
    text = (
        "(1) 見出し\n① 小\n"
        "○次期SIPで推進。【科技】\t・本プログラムの課題を開始。\t・14課題を推進。【科技】\n"
        "○別の取組。【文】\t・14課題を開始。\t・本プログラムを推進。【文】\n"
    )
    roadmap = stpmodel.parse(text, strict=True)
    first, second = roadmap.initiatives
    assert [first.status_notes[0].programs, first.actions[0].programs] == [("sip",), ("sip",)]
    assert [second.status_notes[0].programs, second.actions[0].programs] == [(), ()]


def test_cues_are_registry_data() -> None:
    from stpmodel.registry import default_program_cues, default_programs

    cues = default_program_cues()
    assert "14課題" in cues["sip"]
    assert set(cues) <= set(default_programs())


# -- observations read from an indicator's footnotes (the analyst issue) ------------------
def test_a_key_indicators_value_in_its_footnote_is_an_observation(roadmap: Roadmap) -> None:
    """Key indicator 6.k2 cites footnote 94, which gives its current value: 83.7%, the
    2019～2021 three-year average. The observation is the indicator's, its source the
    footnote."""
    indicator = roadmap.get("6.k2", Indicator)
    assert indicator.footnotes == (94,)
    assert "83.7%" not in indicator.text
    (observation,) = indicator.observations
    assert (str(observation.value), observation.unit, observation.footnote) == ("83.7", "%", 94)
    assert observation.text in roadmap.footnotes[94].text
    assert observation.as_of is not None
    assert (observation.as_of.start.year, observation.as_of.end.year) == (2019, 2021)


def test_each_footnote_value_takes_the_period_written_with_it(roadmap: Roadmap) -> None:
    """Footnote 95: 専門家数30名(2023年度) — the period after the value; footnote 96:
    2023年度13件 — the period before it."""
    values = [
        (str(o.value), o.unit, o.footnote, o.as_of.label if o.as_of else None)
        for o in roadmap.get("6.k3", Indicator).observations
    ]
    assert values == [("30", "名", 95, "FY2023"), ("13", "件", 96, "FY2023")]


def test_values_on_an_indicators_own_lines_have_no_footnote(roadmap: Roadmap) -> None:
    for indicator in roadmap.indicators:
        for observation in indicator.observations:
            if observation.footnote is None:
                assert observation.text in indicator.text + "".join(indicator.details)
            else:
                assert observation.footnote in indicator.footnotes


def test_a_footnote_no_indicator_cites_gives_no_observation() -> None:
    text = (
        "(1) 見出し\n【現状データ】（参考指標）\n・指標：1件\n"
        "① 小\n○取組⁹⁴。【科技】\t・実施。\t・推進。【科技】\n⁹⁴ 支援数は2023年度13件\n"
    )
    roadmap = stpmodel.parse(text, strict=True)
    assert [o.footnote for o in roadmap.indicators[0].observations] == [None]


def test_two_equal_date_problems_get_their_own_columns() -> None:
    text = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・令和0年に、また令和0年に推進。【科技】\n"
    roadmap = stpmodel.parse(text, name="x.txt")
    raw = text.split("\n")[2]
    first = raw.index("令和0年") + 1
    second = raw.index("令和0年", first) + 1
    assert [(w.code, w.column) for w in roadmap.warnings] == [
        ("bad-date", first),
        ("bad-date", second),
    ]


def test_the_collector_is_paused_during_a_parse_and_restored(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import stpmodel.parsing

    seen: list[bool] = []
    real = stpmodel.parsing.assemble  # type: ignore[attr-defined]

    def spy(*args: Any, **kwargs: Any) -> Roadmap:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    assert gc.isenabled()
    monkeypatch.setattr(stpmodel.parsing, "assemble", spy)
    stpmodel.parse(source)
    with pytest.raises(stpmodel.ParseError):
        stpmodel.parse("no section here")
    assert seen == [False, False]
    assert gc.isenabled()  # restored, also after the error
    gc.disable()
    try:
        stpmodel.parse(source)
        assert not gc.isenabled()  # a caller's own choice is kept
    finally:
        gc.enable()


def test_each_module_of_the_parser_has_its_test_file_and_stays_small() -> None:
    import stpmodel.parsing

    package = Path(stpmodel.parsing.__file__).parent
    here = Path(__file__).parent
    for module in sorted(package.glob("*.py")):
        name = "parse" if module.name == "__init__.py" else module.stem.lstrip("_")
        tests = [here / f"test_{name}.py", here.parent / f"test_{name}.py"]
        assert any(path.exists() for path in tests), f"no test file for {module.name}"
        lines = len(module.read_text(encoding="utf-8").splitlines())
        assert lines <= 600, f"{module.name} has {lines} lines"
