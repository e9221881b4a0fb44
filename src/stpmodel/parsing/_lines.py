"""What one line of a 工程表 is: the line kinds of the grammar, and `classify`.

A line is classified on its own, without knowing what came before it: each rule below is
a small function whose docstring states the rule, tried in the order of `_RULES`; the first
that holds gives the line's kind. What a kind *means* where it stands (a chapter-like line
inside a block of goals is a goal) is the reader's business (`parsing._reader`).

The rules, in order:

```text
blank          = WS* | markup only
page-number    = WS* (DASH WS*)? DIGIT{1,4} WS* (DASH WS*)?
separator      = cell (TAB cell)+      where every cell is ":?-+:?" or blank
table-header   = cell (TAB cell)+      naming 具体的な取組, or 実施状況 and 取組方針
row            = cell (TAB cell)+      whose first cell begins with ○
continuation   = cell (TAB cell)+      any other tabbed line
footnote       = SUPERSCRIPT+ WS* text
note           = ※ text
section        = ( DIGIT{1,3} ) title           (full- or half-width parentheses)
subsection     = CIRCLED-NUMBER title           (① … ⑳)
block-heading  = 【 label 】 text{0,60}         label naming あるべき姿, 目標, 主要指標 …
chapter        = DIGIT{1,2} ． title | 第 N 章 title
untabbed-row   = ○ text | < markup …           (a row printed without its tabs)
title          = 統合イノベーション戦略 YEAR … | 科学技術・イノベーション基本計画 YEAR …
list-item      = (- )? BULLET text              (BULLET: ・ ･ •)
text           = anything else
```
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from stpmodel._text import FULLWIDTH_DIGITS, normalize_space
from stpmodel.parsing._markup import strip_markup
from stpmodel.parsing._tokens import (
    BULLET_CHARS,
    DASHES,
    DIGIT,
    DIGITS,
    INITIATIVE_START,
    LIST_MARK,
    SUPERSCRIPT,
    TAG,
)

__all__ = [
    "CIRCLED",
    "MARKUP_KINDS",
    "Line",
    "LineKind",
    "Topic",
    "classify",
    "names_document",
    "split_lines",
]


class LineKind(enum.Enum):
    """The kinds of line of a 工程表 (see the grammar at the top of this module)."""

    BLANK = "blank"
    PAGE_NUMBER = "page-number"
    SEPARATOR = "separator"
    TABLE_HEADER = "table-header"
    ROW = "row"
    CONTINUATION = "continuation"
    FOOTNOTE = "footnote"
    NOTE = "note"
    SECTION = "section"
    SUBSECTION = "subsection"
    BLOCK_HEADING = "block-heading"
    CHAPTER = "chapter"
    UNTABBED_ROW = "untabbed-row"
    TITLE = "title"
    LIST_ITEM = "list-item"
    TEXT = "text"


class Topic(enum.Enum):
    """What a 【…】 block heading opens."""

    VISION = "vision"  # 【あるべき姿とその実現に向けた方向性】
    GOALS = "goals"  # 【目標】
    KEY_INDICATORS = "key"  # 【…主要な数値目標】（主要指標）
    REFERENCE_INDICATORS = "reference"  # 【現状データ】（参考指標）


MARKUP_KINDS = frozenset(
    {
        LineKind.BLANK,
        LineKind.PAGE_NUMBER,
        LineKind.SEPARATOR,
        LineKind.TABLE_HEADER,
        LineKind.BLOCK_HEADING,
    }
)
"""Kinds whose every character is structure, standing in no object of the model."""

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@attrs.frozen
class Line:
    """One classified line.

    Attributes:
        number: The 1-based line number.
        raw: The line as printed, markup and all.
        kind: What the line is.
        text: The line without markup, white space collapsed (untabbed lines).
        cells: The tab-separated cells, as printed (tabbed lines).
        mark: The superscript digits of a footnote line (`"⁹⁴"`).
        number_text: The number of a section heading (`"6"`), its circled mark for a
            subsection (`"①"`).
        title: A heading's title, a footnote's text.
        topic: What a block heading opens.
        bullet: True when the text begins with a bullet (`・ …`, `- ・ …`).
        body: The text after the bullet (the text itself when there is none).
    """

    number: int
    raw: str
    kind: LineKind
    text: str = ""
    cells: tuple[str, ...] = ()
    mark: str = ""
    number_text: str = ""
    title: str = ""
    topic: Topic | None = None
    bullet: bool = False
    body: str = ""

    @property
    def indent(self) -> int:
        """The 1-based column of the line's first character that is not white space."""
        return len(self.raw) - len(self.raw.lstrip()) + 1


