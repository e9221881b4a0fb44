"""The bundled dataset: the shipped source text, parsed by the parser on first use.

The dataset is not typed in anywhere: [load][stpmodel.load] runs the parser over the source
text shipped in `stpmodel/data` (統合イノベーション戦略2024（内閣府）, Government of Japan
Standard Terms of Use) and keeps the result for the life of the process.

So that short-lived processes (the command line) do not parse on every start, the parse is
also cached on disk. The cache is built so that nothing read from it can run code or be
served stale (docs/safety.md says the same for users):

- **Where.** `$STPMODEL_CACHE_DIR`, else `$XDG_CACHE_HOME/stpmodel`, else
  `$HOME/.cache/stpmodel`. A relative path in any of these, or no `HOME`, means no cache
  (the roadmap is parsed in memory): a cache is never resolved against the current folder.
  `STPMODEL_CACHE_DIR=""` turns the cache off. So does a platform without POSIX owners.
- **Trusted only when private.** The folder is created `0o700` (and so is each missing
  folder above it, such as `~/.cache`, whatever the umask); it, and the cache file, are
  used only when they belong to the current user and no one else can write them
  (group/world-writable is refused). A folder shared by two users is used by neither.
- **Keyed by content.** The file name carries a BLAKE2b hash of the contents of the files
  the parse depends on (the text, the registries, the parser, the dates engine, the model,
  this module) and of the Python version, so a change to any of them (same size and same
  mtime included) makes a new parse. The first line of the file repeats the key and carries a
  digest of the rest, so a file damaged after writing is refused.
- **Data, not code.** The file holds the roadmap's fields as a pickle read by an
  allow-listing unpickler: it builds only the model's classes and enums, `datetime.date`,
  `decimal.Decimal` and builtin containers, and refuses any other global, so a planted
  pickle cannot call anything. The result is then checked against the classes' declared
  field types before the [Roadmap][stpmodel.Roadmap] is built from it (its index is rebuilt,
  never read). Anything wrong — a foreign, damaged, planted or old-layout file — is ignored
  and replaced by a fresh parse.
- **Written safely.** The new file is written to a `tempfile.mkstemp` file (created
  exclusively, mode `0o600`, never through a symlink) in the same folder and renamed over
  the target (a symlink at the target is replaced, not followed); a temporary file is
  removed on any failure. Pruning removes only names this module makes, owned by the user.

JSON through cattrs was measured as the other data format: loading the cached roadmap that
way costs about 40 ms (cattrs' import and structuring), the allow-listed pickle about
3.5 ms, and the command line has to start within 8× `python -c pass` (docs/performance.md).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import pickle
import stat
import sys
from typing import TYPE_CHECKING, Any

from stpmodel._gcpause import collector_paused

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from hashlib import blake2b

    from stpmodel.roadmap import Roadmap

# os.path rather than pathlib, _blake2 rather than hashlib (4 ms: it loads OpenSSL), tempfile
# only when writing (18 ms): this module runs on every start of the command line.
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

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_DATA = os.path.join(_PACKAGE, "data")
_MAGIC = b"stpmodel-cache/1 "  # then the key, a space, the body's digest, a newline, the body
_KEY_CHARS = 32  # hex digits of the BLAKE2b digest (16 bytes)
_KEEP_CACHES = 3  # several installed versions may share a folder
_TEMP_MAX_AGE_NS = 600 * 10**9  # a temporary file older than this was left by a crash


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


# -- the key ----------------------------------------------------------------------------
# What the cached parse depends on: the data and the registries it reads, the code that
# reads them (parser, dates engine), the classes it builds and this module's format. A
# test runs the parse and checks that every module it loads is listed here.
_KEY_FOLDERS = ("data", "registry", "parsing", "dates")
_KEY_MODULES = (
    "__init__.py",
    "_bundled.py",
    "_gcpause.py",
    "_text.py",
    "errors.py",
    "model.py",
    "roadmap.py",
)


def _key_files() -> Iterator[str]:
    """The files the cache key hashes (what the parse depends on), in a fixed order."""
    for name in _KEY_MODULES:
        path = os.path.join(_PACKAGE, name)
        if os.path.exists(path):  # a module moved away must not switch the cache off
            yield path
    for top in _KEY_FOLDERS:
        for folder, dirs, files in os.walk(os.path.join(_PACKAGE, top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".json", ".txt")):
                    yield os.path.join(folder, name)


def _hasher(data: bytes = b"") -> blake2b:
    """A BLAKE2b hasher of `_KEY_CHARS` hex digits."""
    try:
        from _blake2 import blake2b as blake2b_
    except ImportError:  # pragma: no cover - an interpreter built without it
        from hashlib import blake2b as blake2b_
    # _blake2 is what hashlib.blake2b is, without hashlib loading OpenSSL (4 ms)
    hasher: blake2b = blake2b_(data, digest_size=_KEY_CHARS // 2)
    return hasher


def _header(key: str, body: bytes) -> bytes:
    """The first line of a cache file: format, key, and a digest of the rest (a file
    damaged after it was written — a flipped byte in a string — is caught)."""
    return b"%s%s %s\n" % (_MAGIC, key.encode("ascii"), _hasher(body).hexdigest().encode())


@functools.cache
def cache_key() -> str | None:
    """A hash of the contents of the files the parse depends on and of the Python version.

    The source text, the registries, the parser, the dates engine, the model and this
    module: any edit to any of them changes the key, whatever it does to sizes and times.
    Hashing them (about 210 KB) takes well under a millisecond. None when the package is
    not a folder of files (a zip import).
    """
    digest = _hasher()
    digest.update(f"{sys.implementation.cache_tag}:{pickle.HIGHEST_PROTOCOL}".encode())
    try:
        for path in _key_files():
            with open(path, "rb") as handle:
                content = handle.read()
            relative = path[len(_PACKAGE) :].replace(os.sep, "/").encode()
            digest.update(b"\0%d:%s\0%d\0" % (len(relative), relative, len(content)))
            digest.update(content)
    except OSError:
        return None
    if not os.path.isdir(_DATA):
        return None
    return digest.hexdigest()


# -- the folder -------------------------------------------------------------------------
def cache_dir() -> str | None:
    """The cache folder (absolute), or None when caching is off or has no safe place.

    `STPMODEL_CACHE_DIR` wins (an empty value turns the cache off); then
    `XDG_CACHE_HOME/stpmodel`, then `HOME/.cache/stpmodel`. A relative value, a missing or
    relative `HOME`, or a platform without file owners (Windows) gives None: the roadmap is
    then parsed in memory.
    """
    if not hasattr(os, "geteuid"):
        return None
    configured = os.environ.get("STPMODEL_CACHE_DIR")
    if configured is not None:
        return configured if configured and os.path.isabs(configured) else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:  # the XDG spec: a relative path is invalid and is ignored (here: no cache)
        return os.path.join(xdg, "stpmodel") if os.path.isabs(xdg) else None
    home = os.environ.get("HOME")
    if not home or not os.path.isabs(home):
        return None
    return os.path.join(home, ".cache", "stpmodel")


def cache_path() -> str | None:
    """Where the parsed bundled roadmap is cached, or None when caching is off."""
    folder = cache_dir()
    key = cache_key()
    if folder is None or key is None:
        return None
    return os.path.join(folder, f"roadmap-{key}.pickle")


def _private(st: os.stat_result) -> bool:
    """Owned by the current user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted_folder(folder: str, *, create: bool) -> bool:
    """The folder is a directory of the user's that no one else can write (made `0o700`)."""
    if not os.path.isabs(folder) or not hasattr(os, "geteuid"):
        return False
    try:
        if create:
            _make_private_folders(folder)
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _private(st)


