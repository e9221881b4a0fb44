"""Pausing the cyclic garbage collector during a bulk construction.

Used around `parse()`, `loads()` and reading the parse cache: each builds tens of
thousands of small objects that all live on and make no garbage, and the collector would
only walk the growing heap again and again (7% of a parse, about half of `loads()`).

The collector is one switch for the whole process: while a parse runs, cyclic garbage
made by the caller's other threads waits until it ends (reference counting still frees
everything else at once), and then the collector runs as usual. The switch is put back
as it was found, in `finally`, also when the construction raises. A caller that turns the
collector off itself from another thread while a parse runs may find it on again when the
parse ends.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Turn the cyclic collector off for the block, and back on if it was on.

    Unpickling allocates thousands of small objects that all live on and make no garbage:
    the collector would only walk the growing heap again and again (half of the unpickling
    time).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
