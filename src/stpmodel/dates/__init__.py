"""Japanese dates with fiscal-year semantics (和暦, 年度, 上半期, 2025～2027年度 …).

:func:`find_dates` reads every date expression in a text and returns
:class:`DateMention` records: the matched text and its span, the :class:`Period` of days it
names (年度 N = 1 April N .. 31 March N+1) and the :class:`Relation` the surrounding words
give it (までに → ``by``, 以降 → ``from`` …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Calendar, Granularity, Period

if TYPE_CHECKING:
    from stpmodel.dates._engine import DateProblem, scan

__all__ = [
    "Calendar",
    "DateMention",
    "DateProblem",
    "Granularity",
    "Period",
    "Relation",
    "find_dates",
    "scan",
]


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in order.

    ``year`` is the year the text speaks from (a roadmap's edition), needed to read
    今年度, 本年度, 来年度, 昨年度, 今年, 来年 and 昨年; without it they are not read.

    >>> print(*(m.period.label for m in find_dates("2025年度までに整備し、2023年5月から6月に実施")))
    FY2025 2023-05-01..2023-06-30
    >>> find_dates("令和7年度末")[0].period.end
    datetime.date(2026, 3, 31)
    >>> print(*(str(m) for m in find_dates("来年度末までに策定", year=2024)))
    来年度末までに → FY2025 (by)
    """
    from stpmodel.dates._engine import scan

    return scan(text, year=year)[0]


def __getattr__(name: str) -> Any:
    # the scanner compiles its patterns on import: load it on first use only
    if name in ("DateProblem", "scan"):
        from stpmodel.dates import _engine

        return getattr(_engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