# -- patterns: each quantifier over white space is followed by a character it cannot take,
# so every pattern is tried in time linear in the line ------------------------------------
_NEWLINES = re.compile(r"\r\n|\n|\r")
_PAGE_NUMBER = re.compile(rf"^\s*(?:[{DASHES}]\s*)?{DIGIT}{{1,4}}\s*(?:[{DASHES}]\s*)?$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")
_FOOTNOTE = re.compile(rf"^\s*({SUPERSCRIPT}+)\s*(.*)$")
_NOTE = re.compile(r"^\s*※")
_SECTION = re.compile(rf"^\s*[(（]\s*({DIGIT}{{1,3}})\s*[)）]\s*(\S.*)$")
_SUBSECTION = re.compile(rf"^\s*([{CIRCLED}])\s*(\S.*)$")
_BLOCK = re.compile(rf"^\s*{TAG.pattern}\s*(.{{0,60}})$")
_CHAPTER = re.compile(
    rf"^\s*(?:({DIGIT}{{1,2}})\s*[.．]\s*(\D\S.*)|第\s*[{DIGITS}一二三四五六七八九十]{{1,3}}\s*章\s*(.*))$"
)
_TITLE = re.compile(
    rf"(統合イノベーション戦略|科学技術・イノベーション基本計画)\s*({DIGIT}{{4}})(?!{DIGIT})"
)
_LIST_ITEM = re.compile(rf"^\s*(?:{LIST_MARK})?[{BULLET_CHARS}]\s*(.*)$")


def split_lines(text: str) -> list[str]:
    """Lines without their ends, for CRLF, LF and CR files alike (1-based = index + 1)."""
    return _NEWLINES.split(text.removeprefix("\ufeff"))


def names_document(text: str) -> re.Match[str] | None:
    """The name of the document with its year (統合イノベーション戦略2024) at the start of
    `text`."""
    return _TITLE.match(text)


def find_document_name(text: str) -> re.Match[str] | None:
    """The first mention of the document's name with its year anywhere in `text`."""
    return _TITLE.search(text)


def topic_of(label: str) -> Topic | None:
    """The topic a block heading's label names, or None for another 【…】 line."""
    if "あるべき姿" in label:
        return Topic.VISION
    if "主要指標" in label or "数値目標" in label:
        return Topic.KEY_INDICATORS
    if "参考指標" in label or "現状データ" in label:
        return Topic.REFERENCE_INDICATORS
    if "目標" in label:
        return Topic.GOALS
    return None


def is_header(cells: tuple[str, ...] | list[str], first: str | None = None) -> bool:
    """Whether tab-separated cells are the table's header row (`first`: the first cell
    without markup, when the caller has it already)."""
    if "具体的な取組" in (strip_markup(cells[0]) if first is None else first):
        return True
    # the other cells are read only when the words can be in them: markup removed can
    # join a word's characters, but never brings one in that the line does not hold,
    # unless as an entity (&#...;)
    raw = "".join(cells)
    if "&" not in raw and not ("況" in raw and "針" in raw):
        return False
    clean = [strip_markup(c) for c in cells]
    return any("実施状況" in c for c in clean) and any("取組方針" in c for c in clean)


# -- the rules ------------------------------------------------------------------------------
class _Seen(NamedTuple):
    """What the rules look at: the line as printed, its text, whether it has a bullet."""

    raw: str
    text: str
    bullet: bool


_Found = tuple[LineKind, dict[str, Any]]
"""A line's kind and the fields of `Line` the rule read from it."""
_Rule = Callable[[_Seen], _Found | None]
_NOTHING: dict[str, Any] = {}


def _blank(line: _Seen) -> _Found | None:
    """A line with nothing but white space, or with no tab and nothing but markup, is
    blank."""
    if not line.raw.strip() or ("\t" not in line.raw and not line.text):
        return (LineKind.BLANK, _NOTHING)
    return None


def _page_number(line: _Seen) -> _Found | None:
    """A line holding only a number of at most four digits, between dashes or not
    (`12`, `- 12 -`), is a page number left by the PDF."""
    if _PAGE_NUMBER.match(line.raw):
        return (LineKind.PAGE_NUMBER, _NOTHING)
    return None


