"""The HTML-like markup the PDF conversion left: block tags, inline tags, entities."""

from __future__ import annotations

import pytest

from stpmodel.parsing._markup import blockify, strip_inline, strip_markup


def test_block_tags_become_spaces_of_their_length() -> None:
    raw = '<p>明確な</p><ul style="x"><li>ターゲット</li></ul>'
    blocked = blockify(raw)
    assert len(blocked) == len(raw)  # offsets stay columns of the source line
    assert blocked.split() == ["明確な", "ターゲット"]


def test_inline_tags_vanish_without_a_trace() -> None:
    assert strip_inline(blockify("【<u>科技</u>、<b>文</b>】")) == "【科技、文】"
    assert strip_markup("<p>【<u>科技</u>】</p>") == " 【科技】 "


def test_entities_are_unescaped_once() -> None:
    assert strip_markup("A&amp;lt;B") == "A&lt;B"
    assert strip_inline("&lt;u&gt;") == "<u>"  # an escaped tag is text, not a tag


@pytest.mark.parametrize("text", ["2 < 3", "a<b", "<", "人文・社会科学"])
def test_text_that_is_no_markup_is_kept(text: str) -> None:
    assert strip_markup(text) == text
    assert strip_inline(blockify(text)) == text
