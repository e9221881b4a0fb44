"""Fuzzing the parser with mutations of the bundled source.

Whatever the damage — lines deleted, duplicated or swapped, cells cut, tabs, brackets,
markup, digits, 年/度/～ thrown in — the parser either returns a roadmap that accounts
for every non-markup character of its input (in some object or warning) or raises a
``StpError``. Nothing else escapes.

CI runs the ``ci`` profile (a few hundred examples). For a long local run:
``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/property/test_fuzz.py`` (10,000 examples).
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stpmodel
from stpmodel import StpError

SOURCE_LINES = stpmodel.source_text().split("\n")
SNIPPETS = [
    "\t",
    "\t\t",
    "【",
    "】",
    "【科技",
    "<u>",
    "</u>",
    "<p>",
    "</p>",
    '<ul style="x">',
    "<li>",
    "<",
    ">",
    "・",
    " ・",
    "○",
    "(再掲)",
    "年",
    "度",
    "～",
    "2025",
    "２０２５",
    "令和",
    "元",
    "⁹⁴",
    "⁹",
    "※",
    "(6) ",
    "① ",
    "【目標】",
    "【現状データ】（参考指標）",
    "---\t--\t--",
    "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針",
    "\u3000",
    "&amp;",
    "&",
    "0",
    "9",
    "年度",
    "2025年度までに",
    "月",
    "日",
]

operations = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("swap"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("cut"), st.integers(0, 200), st.floats(0, 1)),
    st.tuples(st.just("insert"), st.integers(0, 200), st.floats(0, 1), st.sampled_from(SNIPPETS)),
    st.tuples(st.just("newline"), st.integers(0, 200), st.floats(0, 1)),
    st.tuples(st.just("drop_tail"), st.integers(0, 200)),
)


def mutate(ops: list[tuple[object, ...]]) -> str:
    lines = list(SOURCE_LINES)
    for op in ops:
        if not lines:
            break
        kind = op[0]
        i = int(op[1]) % len(lines)  # type: ignore[call-overload]
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "swap":
            j = int(op[2]) % len(lines)  # type: ignore[call-overload]
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "cut":
            line = lines[i]
            cut = int(len(line) * float(op[2]))  # type: ignore[arg-type]
            lines[i] = line[:cut]
        elif kind == "insert":
            line = lines[i]
            at = int(len(line) * float(op[2]))  # type: ignore[arg-type]
            lines[i] = line[:at] + str(op[3]) + line[at:]
        elif kind == "newline":
            line = lines[i]
            at = int(len(line) * float(op[2]))  # type: ignore[arg-type]
            lines[i : i + 1] = [line[:at], line[at:]]
        elif kind == "drop_tail":
            del lines[i:]
    return "\n".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(operations, min_size=1, max_size=8))
def test_mutated_sources_parse_or_fail_cleanly(ops: list[tuple[object, ...]]) -> None:
    text = mutate(ops)
    started = time.perf_counter()
    try:
        roadmap = stpmodel.parse(text, name="mutant.txt")
    except StpError:
        return
    elapsed = time.perf_counter() - started
    # linear: the intact source parses in ~0.06 s; a mutant is at most a few times longer
    assert elapsed < 2.0, f"{elapsed:.2f} s for {len(text)} characters"
    report = stpmodel.coverage(text, roadmap)
    assert report.complete, (report.missing.most_common(5), report.missing_lines[:5], ops)
