"""One timed operation in a process of its own: ``python benchmarks/_child.py OP INPUT``.

Prints the CPU time (user + system of this process, `time.process_time`) the operation
took, in seconds. The process reads its input and imports what the operation needs before
the clock starts, and holds nothing else: the timing of each operation is not coloured by
what another left on the heap.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path


def main(op: str, path: str) -> None:
    text = Path(path).read_text(encoding="utf-8")
    if op == "json.loads":
        started = time.process_time()
        json.loads(text)
    elif op == "parse":
        import stpmodel

        started = time.process_time()
        stpmodel.parse(text, name="synthetic.txt")
    elif op == "loads":
        from stpmodel.serialize import loads

        started = time.process_time()
        loads(text)
    elif op.startswith("export-"):
        import stpmodel
        from stpmodel.export import export

        fmt = op.removeprefix("export-")
        roadmap = stpmodel.parse(text, name="synthetic.txt")
        with tempfile.TemporaryDirectory() as folder:
            target = os.path.join(folder, f"out.{fmt}")
            started = time.process_time()
            export(roadmap, fmt, target)
            print(time.process_time() - started)
        return
    elif op == "memory":
        import stpmodel

        stpmodel.parse(stpmodel.source_text(), name="warm-up")  # lazy imports and caches
        gc.collect()
        tracemalloc.start()
        before = tracemalloc.take_snapshot()
        kept = stpmodel.parse(text, name="synthetic.txt")
        after = tracemalloc.take_snapshot()
        tracemalloc.stop()
        allocated = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
        print(allocated / len(kept.actions))
        return
    else:
        raise SystemExit(f"unknown operation {op!r}")
    print(time.process_time() - started)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
