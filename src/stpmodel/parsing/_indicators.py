"""Indicator values: 38%（カロリーベース）, 水産物 3,901億円, 男性 65.1% … as observations."""

from __future__ import annotations

import re
from decimal import Decimal

from stpmodel.dates import DateMention, Period, Relation, find_dates
from stpmodel.model import Observation

__all__ = ["observations", "split_name"]

_UNITS = (
    "億円", "万円", "兆円", "千円", "円", "万人", "千人", "人", "件", "社", "位", "名",
    "%", "％", "か国", "カ国", "ヶ国", "拠点", "課題", "倍", "機関", "校", "本", "点", "回",
)  # fmt: skip
# A value is a number with a unit that ends a phrase (followed by 、 ） 【 ／ or the end):
# "上位100社に" or "64か国中" are context, not observations.
_VALUE = re.compile(
    r"(?<![0-9.,])(?P<num>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,12}(?:\.[0-9]{1,6})?)"
    r"[ \u3000]?(?P<unit>" + "|".join(map(re.escape, _UNITS)) + r")"
    r"(?=[、，,。)）(（【】／/\s⁰¹²³⁴⁵⁶⁷⁸⁹]|$)"
)
_LABEL = re.compile(r"([^\s0-9、，,：:（(）)【】／/にはが]{1,20})(?:は|が)?[ \u3000]*$")
_PAREN_LABEL = re.compile(r"[ \u3000]?[（(]([^（()）0-9]{1,20})[）)]")
_COLON = re.compile(r"[：:]")


def split_name(text: str) -> tuple[str, str]:
    """`"食料自給率：38%…"` → `("食料自給率", "38%…")`; no colon: (text, "")."""
    m = _COLON.search(text)
    if m is None:
        return text, ""
    return text[: m.start()].strip(), text[m.end() :].strip()


def _as_of(mentions: list[DateMention]) -> Period | None:
    for mention in mentions:
        if mention.relation is Relation.AS_OF:
            return mention.period
    return mentions[-1].period if mentions else None


def observations(values: str, *, series: str | None = None) -> tuple[Observation, ...]:
    """The observations in the value part of an indicator line (after its name)."""
    if not values:
        return ()
    as_of = _as_of(find_dates(values))
    found: list[Observation] = []
    previous_end = 0
    for m in _VALUE.finditer(values):
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
                value=Decimal(m.group("num").replace(",", "")),
                unit=unit,
                text=m.group(0),
                label=label,
                series=series,
                as_of=as_of,
            )
        )
        previous_end = m.end()
    return tuple(found)
