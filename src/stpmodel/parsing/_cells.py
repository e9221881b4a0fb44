"""Cells of the roadmap table: joining page-break fragments, bullets, 【】 tags, (再掲).

A cell arrives as fragments, one per source line the row was printed on. Fragments are
joined without inventing spaces (the PDF cut the text mid-sentence), then split at the
bullets that begin items; each item loses its trailing ministry tags and (再掲) mark,
which become data.
"""

from __future__ import annotations

import bisect
import html
import re
from typing import NamedTuple

import attrs

from stpmodel._text import normalize_space
from stpmodel.parsing._markup import blockify, strip_inline
from stpmodel.parsing._tokens import (
    BULLET,
    CODE_SEPARATOR,
    DIGITS,
    REPOST,
    REPOST_OPENERS,
    REPOST_WORD,
    TAG_OR_REPOST,
    TRAILER_TAG_MAX,
    UNDERLINE,
    UNDERLINED_TEXT,
)

__all__ = [
    "CellItem",
    "Fragment",
    "Joined",
    "Tag",
    "join_fragments",
    "split_items",
    "take_tags",
]


class Fragment(NamedTuple):
    """The part of a cell printed on one source line, and the 1-based column where the
    cell begins on that line (a named tuple: one per cell per line)."""

    text: str
    line: int
    column: int = 1


class Tag(NamedTuple):
    """One ministry code of a 【】 tag; `lead` where it is underlined (a named tuple:
    thousands are made per parse)."""

    code: str
    lead: bool


class CellItem(NamedTuple):
    """One item of a cell (a bullet's text) with its trailing ministry tag and (再掲) mark
    taken off and read, ready to become a model object (a named tuple: one per item)."""

    text: str  # markup stripped, white space collapsed, tags and (再掲) removed
    tags: tuple[Tag, ...]
    has_tag: bool
    repost: bool
    bad_tag: str  # the tag as printed where it has an empty code (【、科技】), else ""
    lines: tuple[int, ...]


_WHITE = re.compile(r"\s+")
_NOT_A_CODE = re.compile(rf"[{DIGITS}年月日度。：:%％]")


@attrs.frozen
class Joined:
    """A cell's fragments joined into one text, remembering where each part came from.

    Attributes:
        text: The joined text (block tags blanked, inline markup kept).
        parts: `(start, end, line, column)` for each fragment, in order and not
            overlapping: `text[start:end]` came from `line`, beginning at `column`.
    """

    text: str
    parts: tuple[tuple[int, int, int, int], ...]
    ends: tuple[int, ...] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "ends", tuple(part[1] for part in self.parts))

    def _first_part(self, offset: int) -> int:
        """The index of the first part that ends after `offset`."""
        return bisect.bisect_right(self.ends, offset)

    def lines_of(self, start: int, end: int) -> tuple[int, ...]:
        """The source lines that contributed non-blank text to `text[start:end]`.

        Parts are ordered and do not overlap, so the parts that meet the span are found by
        bisection: the cost grows with the parts that meet it, not with all of them.
        """
        lines: set[int] = set()
        for index in range(self._first_part(start), len(self.parts)):
            a, b, line, _ = self.parts[index]
            if a >= end:
                break
            if b > start and self.text[max(a, start) : min(b, end)].strip():
                lines.add(line)
        return tuple(sorted(lines))

    def locate(self, offset: int) -> tuple[int, int]:
        """The source `(line, column)` of `text[offset]` (of the next part's start when
        `offset` falls on the glue between two parts)."""
        index = self._first_part(offset)
        if index == len(self.parts):
            if not self.parts:
                return (0, 1)
            a, b, line, column = self.parts[-1]
            return (line, column + b - a)
        a, _, line, column = self.parts[index]
        return (line, column + max(0, offset - a))


def _close_dangling(text: str) -> str:
    """`text` with a `<` or `&` that nothing closes before its end (no `>`, `<` or `&`
    after it) escaped, so that it stays text. Only the last `<` or `&` can be one: found
    with two `rfind`s, not a look-ahead run from every `<`."""
    last = max(text.rfind("<"), text.rfind("&"))
    if last < 0 or ">" in text[last + 1 :]:
        return text
    return text[:last] + html.escape(text[last]) + text[last + 1 :]


def join_fragments(fragments: list[Fragment]) -> Joined:
    """Join the fragments of one cell (block tags become spaces, inline tags stay).

    A fragment that begins with a bullet starts a new item; any other continues the text
    of the fragment before it, cut mid-sentence, so the two are joined with no space —
    unless both sides of the cut are Latin letters or digits, which need one.

    The pieces are collected in a list and joined once: the cost is linear in the length
    of the cell, however many continuation rows it was printed on.
    """
    pieces: list[str] = []
    parts: list[tuple[int, int, int, int]] = []
    length = 0  # len("".join(pieces))
    for fragment in fragments:
        # markup is read within one line: a "<" or "&" left open at the end of a line must
        # not become a tag or an entity with the next line's text
        piece = blockify(_close_dangling(fragment.text))
        if not piece.strip():
            continue
        if not pieces:
            pieces.append(piece)
            length = len(piece)
            parts.append((0, length, fragment.line, fragment.column))
            continue
        head = piece.lstrip()
        column = fragment.column + len(piece) - len(head)
        # the text so far loses its trailing white space, as the cut is mended
        while pieces and not pieces[-1].strip():
            length -= len(pieces.pop())
        last = pieces[-1].rstrip()
        length -= len(pieces[-1]) - len(last)
        pieces[-1] = last
        if parts and parts[-1][1] > length:
            a, _, line, start_column = parts[-1]
            parts[-1] = (a, length, line, start_column)
        if BULLET.match(head):
            glue = " "
        else:
            left, right = strip_inline(last)[-1:], strip_inline(head)[:1]
            both = left.isascii() and left.isalnum() and right.isascii() and right.isalnum()
            glue = " " if both else ""
        pieces.append(glue + head)
        parts.append((length + len(glue), length + len(glue) + len(head), fragment.line, column))
        length += len(glue) + len(head)
    return Joined("".join(pieces), tuple(parts))


