"""Write next editions of the bundled roadmap from recorded lists of edits, with the
differences a comparison must find.

An edit names an action (or an indicator) of the bundled roadmap by its ID and changes
the source text where that object was printed:

- ``delete``: the bullet goes;
- ``insert``: a new bullet ``new`` (text and 【】 tag) goes after the bullet ``target``;
- ``reword``: ``old`` becomes ``new`` within the bullet (``deadline`` is a reword of a
  date, such as 2025年度 → 2026年度);
- ``move``: the bullet goes after the bullet ``to``, in another initiative;
- ``underline``: the underline of the ministry code ``old`` is dropped (主担当 no more);
- ``indicator``: ``old`` becomes ``new`` on the indicator's own line.

:func:`apply` returns the new text and the expected entries (``change``, ``kind``,
``old_id``, ``new_id``, ``fields``); the new IDs are worked out by replaying the edits on
the list of each initiative's actions, not by running the comparison. Run it from the
repository root to rewrite the two editions kept in this folder:
``python tests/data/make_edition.py``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stpmodel import Action, Indicator, Initiative, Roadmap, find_dates, parse
from stpmodel.diff import normalize
from stpmodel.parsing._cells import take_tags
from stpmodel.parsing._markup import blockify

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "stpmodel" / "data" / "000_1d8cfa0f98f72cfe.txt"
HERE = Path(__file__).resolve().parent

# a bullet that begins an item in a raw cell: at the start, after white space or a tag
_BULLET = re.compile(r"(?:^|(?<=[\s>]))・")


@dataclass(frozen=True)
class Edit:
    """One edit of the source text (see the module's docstring)."""

    op: str
    target: str
    old: str = ""
    new: str = ""
    to: str = ""


@dataclass(frozen=True)
class Segment:
    """Where a bullet was printed: its line (0-based) and its ``[start, end)`` in it, from
    the bullet to the end of its 【】 tag."""

    line: int
    start: int
    end: int


NEXT_EDITION = (
    Edit(op="delete", target="6.1.6.a2"),
    Edit(
        op="insert",
        target="6.1.1.a1",
        new="人文・社会科学と自然科学の融合による新たな公募型研究を2025年度に開始。【<u>文</u>】",
    ),
    Edit(
        op="reword",
        target="6.1.2.a2",
        old="2024年7月までにアクションプランのフォローアップを実施予定。",
        new="2025年7月までにアクションプランの改定を見据えたフォローアップを実施予定。",
    ),
    Edit(op="underline", target="6.1.5.a3", old="経"),
    Edit(op="indicator", target="6.r3", old="35位", new="38位"),
)
"""The next edition: one action removed, one added, one reworded with its deadline moved,
one ministry's underline dropped on another, one value changed on an indicator's line."""

EVERY_KIND = (
    Edit(
        op="insert",
        target="6.3.3.a1",
        new="量子暗号通信の実証基盤を整備し、2026年度までに運用を開始。【総】",
    ),
    Edit(op="delete", target="6.5.4.a2"),
    Edit(op="reword", target="6.1.6.a5", old="検討を開始", new="検討を本格的に開始"),
    Edit(op="deadline", target="6.4.3.a1", old="2025年度", new="2026年度"),
    Edit(op="move", target="6.5.1.a5", to="6.5.3.a3"),
    Edit(op="underline", target="6.4.1.a1", old="知財"),
    Edit(op="indicator", target="6.r2", old="米国は65社", new="米国は62社"),
    Edit(op="delete", target="6.5.5.a12"),
    Edit(op="insert", target="6.5.5.a11", new="若手研究者の海外派遣を拡充。【文】"),
)
"""One edit of each kind, some of them in one initiative."""


def source_text() -> str:
    """The bundled source text."""
    return SOURCE.read_text(encoding="utf-8")


def segments(roadmap: Roadmap, lines: Sequence[str]) -> dict[str, Segment]:
    """Where each action printed on one line stands in that line (actions broken over a
    page are left out: an edit needs the whole bullet in one place)."""
    found: dict[str, Segment] = {}
    by_line: dict[int, list[Action]] = {}
    for action in roadmap.actions:
        if len(action.source.lines) == 1:
            by_line.setdefault(action.source.lines[0] - 1, []).append(action)
    for number, actions in by_line.items():
        raw = lines[number]
        offset = raw.rfind("\t") + 1  # actions are the third cell
        cell = raw[offset:]
        starts = [m.start() for m in _BULLET.finditer(cell)]
        bullets = []
        for i, start in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else len(cell)
            tag_end = cell.rfind("】", start, stop)
            end = tag_end + 1 if tag_end >= 0 else stop
            item = take_tags(blockify(cell[start + 1 : end]), (number,))
            bullets.append((normalize(item.text), offset + start, offset + end))
        used: set[int] = set()
        for action in actions:
            key = normalize(action.text)
            for i, (text, start, end) in enumerate(bullets):
                if i not in used and text == key:
                    used.add(i)
                    found[action.id] = Segment(number, start, end)
                    break
    return found


def _position(roadmap: Roadmap, ident: str) -> tuple[str, int]:
    action = roadmap.get(ident, Action)
    initiative = action.initiative_id
    return initiative, int(ident.rsplit(".a", 1)[1])


def _texts_dates(text: str) -> list[tuple[Any, ...]]:
    return [(m.period.start, m.period.end, m.relation) for m in find_dates(text)]


def apply(source: str, edits: Sequence[Edit]) -> tuple[str, list[dict[str, Any]]]:
    """The source with ``edits`` made, and the entries a comparison must find.

    Each action is the target of at most one edit, and a bullet that others go after is
    not itself deleted or moved.
    """
    roadmap = parse(source, name="bundled")
    lines = source.split("\n")
    where = segments(roadmap, lines)
    # the actions of each initiative, as old IDs (inserted ones as "+n"), replayed
    order: dict[str, list[str]] = {
        ini.id: [a.id for a in ini.actions] for ini in roadmap.initiatives
    }
    changes: dict[int, list[tuple[int, int, str]]] = {}
    expected: list[dict[str, Any]] = []
    pending: list[tuple[str, str, str, str, list[str]]] = []  # change, old_id, token, kind, fields

    def change(segment: Segment, start: int, end: int, text: str) -> None:
        changes.setdefault(segment.line, []).append((start, end, text))

    def put_after(anchor: str, token: str) -> None:
        initiative, _ = _position(roadmap, anchor)
        actions = order[initiative]
        actions.insert(actions.index(anchor) + 1, token)

    def take_out(ident: str) -> None:
        initiative, _ = _position(roadmap, ident)
        order[initiative].remove(ident)

    for n, edit in enumerate(edits):
        if edit.op == "indicator":
            indicator = roadmap.get(edit.target, Indicator)
            number = indicator.source.lines[0] - 1
            line = lines[number]
            if line.count(edit.old) != 1:
                raise ValueError(f"{edit.old!r} is not once on the line of {edit.target}")
            start = line.index(edit.old)
            change(Segment(number, 0, 0), start, start + len(edit.old), edit.new)
            fields = ["text", "observations"]
            old_line, new_line = line, line.replace(edit.old, edit.new)
            if _texts_dates(old_line) != _texts_dates(new_line):
                fields.insert(1, "dates")
            expected.append(
                {
                    "change": "changed",
                    "kind": "indicator",
                    "old_id": edit.target,
                    "new_id": edit.target,
                    "fields": fields,
                }
            )
            continue
        segment = where[edit.target]
        raw = lines[segment.line][segment.start : segment.end]
        if edit.op == "delete":
            change(segment, segment.start, segment.end, "")
            take_out(edit.target)
            expected.append(
                {
                    "change": "removed",
                    "kind": "action",
                    "old_id": edit.target,
                    "new_id": None,
                    "fields": [],
                }
            )
        elif edit.op == "insert":
            change(segment, segment.end, segment.end, f" ・{edit.new}")
            token = f"+{n}"
            put_after(edit.target, token)
            pending.append(("added", "", token, "action", []))
        elif edit.op == "move":
            change(segment, segment.start, segment.end, "")
            take_out(edit.target)
            destination = where[edit.to]
            change(destination, destination.end, destination.end, " " + raw)
            put_after(edit.to, edit.target)
            pending.append(("moved", edit.target, edit.target, "action", []))
        elif edit.op in ("reword", "deadline", "underline"):
            if edit.op == "underline":
                old, new = f"<u>{edit.old}</u>", edit.old
            else:
                old, new = edit.old, edit.new
            if raw.count(old) != 1:
                raise ValueError(f"{old!r} is not once in the bullet of {edit.target}")
            start = segment.start + raw.index(old)
            change(segment, start, start + len(old), new)
            if edit.op == "underline":
                fields = ["ministries"]
            else:
                fields = ["text"]
                reworded = raw.replace(old, new)
                if _texts_dates(raw) != _texts_dates(reworded):
                    fields.append("dates")
            pending.append(("changed", edit.target, edit.target, "action", fields))
        else:
            raise ValueError(f"unknown edit {edit.op!r}")

    new_ids = {
        token: f"{initiative}.a{i}"
        for initiative, tokens in order.items()
        for i, token in enumerate(tokens, 1)
    }
    for kind_of_change, old_id, token, kind, fields in pending:
        expected.append(
            {
                "change": kind_of_change,
                "kind": kind,
                "old_id": old_id or None,
                "new_id": new_ids[token],
                "fields": fields,
            }
        )
    for number, edits_on_line in changes.items():
        text = lines[number]
        for start, end, replacement in sorted(
            edits_on_line, key=lambda c: (c[0], c[1]), reverse=True
        ):
            text = text[:start] + replacement + text[end:]
        lines[number] = text
    moved = [e for e in expected if e["change"] == "moved"]
    if moved:
        # a moved action that named no program takes its new initiative's subject (rule
        # `subject`): a difference its old and new initiatives' own programs do not
        # explain is reported on the action
        edited = parse("\n".join(lines), name="edited")
        for entry in moved:
            was = roadmap.get(entry["old_id"], Action)
            now = edited.get(entry["new_id"], Action)
            parent_before = set(roadmap.get(was.initiative_id, Initiative).programs)
            parent_after = set(edited.get(now.initiative_id, Initiative).programs)
            dropped = set(was.programs) - set(now.programs) - (parent_before - parent_after)
            added = set(now.programs) - set(was.programs) - (parent_after - parent_before)
            if dropped or added:
                entry["fields"] = ["programs"]
    expected.sort(key=lambda e: (e["kind"], e["old_id"] or "", e["new_id"] or ""))
    return "\n".join(lines), expected


def write(name: str, edits: Sequence[Edit]) -> None:
    """Write ``NAME.txt`` (the edition) and ``NAME.expected.json`` beside this script."""
    text, expected = apply(source_text(), edits)
    (HERE / f"{name}.txt").write_text(text, encoding="utf-8")
    document = json.dumps(expected, ensure_ascii=False, indent=1) + "\n"
    (HERE / f"{name}.expected.json").write_text(document, encoding="utf-8")


EDITIONS = {"next_edition": NEXT_EDITION, "every_edit": EVERY_KIND}


def main() -> None:
    for name, edits in EDITIONS.items():
        write(name, edits)


if __name__ == "__main__":
    main()
