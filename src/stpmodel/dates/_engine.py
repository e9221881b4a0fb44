"""The date scanner behind [find_dates][stpmodel.dates.find_dates].

The text is first folded without changing its length (full-width letters and signs,
dashes, the Kangxi radicals and compatibility ideographs some PDF fonts produce), so every
span still points into the original. One compiled pattern then finds date *atoms*: a year
(Western, 和暦 under any of its spellings, in numerals or kanji) with its unit, month, day,
modifier, weekday and time of day; a numeric date (2012/3/31, H30/04/01); or a bare month.
Months and days are read loosely there and checked in Python, so an impossible date
(2023/2/30, 令和0年) is reported as a `DateProblem` rather than half-read. A short pass in
Python joins atoms linked by a range sign into one mention, completes a second end that
leaves out what the first gave (4日から22日, 十月一日から19年二月三日), lets bare months and
bare years inherit what their neighbours say, and reads the relation from the words that
follow. Every quantifier in the patterns is bounded and every number is anchored with a
look-behind, so the work per input character is constant: the scan is linear even on
adversarial input (a megabyte of digits, 年, 度 and ～).
"""

from __future__ import annotations

import attrs

from stpmodel.dates._atoms import Atom, DateProblem, read_atoms, resolve_bare_month
from stpmodel.dates._days import calendar_year
from stpmodel.dates._join import era_end, era_list, join, short_end
from stpmodel.dates._normalise import collapse_letter_spacing, fold, original_span
from stpmodel.dates._patterns import CONNECTOR, MAYBE_DATE, UNTIL, WORD_BEFORE
from stpmodel.dates._relations import make_mention
from stpmodel.dates.mention import DateMention, Relation
from stpmodel.dates.period import Calendar, Granularity, Period
from stpmodel.errors import ArgumentTypeError

__all__ = ["DateProblem", "scan"]


def _check_arguments(text: object, year: object) -> None:
    if not isinstance(text, str):
        raise ArgumentTypeError("text", "a str", text)
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise ArgumentTypeError("year", "an int (such as 2025) or None", year)


def scan(text: str, *, year: int | None = None) -> tuple[list[DateMention], list[DateProblem]]:
    """Every date mention in ``text`` (in order) and the date-like text that names no day.

    ``year`` is the year the document speaks from (its edition: 2024 for
    統合イノベーション戦略2024), from which 今年度, 来年度, 昨年 … are counted; without it
    they are reported as problems. A ``text`` that is not a str or a ``year`` that is not an
    int raises [ArgumentTypeError][stpmodel.errors.ArgumentTypeError].
    """
    _check_arguments(text, year)
    if not MAYBE_DATE.search(text):  # most sentences name no date: one quick look
        return [], []
    spaced = collapse_letter_spacing(text)
    work = text if spaced is None else spaced[0]
    folded = fold(work)
    problems: list[DateProblem] = []
    atoms = read_atoms(folded, problems, year)
    mentions = _read(work, folded, atoms)
    if problems and folded is not work:  # quote the text as written, not as folded
        problems = [attrs.evolve(p, text=work[p.span[0] : p.span[1]]) for p in problems]
    if spaced is not None:
        return _map_back(text, spaced[1], mentions, problems)
    return mentions, problems


def _map_back(
    text: str, origin: list[int], mentions: list[DateMention], problems: list[DateProblem]
) -> tuple[list[DateMention], list[DateProblem]]:
    """Mentions and problems found in the collapsed text, with spans into ``text``."""
    moved = []
    for mention in mentions:
        a, b = original_span(origin, *mention.span)
        moved.append(attrs.evolve(mention, span=(a, b), text=text[a:b]))
    kept = []
    for problem in problems:
        a, b = original_span(origin, *problem.span)
        kept.append(attrs.evolve(problem, span=(a, b), text=text[a:b]))
    return moved, kept


def _read(text: str, folded: str, atoms: list[Atom]) -> list[DateMention]:
    """The mentions the atoms make: ranges joined, bare years and months completed from
    their neighbours, relations read from the words after them."""
    mentions: list[DateMention] = []
    context: Period | None = None
    i = 0
    while i < len(atoms):
        first = atoms[i]
        period, end, ranged, i = _period_at(atoms, i, folded, context)
        if period is None:
            continue
        mention = _mention_of(text, folded, first, end, period, ranged, mentions)
        mentions.append(mention)
        context = period
        if first.era is not None and not ranged:
            listed = era_list(text, folded, first.era, period, mention.span[1])
            mentions.extend(listed)
            while listed and i < len(atoms) and atoms[i].start < listed[-1].span[1]:
                i += 1
    return mentions


def _mention_of(
    text: str,
    folded: str,
    first: Atom,
    end: int,
    period: Period,
    ranged: bool,
    before: list[DateMention],
) -> DateMention:
    """The mention of ``period`` from ``first`` to ``end``, with the words before it that
    belong to it: 翌 or 同年 before a bare month, ～ before a date that ends an open range."""
    start = first.start
    if first.bare_month is not None and not ranged:
        start = _word_before(folded, start)
    until = (
        not ranged
        and start > 0
        and folded[start - 1] in "～〜~ \u3000"
        and UNTIL.search(folded, max(0, start - 3), start)
    )
    if until and (not before or before[-1].span[1] <= until.start()):
        # "～2025年度": a range open at its start, i.e. until then
        start = until.start()
    mention = make_mention(text, folded, start, end, period, ranged)
    if until and start != first.start and mention.relation is Relation.AT:
        mention = attrs.evolve(mention, relation=Relation.BY)
    return mention


def _period_at(
    atoms: list[Atom], i: int, folded: str, context: Period | None
) -> tuple[Period | None, int, bool, int]:
    """The period that starts at atom ``i``, where it ends, whether it is a range, and the
    index of the next atom to read."""
    first = atoms[i]
    nxt = atoms[i + 1] if i + 1 < len(atoms) else None
    link = None if nxt is None else CONNECTOR.fullmatch(folded, first.end, nxt.start)
    # 翌1月 after a range sign is next year's January: the word rule below reads it
    if nxt is not None and link and not ("翌" in link.group() and nxt.bare_month is not None):
        joined = join(first, nxt, context)
        if joined is not None:
            return joined, nxt.end, True, i + 2
    period = _alone(first, folded, context)
    if period is None:
        return None, first.end, False, i + 1
    found = era_end(first, period, folded, first.end) or short_end(first, period, folded, first.end)
    if found is None:
        return period, first.end, False, i + 1
    period, end = found
    i += 1
    while i < len(atoms) and atoms[i].start < end:
        i += 1  # atoms inside the second end (二月三日 of 19年二月三日)
    return period, end, True, i


def _alone(atom: Atom, folded: str, context: Period | None) -> Period | None:
    """The period one atom names by itself, its year taken from ``context`` if it has none."""
    if atom.range_only:
        return None
    if atom.bare_month is None:
        return atom.period
    if context is not None and context.calendar is not Calendar.FISCAL:
        before = WORD_BEFORE.search(folded, max(0, atom.start - 5), atom.start)
        if before and before.group("w") == "翌":  # 翌1月, 翌年1月: the next year's
            year = (
                context.end.year if context.granularity is Granularity.RANGE else context.start.year
            )
            context = calendar_year(year + 1)
    return resolve_bare_month(atom, context)


def _word_before(folded: str, start: int) -> int:
    """Where a bare month's mention starts: at the 翌 or 同年 that gives its year."""
    before = WORD_BEFORE.search(folded, max(0, start - 5), start)
    if before is None or (before.group("w") == "同" and not before.group("year")):
        return start
    return before.start()
