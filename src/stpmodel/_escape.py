"""The cell and text guards of writers: what a spreadsheet would run, what a terminal would
obey. Re-exported by `stpmodel._write`; kept apart from it because the command line's plain
path prints through [escape_controls][stpmodel._escape.escape_controls] and must not load
the error classes (attrs) that writing files needs.
"""

from __future__ import annotations

import re

__all__ = ["escape_controls", "guard", "has_controls", "unguard"]


# -- cells ----------------------------------------------------------------------
_FORMULA = re.compile("'*[ \u3000]*[=+\\-@＝＋－＠\t\r\n]")
"""A cell a spreadsheet would run: after any apostrophes and leading spaces (ASCII or
U+3000), one of `= + - @`, their full-width forms, TAB, CR or LF. Apostrophes are counted
so that [unguard][stpmodel._escape.unguard] undoes [guard][stpmodel._escape.guard] exactly."""


def guard(value: object) -> object:
    """Neutralise a spreadsheet cell that would run as a formula: prefix `'`.

    Strings starting with `= + - @`, `＝ ＋ － ＠`, TAB, CR or LF — also after leading
    spaces or ideographic spaces (U+3000) — get a leading apostrophe; other values pass.

    ```python
    guard("=1+1")   # "'=1+1"
    guard("＝1+1")  # "'＝1+1"
    guard(" \\t=x")  # "' \\t=x"
    guard(3)        # 3
    ```
    """
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def unguard(value: str) -> str:
    """Undo [guard][stpmodel._escape.guard] on a cell read back: `unguard(guard(s)) == s`."""
    if value.startswith("'") and _FORMULA.match(value, 1):
        return value[1:]
    return value


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 controls except TAB, LF and CR; DEL; the C1 controls."""


def has_controls(text: str) -> bool:
    """Whether `text` holds a control character that [escape_controls][stpmodel._escape.escape_controls] rewrites."""
    return _CONTROLS.search(text) is not None


_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional formatting characters, which reorder what a terminal shows
("Trojan Source"): ALM, LRM, RLM, the embeddings and overrides, the isolates."""


def escape_controls(text: str, *, json: bool = False, bidi: bool = False) -> str:
    r"""`text` with each control character (C0 but TAB/LF/CR, DEL, C1) written as `\xNN`.

    The model keeps such characters as the source has them; a writer whose format cannot
    carry them (XML, iCalendar, xlsx, a terminal) passes its text through this function.
    With `json=True` they are written `\u00NN` instead, which is also a valid escape
    inside a JSON string (the command line's output may be JSON). With `bidi=True` the
    bidirectional formatting characters (U+202E …), which make a terminal show text in
    another order than it is, are escaped too (as `\uNNNN`).

    ```python
    escape_controls("a\x1b[31mb")             # "a\\x1b[31mb"
    escape_controls("a\x7fb", json=True)      # "a\\u007fb"
    escape_controls("a\u202eb", bidi=True)    # "a\\u202eb"
    ```
    """
    if _CONTROLS.search(text) is not None:
        form = "\\u{:04x}" if json else "\\x{:02x}"
        text = _CONTROLS.sub(lambda m: form.format(ord(m.group())), text)
    if bidi and _BIDI.search(text) is not None:
        text = _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return text
