"""Fuzzing the program-mention linker, 再掲 matching and the date engine's spacing and
joining rules with mutations of the bundled source.

Rows and cells are swapped, duplicated and spliced, and the constructs other prints of
the document could hold are thrown in: 第N期 for phases the registry lacks, 次期 and 現行
before unknown names, 最終年度 with no phase, 「」 nesting, 及び/並びに lists, letter-spaced
S I P / Ｓ Ｉ Ｐ, spaced dates, (再掲) and footnote marks. Whatever comes out, `parse`
either raises `ParseError` or returns a roadmap whose warnings each name a line, that
survives `loads(dumps(r))`, and whose graph and program-mention frame can be built.

``HYPOTHESIS_PROFILE=fuzz python -m pytest tests/parsing/test_fuzz_programs.py`` for a
long run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import stpmodel
from stpmodel import ParseError

SOURCE_LINES = stpmodel.source_text().split("\n")
CONSTRUCTS = [
    "次期SIP", "次期S I P", "次期Ｓ Ｉ Ｐ", "ＳＩＰ", "Ｓ\u3000Ｉ\u3000Ｐ", "S I P 第3期", "ＳＩＰ第３期",
    "SIP第9期", "第9期SIP", "第0期SIP", "第" + "9" * 12 + "期SIP", "SIP第" + "9" * 5_000 + "期",
    "次期フーバー", "次期", "現行SIP", "現行", "最終年度", "SIPの最終年度", "第3期の最終年度",
    "第2期", "第３期", "第三期", "ムーンショット型研究開発制度", "ムーンショット目標4", "目標99",
    "「「SIP」第3期」", "「SIP", "」", "SIP及びムーンショット並びにPRISM", "及び", "並びに",
    "について", "の各課題については", "2018年に創設した", "14課題", "本プログラム",
    "NEXTUS", "NEXUS", "BRIDGE", "PRISM", "(再掲)", "（再掲）", "⁹⁴", "※",
    "(1) ", "(7) ", "【目標】", "【主要な数値目標】（主要指標）", "【現状データ】（参考指標）",
    " ", "\u3000", "\t", "○", "・", "【科技】", "【<u>科技</u>、関係府省】",
    "2026 年度", "2 0 2 6 年 度", "2023 年 7 月", "令和元年度", "2023年度から2025年度まで",
    "～", "第6期基本計画", "次期基本計画", "A I", "C S T I", "年度" * 50,
]  # fmt: skip

operations = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 200)),
    st.tuples(st.just("duplicate"), st.integers(0, 200)),
    st.tuples(st.just("swap"), st.integers(0, 200), st.integers(0, 200)),
    st.tuples(st.just("insert"), st.integers(0, 200), st.floats(0, 1), st.sampled_from(CONSTRUCTS)),
    st.tuples(st.just("splice"), st.integers(0, 200), st.integers(0, 200), st.floats(0, 1)),
    st.tuples(st.just("swap-cell"), st.integers(0, 200), st.integers(0, 200), st.integers(0, 2)),
    st.tuples(st.just("page-break"), st.integers(0, 200), st.floats(0, 1)),
)


def mutate(ops: list[tuple[object, ...]]) -> str:
    lines = list(SOURCE_LINES)
    for op in ops:
        kind, i = str(op[0]), int(op[1]) % len(lines)  # type: ignore[call-overload]
        line = lines[i]
        if kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "swap":
            j = int(op[2]) % len(lines)  # type: ignore[call-overload]
            lines[i], lines[j] = lines[j], line
        elif kind == "insert":
            at = int(len(line) * float(op[2]))  # type: ignore[arg-type]
            lines[i] = line[:at] + str(op[3]) + line[at:]
        elif kind == "splice":  # the start of one line, the end of another
            j = int(op[2]) % len(lines)  # type: ignore[call-overload]
            at = int(len(line) * float(op[3]))  # type: ignore[arg-type]
            lines[i] = line[:at] + lines[j][at:]
        elif kind == "swap-cell":
            j, c = int(op[2]) % len(lines), int(op[3])  # type: ignore[call-overload]
            a, b = line.split("\t"), lines[j].split("\t")
            if c < len(a) and c < len(b):
                a[c], b[c] = b[c], a[c]
                lines[i], lines[j] = "\t".join(a), "\t".join(b)
        elif kind == "page-break":  # the row goes on, cell by cell, on a later line
            at = int(len(line) * float(op[2]))  # type: ignore[arg-type]
            lines[i : i + 1] = [line[:at], "⁹⁴ 脚注。", line[at:]]
    return "\n".join(lines)


def check(text: str) -> None:
    try:
        roadmap = stpmodel.parse(text, name="mutant.txt")
    except ParseError:
        return
    assert all(w.line >= 1 for w in roadmap.warnings)
    assert stpmodel.loads(stpmodel.dumps(roadmap)) == roadmap
    stpmodel.build_graph(roadmap)
    roadmap.program_mentions().to_frame()


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(operations, min_size=1, max_size=10))
# a phase number int() refuses (over 4,300 digits) escaped as ValueError
@example([("insert", 45, 0.0, "SIP第" + "9" * 5_000 + "期")])
# one too long for the few characters looked at before a name lost its words silently
@example([("insert", 45, 0.0, "第" + "9" * 12 + "期SIP")])
def test_mutated_sources_link_programs_or_fail_cleanly(ops: list[tuple[object, ...]]) -> None:
    check(mutate(ops))
