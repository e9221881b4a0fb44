"""What a comparison of two editions returns: entries, their field changes, and the whole.

Everything here is a value: frozen attrs classes holding the model objects of both
editions. [RoadmapDiff.records][stpmodel.RoadmapDiff.records] turns them into plain dicts, which the HTML view,
the DataFrame and the command line are built from.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections import Counter
from collections.abc import Iterator
from typing import Any, overload

import attrs

from stpmodel.dates import DateMention, Period
from stpmodel.errors import MissingExtraError
from stpmodel.model import Observation, Section, Subsection
from stpmodel.roadmap import Roadmap, TreeNode

__all__ = [
    "FIELDS",
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
]

FIELDS = ("text", "ministries", "dates", "programs", "observations", "repost")
"""The fields an entry can name as changed, in the order they are listed."""


class Change(enum.StrEnum):
    """What happened to an object between two editions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"  # under another parent (an action now in another initiative)


@attrs.frozen(kw_only=True)
class Match:
    """Two objects found to be the same one in two editions, and how alike their texts
    are (1.0 for the same normalised text)."""

    kind: str
    old: TreeNode
    new: TreeNode
    score: float


@attrs.frozen(kw_only=True)
class MinistryChange:
    """One ministry code of an item's 【】 tag that changed: ``added``, ``dropped``,
    ``lead_gained`` (newly underlined, 主担当) or ``lead_lost``. ``lead`` says whether the
    ministry leads in the edition that has it: the new one for ``added`` and the lead
    changes, the old one for ``dropped``."""

    code: str
    change: str
    lead: bool = False

    def __str__(self) -> str:
        return f"{self.code} {self.change.replace('_', ' ')}"

    def record(self) -> dict[str, Any]:
        """``{"code": "厚", "change": "added", "lead": True}``."""
        return {"code": self.code, "change": self.change, "lead": self.lead}


@attrs.frozen(kw_only=True)
class ProgramChange:
    """A program the item mentions in one edition only: ``added`` or ``dropped``."""

    program: str
    change: str

    def __str__(self) -> str:
        return f"{self.program} {self.change}"


def _label(period: Period) -> str:
    return period.label


@attrs.frozen(kw_only=True)
class DateChange:
    """A date mention before and after (``None`` where it was added or dropped)."""

    old: DateMention | None
    new: DateMention | None

    @property
    def shift_days(self) -> int | None:
        """Days between the old and the new due date ([DateMention.due][stpmodel.DateMention.due]), positive
        when the new one is later; ``None`` unless both sides exist."""
        if self.old is None or self.new is None:
            return None
        return (self.new.due - self.old.due).days

    def __str__(self) -> str:
        before = f"{self.old.text} ({_label(self.old.period)})" if self.old else "-"
        after = f"{self.new.text} ({_label(self.new.period)})" if self.new else "-"
        return f"{before} → {after}"


@attrs.frozen(kw_only=True)
class ObservationChange:
    """An indicator value before and after (``None`` where it was added or dropped)."""

    old: Observation | None
    new: Observation | None

    def __str__(self) -> str:
        return f"{self.old.text if self.old else '-'} → {self.new.text if self.new else '-'}"


@attrs.frozen(kw_only=True)
class DeadlineShift:
    """A date on an initiative or action that moved: from ``old`` to ``new``."""

    kind: str
    old_id: str
    new_id: str
    old: DateMention
    new: DateMention

    @property
    def old_period(self) -> Period:
        """The period the old edition gives."""
        return self.old.period

    @property
    def new_period(self) -> Period:
        """The period the new edition gives."""
        return self.new.period

    @property
    def days(self) -> int:
        """Days from the old due date to the new one (negative when brought forward)."""
        return (self.new.due - self.old.due).days

    @property
    def old_due(self) -> dt.date:
        """The day the old mention falls due."""
        return self.old.due

    @property
    def new_due(self) -> dt.date:
        """The day the new mention falls due."""
        return self.new.due


def _ident(obj: TreeNode | None) -> str | None:
    return None if obj is None else obj.id


def _repost(obj: TreeNode | None) -> bool:
    return bool(getattr(obj, "repost", False))


def _shown(obj: TreeNode | None) -> str:
    """The text an object is shown by: a heading's title, any other object's text."""
    if obj is None:
        return ""
    return obj.title if isinstance(obj, Section | Subsection) else obj.text


