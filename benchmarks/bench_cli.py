"""The command line as a whole process, next to ``python -c pass``."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time


def _best(argv: list[str], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    times.sort()
    return times[0], times[len(times) // 2]


def run(repeat: int = 15) -> dict[str, float]:
    command = shutil.which("stpmodel")
    cli = [command] if command else [sys.executable, "-m", "stpmodel"]
    argv = [*cli, "deadlines", "--from", "2025", "--to", "2027"]
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)  # fill the parse cache
    base_best, base_median = _best([sys.executable, "-c", "pass"], repeat)
    cli_best, cli_median = _best(argv, repeat)
    import_best, _import_median = _best([sys.executable, "-c", "import stpmodel"], repeat)
    return {
        "python_pass_ms": base_best * 1000,
        "import_stpmodel_ms": import_best * 1000,
        "deadlines_ms": cli_best * 1000,
        "ratio_best": cli_best / base_best,
        "ratio_median": cli_median / base_median,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>20}: {value:,.2f}")
