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

from stpmodel.parsing._lines import MARKUP_KINDS, classify, split_lines
from stpmodel.parsing._markup import BULLET, strip_markup
from stpmodel.roadmap import Roadmap

__all__ = ["Coverage", "coverage"]

_WS = re.compile(r"\s+")
# white space but the tab after a cell start: a run of tabs is tried once per cell
_CELL_START = re.compile(r"(?:^|(?<=\t))[^\S\t]*(?:[-*+]\s+)?[○◯〇]")
_LIST_MARK = re.compile(r"^\s*[-*+]\s+")


@attrs.frozen(kw_only=True)
class Coverage:
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


def _fold(text: str) -> str:
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


def _model_chars(roadmap: Roadmap) -> str:
    out: list[str] = []
    add = out.append

    def tags(obj_refs: tuple[object, ...]) -> str:
        codes = [getattr(ref, "code", "") for ref in obj_refs]
        return f"【{'、'.join(codes)}】" if codes else ""

    for section in roadmap.sections:
        add(section.chapter or "")
        add(f"({section.number}){section.title}")
        for paragraph in section.vision:
            add(paragraph.text)
        for goal in section.goals:
            add(goal.text)
        for indicator in section.indicators:
            add(indicator.text + ("(再掲)" if indicator.repost else ""))
            add("".join(indicator.details))
        for sub in section.subsections:
            add(f"{sub.number}{sub.title}")
            for ini in sub.initiatives:
                add(ini.text + ("(再掲)" if ini.repost else "") + tags(ini.ministries))
                for note in ini.status_notes:
                    add(note.text)
                for action in ini.actions:
                    add(action.text + ("(再掲)" if action.repost else "") + tags(action.ministries))
    for footnote in roadmap.footnotes.values():
        add(f"{footnote.number}{footnote.text}")
    for warning in roadmap.warnings:
        add(warning.text)
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
