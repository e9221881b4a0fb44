"""The cache folder: where it is, and whether it can be trusted."""

from __future__ import annotations

import os
import stat

__all__ = ["cache_dir", "private", "trusted_folder"]


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


def private(st: os.stat_result) -> bool:
    """Owned by the current user and writable by no one else."""
    return st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def trusted_folder(folder: str, *, create: bool) -> bool:
    """The folder is a directory of the user's that no one else can write (made `0o700`)."""
    if not os.path.isabs(folder) or not hasattr(os, "geteuid"):
        return False
    try:
        if create:
            _make_private_folders(folder)
        st = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and private(st)


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
