"""The roadmap as a networkx graph, derived from the model on demand (never stored on it).

Nodes are keyed by object ID and carry a `kind`; edges carry a `relation`:

| relation | from → to |
|---|---|
| `contains` | section → subsection → initiative → status note / action; section → indicator |
| `responsible` | initiative / action → ministry (`lead` attribute) |
| `mentions` | initiative / status note / action → program |
| `due` | initiative / action → period (`period:FY2027` …), with the mention's `date_relation` and `expression` |
| `cites` | any object → footnote (a section also for its vision and goals) |
| `reposts` | an action marked (再掲) → its original: the first unmarked action with the same text (one edge per repost; a repost with no original has none) |

Only this module imports networkx, and only [build_graph][stpmodel.graph.build_graph] needs it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from stpmodel._text import search_key
from stpmodel.dates import Period
from stpmodel.model import Action, Footnote, Indicator, Initiative, Section, StatusNote, Subsection
from stpmodel.roadmap import Roadmap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["build_graph", "neighbors", "path", "period_node"]


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
        )

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
        for pid in obj.programs:
            g.add_edge(obj.id, pid, relation="mentions")
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
    """`(repost ID, original ID)` for each action marked (再掲) whose original is in the roadmap.

    The original is the first action *not* marked (再掲) with the same text (compared by
    [search_key][stpmodel._text.search_key]). One pair per repost at most, so the graph grows
    linearly however many reposts share a text; reposts without an original link to nothing.
    """
    originals: dict[str, str] = {}
    for action in roadmap.actions:
        if not action.repost:
            originals.setdefault(search_key(action.text), action.id)
    for action in roadmap.actions:
        if action.repost:
            # the one line to change once actions carry their original: `action.repost_of`
            original = originals.get(search_key(action.text))
            if original is not None:
                yield action.id, original


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
