"""Comparing two editions at scale: the 100× synthetic roadmap against an edited copy.

The edited copy is the synthetic roadmap (see ``bench_scale``) with every tenth section
replaced by the bundled section after the nine edits of ``tests/data/make_edition.py``'s
``EVERY_KIND`` list (inserts, deletes, a reword, a deadline year, a move, a dropped
underline, an indicator value): 90 differences among some 25,000 objects. The figure is
the time of ``stpmodel.diff`` over the time of parsing the synthetic roadmap (target ≤ 5).
"""

from __future__ import annotations

import re

from tests.data import make_edition

import stpmodel
from benchmarks.bench_scale import _best, synthetic


def edited_synthetic(copies: int = 100, every: int = 10) -> str:
    """The synthetic roadmap with every ``every``-th section edited."""
    source = stpmodel.source_text()
    changed, _ = make_edition.apply(source, make_edition.EVERY_KIND)
    return "\n".join(
        re.sub(r"^\(6\)", f"({i})", changed if i % every == 0 else source, count=1, flags=re.M)
        for i in range(1, copies + 1)
    )


def run(copies: int = 100) -> dict[str, float]:
    text, other = synthetic(copies), edited_synthetic(copies)
    old = stpmodel.parse(text, name="synthetic.txt")
    new = stpmodel.parse(other, name="edited.txt")
    parse_s = _best(lambda: stpmodel.parse(text, name="synthetic.txt"), 3)
    diff_s = _best(lambda: stpmodel.compare(old, new), 3)
    same_s = _best(lambda: stpmodel.compare(old, old), 3)
    found = stpmodel.compare(old, new)
    return {
        "objects": len(found.matches) + found.counts["removed"],
        "differences": len(found),
        "parse_s": parse_s,
        "diff_s": diff_s,
        "diff_over_parse": diff_s / parse_s,
        "diff_same_s": same_s,
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>16}: {value:,.3f}" if isinstance(value, float) else f"{key:>16}: {value:,}")
