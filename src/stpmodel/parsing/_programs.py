"""Program mentions: which program, which phase, by which rule (docs/model.md).

An item's text is matched against the registry's spellings in [program_key] form (no white
space, NFKC, no footnote marks), keeping each character's offset in the text so that a
mention's span points into the item as printed. Around each name the linker reads the
phase the text gives: 第N期 before or after it (`第3期知的基盤整備計画`, `S I P 第 3 期`), 次期
before it (the phase after the one current in the year the text was written), 現行 (the
one current then), and 最終年度 after it (the last year of that phase). Items that name no
program take their initiative's by a cue (14課題, 第3期, 目標4) or, where the initiative
is about a program, as its subject. Nothing else is inferred.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

import attrs

from stpmodel._text import SUPERSCRIPT_DIGITS, search_key
from stpmodel.dates import Period
from stpmodel.model import (
    Action,
    Indicator,
    Initiative,
    MentionRule,
    Phase,
    Program,
    ProgramKind,
    ProgramMention,
    Section,
)
from stpmodel.parsing._keyed import Keyed, blanked
from stpmodel.registry import (
    default_not_followed_by,
    default_program_cues,
    default_programs,
    default_qualified_aliases,
    program_key,
)

__all__ = [
    "Keyed",
    "ProgramLinker",
    "Unresolved",
    "link_reposts",
    "linker_for",
    "plan_year",
    "program_ids",
    "subject_mentions",
    "with_lineage",
]

_Reposted = TypeVar("_Reposted", Action, Initiative, Indicator)
_MARKS = frozenset(SUPERSCRIPT_DIGITS)
# what may close a name before its phase or topic: a quote and an abbreviation in
# parentheses, in either order (「…プログラム（SIP）」第3期, 「…プログラム」（SIP）第3期)
_CLOSE = r"[」』]?(?:\([^()]{0,30}\))?[」』]?"
_BEFORE = re.compile(r"(?:第([0-9]+)期|(次期)|(現行))[「『]?$")
# _AFTER and _LAST_YEAR are matched at a position (`pattern.match(key, at)`), never on a
# copy of the rest of the key: copying it at each name was quadratic in a long cell
_AFTER = re.compile(rf"{_CLOSE}第([0-9]+)期")
_LAST_YEAR = re.compile(rf"{_CLOSE}の最終年度")
_PHASE_ONLY = re.compile(r"第([0-9]+)期")
_GOAL = re.compile(r"目標([0-9]+)")
_DIGITS = frozenset("0123456789")
# a phase number longer than this is no registry's (and int() refuses 4,300 digits)
_MAX_PHASE_DIGITS = 4
# a program as the topic of a sentence: 「X」について, X(略称)について, Xの各課題については …
_TOPIC = re.compile(
    rf"^{_CLOSE}(?:第[0-9]+期)?(?:の(?:各)?課題(?:候補)?)?(?:については|について|に関しては|に関して)"
)
# what may stand before the topic: nothing, or a modifier ending in a verb or の (2018年に創設した)
_MODIFIER = re.compile(r"^(?:|.{0,40}(?:した|する|された|される|の))(?:次期|第[0-9]+期)?[「『]?$")


def _window_start(key: str, start: int) -> int:
    """Where the words that may qualify the name at `start` (第N期, 次期, 現行, a 「)
    begin: eight characters back, and further over a run of digits, so that no 第N期 is
    cut in the middle of its number (which would lose it without a word)."""
    at = max(0, start - 8)
    while at > 0 and key[at] in _DIGITS:
        at -= 1
    return at


@attrs.frozen
class Unresolved:
    """A phase reference the linker could not resolve: what and why."""

    text: str
    reason: str


@attrs.frozen
class _Name:
    program: str
    rule: MentionRule
    qualified: bool


def _period(phase: Phase | None) -> Period | None:
    return None if phase is None else phase.period


def _last_year(phase: Phase | None, program: Program) -> Period | None:
    end = program.last_year if phase is None else phase.end_fy
    if end is None:
        return None
    return (
        Period.calendar_year(end)
        if program.calendar.value == "gregorian"
        else Period.fiscal_year(end)
    )


class ProgramLinker:
    """Finds the program mentions of a text, with their phases, from a catalog."""

    def __init__(self, catalog: Mapping[str, Program]) -> None:
        self.catalog = catalog
        names: dict[str, _Name] = {}
        qualified = default_qualified_aliases()
        for program in catalog.values():
            exact = {program_key(program.name_ja), program_key(program.acronym)}
            for alias in (program.name_ja, program.acronym, *program.aliases):
                key = program_key(alias)
                if key and key not in names:
                    rule = MentionRule.EXPLICIT if key in exact else MentionRule.ALIAS
                    names[key] = _Name(program.id, rule, False)
            for alias in qualified.get(program.id, ()):
                key = program_key(alias)
                if key and key not in names:
                    names[key] = _Name(program.id, MentionRule.ALIAS, True)
        self._names = names
        self._stops = {
            pid: tuple(program_key(s) for s in stops)
            for pid, stops in default_not_followed_by().items()
        }
        self.cues = {
            pid: tuple(program_key(cue) for cue in cues)
            for pid, cues in default_program_cues().items()
            if pid in catalog
        }
        # one trie-shaped pattern: each position is tried against the names that start with
        # its character only, longest first
        self._pattern = re.compile(_trie_pattern(names)) if names else None

    # -- names in the text ---------------------------------------------------------------
    def named(
        self, text: str, written: int | None, keyed: Keyed | None = None
    ) -> tuple[list[ProgramMention], list[Unresolved]]:
        """The mentions of programs `text` names, each with the phase the words around
        the name give; `written` is the year the text was written (for 次期 and 現行).
        `keyed` is `Keyed(text)` where the caller has it already."""
        if keyed is None:
            keyed = Keyed.of(text)
        key = keyed.key
        found: list[ProgramMention] = []
        problems: list[Unresolved] = []
        if self._pattern is None:
            return found, problems

        def words(start: int, end: int) -> str:
            return text[slice(*keyed.span(start, end))]

        covered = 0  # the key index where the words of the last mention end
        for m in self._pattern.finditer(key):
            if m.start() < covered:  # (SIP) in 「…プログラム（SIP）」第3期: its words
                continue
            name = self._names[m.group(0)]
            program = self.catalog[name.program]
            if key.startswith(self._stops.get(program.id, ()), m.end()):  # any (a tuple)
                continue
            before = _BEFORE.search(key[_window_start(key, m.start()) : m.start()])
            if name.qualified and before is None:
                continue
            start, end = m.start(), m.end()
            rule = name.rule
            phase: Phase | None = None
            after = _AFTER.match(key, end)
            if after is not None:
                phase = self._numbered(program, after.group(1), words(start, after.end()), problems)
                end = after.end()
            elif before is not None:
                start -= len(before.group(0))
                if before.group(1):
                    phase = self._numbered(program, before.group(1), words(start, end), problems)
                else:
                    phase = self._relative(
                        program,
                        written,
                        words(start, end),
                        problems,
                        following=bool(before.group(2)),
                    )
                    rule = MentionRule.NEXT_PHASE
            elif program.kind is ProgramKind.TERM and written is not None:
                phase = program.phase_in(written)
            period = _period(phase)
            last = _LAST_YEAR.match(key, end)
            if last is not None:
                period = _last_year(phase, program)
                end = last.end()
            covered = end
            found.append(
                ProgramMention(
                    program=program.id,
                    phase=None if phase is None else phase.number,
                    text=words(start, end),
                    span=keyed.span(start, end),
                    period=period,
                    inferred=rule.inferred,
                    rule=rule,
                )
            )
        return found, problems

    def _numbered(
        self, program: Program, digits: str, words: str, problems: list[Unresolved]
    ) -> Phase | None:
        if len(digits) > _MAX_PHASE_DIGITS:
            problems.append(
                Unresolved(
                    words,
                    f"the registry knows no phase numbered with {len(digits):,} digits"
                    f" of {program.id}",
                )
            )
            return None
        number = int(digits)
        for phase in program.phases:
            if phase.number == number:
                return phase
        problems.append(Unresolved(words, f"the registry knows no phase {number} of {program.id}"))
        return None

    def _relative(
        self,
        program: Program,
        written: int | None,
        words: str,
        problems: list[Unresolved],
        *,
        following: bool,
    ) -> Phase | None:
        """次期 (`following`) or 現行 X: the phase after (or of) the one current in
        `written`."""
        if written is None:
            return None  # no edition, no year to count from: left open, as 今年度 is
        current = program.phase_in(written)
        if current is None or current.number is None:
            problems.append(
                Unresolved(words, f"the registry knows no phase of {program.id} in {written}")
            )
            return None
        if not following:
            return current
        for phase in program.phases:
            if phase.number == current.number + 1:
                return phase
        problems.append(
            Unresolved(
                words,
                f"the registry knows no phase of {program.id} after {current.label} "
                f"(current in {written})",
            )
        )
        return None

    # -- items under an initiative ----------------------------------------------------
    def cued(
        self,
        text: str,
        inherited: Sequence[ProgramMention],
        named: Sequence[ProgramMention] = (),
        keyed: Keyed | None = None,
    ) -> list[ProgramMention]:
        """Of the programs the initiative names (`inherited`) and `text` does not
        (`named`), those `text` refers to without naming: by a phase of theirs (第3期), a
        goal (目標4) or a cue (14課題). Words that belong to a name (the 第3期 of
        第3期知的基盤整備計画) are no cue. `keyed` is `Keyed(text)` where the caller has
        it already."""
        if keyed is None:
            keyed = Keyed.of(text)
        taken = [m.span for m in named if m.span is not None]
        key = blanked(keyed, taken)  # the words that belong to a name are no cue
        found: list[ProgramMention] = []
        for pid in dict.fromkeys(m.program for m in inherited):
            if any(m.program == pid for m in named):
                continue
            program = self.catalog[pid]
            hit = self._cue(program, key)
            if hit is None:
                continue
            start, end, phase = hit
            if phase is None:
                # a cue names no phase: the initiative's, where it names exactly one
                phases = {m.phase for m in inherited if m.program == pid and m.phase is not None}
                if len(phases) == 1:
                    phase = program.phase(phases.pop())
            period = _period(phase)
            last = _LAST_YEAR.match(key, end)
            if last is not None:
                period = _last_year(phase, program)
                end = last.end()
            found.append(
                ProgramMention(
                    program=pid,
                    phase=None if phase is None else phase.number,
                    text=text[slice(*keyed.span(start, end))],
                    span=keyed.span(start, end),
                    period=period,
                    inferred=True,
                    rule=MentionRule.CUE,
                )
            )
        return found

    def _cue(self, program: Program, key: str) -> tuple[int, int, Phase | None] | None:
        for m in _PHASE_ONLY.finditer(key):
            for phase in program.phases:
                # the label first: it rules out a number too long for int()
                if phase.label == m.group(0) and phase.number == int(m.group(1)):
                    return m.start(), m.end(), phase
        for m in _GOAL.finditer(key):
            if any(goal.label == m.group(0) for goal in program.goals):
                return m.start(), m.end(), None
        for cue in self.cues.get(program.id, ()):
            at = key.find(cue)
            if at >= 0:
                return at, at + len(cue), None
        return None

    def topic(self, text: str, mentions: Sequence[ProgramMention]) -> list[ProgramMention]:
        """The mentions that are the topic of `text`'s first sentence (「X」について …)."""
        first = text.split("。", 1)[0]
        keyed = Keyed.of(first)
        found: list[ProgramMention] = []
        for mention in mentions:
            if mention.span is None or mention.span[1] > len(first):
                continue
            start = _key_index(keyed, mention.span[0])
            end = _key_index(keyed, mention.span[1])
            if _TOPIC.match(keyed.key[end:]) and _MODIFIER.match(keyed.key[:start]):
                found.append(mention)
            break  # only the sentence's first program can be its topic
        return found

    def successors(self, pid: str) -> Iterable[str]:
        """The registry successors of `pid` (PRISM → BRIDGE), in order."""
        seen = {pid}
        nxt = self.catalog[pid].successor if pid in self.catalog else ""
        while nxt and nxt not in seen and nxt in self.catalog:
            yield nxt
            seen.add(nxt)
            nxt = self.catalog[nxt].successor