@attrs.frozen(kw_only=True)
class DiffEntry:
    """One difference: an object ``added``, ``removed``, ``changed`` or ``moved``.

    ``old`` and ``new`` are the objects of the two editions (``None`` for an added or a
    removed one); ``score`` is the similarity of their texts; ``fields`` names what differs
    (see [FIELDS][stpmodel.diff.FIELDS]), and the tuples beside it say how.
    """

    change: Change
    kind: str
    old: TreeNode | None
    new: TreeNode | None
    score: float | None = None
    fields: tuple[str, ...] = ()
    old_text: str | None = None
    new_text: str | None = None
    ministries: tuple[MinistryChange, ...] = ()
    dates: tuple[DateChange, ...] = ()
    programs: tuple[ProgramChange, ...] = ()
    observations: tuple[ObservationChange, ...] = ()

    @property
    def old_id(self) -> str | None:
        """The object's ID in the old edition."""
        return _ident(self.old)

    @property
    def new_id(self) -> str | None:
        """The object's ID in the new edition."""
        return _ident(self.new)

    def record(self) -> dict[str, Any]:
        """The entry as a plain dict (JSON-ready): ``change``, ``kind``, ``old_id``,
        ``new_id``, ``fields``, ``score``, ``old_text`` and ``new_text`` (where the text
        changed, and the one text of an added or removed object), ``text`` (the object's
        text in the new edition, else in the old) and the details of ``ministries``,
        ``dates``, ``programs``, ``observations`` and ``repost`` (ministries with their code,
        change and lead flag; dates with both sides, their periods, due days and
        ``shift_days``)."""
        return {
            "change": self.change.value,
            "kind": self.kind,
            "old_id": self.old_id,
            "new_id": self.new_id,
            "fields": list(self.fields),
            "score": None if self.score is None else round(self.score, 3),
            "old_text": self.old_text,
            "new_text": self.new_text,
            "text": _shown(self.new if self.new is not None else self.old),
            "ministries": [m.record() for m in self.ministries],
            "dates": [_date_record(d) for d in self.dates],
            "programs": [{"program": p.program, "change": p.change} for p in self.programs],
            "observations": [
                {"old": o.old.text if o.old else None, "new": o.new.text if o.new else None}
                for o in self.observations
            ],
            "repost": (
                {"old": _repost(self.old), "new": _repost(self.new)}
                if "repost" in self.fields
                else None
            ),
        }


def _date_record(change: DateChange) -> dict[str, Any]:
    old, new = change.old, change.new
    return {
        "old": old.text if old else None,
        "new": new.text if new else None,
        "old_period": old.period.label if old else None,
        "new_period": new.period.label if new else None,
        "old_due": old.due.isoformat() if old else None,
        "new_due": new.due.isoformat() if new else None,
        "shift_days": change.shift_days,
    }


_ITEMS = ("initiative", "action")


class Counts(dict[str, int]):
    """The counts of a comparison by change, a plain mapping. Calling it (``counts()``, from
    when ``counts`` was a method) still gives the same dict, with a DeprecationWarning."""

    def __call__(self) -> dict[str, int]:
        import warnings

        warnings.warn(
            "RoadmapDiff.counts is a property now: write `changes.counts`, not `changes.counts()`",
            DeprecationWarning,
            stacklevel=2,
        )
        return dict(self)


