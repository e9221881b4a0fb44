"""The check that nothing in the source was dropped: `coverage`."""

from __future__ import annotations

from collections import Counter

import stpmodel
from stpmodel import Roadmap
from stpmodel.parsing import Coverage, coverage

ROW_DOC = "(1) 見出し\n① 小\n○取組。【科技】\t・実施。\t・推進。(再掲)【科技】\n"


def test_coverage_is_complete(roadmap: Roadmap, source: str) -> None:
    report = stpmodel.coverage(source, roadmap)
    assert report.total > 18_000
    assert report.complete, (report.missing, report.missing_lines)
    assert report.ratio == 1.0
    assert not report.extra


def test_coverage_notices_a_dropped_line(source: str) -> None:
    roadmap = stpmodel.parse(source)
    broken = source.replace("⁹⁷ IMD World Competitiveness Ranking 2022", "")
    report = stpmodel.coverage(source, stpmodel.parse(broken))
    assert not report.complete
    assert report.ratio < 1.0
    assert stpmodel.coverage(source, roadmap).complete


def test_markup_and_structure_need_not_stand_in_the_model() -> None:
    text = (
        "(1) 見出し\n【目標】\n- ・ 目標。\n① 小\n"
        "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
        "<p>○取組。【科技】</p>\t<ul><li>・実施。</li></ul>\t・推進。【<u>科技</u>】\n---\t--\t--\n- 12 -\n"
    )
    report = coverage(text, stpmodel.parse(text))
    assert report.complete, report.missing
    assert report.total == len("(1)見出し目標。1小取組。【科技】実施。推進。【科技】")


def test_a_character_the_model_lost_is_counted_with_its_line() -> None:
    roadmap = stpmodel.parse(ROW_DOC)
    report = coverage(ROW_DOC + "\n\n余", roadmap)  # "余" stands in no object
    assert dict(report.missing) == {"余": 1}
    assert report.missing_lines == (6,)
    assert report.ratio == (report.total - 1) / report.total
    assert not report.complete


def test_what_the_model_has_and_the_source_does_not_is_extra() -> None:
    roadmap: Roadmap = stpmodel.parse(ROW_DOC.replace("推進", "推進増"))
    report = coverage(ROW_DOC, roadmap)
    assert dict(report.extra) == {"増": 1}
    assert report.complete  # nothing of the source is missing


def test_an_empty_source_is_complete() -> None:
    assert Coverage(total=0, missing=Counter(), extra=Counter()).ratio == 1.0
