"""The bundled dataset: the shipped source text, parsed by the parser on first use.

The dataset is not typed in anywhere: [load][stpmodel.load] runs the parser over the source
text shipped in `stpmodel/data` (統合イノベーション戦略2024（内閣府）, Government of Japan
Standard Terms of Use) and keeps the result for the life of the process. So that
short-lived processes (the command line) do not parse on every start, the parse is also
cached on disk, safely: `stpmodel._cache` says how (and docs/safety.md, for users).
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

from stpmodel._cache._files import header
from stpmodel._cache._folder import cache_dir
from stpmodel._cache._key import cache_key
from stpmodel._cache._roadmap import cache_path, read_cache, write_cache

if TYPE_CHECKING:
    from stpmodel.roadmap import Roadmap

__all__ = [
    "cache_dir",
    "cache_key",
    "cache_path",
    "load",
    "manifest",
    "read_cache",
    "source_text",
    "write_cache",
]

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_header = header  # the safety acceptance tests build cache files with it


def _data_file(name: str) -> str:
    path = os.path.join(_DATA, name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    from importlib import resources  # installed in a zip: go through the loader

    return resources.files("stpmodel.data").joinpath(name).read_text(encoding="utf-8")


@functools.cache
def manifest() -> dict[str, Any]:
    """What the bundled data is: source file, title, edition, attribution, licence."""
    import json

    data: dict[str, Any] = json.loads(_data_file("manifest.json"))
    return data


def source_text() -> str:
    """The shipped source text of the bundled roadmap."""
    return _data_file(manifest()["source"])


def _parse() -> Roadmap:
    from stpmodel.parsing import parse

    meta = manifest()
    return parse(
        source_text(),
        name=meta["source"],
        strict=True,
        title=meta["title"],
        edition=meta["edition"],
    )


@functools.cache
def _load() -> Roadmap:
    path = cache_path()
    cached = read_cache(path) if path is not None else None
    if cached is not None:
        return cached
    roadmap = _parse()
    if path is not None:
        write_cache(path, roadmap)
    return roadmap


def load() -> Roadmap:
    """The bundled roadmap, parsed (strictly) from the shipped source on first use.

    Returns a [Roadmap][stpmodel.Roadmap]; the same object on every call in a process. The
    parse is cached on disk between processes (see `stpmodel._cache` and docs/safety.md).
    """
    return _load()
