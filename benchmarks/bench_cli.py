"""The command line as a whole process, next to ``python -c pass``.

Set-up, stated because it decides the figure:

- The package is byte-compiled first (``compileall``), as a wheel install by pip is. An
  editable install under ``PYTHONDONTWRITEBYTECODE=1`` never writes ``.pyc`` files, and then
  every run compiles the package's source again (~25 ms on the reference VM) — that is a
  property of the set-up, not of the command.
- The parse cache is filled by one untimed run.
- The baseline and the command are run alternately, so a slow spell of a shared machine
  hits both; the ratio is given for the best runs and for the medians, in wall-clock and in
  CPU time (user + system of the child process, less sensitive to other load).
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

import stpmodel


def _timed(argv: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run(repeat: int = 25) -> dict[str, float]:
    compileall.compile_dir(os.path.dirname(stpmodel.__file__), quiet=1)
    command = shutil.which("stpmodel")
    cli = [command] if command else [sys.executable, "-m", "stpmodel"]
    argv = [*cli, "deadlines", "--from", "2025", "--to", "2027"]
    baseline = [sys.executable, "-c", "pass"]
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)  # fill the parse cache
    base_wall, base_cpu, cli_wall, cli_cpu = [], [], [], []
    for _ in range(repeat):
        wall, cpu = _timed(baseline)
        base_wall.append(wall)
        base_cpu.append(cpu)
        wall, cpu = _timed(argv)
        cli_wall.append(wall)
        cli_cpu.append(cpu)
    return {
        "python_pass_ms": min(base_wall) * 1000,
        "deadlines_ms": min(cli_wall) * 1000,
        "deadlines_median_ms": statistics.median(cli_wall) * 1000,
        "ratio_best": min(cli_wall) / min(base_wall),
        "ratio_median": statistics.median(cli_wall) / statistics.median(base_wall),
        "ratio_cpu_median": statistics.median(cli_cpu) / statistics.median(base_cpu),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>20}: {value:,.2f}")
