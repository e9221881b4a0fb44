"""Queries over a Roadmap: pure functions, with ``as_of`` always passed in.

Nothing here reads the clock: "what is overdue" is asked of a date the caller gives, so
results are reproducible and tests are deterministic.
"""

from __future__ import annotations

import datetime as dt

from stpmodel._text import search_key
from stpmodel.dates import DateMention, Relation
from stpmodel.model import Action, Indicator, Initiative, Section, StatusNote, Subsection
from stpmodel.roadmap import Deadlines, Node, Roadmap, TreeNode, memoized

__all__ = [
    "actions_of",
    "deadlines",
    "due_date",
    "items_of",
    "ministries_of",
    "overdue",
    "programs_of",
    "search",
    "upcoming",
]


def due_date(mention: DateMention) -> dt.date:
    """Deprecated alias of ``DateMention.due`` (removed in the next release)."""
    import warnings

    warnings.warn(
        "stpmodel.query.due_date is deprecated; use DateMention.due",
        DeprecationWarning,
        stacklevel=2,
    )
    return mention.due


def deadlines(
    roadmap: Roadmap,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    program: str | None = None,
    relation: Relation | str | None = None,
) -> Deadlines:
    """Deadlines by written year (``from_year``/``to_year``), by date window (periods that
    overlap ``start``..``end``), ministry (``lead_only`` for the ministry in charge),
    program and relation; in document order. See :meth:`Roadmap.deadlines`."""
    found = roadmap.deadlines(
        from_year=from_year,
        to_year=to_year,
        ministry=ministry,
        program=program,
        relation=relation,
        lead_only=lead_only,
    )
    if start is None and end is None:
        return found
    lo = start or dt.date.min
    hi = end or dt.date.max
    return Deadlines(
        d for d in found if d.mention.period.start <= hi and lo <= d.mention.period.end
    )


def overdue(roadmap: Roadmap, as_of: dt.date) -> Deadlines:
    """``by`` deadlines whose period ended before ``as_of`` (2024年7月までに is overdue on
    2024-08-01)."""
    return Deadlines(
        d for d in roadmap.deadlines(relation=Relation.BY) if d.mention.period.end < as_of
    )


def upcoming(roadmap: Roadmap, as_of: dt.date, within: dt.timedelta | int = 365) -> Deadlines:
    """Deadlines (``by`` and ``target``) due from ``as_of`` up to ``within`` days later,
    soonest first."""
    span = within if isinstance(within, dt.timedelta) else dt.timedelta(days=within)
    horizon = as_of + span
    found = [
        d
        for d in roadmap.deadlines()
        if d.mention.relation in (Relation.BY, Relation.TARGET)
        and as_of <= d.mention.due <= horizon
    ]
    return Deadlines(sorted(found, key=lambda d: d.mention.due))


def actions_of(roadmap: Roadmap, ministry: str, *, lead_only: bool = False) -> tuple[Action, ...]:
    """Actions tagged with the ministry ``ministry`` (only where it leads, with
    ``lead_only``)."""
    return tuple(
        a
        for a in roadmap.actions
        if any(r.code == ministry and (r.lead or not lead_only) for r in a.ministries)
    )


def items_of(roadmap: Roadmap, program: str) -> tuple[Initiative | StatusNote | Action, ...]:
    """Initiatives, status notes and actions that mention the program ``program``."""
    found: list[Initiative | StatusNote | Action] = []
    for ini in roadmap.initiatives:
        candidates: list[Initiative | StatusNote | Action] = [ini, *ini.status_notes, *ini.actions]
        found.extend(obj for obj in candidates if program in obj.programs)
    return tuple(found)


def ministries_of(roadmap: Roadmap, program: str) -> tuple[str, ...]:
    """Codes of the ministries tagged on initiatives and actions that mention ``program``,
    or on the initiative of a status note that does."""
    codes: dict[str, None] = {}
    for obj in items_of(roadmap, program):
        if isinstance(obj, StatusNote):
            refs = roadmap.get(obj.initiative_id, Initiative).ministries
        else:
            refs = obj.ministries
        codes.update(dict.fromkeys(r.code for r in refs))
    return tuple(codes)


def programs_of(roadmap: Roadmap, ministry: str) -> tuple[str, ...]:
    """IDs of the programs mentioned by items tagged with ``ministry`` (or by the status
    notes of initiatives tagged with it)."""
    found: dict[str, None] = {}
    for ini in roadmap.initiatives:
        tagged = any(r.code == ministry for r in ini.ministries)
        if tagged:
            found.update(dict.fromkeys(ini.programs))
            for note in ini.status_notes:
                found.update(dict.fromkeys(note.programs))
        for action in ini.actions:
            if any(r.code == ministry for r in action.ministries):
                found.update(dict.fromkeys(action.programs))
    return tuple(found)


def _body(node: TreeNode) -> str:
    """The text a search looks in: a title, a text, or an indicator's text and details."""
    if isinstance(node, Indicator):
        return node.text + "".join(node.details)
    if isinstance(node, Section | Subsection):
        return node.title
    return node.text


def search(roadmap: Roadmap, text: str) -> tuple[Node, ...]:
    """Objects whose text contains ``text``, in document order.

    Matching ignores white space, width and case, so ``"SIP"`` finds ``"S I P"`` and
    ``"２０２５年度"`` finds ``"2025 年度"``.
    """
    key = search_key(text)
    if not key:
        return ()
    return tuple(obj for obj, body in memoized(roadmap, "search", _search_keys) if key in body)


def _search_keys(roadmap: Roadmap) -> tuple[tuple[Node, str], ...]:
    return tuple((node, search_key(_body(node))) for node in roadmap.walk())
