"""stpmodel: Japan's STI policy roadmaps (統合イノベーション戦略 工程表) as typed data.

```python
import stpmodel

roadmap = stpmodel.load()
len(roadmap.initiatives)  # 25
roadmap.deadlines(from_year=2025, to_year=2027, ministry="MEXT")
```
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stpmodel.dates import Calendar, DateMention, Granularity, Period, Relation, find_dates
from stpmodel.diff import diff  # a small module: the matcher loads on the first call
from stpmodel.errors import (
    ArgumentTypeError,
    LoadError,
    MissingExtraError,
    ParseError,
    ParseWarning,
    StpError,
    UnknownIdError,
    WriteError,
)
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    IndicatorKind,
    Initiative,
    ItemKind,
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
from stpmodel.roadmap import Deadline, Deadlines, Items, Nodes, Roadmap, SourceInfo

if TYPE_CHECKING:
    from stpmodel._bundled import load, source_text
    from stpmodel.diff import RoadmapDiff
    from stpmodel.export.frame import to_frame
    from stpmodel.graph import build_graph
    from stpmodel.parsing import Coverage, coverage, parse, read
    from stpmodel.serialize import dumps, loads

__version__ = "0.1.0"

__all__ = [
    "Action",
    "ArgumentTypeError",
    "Calendar",
    "Coverage",
    "DateMention",
    "Deadline",
    "Deadlines",
    "Footnote",
    "Goal",
    "Granularity",
    "Indicator",
    "IndicatorKind",
    "Initiative",
    "ItemKind",
    "Items",
    "LoadError",
    "Ministry",
    "MinistryKind",
    "MinistryRef",
    "MissingExtraError",
    "Nodes",
    "Observation",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "Period",
    "Program",
    "Relation",
    "Roadmap",
    "RoadmapDiff",
    "Section",
    "SourceInfo",
    "SourceSpan",
    "StatusNote",
    "StpError",
    "Subsection",
    "UnknownIdError",
    "WriteError",
    "__version__",
    "build_graph",
    "coverage",
    "diff",
    "dumps",
    "find_dates",
    "load",
    "loads",
    "parse",
    "read",
    "source_text",
    "to_frame",
]

# Parsing, the bundled data and JSON are loaded on first use, so that `import stpmodel`
# stays light (no regex compilation, no cattrs) for code that only needs the classes.
_LAZY = {
    "load": "stpmodel._bundled",
    "source_text": "stpmodel._bundled",
    "Coverage": "stpmodel.parsing",
    "coverage": "stpmodel.parsing",
    "parse": "stpmodel.parsing",
    "read": "stpmodel.parsing",
    "dumps": "stpmodel.serialize",
    "loads": "stpmodel.serialize",
    "build_graph": "stpmodel.graph",
    "to_frame": "stpmodel.export.frame",
    "RoadmapDiff": "stpmodel.diff",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
