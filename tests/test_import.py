"""Importing stpmodel stays light: no networkx, cattrs, pandas or matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys

import stpmodel


def test_heavy_modules_load_only_when_used() -> None:
    code = (
        "import sys, json, stpmodel; "
        "print(json.dumps(sorted(m for m in ('networkx', 'cattrs', 'pandas', 'matplotlib', 'icalendar') "
        "if m in sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_building_the_graph_loads_networkx() -> None:
    code = (
        "import sys, stpmodel; from stpmodel.graph import build_graph; "
        "print('networkx' in sys.modules); build_graph(stpmodel.load()); print('networkx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_public_api_is_explicit() -> None:
    for name in stpmodel.__all__:
        assert hasattr(stpmodel, name), name
        obj = getattr(stpmodel, name)
        if callable(obj):
            assert obj.__doc__, name
