"""Shared fixtures: the bundled roadmap, its source text, the ../shared folder and the
golden files; the `--update-golden` option and the `browser` marker.

Markers (registered in pyproject.toml): `slow` (building the docs, long scale checks),
`browser` (drives Chromium; given here to every test that uses the `browser` fixture) and
`notebook` (runs a Jupyter kernel). The quick run leaves them out:
`python -m pytest -q -m "not slow and not browser and not notebook"`.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

# The parsed bundled roadmap is cached on disk; keep the tests' cache out of ~/.cache.
os.environ.setdefault("STPMODEL_CACHE_DIR", tempfile.mkdtemp(prefix="stpmodel-test-cache-"))

import stpmodel
from stpmodel.roadmap import Roadmap

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def roadmap() -> Roadmap:
    return stpmodel.load()


@pytest.fixture(scope="session")
def source() -> str:
    return stpmodel.source_text()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files (tests/golden/) from the current code instead of "
        "comparing with them; after an intended change, review the diff and commit it",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that takes the `browser` fixture is a browser test (`-m "not browser"`)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def compare_or_update(path: Path, text: str, *, update: bool) -> None:
    """Check `text` against the golden file `path`, or (with `update`) write it there."""
    if update:
        path.write_bytes(text.encode("utf-8"))
        return
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, run pytest --update-golden"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[Path, str], None]:
    """`golden(path, text)`: `text` must equal the golden file `path`; with
    `pytest --update-golden` the file is rewritten instead."""
    update = bool(request.config.getoption("--update-golden"))
    return lambda path, text: compare_or_update(path, text, update=update)


def shared_file(*parts: str) -> Path:
    """A file of ../shared/, or a skip where this checkout has no shared folder."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared folder exists only in the workspace")
    return path


# Hypothesis profiles: "ci" keeps the suite fast, "fuzz" is the long local run.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", max_examples=120, deadline=None)
settings.register_profile("dev", max_examples=1_000, deadline=None)
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
