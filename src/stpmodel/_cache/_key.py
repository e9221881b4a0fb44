"""The cache key: a hash of the contents of what a cached file was made from."""

from __future__ import annotations

import functools
import os
import sys

# typing costs about a millisecond to import, and the command line's plain path counts them
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from hashlib import blake2b

__all__ = ["KEY_CHARS", "cache_key", "hasher", "package_key"]

# os.path rather than pathlib, _blake2 rather than hashlib (4 ms: it loads OpenSSL): this
# module runs on every start of the command line.
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY_CHARS = 32
"""Hex digits of a key (a 16-byte BLAKE2b digest)."""

# What the cached parse depends on: the data and the registries it reads, the code that
# reads them (parser, dates engine), the classes it builds and this package's format. A
# test runs the parse and checks that every module it loads is listed here.
_KEY_FOLDERS = ("data", "registry", "parsing", "dates", "_cache")
_KEY_MODULES = (
    "__init__.py",
    "_args.py",
    "_bundled.py",
    "_collections.py",
    "_gcpause.py",
    "_index.py",
    "_lazy.py",
    "_program.py",
    "_recorded.py",
    "_shown.py",
    "_text.py",
    "_types.py",
    "errors.py",
    "model.py",
    "results.py",
    "roadmap.py",
)


def _key_files(everything: bool = False) -> Iterator[str]:
    """The files a key hashes, in a fixed order: what the parse depends on, or (with
    `everything`) every source and data file of the package."""
    if everything:
        names: tuple[str, ...] = tuple(sorted(os.listdir(_PACKAGE)))
        folders: tuple[str, ...] = ()
    else:
        names, folders = _KEY_MODULES, _KEY_FOLDERS
    for name in names:
        path = os.path.join(_PACKAGE, name)
        if os.path.isfile(path) and name.endswith(".py"):  # one moved away: keep the cache
            yield path
        elif everything and os.path.isdir(path) and name != "__pycache__":
            folders += (name,)
    for top in folders:
        for folder, dirs, files in os.walk(os.path.join(_PACKAGE, top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json", ".txt")):
                    yield os.path.join(folder, name)


def hasher(data: bytes = b"") -> blake2b:
    """A BLAKE2b hasher of `KEY_CHARS` hex digits."""
    try:
        from _blake2 import blake2b as blake2b_
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b as blake2b_
    # _blake2 is what hashlib.blake2b is, without hashlib loading OpenSSL (4 ms)
    made: blake2b = blake2b_(data, digest_size=KEY_CHARS // 2)
    return made


def _hash_files(files: Iterator[str]) -> str | None:
    digest = hasher()
    digest.update(sys.implementation.cache_tag.encode())
    try:
        for path in files:
            with open(path, "rb") as handle:
                content = handle.read()
            relative = path[len(_PACKAGE) :].replace(os.sep, "/").encode()
            digest.update(b"\0%d:%s\0%d\0" % (len(relative), relative, len(content)))
            digest.update(content)
    except OSError:
        return None
    if not os.path.isdir(os.path.join(_PACKAGE, "data")):
        return None
    return digest.hexdigest()


@functools.cache
def cache_key() -> str | None:
    """A hash of the contents of the files the parse depends on and of the Python version.

    The source text, the registries, the parser, the dates engine, the model and the cache:
    any edit to any of them changes the key, whatever it does to sizes and times. Hashing
    them (about 270 KB) takes about a millisecond. None when the package is not a folder
    of files (a zip import).
    """
    return _hash_files(_key_files())


@functools.cache
def package_key() -> str | None:
    """A hash of every source and data file of the package and of the Python version: what
    the command line's plain records depend on (the records, queries and formatting too)."""
    return _hash_files(_key_files(everything=True))
