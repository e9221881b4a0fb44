"""The command line as whole processes, next to ``python -c pass``.

Set-up, stated because it decides the figure:

- The package is byte-compiled first (``compileall``), as a wheel install by pip is. An
  editable install under ``PYTHONDONTWRITEBYTECODE=1`` never writes ``.pyc`` files, and then
  every run compiles the package's source again (~25 ms on the reference VM) — that is a
  property of the set-up, not of the command.
- The caches (the parse and the plain records) are filled by one untimed run of each
  command, in a private temporary cache folder.
- Each round runs the baseline and every command once, in turn, so a slow spell of a shared
  machine hits all of them; the figure is the median over the rounds of the CPU time (user
  + system) of each child process, divided by the baseline's median.
- ``model`` rows run the same command through ``stpmodel.cli.main`` (the model path every
  command took before the plain records): the speed-up in the same run.
"""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

import stpmodel

COMMANDS = {
    "deadlines": ["deadlines", "--from", "2025", "--to", "2027"],
    "show": ["show", "6.1.2"],
    "search": ["search", "SIP"],
}
_MODEL = "import sys; from stpmodel.cli import main; sys.exit(main(sys.argv[1:]))"


def _cpu(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _command() -> list[str]:
    """The installed ``stpmodel`` script next to this interpreter, else ``python -m``."""
    script = os.path.join(os.path.dirname(sys.executable), "stpmodel")
    found = script if os.path.exists(script) else shutil.which("stpmodel")
    return [found] if found else [sys.executable, "-m", "stpmodel"]


def run(repeat: int = 25) -> dict[str, float]:
    compileall.compile_dir(os.path.dirname(stpmodel.__file__), quiet=1)
    folder = tempfile.mkdtemp(prefix="stpmodel-bench-")
    env = {**os.environ, "STPMODEL_CACHE_DIR": folder}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cli = _command()
    runs = {"python -c pass": [sys.executable, "-c", "pass"]}
    for name, args in COMMANDS.items():
        runs[name] = [*cli, *args]
        runs[f"{name} (model)"] = [sys.executable, "-c", _MODEL, *args]
    try:
        for argv in runs.values():  # fill the caches
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True, env=env)
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(repeat):
            for name, argv in runs.items():
                times[name].append(_cpu(argv, env))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(times["python -c pass"])
    result = {"python -c pass, CPU median ms": base * 1000}
    for name in runs:
        if name != "python -c pass":
            result[f"{name} ÷ python -c pass (CPU, median)"] = statistics.median(times[name]) / base
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>50}: {value:,.2f}")
