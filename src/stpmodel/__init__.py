"""stpmodel: Japan's STI policy roadmaps (統合イノベーション戦略 工程表) as typed data.

```python
import stpmodel

roadmap = stpmodel.load()
len(roadmap.initiatives)  # 25
roadmap.deadlines(from_year=2025, to_year=2027, ministry="MEXT")
```
"""

from __future__ import annotations

# the subpackage (small: the matcher loads on the first comparison), so that `stpmodel.diff`
# is the module however it is reached; the function is `compare`
from stpmodel import diff
from stpmodel._lazy import lazy_exports

# typing costs about a millisecond to import, and the command line's plain path counts them
TYPE_CHECKING = False
if TYPE_CHECKING:
    from stpmodel._bundled import load, source_text
    from stpmodel.dates import Calendar, DateMention, Granularity, Period, Relation, find_dates
    from stpmodel.diff import RoadmapDiff, compare
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
    from stpmodel.export.frame import to_frame
    from stpmodel.graph import build_graph
    from stpmodel.model import (
        Action,
        Footnote,
        Goal,
        Indicator,
        IndicatorKind,
        Initiative,
        ItemKind,
        MentionRule,
        Ministry,
        MinistryKind,
        MinistryRef,
        Observation,
        Operator,
        OperatorRole,
        Paragraph,
        Phase,
        Program,
        ProgramKind,
        ProgramMention,
        ProgramStatus,
        Section,
        SourceSpan,
        StatusNote,
        Subsection,
    )
    from stpmodel.parsing import Coverage, coverage, parse, read
    from stpmodel.roadmap import (
        Deadline,
        Deadlines,
        Items,
        Nodes,
        Observations,
        ProgramLink,
        ProgramMentions,
        Roadmap,
        SourceInfo,
    )
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
    "MentionRule",
    "Ministry",
    "MinistryKind",
    "MinistryRef",
    "MissingExtraError",
    "Nodes",
    "Observation",
    "Observations",
    "Operator",
    "OperatorRole",
    "Paragraph",
    "ParseError",
    "ParseWarning",
    "Period",
    "Phase",
    "Program",
    "ProgramKind",
    "ProgramLink",
    "ProgramMention",
    "ProgramMentions",
    "ProgramStatus",
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
    "compare",
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


def _from(module: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, module)


# Every name is imported on first use (stpmodel._lazy), so `import stpmodel` loads no model
# module, no attrs and no cattrs: the command line's read-only commands never need them.
__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        **_from(".model", "Action", "Footnote", "Goal", "Indicator", "IndicatorKind"),
        **_from(".model", "Initiative", "ItemKind", "Ministry", "MinistryKind", "MinistryRef"),
        **_from(".model", "Observation", "Paragraph", "Program", "Section", "SourceSpan"),
        **_from(".model", "StatusNote", "Subsection"),
        **_from(
            ".roadmap",
            "Deadline",
            "Deadlines",
            "Items",
            "Nodes",
            "Observations",
            "Roadmap",
            "SourceInfo",
        ),
        **_from(".model", "MentionRule", "Operator", "OperatorRole", "Phase", "ProgramKind"),
        **_from(".model", "ProgramMention", "ProgramStatus"),
        **_from(".roadmap", "ProgramLink", "ProgramMentions"),
        **_from(".dates", "Calendar", "DateMention", "Granularity", "Period", "Relation"),
        **_from(".dates", "find_dates"),
        **_from(".errors", "ArgumentTypeError", "LoadError", "MissingExtraError", "ParseError"),
        **_from(".errors", "ParseWarning", "StpError", "UnknownIdError", "WriteError"),
        **_from("._bundled", "load", "source_text"),
        **_from(".parsing", "Coverage", "coverage", "parse", "read"),
        **_from(".serialize", "dumps", "loads"),
        **_from(".diff", "RoadmapDiff", "compare"),
        **_from(".graph", "build_graph"),
        **_from(".export.frame", "to_frame"),
    },
    __all__,
)
