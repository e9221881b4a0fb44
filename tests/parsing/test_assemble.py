"""Building the model from the reader's drafts: IDs, items, tags, citations, problems."""

from __future__ import annotations

import pytest

import stpmodel
from stpmodel import MinistryRef
from stpmodel.errors import WarningCode
from stpmodel.parsing._assemble import assemble
from stpmodel.parsing._lines import classify, split_lines
from stpmodel.parsing._reader import read_lines
from stpmodel.roadmap import Roadmap

HEAD = "(6) 見出し\n① 小\n"


def _assemble(text: str, *, strict: bool = False) -> Roadmap:
    lines = [classify(number, raw) for number, raw in enumerate(split_lines(text), 1)]
    return assemble(
        read_lines(lines, source="x.txt"),
        text,
        name="x.txt",
        strict=strict,
        title=None,
        edition=None,
        ministries=None,
        programs=None,
    )


def test_items_are_numbered_under_their_initiative() -> None:
    roadmap = _assemble(
        HEAD
        + "○取組。【<u>科技</u>、文】\t・実施一。 ・実施二。\t・推進一。【文】 ・推進二。(再掲)【経】\n"
    )
    (initiative,) = roadmap.initiatives
    assert initiative.id == "6.1.1"
    assert initiative.ministries == (
        MinistryRef(code="科技", lead=True),
        MinistryRef(code="文", lead=False),
    )
    assert [n.id for n in initiative.status_notes] == ["6.1.1.s1", "6.1.1.s2"]
    assert [(a.id, a.text, a.repost) for a in initiative.actions] == [
        ("6.1.1.a1", "推進一。", False),
        ("6.1.1.a2", "推進二。", True),
    ]
    assert set(roadmap.ministries) == {"科技", "文", "経"}


def test_problems_of_an_item_are_placed_on_its_text() -> None:
    roadmap = _assemble(HEAD + "○取組。【科技】\t・実施。\t・推進。 ・謎。【謎省】\n")
    assert [(w.code, w.line, w.column) for w in roadmap.warnings] == [
        (WarningCode.MISSING_TAG, 3, len("○取組。【科技】\t・実施。\t・") + 1),
        (WarningCode.UNKNOWN_MINISTRY, 3, len("○取組。【科技】\t・実施。\t・推進。 ・謎。【") + 1),
    ]
    with pytest.raises(stpmodel.ParseError, match="2 problems in strict mode"):
        _assemble(HEAD + "○取組。【科技】\t・実施。\t・推進。 ・謎。【謎省】\n", strict=True)


def test_a_document_with_no_table_is_one_error() -> None:
    with pytest.raises(stpmodel.ParseError, match="no roadmap table found"):
        _assemble("(6) 見出し\n")


def test_citations_link_both_ways() -> None:
    roadmap = _assemble(HEAD + "○取組⁹⁴。【科技】\t・実施。\t・推進。【科技】\n⁹⁴ 注。\n")
    assert roadmap.initiatives[0].footnotes == (94,)
    assert roadmap.footnotes[94].cited_by == ("6.1.1",)


def test_a_value_too_long_to_load_back_is_reported_and_stays_text() -> None:
    value = "1" + ",000" * 30 + "件"
    text = f"(6) 見出し\n【現状データ】（参考指標）\n・ 件数：{value}\n① 小\n" + (
        "○取組。【科技】\t・実施。\t・推進。【科技】\n"
    )
    roadmap = _assemble(text)
    (indicator,) = roadmap.indicators
    assert indicator.observations == ()
    assert indicator.text == f"件数：{value}"
    (warning,) = roadmap.warnings
    assert (warning.code, warning.line, warning.text) == (WarningCode.BAD_NUMBER, 3, value)
    assert warning.column == text.split("\n")[2].index(value) + 1
    assert "91 digits (expected at most 64)" in warning.message


def test_a_mark_of_no_footnote_is_reported_and_is_no_citation() -> None:
    roadmap = _assemble(HEAD + "○取組⁹⁹。【科技】\t・実施。\t・推進。【科技】\n")
    assert roadmap.initiatives[0].footnotes == ()
    assert roadmap.initiatives[0].text == "取組⁹⁹。"
    assert [w.code for w in roadmap.warnings] == [WarningCode.UNDEFINED_FOOTNOTE]


def test_equal_refs_are_one_object() -> None:
    roadmap = _assemble(HEAD + "○取組。【文】\t・実施。\t・推進一。【文】 ・推進二。【文】\n")
    refs = [roadmap.initiatives[0].ministries[0], *(a.ministries[0] for a in roadmap.actions)]
    assert all(ref is refs[0] for ref in refs)
