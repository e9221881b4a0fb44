"""The reader: one pass over the classified lines, a state machine whose state is a `Block`.

The reader turns lines into drafts (a `Document`): sections with their vision paragraphs,
goals, indicator lines and subsections; the rows of each subsection as cell fragments, one
per source line, with a row broken over a page continued by the lines that follow it; the
footnotes. Building model objects from the drafts is `parsing._assemble`'s work.

States and transitions (all in `Reader.step`):

| line kind | transition |
|---|---|
| section | close the row; open a section; state OUTSIDE |
| subsection | close the row; open a subsection; state TABLE |
| block heading | close the row; state VISION, GOALS, KEY or REFERENCE |
| chapter (state OUTSIDE or TABLE) | close the row; extend or open the chapter heading; state OUTSIDE |
| table header | state TABLE (the open row stays open: a header repeated on a new page) |
| row | close the row; open a row; state TABLE |
| continuation | continue the open row (or open an orphan one); state TABLE |
| untabbed row (state TABLE) | as a row or continuation of one cell |
| footnote | open a footnote |
| note | continue the footnote before it (else: text) |
| blank, page number, separator | nothing (page furniture) |
| anything else | text of the open block: a paragraph, a goal, an indicator line |

A footnote continues over notes (※), blank lines and page numbers; any other line ends it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from stpmodel._text import (
    CONTROL_CHARS,
    MAX_MARK_DIGITS,
    normalize_space,
    superscript,
    superscript_number,
)
from stpmodel.errors import ParseWarning, WarningCode
from stpmodel.model import IndicatorKind
from stpmodel.parsing._cells import Fragment
from stpmodel.parsing._lines import CIRCLED, Line, LineKind, Topic, names_document
from stpmodel.parsing._markup import strip_markup
from stpmodel.parsing._tokens import INITIATIVE_START, OPEN_TAG, UNDERLINE_CLOSE, UNDERLINE_OPEN

__all__ = [
    "COLUMNS",
    "Block",
    "Document",
    "FootnoteDraft",
    "IndicatorDraft",
    "Reader",
    "RowDraft",
    "SectionDraft",
    "SubsectionDraft",
    "read_lines",
]

COLUMNS = 3
"""Cells in a row: 基本計画における具体的な取組, 実施状況・現状分析, 今後の取組方針."""


class Block(enum.Enum):
    """The reader's state: which block of the document the lines belong to."""

    OUTSIDE = "outside"  # before any block heading, or after a chapter heading
    VISION = "vision"
    GOALS = "goals"
    KEY = "key"
    REFERENCE = "reference"
    TABLE = "table"


_OPENS = {
    Topic.VISION: Block.VISION,
    Topic.GOALS: Block.GOALS,
    Topic.KEY_INDICATORS: Block.KEY,
    Topic.REFERENCE_INDICATORS: Block.REFERENCE,
}


# -- drafts: mutable while reading, turned into model objects by the assembler -------------
@attrs.define
class RowDraft:
    """A table row: the fragments of each cell, one per line it was printed on."""

    cells: list[list[Fragment]]
    lines: list[int]
    marked: bool  # begins with ○


@attrs.define
class IndicatorDraft:
    """An indicator's line and the detail lines under it."""

    kind: IndicatorKind
    text: str
    line: int
    column: int
    details: list[tuple[str, int]] = attrs.field(factory=list)


@attrs.define
class SubsectionDraft:
    """A subsection heading and its rows."""

    number: int
    title: str
    line: int
    rows: list[RowDraft] = attrs.field(factory=list)


@attrs.define
class SectionDraft:
    """A section heading and what stands under it."""

    number: int
    title: str
    line: int
    chapter: str | None
    vision: list[tuple[str, int]] = attrs.field(factory=list)
    goals: list[tuple[list[str], list[int]]] = attrs.field(factory=list)
    indicators: list[IndicatorDraft] = attrs.field(factory=list)
    subsections: list[SubsectionDraft] = attrs.field(factory=list)


@attrs.define
class FootnoteDraft:
    """A footnote's text and its ※ notes, line by line."""

    number: int
    parts: list[str]
    lines: list[int]


@attrs.define
class Document:
    """What the reader found: the drafts, the title line and the problems met."""

    sections: list[SectionDraft]
    footnotes: dict[int, FootnoteDraft]
    title: str | None
    warnings: list[ParseWarning]
    lines: list[Line]


