"""Text helpers: spacing, search keys, display width."""

from __future__ import annotations

from stpmodel._format import display_width, table, truncate
from stpmodel._text import despace_letters, normalize_space, search_key, superscript_number


def test_despace_letters() -> None:
    assert despace_letters("次期 S I P の課題") == "次期 SIP の課題"
    assert despace_letters("I m P A C T と F - R E I") == "ImPACT と F-REI"
    assert despace_letters("STI for SDGs") == "STI for SDGs"


def test_search_key_folds_width_space_and_marks() -> None:
    assert search_key("S I P") == search_key("ＳＩＰ") == "sip"
    assert search_key("2026 年度⁹⁴") == "2026年度"


def test_normalize_space_and_superscripts() -> None:
    assert normalize_space("  a \u3000 b\n") == "a b"
    assert superscript_number("⁹⁴") == 94


def test_display_width_and_truncate() -> None:
    assert display_width("科技ab") == 6
    assert truncate("科学技術政策", 7) == "科学技…"
    assert truncate("abc", 7) == "abc"
    lines = table(["ID", "名"], [["6.1", "科学技術"], ["6.10", "x"]], max_width=20).splitlines()
    assert [
        display_width(line[: line.index(cell)])
        for line, cell in zip(lines[1:], ["科", "x"], strict=True)
    ] == [6, 6]
