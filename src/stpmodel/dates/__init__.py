"""Japanese dates with fiscal-year semantics (和暦, 年度, 上半期, 2025～2027年度 …).

[find_dates][stpmodel.dates.find_dates] reads every absolute date expression in a text
and returns [DateMention][stpmodel.dates.mention.DateMention] records: the matched text and
its span, the [Period][stpmodel.dates.period.Period] of days it names (年度 N = 1 April N ..
31 March N+1) and the [Relation][stpmodel.dates.mention.Relation] the surrounding words give
it (までに → `by`, 以降 → `from` …). `scan` also returns the
date-like text that names no day (2023/2/30, 令和0年) as `DateProblem`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stpmodel._lazy import lazy_exports
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import (
    Calendar,
    Granularity,
    Period,
    fiscal_quarter_of,
    fiscal_year_of,
    today,
)

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
    "fiscal_quarter_of",
    "fiscal_year_of",
    "scan",
    "today",
]


def find_dates(text: str, *, year: int | None = None) -> list[DateMention]:
    """Every date mention in `text`, in order.

    Args:
        text: Any Japanese text: a roadmap cell, a notice, a web page.
        year: The year the text speaks from (a roadmap's edition), needed to read
            今年度, 本年度, 来年度, 昨年度, 今年, 来年 and 昨年; without it they are not read.

    Returns:
        One [DateMention][stpmodel.dates.mention.DateMention] per date expression; ranges
        (2025～2027年度, 1995年1月4日から22日まで) are one mention.

    Raises:
        ArgumentTypeError: `text` is not a str, or `year` is not an int (`"2025"`,
            `2025.0` and `True` are refused, naming the argument).

    Examples:
        ```python
        >>> print(*(m.period.label for m in find_dates("2025年度までに整備し、2023年5月から6月に実施")))
        FY2025 2023-05-01..2023-06-30
        >>> find_dates("令和7年度末")[0].period.end
        datetime.date(2026, 3, 31)
        >>> print(*(str(m) for m in find_dates("来年度末までに策定", year=2024)))
        来年度末までに → FY2025 (by)
        >>> print(*(m.period.label for m in find_dates("2012/3/31、平成二十七年八月朔日、R05/10/30")))
        2012-03-31 2015-08-01 2023-10-30
        ```
    """
    from stpmodel.dates._engine import scan

    return scan(text, year=year)[0]


# the scanner compiles its patterns on import: load it on first use only
__getattr__, __dir__ = lazy_exports(
    __name__, {"DateProblem": "._engine", "scan": "._engine"}, __all__
)
