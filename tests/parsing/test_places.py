"""Where problems are reported: at the text they concern, on the object's lines."""

from __future__ import annotations

from stpmodel.errors import WarningCode
from stpmodel.parsing._lines import classify, split_lines
from stpmodel.parsing._places import Place, Placer
from stpmodel.parsing._reader import read_lines

TEXT = "(6) 見出し\n① 小\n○取組。【科技】\t・甲、乙。\t・甲、甲。【科技】\n\t・乙の続き。\t\n"


def _placer() -> Placer:
    lines = [classify(n, raw) for n, raw in enumerate(split_lines(TEXT), 1)]
    return Placer(source="x.txt", document=read_lines(lines, source="x.txt"))


def test_a_problem_is_placed_at_its_text_on_the_first_line_holding_it() -> None:
    placer = _placer()
    place = Place((3, 4), 3, 1)
    assert placer.warn(place, WarningCode.BAD_DATE, "m", "続き") == (4, 7)
    (warning,) = placer.document.warnings
    assert (warning.line, warning.column, warning.end_column) == (4, 5, 7)


def test_the_second_of_two_equal_texts_is_found_after_the_first() -> None:
    placer = _placer()
    raw = split_lines(TEXT)[2]
    place = Place((3,), 3, raw.index("・甲、甲") + 1)
    first = placer.warn(place, WarningCode.BAD_DATE, "m", "甲")
    placer.warn(place, WarningCode.BAD_DATE, "m", "甲", after=first)
    assert [w.column for w in placer.document.warnings] == [
        raw.index("甲、甲") + 1,
        raw.index("甲。【") + 1,
    ]


def test_text_not_found_is_placed_where_the_object_begins() -> None:
    placer = _placer()
    placer.warn(placer.place([3]), WarningCode.MISSING_TAG, "m", "どこにもない")
    (warning,) = placer.document.warnings
    assert (warning.line, warning.column) == (3, 1)
    assert placer.span([4, 3, 3]).lines == (3, 4)
