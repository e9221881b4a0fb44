"""The Excel export against the parse of the same roadmap: ``python benchmarks/bench_xlsx.py``.

Measured as the performance issue's table is: every operation runs in a process of its own
that holds only its input (this file, run as ``bench_xlsx.py --child OP PATH``), its CPU
time (user + system, `time.process_time`) is taken around the operation alone, the parse
and the export are run in turn (interleaved, so a slow spell of a shared machine hits
both), `rounds` times, and the ratio is of the medians, the parse measured in the same run.
The export child parses the roadmap before its clock starts and then times
``export(roadmap, "xlsx", path)``, as ``stpmodel export --format xlsx`` runs it; each child
imports what its operation needs (stpmodel, the writer's library) before the clock. The
package is byte-compiled first and the children read and write bytecode, as an installed
package does. The roadmaps are the bundled one and the synthetic ones of ``bench_scale``
(the bundled section repeated under renumbered headings). The figure is
``xlsx_over_parse`` (target ≤ 2.5).
"""

from __future__ import annotations

import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_OPERATIONS = ("parse", "xlsx")


def _run_child(op: str, path: str) -> None:
    text = open(path, encoding="utf-8").read()  # noqa: SIM115 - read once, before the clock
    import stpmodel

    if op == "parse":
        started = time.process_time()
        stpmodel.parse(text, name="roadmap.txt")
    elif op == "xlsx":
        from stpmodel.export import export
        from stpmodel.export.xlsx import write_xlsx  # noqa: F401 - the writer's imports

        roadmap = stpmodel.parse(text, name="roadmap.txt")
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, "roadmap.xlsx")
            started = time.process_time()
            export(roadmap, "xlsx", target)
            print(time.process_time() - started)
        return
    else:
        raise SystemExit(f"unknown operation {op!r}")
    print(time.process_time() - started)


def _child(op: str, path: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([_ROOT, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    done = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--child", op, path],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def run(copies: tuple[int, ...] = (1, 100), rounds: int = 5) -> dict[str, float]:
    import stpmodel
    from benchmarks.bench_scale import synthetic

    compileall.compile_dir(os.path.dirname(stpmodel.__file__), quiet=1)
    found: dict[str, float] = {"rounds": rounds}
    with tempfile.TemporaryDirectory() as folder:
        for n in copies:
            name = "bundled" if n == 1 else f"{n}x"
            text = stpmodel.source_text() if n == 1 else synthetic(n)
            source = os.path.join(folder, f"{name}.txt")
            with open(source, "w", encoding="utf-8") as f:
                f.write(text)
            times: dict[str, list[float]] = {op: [] for op in _OPERATIONS}
            for _ in range(rounds):
                for op in _OPERATIONS:
                    times[op].append(_child(op, source))
            median = {op: statistics.median(values) for op, values in times.items()}
            found[f"{name}_parse_cpu_s"] = median["parse"]
            found[f"{name}_xlsx_cpu_s"] = median["xlsx"]
            found[f"{name}_xlsx_over_parse"] = median["xlsx"] / median["parse"]
    return found


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _run_child(sys.argv[2], sys.argv[3])
    else:
        sys.path.insert(0, _ROOT)
        sizes = tuple(int(n) for n in sys.argv[1:]) or (1, 100)
        for key, value in run(sizes).items():
            print(f"{key:>28}: {value:,.3f}")
