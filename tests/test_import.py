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


def test_presentation_and_registries_load_only_when_used() -> None:
    """The CLI's start-up path (the package, a query) loads no renderer, record or name
    registry; showing a result in a notebook or resolving a name does."""
    code = (
        "import sys, json, stpmodel; from stpmodel import query; r = stpmodel.load(); "
        "before = sorted(m for m in ('stpmodel._html', 'stpmodel.records', 'stpmodel.registry') "
        "if m in sys.modules); "
        "r.deadlines(ministry='MEXT')._repr_html_(); "
        "after = sorted(m for m in ('stpmodel._html', 'stpmodel.records', 'stpmodel.registry') "
        "if m in sys.modules); print(json.dumps([before, after]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout)
    assert "stpmodel._html" not in before
    assert "stpmodel.records" not in before
    assert after == ["stpmodel._html", "stpmodel.records", "stpmodel.registry"]
