"""Relations: what the words after a date say about it (までに → by, 以降 → from …), read
through a note in brackets (令和8年3月末(予定)まで) and ahead across a noun
(2025年度公募以降)."""

from __future__ import annotations

from stpmodel.dates._patterns import FROM_AHEAD, NOTE_AHEAD, RANGE_END, RELATION, TARGET_AHEAD
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Granularity, Period

__all__ = ["make_mention"]


def make_mention(
    text: str, folded: str, start: int, end: int, period: Period, ranged: bool
) -> DateMention:
    ranged = ranged or period.granularity is Granularity.RANGE
    relation = Relation.DURING if ranged else Relation.AT
    at = end
    if (note := NOTE_AHEAD.match(folded, end)) and RELATION.match(folded, note.end()):
        at = note.end()  # 令和8年3月末(予定)まで: the note is read through
    if ranged and (m := RANGE_END.match(folded, at)):
        end = m.end()
    elif m := RELATION.match(folded, at):
        end = m.end()
        kind = m.lastgroup
        assert kind is not None
        relation = Relation(kind)
    elif not ranged and TARGET_AHEAD.match(folded, end):
        relation = Relation.TARGET
    elif not ranged and FROM_AHEAD.match(folded, end):
        relation = Relation.FROM
    return DateMention(text=text[start:end], span=(start, end), period=period, relation=relation)
