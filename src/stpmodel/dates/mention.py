"""Date mentions: where a text names a period, and what it says about it."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from stpmodel._shown import Shown, View, attributes
from stpmodel.dates.period import Period

__all__ = ["DateMention", "Relation"]


class Relation(enum.StrEnum):
    """What the words around a date say about it.

    ``BY`` までに/まで (a deadline), ``FROM`` から/より/以降/以後, ``DURING`` 中/内 and
    explicit ranges, ``TARGET`` を目指して/に向けて/目途/予定, ``AS_OF`` 時点/現在, and
    ``AT`` when nothing qualifies the date.
    """

    BY = "by"
    FROM = "from"
    DURING = "during"
    TARGET = "target"
    AS_OF = "as_of"
    AT = "at"


@attrs.frozen(kw_only=True)
class DateMention(Shown):
    """One date expression found in a text (日付表現).

    ``text`` is the matched expression including the relation words that follow it
    (``"2025年度までに"``); ``span`` is its ``[start, end)`` character range in the text it
    was found in; ``period`` is the span of days the date names, without the relation folded
    in (2027年度以降 is FY2027 with relation ``FROM``).
    """

    text: str
    span: tuple[int, int]
    period: Period
    relation: Relation = Relation.AT

    @property
    def due(self) -> dt.date:
        """The day this mention falls due (期限日).

        A ``FROM`` mention (2027年度以降) falls due on the first day of its period, every
        other relation on the last: 2025年度までに is due on 2026-03-31.
        """
        return self.period.start if self.relation is Relation.FROM else self.period.end

    def __str__(self) -> str:
        return f"{self.text} → {self.period.label} ({self.relation.value})"

    _views = (View("mention", attributes("due")),)
