"""Text in the form program names are matched in (`program_key`: no spaces, no footnote
marks, NFKC), with the way back from each key character to its offset in the text."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence

from stpmodel._text import SUPERSCRIPT_DIGITS, drop_footnote_marks

__all__ = ["Keyed", "blanked"]

_MARKS = frozenset(SUPERSCRIPT_DIGITS)
_DROPPED_RUN = re.compile(rf"[\s{SUPERSCRIPT_DIGITS}][\s{SUPERSCRIPT_DIGITS}]*")  # class first


class Keyed:
    """Text in [program_key][stpmodel.registry.program_key] form, mapping each character
    of the key to its offset in the text.

    Usually the key is the text less its spaces and footnote marks, one key character per
    character kept: the mapping is then the few dropped runs (found by one regex, looked
    up by bisection). Where NFKC makes a character longer (㈱ → (株)) or joins two, the
    text is keyed character by character with an explicit offset per key character.
    """

    __slots__ = ("_explicit", "_gaps", "_pending", "_shift", "key", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        stripped = "".join(drop_footnote_marks(text).split())
        self.key = unicodedata.normalize("NFKC", stripped)
        self._explicit: tuple[int, ...] | None = None
        self._gaps: list[int] = []  # key index at which a dropped run stood
        self._shift: list[int] = []  # characters dropped up to and including that run
        if len(self.key) != len(stripped):
            chars: list[str] = []
            kept: list[int] = []
            for i, c in enumerate(text):
                n = "" if c.isspace() or c in _MARKS else unicodedata.normalize("NFKC", c)
                chars.append(n)
                kept.extend([i] * len(n))
            self.key = "".join(chars)
            self._explicit = tuple(kept)
        # the dropped runs are looked up when an offset is first asked for: most texts
        # name no program, and their offsets are never needed
        self._pending = self._explicit is None and len(stripped) != len(text)

    def _find_runs(self) -> None:
        """Record where the dropped runs stood (once, on the first offset asked for)."""
        self._pending = False
        dropped = 0
        for run in _DROPPED_RUN.finditer(self.text):
            self._gaps.append(run.start() - dropped)
            dropped += run.end() - run.start()
            self._shift.append(dropped)

    @classmethod
    def of(cls, text: str) -> Keyed:
        return cls(text)

    def to_text(self, index: int) -> int:
        """The offset in the text of the key's character `index`."""
        if self._explicit is not None:
            return self._explicit[index]
        if self._pending:
            self._find_runs()
        at = bisect.bisect_right(self._gaps, index)
        return index + (self._shift[at - 1] if at else 0)

    def to_key(self, offset: int) -> int:
        """The index in the key of the first character at or after `offset` of the text."""
        if self._explicit is not None:
            return bisect.bisect_left(self._explicit, offset)
        lo, hi = 0, len(self.key)
        while lo < hi:  # the first key index whose text offset is at or after `offset`
            mid = (lo + hi) // 2
            if self.to_text(mid) < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The `(start, end)` in the original text of `key[start:end]`."""
        if start >= end or not self.key:
            return (0, 0)
        return (self.to_text(start), self.to_text(end - 1) + 1)


def blanked(keyed: Keyed, spans: Sequence[tuple[int, int]]) -> str:
    """`keyed.key` with the characters of `spans` (text offsets) replaced by NULs, built
    in one pass: rebuilding the key once per span was quadratic in a cell naming
    thousands of programs."""
    key = keyed.key
    parts: list[str] = []
    at = 0
    for a, b in sorted(spans):
        start, end = max(keyed.to_key(a), at), keyed.to_key(b)
        if end > start:
            parts += (key[at:start], "\0" * (end - start))
            at = end
    parts.append(key[at:])
    return "".join(parts)
