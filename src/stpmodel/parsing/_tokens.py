"""The tokens of the 工程表 grammar, each written once: every other module of the parser
imports its patterns from here.

```text
DIGIT          = [0-9０-９]                       (full-width digits read as ASCII ones)
DASH           = - － ― – —                        (around a page number)
INITIATIVE     = ○ ◯ 〇                             (begins an initiative: a table row)
BULLET         = ・ ･ •                              (begins an item where it follows white
                                                     space or starts the text; 人文・社会 is no bullet)
LIST-MARK      = [-*+] WS+                           (a Markdown-like mark before a bullet)
TAG            = 【 TAG-CONTENT 】                   (ministry codes; block headings)
CODE-SEPARATOR = 、 , ， ／                          (between the codes of a tag)
REPOST         = ( 再掲 )                            (full- or half-width parentheses)
SUPERSCRIPT    = ⁰ … ⁹                               (footnote marks: `stpmodel._text`)
UNDERLINE      = <u …> … </u>                        (a lead ministry's code)
BLOCK-TAG      = <p> <ul> <li> <br> …                (separate text: a space)
INLINE-TAG     = any other <tag>                     (dropped without a trace)
```

Each pattern's quantifiers over white space are followed by a character they cannot take,
and every repetition is bounded where two could share characters, so each is tried in time
linear in the text.
"""

from __future__ import annotations

import re

from stpmodel._text import SUPERSCRIPT_DIGITS

__all__ = [
    "ANY_TAG",
    "BLOCK_TAG",
    "BULLET",
    "BULLET_CHARS",
    "CODE_SEPARATOR",
    "DASHES",
    "DIGIT",
    "DIGITS",
    "INITIATIVE_MARKS",
    "INITIATIVE_START",
    "LIST_MARK",
    "OPEN_TAG",
    "REPOST",
    "REPOST_OPENERS",
    "REPOST_WORD",
    "SUPERSCRIPT",
    "TAG",
    "TAG_CONTENT",
    "TAG_OR_REPOST",
    "TRAILER_TAG_MAX",
    "UNDERLINE",
    "UNDERLINED_TEXT",
    "UNDERLINE_CLOSE",
    "UNDERLINE_OPEN",
]

DIGITS = "0-9０-９"
"""The digits, ASCII or full-width (the inside of a regex class)."""
DIGIT = f"[{DIGITS}]"
"""One digit, ASCII or full-width (a regex class)."""
DASHES = "-－―–—"
"""The dashes that stand around a page number (`- 12 -`)."""
INITIATIVE_MARKS = "○◯〇"
"""The marks that begin an initiative (the first cell of a table row)."""
INITIATIVE_START = re.compile(rf"\s*[{INITIATIVE_MARKS}]")
"""An initiative's mark after white space (use with `match`)."""
BULLET_CHARS = "・･•"
"""The bullets: `・`, and the half-width `･` or `•` other prints give."""
BULLET = re.compile(rf"[{BULLET_CHARS}](?<!\S[{BULLET_CHARS}])")
"""A bullet that begins an item: at the start of the text or after white space (the
class first and the look-behind after it, so that the engine skips to the next bullet
character at once)."""
LIST_MARK = r"[-*+]\s+"
"""A Markdown-like list mark before a bullet (`- ・ …`), as a regex."""
TAG_CONTENT = "[^【】]"
"""One character inside a 【】 tag (a regex class)."""
TAG = re.compile(rf"【({TAG_CONTENT}{{1,60}})】")
"""A 【】 tag of at most 60 characters, its content as group 1."""
CODE_SEPARATOR = re.compile(r"[、,，／]")
"""What separates the codes of a ministry tag."""
REPOST_WORD = "再掲"
REPOST_OPENERS = "(（"
REPOST = re.compile(rf"[{REPOST_OPENERS}]\s*{REPOST_WORD}\s*[)）]")
"""The mark of an item reprinted from elsewhere: (再掲) or （再掲）."""
TRAILER_TAG_MAX = 200
"""The longest content of a tag in an item's trailer."""
TAG_OR_REPOST = re.compile(rf"【({TAG_CONTENT}{{0,{TRAILER_TAG_MAX}}})】|{REPOST.pattern}")
"""One part of an item's trailer: a tag of at most 200 characters (group 1), or (再掲)."""
SUPERSCRIPT = f"[{SUPERSCRIPT_DIGITS}]"
"""One superscript digit of a footnote mark (a regex class)."""

# -- markup ---------------------------------------------------------------------------------
BLOCK_TAG = re.compile(
    r"</?(?:p|ul|ol|li|div|br|table|tr|td|th|tbody|thead|h[1-6]|blockquote)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
"""A block-level tag: it separates text (it becomes a space)."""
ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}\b[^<>]{0,500}>|</?[A-Za-z][A-Za-z0-9]{0,20}>")
"""Any tag; the inline ones (<u>, <b>, <span> …) are dropped without a trace."""
OPEN_TAG = re.compile(r"<(?=[A-Za-z/])[^<>\t]{0,200}(?=<|\t|$)")
"""A `<tag` that does not close before the next tag, tab or the end of the line."""
_U = r"u\b[^<>]{0,100}>"  # an underline tag after its < or </
UNDERLINE_OPEN = re.compile(f"<{_U}", re.IGNORECASE)
UNDERLINE_CLOSE = re.compile(r"</u\s*>", re.IGNORECASE)
UNDERLINE = re.compile(f"<(/?){_U}", re.IGNORECASE)
"""An underline tag, opening or closing (group 1: `/` for a closing one)."""
UNDERLINED_TEXT = re.compile(rf"<{_U}\s*[^<\s]", re.IGNORECASE)
"""An underline that opens on text (not on white space or another tag)."""
