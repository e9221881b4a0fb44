"""Text layout for the command line: display width of Japanese text and aligned tables.

These helpers serve the CLI only (other writers work from [stpmodel.records][]); they
return strings, and printing is the CLI's job. Table cells pass through
[escape_controls][stpmodel._escape.escape_controls], so no control character of a roadmap's
text reaches the terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from stpmodel._escape import escape_controls

__all__ = ["display_width", "ministry_labels", "table", "truncate"]


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: East Asian wide and full-width characters
    count two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def truncate(text: str, width: int) -> str:
    """Cut `text` to at most `width` columns, ending with … when cut."""
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        w = display_width(char)
        if used + w > width - 1:
            break
        out.append(char)
        used += w
    return "".join(out) + "…"


def _limit(text: str, width: int | None) -> str:
    return text if width is None else truncate(text, width)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    max_width: int | None = 100,
    limits: Sequence[int | None] = (),
) -> str:
    """An aligned table.

    With `max_width`, the last column is cut so every line fits it, and column `i` to
    `limits[i]` columns where given; with `max_width=None` (output to a file or a pipe)
    nothing is cut.
    """
    if not rows:
        return ""
    cells = [[escape_controls(c, json=True, bidi=True) for c in r] for r in rows]
    if limits:
        cells = [
            [_limit(c, limits[i] if i < len(limits) else None) for i, c in enumerate(r)]
            for r in cells
        ]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row[:-1]):
            widths[i] = max(widths[i], display_width(cell))
    fixed = sum(widths[:-1]) + 2 * (len(headers) - 1)
    last = None if max_width is None else max(10, max_width - fixed)
    lines = []
    for row in [list(headers), *cells]:
        padded = [_pad(cell, widths[i]) for i, cell in enumerate(row[:-1])]
        padded.append(_limit(row[-1], last))
        lines.append("  ".join(padded).rstrip())
    return "\n".join(lines)


def ministry_labels(codes: Sequence[str], leads: Sequence[str] = ()) -> str:
    """`科技*、文` — the ministry `codes`, `*` marking the `leads` (underlined, 主担当)."""
    lead = set(leads)
    return "、".join(f"{c}*" if c in lead else c for c in codes)
