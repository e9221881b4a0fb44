"""HTML-like markup left by the PDF conversion: <p>, <ul style=…>, <li>, <u>, <br>."""

from __future__ import annotations

import html
import re

from stpmodel.parsing._tokens import ANY_TAG, BLOCK_TAG

__all__ = ["blockify", "strip_inline", "strip_markup"]

# Block-level tags separate text (they become a space); inline ones (<u>, <b>, <span> …)
# are dropped without a trace so that 「<u>科技</u>」 stays 「科技」 (the patterns:
# `parsing._tokens`).


def blockify(text: str) -> str:
    """Replace each block tag by as many spaces as it has characters; inline tags and
    entities stay (for `strip_inline`, which unescapes exactly once).

    The text keeps its length, so an offset in it is a column of the source line.
    """
    return BLOCK_TAG.sub(_blank, text) if "<" in text else text


def _blank(match: re.Match[str]) -> str:
    """As many spaces as the match has characters."""
    return " " * (match.end() - match.start())


def strip_inline(text: str) -> str:
    """Text already through `blockify` without its remaining tags, entities unescaped.

    `strip_inline(blockify(t))` equals `strip_markup(t)` up to white space: each pass runs
    once, so removing one tag can never make another.
    """
    if "<" in text:
        text = ANY_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def strip_markup(text: str) -> str:
    """Text without any tags (block tags → space), entities unescaped."""
    if "<" in text:
        text = ANY_TAG.sub("", BLOCK_TAG.sub(" ", text))
    return html.unescape(text) if "&" in text else text
