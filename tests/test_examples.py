"""The examples run and show what they promise."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.test_query import EXPECTED_2025_2027

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_deadlines_example_lists_the_same_set() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "deadlines_2025_2027.py")],
        capture_output=True,
        text=True,
        check=True,
    )
    shown = re.findall(r"^  \[([0-9a-z.]+)\]", done.stdout, flags=re.MULTILINE)
    assert sorted(shown) == sorted(ident for ident, *_ in EXPECTED_2025_2027)
    assert "━━ 2025 ━━" in done.stdout
    assert "━━ 2027 ━━" in done.stdout
