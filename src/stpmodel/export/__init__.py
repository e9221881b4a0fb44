"""Exports: JSON, CSV (Excel-ready), SQLite, GraphML/GEXF, iCalendar, pandas and plots.

Each format lives in its own module and imports what it needs only when called, so
``import stpmodel`` stays light. Optional integrations (pandas, icalendar, matplotlib)
raise :class:`~stpmodel.MissingExtraError` with the ``pip install`` line when absent.
"""

from __future__ import annotations

import os
from pathlib import Path

from stpmodel.roadmap import Roadmap

__all__ = ["FORMATS", "export"]

FORMATS = ("json", "csv", "sqlite", "graphml", "gexf")
"""The formats :func:`export` writes."""


def export(roadmap: Roadmap, fmt: str, path: str | os.PathLike[str]) -> str:
    """Write ``roadmap`` as ``fmt`` (one of :data:`FORMATS`) to ``path``; returns the path.

    CSV writes one file per table into the folder ``path`` (or a zip archive when
    ``path`` ends in ``.zip``).
    """
    target = Path(path)
    if fmt == "json":
        from stpmodel.serialize import dumps

        target.write_text(dumps(roadmap, indent=1), encoding="utf-8")
    elif fmt == "csv":
        from stpmodel.export.tables import write_csv

        write_csv(roadmap, target)
    elif fmt == "sqlite":
        from stpmodel.export.sqlite import write_sqlite

        write_sqlite(roadmap, target)
    elif fmt in ("graphml", "gexf"):
        import networkx as nx

        from stpmodel.graph import build_graph

        graph = build_graph(roadmap)
        if fmt == "graphml":
            nx.write_graphml(graph, target)
        else:
            nx.write_gexf(graph, target)
    else:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return os.fspath(target)
