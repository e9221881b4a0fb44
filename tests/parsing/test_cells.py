"""Cells: joining page-break fragments, bullets, tags and underline."""

from __future__ import annotations

from stpmodel.parsing._cells import (
    Fragment,
    Tag,
    join_fragments,
    parse_codes,
    split_items,
    take_tags,
)


def test_mid_sentence_fragments_join_without_a_space() -> None:
    joined = join_fragments(
        [
            Fragment("・ 重要ラジオアイソトープである ", 1),
            Fragment("<p>モリブデン-99 の課題を抽出。</p>", 2),
        ]
    )
    # a block tag becomes as many spaces as it has characters: offsets stay columns
    assert joined.text == "・ 重要ラジオアイソトープであるモリブデン-99 の課題を抽出。    "
    assert joined.lines_of(0, len(joined.text)) == (1, 2)
    assert joined.locate(joined.text.index("モ")) == (2, 4)
    assert joined.locate(joined.text.index("重")) == (1, 3)


def test_latin_words_cut_at_a_break_keep_their_space() -> None:
    assert (
        join_fragments([Fragment("Quantum ", 1), Fragment("Innovation", 2)]).text
        == "Quantum Innovation"
    )


def test_a_fragment_starting_with_a_bullet_starts_an_item() -> None:
    joined = join_fragments([Fragment("・a。", 1), Fragment("<ul> ・b。", 2)])
    assert [joined.text[a:b].strip() for a, b in split_items(joined.text)] == ["a。", "b。"]


def test_middle_dots_inside_words_do_not_split() -> None:
    text = " ・人文・社会科学の知見。 ・食料自給率・輸出額"
    assert [text[a:b].strip() for a, b in split_items(text)] == [
        "人文・社会科学の知見。",
        "食料自給率・輸出額",
    ]


def test_text_before_the_first_bullet_is_an_item() -> None:
    text = "し、推進。【科技】 ・次。"
    assert [text[a:b].strip() for a, b in split_items(text)] == ["し、推進。【科技】", "次。"]


def test_underlined_codes_lead() -> None:
    assert parse_codes("<u>科技</u>、関係府省") == (Tag("科技", True), Tag("関係府省", False))
    assert parse_codes("<u>科技、文</u>") == (Tag("科技", True), Tag("文", True))
    assert parse_codes("2023年度") is None


def test_take_tags_reads_trailer() -> None:
    item = take_tags("「常陽」の運転再開に向け推進。(再掲)【<u>文</u>、<u>経</u>】", (5,))
    assert item.text == "「常陽」の運転再開に向け推進。"
    assert item.tags == (Tag("文", True), Tag("経", True))
    assert item.repost
    assert item.has_tag
    other = take_tags("取組状況を調査。（再掲）【科技】", (1,))
    assert other.repost
    assert other.text == "取組状況を調査。"
    plain = take_tags("値は【2023年度】", (1,))
    assert not plain.has_tag
    assert plain.text == "値は【2023年度】"
