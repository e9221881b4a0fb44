"""Short summaries of the containers, for `repr()` at a prompt: what, which, how many.

A roadmap's full attrs repr runs to about 100,000 characters; printed at a Python prompt it
floods the terminal. The containers — [Roadmap][stpmodel.Roadmap],
[Section][stpmodel.Section], [Subsection][stpmodel.Subsection],
[Initiative][stpmodel.Initiative] and the result collections — show one line instead, as
pandas and pystac do: the class, the ID, a cut title or text and the counts. Leaf objects
(an action, a note, a date) keep attrs' repr; the whole structure stays available through
`attrs.asdict`, `records()` and the notebook view.

This module reads attributes only and imports nothing of the model.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["count", "cut", "items_summary", "summary"]

_WIDTH = 40
"""The longest title or text a summary shows, in characters."""


def cut(text: str, width: int = _WIDTH) -> str:
    """`text` on one line, cut to `width` characters with `…`."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def count(n: int, noun: str, plural: str = "") -> str:
    """`"1 action"`, `"3 actions"`."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _roadmap(r: Any) -> str:
    edition = f" ({r.edition})" if r.edition is not None else ""
    counts = ", ".join(
        (
            count(len(r.sections), "section"),
            count(len(r.initiatives), "initiative"),
            count(len(r.actions), "action"),
            count(len(r.status_notes), "status note"),
            count(len(r.indicators), "indicator"),
            count(len(r.footnotes), "footnote"),
            count(len(r.warnings), "warning"),
        )
    )
    return f"<Roadmap {cut(r.title)!r}{edition}: {counts}>"


def _section(s: Any) -> str:
    initiatives = [ini for sub in s.subsections for ini in sub.initiatives]
    counts = ", ".join(
        (
            count(len(s.subsections), "subsection"),
            count(len(initiatives), "initiative"),
            count(sum(len(i.actions) for i in initiatives), "action"),
            count(len(s.indicators), "indicator"),
        )
    )
    return f"<Section {s.id} {cut(s.title)!r}: {counts}>"


def _subsection(s: Any) -> str:
    counts = ", ".join(
        (
            count(len(s.initiatives), "initiative"),
            count(sum(len(i.actions) for i in s.initiatives), "action"),
            count(sum(len(i.status_notes) for i in s.initiatives), "status note"),
        )
    )
    return f"<Subsection {s.id} {cut(s.title)!r}: {counts}>"


def _initiative(i: Any) -> str:
    tags = "、".join(f"{m.code}*" if m.lead else m.code for m in i.ministries)
    counts = ", ".join(
        (
            count(len(i.status_notes), "status note"),
            count(len(i.actions), "action"),
            count(len(i.dates), "date"),
        )
    )
    return f"<Initiative {i.id} {cut(i.text)!r} 【{tags}】: {counts}>"


_SUMMARIES = {
    "Roadmap": _roadmap,
    "Section": _section,
    "Subsection": _subsection,
    "Initiative": _initiative,
}


def summary(obj: Any) -> str:
    """The one-line summary of a roadmap, section, subsection or initiative."""
    return _SUMMARIES[type(obj).__name__](obj)


def items_summary(kind: str, labels: Iterable[str], total: int, noun: str) -> str:
    """A result collection in one line: `<Deadlines: 29 deadlines — 6.1.2.a3, 6.1.2.a6, …>`,
    at most five labels, each cut short."""
    shown = [cut(label, 24) for _, label in zip(range(5), labels, strict=False)]
    more = ", …" if total > len(shown) else ""
    listed = f" — {', '.join(shown)}{more}" if shown else ""
    return f"<{kind}: {count(total, noun)}{listed}>"
