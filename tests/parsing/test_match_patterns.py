"""The patterns that find program names and say whether a text may hold a date begin with
their first characters (so the regex engine can skip to them): they must still match
exactly what the grammar says."""

from __future__ import annotations

import random
import re

import pytest

from stpmodel.dates._patterns import _ERA, _KD, _S, _SIGN, MAYBE_DATE
from stpmodel.parsing._programs import linker_for
from stpmodel.registry import ProgramMatcher, default_programs

# the first look of the date engine as its grammar states it: an alternation of classes
# and words, each alternative a way a date can begin
_MAYBE_DATE_GRAMMAR = re.compile(
    rf"[0-9０-９{_SIGN}\u2f00-\u2fdf\uf900-\ufaff]|{_ERA}|[今本来昨]{_S}年"
    rf"|[元{_KD}十百千][ \u3000]{{0,2}}年|[一二三四五六七八九十]{{1,3}}世紀|[〇一二三四五六七八九][/.]"
)


def test_date_precheck_matches_where_its_grammar_does() -> None:
    alphabet = (
        "令和平成昭大正明治今本来昨元年世紀〇一二三四五六七八九十百千/. \u3000あア漢a1０㋿⼀豈"
    )
    rng = random.Random(20261205)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 7))) for _ in range(50_000)]
    texts += [
        "令和",
        "平成",
        "大正",
        "明治",
        "昭和",
        "今 年",
        "三十世紀",
        "一/",
        "大",
        "本日",
        "十百",
    ]
    differ = [t for t in texts if bool(MAYBE_DATE.search(t)) != bool(_MAYBE_DATE_GRAMMAR.search(t))]
    assert differ == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SIPの課題", ("sip",)),
        ("次期 S I P の課題", ("sip",)),
        ("ＳＩＰ", ("sip",)),
        ("XSIPの課題", ()),  # a Latin letter before the name: another word
        ("aSIP", ()),
        ("SIPSの課題", ()),  # and after it
    ],
)
def test_latin_names_stand_apart_from_other_letters(text: str, expected: tuple[str, ...]) -> None:
    named, _ = linker_for(default_programs()).named(text, 2024)
    assert tuple(dict.fromkeys(m.program for m in named)) == expected
    assert ProgramMatcher(default_programs()).find(text) == expected
