"""Parse time of hostile files: long runs in a cell that ends with a ministry tag.

The safety issue's case: a cell holding 200,000 spaces (or ideographic spaces) before the
closing 】 of its ministry tag. The regex that searched for the trailing tag retried the
run from every position: 20,000 spaces took 9.5 s and 20,000 ideographic spaces 14.9 s
(quadratic, so about 15 minutes for 200,000). The parser now reads the trailer backwards,
once. The same run before a whole tag, and the bundled source's parse throughput, are given
alongside for scale.
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable

import stpmodel

RUN = 200_000
_HEAD = "(1) 見出し\n① 小\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def hostile(run: str, *, inside_tag: bool = False, length: int = RUN) -> str:
    """A one-row roadmap whose action holds ``length`` copies of ``run`` before its tag
    (``・推進。    【科技】``) or before the tag's closing bracket (``【科技    】``)."""
    cell = f"・推進。【科技{run * length}】" if inside_tag else f"・推進。{run * length}【科技】"
    return f"{_HEAD}○取組。【科技】\t・実施。\t{cell}\n"


def _median(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(repeat: int = 3) -> dict[str, float]:
    results: dict[str, float] = {}
    cases = {
        "spaces": hostile(" "),
        "ideographic_spaces": hostile("\u3000"),
        "spaces_in_tag": hostile(" ", inside_tag=True),
        "ideographic_spaces_in_tag": hostile("\u3000", inside_tag=True),
    }
    for name, text in cases.items():
        results[f"{name}_KB"] = len(text.encode("utf-8")) / 1000
        results[f"{name}_parse_s"] = _median(functools.partial(stpmodel.parse, text), repeat)
    source = stpmodel.source_text()
    parse_s = _median(lambda: stpmodel.parse(source), repeat)
    results["bundled_source_parse_s"] = parse_s
    results["bundled_source_MB_per_s"] = len(source.encode("utf-8")) / parse_s / 1e6
    return results


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>34}: {value:,.3f}")
