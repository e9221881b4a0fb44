"""Building the model objects from what the reader found.

The reader (`parsing._reader`) has already decided what every line is and where it
belongs; here the drafts become frozen model objects: a row's cells are joined (page-break
fragments mended), split into items at their bullets, their ministry tags read; IDs are
numbered; footnote citations, dates and program mentions are read from each object's
text. Problems found here (a missing tag, an unknown ministry, an unreadable date) are
reported where the object's text stands in the source: line and column.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping

import attrs

from stpmodel._text import (
    FULLWIDTH_DIGITS,
    MAX_MARK_DIGITS,
    footnote_runs,
    normalize_space,
    superscript_number,
)
from stpmodel.dates import DateMention, scan
from stpmodel.errors import ParseError, WarningCode
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
    ProgramMention,
    Section,
    StatusNote,
    Subsection,
)
from stpmodel.parsing._cells import (
    CellItem,
    join_fragments,
    parse_codes,
    split_items,
    take_tags,
)
from stpmodel.parsing._indicators import (
    MAX_VALUE_CHARS,
    footnote_observations,
    observations,
    split_name,
)
from stpmodel.parsing._lines import find_document_name
from stpmodel.parsing._markup import strip_inline
from stpmodel.parsing._places import Place, Placer
from stpmodel.parsing._programs import (
    Keyed,
    ProgramLinker,
    link_reposts,
    linker_for,
    plan_year,
    program_ids,
    subject_mentions,
    with_lineage,
)
from stpmodel.parsing._reader import (
    Document,
    IndicatorDraft,
    RowDraft,
    SectionDraft,
    SubsectionDraft,
)
from stpmodel.parsing._tokens import INITIATIVE_MARKS, REPOST, TAG
from stpmodel.registry import default_ministries, default_programs
from stpmodel.roadmap import Roadmap, SourceInfo

__all__ = ["assemble"]

_LEADING_MARK = re.compile(rf"^((?:\s|<[^<>]{{0,500}}>)*)[{INITIATIVE_MARKS}]")


@attrs.define
class _Assembler(Placer):
    """Builds the model objects of a `Document`; collects the problems it meets."""

    known: Mapping[str, Ministry]
    linker: ProgramLinker
    year: int | None = None  # the edition, from which 今年度, 来年度 … are counted
    plan_year: int | None = None  # the year the Basic Plan quoted in column 1 was written
    used_codes: dict[str, None] = attrs.field(factory=dict)
    shared_refs: dict[tuple[str, bool], MinistryRef] = attrs.field(factory=dict)
    cited: defaultdict[int, list[tuple[str, Place]]] = attrs.field(
        factory=lambda: defaultdict(list)
    )

    def dates(self, text: str, place: Place) -> tuple[DateMention, ...]:
        """The dates `text` mentions; each date that names no day is reported at its
        span in the source: found from the object's place, in the order of the problems'
        spans in `text`."""
        mentions, problems = scan(text, year=self.year)
        after: tuple[int, int] | None = None
        for problem in sorted(problems, key=lambda p: p.span):
            # in the order of their spans: each is looked for after the one before
            after = self.warn(
                place,
                WarningCode.BAD_DATE,
                f"unreadable date {problem.text!r}: {problem.reason}",
                problem.text,
                after=after,
            )
        return tuple(mentions)

    def cite(self, ident: str, text: str, place: Place) -> tuple[int, ...]:
        """The footnotes `text` marks that are defined, each mark recorded as cited by
        `ident`; a run of superscript digits too long to be a marker is reported."""
        footnotes = []
        for run in footnote_runs(text):
            if len(run) > MAX_MARK_DIGITS:
                self.warn(
                    place,
                    WarningCode.BAD_FOOTNOTE,
                    f"{ident}: a footnote marker of {len(run):,} digits "
                    f"(expected at most {MAX_MARK_DIGITS}); kept as text",
                    run[:20],
                )
                continue
            number = superscript_number(run)
            footnotes.append(number)
            self.cited[number].append((ident, place))
        # a mark of no footnote stays in the text and is reported (`footnotes()`), but is
        # no citation: the model never points at a footnote it does not have
        defined = self.document.footnotes
        return tuple(number for number in footnotes if number in defined)

    def overlong_values(self, ident: str, rejected: list[str], place: Place) -> None:
        """Report the values too long to be an observation (they stay in the text)."""
        after: tuple[int, int] | None = None
        for value in rejected:
            after = self.warn(
                place,
                WarningCode.BAD_NUMBER,
                f"{ident}: a value of {sum(c.isdigit() for c in value):,} digits "
                f"(expected at most {MAX_VALUE_CHARS}); kept as text",
                value,
                after=after,
            )

    def tag_closed(self, item: CellItem, place: Place, what: str) -> bool:
        """Warn about a 【 with no 】 after it; True when there was one."""
        opening = item.text.rfind("【")
        if opening < 0 or "】" in item.text[opening:]:
            return False
        self.warn(
            place,
            WarningCode.UNTERMINATED_TAG,
            f"{what}: 【 tag is not closed (expected 】): {item.text[opening:][:20]!r}",
            item.text[opening:][:20],
        )
        return True

    def refs(self, item: CellItem, place: Place, what: str) -> tuple[MinistryRef, ...]:
        """The ministries of an item's tag; problems with the tag are reported."""
        if item.has_tag:
            self.tag_closed(item, place, what)  # a 【 left open before the tag that ends it
        if item.bad_tag:
            self.warn(
                place,
                WarningCode.BAD_TAG,
                f"{what}: empty code in the ministry tag {item.bad_tag!r} "
                "(expected codes separated by 、)",
                item.bad_tag,
            )
        self.stray_tags(item, place, what)
        refs: list[MinistryRef] = []
        for tag in item.tags:
            if tag.code not in self.known and tag.code not in self.used_codes:
                self.warn(
                    place,
                    WarningCode.UNKNOWN_MINISTRY,
                    f"unknown ministry code {tag.code!r} in a 【】 tag "
                    "(expected a code such as 科技, 文, 経, 関係府省)",
                    tag.code,
                )
            self.used_codes.setdefault(tag.code, None)
            key = (tag.code, tag.lead)
            if (ref := self.shared_refs.get(key)) is None:
                ref = self.shared_refs[key] = MinistryRef(code=tag.code, lead=tag.lead)
            refs.append(ref)  # one object per code and lead flag, shared by every item
        return tuple(refs)

    def stray_tags(self, item: CellItem, place: Place, what: str) -> None:
        """Warn about a ministry tag left inside an item's text: an item takes only the tag
        that ends it, so an earlier one means two items ran together (a bullet the parser
        did not see) or an item printed with two tags. (An item with no tag at its end is
        reported as missing its tag instead.)"""
        if not item.has_tag or "【" not in item.text:
            return
        for m in TAG.finditer(item.text):
            codes = parse_codes(m.group(1))
            if codes and all(tag.code in self.known for tag in codes):
                self.warn(
                    place,
                    WarningCode.STRAY_TAG,
                    f"{what}: ministry tag {m.group(0)!r} inside the text "
                    "(expected one tag, at the end of the item: a missing bullet?)",
                    m.group(0),
                )

    def mentions(
        self,
        text: str,
        place: Place,
        written: int | None,
        inherited: tuple[ProgramMention, ...] = (),
        subject: tuple[ProgramMention, ...] = (),
    ) -> tuple[ProgramMention, ...]:
        """The program mentions of `text` (parsing/_programs.py): the programs it names;
        of the initiative's (`inherited`), those it refers to by a cue; failing both, the
        initiative's `subject`. A phase reference that cannot be resolved is reported."""
        keyed = Keyed(text)  # the text in matching form, once for names and cues
        named, problems = self.linker.named(text, written, keyed)
        for problem in problems:
            self.warn(
                place,
                WarningCode.UNRESOLVED_PHASE,
                f"cannot resolve the phase of {problem.text!r}: {problem.reason}",
                problem.text,
            )
        found = named + self.linker.cued(text, inherited, named, keyed) if inherited else named
        return tuple(found) if found else subject

    # -- objects -----------------------------------------------------------------------
    def section(self, b: SectionDraft, ident: str) -> Section:
        """A section with its vision, goals, indicators and subsections."""
        vision = []
        for i, (text, line) in enumerate(b.vision, 1):
            place = self.place([line])
            vision.append(
                Paragraph(
                    id=f"{ident}.v{i}",
                    text=text,
                    footnotes=self.cite(f"{ident}.v{i}", text, place),
                    source=self.span([line]),
                )
            )
        goals = []
        for i, (parts, lines) in enumerate(b.goals, 1):
            text = "".join(parts)
            goals.append(
                Goal(
                    id=f"{ident}.g{i}",
                    text=normalize_space(text),
                    footnotes=self.cite(f"{ident}.g{i}", text, self.place(lines)),
                    source=self.span(lines),
                )
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
                self.warn(
                    self.place([sb.line]),
                    WarningCode.DUPLICATE_ID,
                    f"subsection {sub_id} appears twice",
                    sb.title,
                )
                sub_id = f"{ident}.{sb.number}-{len(subsections) + 1}"
            seen.add(sub_id)
            subsections.append(self.subsection(sb, sub_id))
        return Section(
            id=ident,
            number=b.number,
            title=b.title,
            chapter=b.chapter,
            vision=tuple(vision),
            goals=tuple(goals),
            indicators=tuple(indicators),
            subsections=tuple(subsections),
            source=self.span([b.line]),
        )

    def indicator(self, b: IndicatorDraft, ident: str) -> Indicator:
        """An indicator with the observations of its line and of its detail lines."""
        repost = bool(REPOST.search(b.text))
        text = normalize_space(REPOST.sub("", b.text, count=1))
        name, values = split_name(text)
        rejected: list[str] = []
        obs = list(observations(values, rejected=rejected))
        for detail, _line in b.details:
            series, detail_values = split_name(detail)
            obs.extend(
                observations(
                    detail_values, series=series if detail_values else None, rejected=rejected
                )
            )
        lines = [b.line, *(line for _, line in b.details)]
        place = self.place(lines, b.column)
        self.overlong_values(ident, rejected, place)
        footnotes = self.cite(ident, "\n".join([text, *(d for d, _ in b.details)]), place)
        written = self.plan_year if b.kind is IndicatorKind.KEY else self.year
        mentions = self.mentions(text, place, written)
        for number in footnotes:
            if (draft := self.document.footnotes.get(number)) is not None:
                rejected = []
                found = footnote_observations(
                    _footnote_text(draft.parts), number, rejected=rejected
                )
                obs.extend(found)
                self.overlong_values(ident, rejected, self.place(draft.lines))
        return Indicator(
            id=ident,
            kind=b.kind,
            name=name,
            text=text,
            details=tuple(detail for detail, _ in b.details),
            observations=tuple(obs),
            footnotes=footnotes,
            repost=repost,
            programs=program_ids(mentions),
            program_mentions=mentions,
            dates=self.dates(text, place),
            source=self.span(lines),
        )

    def subsection(self, b: SubsectionDraft, ident: str) -> Subsection:
        """A subsection and its initiatives, numbered in order."""
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

    def initiative(self, row: RowDraft, ident: str, number: int) -> Initiative:
        """An initiative from a row: its first cell, its status notes (second cell) and its
        actions (third cell)."""
        first = row.lines[0]
        col0 = join_fragments(row.cells[0])
        raw0 = _LEADING_MARK.sub(r"\1", col0.text, count=1)
        lines0 = col0.lines_of(0, len(col0.text)) or (first,)
        head = take_tags(raw0, lines0)
        here = (
            self.item_place(col0, 0, len(col0.text), first, lines0)
            if col0.parts
            else self.place([first])
        )
        if not head.text:
            self.warn(
                here,
                WarningCode.EMPTY_CELL,
                f"initiative {ident} has an empty first cell (基本計画における具体的な取組)",
            )
        elif not head.has_tag and not self.tag_closed(head, here, f"initiative {ident}"):
            self.warn(
                here,
                WarningCode.MISSING_TAG,
                f"initiative {ident} has no ministry tag 【…】",
                head.text[-40:],
            )
        named = self.mentions(head.text, here, self.plan_year)
        subject = subject_mentions(self.linker, self.linker.topic(head.text, named), ident)
        notes = []
        col1 = join_fragments(row.cells[1])
        for i, (a, b) in enumerate(split_items(col1.text), 1):
            text = normalize_space(strip_inline(col1.text[a:b]))
            note_id = f"{ident}.s{i}"
            place = self.item_place(col1, a, b, first)
            mentions = self.mentions(text, place, self.year, named, subject)
            notes.append(
                StatusNote(
                    id=note_id,
                    initiative_id=ident,
                    text=text,
                    programs=program_ids(mentions),
                    program_mentions=mentions,
                    footnotes=self.cite(note_id, text, place),
                    dates=self.dates(text, place),
                    source=self.span(place.lines),
                )
            )
        if not notes:
            self.warn(
                here,
                WarningCode.EMPTY_CELL,
                f"initiative {ident} has no status notes (実施状況・現状分析 is empty)",
            )
        actions = []
        col2 = join_fragments(row.cells[2])
        for i, (a, b) in enumerate(split_items(col2.text), 1):
            place = self.item_place(col2, a, b, first)
            item = take_tags(col2.text[a:b], place.lines)
            action_id = f"{ident}.a{i}"
            if not item.has_tag and not self.tag_closed(item, place, f"action {action_id}"):
                self.warn(
                    place,
                    WarningCode.MISSING_TAG,
                    f"action {action_id} has no ministry tag 【…】",
                    item.text[-40:],
                )
            mentions = self.mentions(item.text, place, self.year, named, subject)
            actions.append(
                Action(
                    id=action_id,
                    initiative_id=ident,
                    text=item.text,
                    ministries=self.refs(item, place, f"action {action_id}"),
                    repost=item.repost,
                    programs=program_ids(mentions),
                    program_mentions=mentions,
                    footnotes=self.cite(action_id, item.text, place),
                    dates=self.dates(item.text, place),
                    source=self.span(place.lines),
                )
            )
        if not actions:
            self.warn(
                here,
                WarningCode.NO_ACTIONS,
                f"initiative {ident} has no actions (今後の取組方針 is empty)",
            )
        return Initiative(
            id=ident,
            number=number,
            text=head.text,
            ministries=self.refs(head, here, f"initiative {ident}"),
            repost=head.repost,
            status_notes=tuple(notes),
            actions=tuple(actions),
            programs=program_ids(named),
            program_mentions=named,
            footnotes=self.cite(ident, head.text, here),
            dates=self.dates(head.text, here),
            source=self.span(row.lines),
        )

    def footnotes(self) -> dict[int, Footnote]:
        """The footnotes, with who cites them; a citation of no footnote is reported."""
        result = {}
        for number, fb in sorted(self.document.footnotes.items()):
            text = _footnote_text(fb.parts)
            result[number] = Footnote(
                number=number,
                text=text,
                cited_by=tuple(dict.fromkeys(ident for ident, _ in self.cited.get(number, ()))),
                dates=self.dates(text, self.place(fb.lines)),
                source=self.span(fb.lines),
            )
        for number, citing in sorted(self.cited.items()):
            if number not in result:
                ident, place = citing[0]
                self.warn(
                    place,
                    WarningCode.UNDEFINED_FOOTNOTE,
                    f"footnote {number} is cited by {ident} but never defined",
                    str(number),
                )
        return result


def _footnote_text(parts: list[str]) -> str:
    """A footnote's text: its lines (the first and its ※ notes), each white space
    collapsed."""
    return "\n".join(normalize_space(p) for p in parts)


def _title_and_edition(
    document: Document, text: str, name: str, title: str | None, edition: int | None
) -> tuple[str, int | None]:
    """The title and edition given, else read from the title line or the text."""
    found = find_document_name(document.title or text)
    if title is None:
        if document.title is not None:
            title = document.title
        else:
            title = f"{found.group(1)}{found.group(2)} 工程表" if found else name
    if edition is None and found:
        edition = int(found.group(2).translate(FULLWIDTH_DIGITS))
    return title, edition


def assemble(
    document: Document,
    text: str,
    *,
    name: str,
    strict: bool,
    title: str | None,
    edition: int | None,
    ministries: Mapping[str, Ministry] | None,
    programs: Mapping[str, Program] | None,
) -> Roadmap:
    """The [Roadmap][stpmodel.Roadmap] of what the reader found in `text` (see
    [parse][stpmodel.parse])."""
    if not document.sections:
        if not text.strip():
            raise ParseError(
                "the text is empty; expected the text of a roadmap (工程表)", source=name
            )
        raise ParseError(
            "no roadmap section found: expected a section heading such as "
            "'(6) 様々な社会課題を…' followed by its table",
            source=name,
        )
    if not any(sub.rows for section in document.sections for sub in section.subsections):
        raise ParseError(
            "no roadmap table found: expected rows of three tab-separated cells "
            "(基本計画における具体的な取組, 実施状況・現状分析, 今後の取組方針) under a section heading",
            source=name,
        )
    known = default_ministries() if ministries is None else ministries
    catalog = default_programs() if programs is None else programs
    title, edition = _title_and_edition(document, text, name, title, edition)
    asm = _Assembler(
        source=name,
        document=document,
        known=known,
        linker=linker_for(catalog),
        year=edition,
        plan_year=plan_year(catalog, edition),
    )
    sections: list[Section] = []
    seen: set[str] = set()
    for sb in document.sections:
        ident = str(sb.number)
        if ident in seen:
            asm.warn(
                asm.place([sb.line]),
                WarningCode.DUPLICATE_ID,
                f"section ({sb.number}) appears twice",
                sb.title,
            )
            ident = f"{sb.number}-{len(sections) + 1}"
        seen.add(ident)
        sections.append(asm.section(sb, ident))
    sections = link_reposts(sections)
    footnotes = asm.footnotes()
    warnings = sorted(document.warnings, key=lambda w: w.line)
    if strict and warnings:
        raise ParseError.from_warnings(name, warnings)
    used = {
        code: known.get(code)
        or Ministry(code=code, name_ja=code, name_en="", kind=MinistryKind.UNKNOWN, confirmed=False)
        for code in asm.used_codes
    }
    mentioned: dict[str, None] = {}
    for section in sections:
        for indicator in section.indicators:
            mentioned.update(dict.fromkeys(indicator.programs))
        for sub in section.subsections:
            for ini in sub.initiatives:
                mentioned.update(dict.fromkeys(ini.programs))
                for note in ini.status_notes:
                    mentioned.update(dict.fromkeys(note.programs))
                for action in ini.actions:
                    mentioned.update(dict.fromkeys(action.programs))
    mentioned = with_lineage(mentioned, catalog)
    return Roadmap(
        title=title,
        edition=edition,
        source=SourceInfo(
            name=name,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            line_count=len(document.lines),
        ),
        sections=tuple(sections),
        ministries=used,
        programs={pid: catalog[pid] for pid in mentioned},
        footnotes=footnotes,
        warnings=tuple(warnings),
    )
