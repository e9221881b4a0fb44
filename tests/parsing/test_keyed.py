"""Text in program-matching form (parsing/_keyed.py): the key, the way back to the
text's offsets, and the names' words blanked out in one pass."""

from __future__ import annotations

from stpmodel.parsing._keyed import Keyed, blanked


def test_the_key_drops_spaces_and_marks_and_points_back_into_the_text() -> None:
    text = "次期 S I P⁹⁴を推進"
    keyed = Keyed(text)
    assert keyed.key == "次期SIPを推進"
    start = keyed.key.index("SIP")
    assert text[slice(*keyed.span(start, start + 3))] == "S I P"


def test_blanked_hides_the_words_of_each_span_whatever_their_order() -> None:
    text = "S I Pとムーンショットの第3期"
    keyed = Keyed(text)
    spans = [(6, 13), (0, 5)]  # ムーンショット, then S I P
    key = blanked(keyed, spans)
    assert key == "\0" * 3 + "と" + "\0" * 7 + "の第3期"
    assert blanked(keyed, []) == keyed.key
    assert blanked(keyed, [(0, 5), (2, 4)]) == "\0" * 3 + keyed.key[3:]  # nested: once
