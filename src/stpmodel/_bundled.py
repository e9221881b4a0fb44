"""The bundled dataset: the shipped source text, parsed on first use.

The dataset is not typed in anywhere: :func:`load` runs the parser over the source text
shipped in ``stpmodel/data`` (統合イノベーション戦略2024（内閣府）, Government of Japan
Standard Terms of Use) and caches the result for the life of the process.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stpmodel.roadmap import Roadmap

__all__ = ["ATTRIBUTION", "load", "manifest", "source_text"]

ATTRIBUTION = "統合イノベーション戦略2024（内閣府）"


@functools.cache
def manifest() -> dict[str, Any]:
    """What the bundled data is: source file, title, edition, attribution, licence."""
    data: dict[str, Any] = json.loads(
        resources.files("stpmodel.data").joinpath("manifest.json").read_text(encoding="utf-8")
    )
    return data


def source_text() -> str:
    """The shipped source text of the bundled roadmap."""
    name = manifest()["source"]
    return resources.files("stpmodel.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def _load() -> Roadmap:
    from stpmodel.parsing import parse

    meta = manifest()
    return parse(
        source_text(),
        name=meta["source"],
        strict=True,
        title=meta["title"],
        edition=meta["edition"],
    )


def load() -> Roadmap:
    """The bundled roadmap, parsed (strictly) from the shipped source on first use.

    Returns a :class:`~stpmodel.Roadmap`; the same object on every call.
    """
    return _load()
