"""Write ``variant_print.txt``: the bundled source printed with other page breaks.

A different print of the same document breaks different table rows across pages and
places the footnote blocks elsewhere. This script makes one from the shipped source:

1. rows that the source broke over a page are joined back, cell by cell;
2. the footnote blocks are taken out of where they stood;
3. other rows are broken: mid-sentence in every cell (6.1.1, 6.2.2, 6.4.1), at a bullet
   boundary with an empty first cell (6.5.2), and in three pieces (6.3.1);
4. footnote blocks, separators and blank lines are put between the pieces.

Run it from the repository root: ``python tests/data/make_variant.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "stpmodel" / "data" / "000_1d8cfa0f98f72cfe.txt"
TARGET = Path(__file__).with_name("variant_print.txt")

_TAG = re.compile(r"<[^<>]*>")


def _cut(cell: str, share: float) -> tuple[str, str]:
    """Cut ``cell`` near ``share`` of its length, never inside a <tag> or on a bullet."""
    pos = int(len(cell) * share)
    while pos < len(cell):
        inside = any(m.start() < pos < m.end() for m in _TAG.finditer(cell))
        if not inside and cell[pos] not in "・ \t" and cell[pos - 1] not in "・ ":
            return cell[:pos], cell[pos:]
        pos += 1
    raise ValueError("no place to cut")


def _at_bullet(cell: str, nth: int) -> tuple[str, str]:
    """Cut ``cell`` just before its ``nth`` bullet."""
    starts = [m.start() for m in re.finditer(r"(?<=\s)・", cell)]
    return cell[: starts[nth]], '<ul style="list-style-type: none"> ' + cell[starts[nth] :]


def main() -> None:
    lines = SOURCE.read_text(encoding="utf-8").split("\n")
    footnotes: list[str] = []
    rows: list[list[str] | str] = []
    for raw in lines:
        in_tables = lines.index(raw) > 41  # footnotes printed inside the tables move
        if (re.match(r"^[⁰¹²³⁴⁵⁶⁷⁸⁹]", raw) or raw.startswith("※")) and in_tables:
            footnotes.append(raw)
            continue
        if "\t" in raw:
            cells = raw.split("\t")
            if set("".join(cells)) <= {"-", " "}:
                continue
            first = _TAG.sub("", cells[0]).strip()
            if not first.startswith("○") and "具体的な取組" not in first:
                previous = rows[-1]
                while isinstance(previous, str):  # a continuation: join with its row
                    rows.pop()
                    previous = rows[-1]
                for i, cell in enumerate(cells):
                    previous[i] = previous[i] + cell
                continue
            rows.append(cells)
        else:
            rows.append(raw)
    out: list[str] = []

    def emit_break(first: list[str], rest: list[str], notes: list[str]) -> None:
        out.append("\t".join(first))
        out.append("")
        for note in notes:
            out.extend([note, ""])
        out.append("--\t--\t---")
        out.append("")
        out.append("\t".join(rest))

    initiative = 0
    for row in rows:
        if isinstance(row, str):
            out.append(row)
            continue
        if "具体的な取組" in row[0]:
            out.append("\t".join(row))
            continue
        initiative += 1
        if initiative in (1, 9, 19):  # 6.1.1, 6.2.2, 6.4.1: mid-sentence in every cell
            cuts = [_cut(cell, 0.55) for cell in row]
            notes = footnotes[:2] if initiative == 1 else footnotes[2:4] if initiative == 9 else []
            emit_break([c[0] for c in cuts], [c[1] for c in cuts], notes)
        elif initiative == 21:  # 6.5.2: at a bullet, first cell empty
            a1, b1 = _at_bullet(row[1], 2)
            a2, b2 = _at_bullet(row[2], 1)
            emit_break([row[0], a1, a2], ["", b1, b2], footnotes[4:])
        elif initiative == 12:  # 6.3.1: in three pieces
            thirds = [_cut(cell, 0.3) for cell in row]
            halves = [_cut(rest, 0.5) for _, rest in thirds]
            emit_break([c[0] for c in thirds], [c[0] for c in halves], [])
            out.extend(["", "\t".join(c[1] for c in halves)])
        else:
            out.append("\t".join(row))
    TARGET.write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