def _make_private_folders(folder: str) -> None:
    """Make `folder` and each missing folder above it with mode `0o700`, top down.

    `os.makedirs` gives its mode to the last folder only: the others get `0o777` less the
    umask, so under `umask 000` a missing `~/.cache` (every other tool's cache too) would
    be left writable by anyone. The XDG spec asks `0o700` for folders made on the way.
    Folders that already exist are left as they are. A folder made here whose mode the
    umask narrowed (`0o277` leaves `0o500`) is set to exactly `0o700` through a descriptor
    opened without following links, so the chmod reaches only the folder just made.
    """
    missing: list[str] = []
    path = folder
    while not os.path.isdir(path):
        missing.append(path)
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # made meanwhile, or not a folder (the next mkdir fails)
            continue
        flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(path, flags)
        try:
            st = os.fstat(fd)
            if st.st_uid == os.geteuid() and stat.S_IMODE(st.st_mode) != 0o700:
                os.fchmod(fd, 0o700)
        finally:
            os.close(fd)


# -- reading ----------------------------------------------------------------------------
@functools.cache
def _allowed() -> dict[tuple[str, str], Any]:
    """The globals a cache file may name: the model's classes and enums, date, Decimal,
    builtin containers. Nothing here runs code beyond building a value."""
    import datetime
    import decimal

    from stpmodel.dates import Calendar, Granularity, Relation
    from stpmodel.model import IndicatorKind, MinistryKind

    names: dict[tuple[str, str], Any] = {
        ("datetime", "date"): datetime.date,
        ("decimal", "Decimal"): decimal.Decimal,
    }
    for container in (tuple, list, dict, set, frozenset):
        names["builtins", container.__name__] = container
    for cls in _model_classes():
        names[cls.__module__, cls.__qualname__] = cls
    for enum_class in (MinistryKind, IndicatorKind, Granularity, Calendar, Relation):
        names[enum_class.__module__, enum_class.__qualname__] = enum_class
    return names


