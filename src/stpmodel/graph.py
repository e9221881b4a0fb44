"""The roadmap as a networkx graph, derived from the model on demand (never stored on it).

Nodes are keyed by object ID and carry a `kind`; edges carry a `relation`:

| relation | from → to |
|---|---|
| `contains` | section → subsection → initiative → status note / action; section → indicator |
| `responsible` | initiative / action → ministry (`lead` attribute) |
| `mentions` | initiative / status note / action / indicator → program, one edge per mention with its `rule`, `inferred` and `phase` (absent where the mention names none) |
| `phase` | program → one of its phases (node kind `phase`, `phase:sip:3`) or goals (kind `program_goal`, `goal:moonshot:10`), with `start_fy`, `end_fy` |
| `succeeded_by` | program → the program that followed it (PRISM → BRIDGE), from the registry's lineage |
| `due` | initiative / action → period (`period:FY2027` …), with the mention's `date_relation` and `expression` |
| `cites` | any object → footnote (a section also for its vision and goals) |
| `reposts` | an item marked (再掲) → its original (`repost_of`: the first unmarked item of its kind with the same text; one edge per repost; a repost whose original lies outside the roadmap has none) |

Only this module imports networkx, and only [build_graph][stpmodel.graph.build_graph] needs it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from stpmodel.dates import Period
from stpmodel.model import Action, Footnote, Indicator, Initiative, Section, StatusNote, Subsection
from stpmodel.roadmap import Roadmap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph", "neighbors", "path", "period_node", "phase_node"]


def period_node(period: Period) -> str:
    """The node key of a period: `"period:FY2027"`, `"period:2024-07"` …"""
    return f"period:{period.label}"


def _short(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def build_graph(roadmap: Roadmap) -> nx.MultiDiGraph:
    """A `networkx.MultiDiGraph` of the roadmap (see the module docs for its shape).

    Node and edge attributes are strings, numbers and booleans only, so the graph can be
    written as GraphML or GEXF as it is.
    """
    import networkx as nx

    g = nx.MultiDiGraph(title=roadmap.title)

    def node(key: str, kind: str, label: str, **attrs: Any) -> None:
        g.add_node(key, kind=kind, label=label, **attrs)

    def cites(source: str, numbers: Iterable[int]) -> None:
        for number in numbers:
            if number in roadmap.footnotes:
                g.add_edge(source, f"fn{number}", relation="cites")

    for code, ministry in roadmap.ministries.items():
        node(
            code,
            "ministry",
            code,
            name_ja=ministry.name_ja,
            name_en=ministry.name_en,
            ministry_kind=ministry.kind.value,
        )
    for pid, program in roadmap.programs.items():
        node(
            pid,
            "program",
            program.acronym or program.name_ja,
            name_ja=program.name_ja,
            name_en=program.name_en,
            program_kind=program.kind.value,
            status=program.status.value,
            **_known(start_fy=program.first_year, end_fy=program.last_year),
        )
        for kind, phases in (("phase", program.phases), ("goal", program.goals)):
            for phase in phases:
                key = phase_node(pid, phase.number, kind)
                node(
                    key,
                    "phase" if kind == "phase" else "program_goal",
                    f"{program.acronym or program.name_ja} {phase.label}",
                    confirmed=phase.confirmed,
                    **_known(start_fy=phase.start_fy, end_fy=phase.end_fy),
                )
                g.add_edge(pid, key, relation="phase")
    for pid, program in roadmap.programs.items():
        if program.successor in roadmap.programs:
            g.add_edge(pid, program.successor, relation="succeeded_by")

    def due(key: str, item: Initiative | Action) -> None:
        for mention in item.dates:
            target = period_node(mention.period)
            if target not in g:
                node(
                    target,
                    "period",
                    mention.period.label,
                    start=mention.period.start.isoformat(),
                    end=mention.period.end.isoformat(),
                    granularity=mention.period.granularity.value,
                    calendar=mention.period.calendar.value,
                )
            g.add_edge(
                key,
                target,
                relation="due",
                date_relation=mention.relation.value,
                expression=mention.text,
            )

    def mentions(obj: Initiative | StatusNote | Action | Indicator) -> None:
        seen: set[tuple[str, int | None, str]] = set()
        for mention in obj.program_mentions:
            key = (mention.program, mention.phase, mention.rule.value)
            if key in seen or mention.program not in roadmap.programs:
                continue
            seen.add(key)
            g.add_edge(
                obj.id,
                mention.program,
                relation="mentions",
                rule=mention.rule.value,
                inferred=mention.inferred,
                **_known(phase=mention.phase),
            )

    def item(obj: Initiative | StatusNote | Action) -> None:
        """An initiative, status note or action: its node and every edge it has."""
        extra = {} if isinstance(obj, StatusNote) else {"repost": obj.repost}
        node(
            obj.id,
            obj.kind.value,
            _short(obj.text),
            text=obj.text,
            line=obj.source.first_line,
            **extra,
        )
        if not isinstance(obj, StatusNote):
            for ref in obj.ministries:
                g.add_edge(obj.id, ref.code, relation="responsible", lead=ref.lead)
        mentions(obj)
        if not isinstance(obj, StatusNote):
            due(obj.id, obj)
        cites(obj.id, obj.footnotes)

    for obj, parent in roadmap.walk_with_parents():
        if isinstance(obj, Initiative | StatusNote | Action):
            item(obj)
        elif isinstance(obj, Section):
            node(
                obj.id,
                "section",
                f"({obj.number}) {_short(obj.title)}",
                text=obj.title,
                line=obj.source.first_line,
            )
        elif isinstance(obj, Subsection):
            node(
                obj.id, "subsection", _short(obj.title), text=obj.title, line=obj.source.first_line
            )
        elif isinstance(obj, Indicator):
            node(
                obj.id,
                "indicator",
                _short(obj.name),
                text=obj.text,
                indicator_kind=obj.kind.value,
                line=obj.source.first_line,
            )
            cites(obj.id, obj.footnotes)
            mentions(obj)
        elif isinstance(obj, Footnote):
            node(obj.id, "footnote", f"注{obj.number}", text=obj.text, line=obj.source.first_line)
            continue
        elif parent is not None:  # a vision paragraph or a goal: its section cites for it
            cites(parent.id, obj.footnotes)
            continue
        if parent is not None:
            g.add_edge(parent.id, obj.id, relation="contains")
    for repost, original in _repost_links(roadmap):
        g.add_edge(repost, original, relation="reposts")
    return g


def _repost_links(roadmap: Roadmap) -> Iterator[tuple[str, str]]:
    """`(repost ID, original ID)` for each item marked (再掲) whose original is in the
    roadmap (its `repost_of`: the first item of its kind *not* marked (再掲) with the same
    text). One pair per repost at most, so the graph grows linearly however many reposts
    share a text; reposts whose original lies elsewhere link to nothing."""
    for obj in roadmap.walk():
        if isinstance(obj, Initiative | Action | Indicator) and obj.repost_of is not None:
            yield obj.id, obj.repost_of


def _known(**values: Any) -> dict[str, Any]:
    """The values that are not None (GraphML and GEXF have no null): a missing attribute
    means unknown."""
    return {key: value for key, value in values.items() if value is not None}


def phase_node(program: str, number: int | None, kind: str = "phase") -> str:
    """The node key of a program's phase or goal: `"phase:sip:3"`, `"goal:moonshot:10"`."""
    return f"{kind}:{program}:{number}"


def neighbors(
    graph: nx.MultiDiGraph, key: Hashable, *, relation: str | None = None, kind: str | None = None
) -> tuple[Hashable, ...]:
    """Nodes linked to `key` in either direction, filtered by edge `relation` and by
    the neighbour's `kind`; in a stable order."""
    found: dict[Hashable, None] = {}
    for _, other, data in graph.out_edges(key, data=True):
        if relation is None or data.get("relation") == relation:
            found.setdefault(other, None)
    for other, _, data in graph.in_edges(key, data=True):
        if relation is None or data.get("relation") == relation:
            found.setdefault(other, None)
    return tuple(n for n in found if kind is None or graph.nodes[n].get("kind") == kind)


def path(graph: nx.MultiDiGraph, source: Hashable, target: Hashable) -> tuple[Hashable, ...]:
    """A shortest path between two nodes, ignoring edge direction; empty if none."""
    import networkx as nx

    try:
        return tuple(nx.shortest_path(graph.to_undirected(as_view=True), source, target))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return ()
