"""Importing stpmodel stays light: no networkx, cattrs, pandas or matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_importing_the_package_loads_no_model_module() -> None:
    """`import stpmodel` names every class and function but imports none of them (nor
    attrs): the command line's read-only commands answer without the model."""
    code = (
        "import sys, json, stpmodel; "
        "names = ('stpmodel.model', 'stpmodel.roadmap', 'stpmodel.dates', 'stpmodel.errors', "
        "'stpmodel.parsing', 'stpmodel.diff._result', 'attrs', 'cattrs', 'networkx'); "
        "before = [m for m in names if m in sys.modules]; "
        "stpmodel.Roadmap; "
        "print(json.dumps([before, [m for m in names if m in sys.modules]]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout)
    assert before == []
    assert {"stpmodel.model", "stpmodel.roadmap", "attrs"} <= set(after)
    assert "cattrs" not in after


def test_every_lazy_package_uses_the_one_helper() -> None:
    """No package writes its own module `__getattr__`: they all come from `_lazy`."""
    import stpmodel._lazy

    root = Path(stpmodel.__file__).parent
    written = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "def __getattr__(name" in path.read_text(encoding="utf-8")
    )
    assert written == ["_lazy.py"]
    assert stpmodel.__getattr__.__module__ == stpmodel._lazy.__name__


def test_dir_lists_the_public_names_and_unknown_names_fail() -> None:
    assert dir(stpmodel) == sorted(stpmodel.__all__)
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        stpmodel.nothing  # noqa: B018
    import importlib

    assert "scan" in dir(importlib.import_module("stpmodel.dates"))
    assert "THRESHOLD" in dir(importlib.import_module("stpmodel.diff"))


def test_the_diff_function_keeps_its_name_whatever_is_imported_first() -> None:
    code = (
        "import stpmodel; import stpmodel.diff; stpmodel.RoadmapDiff; "
        "print(callable(stpmodel.diff), stpmodel.diff.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "stpmodel.diff"]
