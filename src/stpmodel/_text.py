"""Text normalisation shared by the parser, the registries and the queries.

The roadmap is text extracted from a PDF: Latin letters come out spaced (`S I P`,
`I m P A C T`), digits come full-width or with spaces, and footnote markers are
superscript digits glued to words. These helpers never change what is stored as the
object's text; they give comparable *forms* of it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "CONTROL_CHARS",
    "FULLWIDTH_DIGITS",
    "MAX_MARK_DIGITS",
    "MAX_NUMBER_CHARS",
    "SUPERSCRIPT_DIGITS",
    "despace_letters",
    "drop_footnote_marks",
    "footnote_marks",
    "footnote_runs",
    "normalize_space",
    "overlong_marks",
    "search_key",
    "superscript",
    "superscript_number",
]

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
MAX_MARK_DIGITS = 6
"""The longest footnote marker read as a number; a longer run of superscript digits is
text (and the parser reports it): no footnote has a million, and `int()` refuses
strings of more than 4,300 digits."""
MAX_NUMBER_CHARS = 64
"""The longest number, as a decimal string, that the parser reads as a value and `loads()`
accepts (`schema.DECIMAL_MAX_CHARS`): one limit, so that whatever is parsed loads back."""
_SUPER_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_ASCII_TO_SUPER = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# Runs are written `[X][X]*`, not `[X]+`: a pattern that begins with a class lets the regex
# engine skip to the class's characters; one that begins with a repeat is tried at every
# position (three times slower on the roadmap's items, which mostly have no mark).
_MARKS = re.compile(f"[{SUPERSCRIPT_DIGITS}][{SUPERSCRIPT_DIGITS}]*")
# Full-width digits map one-to-one onto ASCII ones, so character offsets do not move.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_WS = re.compile(r"\s\s*")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 controls but TAB, LF and CR; DEL; C1 controls."""
_SPACE_RUN = re.compile(r"[^\S\x0b\x0c\x1c-\x1f\x85][^\S\x0b\x0c\x1c-\x1f\x85]*")


@functools.cache
def _spaced() -> re.Pattern[str]:
    """The pattern of letters spaced out by the PDF (compiled on first use)."""
    # Two or more single Latin letters (or a lone hyphen) separated by single spaces:
    # "S I P", "I m P A C T", "F - R E I", "Ｓ Ｉ Ｐ". Bounded to keep matching linear.
    # Compiled on first use: it takes a millisecond, and start-up does not need it.
    return re.compile(
        r"(?<![A-Za-zＡ-Ｚａ-ｚ])[A-Za-zＡ-Ｚａ-ｚ](?:[ \u3000](?:[A-Za-zＡ-Ｚａ-ｚ]|-)(?![A-Za-zＡ-Ｚａ-ｚ]))+"
    )


_DASHES = str.maketrans({"－": "-", "‐": "-", "―": "-", "−": "-", "〜": "～", "~": "～"})
# whether a text has any character `_DASHES` maps: a translation through a table looks up
# every character, a class finds the (usually absent) few at once
_DASH = re.compile("[－‐―−〜~]")


def normalize_space(text: str) -> str:
    """Collapse runs of white space (including U+3000) to one space and strip the ends.

    Control characters that Python counts as white space (`\x0b`, `\x0c`,
    `\x1c`–`\x1f`, `\x85`) are not white space here: text keeps them as the source
    has them (the parser reports them where they enter).
    """
    if text.isprintable() and "  " not in text:
        # the only white space is single ASCII spaces (every other white-space character
        # is unprintable): nothing to collapse
        return text.strip(" ")
    return _SPACE_RUN.sub(" ", text).strip(" ")


def despace_letters(text: str) -> str:
    """Undo the PDF's letter spacing: `"次期 S I P の課題"` → `"次期 SIP の課題"`."""
    return _spaced().sub(lambda m: m.group(0).replace(" ", "").replace("\u3000", ""), text)


def search_key(text: str) -> str:
    """A form for matching: NFKC, case-folded, with no white space and no footnote marks.

    Japanese is written without spaces, so removing all of them makes `"S I P"`,
    `"SIP"` and `"ＳＩＰ"` the same key, as well as `"2026 年度"` and `"2026年度"`.
    """
    text = unicodedata.normalize("NFKC", drop_footnote_marks(text))
    if _DASH.search(text):
        text = text.translate(_DASHES)
    return _WS.sub("", text).casefold()


def superscript_number(marker: str) -> int:
    """`"⁹⁴"` → `94`."""
    return int(marker.translate(_SUPER_TO_ASCII))


def superscript(number: int) -> str:
    """`94` → `"⁹⁴"`, the footnote marker as printed."""
    return str(number).translate(_ASCII_TO_SUPER)


def footnote_marks(text: str) -> tuple[int, ...]:
    """The footnote numbers marked in `text`: `"…論文数⁹⁴を…"` → `(94,)`.

    Markers of more than `MAX_MARK_DIGITS` digits are left out (see `overlong_marks`).
    """
    return tuple(superscript_number(m) for m in _MARKS.findall(text) if len(m) <= MAX_MARK_DIGITS)


def footnote_runs(text: str) -> list[str]:
    """Every run of superscript digits in `text`, in order (one scan: the caller sorts the
    markers from the runs too long to be one)."""
    return _MARKS.findall(text)


def overlong_marks(text: str) -> tuple[str, ...]:
    """The runs of superscript digits in `text` too long to be a footnote marker."""
    return tuple(m for m in _MARKS.findall(text) if len(m) > MAX_MARK_DIGITS)


def drop_footnote_marks(text: str) -> str:
    """`text` without its footnote markers (one quick look when there are none)."""
    return _MARKS.sub("", text) if _MARKS.search(text) else text
