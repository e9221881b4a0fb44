"""Date extraction throughput on roadmap text (at least 100 KB, one call, one core),
next to ja-timex 0.2.8 on the same text in the same run.

ja-timex is an optional benchmark requirement (``pip install 'stpmodel[bench]'`` or
``pip install ja-timex==0.2.8``); without it the comparison is skipped with a message
and only stpmodel's own figures are reported. The ratio is measured, never assumed: it
is the floor (at least 25× ja-timex) that the figures are read against.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Callable

import stpmodel
from stpmodel import find_dates

JA_TIMEX_VERSION = "0.2.8"


def corpus(min_bytes: int = 100_000) -> str:
    """The bundled roadmap's text, repeated to at least ``min_bytes`` of UTF-8."""
    source = stpmodel.source_text()
    copies = -(-min_bytes // len(source.encode("utf-8")))
    return "\n".join([source] * copies)


def _times(run: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return times


def _ja_timex() -> Callable[[str], object] | None:
    """ja-timex's parser at the pinned version, or None (with a message) without it."""
    if importlib.util.find_spec("ja_timex") is None:
        print(
            f"ja-timex is not installed: the comparison is skipped "
            f"(pip install ja-timex=={JA_TIMEX_VERSION})",
            file=sys.stderr,
        )
        return None
    from importlib.metadata import version

    if version("ja-timex") != JA_TIMEX_VERSION:
        print(
            f"ja-timex {version('ja-timex')} is installed, the benchmark pins "
            f"{JA_TIMEX_VERSION}: the comparison is skipped",
            file=sys.stderr,
        )
        return None
    from ja_timex import TimexParser

    parser = TimexParser()
    return parser.parse  # type: ignore[no-any-return]


def run(repeat: int = 7, rival_repeat: int = 3) -> dict[str, float | int]:
    text = corpus()
    size = len(text.encode("utf-8"))
    find_dates(text)  # compile the patterns and warm the caches once
    times = _times(lambda: find_dates(text), repeat)
    best, median = min(times), sorted(times)[len(times) // 2]
    result: dict[str, float | int] = {
        "bytes": size,
        "mentions": len(find_dates(text)),
        "best_s": best,
        "median_s": median,
        "best_KB_per_s": size / best / 1e3,
        "median_KB_per_s": size / median / 1e3,
    }
    parse = _ja_timex()
    if parse is None:
        return result
    parse(text[:2_000])  # its own start-up (pattern compilation) is not counted
    rival = _times(lambda: parse(text), rival_repeat)
    rival_best, rival_median = min(rival), sorted(rival)[len(rival) // 2]
    result |= {
        "ja_timex_best_s": rival_best,
        "ja_timex_median_s": rival_median,
        "ja_timex_best_KB_per_s": size / rival_best / 1e3,
        "ratio_best": rival_best / best,
        "ratio_median": rival_median / median,
    }
    return result


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>24}: {value:,.3f}" if isinstance(value, float) else f"{key:>24}: {value:,}")
