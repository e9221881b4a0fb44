"""stpmodel: Japan's STI policy roadmaps (統合イノベーション戦略 工程表) as typed data.

>>> import stpmodel
>>> roadmap = stpmodel.load()
>>> len(roadmap.initiatives)
25
"""

from __future__ import annotations

from stpmodel._bundled import load, source_text
from stpmodel.dates import Calendar, DateMention, Granularity, Period, Relation, find_dates
from stpmodel.errors import (
    LoadError,
    MissingExtraError,
    ParseError,
    ParseWarning,
    StpError,
    UnknownIdError,
)
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    IndicatorKind,
    Initiative,
    Ministry,
    MinistryKind,
    MinistryRef,
    Observation,
    Paragraph,
    Program,
    Section,
    SourceSpan,
    StatusNote,
    Subsection,
)
from stpmodel.parsing import Coverage, coverage, parse, read
from stpmodel.roadmap import Deadline, Roadmap, SourceInfo

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Calendar",
    "Coverage",
    "DateMention",
    "Deadline",
    "Footnote",
    "Goal",
    "Granularity",
    "Indicator",
    "IndicatorKind",
    "Initiative",
    "LoadError",
    "Ministry",
    "MinistryKind",
    "MinistryRef",
    "MissingExtraError",
    "Observation",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "Period",
    "Program",
    "Relation",
    "Roadmap",
    "Section",
    "SourceInfo",
    "SourceSpan",
    "StatusNote",
    "StpError",
    "Subsection",
    "UnknownIdError",
    "__version__",
    "coverage",
    "find_dates",
    "load",
    "parse",
    "read",
    "source_text",
]
