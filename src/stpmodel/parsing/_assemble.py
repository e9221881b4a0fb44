"""The line-by-line reader of a 工程表 and the assembly of the Roadmap.

The reader walks the lines once. Headings open sections (``(6) …``), subsections
(``① …``) and blocks (``【目標】`` …); list items and plain lines fill the open block;
tab-separated lines are table rows. A row whose first cell does not open a new ○ initiative
continues the row before it cell by cell (the PDF broke it over a page), whatever footnote
blocks, blank lines or separators stand in between. Rows are turned into initiatives only
when the next row, heading or the end of the text shows they are complete.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

import attrs

from stpmodel._text import (
    CONTROL_CHARS,
    FULLWIDTH_DIGITS,
    MAX_MARK_DIGITS,
    SUPERSCRIPT_DIGITS,
    footnote_marks,
    normalize_space,
    overlong_marks,
    superscript,
    superscript_number,
)
from stpmodel.dates import DateMention, scan
from stpmodel.errors import ParseError, ParseWarning
from stpmodel.model import (
    Action,
    Footnote,
    Goal,
    Indicator,
    IndicatorKind,
    Initiative,
    Ministry,
    MinistryKind,
    MinistryRef,
    Paragraph,
    Program,
    Section,
    SourceSpan,
    StatusNote,
    Subsection,
)
from stpmodel.parsing._cells import (
    REPOST as _REPOST,
)
from stpmodel.parsing._cells import (
    Fragment,
    Item,
    join_fragments,
    parse_codes,
    split_items,
    take_tags,
)
from stpmodel.parsing._indicators import observations, split_name
from stpmodel.parsing._markup import BULLET_CHARS, strip_inline, strip_markup
from stpmodel.parsing._reader import split_lines
from stpmodel.registry import ProgramMatcher, default_ministries, default_programs, program_key
from stpmodel.roadmap import Roadmap, SourceInfo

__all__ = ["COLUMNS", "PAGE_NUMBER", "assemble"]

COLUMNS = 3
"""Cells in a row: 基本計画における具体的な取組, 実施状況・現状分析, 今後の取組方針."""

_SECTION = re.compile(r"^\s*[(（]\s*([0-9０-９]{1,3})\s*[)）]\s*(\S.*)$")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_SUBSECTION = re.compile(rf"^\s*([{_CIRCLED}])\s*(\S.*)$")
_CHAPTER = re.compile(
    r"^\s*(?:([0-9０-９]{1,2})\s*[.．]\s*(\D\S.*)|第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*章\s*(.*))$"
)
_BLOCK = re.compile(r"^\s*【([^【】]{1,60})】\s*(.{0,60})$")
_FOOTNOTE = re.compile(rf"^\s*([{SUPERSCRIPT_DIGITS}]+)\s*(.*)$")
_NOTE_CONT = re.compile(r"^\s*※")
# the document's name with its year (統合イノベーション戦略2024); a line that begins with it
# before everything else is the title
_TITLE = re.compile(
    r"(統合イノベーション戦略|科学技術・イノベーション基本計画)\s*([0-9０-９]{4})(?![0-9０-９])"
)
_STRAY_TAG = re.compile(r"【([^【】]{1,60})】")
_LIST_ITEM = re.compile(rf"^\s*(?:[-*+]\s+)?[{BULLET_CHARS}]\s*(.*)$")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")
# each run of white space can be matched one way only (a dash must stand between two
# runs), so a long line of spaces is tried once, not once per split of the run
PAGE_NUMBER = re.compile(r"^\s*(?:[-－―–—]\s*)?[0-9０-９]{1,4}\s*(?:[-－―–—]\s*)?$")
"""A line holding only a page number, as PDF extraction leaves it: ``12``, ``- 12 -``."""
_INITIATIVE_MARK = re.compile(r"^\s*[○◯〇]")
_OPEN_TAG = re.compile(r"<(?=[A-Za-z/])[^<>\t]{0,200}(?=<|\t|$)")
_U_OPEN = re.compile(r"<u\b[^<>]{0,100}>", re.IGNORECASE)
_U_CLOSE = re.compile(r"</u\s*>", re.IGNORECASE)
_LEADING_MARK = re.compile(r"^((?:\s|<[^<>]{0,500}>)*)[○◯〇]")
_PHASE = re.compile(r"第[0-9]+期|目標[0-9]+")


def _block_kind(label: str) -> str | None:
    if "あるべき姿" in label:
        return "vision"
    if "主要指標" in label or "数値目標" in label:
        return "key"
    if "参考指標" in label or "現状データ" in label:
        return "reference"
    if "目標" in label:
        return "goals"
    return None


def _is_header(cells: list[str]) -> bool:
    clean = [strip_markup(c).strip() for c in cells]
    return "具体的な取組" in clean[0] or (
        any("実施状況" in c for c in clean) and any("取組方針" in c for c in clean)
    )


# -- builders: mutable while reading, frozen at the end ---------------------------------
@attrs.define
class _Row:
    cells: list[list[Fragment]]
    lines: list[int]
    marked: bool  # begins with ○


@attrs.define
class _IndicatorB:
    kind: IndicatorKind
    text: str
    line: int
    details: list[tuple[str, int]] = attrs.field(factory=list)


@attrs.define
class _SubsectionB:
    number: int
    title: str
    line: int
    rows: list[_Row] = attrs.field(factory=list)


@attrs.define
class _SectionB:
    number: int
    title: str
    line: int
    chapter: str | None
    vision: list[tuple[str, int]] = attrs.field(factory=list)
    goals: list[tuple[str, list[int]]] = attrs.field(factory=list)
    indicators: list[_IndicatorB] = attrs.field(factory=list)
    subsections: list[_SubsectionB] = attrs.field(factory=list)


@attrs.define
class _FootnoteB:
    number: int
    parts: list[str]
    lines: list[int]


@attrs.define
class _Reader:
    """One pass over the lines; collects builders and warnings."""

    source: str
    warnings: list[ParseWarning] = attrs.field(factory=list)
    sections: list[_SectionB] = attrs.field(factory=list)
    footnotes: dict[int, _FootnoteB] = attrs.field(factory=dict)
    block: str | None = None
    row: _Row | None = None
    chapter: str | None = None
    chapter_open: bool = False
    last_footnote: _FootnoteB | None = None
    title: str | None = None  # the document's title line, printed before everything else

    def warn(self, line: int, code: str, message: str, text: str = "") -> None:
        self.warnings.append(
            ParseWarning(source=self.source, line=line, code=code, message=message, text=text)
        )

    @property
    def section(self) -> _SectionB | None:
        return self.sections[-1] if self.sections else None

    def close_row(self) -> None:
        if self.row is not None and self.section and self.section.subsections:
            self.section.subsections[-1].rows.append(self.row)
        self.row = None

    # -- dispatch ----------------------------------------------------------------------
    def read(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, start=1):
            if CONTROL_CHARS.search(raw):
                self.control_characters(number, raw)
            if not raw.strip() or PAGE_NUMBER.match(raw):
                continue  # blank lines and page numbers (“- 12 -”) are page furniture
            if "<" in raw:
                self.check_markup(number, raw)
            if "\t" in raw:
                self.last_footnote = None
                self.table_line(number, raw)
            else:
                self.text_line(number, raw)
        self.close_row()

    def control_characters(self, number: int, raw: str) -> None:
        """Report the control characters of a line: they stay in the text, as the source
        has them, but most writers (XML, ICS, the terminal) cannot carry them as they are."""
        found = [(m.start(), m.group(0)) for m in CONTROL_CHARS.finditer(raw)]
        column, char = found[0]
        more = f" and {len(found) - 1:,} more" if len(found) > 1 else ""
        self.warn(
            number,
            "control-character",
            f"control character U+{ord(char):04X} at column {column + 1}{more} "
            "(kept in the text as the source has it)",
            "".join(c for _, c in found),
        )

    def check_markup(self, number: int, raw: str) -> None:
        for m in _OPEN_TAG.finditer(raw):
            self.warn(
                number,
                "unclosed-markup",
                f"markup does not close: {m.group(0)[:30]!r} (expected '>')",
                m.group(0)[:30],
            )
        for cell in raw.split("\t"):
            opened, closed = len(_U_OPEN.findall(cell)), len(_U_CLOSE.findall(cell))
            if opened != closed:
                self.warn(
                    number,
                    "unclosed-markup",
                    f"underline does not close: {opened} <u> but {closed} </u> in a cell",
                    normalize_space(strip_markup(cell))[:30],
                )

    def text_line(self, number: int, raw: str) -> None:
        text = normalize_space(strip_markup(raw))
        if not text:
            return
        if not _NOTE_CONT.match(text):
            self.last_footnote = None
        if (m := _FOOTNOTE.match(text)) and len(m.group(1)) > MAX_MARK_DIGITS:
            self.last_footnote = None
            self.warn(
                number,
                "bad-footnote",
                f"a footnote number of {len(m.group(1)):,} digits "
                f"(expected at most {MAX_MARK_DIGITS}); the line is kept here",
                text,
            )
        elif m:
            self.footnote(number, superscript_number(m.group(1)), m.group(2))
        elif _NOTE_CONT.match(text):
            self.note_continuation(number, text)
        elif m := _SECTION.match(text):
            self.close_row()
            self.open_section(number, int(m.group(1).translate(FULLWIDTH_DIGITS)), m.group(2))
        elif m := _SUBSECTION.match(text):
            self.close_row()
            self.open_subsection(number, _CIRCLED.index(m.group(1)) + 1, m.group(2))
        elif (m := _BLOCK.match(text)) and _block_kind(m.group(1)) is not None:
            self.close_row()
            self.block = _block_kind(m.group(1))
            if self.section is None:
                self.warn(
                    number, "outside-section", "block heading before any section heading", text
                )
        elif _CHAPTER.match(text) and self.block in (None, "table"):
            self.close_row()
            # consecutive heading lines (第２章 …, ２．…) make one chapter heading, which
            # holds for every section until the next one
            self.chapter = f"{self.chapter}\n{text}" if self.chapter_open and self.chapter else text
            self.chapter_open = True
            self.block = None
        elif self.block == "table" and (
            _INITIATIVE_MARK.match(text) or raw.lstrip().startswith("<")
        ):
            self.warn(number, "bad-row", f"row has 1 cell, expected {COLUMNS} (no tabs)", "")
            self.row_cells(number, [raw])
        else:
            self.content(number, text)

    def content(self, number: int, text: str) -> None:
        section = self.section
        item = _LIST_ITEM.match(text)
        body = item.group(1) if item else text
        if section is None:
            if self.title is None and self.chapter is None and _TITLE.match(text):
                self.title = text  # "統合イノベーション戦略2024 工程表"
                return
            self.warn(number, "outside-section", "text before the first section heading (…)", text)
        elif self.block == "vision":
            section.vision.append((text, number))
        elif self.block == "goals":
            if item or not section.goals:
                section.goals.append((body, [number]))
            else:
                goal_text, goal_lines = section.goals[-1]
                section.goals[-1] = (goal_text + text, [*goal_lines, number])
        elif self.block in ("key", "reference"):
            if item or not section.indicators:
                kind = IndicatorKind.KEY if self.block == "key" else IndicatorKind.REFERENCE
                section.indicators.append(_IndicatorB(kind, body, number))
            else:
                section.indicators[-1].details.append((text, number))
        elif self.block == "table":
            self.warn(
                number,
                "stray-text",
                "text between table rows that is no row, footnote or heading",
                text,
            )
        else:
            self.warn(
                number,
                "stray-text",
                "text outside any block (expected a 【…】 heading first)",
                text,
            )

    def footnote(self, number: int, mark: int, text: str) -> None:
        if mark in self.footnotes:
            earlier = self.footnotes[mark]
            self.warn(
                number,
                "duplicate-footnote",
                f"footnote {mark} is defined again (first on line {earlier.lines[0]}); "
                "the later one is kept",
                # the earlier definition goes into the warning: it is not lost
                superscript(mark) + " " + "\n".join(earlier.parts),
            )
        self.footnotes[mark] = _FootnoteB(mark, [text], [number])
        self.last_footnote = self.footnotes[mark]

    def note_continuation(self, number: int, text: str) -> None:
        if self.last_footnote is not None:
            self.last_footnote.parts.append(text)
            self.last_footnote.lines.append(number)
        else:
            self.content(number, text)

    def open_section(self, number: int, mark: int, title: str) -> None:
        self.sections.append(_SectionB(mark, title, number, self.chapter))
        self.chapter_open = False
        self.block = None

    def open_subsection(self, number: int, mark: int, title: str) -> None:
        if self.section is None:
            self.warn(
                number, "outside-section", "subsection heading before any section heading", title
            )
            self.open_section(number, 0, "")
        assert self.section is not None
        self.section.subsections.append(_SubsectionB(mark, title, number))
        self.block = "table"

    # -- table lines -------------------------------------------------------------------
    def table_line(self, number: int, raw: str) -> None:
        cells = raw.split("\t")
        if all(_SEPARATOR_CELL.match(c) or not c.strip() for c in cells):
            return
        if _is_header(cells):
            # a header row repeated at the top of a page does not end the open row
            self.block = "table"
            if self.section is not None and not self.section.subsections:
                self.section.subsections.append(_SubsectionB(1, "", number))
            return
        if self.block != "table" and self.section is not None and self.section.subsections:
            self.block = "table"
        if len(cells) != COLUMNS:
            self.warn(
                number,
                "bad-row",
                f"row has {len(cells)} cells, expected {COLUMNS}",
                "",  # the cells themselves go into the row
            )
        self.row_cells(number, cells)

    def row_cells(self, number: int, cells: list[str]) -> None:
        if len(cells) > COLUMNS:
            cells = [*cells[: COLUMNS - 1], " ".join(cells[COLUMNS - 1 :])]
        cells = cells + [""] * (COLUMNS - len(cells))
        section = self.section
        if section is None:
            self.warn(
                number,
                "outside-section",
                "table row before any section heading",
                normalize_space(strip_markup(" ".join(cells))),
            )
            return
        if not section.subsections:
            section.subsections.append(_SubsectionB(1, "", number))
        self.block = "table"
        if _INITIATIVE_MARK.match(strip_markup(cells[0])):
            self.close_row()
            self.row = _Row([[] for _ in range(COLUMNS)], [], marked=True)
        elif self.row is None:
            self.warn(
                number,
                "orphan-continuation",
                "row continues nothing: its first cell does not begin a new initiative (○) "
                "and no row stands before it",
                normalize_space(strip_markup(cells[0]))[:60],
            )
            self.row = _Row([[] for _ in range(COLUMNS)], [], marked=False)
        self.row.lines.append(number)
        for column, cell in enumerate(cells):
            if cell.strip():
                self.row.cells[column].append(Fragment(cell, number))


# -- assembly -------------------------------------------------------------------------
@attrs.define
class _Assembler:
    source: str
    reader: _Reader
    known: Mapping[str, Ministry]
    matcher: ProgramMatcher
    year: int | None = None  # the edition, from which 今年度, 来年度 … are counted
    used_codes: dict[str, None] = attrs.field(factory=dict)
    cited: defaultdict[int, list[tuple[str, int]]] = attrs.field(factory=lambda: defaultdict(list))

    def warn(self, line: int, code: str, message: str, text: str = "") -> None:
        self.reader.warn(line, code, message, text)

    def span(self, lines: list[int] | tuple[int, ...]) -> SourceSpan:
        return SourceSpan(source=self.source, lines=tuple(sorted(set(lines))))

    def dates(self, text: str, line: int) -> tuple[DateMention, ...]:
        mentions, problems = scan(text, year=self.year)
        for problem in problems:
            self.warn(
                line,
                "bad-date",
                f"unreadable date {problem.text!r}: {problem.reason}",
                problem.text,
            )
        return tuple(mentions)

    def cite(self, ident: str, text: str, line: int) -> tuple[int, ...]:
        """The footnotes ``text`` marks, recorded as cited by ``ident``; a run of
        superscript digits too long to be a marker is reported."""
        for run in overlong_marks(text):
            self.warn(
                line,
                "bad-footnote",
                f"{ident}: a footnote marker of {len(run):,} digits "
                f"(expected at most {MAX_MARK_DIGITS}); kept as text",
                run[:20],
            )
        footnotes = footnote_marks(text)
        for number in footnotes:
            self.cited[number].append((ident, line))
        return footnotes

    def tag_closed(self, item: Item, what: str) -> bool:
        """Warn about a 【 with no 】 after it; True when there was one."""
        opening = item.text.rfind("【")
        if opening < 0 or "】" in item.text[opening:]:
            return False
        self.warn(
            item.lines[0],
            "unterminated-tag",
            f"{what}: 【 tag is not closed (expected 】): {item.text[opening:][:20]!r}",
            item.text[opening:][:20],
        )
        return True

    def refs(self, item: Item, what: str) -> tuple[MinistryRef, ...]:
        if item.has_tag:
            self.tag_closed(item, what)  # a 【 left open before the tag that ends the item
        if item.bad_tag:
            self.warn(
                item.lines[0],
                "bad-tag",
                f"{what}: empty code in the ministry tag {item.bad_tag!r} "
                "(expected codes separated by 、)",
                item.bad_tag,
            )
        self.stray_tags(item, what)
        refs: list[MinistryRef] = []
        for tag in item.tags:
            if tag.code not in self.known and tag.code not in self.used_codes:
                self.warn(
                    item.lines[0],
                    "unknown-ministry",
                    f"unknown ministry code {tag.code!r} in a 【】 tag "
                    "(expected a code such as 科技, 文, 経, 関係府省)",
                    tag.code,
                )
            self.used_codes.setdefault(tag.code, None)
            refs.append(MinistryRef(code=tag.code, lead=tag.lead))
        return tuple(refs)

    def stray_tags(self, item: Item, what: str) -> None:
        """Warn about a ministry tag left inside an item's text: an item takes only the tag
        that ends it, so an earlier one means two items ran together (a bullet the parser
        did not see) or an item printed with two tags. (An item with no tag at its end is
        reported as missing its tag instead.)"""
        if not item.has_tag or "【" not in item.text:
            return
        for m in _STRAY_TAG.finditer(item.text):
            codes = parse_codes(m.group(1))
            if codes and all(tag.code in self.known for tag in codes):
                self.warn(
                    item.lines[0],
                    "stray-tag",
                    f"{what}: ministry tag {m.group(0)!r} inside the text "
                    "(expected one tag, at the end of the item: a missing bullet?)",
                    m.group(0),
                )

    def programs(self, text: str, inherited: tuple[str, ...] = ()) -> tuple[str, ...]:
        key = program_key(text)
        found = list(self.matcher.find_in_key(key))
        phases = set(_PHASE.findall(key)) if inherited else set()
        if phases:
            for pid in inherited:
                program = self.matcher.programs[pid]
                if pid not in found and phases.intersection(program.phases):
                    found.append(pid)
        return tuple(found)

    # -- objects -----------------------------------------------------------------------
    def section(self, b: _SectionB, ident: str) -> Section:
        vision = tuple(
            Paragraph(
                id=f"{ident}.v{i}",
                text=text,
                footnotes=self.cite(f"{ident}.v{i}", text, line),
                source=self.span([line]),
            )
            for i, (text, line) in enumerate(b.vision, 1)
        )
        goals = tuple(
            Goal(
                id=f"{ident}.g{i}",
                text=normalize_space(text),
                footnotes=self.cite(f"{ident}.g{i}", text, lines[0]),
                source=self.span(lines),
            )
            for i, (text, lines) in enumerate(b.goals, 1)
        )
        counters = {IndicatorKind.KEY: 0, IndicatorKind.REFERENCE: 0}
        indicators = []
        for ib in b.indicators:
            counters[ib.kind] += 1
            prefix = "k" if ib.kind is IndicatorKind.KEY else "r"
            indicators.append(self.indicator(ib, f"{ident}.{prefix}{counters[ib.kind]}"))
        seen: set[str] = set()
        subsections: list[Subsection] = []
        for sb in b.subsections:
            sub_id = f"{ident}.{sb.number}"
            if sub_id in seen:
                self.warn(sb.line, "duplicate-id", f"subsection {sub_id} appears twice", sb.title)
                sub_id = f"{ident}.{sb.number}-{len(subsections) + 1}"
            seen.add(sub_id)
            subsections.append(self.subsection(sb, sub_id))
        lines = [b.line]
        return Section(
            id=ident,
            number=b.number,
            title=b.title,
            chapter=b.chapter,
            vision=vision,
            goals=goals,
            indicators=tuple(indicators),
            subsections=tuple(subsections),
            source=self.span(lines),
        )

    def indicator(self, b: _IndicatorB, ident: str) -> Indicator:
        repost = bool(_REPOST.search(b.text))
        text = normalize_space(_REPOST.sub("", b.text, count=1))
        name, values = split_name(text)
        obs = list(observations(values))
        for detail, _line in b.details:
            series, detail_values = split_name(detail)
            obs.extend(observations(detail_values, series=series if detail_values else None))
        return Indicator(
            id=ident,
            kind=b.kind,
            name=name,
            text=text,
            details=tuple(detail for detail, _ in b.details),
            observations=tuple(obs),
            footnotes=self.cite(ident, "\n".join([text, *(d for d, _ in b.details)]), b.line),
            repost=repost,
            dates=self.dates(text, b.line),
            source=self.span([b.line, *(line for _, line in b.details)]),
        )

    def subsection(self, b: _SubsectionB, ident: str) -> Subsection:
        initiatives = tuple(
            self.initiative(row, f"{ident}.{i}", i) for i, row in enumerate(b.rows, 1)
        )
        return Subsection(
            id=ident,
            number=b.number,
            title=b.title,
            initiatives=initiatives,
            source=self.span([b.line]),
        )

    def initiative(self, row: _Row, ident: str, number: int) -> Initiative:
        first = row.lines[0]
        col0 = join_fragments(row.cells[0])
        raw0 = col0.text
        raw0 = _LEADING_MARK.sub(r"\1", raw0, count=1)
        head = take_tags(raw0, col0.lines_of(0, len(col0.text)) or (first,))
        if not head.text:
            self.warn(
                first,
                "empty-cell",
                f"initiative {ident} has an empty first cell (基本計画における具体的な取組)",
            )
        elif not head.has_tag and not self.tag_closed(head, f"initiative {ident}"):
            self.warn(
                first,
                "missing-tag",
                f"initiative {ident} has no ministry tag 【…】",
                head.text[-40:],
            )
        programs = self.programs(head.text)
        notes = []
        col1 = join_fragments(row.cells[1])
        for i, (a, b) in enumerate(split_items(col1.text), 1):
            raw = col1.text[a:b]
            text = normalize_space(strip_inline(raw))
            note_id = f"{ident}.s{i}"
            lines = col1.lines_of(a, b) or (first,)
            notes.append(
                StatusNote(
                    id=note_id,
                    initiative_id=ident,
                    text=text,
                    programs=self.programs(text, programs),
                    footnotes=self.cite(note_id, text, lines[0]),
                    dates=self.dates(text, lines[0]),
                    source=self.span(lines),
                )
            )
        if not notes:
            self.warn(
                first,
                "empty-cell",
                f"initiative {ident} has no status notes (実施状況・現状分析 is empty)",
            )
        actions = []
        col2 = join_fragments(row.cells[2])
        for i, (a, b) in enumerate(split_items(col2.text), 1):
            lines = col2.lines_of(a, b) or (first,)
            item = take_tags(col2.text[a:b], lines)
            action_id = f"{ident}.a{i}"
            if not item.has_tag and not self.tag_closed(item, f"action {action_id}"):
                self.warn(
                    lines[0],
                    "missing-tag",
                    f"action {action_id} has no ministry tag 【…】",
                    item.text[-40:],
                )
            actions.append(
                Action(
                    id=action_id,
                    initiative_id=ident,
                    text=item.text,
                    ministries=self.refs(item, f"action {action_id}"),
                    repost=item.repost,
                    programs=self.programs(item.text, programs),
                    footnotes=self.cite(action_id, item.text, lines[0]),
                    dates=self.dates(item.text, lines[0]),
                    source=self.span(lines),
                )
            )
        if not actions:
            self.warn(
                first, "no-actions", f"initiative {ident} has no actions (今後の取組方針 is empty)"
            )
        return Initiative(
            id=ident,
            number=number,
            text=head.text,
            ministries=self.refs(head, f"initiative {ident}"),
            repost=head.repost,
            status_notes=tuple(notes),
            actions=tuple(actions),
            programs=programs,
            footnotes=self.cite(ident, head.text, first),
            dates=self.dates(head.text, first),
            source=self.span(row.lines),
        )

    def footnotes(self) -> dict[int, Footnote]:
        result = {}
        for number, fb in sorted(self.reader.footnotes.items()):
            text = "\n".join(normalize_space(p) for p in fb.parts)
            result[number] = Footnote(
                number=number,
                text=text,
                cited_by=tuple(dict.fromkeys(ident for ident, _ in self.cited.get(number, ()))),
                dates=self.dates(text, fb.lines[0]),
                source=self.span(fb.lines),
            )
        for number, citing in sorted(self.cited.items()):
            if number not in result:
                ident, line = citing[0]
                self.warn(
                    line,
                    "undefined-footnote",
                    f"footnote {number} is cited by {ident} but never defined",
                    str(number),
                )
        return result


def assemble(
    text: str,
    *,
    name: str,
    strict: bool,
    title: str | None,
    edition: int | None,
    ministries: Mapping[str, Ministry] | None,
    programs: Mapping[str, Program] | None,
) -> Roadmap:
    """Read ``text`` into a :class:`Roadmap` (see :func:`stpmodel.parse`)."""
    lines = split_lines(text)
    reader = _Reader(source=name)
    reader.read(lines)
    if not reader.sections:
        if not text.strip():
            raise ParseError(
                "the text is empty; expected the text of a roadmap (工程表)", source=name
            )
        raise ParseError(
            "no roadmap section found: expected a section heading such as "
            "'(6) 様々な社会課題を…' followed by its table",
            source=name,
        )
    if not any(sub.rows for section in reader.sections for sub in section.subsections):
        raise ParseError(
            "no roadmap table found: expected rows of three tab-separated cells "
            "(基本計画における具体的な取組, 実施状況・現状分析, 今後の取組方針) under a section heading",
            source=name,
        )
    known = default_ministries() if ministries is None else ministries
    catalog = default_programs() if programs is None else programs
    found = _TITLE.search(reader.title or text)
    if title is None:
        if reader.title is not None:
            title = reader.title
        else:
            title = f"{found.group(1)}{found.group(2)} 工程表" if found else name
    if edition is None and found:
        edition = int(found.group(2).translate(FULLWIDTH_DIGITS))
    asm = _Assembler(
        source=name, reader=reader, known=known, matcher=ProgramMatcher(catalog), year=edition
    )
    sections: list[Section] = []
    seen: set[str] = set()
    for sb in reader.sections:
        ident = str(sb.number)
        if ident in seen:
            reader.warn(sb.line, "duplicate-id", f"section ({sb.number}) appears twice", sb.title)
            ident = f"{sb.number}-{len(sections) + 1}"
        seen.add(ident)
        sections.append(asm.section(sb, ident))
    footnotes = asm.footnotes()
    warnings = sorted(reader.warnings, key=lambda w: w.line)
    if strict and warnings:
        raise ParseError.from_warnings(name, warnings)
    used = {
        code: known.get(code)
        or Ministry(code=code, name_ja=code, name_en="", kind=MinistryKind.UNKNOWN, confirmed=False)
        for code in asm.used_codes
    }
    mentioned: dict[str, None] = {}
    for section in sections:
        for sub in section.subsections:
            for ini in sub.initiatives:
                mentioned.update(dict.fromkeys(ini.programs))
                for note in ini.status_notes:
                    mentioned.update(dict.fromkeys(note.programs))
                for action in ini.actions:
                    mentioned.update(dict.fromkeys(action.programs))
    return Roadmap(
        title=title,
        edition=edition,
        source=SourceInfo(
            name=name,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            line_count=len(lines),
        ),
        sections=tuple(sections),
        ministries=used,
        programs={pid: catalog[pid] for pid in mentioned},
        footnotes=footnotes,
        warnings=tuple(warnings),
    )
