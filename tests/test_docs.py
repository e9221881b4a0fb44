"""The documentation site builds strictly and its API reference names every public name."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import stpmodel

ROOT = Path(__file__).resolve().parents[1]


def _public_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(stpmodel.__path__, "stpmodel.")
        if not any(part.startswith("_") for part in info.name.split(".")[1:])
        and info.name != "stpmodel.data"
    ]


def test_every_public_module_has_all_and_is_in_the_reference() -> None:
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in _public_modules():
        module = importlib.import_module(name)
        assert hasattr(module, "__all__"), name
        assert f"::: {name}\n" in api, name


@pytest.mark.slow
def test_site_builds_strictly_and_names_everything(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="the 'docs' extra is not installed")
    pytest.importorskip("mkdocstrings", reason="the 'docs' extra is not installed")
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "", "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    html = (site / "api" / "index.html").read_text(encoding="utf-8")
    for name in stpmodel.__all__:
        if not name.startswith("__"):
            assert name in html, name
    for module_name in _public_modules():
        module = importlib.import_module(module_name)
        for name in module.__all__:
            assert f"{module_name}.{name}" in html, f"{module_name}.{name}"