def _tabbed(line: _Seen) -> _Found | None:
    """A line with a tab is a line of the table. Its cells, split at the tabs, make a
    separator when each is dashes (`---`) or blank, the header row when they name
    具体的な取組 (or both 実施状況 and 取組方針), a row when the first cell begins with ○,
    and a continuation of the row before otherwise."""
    if "\t" not in line.raw:
        return None
    cells = tuple(line.raw.split("\t"))
    first = strip_markup(cells[0])
    if all(_SEPARATOR_CELL.match(c) or not c.strip() for c in cells):
        kind = LineKind.SEPARATOR
    elif is_header(cells, first):
        kind = LineKind.TABLE_HEADER
    elif INITIATIVE_START.match(first):
        kind = LineKind.ROW
    else:
        kind = LineKind.CONTINUATION
    return (kind, {"cells": cells})


def _footnote(line: _Seen) -> _Found | None:
    """A line that begins with superscript digits (`⁹⁴ OECD …`) is a footnote."""
    if m := _FOOTNOTE.match(line.text):
        return (LineKind.FOOTNOTE, {"mark": m.group(1), "title": m.group(2)})
    return None


def _note(line: _Seen) -> _Found | None:
    """A line that begins with ※ is a note, continuing the footnote before it."""
    if _NOTE.match(line.text):
        return (LineKind.NOTE, _NOTHING)
    return None


def _section(line: _Seen) -> _Found | None:
    """A number of at most three digits in parentheses, then a title, heads a section:
    `(6) 様々な社会課題を…`."""
    if m := _SECTION.match(line.text):
        return (
            LineKind.SECTION,
            {"number_text": m.group(1).translate(FULLWIDTH_DIGITS), "title": m.group(2)},
        )
    return None


def _subsection(line: _Seen) -> _Found | None:
    """A circled number (① … ⑳), then a title, heads a subsection."""
    if m := _SUBSECTION.match(line.text):
        return (LineKind.SUBSECTION, {"number_text": m.group(1), "title": m.group(2)})
    return None


def _block_heading(line: _Seen) -> _Found | None:
    """A 【label】 that names the vision (あるべき姿), the goals (目標), the key indicators
    (主要指標, 数値目標) or the reference indicators (参考指標, 現状データ), followed by at
    most 60 characters (（主要指標） …), opens that block."""
    if (m := _BLOCK.match(line.text)) and (topic := topic_of(m.group(1))) is not None:
        return (LineKind.BLOCK_HEADING, {"topic": topic, "title": m.group(1)})
    return None


def _chapter(line: _Seen) -> _Found | None:
    """`２．知のフロンティア…` or `第２章 …` heads a chapter of the larger print."""
    if _CHAPTER.match(line.text):
        return (LineKind.CHAPTER, _NOTHING)
    return None


def _untabbed_row(line: _Seen) -> _Found | None:
    """A line with no tab that begins with ○ or with markup is a row printed without its
    tabs (inside a table)."""
    if INITIATIVE_START.match(line.text) or line.raw.lstrip().startswith("<"):
        return (LineKind.UNTABBED_ROW, _NOTHING)
    return None


def _title(line: _Seen) -> _Found | None:
    """A line that begins with the document's name and year (統合イノベーション戦略2024)
    is a title (when it comes before everything else)."""
    if names_document(line.text):
        return (LineKind.TITLE, _NOTHING)
    return None


def _list_item(line: _Seen) -> _Found | None:
    """A line that begins with a bullet (`・`, `･`, `•`), perhaps after `- `, is a
    list item."""
    return (LineKind.LIST_ITEM, _NOTHING) if line.bullet else None


_RULES: tuple[_Rule, ...] = (
    _blank,
    _page_number,
    _tabbed,
    _footnote,
    _note,
    _section,
    _subsection,
    _block_heading,
    _chapter,
    _untabbed_row,
    _title,
    _list_item,
)


def classify(number: int, raw: str) -> Line:
    """Classify line `number` (1-based) whose text is `raw`.

    Example:
        ```python
        classify(3, "(6) 様々な社会課題を解決するための…").kind  # LineKind.SECTION
        ```
    """
    text = "" if "\t" in raw else normalize_space(strip_markup(raw))
    item = _LIST_ITEM.match(text) if text else None
    seen = _Seen(raw, text, item is not None)
    kind, fields = LineKind.TEXT, _NOTHING
    for rule in _RULES:
        if (found := rule(seen)) is not None:
            kind, fields = found
            break
    return Line(
        number=number,
        raw=raw,
        kind=kind,
        text=text,
        bullet=seen.bullet,
        body=item.group(1) if item else text,
        **fields,
    )