def _cell_columns(raw: str) -> list[int]:
    """The 1-based column where each tab-separated cell of `raw` begins."""
    columns = [1]
    tab = raw.find("\t")
    while tab >= 0:
        columns.append(tab + 2)
        tab = raw.find("\t", tab + 1)
    return columns


@attrs.define
class Reader:
    """One pass over the lines; collects drafts and warnings."""

    source: str
    warnings: list[ParseWarning] = attrs.field(factory=list)
    sections: list[SectionDraft] = attrs.field(factory=list)
    footnotes: dict[int, FootnoteDraft] = attrs.field(factory=dict)
    block: Block = Block.OUTSIDE
    row: RowDraft | None = None
    chapter: str | None = None
    chapter_open: bool = False
    last_footnote: FootnoteDraft | None = None
    title: str | None = None  # the document's title line, printed before everything else

    def warn(
        self,
        line: Line,
        code: WarningCode,
        message: str,
        text: str = "",
        *,
        column: int | None = None,
        end_column: int | None = None,
    ) -> None:
        """Record a problem of `line`; the column defaults to where `text` stands in
        the line (its first non-blank character when `text` is not found there)."""
        if column is None:
            found = line.raw.find(text) if text else -1
            column = found + 1 if found >= 0 else line.indent
            if end_column is None and found >= 0:
                end_column = column + len(text)
        self.warnings.append(
            ParseWarning(
                source=self.source,
                line=line.number,
                column=column,
                end_column=column if end_column is None else end_column,
                code=code,
                message=message,
                text=text,
            )
        )

    @property
    def section(self) -> SectionDraft | None:
        """The open section."""
        return self.sections[-1] if self.sections else None

    def read(self, lines: Iterable[Line]) -> None:
        """Read every line, then close the last row."""
        for line in lines:
            self.check(line)
            self.step(line)
        self.close_row()

    # -- the transitions ---------------------------------------------------------------------
    def step(self, line: Line) -> None:
        """Take one line: every transition of the state machine is here."""
        kind = line.kind
        if kind not in (LineKind.BLANK, LineKind.PAGE_NUMBER, LineKind.NOTE):
            self.last_footnote = None
        match kind:
            case LineKind.BLANK | LineKind.PAGE_NUMBER | LineKind.SEPARATOR:
                pass  # page furniture
            case LineKind.TABLE_HEADER:
                # a header row repeated at the top of a page does not end the open row
                self.block = Block.TABLE
                if self.section is not None and not self.section.subsections:
                    self.section.subsections.append(SubsectionDraft(1, "", line.number))
            case LineKind.ROW | LineKind.CONTINUATION:
                self.table_row(line)
            case LineKind.FOOTNOTE:
                self.footnote(line)
            case LineKind.NOTE if self.last_footnote is not None:
                self.last_footnote.parts.append(line.text)
                self.last_footnote.lines.append(line.number)
            case LineKind.SECTION:
                self.close_row()
                self.sections.append(
                    SectionDraft(int(line.number_text), line.title, line.number, self.chapter)
                )
                self.chapter_open = False
                self.block = Block.OUTSIDE
            case LineKind.SUBSECTION:
                self.close_row()
                self.open_subsection(line)
                self.block = Block.TABLE
            case LineKind.BLOCK_HEADING:
                assert line.topic is not None
                self.close_row()
                self.block = _OPENS[line.topic]
                if self.section is None:
                    self.warn(
                        line,
                        WarningCode.OUTSIDE_SECTION,
                        "block heading before any section heading",
                        line.text,
                        column=line.indent,
                        end_column=len(line.raw) + 1,
                    )
            case LineKind.CHAPTER if self.block in (Block.OUTSIDE, Block.TABLE):
                self.close_row()
                # consecutive heading lines (第２章 …, ２．…) make one chapter heading, which
                # holds for every section until the next one
                opened = self.chapter_open and self.chapter
                self.chapter = f"{self.chapter}\n{line.text}" if opened else line.text
                self.chapter_open = True
                self.block = Block.OUTSIDE
            case LineKind.UNTABBED_ROW if self.block is Block.TABLE:
                self.warn(
                    line,
                    WarningCode.BAD_ROW,
                    f"row has 1 cell, expected {COLUMNS} (no tabs)",
                    column=1,
                    end_column=len(line.raw) + 1,
                )
                self.row_cells(line, [line.raw])
            case _:
                self.content(line)

    # -- the actions --------------------------------------------------------------------------
    def check(self, line: Line) -> None:
        """Problems a line has wherever it stands: control characters, open markup."""
        if CONTROL_CHARS.search(line.raw):
            self.control_characters(line)
        if "<" in line.raw:
            self.check_markup(line)

    def control_characters(self, line: Line) -> None:
        """Report the control characters of a line: they stay in the text, as the source
        has them, but most writers (XML, ICS, the terminal) cannot carry them as they are."""
        found = [(m.start(), m.group(0)) for m in CONTROL_CHARS.finditer(line.raw)]
        column, char = found[0]
        more = f" and {len(found) - 1:,} more" if len(found) > 1 else ""
        self.warn(
            line,
            WarningCode.CONTROL_CHARACTER,
            f"control character U+{ord(char):04X} at column {column + 1}{more} "
            "(kept in the text as the source has it)",
            "".join(c for _, c in found),
            column=column + 1,
            end_column=found[-1][0] + 2,
        )

    def check_markup(self, line: Line) -> None:
        """Report a `<tag` with no `>` and a cell whose `<u>` are not all closed."""
        for m in OPEN_TAG.finditer(line.raw):
            self.warn(
                line,
                WarningCode.UNCLOSED_MARKUP,
                f"markup does not close: {m.group(0)[:30]!r} (expected '>')",
                m.group(0)[:30],
                column=m.start() + 1,
                end_column=m.end() + 1,
            )
        for column, cell in zip(_cell_columns(line.raw), line.raw.split("\t"), strict=True):
            if "<u" not in cell and "<U" not in cell and "</" not in cell:
                continue  # no underline opens or closes here
            opened, closed = len(UNDERLINE_OPEN.findall(cell)), len(UNDERLINE_CLOSE.findall(cell))
            if opened != closed:
                self.warn(
                    line,
                    WarningCode.UNCLOSED_MARKUP,
                    f"underline does not close: {opened} <u> but {closed} </u> in a cell",
                    normalize_space(strip_markup(cell))[:30],
                    column=column,
                    end_column=column + len(cell),
                )

    def content(self, line: Line) -> None:
        """A line of text: a paragraph, a goal or an indicator line of the open block."""
        section = self.section
        text, number = line.text, line.number
        if section is None:
            if self.title is None and self.chapter is None and names_document(text):
                self.title = text  # "統合イノベーション戦略2024 工程表"
                return
            self.warn(
                line,
                WarningCode.OUTSIDE_SECTION,
                "text before the first section heading (…)",
                text,
                column=line.indent,
                end_column=len(line.raw) + 1,
            )
        elif self.block is Block.VISION:
            section.vision.append((text, number))
        elif self.block is Block.GOALS:
            if line.bullet or not section.goals:
                section.goals.append(([line.body], [number]))
            else:
                parts, lines = section.goals[-1]
                parts.append(text)
                lines.append(number)
        elif self.block in (Block.KEY, Block.REFERENCE):
            if line.bullet or not section.indicators:
                kind = IndicatorKind.KEY if self.block is Block.KEY else IndicatorKind.REFERENCE
                section.indicators.append(IndicatorDraft(kind, line.body, number, line.indent))
            else:
                section.indicators[-1].details.append((text, number))
        else:
            where = (
                "between table rows that is no row, footnote or heading"
                if self.block is Block.TABLE
                else "outside any block (expected a 【…】 heading first)"
            )
            self.warn(
                line,
                WarningCode.STRAY_TEXT,
                f"text {where}",
                text,
                column=line.indent,
                end_column=len(line.raw) + 1,
            )

    def footnote(self, line: Line) -> None:
        """Open footnote `⁹⁴`; one defined twice keeps the later text (the earlier goes
        into the warning)."""
        if len(line.mark) > MAX_MARK_DIGITS:
            self.warn(
                line,
                WarningCode.BAD_FOOTNOTE,
                f"a footnote number of {len(line.mark):,} digits "
                f"(expected at most {MAX_MARK_DIGITS}); the line is kept here",
                line.text,
                column=line.indent,
                end_column=line.indent + len(line.mark),
            )
            return
        mark = superscript_number(line.mark)
        if mark in self.footnotes:
            earlier = self.footnotes[mark]
            self.warn(
                line,
                WarningCode.DUPLICATE_FOOTNOTE,
                f"footnote {mark} is defined again (first on line {earlier.lines[0]}); "
                "the later one is kept",
                # the earlier definition goes into the warning: it is not lost
                superscript(mark) + " " + "\n".join(earlier.parts),
                column=line.indent,
                end_column=line.indent + len(line.mark),
            )
        self.footnotes[mark] = FootnoteDraft(mark, [line.title], [line.number])
        self.last_footnote = self.footnotes[mark]

    def open_subsection(self, line: Line) -> None:
        """Open subsection `①`; before any section heading it opens an empty section."""
        if self.section is None:
            self.warn(
                line,
                WarningCode.OUTSIDE_SECTION,
                "subsection heading before any section heading",
                line.title,
            )
            self.sections.append(SectionDraft(0, "", line.number, self.chapter))
            self.chapter_open = False
        assert self.section is not None
        number = CIRCLED.index(line.number_text) + 1
        self.section.subsections.append(SubsectionDraft(number, line.title, line.number))

    def close_row(self) -> None:
        """The open row is complete: it joins the open subsection."""
        if self.row is not None and self.section and self.section.subsections:
            self.section.subsections[-1].rows.append(self.row)
        self.row = None

    def table_row(self, line: Line) -> None:
        """A row or a continuation: its cells join the open row (or open a new one)."""
        if self.block is not Block.TABLE and self.section is not None and self.section.subsections:
            self.block = Block.TABLE
        if len(line.cells) != COLUMNS:
            self.warn(
                line,
                WarningCode.BAD_ROW,
                f"row has {len(line.cells)} cells, expected {COLUMNS}",
                "",  # the cells themselves go into the row
                column=1,
                end_column=len(line.raw) + 1,
            )
        self.row_cells(line, list(line.cells))

    def row_cells(self, line: Line, cells: list[str]) -> None:
        """Add one line's cells to the open row, or open a row when the first begins
        with ○."""
        columns = _cell_columns(line.raw)
        if len(cells) > COLUMNS:
            cells = [*cells[: COLUMNS - 1], " ".join(cells[COLUMNS - 1 :])]
        cells = cells + [""] * (COLUMNS - len(cells))
        section = self.section
        if section is None:
            self.warn(
                line,
                WarningCode.OUTSIDE_SECTION,
                "table row before any section heading",
                normalize_space(strip_markup(" ".join(cells))),
                column=1,
                end_column=len(line.raw) + 1,
            )
            return
        if not section.subsections:
            section.subsections.append(SubsectionDraft(1, "", line.number))
        self.block = Block.TABLE
        # a tabbed line was classified already; a row printed without tabs is one cell
        marked = (
            line.kind is LineKind.ROW
            if line.cells
            else bool(INITIATIVE_START.match(strip_markup(cells[0])))
        )
        if marked:
            self.close_row()
            self.row = RowDraft([[] for _ in range(COLUMNS)], [], marked=True)
        elif self.row is None:
            self.warn(
                line,
                WarningCode.ORPHAN_CONTINUATION,
                "row continues nothing: its first cell does not begin a new initiative (○) "
                "and no row stands before it",
                normalize_space(strip_markup(cells[0]))[:60],
                column=1,
                end_column=columns[1] if len(columns) > 1 else len(line.raw) + 1,
            )
            self.row = RowDraft([[] for _ in range(COLUMNS)], [], marked=False)
        self.row.lines.append(line.number)
        for index, cell in enumerate(cells):
            if cell.strip():
                column = columns[index] if index < len(columns) else 1
                self.row.cells[index].append(Fragment(cell, line.number, column))


def read_lines(lines: list[Line], *, source: str) -> Document:
    """Read classified lines into a [Document][stpmodel.parsing._reader.Document]."""
    reader = Reader(source=source)
    reader.read(lines)
    return Document(
        sections=reader.sections,
        footnotes=reader.footnotes,
        title=reader.title,
        warnings=reader.warnings,
        lines=lines,
    )
