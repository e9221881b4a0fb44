"""Every deadline the roadmap writes for 2025, 2026 and 2027, grouped by year.

Run:  python examples/deadlines_2025_2027.py
"""

from __future__ import annotations

import itertools
import unicodedata

import stpmodel


def wrap(text: str, width: int = 76) -> list[str]:
    """Lines of at most `width` terminal columns (wide characters count two); a line
    never starts with 、。）」 (禁則)."""
    lines: list[str] = []
    line, used = "", 0
    for char in text:
        w = 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
        if used + w > width and char not in "、。，．）」』":
            lines.append(line)
            line, used = "", 0
        line += char
        used += w
    return [*lines, line] if line else lines


def main() -> None:
    roadmap = stpmodel.load()
    deadlines = roadmap.deadlines(from_year=2025, to_year=2027)
    print(f"{roadmap.title}")
    print(f"Deadlines written for 2025–2027: {len(deadlines)}  (* = ministry in charge)\n")
    by_year = sorted(deadlines, key=lambda d: (d.mention.period.year, d.mention.due))
    for year, group in itertools.groupby(by_year, key=lambda d: d.mention.period.year):
        print(f"━━ {year} ━━")
        for deadline in group:
            item, mention = deadline.item, deadline.mention
            ministries = "、".join(
                f"{roadmap.ministries[r.code].name_ja}*"
                if r.lead
                else roadmap.ministries[r.code].name_ja
                for r in item.ministries
            )
            programs = "、".join(roadmap.programs[p].name_ja for p in item.programs) or "—"
            kind = "取組" if deadline.kind == "initiative" else "取組方針"
            print(
                f"  [{item.id}] {kind}  期限: {mention.text} "
                f"({mention.period.start} – {mention.period.end}, {mention.relation.value})"
            )
            print(f"    府省: {ministries}")
            print(f"    事業: {programs}")
            for line in wrap(item.text):
                print(f"    {line}")
            print()


if __name__ == "__main__":
    main()
