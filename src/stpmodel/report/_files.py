"""Stand-in for the safe writer ``stpmodel._write`` until it lands: the same rules (no
overwrite unless asked, never through a symbolic link or over a non-file, temporary file
renamed into place)."""

from __future__ import annotations

import os
import tempfile

from stpmodel.errors import StpError

__all__ = ["write_bytes"]


def write_bytes(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = False) -> str:
    """Write ``data`` to ``path`` safely; returns the path written."""
    target = os.fspath(path)
    if os.path.islink(target):
        raise StpError(f"cannot write {target}: it is a symbolic link")
    if os.path.lexists(target):
        if not overwrite:
            raise StpError(f"cannot write {target}: it exists (use --force / overwrite=True)")
        if not os.path.isfile(target):
            raise StpError(f"cannot write {target}: not a regular file")
    folder = os.path.dirname(target) or "."
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".stpmodel-", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)
            os.unlink(tmp)
    except FileExistsError:
        os.unlink(tmp)
        raise StpError(f"cannot write {target}: it exists (use --force / overwrite=True)") from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
