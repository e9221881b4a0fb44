"""Run every benchmark and print the figures: python benchmarks/run.py [dates|cli|scale|hostile|diff]."""

from __future__ import annotations

import os
import platform
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks import bench_cli, bench_dates, bench_diff, bench_parse_hostile, bench_scale


def main(argv: list[str]) -> int:
    chosen = argv or ["dates", "cli", "scale", "hostile", "diff"]
    print(
        f"# stpmodel benchmarks — Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores"
    )
    suites = {
        "dates": bench_dates.run,
        "cli": bench_cli.run,
        "scale": bench_scale.run,
        "hostile": bench_parse_hostile.run,
        "diff": bench_diff.run,
    }
    for name in chosen:
        print(f"\n## {name}")
        for key, value in suites[name]().items():
            text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
            print(f"- {key}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
