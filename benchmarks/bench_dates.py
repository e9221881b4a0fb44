"""Date extraction throughput on roadmap text (at least 100 KB, one call, one core)."""

from __future__ import annotations

import time

import stpmodel
from stpmodel import find_dates


def corpus(min_bytes: int = 100_000) -> str:
    """The bundled roadmap's text, repeated to at least ``min_bytes`` of UTF-8."""
    source = stpmodel.source_text()
    copies = -(-min_bytes // len(source.encode("utf-8")))
    return "\n".join([source] * copies)


def run(repeat: int = 7) -> dict[str, float]:
    text = corpus()
    size = len(text.encode("utf-8"))
    find_dates(text)  # compile the patterns and warm the caches once
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        mentions = find_dates(text)
        times.append(time.perf_counter() - started)
    best = min(times)
    median = sorted(times)[len(times) // 2]
    return {
        "bytes": size,
        "mentions": len(mentions),
        "best_s": best,
        "median_s": median,
        "best_MB_per_s": size / best / 1e6,
        "median_MB_per_s": size / median / 1e6,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>16}: {value:,.3f}" if isinstance(value, float) else f"{key:>16}: {value:,}")