def _model_classes() -> tuple[type, ...]:
    """The attrs classes a cached roadmap is made of."""
    import stpmodel.model as model
    from stpmodel.dates import DateMention, Period
    from stpmodel.errors import ParseWarning
    from stpmodel.roadmap import SourceInfo

    return (
        model.SourceSpan,
        model.Ministry,
        model.MinistryRef,
        model.Program,
        model.Paragraph,
        model.Goal,
        model.Observation,
        model.Indicator,
        model.Footnote,
        model.StatusNote,
        model.Action,
        model.Initiative,
        model.Subsection,
        model.Section,
        SourceInfo,
        Period,
        DateMention,
        ParseWarning,
    )


class _Unpickler(pickle.Unpickler):
    """An unpickler that refuses every global not on the allow-list."""

    def find_class(self, module: str, name: str, /) -> Any:
        found = _allowed().get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
        return found


def _checker(tp: Any) -> Callable[[Any], bool]:
    """A function telling whether a value has the declared type `tp` exactly."""
    import enum
    import types
    import typing

    import attrs

    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is Any:
        return lambda value: True
    if tp is None or tp is type(None):
        return lambda value: value is None
    if origin in (typing.Union, types.UnionType):
        options = tuple(_checker(arg) for arg in args)
        return lambda value: any(check(value) for check in options)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: type(value) is tuple and all(map(item, value))
        items = tuple(_checker(arg) for arg in args)
        return lambda value: (
            type(value) is tuple
            and len(value) == len(items)
            and all(check(v) for check, v in zip(items, value, strict=True))
        )
    if origin is not None and getattr(origin, "__name__", "") in ("dict", "Mapping"):
        key, val = (_checker(arg) for arg in args)
        return lambda value: (
            type(value) is dict and all(map(key, value)) and all(map(val, value.values()))
        )
    if isinstance(tp, type) and attrs.has(tp):
        return lambda value: type(value) is tp and _valid(value)
    if isinstance(tp, type) and (tp in (str, int, bool, float) or issubclass(tp, enum.Enum)):
        return lambda value: type(value) is tp
    if isinstance(tp, type):  # date, Decimal
        return lambda value: type(value) is tp
    raise TypeError(f"no check for {tp!r}")  # pragma: no cover - a new kind of field


@functools.cache
def _declared_types() -> dict[tuple[type, str], Any]:
    """The declared type of every constructor field of the cached classes.

    The annotations are strings (`from __future__ import annotations`); they are evaluated
    in their module's namespace, as `typing.get_type_hints` does, but one `eval` per module
    rather than one per field (0.5 ms rather than 1.5 ms at every start of the command line).
    """
    import attrs

    from stpmodel.roadmap import Roadmap

    by_module: dict[str, list[tuple[type, str, Any]]] = {}
    for cls in (*_model_classes(), Roadmap):
        for field in attrs.fields(cls):
            if field.init:
                by_module.setdefault(cls.__module__, []).append((cls, field.name, field.type))
    # the stored classes by name, for annotations whose imports sit under TYPE_CHECKING
    import datetime
    from collections.abc import Mapping
    from decimal import Decimal

    known: dict[str, Any] = {"Mapping": Mapping, "Decimal": Decimal, "dt": datetime}
    known.update((getattr(v, "__name__", ""), v) for v in _allowed().values())
    declared: dict[tuple[type, str], Any] = {}
    for module, fields in by_module.items():
        namespace = {**known, **vars(sys.modules[module])}
        sources = []
        for number, (_, _, annotation) in enumerate(fields):
            if isinstance(annotation, str):
                sources.append(annotation)
            else:  # already a type: a module without postponed annotations
                namespace[f"__stpmodel_type_{number}"] = annotation
                sources.append(f"__stpmodel_type_{number}")
        values = eval(f"({', '.join(sources)},)", namespace)  # the package's own annotations
        for (cls, name, _), value in zip(fields, values, strict=True):
            declared[cls, name] = value
    return declared


@functools.cache
def _field_checks(cls: type) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    """(name, check) for each constructor field of a cached attrs class."""
    import attrs

    declared = _declared_types()
    return tuple(
        (field.name, _checker(declared[cls, field.name]))
        for field in attrs.fields(cls)
        if field.init
    )


def _valid(obj: Any) -> bool:
    """Every field of `obj` is set and of its declared type (recursively)."""
    cls: type = type(obj)
    for name, check in _field_checks(cls):
        try:
            value = getattr(obj, name)
        except AttributeError:  # a field the file's layout did not have
            return False
        if not check(value):
            return False
    return True


