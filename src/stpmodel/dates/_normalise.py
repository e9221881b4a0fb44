"""Text made ready for the scanner, with a way back to the original's offsets.

Folding (full-width letters and signs, dashes, the Kangxi radicals and compatibility
ideographs some PDF fonts produce) keeps every offset. Collapsing letter-spaced runs
(令 和 4 年 度, as PDF extraction leaves headings) does not, so it returns the offset in
the original of every character it keeps.
"""

from __future__ import annotations

import re

from stpmodel._text import FULLWIDTH_DIGITS

__all__ = ["collapse_letter_spacing", "fold", "original_span"]

_FOLD_NEEDED = re.compile("[０-９Ａ-Ｚａ-ｚ／－．：，＋‐−–—―\u2f00-\u2fdf\uf900-\ufaff]")
# letter_spaced = (ITEM SPACE{1,2}){3,} ITEM, not inside a longer word, where an item is
# one CJK character or a number of one or two digits (令 和 4 年 度, 平 成 30 年 10 月):
# at least four items in a row, each followed by one or two spaces
_SPACED_CHAR = "0-9\u3005\u3040-\u30ff\u3400-\u9fff\u2f00-\u2fdf\uf900-\ufaff\uff10-\uff19"
_DIGIT = "0-9\uff10-\uff19"
_ITEM = rf"(?:[{_DIGIT}]{{1,2}}|[\u3005\u3040-\u30ff\u3400-\u9fff\u2f00-\u2fdf\uf900-\ufaff])"
# a unit may follow the last item unspaced (2 0 2 6年度, 2 0 2 6 年度: only the digits
# or the number and 年 were spaced), and then a run of digits alone is a number, not a list
_UNITS = "年度月日"
_LETTER_SPACED = re.compile(
    rf"(?<![{_SPACED_CHAR}])(?:{_ITEM}[ \u3000]{{1,2}}){{3,}}{_ITEM}"
    rf"(?:(?=[{_UNITS}])|(?![{_SPACED_CHAR}]))"
)
# a cheap first look: two items between spaces, which every such run has; it starts with a
# space, so the scan skips the other characters at C speed
_SPACED_HINT = re.compile(
    rf"[ \u3000][{_SPACED_CHAR}]{{1,2}}[ \u3000]{{1,2}}[{_SPACED_CHAR}]{{1,2}}[ \u3000]"
)


def _fold_table() -> dict[int, str]:
    """Full-width Latin letters and signs, dashes, and the Kangxi radicals and CJK
    compatibility ideographs some PDF fonts produce (⽇ for 日), each to the one character
    it stands for: a translation that keeps every offset, so spans point into the text."""
    import unicodedata

    table = {code: chr(digit) for code, digit in FULLWIDTH_DIGITS.items()}
    for code in range(ord("Ａ"), ord("Ｚ") + 1):
        table[code] = chr(code - 0xFEE0)
    for code in range(ord("ａ"), ord("ｚ") + 1):
        table[code] = chr(code - 0xFEE0)
    for wide, narrow in zip("／－．：，＋‐−–—―", "/-.:,+-----", strict=True):
        table[ord(wide)] = narrow
    for code in [*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00)]:
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain != chr(code):
            table[code] = plain
    return table


_FOLD = _fold_table()


def collapse_letter_spacing(text: str) -> tuple[str, list[int]] | None:
    """``text`` with the spaces of its letter-spaced runs taken out (令 和 4 年 度 → 令和4年度),
    and the offset in ``text`` of each character kept (one more for the end); None when no
    run looks letter-spaced. A run of digits alone (1 2 3 4) is a list, and is kept."""
    if not _SPACED_HINT.search(text):
        return None
    pieces: list[str] = []
    origin: list[int] = []
    done = 0
    for run in _LETTER_SPACED.finditer(text):
        digits = run.group().replace(" ", "").replace("\u3000", "").isdigit()
        if digits and not text.startswith(tuple(_UNITS), run.end()):
            continue
        pieces.append(text[done : run.start()])
        origin.extend(range(done, run.start()))
        for offset, char in enumerate(run.group(), run.start()):
            if char not in " \u3000":
                pieces.append(char)
                origin.append(offset)
        done = run.end()
    if not origin and done == 0:
        return None
    pieces.append(text[done:])
    origin.extend(range(done, len(text) + 1))
    return "".join(pieces), origin


def fold(text: str) -> str:
    """``text`` folded character for character: the same length, so spans carry over."""
    return text.translate(_FOLD) if _FOLD_NEEDED.search(text) else text


def original_span(origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The span in the original text of ``[start, end)`` in the collapsed one."""
    return origin[start], (origin[end - 1] + 1 if end > start else origin[start])
