"""The import graph of src/stpmodel: no cycles, and only the CLI imports the package itself.

A fresh-interpreter import test cannot see a cycle closed by an import inside a function,
so this reads the source with `ast`: every `import` and `from … import` counts, at module
level or inside a function, except those under `if TYPE_CHECKING:` (read by type checkers
only). `from stpmodel.x import y` is an edge to `stpmodel.x.y` when that is a module, else
to `stpmodel.x`; importing a submodule does not count as importing its parent packages.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "stpmodel"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, skipping the bodies of `if TYPE_CHECKING:`."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for other in node.orelse:
                yield from _imports(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _imports(node)


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    base = node.module or ""
    if node.level:
        is_package = MODULES[module].name == "__init__.py"
        anchor = module.split(".")
        anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
        base = ".".join([*anchor, base] if base else anchor)
    for alias in node.names:
        full = f"{base}.{alias.name}"
        yield full if full in MODULES else base


def import_graph() -> dict[str, set[str]]:
    """Each module of the package → the modules of the package it imports."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = {
            target
            for node in _imports(tree)
            for target in _targets(module, node)
            if target in MODULES and target != module
        }
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_reader_sees_function_level_imports_and_skips_type_checking() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from stpmodel.roadmap import Roadmap\n"
        "def f():\n    from stpmodel.model import Action\n"
        "    from stpmodel import records\n"
        "    import stpmodel\n"
    )
    targets = {t for node in _imports(ast.parse(source)) for t in _targets("stpmodel.query", node)}
    assert targets == {"typing", "stpmodel.model", "stpmodel.records", "stpmodel"}


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_two_modules_import_each_other() -> None:
    graph = import_graph()
    pairs = sorted((a, b) for a in graph for b in graph[a] if a < b and a in graph[b])
    assert pairs == []


def test_the_import_graph_has_no_cycle() -> None:
    assert _cycles(import_graph()) == []


def test_only_the_cli_imports_the_package_itself() -> None:
    graph = import_graph()
    importers = sorted(m for m, targets in graph.items() if PACKAGE in targets)
    assert set(importers) <= {f"{PACKAGE}.cli"}


_MODEL = {
    "stpmodel.model",
    "stpmodel.roadmap",
    "stpmodel.dates",
    "stpmodel.dates.mention",
    "stpmodel.dates.period",
}


@pytest.mark.parametrize(
    "module",
    [
        "stpmodel._html",
        "stpmodel._shown",
        "stpmodel._labels",
        "stpmodel.records",
        "stpmodel._date_records",
        "stpmodel._indicator_records",
        "stpmodel._program_records",
    ],
)
def test_renderers_import_no_model_class(module: str) -> None:
    """The renderers and the records work on plain values, so every model class can use
    them: from a model module they may import functions (the fiscal-year rule), never a
    class."""
    import importlib

    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    classes = [
        f"{node.module}.{alias.name}"
        for node in _imports(tree)
        if isinstance(node, ast.ImportFrom) and node.module in _MODEL
        for alias in node.names
        if isinstance(getattr(importlib.import_module(node.module), alias.name), type)
    ]
    assert classes == []
    plain = {
        t for node in _imports(tree) if isinstance(node, ast.Import) for t in _targets(module, node)
    }
    assert not plain & _MODEL


def test_the_model_imports_only_what_is_below_it() -> None:
    """model.py needs errors, dates and text helpers, the renderer its classes derive
    from and the views that draw their records, which import no model module back
    (checked above)."""
    allowed = {
        "stpmodel._text",
        "stpmodel.errors",
        "stpmodel.dates",
        "stpmodel._shown",
        "stpmodel._recorded",
        "stpmodel._summary",  # the containers' one-line repr, which imports nothing back
    }
    graph = import_graph()
    # the program registry's classes, re-exported by model.py, stand on the same ground
    assert graph["stpmodel.model"] <= allowed | {"stpmodel._program"}
    assert graph["stpmodel._program"] <= allowed


def test_no_module_is_over_600_lines() -> None:
    """A module that grows past 600 lines is doing two jobs: split it."""
    sizes = {
        name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()
    }
    assert sizes
    assert {name: n for name, n in sizes.items() if n > 600} == {}