def _trie_pattern(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, longest first, shaped as a trie;
    Latin letters at a word's ends must not touch other Latin letters (FIRST is no match
    in FIRSTS)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for c in word:
            node = node.setdefault(c, {})
        node[""] = {}

    def latin(c: str) -> bool:
        return c.isascii() and c.isalpha()

    def build(node: dict, last: str) -> str:  # type: ignore[type-arg]
        branches: list[str] = []
        for c in sorted(k for k in node if k):
            branches.append(re.escape(c) + build(node[c], c))
        if "" in node:
            branches.append(r"(?![A-Za-z])" if latin(last) else "")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    # every branch begins with its literal first character (a Latin one then looks behind
    # it for a letter), so the engine sees the set of first characters and skips to them
    tops = [
        re.escape(c) + (r"(?<![A-Za-z].)" if latin(c) else "") + build(trie[c], c)
        for c in sorted(trie)
    ]
    return "|".join(tops)


def _key_index(keyed: Keyed, offset: int) -> int:
    """The index in `keyed.key` of the first character at or after `offset` of the text."""
    return keyed.to_key(offset)


def subject_mentions(
    linker: ProgramLinker, topics: Sequence[ProgramMention], via: str
) -> tuple[ProgramMention, ...]:
    """The links an initiative about `topics` passes to its items that name no program:
    each topic program with its phase, then its registry successors (PRISM → BRIDGE)."""
    found: list[ProgramMention] = []
    for topic in topics:
        found.append(
            ProgramMention(
                program=topic.program,
                phase=topic.phase,
                text=topic.text,
                span=None,
                period=topic.period,
                inferred=True,
                rule=MentionRule.SUBJECT,
                via=via,
            )
        )
        for successor in linker.successors(topic.program):
            program = linker.catalog[successor]
            found.append(
                ProgramMention(
                    program=successor,
                    phase=None,
                    text=topic.text,
                    span=None,
                    period=program.period,
                    inferred=True,
                    rule=MentionRule.SUBJECT,
                    via=via,
                )
            )
    return tuple(found)


