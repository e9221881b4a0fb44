"""A roadmap 100× the bundled one: parse, JSON, memory, graph and query times.

The synthetic roadmap repeats the bundled section 100 times under renumbered headings
((1) … (100)), so every ID stays unique: 2,500 initiatives, 9,500 actions.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import stpmodel
from stpmodel import query
from stpmodel.graph import build_graph
from stpmodel.serialize import dumps, loads


def synthetic(copies: int = 100) -> str:
    """The bundled text repeated ``copies`` times with renumbered section headings."""
    source = stpmodel.source_text()
    return "\n".join(
        re.sub(r"^\(6\)", f"({i})", source, count=1, flags=re.MULTILINE)
        for i in range(1, copies + 1)
    )


def _best(func: Callable[[], Any], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def run(copies: int = 100) -> dict[str, float]:
    text = synthetic(copies)
    parse_s = _best(lambda: stpmodel.parse(text, name="synthetic.txt"), 3)
    roadmap = stpmodel.parse(text, name="synthetic.txt")
    document = dumps(roadmap)
    json_s = _best(lambda: json.loads(document), 3)
    loads_s = _best(lambda: loads(document), 3)

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    kept = stpmodel.parse(text, name="synthetic.txt")
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    allocated = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    del kept

    graph_s = _best(lambda: build_graph(roadmap), 2)
    window_s = _best(lambda: roadmap.deadlines(from_year=2025, to_year=2027), 50)
    date_window_s = _best(
        lambda: query.deadlines(roadmap, start=dt.date(2026, 4, 1), end=dt.date(2027, 3, 31)), 20
    )
    ministry_s = _best(lambda: query.actions_of(roadmap, "文", lead_only=True), 20)
    started = time.perf_counter()
    query.search(roadmap, "S I P")  # the first search derives the search keys
    first_search_s = time.perf_counter() - started
    search_s = _best(lambda: query.search(roadmap, "ムーンショット"), 20)
    return {
        "initiatives": len(roadmap.initiatives),
        "actions": len(roadmap.actions),
        "source_MB": len(text.encode("utf-8")) / 1e6,
        "parse_s": parse_s,
        "json_MB": len(document.encode("utf-8")) / 1e6,
        "json.loads_s": json_s,
        "stpmodel.loads_s": loads_s,
        "loads_over_json": loads_s / json_s,
        "bytes_per_action": allocated / len(roadmap.actions),
        "graph_build_s": graph_s,
        "deadline_window_ms": window_s * 1000,
        "date_window_query_ms": date_window_s * 1000,
        "ministry_query_ms": ministry_s * 1000,
        "first_search_ms": first_search_s * 1000,
        "search_ms": search_s * 1000,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>22}: {value:,.3f}" if isinstance(value, float) else f"{key:>22}: {value:,}")
