"""The date scanner behind [find_dates][stpmodel.dates.find_dates]: the pipeline, nothing more.

1. `_normalise`: letter-spaced runs collapsed (令 和 4 年 度), then the text folded without
   changing its length (full-width letters and signs, dashes, Kangxi radicals).
2. `_patterns.ATOM` finds date *atoms*, one named sub-pattern per family; `_atoms` reads
   each with its family's reader and reports impossible dates as `DateProblem`s.
3. `_join` links atoms into ranges whose ends borrow from each other, lets bare months and
   years inherit from their neighbours, continues era lists; `_relations` reads the words
   after each mention.
4. Spans found in collapsed text are mapped back to the original.

Every quantifier in the patterns is bounded and every number anchored with a look-behind,
so the work per input character is constant: the scan is linear even on adversarial input
(a megabyte of digits, 年, 度 and ～, or of letter-spaced text).
"""

from __future__ import annotations

import attrs

from stpmodel.dates._atoms import Atom, DateProblem, read_atoms
from stpmodel.dates._join import era_list, mention_of, period_at
from stpmodel.dates._normalise import collapse_letter_spacing, fold, original_span
from stpmodel.dates._patterns import MAYBE_DATE
from stpmodel.dates.mention import DateMention
from stpmodel.dates.period import Period
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
        period, end, ranged, i = period_at(atoms, i, folded, context)
        if period is None:
            continue
        mention = mention_of(text, folded, first, end, period, ranged, mentions)
        mentions.append(mention)
        context = period
        if first.era is not None and not ranged:
            unit, listed = era_list(
                text, folded, first.era, period, mention.span[1], unitless=first.unitless
            )
            if unit is not None:  # 令和6、7年度: the list gave the first year its unit
                mentions[-1] = attrs.evolve(mention, period=unit)
            mentions.extend(listed)
            while listed and i < len(atoms) and atoms[i].start < listed[-1].span[1]:
                i += 1
    return mentions
