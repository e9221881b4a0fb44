"""Random lists of edits on the bundled source: the comparison finds exactly those edits.

Pure inserts, deletes and moves must come back exactly; a rewording (a phrase slipped
into a bullet, its similarity to the old text at or above the threshold) as ``changed``;
a deadline's year, a dropped underline likewise. Targets are bullets printed on one line
whose text is unique in the roadmap (for repeated texts "the n-th to the n-th" is the
rule, and which copy an edit touched cannot be told from the result).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import stpmodel
from stpmodel.diff import THRESHOLD, diff, normalize, similarity
from tests.data import make_edition
from tests.data.make_edition import Edit

SOURCE = make_edition.source_text()
LINES = SOURCE.split("\n")
ROADMAP = stpmodel.parse(SOURCE, name="bundled")
SEGMENTS = make_edition.segments(ROADMAP, LINES)
_COUNTS = Counter(normalize(a.text) for a in ROADMAP.actions)
ELIGIBLE = sorted(
    (a.id for a in ROADMAP.actions if a.id in SEGMENTS and _COUNTS[normalize(a.text)] == 1),
    key=lambda ident: [int(p) if p.isdigit() else p for p in re.split(r"[.a]+", ident)],
)
_HIRAGANA = re.compile(r"[\u3041-\u309f]")
_YEAR = re.compile(r"(20\d\d)年度")
_LEAD = re.compile(r"<u>([^<、]+)</u>")


def _raw(ident: str) -> str:
    segment = SEGMENTS[ident]
    return LINES[segment.line][segment.start : segment.end]


def _initiative(ident: str) -> str:
    return ident.rsplit(".a", 1)[0]


@st.composite
def edit_lists(draw: st.DrawFn) -> list[Edit]:
    targets = draw(st.lists(st.sampled_from(ELIGIBLE), min_size=1, max_size=6, unique=True))
    anchors = [ident for ident in ELIGIBLE if ident not in targets]
    used_anchors: set[str] = set()
    edits: list[Edit] = []

    def anchor(where: st.SearchStrategy[str]) -> str:
        chosen = draw(where.filter(lambda a: a not in used_anchors))
        used_anchors.add(chosen)
        return chosen

    for target in targets:
        raw = _raw(target)
        body = raw[: raw.find("【")] if "【" in raw else raw
        ops = ["delete", "move", "reword"]
        if len(_YEAR.findall(raw)) == 1:
            ops.append("deadline")
        leads = [code for code in _LEAD.findall(raw) if raw.count(f"<u>{code}</u>") == 1]
        if leads:
            ops.append("underline")
        op = draw(st.sampled_from(ops))
        if op == "delete":
            edits.append(Edit(op="delete", target=target))
        elif op == "move":
            others = [a for a in anchors if _initiative(a) != _initiative(target)]
            edits.append(Edit(op="move", target=target, to=anchor(st.sampled_from(others))))
        elif op == "deadline":
            year = _YEAR.search(raw)
            assert year is not None
            shift = draw(st.sampled_from([-1, 1, 2]))
            new = f"{int(year.group(1)) + shift}年度"
            edits.append(Edit(op="deadline", target=target, old=year.group(0), new=new))
        elif op == "underline":
            edits.append(Edit(op="underline", target=target, old=draw(st.sampled_from(leads))))
        else:
            places = [i for i in range(4, len(body) - 4) if _HIRAGANA.match(body[i - 1])]
            assume(places)
            at = draw(st.sampled_from(places))
            phrase = draw(st.sampled_from(["一層", "着実に", "重点的に", "速やかに"]))
            old = body[at - 4 : at + 4]
            assume(raw.count(old) == 1)
            new = old[:4] + phrase + old[4:]
            edits.append(Edit(op="reword", target=target, old=old, new=new))
    for n in range(draw(st.integers(0, 3))):
        name = draw(
            st.text("アイウエオカキクケコサシスセソタチツテトナニヌネノ", min_size=6, max_size=12)
        )
        when = draw(st.integers(2024, 2030))
        text = f"試験的な取組{n}として{name}を{when}年度までに実施。【文】"
        edits.append(Edit(op="insert", target=anchor(st.sampled_from(anchors)), new=text))
    return edits


def _summary(found: Any) -> list[dict[str, Any]]:
    records = [
        {k: r[k] for k in ("change", "kind", "old_id", "new_id", "fields")} for r in found.records()
    ]
    return sorted(records, key=lambda e: (e["kind"], e["old_id"] or "", e["new_id"] or ""))


@settings(max_examples=40)
@given(edit_lists())
def test_random_edits_come_back_exactly(edits: list[Edit]) -> None:
    text, expected = make_edition.apply(SOURCE, edits)
    new = stpmodel.parse(text, name="edited.txt")
    gone = [ROADMAP.get(e.target).text for e in edits if e.op == "delete"]  # type: ignore[union-attr]
    for edit in edits:
        if edit.op == "reword":
            old_text = ROADMAP.get(edit.target).text  # type: ignore[union-attr]
            new_text = old_text.replace(edit.old, edit.new) if edit.old in old_text else None
            if new_text is not None:
                score = similarity(old_text, new_text)
                assert score >= THRESHOLD  # a phrase slipped in keeps the text recognisable
                assume(all(similarity(g, new_text) < score for g in gone))
    found = diff(ROADMAP, new)
    assert _summary(found) == expected
    for entry in found:
        if entry.change == "changed" and "text" in entry.fields:
            assert entry.score is not None
            assert entry.score >= THRESHOLD
    # read backwards, the same edits undo: what was added is removed and the other way
    back = diff(new, ROADMAP).counts
    forward = found.counts
    assert (back["added"], back["removed"]) == (forward["removed"], forward["added"])
    assert (back["changed"], back["moved"]) == (forward["changed"], forward["moved"])
