"""Reading and writing one cache file: private, never through a symlink, digest-checked,
replaced atomically, old ones pruned."""

from __future__ import annotations

import contextlib
import os
import stat

from stpmodel._cache import _folder
from stpmodel._cache._key import hasher

__all__ = ["header", "read_trusted", "write_trusted"]

_MAGIC = b"stpmodel-cache/1 "  # then the key, a space, the body's digest, a newline, the body
_KEEP = 3  # files of each kind kept: several installed versions may share a folder
_TEMP_MAX_AGE_NS = 600 * 10**9  # a temporary file older than this was left by a crash
# what this package names its files: (prefix, suffix) per kind
_KINDS = {"roadmap": ".pickle", "records": ".json"}


def header(key: str, body: bytes) -> bytes:
    """The first line of a cache file: format, key, and a digest of the rest (a file
    damaged after it was written — a flipped byte in a string — is caught)."""
    return b"%s%s %s\n" % (_MAGIC, key.encode("ascii"), hasher(body).hexdigest().encode())


def read_trusted(path: str | os.PathLike[str], key: str) -> bytes | None:
    """The body of the cache file at `path`, or None when it is missing or not to be trusted.

    The file must sit in a trusted folder, be a regular file (a symlink is not followed)
    owned by the user and writable by no one else, and start with the header for `key` and
    for the rest of its bytes.
    """
    target = os.fspath(path)
    if not _folder.trusted_folder(os.path.dirname(target), create=False):
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(target, flags)
    except OSError:
        return None
    with open(fd, "rb") as handle:
        st = os.fstat(handle.fileno())
        if not stat.S_ISREG(st.st_mode) or not _folder.private(st):
            return None
        data = handle.read()
    first, newline, body = data.partition(b"\n")
    if not newline or first + newline != header(key, body):
        return None
    return body


def write_trusted(path: str | os.PathLike[str], key: str, body: bytes) -> bool:
    """Write `body` under its header atomically; False (and no error) where it cannot be
    done safely.

    The folder is created `0o700` if missing and must be trusted; the bytes go to a
    `tempfile.mkstemp` file in that folder, renamed over `path` (a symlink at `path` is
    replaced, its target untouched); the temporary file never outlives a failure. Old files
    of the same kind are then pruned, the newest few kept.
    """
    target = os.fspath(path)
    folder, name = os.path.split(target)
    if not _folder.trusted_folder(folder, create=True):
        return False
    import tempfile  # 18 ms of imports: only when writing

    stem = name.rpartition(".")[0] or name
    try:
        fd, partial = tempfile.mkstemp(prefix=f"{stem}.", suffix=".tmp", dir=folder)
    except OSError:
        return False
    try:
        with open(fd, "wb") as handle:
            handle.write(header(key, body) + body)
        os.replace(partial, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        if isinstance(exc, OSError):
            return False
        raise
    _prune(folder, keep=name)
    return True


def _ours(name: str) -> tuple[str, str, str] | None:
    """(kind, key, "cache" / "temp" / "legacy") for a file name this package makes, else
    None. A key's files are `roadmap-KEY.pickle` and `records-KEY-PART.json`."""
    import re

    for kind, suffix in _KINDS.items():
        part = "" if kind == "roadmap" else "-[a-z]+"
        found = re.fullmatch(rf"{kind}-([0-9a-f]{{32}}){part}\{suffix}", name)
        if found:
            return kind, found[1], "cache"
        found = re.fullmatch(rf"{kind}-([0-9a-f]{{32}}){part}\.[a-z0-9_]{{8}}\.tmp", name)
        if found:
            return kind, found[1], "temp"
    # what versions before the content key wrote: a 16-digit stat fingerprint
    if re.fullmatch(r"roadmap-[0-9a-f]{16}\.pickle(\.[0-9]+\.tmp)?", name):
        return "roadmap", "", "legacy"
    return None


def _prune(folder: str, *, keep: str) -> None:
    """Delete the files of all but the newest few keys of each kind, and temporary files
    left by a crash.

    Only names this package makes, only regular files the user owns: whatever else is in
    the folder is never touched. The key of `keep` counts as the newest.
    """
    import time

    now = time.time_ns()
    kept = _ours(keep)
    # kind -> key -> (newest mtime, paths)
    caches: dict[str, dict[str, tuple[int, list[str]]]] = {kind: {} for kind in _KINDS}
    try:
        for entry in os.scandir(folder):
            ours = _ours(entry.name)
            if ours is None or entry.name == keep:
                continue
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
                continue
            kind, key, what = ours
            if what == "cache":
                newest, paths = caches[kind].get(key, (0, []))
                if kept is not None and (kind, key) == kept[:2]:
                    newest = 2**63  # the key just written
                caches[kind][key] = (max(newest, st.st_mtime_ns), [*paths, entry.path])
            elif what == "legacy" or now - st.st_mtime_ns > _TEMP_MAX_AGE_NS:
                os.remove(entry.path)
        for kind, keys in caches.items():
            newest_first = sorted(keys.values(), reverse=True)
            fresh = _KEEP - (kept is not None and kept[0] == kind and kept[1] not in keys)
            for _, paths in newest_first[fresh:]:
                for old in paths:
                    os.remove(old)
    except OSError:
        pass  # another process pruned first, or the folder is read-only: harmless
