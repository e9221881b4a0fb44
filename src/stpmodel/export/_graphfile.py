"""The roadmap's graph as a GraphML or GEXF file (networkx), readable by any XML parser.

XML 1.0 cannot carry control characters, non-characters (U+FFFE, U+FFFF …) or lone
surrogates, which a roadmap's text may hold as its source has them; every string of the
graph (keys and attribute values) goes through a [Replacer][stpmodel._write.Replacer],
which writes them as U+FFFD and counts them, so the file always parses again.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from stpmodel._write import Replacer, Written, unwritable, write_with
from stpmodel.roadmap import Roadmap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "write_graph", "xml_safe_graph"]

GRAPH_FORMATS = ("graphml", "gexf")
"""The graph file formats [write_graph][stpmodel.export._graphfile.write_graph] writes."""


def xml_safe_graph(graph: nx.MultiDiGraph, replace: Replacer | None = None) -> nx.MultiDiGraph:
    """`graph` itself when every string of it can be written as XML, else a copy with what
    cannot be written as U+FFFD (counted by `replace`)."""
    strings = [*graph.graph.items()]
    for key, data in graph.nodes(data=True):
        strings.append((key, None))
        strings.extend(data.items())
    for u, v, data in graph.edges(data=True):
        strings.append((u, v))
        strings.extend(data.items())
    if not any(isinstance(s, str) and unwritable(s) for pair in strings for s in pair):
        return graph
    fix = replace if replace is not None else Replacer()

    def clean(value: Any) -> Any:
        return fix(value) if isinstance(value, str) else value

    def attrs(data: dict[str, Any]) -> dict[str, Any]:
        return {clean(k): clean(v) for k, v in data.items()}

    cleaned = type(graph)(**attrs(graph.graph))
    for key, data in graph.nodes(data=True):
        cleaned.add_node(clean(key), **attrs(data))
    for u, v, k, data in graph.edges(keys=True, data=True):
        cleaned.add_edge(clean(u), clean(v), key=clean(k), **attrs(data))
    return cleaned


def write_graph(
    roadmap: Roadmap, path: str | os.PathLike[str], fmt: str = "graphml", *, overwrite: bool = False
) -> Written:
    """Write the graph of [build_graph][stpmodel.graph.build_graph] as `fmt` to `path`.

    `fmt` is `"graphml"` or `"gexf"`. The file is written by the safe-output rules (an
    existing target only with `overwrite`, never through a symbolic link, atomically).
    Returns the path, a [Written][stpmodel._write.Written] whose `replaced` counts the
    characters written as U+FFFD.
    """
    if fmt not in GRAPH_FORMATS:
        raise ValueError(f"unknown graph format {fmt!r}; expected graphml or gexf")
    import networkx as nx

    from stpmodel.graph import build_graph

    replace = Replacer()
    graph = xml_safe_graph(build_graph(roadmap), replace)
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    written = write_with(path, lambda tmp: writer(graph, tmp), overwrite=overwrite)
    return Written(written, replace.count)
