"""HTML-like markup left by the PDF conversion: <p>, <ul style=…>, <li>, <u>, <br>."""

from __future__ import annotations

import html
import re

__all__ = ["BULLET", "BULLET_CHARS", "blockify", "strip_inline", "strip_markup"]

# Block-level tags separate text (they become a space); inline ones (<u>, <b>, <span> …)
# are dropped without a trace so that 「<u>科技</u>」 stays 「科技」.
_BLOCK = re.compile(
    r"</?(?:p|ul|ol|li|div|br|table|tr|td|th|tbody|thead|h[1-6]|blockquote)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}\b[^<>]{0,500}>|</?[A-Za-z][A-Za-z0-9]{0,20}>")
# A bullet is a ・ that begins an item: at the start of the text or after white space.
# The ・ inside words (人文・社会科学) is not one. Other prints give the half-width ･ or •.
BULLET_CHARS = "・･•"
BULLET = re.compile(rf"(?:^|(?<=\s))[{BULLET_CHARS}]")


def blockify(text: str) -> str:
    """Replace each block tag by as many spaces as it has characters; inline tags and
    entities stay (for `strip_inline`, which unescapes exactly once).

    The text keeps its length, so an offset in it is a column of the source line.
    """
    return _BLOCK.sub(_blank, text) if "<" in text else text


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def strip_inline(text: str) -> str:
    """Text already through `blockify` without its remaining tags, entities unescaped.

    `strip_inline(blockify(t))` equals `strip_markup(t)` up to white space: each pass runs
    once, so removing one tag can never make another.
    """
    if "<" in text:
        text = _ANY_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def strip_markup(text: str) -> str:
    """Text without any tags (block tags → space), entities unescaped."""
    if "<" in text:
        text = _ANY_TAG.sub("", _BLOCK.sub(" ", text))
    return html.unescape(text) if "&" in text else text
