"""Indicator values: 38%（カロリーベース）, 水産物 3,901億円, 男性 65.1% … as observations."""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from stpmodel._text import MAX_NUMBER_CHARS
from stpmodel.dates import DateMention, Period, Relation, find_dates
from stpmodel.model import Observation
from stpmodel.parsing._tokens import SUPERSCRIPT

__all__ = ["MAX_VALUE_CHARS", "footnote_observations", "observations", "split_name"]

_UNITS = (
    "億円", "万円", "兆円", "千円", "円", "万人", "千人", "人", "件", "社", "位", "名",
    "%", "％", "か国", "カ国", "ヶ国", "拠点", "課題", "倍", "機関", "校", "本", "点", "回",
)  # fmt: skip
# A value is a number with a unit that ends a phrase (followed by 、 ） 【 ／ or the end):
# "上位100社に" or "64か国中" are context, not observations.
_VALUE = re.compile(
    r"(?<![0-9.,])(?P<num>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12}(?:\.[0-9]{1,6})?)"
    r"[ \u3000]?(?P<unit>" + "|".join(map(re.escape, _UNITS)) + r")"
    r"(?=[、，,。)）(（【】／/\s]|" + SUPERSCRIPT + r"|$)"
)
_LABEL = re.compile(r"([^\s0-9、，,：:（(）)【】／/にはが]{1,20})(?:は|が)?[ \u3000]*$")
_PAREN_LABEL = re.compile(r"[ \u3000]?[（(]([^（()）0-9]{1,20})[）)]")
_COLON = re.compile(r"[：:]")

MAX_VALUE_CHARS = MAX_NUMBER_CHARS
"""The longest value (as a decimal string) read as an observation: the limit `loads()`
accepts, so that whatever the parser reads can be loaded back. A longer one stays text
(and the parser reports it)."""


def _number(m: re.Match[str], rejected: list[str] | None) -> Decimal | None:
    """The value a match of `_VALUE` gives, or None (noted in `rejected`) when it is over
    the limit."""
    digits = m.group("num").replace(",", "")
    if len(digits) > MAX_VALUE_CHARS:
        if rejected is not None:
            rejected.append(m.group(0))
        return None
    return Decimal(digits)


def split_name(text: str) -> tuple[str, str]:
    """`"食料自給率：38%…"` → `("食料自給率", "38%…")`; no colon: (text, "")."""
    m = _COLON.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def _as_of(mentions: list[DateMention]) -> Period | None:
    """The period an indicator line's values are given for: the one marked as such
    (2024年3月時点), else the last one written."""
    for mention in mentions:
        if mention.relation is Relation.AS_OF:
            return mention.period
    return mentions[-1].period if mentions else None


def observations(
    values: str, *, series: str | None = None, rejected: list[str] | None = None
) -> tuple[Observation, ...]:
    """The observations in the value part of an indicator line (after its name); the text
    of each value over `MAX_VALUE_CHARS` goes into `rejected` instead."""
    if not values:
        return ()
    as_of = _as_of(find_dates(values))
    found: list[Observation] = []
    previous_end = 0
    for m in _VALUE.finditer(values):
        if (number := _number(m, rejected)) is None:
            previous_end = m.end()
            continue
        before = values[previous_end : m.start()]
        label_match = _LABEL.search(before)
        label = label_match.group(1) if label_match else None
        if label is None:
            paren = _PAREN_LABEL.match(values, m.end())
            if paren and not find_dates(paren.group(1)):
                label = paren.group(1)
        unit = "%" if m.group("unit") == "％" else m.group("unit")
        found.append(
            Observation(
                value=number,
                unit=unit,
                text=m.group(0),
                label=label,
                series=series,
                as_of=as_of,
            )
        )
        previous_end = m.end()
    return tuple(found)


def footnote_observations(
    text: str, footnote: int, *, rejected: list[str] | None = None
) -> tuple[Observation, ...]:
    """The values a footnote gives for the indicator citing it, with `footnote` as their
    source.

    A footnote states one value in a sentence of its own (…の割合（…、2019～2021（3年平均））は
    83.7%（…「…2023」（2023年8月）に基づき算出）), so each value takes the period written
    just after it in parentheses (30名(2023年度)), else the last one written before it
    (2019～2021, 2023年度13件); the dates further on say when the source was published.
    """
    mentions = find_dates(text)
    starts = [d.span[0] for d in mentions]  # in order of the text, not overlapping
    ends = [d.span[1] for d in mentions]
    found: list[Observation] = []
    for m in _VALUE.finditer(text):
        if (number := _number(m, rejected)) is None:
            continue
        as_of = None
        following = bisect.bisect_left(starts, m.end())  # the first date after the value
        in_parens = text[m.end() : m.end() + 1] in ("(", "（")
        if in_parens and following < len(mentions) and starts[following] == m.end() + 1:
            as_of = mentions[following].period
        if as_of is None and (preceding := bisect.bisect_right(ends, m.start())):
            as_of = mentions[preceding - 1].period
        unit = "%" if m.group("unit") == "％" else m.group("unit")
        found.append(
            Observation(
                value=number,
                unit=unit,
                text=m.group(0),
                as_of=as_of,
                footnote=footnote,
            )
        )
    return tuple(found)