def read_cache(path: str | os.PathLike[str], key: str | None = None) -> Roadmap | None:
    """The roadmap cached at `path`, or None when it is missing, stale, foreign or damaged.

    The file must sit in a trusted folder (see `cache_dir()`), be a regular file (a symlink
    is not followed) owned by the user and writable by no one else, start with this
    module's header and `key` (by default the current `cache_key()`), and hold only allowed
    globals and well-typed fields.
    """
    target = os.fspath(path)
    key = key if key is not None else cache_key()
    if key is None or not _trusted_folder(os.path.dirname(target), create=False):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags)
    except OSError:
        return None
    with open(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or not _private(st):
            return None
        data = handle.read()
    first, newline, body = data.partition(b"\n")
    if not newline or first + newline != _header(key, body):
        return None
    return _decode_body(body)


def _decode_body(body: bytes) -> Roadmap | None:
    from stpmodel.roadmap import Roadmap

    try:
        with collector_paused():
            fields = _Unpickler(io.BytesIO(body), encoding="ascii").load()
    except Exception:  # damaged, or names a global that is not allowed: parse again
        return None
    if type(fields) is not dict:
        return None
    try:
        checks = _field_checks(Roadmap)
        if set(fields) != {name for name, _ in checks}:  # keys of any type: no sorting
            return None
        if not all(check(fields[name]) for name, check in checks):
            return None
        return Roadmap(**fields)
    except Exception:  # pragma: no cover - a check or the index failing on odd data
        return None


# -- writing ----------------------------------------------------------------------------
def _encode(roadmap: Roadmap, key: str) -> bytes:
    from stpmodel.roadmap import Roadmap

    fields = {name: getattr(roadmap, name) for name, _ in _field_checks(Roadmap)}
    body = pickle.dumps(fields, protocol=pickle.HIGHEST_PROTOCOL)
    return _header(key, body) + body


def write_cache(path: str | os.PathLike[str], roadmap: Roadmap, key: str | None = None) -> bool:
    """Write the cache file atomically; False (and no error) where it cannot be done safely.

    The folder is created `0o700` if missing and must be trusted; the bytes go to a
    `tempfile.mkstemp` file in that folder, renamed over `path` (a symlink at `path` is
    replaced, its target untouched); the temporary file never outlives a failure. Old cache
    files this module wrote are then pruned, the newest few kept.
    """
    target = os.fspath(path)
    key = key if key is not None else cache_key()
    folder, name = os.path.split(target)
    if key is None or not _trusted_folder(folder, create=True):
        return False
    import tempfile

    try:
        data = _encode(roadmap, key)
    except Exception:  # pragma: no cover - a roadmap the cache cannot store: parse next time
        return False
    try:
        fd, partial = tempfile.mkstemp(prefix=f"roadmap-{key}.", suffix=".tmp", dir=folder)
    except OSError:
        return False
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
        os.replace(partial, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        if isinstance(exc, OSError):
            return False
        raise
    _prune(folder, keep=name)
    return True


def _ours(name: str) -> str | None:
    """ "cache", "temp" or "legacy" for a file name this module makes, else None."""
    import re

    if re.fullmatch(r"roadmap-[0-9a-f]{32}\.pickle", name):
        return "cache"
    if re.fullmatch(r"roadmap-[0-9a-f]{32}\.[a-z0-9_]{8}\.tmp", name):
        return "temp"
    # what versions before the content key wrote: a 16-digit stat fingerprint
    if re.fullmatch(r"roadmap-[0-9a-f]{16}\.pickle(\.[0-9]+\.tmp)?", name):
        return "legacy"
    return None


def _prune(folder: str, *, keep: str) -> None:
    """Delete all but the newest few cache files, and temporary files left by a crash.

    Only names this module makes, only regular files the user owns: whatever else is in the
    folder is never touched.
    """
    import time

    now = time.time_ns()
    caches = []
    try:
        for entry in os.scandir(folder):
            kind = _ours(entry.name)
            if kind is None or entry.name == keep:
                continue
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue
            if kind == "cache":
                caches.append((st.st_mtime_ns, entry.path))
            elif kind == "legacy" or now - st.st_mtime_ns > _TEMP_MAX_AGE_NS:
                os.remove(entry.path)
        caches.sort(reverse=True)
        for _, old in caches[_KEEP_CACHES - 1 :]:
            os.remove(old)
    except OSError:
        pass  # another process pruned first, or the folder is read-only: harmless


# -- loading ----------------------------------------------------------------------------
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
    parse is cached on disk between processes (see the module's notes and docs/safety.md).
    """
    return _load()
