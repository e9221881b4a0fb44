"""Compare two editions of a roadmap: what was added, removed, reworded, re-assigned or
moved in time.

```python
import stpmodel

changes = stpmodel.compare(stpmodel.load(), stpmodel.read("next.txt"))
changes.counts  # {"added": 1, "removed": 1, "changed": 3, "moved": 0}
for shift in changes.deadline_shifts():
    print(shift.old_id, shift.old_period.label, "→", shift.new_period.label, shift.days)
```

Objects are matched by content, never by ID (IDs are positions); see
[compare][stpmodel.diff.compare] for how. This module is ``stpmodel.diff`` (``import
stpmodel.diff as d`` gives it, and ``d.THRESHOLD``, ``d.HIGHLIGHT_LIMIT`` … are its
constants); the function is [compare][stpmodel.diff.compare], also ``stpmodel.compare`` and,
for ``from stpmodel.diff import diff``, ``diff``. Calling the module itself,
``stpmodel.diff(old, new)`` (the spelling of earlier versions, when ``stpmodel.diff`` was the
function), still works but warns (DeprecationWarning). The module stays small so that
``import stpmodel`` can name it without loading the matcher; the classes load on first use.
"""

from __future__ import annotations

import os
import sys

from stpmodel._lazy import lazy_exports

TYPE_CHECKING = False  # typing costs a millisecond of every start of the command line

if TYPE_CHECKING:
    from types import ModuleType

    from stpmodel.diff._match import KINDS
    from stpmodel.diff._result import (
        FIELDS,
        Change,
        Counts,
        DateChange,
        DeadlineShift,
        DiffEntry,
        Match,
        MinistryChange,
        ObservationChange,
        ProgramChange,
        RoadmapDiff,
    )
    from stpmodel.diff._text import HIGHLIGHT_EDITS, HIGHLIGHT_LIMIT, normalize, similarity
    from stpmodel.roadmap import Roadmap

__all__ = [
    "FIELDS",
    "HIGHLIGHT_EDITS",
    "HIGHLIGHT_LIMIT",
    "KINDS",
    "THRESHOLD",
    "Change",
    "Counts",
    "DateChange",
    "DeadlineShift",
    "DiffEntry",
    "Match",
    "MinistryChange",
    "ObservationChange",
    "ProgramChange",
    "RoadmapDiff",
    "compare",
    "diff",
    "normalize",
    "open_edition",
    "similarity",
]

THRESHOLD = 0.5
"""The least [similarity][stpmodel.diff.similarity] at which two texts that are not the
same are taken for one object reworded (the Dice coefficient of their character bigrams,
from 0 to 1). A sentence with a few words changed scores about 0.7 to 0.95; of the 650
pairs of distinct bullets sharing an initiative in the bundled roadmap, 4 score 0.5 or more
(at most 0.79), the rest at most 0.46."""


def compare(old: Roadmap, new: Roadmap, *, threshold: float = THRESHOLD) -> RoadmapDiff:
    """What changed from ``old`` to ``new``, matched by content.

    Sections and subsections are matched by number and title; initiatives by the
    [similarity][stpmodel.diff.similarity] of their text within matched subsections (or,
    when the text was rewritten beyond ``threshold``, by having at least half of their
    status notes and actions in common); status notes and actions within matched
    initiatives; indicators, vision paragraphs and goals within matched sections; footnotes
    by their text (their numbers are positions too). What is left at each level is then
    matched across the whole roadmap: an action found in another initiative is ``moved``.
    Identical texts are matched first, the n-th to the n-th in document order; then texts
    at least ``threshold`` alike, best score first.

    Texts are compared in their [normalised][stpmodel.diff.normalize] form: white space,
    the PDF's letter spacing, footnote markers and markup make no difference, so two prints
    of one document with other page breaks compare equal.

    Args:
        old: The earlier edition.
        new: The later edition.
        threshold: The least similarity for a reworded text to match (0 to 1).

    Returns:
        The differences, in the new edition's document order.
    """
    from stpmodel.diff import _compare, _match, _result
    from stpmodel.roadmap import Roadmap

    for name, edition in (("old", old), ("new", new)):
        if not isinstance(edition, Roadmap):  # else an AttributeError from deep inside
            raise TypeError(
                f"compare() takes two Roadmaps (stpmodel.load(), parse() or "
                f"stpmodel.diff.open_edition()); {name} is {type(edition).__name__}"
            )
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
    before, after = _match.build_tree(old), _match.build_tree(new)
    _match.match(before, after, threshold)
    return _result.RoadmapDiff(
        old=old,
        new=new,
        entries=_compare.entries(before, after),
        matches=_compare.matches(before),
        threshold=threshold,
    )


diff = compare
"""The same function as [compare][stpmodel.diff.compare] (``from stpmodel.diff import diff``)."""


if not TYPE_CHECKING:
    ModuleType = type(sys)  # types.ModuleType, without importing `types` at start-up


class _CallableModule(ModuleType):
    """``stpmodel.diff`` is this module; calling it as the function it used to be warns."""

    def __call__(self, old: Roadmap, new: Roadmap, *, threshold: float = THRESHOLD) -> RoadmapDiff:
        import warnings

        warnings.warn(
            "stpmodel.diff is a module now: call stpmodel.compare(old, new) "
            "(or stpmodel.diff.compare) instead of stpmodel.diff(old, new)",
            DeprecationWarning,
            stacklevel=2,
        )
        return compare(old, new, threshold=threshold)


sys.modules[__name__].__class__ = _CallableModule


def open_edition(spec: str | os.PathLike[str], *, encoding: str | None = None) -> Roadmap:
    """An edition to compare: the word ``"bundled"`` (the roadmap shipped with stpmodel),
    a JSON export (what [dumps][stpmodel.dumps] writes; recognised by its first
    character, ``{``) or a roadmap text file.

    Raises:
        ParseError: The file cannot be read or decoded.
        LoadError: The JSON does not describe a roadmap.
    """
    if os.fspath(spec) == "bundled":
        from stpmodel._bundled import load

        return load()
    from stpmodel.errors import LoadError
    from stpmodel.parsing import parse
    from stpmodel.parsing._decode import decode, read_file

    name = os.fspath(spec)
    data = read_file(spec, source=name)
    if data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
        return parse(decode(data, source=name, encoding=encoding), name=name)
    from stpmodel.serialize import loads

    try:
        return loads(data)
    except LoadError as exc:
        message = str(exc).rpartition(" @ ")[0] or str(exc)
        raise LoadError(f"{name}: {message}", path=exc.path) from None


_LAZY = {
    "FIELDS": "_result",
    "Change": "_result",
    "DateChange": "_result",
    "DeadlineShift": "_result",
    "DiffEntry": "_result",
    "Match": "_result",
    "MinistryChange": "_result",
    "ObservationChange": "_result",
    "ProgramChange": "_result",
    "Counts": "_result",
    "RoadmapDiff": "_result",
    "KINDS": "_match",
    "HIGHLIGHT_EDITS": "_text",
    "HIGHLIGHT_LIMIT": "_text",
    "normalize": "_text",
    "similarity": "_text",
}


__getattr__, __dir__ = lazy_exports(__name__, {k: f".{v}" for k, v in _LAZY.items()}, __all__)
