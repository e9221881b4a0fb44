"""Errors and parse warnings.

Every exception stpmodel raises on purpose derives from [StpError][stpmodel.StpError], and
each subclass also derives from the builtin a caller would expect (`ValueError` for bad
input, `KeyError` for an unknown ID, `ImportError` for a missing optional extra), so
`except ValueError` keeps working for code that does not know this library.

A [ParseWarning][stpmodel.ParseWarning] is not an exception but a record: the parser
collects them on `Roadmap.warnings` in the default mode and raises one
[ParseError][stpmodel.ParseError] carrying all of them in strict mode. What each warning
means is its [WarningCode][stpmodel.errors.WarningCode].
"""

from __future__ import annotations

import enum
from collections.abc import Sequence

import attrs

from stpmodel._shown import Shown, View, attributes

__all__ = [
    "ArgumentTypeError",
    "LoadError",
    "MissingExtraError",
    "ParseError",
    "ParseWarning",
    "StpError",
    "UnknownIdError",
    "WarningCode",
    "WriteError",
]


class StpError(Exception):
    """Base class of every error raised by stpmodel."""


class WarningCode(enum.StrEnum):
    """What a [ParseWarning][stpmodel.ParseWarning] is about: a stable, machine-readable key.

    The members compare equal to their values (`WarningCode.BAD_ROW == "bad-row"`).
    docs/parsing.md lists every one with when it is raised.
    """

    BAD_ROW = "bad-row"
    ORPHAN_CONTINUATION = "orphan-continuation"
    UNKNOWN_MINISTRY = "unknown-ministry"
    UNTERMINATED_TAG = "unterminated-tag"
    BAD_TAG = "bad-tag"
    MISSING_TAG = "missing-tag"
    STRAY_TAG = "stray-tag"
    EMPTY_CELL = "empty-cell"
    NO_ACTIONS = "no-actions"
    UNCLOSED_MARKUP = "unclosed-markup"
    STRAY_TEXT = "stray-text"
    OUTSIDE_SECTION = "outside-section"
    BAD_DATE = "bad-date"
    UNDEFINED_FOOTNOTE = "undefined-footnote"
    DUPLICATE_FOOTNOTE = "duplicate-footnote"
    BAD_FOOTNOTE = "bad-footnote"
    DUPLICATE_ID = "duplicate-id"
    CONTROL_CHARACTER = "control-character"
    UNRESOLVED_PHASE = "unresolved-phase"
    BAD_NUMBER = "bad-number"


@attrs.frozen(kw_only=True)
class ParseWarning(Shown):
    """A problem the parser met and worked around (警告).

    Attributes:
        source: The file name (or `"<string>"`).
        line: The 1-based line number.
        column: The 1-based column (in characters) where the offending text begins on
            that line. The parser always gives it; 0 only in warnings loaded from JSON
            written before warnings had columns.
        end_column: The column just after it, so that `raw[column - 1 : end_column - 1]`
            is the span; equal to `column` where the problem has no extent (a missing tag
            is reported where its item begins).
        code: What the problem is.
        message: A sentence for people.
        text: The offending source text, kept so that nothing the parser could not place
            is lost.
    """

    source: str
    line: int
    code: WarningCode
    message: str
    text: str = ""
    column: int = 0
    end_column: int = 0

    @property
    def span(self) -> tuple[int, int]:
        """`(column, end_column)`."""
        return (self.column, self.end_column)

    @property
    def location(self) -> str:
        """`file:line:column` (`file:line` where the column is unknown, 0)."""
        where = f"{self.source}:{self.line}"
        return f"{where}:{self.column}" if self.column else where

    def __str__(self) -> str:
        """`file:line:column: message`, the form compilers use, which editors and
        terminals turn into a link to the place."""
        return f"{self.location}: {self.message}"

    _views = (View("warning", attributes()),)


class ParseError(StpError, ValueError):
    """The input could not be read as a roadmap.

    Attributes:
        source: The file name.
        line: The 1-based line (0 where the problem is the file as a whole).
        text: The offending text.
        problems: In strict mode, every problem found, at once.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str = "<string>",
        line: int = 0,
        text: str = "",
        problems: Sequence[ParseWarning] = (),
    ) -> None:
        self.source = source
        self.line = line
        self.text = text
        self.problems = tuple(problems)
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")

    @classmethod
    def from_warnings(cls, source: str, problems: Sequence[ParseWarning]) -> ParseError:
        """One error that reports every problem (strict mode)."""
        first = problems[0]
        lines = "\n".join(f"  {p}" for p in problems)
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        return cls(
            f"{count} {noun} in strict mode:\n{lines}",
            source=source,
            line=first.line,
            text=first.text,
            problems=problems,
        )


class LoadError(StpError, ValueError):
    """Serialised data (JSON) does not describe a valid roadmap; `path` says where.

    `problems` lists every problem found as `(path, message)` pairs, paths in JSONPath
    (`$.sections[0].number`); `path` is the first one's, and the message (one line)
    names the first and up to ten more.
    """

    def __init__(
        self, message: str, *, path: str = "$", problems: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.path = path
        self.problems: tuple[tuple[str, str], ...] = tuple(problems) or ((path, message),)
        more = self.problems[1:]
        if more:  # one line, as before: "first (and 2 more: second @ $.b; third @ $.c) @ $.a"
            shown = "; ".join(f"{m} @ {p}" for p, m in more[:10])
            message += f" (and {len(more)} more: {shown}{'; …' if len(more) > 10 else ''})"
        super().__init__(f"{message} @ {path}")


class UnknownIdError(StpError, KeyError):
    """No object of the roadmap has this ID, or no ministry or program has this name.

    `what` says what was looked for (`"ministry"`, `"program"`; `"object"` for an ID) and
    `matches` lists the close matches, as `"文 (文部科学省, MEXT)"`, best first.
    """

    def __init__(self, ident: str, *, what: str = "object", matches: Sequence[str] = ()) -> None:
        self.ident = ident
        self.what = what
        self.matches = tuple(matches)
        super().__init__(ident)

    def __str__(self) -> str:
        # a name pasted by mistake (a whole paragraph) is echoed by its start only
        shown = self.ident if len(self.ident) <= 80 else self.ident[:79] + "…"
        if self.what == "object":
            head = f"no object with ID {shown!r}"
        else:
            head = f"unknown {self.what} {shown!r}"
        if self.matches:
            return f"{head}; close matches: {'; '.join(self.matches)}"
        return head


class ArgumentTypeError(StpError, TypeError):
    """An argument of the wrong type, such as `from_year="2025"`: names the argument."""

    def __init__(self, argument: str, expected: str, value: object) -> None:
        self.argument = argument
        super().__init__(f"{argument} must be {expected}, not {type(value).__name__} {value!r}")


class MissingExtraError(StpError, ImportError):
    """An optional integration was used without its extra installed."""

    def __init__(self, feature: str, extra: str, module: str) -> None:
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional package {module!r}: pip install 'stpmodel[{extra}]'",
            name=module,
        )


class WriteError(StpError, OSError):
    """A file could not be written, or was not, to keep what is there.

    Raised for an existing target written without `overwrite=True`, a symbolic link or
    something other than a regular file at the target, and every operating-system error
    (missing folder, no permission, disk full …). `path` names the target and `reason`
    says why, as in `cannot write out.json: it exists (overwrite=True replaces it)`.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"
