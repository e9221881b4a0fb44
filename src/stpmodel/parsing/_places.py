"""Where the objects of the model stand in the source, and the problems reported there.

The assembler (`parsing._assemble`) reports each problem it meets at the text it concerns:
the first of the object's lines where that text stands, with its column span, else where
the object begins.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from stpmodel.errors import ParseWarning, WarningCode
from stpmodel.model import SourceSpan
from stpmodel.parsing._cells import Joined
from stpmodel.parsing._reader import Document

__all__ = ["Place", "Placer"]


class Place(NamedTuple):
    """Where an object's text stands in the source: its lines, and the line and column
    where it begins (a named tuple: one per item)."""

    lines: tuple[int, ...]
    line: int
    column: int


@attrs.define
class Placer:
    """Places objects in the source of `document` and reports problems there."""

    source: str
    document: Document
    spans: dict[tuple[int, ...], SourceSpan] = attrs.field(factory=dict, init=False)

    def warn(
        self,
        place: Place,
        code: WarningCode,
        message: str,
        text: str = "",
        *,
        after: tuple[int, int] | None = None,
    ) -> tuple[int, int]:
        """Report a problem of the object at `place`: at the first of its lines where
        `text` stands (the exact span), else where the object begins. With `after`, a
        `(line, column)` the search starts from (the end of the problem reported before,
        so that the second of two equal texts is found second). Returns the `(line,
        end_column)` of the span reported."""
        raws = self.document.lines
        line, column, end = place.line, place.column, place.column
        for number in place.lines:
            if after is not None and number < after[0]:
                continue
            raw = raws[number - 1].raw if 0 < number <= len(raws) else ""
            start_at = place.column - 1 if number == place.line else 0
            if after is not None and number == after[0]:
                start_at = max(start_at, after[1] - 1)
            start = raw.find(text, start_at) if text else -1
            if start >= 0:
                line, column, end = number, start + 1, start + 1 + len(text)
                break
        self.document.warnings.append(
            ParseWarning(
                source=self.source,
                line=line,
                column=column,
                end_column=end,
                code=code,
                message=message,
                text=text,
            )
        )
        return (line, end)

    def place(self, lines: tuple[int, ...] | list[int], column: int = 0) -> Place:
        """The place of an object printed on `lines` (its text from `column`, or from
        the first non-blank character of its first line)."""
        first = lines[0]
        if column <= 0:
            raws = self.document.lines
            column = raws[first - 1].indent if 0 < first <= len(raws) else 1
        return Place(tuple(lines), first, column)

    def item_place(
        self,
        joined: Joined,
        start: int,
        end: int,
        fallback: int,
        lines: tuple[int, ...] | None = None,
    ) -> Place:
        """The place of the item `joined.text[start:end]` (whose `lines` the caller may
        have found already)."""
        if lines is None:
            lines = joined.lines_of(start, end) or (fallback,)
        raw = joined.text[start:end]
        line, column = joined.locate(start + len(raw) - len(raw.lstrip()))
        if line not in lines:
            return self.place(lines)
        return Place(lines, line, column)

    def span(self, lines: list[int] | tuple[int, ...]) -> SourceSpan:
        """The source span of an object printed on ``lines``: one object for each set of
        lines, shared by every object printed there (the items of a row on one line)."""
        key = tuple(lines)
        if (span := self.spans.get(key)) is None:
            span = self.spans[key] = SourceSpan(source=self.source, lines=tuple(sorted(set(key))))
        return span