@attrs.frozen(kw_only=True)
class RoadmapDiff:
    """The differences between two editions of a roadmap, in document order.

    A sequence of [DiffEntry][stpmodel.diff.DiffEntry] objects (empty, and false, when the
    editions say the same); ``matches`` holds every pair of objects found in both, changed
    or not, with its score.
    """

    old: Roadmap = attrs.field(repr=False)
    new: Roadmap = attrs.field(repr=False)
    entries: tuple[DiffEntry, ...] = ()
    matches: tuple[Match, ...] = attrs.field(default=(), repr=False)
    threshold: float = 0.5

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[DiffEntry]:
        return iter(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @overload
    def __getitem__(self, index: int) -> DiffEntry: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[DiffEntry, ...]: ...

    def __getitem__(self, index: int | slice) -> DiffEntry | tuple[DiffEntry, ...]:
        return self.entries[index]

    def filter(self, *, kind: str | None = None, change: Change | str | None = None) -> RoadmapDiff:
        """The entries of one kind (``"action"`` …) and/or one change (``"moved"`` …)."""
        wanted = None if change is None else Change(change)
        kept = tuple(
            e
            for e in self.entries
            if (kind is None or e.kind == kind) and (wanted is None or e.change is wanted)
        )
        return attrs.evolve(self, entries=kept)

    @property
    def counts(self) -> Counts:
        """How many entries of each change (every change is listed):
        `{"added": 1, "removed": 1, "changed": 3, "moved": 0}`."""
        found = Counter(entry.change.value for entry in self.entries)
        return Counts({change.value: found[change.value] for change in Change})

    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """The [counts][stpmodel.RoadmapDiff.counts] for each kind that has entries."""
        table: dict[str, dict[str, int]] = {}
        for entry in self.entries:
            row = table.setdefault(entry.kind, {change.value: 0 for change in Change})
            row[entry.change.value] += 1
        return table

    def summary(self) -> str:
        """One line: ``"1 added, 1 removed, 3 changed, 0 moved"``."""
        return ", ".join(f"{count} {change}" for change, count in self.counts.items())

    def deadline_shifts(self) -> tuple[DeadlineShift, ...]:
        """Every date on an initiative or action whose period changed between the
        editions, with the old and new periods and the shift in days."""
        shifts = []
        for entry in self.entries:
            if entry.kind not in _ITEMS:
                continue
            for change in entry.dates:
                old, new = change.old, change.new
                if old is None or new is None or old.period == new.period:
                    continue
                shifts.append(
                    DeadlineShift(
                        kind=entry.kind,
                        old_id=str(entry.old_id),
                        new_id=str(entry.new_id),
                        old=old,
                        new=new,
                    )
                )
        return tuple(shifts)

    def records(self) -> list[dict[str, Any]]:
        """Every entry as a plain dict (see [DiffEntry.record][stpmodel.diff.DiffEntry.record])."""
        return [entry.record() for entry in self.entries]

    def to_frame(self) -> Any:
        """The entries as a pandas DataFrame, one row per entry (needs the ``pandas`` extra).

        List-valued details become text (``"経 lead lost"``, ``"2025年度までに → 2026年度までに"``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtraError("DataFrames", "pandas", "pandas") from None
        rows = [
            {
                "change": e.change.value,
                "kind": e.kind,
                "old_id": e.old_id,
                "new_id": e.new_id,
                "fields": ",".join(e.fields),
                "score": e.score,
                "old_text": e.old_text,
                "new_text": e.new_text,
                "ministries": "; ".join(map(str, e.ministries)),
                "dates": "; ".join(map(str, e.dates)),
                "programs": "; ".join(map(str, e.programs)),
                "observations": "; ".join(map(str, e.observations)),
            }
            for e in self.entries
        ]
        columns = list(rows[0]) if rows else _FRAME_COLUMNS
        return pd.DataFrame(rows, columns=columns)

    def _repr_html_(self) -> str:
        from stpmodel.diff._html import render

        return render(self.records(), self.counts)

    def __repr__(self) -> str:
        """One line: the two editions' titles (shortened) and the counts."""
        return (
            f"<RoadmapDiff {_short(self.old.title)!r} → {_short(self.new.title)!r}: "
            f"{self.summary()}>"
        )

    def flat_records(self) -> list[dict[str, Any]]:
        """Every entry as one flat row for CSV: the columns of
        [records][stpmodel.RoadmapDiff.records] with each list of details as text
        (``"厚 added (lead)"``, ``"2024年7月までに (2024-07) → 2025年7月までに (2025-07), +365
        days"``), joined with ``; ``."""
        return [_flat(record) for record in self.records()]


def _short(title: str, size: int = 60) -> str:
    return title if len(title) <= size else title[: size - 1] + "…"


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    def ministry(m: dict[str, Any]) -> str:
        return f"{m['code']} {m['change'].replace('_', ' ')}" + (" (lead)" if m["lead"] else "")

    def date(d: dict[str, Any]) -> str:
        before = f"{d['old']} ({d['old_period']})" if d["old"] else "-"
        after = f"{d['new']} ({d['new_period']})" if d["new"] else "-"
        shift = d["shift_days"]
        return f"{before} → {after}" + ("" if shift is None else f", {shift:+d} days")

    repost = record["repost"]
    return {
        **{k: record[k] for k in ("change", "kind", "old_id", "new_id")},
        "fields": ",".join(record["fields"]),
        **{k: record[k] for k in ("score", "old_text", "new_text")},
        "ministries": "; ".join(ministry(m) for m in record["ministries"]),
        "dates": "; ".join(date(d) for d in record["dates"]),
        "programs": "; ".join(f"{p['program']} {p['change']}" for p in record["programs"]),
        "observations": "; ".join(
            f"{o['old'] or '-'} → {o['new'] or '-'}" for o in record["observations"]
        ),
        "repost": "" if repost is None else f"{repost['old']} → {repost['new']}",
    }


_FRAME_COLUMNS = [
    "change",
    "kind",
    "old_id",
    "new_id",
    "fields",
    "score",
    "old_text",
    "new_text",
    "ministries",
    "dates",
    "programs",
    "observations",
]
