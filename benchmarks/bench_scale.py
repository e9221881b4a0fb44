"""A roadmap 100× the bundled one: parse, JSON, memory, graph and query times.

The synthetic roadmap repeats the bundled section 100 times under renumbered headings
((1) … (100)), so every ID stays unique: 2,500 initiatives, 9,500 actions.

The ratios are measured as the performance issue's table is: every operation runs in a
process of its own that holds only its input (`benchmarks/_child.py`), its CPU time is
taken around the operation alone, the operations are run in turn (interleaved, so a slow
spell of a shared machine hits all of them), `rounds` times, and each ratio is of the
medians, the baseline (`json.loads` of the roadmap's JSON, or the parse for the export)
measured in the same run. The package is byte-compiled first and the children may write
and read bytecode, as an installed package does.
"""

from __future__ import annotations

import compileall
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import stpmodel
from stpmodel import query
from stpmodel.graph import build_graph
from stpmodel.serialize import dumps

_CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_child.py")
_OPERATIONS = ("json.loads", "parse", "loads", "export-json", "export-xlsx")


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


def _child(op: str, path: str) -> float:
    """What `_child.py` prints for `op` on `path` (CPU seconds, or bytes per action)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, _CHILD, op, path], env=env, check=True, capture_output=True, text=True
    )
    return float(done.stdout.strip().splitlines()[-1])


def ratios(copies: int = 100, rounds: int = 5) -> dict[str, float]:
    """The issue's rows, each operation in its own process, interleaved, medians."""
    compileall.compile_dir(os.path.dirname(stpmodel.__file__), quiet=1)
    text = synthetic(copies)
    document = dumps(stpmodel.parse(text, name="synthetic.txt"))
    times: dict[str, list[float]] = {op: [] for op in _OPERATIONS}
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "synthetic.txt")
        exported = os.path.join(folder, "synthetic.json")
        with open(source, "w", encoding="utf-8") as f:
            f.write(text)
        with open(exported, "w", encoding="utf-8") as f:
            f.write(document)
        inputs = {"json.loads": exported, "loads": exported}
        for _ in range(rounds):
            for op in _OPERATIONS:
                times[op].append(_child(op, inputs.get(op, source)))
        per_action = _child("memory", source)
    median = {op: statistics.median(values) for op, values in times.items()}
    return {
        "source_MB": len(text.encode("utf-8")) / 1e6,
        "json_MB": len(document.encode("utf-8")) / 1e6,
        "rounds": rounds,
        "json.loads_cpu_s": median["json.loads"],
        "parse_cpu_s": median["parse"],
        "loads_cpu_s": median["loads"],
        "export_json_cpu_s": median["export-json"],
        "export_xlsx_cpu_s": median["export-xlsx"],
        "parse_over_json.loads": median["parse"] / median["json.loads"],
        "loads_over_json.loads": median["loads"] / median["json.loads"],
        "export_json_over_parse": median["export-json"] / median["parse"],
        "export_xlsx_over_parse": median["export-xlsx"] / median["parse"],
        "bytes_per_action": per_action,
    }


def queries(copies: int = 100) -> dict[str, float]:
    """Graph and query times on the parsed roadmap, in this process (best of several)."""
    roadmap = stpmodel.parse(synthetic(copies), name="synthetic.txt")
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
        "graph_build_s": graph_s,
        "deadline_window_ms": window_s * 1000,
        "date_window_query_ms": date_window_s * 1000,
        "ministry_query_ms": ministry_s * 1000,
        "first_search_ms": first_search_s * 1000,
        "search_ms": search_s * 1000,
    }


def run(copies: int = 100) -> dict[str, float]:
    return {**ratios(copies), **queries(copies)}


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>24}: {value:,.3f}" if isinstance(value, float) else f"{key:>24}: {value:,}")
