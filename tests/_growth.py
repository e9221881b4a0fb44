"""Growth ratios: how much longer a step takes (in CPU time) on an input ten times larger.

Tests compare a ratio with a bound, never a duration with a constant: a linear step gives a
ratio near 10, a quadratic one near 100, whatever the machine's speed.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable

__all__ = ["cpu_time", "growth_ratio"]


def cpu_time(step: Callable[[], object], *, repeat: int = 3) -> float:
    """The median CPU time of `repeat` runs of `step` (garbage collection paused while timed)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            started = time.process_time()
            step()
            times.append(time.process_time() - started)
        finally:
            gc.enable()
    return statistics.median(times)


def growth_ratio(small: Callable[[], object], large: Callable[[], object]) -> float:
    """CPU time of `large` over that of `small`, median of three each."""
    return cpu_time(large) / max(cpu_time(small), 1e-6)
