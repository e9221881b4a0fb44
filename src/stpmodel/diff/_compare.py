"""The fields of two matched objects that differ, and the entries of a comparison.

An object is changed only by its own fields: an initiative whose action was reworded is
not changed (the action is). Programs an action or a status note inherits from its
initiative (a phase such as 第3期 naming the initiative's SIP) are the initiative's doing:
a difference in them that the initiative's own programs explain is not reported on the
child.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any, TypeVar

from stpmodel.dates import DateMention
from stpmodel.diff._match import Node, Tree, moved
from stpmodel.diff._result import (
    Change,
    DateChange,
    DiffEntry,
    Match,
    MinistryChange,
    ObservationChange,
    ProgramChange,
)
from stpmodel.diff._text import normalize
from stpmodel.model import MinistryRef, Observation

__all__ = ["entries", "matches"]

_T = TypeVar("_T")

# which fields each kind has (besides text)
_HAS = {
    "initiative": ("ministries", "dates", "programs", "repost"),
    "action": ("ministries", "dates", "programs", "repost"),
    "status_note": ("dates", "programs"),
    "indicator": ("dates", "observations", "repost"),
    "footnote": ("dates",),
}


def _aligned(
    old: Sequence[_T], new: Sequence[_T], key: Callable[[_T], Hashable]
) -> Iterator[tuple[_T | None, _T | None]]:
    """The elements that differ, old and new side by side: a replaced run pairs its
    elements in order; what is left over on either side stands alone."""
    matcher = difflib.SequenceMatcher(None, [key(x) for x in old], [key(x) for x in new])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        left, right = old[i1:i2], new[j1:j2]
        for k in range(max(len(left), len(right))):
            yield (left[k] if k < len(left) else None, right[k] if k < len(right) else None)


def _date_key(mention: DateMention) -> Hashable:
    period = mention.period
    return (period.start, period.end, mention.relation)


def _dates(old: Sequence[DateMention], new: Sequence[DateMention]) -> tuple[DateChange, ...]:
    if [_date_key(m) for m in old] == [_date_key(m) for m in new]:
        return ()
    return tuple(DateChange(old=a, new=b) for a, b in _aligned(old, new, _date_key))


def _observation_key(obs: Observation) -> Hashable:
    as_of = None if obs.as_of is None else (obs.as_of.start, obs.as_of.end)
    return (
        obs.value,
        normalize(obs.unit),
        normalize(obs.label or ""),
        normalize(obs.series or ""),
        as_of,
    )


def _observations(
    old: Sequence[Observation], new: Sequence[Observation]
) -> tuple[ObservationChange, ...]:
    if [_observation_key(o) for o in old] == [_observation_key(o) for o in new]:
        return ()
    return tuple(ObservationChange(old=a, new=b) for a, b in _aligned(old, new, _observation_key))


def _ministries(
    old: Sequence[MinistryRef], new: Sequence[MinistryRef]
) -> tuple[MinistryChange, ...]:
    before = {ref.code: ref.lead for ref in old}
    after = {ref.code: ref.lead for ref in new}
    changes = []
    for code in dict.fromkeys([*before, *after]):
        if code not in after:
            changes.append(MinistryChange(code=code, change="dropped", lead=before[code]))
        elif code not in before:
            changes.append(MinistryChange(code=code, change="added", lead=after[code]))
        elif before[code] != after[code]:
            change = "lead_gained" if after[code] else "lead_lost"
            changes.append(MinistryChange(code=code, change=change, lead=after[code]))
    return tuple(changes)


def _programs(old: Node, new: Node) -> tuple[ProgramChange, ...]:
    before, after = tuple(old.obj.programs), tuple(new.obj.programs)
    if before == after:
        return ()
    inherited_before: set[str] = set()
    inherited_after: set[str] = set()
    if old.kind in ("action", "status_note") and old.parent and new.parent:
        # what the initiatives gained or lost, the children gained or lost through them
        parent_before = set(old.parent.obj.programs)
        parent_after = set(new.parent.obj.programs)
        inherited_before = parent_before - parent_after
        inherited_after = parent_after - parent_before
    changes = [
        ProgramChange(program=p, change="dropped")
        for p in before
        if p not in after and p not in inherited_before
    ]
    changes += [
        ProgramChange(program=p, change="added")
        for p in after
        if p not in before and p not in inherited_after
    ]
    return tuple(changes)


def _changed(old: Node, new: Node, change: Change, score: float) -> DiffEntry | None:
    """The entry for a matched pair, or None when nothing of its own differs."""
    has = _HAS.get(old.kind, ())
    fields: list[str] = []
    details: dict[str, Any] = {}
    if old.key != new.key:
        fields.append("text")
        details["old_text"], details["new_text"] = old.text, new.text
    if "ministries" in has:
        found: tuple[Any, ...] = _ministries(old.obj.ministries, new.obj.ministries)
        if found:
            fields.append("ministries")
            details["ministries"] = found
    if "dates" in has:
        found = _dates(old.obj.dates, new.obj.dates)
        if found:
            fields.append("dates")
            details["dates"] = found
    if "programs" in has:
        found = _programs(old, new)
        if found:
            fields.append("programs")
            details["programs"] = found
    if "observations" in has:
        found = _observations(old.obj.observations, new.obj.observations)
        if found:
            fields.append("observations")
            details["observations"] = found
    if "repost" in has and bool(old.obj.repost) != bool(new.obj.repost):
        fields.append("repost")
    if not fields and change is Change.CHANGED:
        return None
    return DiffEntry(
        change=change,
        kind=old.kind,
        old=old.obj,
        new=new.obj,
        score=score,
        fields=tuple(fields),
        **details,
    )


def entries(old: Tree, new: Tree) -> tuple[DiffEntry, ...]:
    """Every difference between two matched trees, in the new edition's document order
    (a removed object where it stood, after what preceded it in the old edition)."""
    placed: list[tuple[float, DiffEntry]] = []
    anchor = -0.5  # where a removed object goes: after its nearest matched predecessor
    for node in old.all:
        if node.match is None:
            anchor += 1e-6
            placed.append(
                (
                    anchor,
                    DiffEntry(
                        change=Change.REMOVED,
                        kind=node.kind,
                        old=node.obj,
                        new=None,
                        old_text=node.text,
                    ),
                )
            )
            continue
        anchor = node.match.order + 0.5
        change = Change.MOVED if moved(node) else Change.CHANGED
        entry = _changed(node, node.match, change, node.score)
        if entry is not None:
            placed.append((float(node.match.order), entry))
    for node in new.all:
        if node.match is None:
            entry = DiffEntry(
                change=Change.ADDED, kind=node.kind, old=None, new=node.obj, new_text=node.text
            )
            placed.append((float(node.order), entry))
    placed.sort(key=lambda pair: pair[0])
    return tuple(entry for _, entry in placed)


def matches(old: Tree) -> tuple[Match, ...]:
    """Every pair found in both editions, with its score, in the old edition's order."""
    return tuple(
        Match(kind=node.kind, old=node.obj, new=node.match.obj, score=node.score)
        for node in old.all
        if node.match is not None
    )
