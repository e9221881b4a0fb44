"""The bundled dataset: the shipped source text, parsed by the parser on first use.

The dataset is not typed in anywhere: :func:`load` runs the parser over the source text
shipped in ``stpmodel/data`` (統合イノベーション戦略2024（内閣府）, Government of Japan
Standard Terms of Use) and keeps the result for the life of the process.

So that short-lived processes (the command line) do not parse on every start, the parsed
roadmap is also cached on disk, in ``$STPMODEL_CACHE_DIR`` or else
``$XDG_CACHE_HOME/stpmodel`` (``~/.cache/stpmodel``). The cache file's name carries a
fingerprint of the library's own files (version, size and modification time of every
module, registry and data file), so any change to the parser, the registries or the text
makes a new parse. Set ``STPMODEL_CACHE_DIR`` to an empty string to turn the cache off;
a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import functools
import os
import pickle
import zlib
from typing import TYPE_CHECKING, Any

from stpmodel._gcpause import collector_paused

if TYPE_CHECKING:
    from stpmodel.roadmap import Roadmap

# os.path rather than pathlib, zlib rather than hashlib: this module runs on every start
# of the command line, where each import counts.
__all__ = [
    "cache_path",
    "load",
    "manifest",
    "read_cache",
    "source_text",
    "write_cache",
]

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_DATA = os.path.join(_PACKAGE, "data")


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


def _fingerprint() -> str:
    from stpmodel import __version__

    parts = [__version__]
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".json", ".txt")):
                stat = os.stat(os.path.join(folder, name))
                parts.append(f"{folder[len(_PACKAGE) :]}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    text = ";".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def cache_path() -> str | None:
    """Where the parsed bundled roadmap is cached, or None when caching is off."""
    configured = os.environ.get("STPMODEL_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        base = configured
    else:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "stpmodel")
    return os.path.join(base, f"roadmap-{_fingerprint()}.pickle")


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


def read_cache(path: str | os.PathLike[str]) -> Roadmap | None:
    """The roadmap cached at ``path``, or None when it is missing, stale or damaged."""
    from stpmodel.roadmap import Roadmap

    try:
        with collector_paused(), open(path, "rb") as handle:
            cached = pickle.load(handle)  # only ever a file this module wrote
    except Exception:  # missing, damaged or from an incompatible version: parse again
        return None
    return cached if isinstance(cached, Roadmap) else None


def write_cache(path: str | os.PathLike[str], roadmap: Roadmap) -> bool:
    """Write the cache atomically; False (and no error) where the folder is not writable."""
    target = os.fspath(path)
    try:
        os.makedirs(os.path.dirname(target) or ".", exist_ok=True)
        partial = f"{target}.{os.getpid()}.tmp"
        with open(partial, "wb") as handle:
            handle.write(pickle.dumps(roadmap, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)
    except OSError:
        return False
    _prune(os.path.dirname(target) or ".", keep=target)
    return True


_KEEP_CACHES = 3


def _prune(folder: str, *, keep: str) -> None:
    """Delete all but the newest few cache files: every change of the library's files makes
    a new one, and several installed versions may share the folder."""
    try:
        entries = [
            entry
            for entry in os.scandir(folder)
            if entry.name.startswith("roadmap-") and entry.name.endswith(".pickle")
        ]
        entries.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in entries[_KEEP_CACHES:]:
            if entry.path != keep:
                os.remove(entry.path)
    except OSError:
        pass  # another process pruned first, or the folder is read-only: harmless


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

    Returns a :class:`~stpmodel.Roadmap`; the same object on every call in a process.
    """
    return _load()