def split_items(text: str) -> list[tuple[int, int]]:
    """Spans of the items of a joined cell, split at bullets (the bullet left out).

    Text before the first bullet is an item too.
    """
    starts = [m.start() for m in BULLET.finditer(text)]
    spans: list[tuple[int, int]] = []
    if not starts:
        spans.append((0, len(text)))
    elif text[: starts[0]].strip():
        spans.append((0, starts[0]))
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        spans.append((start + 1, end))
    return [(a, b) for a, b in spans if strip_inline(text[a:b]).strip()]


def parse_codes(content: str) -> tuple[Tag, ...] | None:
    """The codes of a tag's content (with <u> kept), or None if it is not a ministry tag.

    A code is `lead` when any of it is underlined; an underline may span several codes
    (`<u>科技、文</u>`).
    """
    tags: list[Tag] = []
    underlined = False
    for piece in CODE_SEPARATOR.split(content):
        if "<" in piece:
            lead = underlined or bool(UNDERLINED_TEXT.search(piece))
            marks = UNDERLINE.findall(piece)
            if marks:
                underlined = marks[-1] != "/"
            piece = strip_inline(piece)
        else:
            lead = underlined
            if "&" in piece:
                piece = strip_inline(piece)
        code = "".join(piece.split()) if not piece.isalnum() else piece
        if code:
            tags.append(Tag(code, lead))
    if not tags or any(len(t.code) > 12 or _NOT_A_CODE.search(t.code) for t in tags):
        return None
    return tuple(tags)


def _skip_space_back(text: str, end: int) -> int:
    """The start of the run of white space that ends at `end`."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _repost_start(text: str, end: int) -> int:
    """Where a (再掲) that ends at `end` (just after its closing paren) begins, or -1."""
    inner = _skip_space_back(text, end - 1)
    word = len(REPOST_WORD)
    if text[max(0, inner - word) : inner] != REPOST_WORD:
        return -1
    opening = _skip_space_back(text, inner - word)
    return opening - 1 if opening > 0 and text[opening - 1] in REPOST_OPENERS else -1


def trailer_start(text: str) -> int:
    """Where the trailer of an item begins: the run of white space, (再掲) marks and 【】
    groups (of at most 200 characters) that ends the text; `len(text)` when there is none.

    Read backwards, one step per character, so a long run of spaces before the closing 】
    costs its length once (a regex searching for the trailer would retry the run from every
    position: quadratic).
    """
    start = len(text)
    while True:
        end = _skip_space_back(text, start)
        if end == 0:
            return 0
        last = text[end - 1]
        if last == "】":
            opening = text.rfind("【", max(0, end - 2 - TRAILER_TAG_MAX), end - 1)
            if opening < 0 or "】" in text[opening + 1 : end - 1]:
                return end
            start = opening
        elif last in ")）":
            opening = _repost_start(text, end)
            if opening < 0:
                return end
            start = opening
        else:
            return end


def take_tags(raw: str, lines: tuple[int, ...]) -> CellItem:
    """Turn one raw item (inline markup kept) into a `CellItem`."""
    start = trailer_start(raw)
    body = raw
    tags: list[Tag] = []
    has_tag = False
    repost = False
    bad_tag = ""
    if start < len(raw) and raw[start:].strip():
        # walk the trailer: keep every 【】 group that reads as ministry codes
        tail = raw[start:]
        kept_from = len(raw)
        for m in reversed(list(TAG_OR_REPOST.finditer(tail))):
            if m.group(1) is not None:
                codes = parse_codes(m.group(1))
                if codes is None or has_tag:
                    break  # one tag per item: an earlier 【】 stays in the text
                tags[:0] = codes
                has_tag = True
                plain = strip_inline(m.group(1))
                if any(not piece.strip() for piece in CODE_SEPARATOR.split(plain)):
                    bad_tag = f"【{normalize_space(plain)}】"
            elif repost:
                break  # a second (再掲) stays in the text: the flag holds only one
            else:
                repost = True
            kept_from = start + m.start()
        body = raw[:kept_from]
    text = normalize_space(strip_inline(body))
    if not repost and REPOST_WORD in text and REPOST.search(text):
        # removed after the markup, so that taking it out cannot make a tag ("<(再掲)p>")
        repost = True
        text = normalize_space(REPOST.sub("", text, count=1))
    return CellItem(
        text=text,
        tags=tuple(tags),
        has_tag=has_tag,
        repost=repost,
        bad_tag=bad_tag,
        lines=lines,
    )
