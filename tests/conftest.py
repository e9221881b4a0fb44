"""Shared fixtures: the bundled roadmap, its source text, and the ../shared folder."""

from __future__ import annotations

import os
import tempfile
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
