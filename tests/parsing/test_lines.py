"""`classify`: what one line is, rule by rule, on real lines of the source.

Every kind of line has at least one real line in the table. Section (6) as extracted has
no page numbers, chapter headings, title line or row printed without tabs; those four come
from the other prints of the same document (the whole 工程表 has a chapter heading and a
title line above section (6), its PDF pages carry numbers).
"""

from __future__ import annotations

import pytest

import stpmodel
from stpmodel.parsing._lines import (
    MARKUP_KINDS,
    Line,
    LineKind,
    Topic,
    classify,
    split_lines,
)

SOURCE = split_lines(stpmodel.source_text())

# (line number in the bundled source, its kind)
SOURCE_LINES = [
    (1, LineKind.BLANK),
    (3, LineKind.SECTION),
    (5, LineKind.BLOCK_HEADING),  # 【あるべき姿とその実現に向けた方向性】
    (7, LineKind.TEXT),  # a vision paragraph
    (15, LineKind.BLOCK_HEADING),  # 【目標】
    (17, LineKind.LIST_ITEM),  # - ・ 少子高齢化問題 …
    (19, LineKind.BLOCK_HEADING),  # 【…主要な数値目標】（主要指標）
    (24, LineKind.FOOTNOTE),  # ⁹⁴ 我が国の被引用数 …
    (28, LineKind.BLOCK_HEADING),  # 【現状データ】（参考指標）
    (42, LineKind.SUBSECTION),  # ① 総合知を活用した …
    (44, LineKind.TABLE_HEADER),
    (45, LineKind.ROW),  # ○人文・社会科学の知と …
    (50, LineKind.NOTE),  # ※複数プロジェクトに参加している …
    (58, LineKind.CONTINUATION),  # <p>明確なターゲット … (the row of line 46, after a page break)
    (87, LineKind.SEPARATOR),  # ---<TAB>--<TAB>--
]

# Lines of the other prints of the document, for the kinds section (6) does not have.
OTHER_PRINTS = [
    ("- 12 -", LineKind.PAGE_NUMBER),
    ("12", LineKind.PAGE_NUMBER),
    ("第２章 Society 5.0の実現に向けた科学技術・イノベーション政策", LineKind.CHAPTER),
    ("２．知のフロンティアを開拓し価値創造の源泉となる研究力の強化", LineKind.CHAPTER),
    ("統合イノベーション戦略2024 工程表", LineKind.TITLE),
    # line 45 of the source with its tabs lost
    (SOURCE[44].replace("\t", " "), LineKind.UNTABBED_ROW),
]


@pytest.mark.parametrize(("number", "kind"), SOURCE_LINES)
def test_real_lines_of_the_source(number: int, kind: LineKind) -> None:
    line = classify(number, SOURCE[number - 1])
    assert (line.number, line.kind) == (number, kind)


@pytest.mark.parametrize(("raw", "kind"), OTHER_PRINTS)
def test_real_lines_of_other_prints(raw: str, kind: LineKind) -> None:
    assert classify(1, raw).kind is kind


def test_every_kind_has_a_line_in_the_tables() -> None:
    kinds = {kind for _, kind in SOURCE_LINES} | {kind for _, kind in OTHER_PRINTS}
    assert kinds == set(LineKind)


def _line(number: int) -> Line:
    return classify(number, SOURCE[number - 1])


def test_what_a_heading_line_carries() -> None:
    section = _line(3)
    assert (section.number_text, section.title[:8]) == ("6", "様々な社会課題を")
    subsection = _line(42)
    assert (subsection.number_text, subsection.title[:7]) == ("①", "総合知を活用し")
    assert [_line(n).topic for n in (5, 15, 19, 28)] == [
        Topic.VISION,
        Topic.GOALS,
        Topic.KEY_INDICATORS,
        Topic.REFERENCE_INDICATORS,
    ]


def test_what_a_footnote_and_a_list_item_carry() -> None:
    footnote = _line(24)
    assert footnote.mark == "⁹⁴"
    assert footnote.title.startswith("我が国の被引用数")
    item = _line(17)
    assert item.bullet
    assert item.body.startswith("少子高齢化問題")
    assert not _line(7).bullet


def test_a_row_keeps_its_cells_as_printed() -> None:
    row = _line(45)
    assert len(row.cells) == 3
    assert row.cells == tuple(SOURCE[44].split("\t"))
    assert row.text == ""


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("", LineKind.BLANK),
        ("  \u3000 ", LineKind.BLANK),
        ("<p></p>", LineKind.BLANK),  # markup only
        ("\t12\t", LineKind.PAGE_NUMBER),
        ("<p>\t</p>\t", LineKind.CONTINUATION),  # tabbed markup is a (blank) row line
        ("\t\t", LineKind.BLANK),
        (":--\t\t-", LineKind.SEPARATOR),
        ("【2023年度】", LineKind.TEXT),  # a 【】 that names no block
        ("【目標】（主要指標） 本文が続く行は見出しではない" + "あ" * 60, LineKind.TEXT),
        ("○ 取組", LineKind.UNTABBED_ROW),
        ("2025年度までに", LineKind.TEXT),
        ("人文・社会科学", LineKind.TEXT),  # a ・ inside words is no bullet
        ("･ 半角の中黒", LineKind.LIST_ITEM),
    ],
)
def test_rules_at_their_edges(raw: str, kind: LineKind) -> None:
    assert classify(1, raw).kind is kind


def test_markup_kinds_are_what_coverage_skips() -> None:
    assert {
        LineKind.BLANK,
        LineKind.PAGE_NUMBER,
        LineKind.SEPARATOR,
        LineKind.TABLE_HEADER,
        LineKind.BLOCK_HEADING,
    } == MARKUP_KINDS


def test_split_lines_any_line_end() -> None:
    assert split_lines("\ufeffa\r\nb\rc\n") == ["a", "b", "c", ""]
