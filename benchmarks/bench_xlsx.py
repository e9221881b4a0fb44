"""The Excel export against the parse of the same roadmap: the bundled roadmap and the 10×
synthetic one (see ``bench_scale``), best of five each, in seconds. The figure is
``xlsx_over_parse`` (target ≤ 2.5).
"""

from __future__ import annotations

import os
import tempfile

import stpmodel
from benchmarks.bench_scale import _best, synthetic
from stpmodel.export.xlsx import write_xlsx


def run(copies: int = 10) -> dict[str, float]:
    found: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, "roadmap.xlsx")
        for name, text in (("bundled", stpmodel.source_text()), ("synthetic", synthetic(copies))):
            roadmap = stpmodel.parse(text)
            parse_s = _best(lambda: stpmodel.parse(text), 5)  # noqa: B023 - used at once
            xlsx_s = _best(lambda: write_xlsx(roadmap, target, overwrite=True), 5)  # noqa: B023
            found[f"{name}_parse_s"] = parse_s
            found[f"{name}_xlsx_s"] = xlsx_s
            found[f"{name}_xlsx_over_parse"] = xlsx_s / parse_s
    return found


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:>28}: {value:,.3f}")
