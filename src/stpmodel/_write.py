"""Safe output: the one way stpmodel writes a file, and the cell and text guards of writers.

Every command and function that writes a file goes through [atomic_path][stpmodel._write.atomic_path]
(or its helpers [write_bytes][stpmodel._write.write_bytes] and
[write_files][stpmodel._write.write_files]), which keep these rules:

- an existing target is refused unless the caller asks (`overwrite=True`, `--force`);
- a symbolic link at the target is always refused, and its target is left untouched;
- nothing that is not a regular file (a folder, a device, a pipe) is ever replaced;
- the data goes to a temporary file made with `mkstemp` in the target's own folder, which
  is renamed into place only when complete, so a failed write (disk full, size limit)
  leaves what was there before;
- every operating-system error becomes a [WriteError][stpmodel.errors.WriteError]
  `cannot write PATH: reason`.

Output formats that a spreadsheet or a terminal interprets get three guards here:
[guard][stpmodel._write.guard] neutralises CSV and spreadsheet cells that would run as
formulas; [Replacer][stpmodel._write.Replacer] (the one rule of what XML 1.0, xlsx and
iCalendar cannot carry: C0/C1 controls, non-characters such as U+FFFE/U+FFFF, lone
surrogates) writes each such character as U+FFFD and counts them, so every XML, xlsx and
ICS file re-reads; and [escape_controls][stpmodel._write.escape_controls] shows control
characters on a terminal as visible `\\xNN` text.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from stpmodel._escape import escape_controls, guard, has_controls, unguard
from stpmodel.errors import WriteError

__all__ = [
    "REPLACEMENT",
    "Replacer",
    "Written",
    "atomic_path",
    "escape_controls",
    "guard",
    "has_controls",
    "unguard",
    "unwritable",
    "write_bytes",
    "write_files",
    "write_with",
]

StrPath = str | os.PathLike[str]


# -- what XML, xlsx and iCalendar cannot carry -----------------------------------------
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_UNWRITABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")
"""What XML 1.0, xlsx and iCalendar files cannot carry (or carry only to be refused by their
readers): C0 controls but TAB, LF and CR; DEL and the C1 controls; lone surrogates; the
Unicode non-characters (U+FDD0–U+FDEF and the last two code points of every plane,
U+FFFE/U+FFFF among them)."""

REPLACEMENT = "\ufffd"
"""What a writer puts in place of a character its format cannot carry (U+FFFD, ``�``)."""


def unwritable(text: str) -> bool:
    """Whether `text` holds a character XML 1.0, xlsx or iCalendar cannot carry (see
    [Replacer][stpmodel._write.Replacer])."""
    return _UNWRITABLE.search(text) is not None


class Replacer:
    """Writes the characters XML 1.0, xlsx and iCalendar cannot carry as U+FFFD, counting
    them: the one rule every XML, xlsx and ICS writer applies to its text.

    Those characters are C0 controls (but TAB, LF, CR), DEL and C1 controls, lone
    surrogates and the Unicode non-characters (U+FDD0–U+FDEF, U+FFFE, U+FFFF and their
    equivalents in every plane). The model keeps them as the source has them; the file
    gets U+FFFD, and `count` says how many were replaced.

    ```python
    replace = Replacer()
    replace("a\x01b\uffff")  # "a\ufffdb\ufffd"
    replace.count           # 2
    ```
    """

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, text: str) -> str:
        if _UNWRITABLE.search(text) is None:
            return text
        clean, replaced = _UNWRITABLE.subn(REPLACEMENT, text)
        self.count += replaced
        return clean


class Written(str):
    """The path a writer wrote (a `str`), with `replaced`: how many characters its format
    could not carry were written as U+FFFD (see [Replacer][stpmodel._write.Replacer])."""

    replaced: int

    def __new__(cls, path: str, replaced: int = 0) -> Written:
        self = super().__new__(cls, path)
        self.replaced = replaced
        return self


# -- files -------------------------------------------------------------------------------
def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def _check_target(path: str, shown: str, *, overwrite: bool) -> bool:
    """Whether a regular file is at `path`; raise when it must not be replaced."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise WriteError(shown, _reason(exc)) from exc
    import stat

    if stat.S_ISLNK(st.st_mode):
        raise WriteError(shown, "it is a symbolic link (stpmodel never writes through one)")
    if stat.S_ISDIR(st.st_mode):
        raise WriteError(shown, "it is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise WriteError(shown, "it is not a regular file")
    if not overwrite:
        raise WriteError(shown, "it exists (overwrite=True or --force replaces it)")
    return True


def _new_file_mode() -> int:
    mask = os.umask(0o022)  # read the umask: there is no other portable way
    os.umask(mask)
    return 0o666 & ~mask


def _place(tmp: str, path: str, shown: str, *, overwrite: bool) -> None:
    """Move the finished `tmp` to `path`: atomically, and never over a file unless asked."""
    if not overwrite:
        # A hard link fails if anything appeared at `path` since the check: no race
        # can make us replace a file we were not allowed to.
        try:
            os.link(tmp, path)
        except FileExistsError:
            _check_target(path, shown, overwrite=False)
            raise WriteError(shown, "it exists (overwrite=True or --force replaces it)") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            # no hard links on this file system: check again, then rename
            _check_target(path, shown, overwrite=False)
            os.replace(tmp, path)
        else:
            os.unlink(tmp)
        return
    _check_target(path, shown, overwrite=True)  # rename replaces a link, never its target
    os.replace(tmp, path)


@contextmanager
def atomic_path(path: StrPath, *, overwrite: bool = False, suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path in `path`'s folder to write to; renamed to `path` on success.

    The checks run before anything is written: an existing target raises
    [WriteError][stpmodel.errors.WriteError] unless `overwrite` is true, and a symbolic
    link, a folder or any other non-regular file at `path` always does. When the block
    ends normally the temporary file replaces `path` in one `os.replace` (keeping the old
    file's permissions); when it raises, the temporary file is removed and `path` is as
    it was. OS errors surface as `WriteError` naming `path`.

    ```python
    with atomic_path("out.sqlite", overwrite=True) as tmp:
        build_database(tmp)
    ```
    """
    target = shown = os.fspath(path)
    existed = _check_target(target, shown, overwrite=overwrite)
    import tempfile

    folder, name = os.path.split(target)
    try:
        prefix = _temporary_prefix(folder or ".", name, suffix)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder or ".")
    except OSError as exc:
        raise WriteError(shown, _reason(exc)) from exc
    try:
        os.close(fd)
        mode = os.stat(target).st_mode & 0o7777 if existed else _new_file_mode()
        yield tmp
        _finish(tmp, mode)
        _place(tmp, target, shown, overwrite=overwrite)
    except OSError as exc:
        _discard(tmp)
        if isinstance(exc, WriteError):
            raise
        raise WriteError(shown, _reason(exc)) from exc
    except UnicodeEncodeError as exc:  # a roadmap built in Python holding a lone surrogate
        _discard(tmp)
        raise WriteError(shown, _unencodable(exc)) from exc
    except BaseException:
        _discard(tmp)
        raise


def _unencodable(exc: UnicodeEncodeError) -> str:
    """Why the text could not be written: a character (a lone surrogate such as `\\ud800`,
    which a roadmap built in Python may hold and no parser output does) has no form in the
    file's encoding."""
    bad = exc.object[exc.start : exc.end] if isinstance(exc.object, str) else ""
    shown = "".join(f"\\u{ord(c):04x}" for c in bad[:3]) or "a character"
    what = "a lone surrogate, which is not Unicode text and"
    if not bad or not all("\ud800" <= c <= "\udfff" for c in bad):
        what = "a character that"
    return (
        f"its text holds {shown}, {what} has no {exc.encoding.upper()} form "
        "(replace it in the roadmap before writing)"
    )


_RANDOM = 8  # the characters mkstemp puts between prefix and suffix
_JOURNAL = "-journal"  # what SQLite adds to the name of a database it writes


def _temporary_prefix(folder: str, name: str, suffix: str) -> str:
    """`.NAME.` for the temporary file, with NAME cut so that the whole temporary name
    (and SQLite's journal beside it) fits the folder's longest file name: any target name
    the file system accepts can be written."""
    try:
        longest = os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, ValueError, OSError):
        longest = 255
    room = longest - 2 - _RANDOM - len(os.fsencode(suffix + _JOURNAL))
    stem = name
    while stem and len(os.fsencode(stem)) > room:
        stem = stem[: max(0, min(len(stem) - 1, room))]
    return f".{stem}."


def _discard(tmp: str) -> None:
    for leftover in (tmp, tmp + "-journal"):
        try:
            os.unlink(leftover)
        except FileNotFoundError:
            pass
        except OSError:  # pragma: no cover - nothing more can be done
            pass


def _finish(path: str, mode: int) -> None:
    """Flush the finished file to the disk (so the rename never exposes an empty file),
    then give it its final permissions: those of the file it replaces, or what `open()`
    would give a new one (mkstemp made it 0600). The mode is set last, so a read-only
    original does not stop the writing."""
    flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0)  # Windows flushes only a writable handle
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
    finally:
        os.close(fd)


def _fill(path: str, data: bytes) -> None:
    """Write `data` to `path` (ours, just made)."""
    with open(path, "wb") as handle:
        handle.write(data)


def write_bytes(path: StrPath, data: bytes, *, overwrite: bool = False) -> str:
    """Write `data` to `path` by the rules of [atomic_path][stpmodel._write.atomic_path]; returns the path."""
    with atomic_path(path, overwrite=overwrite) as tmp:
        _fill(tmp, data)
    return os.fspath(path)


def write_with(path: StrPath, produce: Callable[[str], object], *, overwrite: bool = False) -> str:
    """Let `produce(tmp)` write the file, then put it at `path` atomically; returns the path."""
    with atomic_path(path, overwrite=overwrite) as tmp:
        produce(tmp)
    return os.fspath(path)


def write_files(folder: StrPath, files: Mapping[str, bytes], *, overwrite: bool = False) -> str:
    """Write each `files[name]` into `folder` (made if missing; its parent must exist).

    Before anything is written, every target is checked: when any of them exists and
    `overwrite` is false, nothing is written and the error lists them all; a symbolic
    link or non-regular file among them is always refused. With `overwrite`, only the
    named files are replaced, each atomically; no other file of the folder is touched.
    """
    base = shown = os.fspath(folder)
    try:
        st = os.lstat(base)
    except FileNotFoundError:
        try:
            os.mkdir(base)
        except OSError as exc:
            raise WriteError(shown, _reason(exc)) from exc
    except OSError as exc:
        raise WriteError(shown, _reason(exc)) from exc
    else:
        import stat

        if stat.S_ISLNK(st.st_mode):
            raise WriteError(shown, "it is a symbolic link (stpmodel never writes through one)")
        if not stat.S_ISDIR(st.st_mode):
            raise WriteError(shown, "it is not a folder")
    existing: list[str] = []
    for name in files:
        target = os.path.join(base, name)
        if _check_target(target, target, overwrite=True):
            existing.append(name)
    if existing and not overwrite:
        listed = ", ".join(existing)
        raise WriteError(
            shown, f"it already holds {listed} (overwrite=True or --force replaces them)"
        )
    for name, data in files.items():
        write_bytes(os.path.join(base, name), data, overwrite=overwrite)
    return shown
