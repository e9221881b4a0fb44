"""Fuzzing the parser with mutations of the bundled source.

Whatever the damage — lines deleted, duplicated or swapped, cells cut, tabs, brackets,
markup, digits, 年/度/～ thrown in — the parser either returns a roadmap that accounts
for every non-markup character of its input (in some object or warning) or raises a
``StpError``. Nothing else escapes.

The parser reads files from strangers, so it must stay linear in their size: the growth
tests below time the parse (and the coverage check) of an input at size n and at 10n and
require time(10n) / time(n) < 20, the median of three runs each. A ratio of the process's
CPU times, not a duration: a busy machine slows neither. Quadratic code gives about 100.

CI runs the ``ci`` profile (a few hundred examples). For a long local run:
``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/property/test_fuzz.py`` (10,000 examples).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, example, given, settings
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
    try:
        roadmap = stpmodel.parse(text, name="mutant.txt")
    except StpError:
        return
    report = stpmodel.coverage(text, roadmap)
    assert report.complete, (report.missing.most_common(5), report.missing_lines[:5], ops)


# -- linear time ---------------------------------------------------------------------------
MAX_GROWTH = 20  # linear code gives about 10 for a tenfold input, quadratic about 100


def _read(text: str) -> None:
    """What a reader of a stranger's file does: parse it and check its coverage."""
    try:
        roadmap = stpmodel.parse(text, name="hostile.txt")
    except StpError:
        return
    stpmodel.coverage(text, roadmap)


def _median_time(text: str) -> float:
    _read(text)  # warm up: the first run also compiles patterns and fills small caches
    times = []
    for _ in range(3):
        # CPU time of this process: time the machine gives to other processes (two cores
        # shared by many) does not count, so a busy machine cannot fake a growth
        started = time.process_time()
        _read(text)
        times.append(time.process_time() - started)
    return statistics.median(times)


def growth(make: Callable[[int], str], n: int) -> float:
    """time(make(10 n)) / time(make(n)), the median of three runs each."""
    return _median_time(make(10 * n)) / _median_time(make(n))


HEAD = (
    "(1) 見出し\n【目標】\n・目標。\n【現状データ】（参考指標）\n・指標：38%\n① 小\n"
    "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
)
ROW = "○取組。【科技】\t・実施。\t・推進。【科技】\n"

# Where a long run is put: every kind of line the grammar knows, and each cell of a row.
PLACES: dict[str, Callable[[str], str]] = {
    "before the ministry tag of an action": lambda run: f"{HEAD}○取組。【科技】\t・実施。\t・推進。{run}【科技】\n",
    "before the 】 of an action's tag": lambda run: f"{HEAD}○取組。【科技】\t・実施。\t・推進。【科技{run}】\n",
    "before a closing 】 alone": lambda run: f"{HEAD}○取組。【科技】\t・実施。\t・推進。{run}】\n",
    "in an initiative": lambda run: f"{HEAD}○取組。{run}【科技】\t・実施。\t・推進。【科技】\n",
    "in a status note": lambda run: f"{HEAD}○取組。【科技】\t・実施。{run}\t・推進。【科技】\n",
    "a line of its own": lambda run: f"{HEAD}{ROW}{run}\n",
    "a line starting with it": lambda run: f"{HEAD}{ROW}{run}x\n",
    "a footnote": lambda run: f"{HEAD}{ROW}⁹⁴ {run}\n",
    "an indicator": lambda run: f"(1) 見出し\n【現状データ】（参考指標）\n・指標：{run}38%\n① 小\n{ROW}",
    "a goal": lambda run: f"(1) 見出し\n【目標】\n・目標{run}\n① 小\n{ROW}",
    "a footnote an indicator cites": lambda run: f"(1) 見出し\n【現状データ】（参考指標）\n・指標：1件⁹⁴\n⁹⁴ {run}\n① 小\n{ROW}",
    "a heading": lambda run: f"(1) 見出し{run}\n① 小{run}\n{ROW}",
}  # fmt: skip

# What the runs are made of: the characters the grammar and its regexes give meaning to.
UNITS = [" ", "\u3000", "\t", "【", "】", "【】", "<", "<p>", "<u>", "</u>", "<p", "&", "0", "9",
         "⁹", "・", " ・", "(再掲)", "(", ")", "-", "年", "2025年度", "～", "、", "○", "S ", "1,", "※",
         "1件", "(2023年度)", "は83.7%", "令和0年", "2023年2月30日"]  # fmt: skip


@pytest.mark.parametrize("run", [" ", "\u3000"], ids=["spaces", "ideographic spaces"])
@pytest.mark.parametrize(
    "place", ["before the ministry tag of an action", "before the 】 of an action's tag"]
)
def test_a_200_kb_run_in_a_cell_is_read_in_linear_time(run: str, place: str) -> None:
    """The hostile file of the safety issue: 200,000 spaces in a cell that ends with a
    ministry tag (it took over 60 s when the trailing tag was found by a regex search)."""
    make = PLACES[place]
    assert growth(lambda n: make(run * n), 20_000) < MAX_GROWTH


def _repeated(unit: str, place: str) -> Callable[[int], str]:
    return lambda n: PLACES[place](unit * max(1, n // len(unit)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(UNITS), min_size=1, max_size=3).map("".join),
    st.sampled_from(sorted(PLACES)),
)
def test_long_runs_anywhere_are_read_in_linear_time(unit: str, place: str) -> None:
    assert growth(_repeated(unit, place), 5_000) < MAX_GROWTH, (unit, place)


# Many lines rather than long ones: a cell continued over many page breaks, footnotes with
# many ※ lines, goals and indicators with many continuation lines.
LINES: dict[str, Callable[[int], str]] = {
    "continuation rows": lambda n: HEAD + ROW + "\t・x\t・y【科技】\n" * n,
    "continuation rows cut mid-sentence": lambda n: HEAD + "○取組\t実施\t推進\n" + "\tし\tし\n" * n,
    "footnote notes": lambda n: HEAD + ROW + "⁹⁴ 注\n" + "※ 続き\n" * n,
    "goal lines": lambda n: "(1) 見出し\n【目標】\n・目標\n" + "続き\n" * n + "① 小\n" + ROW,
    "indicator lines": lambda n: "(1) 見出し\n【現状データ】\n・指標：1件\n" + "内訳：2件\n" * n + "① 小\n" + ROW,
    "initiatives": lambda n: HEAD + ROW * n,
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LINES))
def test_many_lines_are_read_in_linear_time(name: str) -> None:
    assert growth(LINES[name], 300) < MAX_GROWTH


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operations, min_size=1, max_size=8))
# Once, this mutant stops at once with "no roadmap table found"; ten copies parse in full.
# Timing one copy against ten compared an early error with a whole parse (a ratio of 100).
@example([("delete", 7), ("delete", 0), ("drop_tail", 6), ("insert", 5, 0.0, "\t"), ("swap", 0, 5)])
def test_mutated_sources_are_read_in_linear_time(ops: list[tuple[object, ...]]) -> None:
    """A mutant read twenty times over (the sections follow each other) takes at most
    about ten times as long as the mutant read twice: both sides go down the same path,
    where one copy alone may stop early at an error that more copies get past."""
    text = mutate(ops)
    assert growth(lambda n: "\n".join([text] * n), 2) < MAX_GROWTH
