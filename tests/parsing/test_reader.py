"""The reader's state machine: which block each line belongs to, rows continued over page
breaks, footnotes and their notes."""

from __future__ import annotations

import stpmodel
from stpmodel.errors import WarningCode
from stpmodel.model import IndicatorKind
from stpmodel.parsing._lines import classify, split_lines
from stpmodel.parsing._reader import Document, read_lines

HEAD = "(6) 見出し\n① 小\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def _read(text: str) -> Document:
    lines = [classify(number, raw) for number, raw in enumerate(split_lines(text), 1)]
    return read_lines(lines, source="x.txt")


def test_the_bundled_source_reads_into_its_blocks() -> None:
    document = _read(stpmodel.source_text())
    (section,) = document.sections
    assert (section.number, section.line) == (6, 3)
    assert section.vision
    assert section.goals
    assert {d.kind for d in section.indicators} == {IndicatorKind.KEY, IndicatorKind.REFERENCE}
    assert [sub.number for sub in section.subsections] == [1, 2, 3, 4, 5]
    assert document.warnings == []
    assert 94 in document.footnotes


def test_a_row_continues_over_footnotes_blank_lines_and_a_header() -> None:
    text = (
        HEAD
        + "○取組。【科技】\t・実施の\t・推進。【科技】\n"
        + "⁹⁴ 注の本文\n※ 注の続き\n\n- 3 -\n"
        + "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
        + "\t続き。\t\n"
    )
    document = _read(text)
    (row,) = document.sections[0].subsections[0].rows
    assert row.lines == [4, 10]
    assert [f.text for f in row.cells[1]] == ["・実施の", "続き。"]
    assert [f.line for f in row.cells[1]] == [4, 10]
    assert document.footnotes[94].parts == ["注の本文", "※ 注の続き"]


def test_a_continuation_with_no_row_before_it_is_an_orphan() -> None:
    document = _read(HEAD + "\t続き。\t・推進。【科技】\n")
    (warning,) = document.warnings
    assert (warning.code, warning.line) == (WarningCode.ORPHAN_CONTINUATION, 4)
    (row,) = document.sections[0].subsections[0].rows
    assert not row.marked


def test_goals_and_indicators_take_their_continuation_lines() -> None:
    text = "(6) 見出し\n【目標】\n- ・ 一つ目の\n目標。\n【現状データ】（参考指標）\n・ 率：38%\n  内訳 1\n"
    section = _read(text).sections[0]
    assert section.goals == [(["一つ目の", "目標。"], [3, 4])]
    (indicator,) = section.indicators
    assert (indicator.text, indicator.details) == ("率：38%", [("内訳 1", 7)])


def test_text_outside_any_block_is_reported() -> None:
    document = _read("(6) 見出し\n宙に浮いた文。\n")
    assert [w.code for w in document.warnings] == [WarningCode.STRAY_TEXT]


def test_a_chapter_heading_holds_for_the_sections_under_it() -> None:
    document = _read("第２章 研究力\n２．知のフロンティア\n(1) 一\n(2) 二\n")
    assert [s.chapter for s in document.sections] == ["第２章 研究力\n２．知のフロンティア"] * 2


def test_an_unclosed_underline_and_a_control_character_are_reported_where_they_stand() -> None:
    document = _read(HEAD + "○取組。【<u>科技】\t・実\x01施。\t・推進。【科技】\n")
    assert [(w.code, w.column) for w in document.warnings] == [
        (WarningCode.CONTROL_CHARACTER, len("○取組。【<u>科技】\t・実") + 1),
        (WarningCode.UNCLOSED_MARKUP, 1),
    ]
