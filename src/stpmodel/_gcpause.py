"""Pausing the cyclic garbage collector while the parse cache is unpickled.

Used only around loading the cache in `stpmodel._bundled`: a library function such as
`parse()` must not switch the collector off for a caller's whole process (threads included),
while unpickling the cache is a short, bounded step of the library's own start-up.
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
