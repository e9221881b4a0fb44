"""The roadmap's graph as a GraphML or GEXF file (networkx), readable by any XML parser.

XML 1.0 cannot carry most control characters, which a roadmap's text may hold as its source
has them; every string of the graph (keys and attribute values) is written with
[escape_controls][stpmodel._write.escape_controls], so the file always parses again.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from stpmodel._write import escape_controls, has_controls, write_with
from stpmodel.roadmap import Roadmap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "write_graph", "xml_safe_graph"]

GRAPH_FORMATS = ("graphml", "gexf")
"""The graph file formats [write_graph][stpmodel.export._graphfile.write_graph] writes."""


def _clean(value: Any) -> Any:
    return escape_controls(value) if isinstance(value, str) else value


def _clean_attrs(data: dict[str, Any]) -> dict[str, Any]:
    return {_clean(k): _clean(v) for k, v in data.items()}


def xml_safe_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """`graph` itself when no string of it holds a control character, else a cleaned copy."""
    strings = [*graph.graph.items()]
    for key, data in graph.nodes(data=True):
        strings.append((key, None))
        strings.extend(data.items())
    for u, v, data in graph.edges(data=True):
        strings.append((u, v))
        strings.extend(data.items())
    if not any(isinstance(s, str) and has_controls(s) for pair in strings for s in pair):
        return graph
    clean = type(graph)(**_clean_attrs(graph.graph))
    for key, data in graph.nodes(data=True):
        clean.add_node(_clean(key), **_clean_attrs(data))
    for u, v, k, data in graph.edges(keys=True, data=True):
        clean.add_edge(_clean(u), _clean(v), key=_clean(k), **_clean_attrs(data))
    return clean


def write_graph(
    roadmap: Roadmap, path: str | os.PathLike[str], fmt: str = "graphml", *, overwrite: bool = False
) -> str:
    """Write the graph of [build_graph][stpmodel.graph.build_graph] as `fmt` to `path`.

    `fmt` is `"graphml"` or `"gexf"`. The file is written by the safe-output rules (an
    existing target only with `overwrite`, never through a symbolic link, atomically).
    """
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; expected graphml or gexf")
    import networkx as nx

    from stpmodel.graph import build_graph

    graph = xml_safe_graph(build_graph(roadmap))
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    return write_with(path, lambda tmp: writer(graph, tmp), overwrite=overwrite)
