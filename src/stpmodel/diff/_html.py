"""HTML for a comparison, built from plain records (dicts), with every text escaped.

Text changes are shown inline, word by word, the way a code review shows them: removed
words struck through on red, added words on green.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from stpmodel.diff._text import opcodes, tokens

__all__ = ["inline_diff", "render"]

_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"
_DEL = "background:#fdd;text-decoration:line-through"
_INS = "background:#dfd"
_COLOURS = {"added": "#1a7f37", "removed": "#cf222e", "changed": "#9a6700", "moved": "#0969da"}


def inline_diff(old: str, new: str) -> str:
    """``old`` and ``new`` as one escaped HTML text, removed words in ``<del>``, added words
    in ``<ins>``."""
    before, after = tokens(old), tokens(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in opcodes(before, after):
        if op == "equal":
            parts.append(escape("".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f'<del style="{_DEL}">{escape("".join(before[i1:i2]))}</del>')
        if j2 > j1:
            parts.append(f'<ins style="{_INS}">{escape("".join(after[j1:j2]))}</ins>')
    return "".join(parts)


def _details(record: Mapping[str, Any]) -> str:
    lines = []
    for m in record.get("ministries") or ():
        lines.append(f"府省 {escape(m['code'])}: {escape(m['change'].replace('_', ' '))}")
    for d in record.get("dates") or ():
        before = f"{d['old']} ({d['old_period']})" if d["old"] else "-"
        after = f"{d['new']} ({d['new_period']})" if d["new"] else "-"
        shift = f", {d['shift_days']:+d} days" if d.get("shift_days") is not None else ""
        lines.append(f"期限 {escape(before)} → {escape(after)}{escape(shift)}")
    for p in record.get("programs") or ():
        lines.append(f"program {escape(p['program'])}: {escape(p['change'])}")
    for o in record.get("observations") or ():
        lines.append(f"値 {escape(str(o['old'] or '-'))} → {escape(str(o['new'] or '-'))}")
    repost = record.get("repost")
    if repost:
        lines.append(f"(再掲) {escape(str(repost['old']))} → {escape(str(repost['new']))}")
    return "<br>".join(lines)


def _text(record: Mapping[str, Any]) -> str:
    old, new = record.get("old_text"), record.get("new_text")
    if old is not None and new is not None:
        return inline_diff(str(old), str(new))
    if new is not None:
        return f'<ins style="{_INS}">{escape(str(new))}</ins>'
    if old is not None:
        return f'<del style="{_DEL}">{escape(str(old))}</del>'
    return escape(str(record.get("text") or ""))


def render(records: Sequence[Mapping[str, Any]], counts: Mapping[str, int]) -> str:
    """A table of the entries of a comparison, one row each, under a line of counts."""
    summary = ", ".join(f"{count} {escape(change)}" for change, count in counts.items())
    if not records:
        return f"<p>No differences ({summary}).</p>"
    head = "".join(
        f'<th style="{_CELL}">{h}</th>' for h in ("change", "kind", "ID", "fields", "text")
    )
    rows = []
    for r in records:
        colour = _COLOURS.get(str(r["change"]), "inherit")
        ident = " → ".join(escape(str(i)) for i in (r["old_id"], r["new_id"]) if i is not None)
        fields = escape(", ".join(r.get("fields") or ()))
        score = r.get("score")
        if score is not None and score < 1:
            fields += f"<br><small>score {float(score):.2f}</small>"
        text = _text(r)
        details = _details(r)
        if details:
            text += f"<br><small>{details}</small>"
        cells = [
            f'<b style="color:{colour}">{escape(str(r["change"]))}</b>',
            escape(str(r["kind"])),
            ident,
            fields,
            text,
        ]
        rows.append("<tr>" + "".join(f'<td style="{_CELL}">{c}</td>' for c in cells) + "</tr>")
    return (
        f"<p>{summary}</p>"
        '<table style="border-collapse:collapse;font-size:90%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