@functools.cache
def _default_linker() -> ProgramLinker:
    return ProgramLinker(default_programs())


def linker_for(catalog: Mapping[str, Program]) -> ProgramLinker:
    """The linker of `catalog`: built once for the registry's own catalog (its pattern
    takes milliseconds to build), afresh for any other."""
    if catalog is default_programs():
        return _default_linker()
    return ProgramLinker(catalog)


def plan_year(catalog: Mapping[str, Program], edition: int | None) -> int | None:
    """The year the Basic Plan an edition follows up was written: the first year of the
    科学技術・イノベーション基本計画 phase in force in the edition's year (2021 for the 2024
    edition, which follows up the 6th plan). Column 1 (基本計画における具体的な取組) and the
    section's 目標 and 主要指標 quote that plan."""
    plan = catalog.get("sti-basic-plan")
    if plan is None or edition is None:
        return None
    phase = plan.phase_in(edition)
    return None if phase is None else phase.start_fy


def link_reposts(sections: list[Section]) -> list[Section]:
    """`sections` with each (再掲) item's original: `repost_of` the ID of the item of the
    same kind and text that is not itself a repost, where the roadmap has one, else
    `repost_outside` (the original lies in another section of the 工程表)."""
    originals: dict[tuple[str, str], str] = {}
    for section in sections:
        for indicator in section.indicators:
            if not indicator.repost:
                originals.setdefault(("indicator", search_key(indicator.text)), indicator.id)
        for sub in section.subsections:
            for ini in sub.initiatives:
                if not ini.repost:
                    originals.setdefault(("initiative", search_key(ini.text)), ini.id)
                for action in ini.actions:
                    if not action.repost:
                        originals.setdefault(("action", search_key(action.text)), action.id)

    def mark(obj: _Reposted, kind: str) -> _Reposted:
        if not obj.repost:
            return obj
        original = originals.get((kind, search_key(obj.text)))
        return attrs.evolve(obj, repost_of=original, repost_outside=original is None)

    def initiative(ini: Initiative) -> Initiative:
        actions = tuple(mark(a, "action") for a in ini.actions)
        marked = mark(ini, "initiative")
        if marked is ini and _same(actions, ini.actions):
            return ini  # nothing reposted in it: the object as built
        return attrs.evolve(marked, actions=actions)

    result = []
    for section in sections:
        subsections = []
        for sub in section.subsections:
            initiatives = tuple(initiative(ini) for ini in sub.initiatives)
            same = _same(initiatives, sub.initiatives)
            subsections.append(sub if same else attrs.evolve(sub, initiatives=initiatives))
        indicators = tuple(mark(ind, "indicator") for ind in section.indicators)
        if _same(subsections, section.subsections) and _same(indicators, section.indicators):
            result.append(section)
        else:
            result.append(
                attrs.evolve(section, subsections=tuple(subsections), indicators=indicators)
            )
    return result


def _same(new: Sequence[object], old: Sequence[object]) -> bool:
    """Whether `new` holds the very objects of `old` (nothing in it was rebuilt)."""
    return all(a is b for a, b in zip(new, old, strict=True))


def program_ids(mentions: tuple[ProgramMention, ...]) -> tuple[str, ...]:
    """The IDs of the programs `mentions` link to, in order of first mention."""
    return tuple(dict.fromkeys(m.program for m in mentions))


def with_lineage(mentioned: dict[str, None], catalog: Mapping[str, Program]) -> dict[str, None]:
    """The programs mentioned, then their predecessors and successors (transitively), so
    that the lineage of every program a roadmap carries is in it too."""
    result = dict(mentioned)
    todo = list(mentioned)
    while todo:
        program = catalog.get(todo.pop())
        if program is None:
            continue
        for other in (program.predecessor, program.successor):
            if other and other in catalog and other not in result:
                result[other] = None
                todo.append(other)
    return result
