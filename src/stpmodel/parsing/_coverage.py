"""The check that nothing in the source was dropped.

Markup is what the grammar consumes as structure: HTML-like tags, white space, list marks
(`- `, the `・` that begins an item, the `○` that begins an initiative), table
separators, the table header row, page-number lines and the recognised block headings
(【目標】 …). Every
other character of the source must stand in some object of the model or in a warning.
Both sides are compared as NFKC multisets of characters, so (再掲) and （再掲） match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import attrs

from stpmodel._shown import Shown, View, attributes
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    MinistryRef,
    Paragraph,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.parsing._lines import MARKUP_KINDS, classify, split_lines
from stpmodel.parsing._markup import strip_markup
from stpmodel.parsing._tokens import BULLET, INITIATIVE_MARKS, LIST_MARK, REPOST_WORD
from stpmodel.roadmap import Roadmap

__all__ = ["Coverage", "coverage"]

_WS = re.compile(r"\s+")
# white space but the tab after a cell start: a run of tabs is tried once per cell
_CELL_START = re.compile(rf"(?:^|(?<=\t))[^\S\t]*(?:{LIST_MARK})?[{INITIATIVE_MARKS}]")
_LIST_MARK = re.compile(rf"^\s*{LIST_MARK}")


@attrs.frozen(kw_only=True)
class Coverage(Shown):
    """How much of the source's text the model accounts for.

    Attributes:
        total: The number of non-markup characters of the source.
        missing: Those found in no object or warning.
        extra: Characters of the model that the source does not have.
        missing_lines: The lines the missing characters occur on.
    """

    total: int
    missing: Counter[str]
    extra: Counter[str]
    missing_lines: tuple[int, ...] = ()

    @property
    def ratio(self) -> float:
        """Share of the source's characters accounted for, 0.0 … 1.0."""
        lost = sum(self.missing.values())
        return 1.0 if self.total == 0 else (self.total - lost) / self.total

    @property
    def complete(self) -> bool:
        """True when every non-markup character of the source is accounted for."""
        return not self.missing

    _views = (View("coverage", attributes("ratio")),)


def _fold(text: str) -> str:
    """NFKC without white space: (再掲) and （再掲） compare equal."""
    return _WS.sub("", unicodedata.normalize("NFKC", text))


def _source_chars(number: int, line: str) -> str:
    """The characters of a source line that must stand in the model: none for a line the
    grammar consumes as structure (`MARKUP_KINDS`), else its text without markup, list
    marks and white space."""
    if classify(number, line).kind in MARKUP_KINDS:
        return ""
    text = strip_markup(line)
    text = _CELL_START.sub("", text)
    text = _LIST_MARK.sub("", text)
    text = BULLET.sub("", text)
    return _fold(text)


def _tags(refs: tuple[MinistryRef, ...]) -> str:
    """A ministry tag as printed, 【科技、文】 (empty for no ministries)."""
    return f"【{'、'.join(ref.code for ref in refs)}】" if refs else ""


def _repost(flag: bool) -> str:
    return f"({REPOST_WORD})" if flag else ""


def _node_chars(node: object) -> str:
    """The characters of the source one object of the tree stands for."""
    match node:
        case Section():
            return f"{node.chapter or ''}({node.number}){node.title}"
        case Subsection():
            return f"{node.number}{node.title}"
        case Indicator():
            return node.text + _repost(node.repost) + "".join(node.details)
        case Initiative() | Action():
            return node.text + _repost(node.repost) + _tags(node.ministries)
        case Footnote():
            return f"{node.number}{node.text}"
        case Paragraph() | Goal() | StatusNote():
            return node.text
    return ""


def _model_chars(roadmap: Roadmap) -> str:
    """Every character the model holds: each object of the tree (one walk) and each
    warning's text."""
    out = [_node_chars(node) for node in roadmap.walk()]
    out.extend(warning.text for warning in roadmap.warnings)
    return _fold("".join(out))


def coverage(text: str, roadmap: Roadmap) -> Coverage:
    """Compare `text` (the source `roadmap` was parsed from) with the model.

    Example:
        ```python
        report = coverage(text, stpmodel.parse(text))
        assert report.complete, report.missing_lines
        ```
    """
    per_line = [_source_chars(number, line) for number, line in enumerate(split_lines(text), 1)]
    source = Counter("".join(per_line))
    model = Counter(_model_chars(roadmap))
    title = _fold(roadmap.title)
    if title in per_line:  # the title was read from a line of the text (not given)
        model.update(title)
    missing = source - model
    lines = tuple(
        number for number, chars in enumerate(per_line, 1) if missing and set(chars) & set(missing)
    )
    return Coverage(
        total=sum(source.values()), missing=missing, extra=model - source, missing_lines=lines
    )
