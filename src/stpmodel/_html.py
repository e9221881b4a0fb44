"""HTML for notebooks: compact tables of roadmaps, initiatives, actions and deadlines.

The model classes' ``_repr_html_`` methods call :func:`render` lazily; this module holds
all the markup, escaped with :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from stpmodel.model import Action, Initiative, MinistryRef

if TYPE_CHECKING:
    from stpmodel.roadmap import Deadline

__all__ = ["deadlines_table", "render"]

_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"


def ministries(refs: Sequence[MinistryRef]) -> str:
    """Codes with the lead (underlined in the source) ones underlined here too."""
    return "、".join(f"<u>{escape(r.code)}</u>" if r.lead else escape(r.code) for r in refs)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table style="{_STYLE}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _dates(item: Initiative | Action) -> str:
    return "<br>".join(
        f"{escape(m.text)} <small>({m.period.start}–{m.period.end}, {m.relation.value})</small>"
        for m in item.dates
    )


def initiative(obj: Initiative) -> str:
    rows = [
        [escape(a.id), ministries(a.ministries), escape(a.text), _dates(a)] for a in obj.actions
    ]
    head = (
        f"<p><b>{escape(obj.id)}</b> {escape(obj.text)}<br>府省: {ministries(obj.ministries)}"
        f"{' (再掲)' if obj.repost else ''}</p>"
    )
    return head + _table(["ID", "府省", "今後の取組方針", "期限"], rows)


def action(obj: Action) -> str:
    return _table(
        ["ID", "府省", "今後の取組方針", "期限"],
        [[escape(obj.id), ministries(obj.ministries), escape(obj.text), _dates(obj)]],
    )


def deadlines_table(deadlines: Iterable[Deadline]) -> str:
    """A table of :class:`~stpmodel.Deadline` records."""
    rows = []
    for d in deadlines:
        item, mention = d.item, d.mention
        rows.append(
            [
                escape(item.id),
                ministries(item.ministries),
                escape(mention.text),
                f"{mention.period.start}–{mention.period.end}",
                escape(mention.relation.value),
                escape(item.text),
            ]
        )
    return _table(["ID", "府省", "期限", "期間", "relation", "内容"], rows)


def render(obj: object) -> str:
    """HTML for a roadmap object."""
    from stpmodel.roadmap import Roadmap

    if isinstance(obj, Roadmap):
        rows = [
            [
                escape(s.id),
                escape(s.title),
                str(len(s.initiatives)),
                str(sum(len(i.actions) for i in s.initiatives)),
            ]
            for section in obj.sections
            for s in section.subsections
        ]
        summary = (
            f"<p><b>{escape(obj.title)}</b><br>{len(obj.initiatives)} initiatives, "
            f"{len(obj.actions)} actions, {len(obj.status_notes)} status notes, "
            f"{len(obj.indicators)} indicators, {len(obj.footnotes)} footnotes, "
            f"{len(obj.warnings)} warnings</p>"
        )
        return summary + _table(["ID", "小項目", "取組", "取組方針"], rows)
    if isinstance(obj, Initiative):
        return initiative(obj)
    if isinstance(obj, Action):
        return action(obj)
    return f"<pre>{escape(repr(obj))}</pre>"
