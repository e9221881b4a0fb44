"""The command line's process plumbing: output streams that cannot fail half-way, and
signals that unwind a write in progress and end the process the way a shell expects.

Kept apart from `cli.py`, which parses arguments and calls the library.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator

__all__ = ["Signalled", "drop_stdout", "end_by", "is_program", "safe_streams", "signals_unwind"]


def safe_streams() -> None:
    """Let stdout and stderr replace what their encoding cannot show (cp932, ascii …)
    instead of failing half-way through the output."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                stream.reconfigure(errors="replace")


def drop_stdout() -> None:
    """Standard output refused the answer (a full disk, a closed pipe): point it at the null
    device, so that what is left in its buffer is dropped and the interpreter's final flush
    has nothing to fail on (which would print "Exception ignored in <stdout>", exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)


class Signalled(BaseException):
    """SIGTERM (or SIGHUP) arrived: unwinds like KeyboardInterrupt, so that a write in
    progress removes its temporary file, and is not caught by `except Exception`."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_signalled(signum: int, frame: object) -> None:
    raise Signalled(signum)


@contextlib.contextmanager
def signals_unwind() -> Iterator[None]:
    """SIGTERM and SIGHUP raise `Signalled` while the command runs (SIGINT already raises
    KeyboardInterrupt); the previous handlers come back afterwards."""
    import signal

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, _raise_signalled)
        except ValueError:  # not the main thread: leave the handlers alone
            break
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def is_program() -> bool:
    """Whether this process is the `stpmodel` command (the console script or `python -m
    stpmodel`), rather than a program or notebook that called `main` itself."""
    spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    if spec is not None and spec.name == "stpmodel.__main__":
        return True
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    return name in ("stpmodel", "stpmodel.exe")


def end_by(signum: int) -> int:
    """End the `stpmodel` process by `signum` with its default action, so that the parent
    sees how it ended (a shell: 128 + the number). Called in another program (a notebook
    running `main`), hand the signal back to that program's own handler instead: SIGINT
    as KeyboardInterrupt, others re-sent now that its handlers are back; else return
    128 + the number."""
    import signal

    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.flush()
    if not is_program():
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        if hasattr(os, "kill"):
            os.kill(os.getpid(), signum)
        return 128 + signum
    if hasattr(os, "kill") and hasattr(signal, "SIGKILL"):
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
    return 128 + signum
