"""Comparing editions: the generated editions give back exactly their edits, reprints and
renumbering give nothing, and the edits the generator does not make are found too."""

from __future__ import annotations

import difflib
import json
import random
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import stpmodel
from stpmodel import Action, Initiative, StatusNote
from stpmodel.cli import main
from stpmodel.diff import (
    THRESHOLD,
    Change,
    DiffEntry,
    RoadmapDiff,
    compare,
    diff,
    normalize,
    open_edition,
    similarity,
)
from stpmodel.diff._html import inline_diff, render
from stpmodel.diff._text import opcodes, word_diff
from stpmodel.roadmap import Roadmap
from stpmodel.serialize import dumps
from tests._growth import growth_ratio
from tests.conftest import DATA
from tests.data import make_edition
from tests.data.make_edition import Edit

KEYS = ("change", "kind", "old_id", "new_id", "fields")


def summary(found: RoadmapDiff) -> list[dict[str, Any]]:
    """The entries as the generator writes its expectations (sorted the same way)."""
    records = [{k: r[k] for k in KEYS} for r in found.records()]
    return sorted(records, key=lambda e: (e["kind"], e["old_id"] or "", e["new_id"] or ""))


def edition(source: str, *edits: Edit) -> tuple[Roadmap, list[dict[str, Any]]]:
    text, expected = make_edition.apply(source, edits)
    return stpmodel.parse(text, name="edited.txt"), expected


def edited(source: str, *replacements: tuple[str, str]) -> Roadmap:
    """The source with each ``old`` replaced by ``new`` (each must occur exactly once)."""
    for old, new in replacements:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    return stpmodel.parse(source, name="edited.txt")


# -- nothing changed ----------------------------------------------------------------------
def test_a_roadmap_against_itself_is_empty_and_everything_matches(roadmap: Roadmap) -> None:
    found = diff(roadmap, roadmap)
    assert not found
    assert found.records() == []
    assert found.counts == {"added": 0, "removed": 0, "changed": 0, "moved": 0}
    objects = (
        len(roadmap.sections)
        + len(roadmap.subsections)
        + len(roadmap.initiatives)
        + len(roadmap.status_notes)
        + len(roadmap.actions)
        + len(roadmap.indicators)
        + len(roadmap.footnotes)
        + sum(len(s.vision) + len(s.goals) for s in roadmap.sections)
    )
    assert len(found.matches) == objects
    assert {m.score for m in found.matches} == {1.0}
    assert all(m.old is m.new for m in found.matches)


def test_the_variant_print_compares_equal(roadmap: Roadmap) -> None:
    variant = stpmodel.read(DATA / "variant_print.txt")
    assert [w.code for w in variant.warnings] == []
    assert not diff(roadmap, variant)
    assert not diff(variant, roadmap)


def test_reordering_within_an_initiative_is_no_change(source: str, roadmap: Roadmap) -> None:
    # the first action goes after the second: both IDs change, nothing else does
    text, _ = make_edition.apply(source, [Edit(op="move", target="6.1.3.a1", to="6.1.3.a2")])
    new = stpmodel.parse(text)
    assert new.get("6.1.3.a2", Action).text == roadmap.get("6.1.3.a1", Action).text
    assert not diff(roadmap, new)


# -- the generated editions -------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(make_edition.EDITIONS))
def test_generated_editions_give_back_exactly_their_edits(source: str, name: str) -> None:
    text, expected = make_edition.apply(source, make_edition.EDITIONS[name])
    # the files kept in tests/data are what the script writes today
    assert (DATA / f"{name}.txt").read_text(encoding="utf-8") == text
    kept = json.loads((DATA / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert kept == expected
    new = stpmodel.parse(text, name=f"{name}.txt")
    assert new.warnings == ()
    found = diff(stpmodel.parse(source), new)
    assert summary(found) == expected


def test_next_edition_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The five edits, and nothing else: no renumbered action appears."""
    path = str(DATA / "next_edition.txt")
    status = main(["diff", "bundled", path, "--format", "json"])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    records = json.loads(out)
    assert [(r["change"], r["kind"], r["old_id"], r["new_id"], r["fields"]) for r in records] == [
        ("changed", "indicator", "6.r3", "6.r3", ["text", "observations"]),
        ("added", "action", None, "6.1.1.a2", []),
        ("changed", "action", "6.1.2.a2", "6.1.2.a2", ["text", "dates"]),
        ("changed", "action", "6.1.5.a3", "6.1.5.a3", ["ministries"]),
        ("removed", "action", "6.1.6.a2", None, []),
    ]
    reworded = records[2]
    assert reworded == stpmodel.compare(stpmodel.load(), stpmodel.read(path)).records()[2]
    assert reworded["old_text"].startswith("2024年7月までに")
    assert reworded["new_text"].startswith("2025年7月までに")
    assert reworded["dates"][0]["shift_days"] == 365
    assert THRESHOLD <= reworded["score"] < 1
    assert records[3]["old_text"] is None  # its text did not change
    assert records[3]["ministries"] == [{"code": "経", "change": "lead_lost", "lead": False}]
    assert main(["diff", "bundled", path, "--exit-code", "--format", "json"]) == 1
    assert main(["diff", "bundled", "bundled", "--exit-code"]) == 0
    capsys.readouterr()


def test_next_edition_details(source: str) -> None:
    text, _ = make_edition.apply(source, make_edition.NEXT_EDITION)
    found = diff(stpmodel.parse(source), stpmodel.parse(text))
    by_id = {e.old_id or e.new_id: e for e in found}
    assert [(str(m.code), m.change) for m in by_id["6.1.5.a3"].ministries] == [("経", "lead_lost")]
    [observation] = by_id["6.r3"].observations
    assert observation.old is not None
    assert observation.new is not None
    assert (observation.old.value, observation.new.value) == (Decimal(35), Decimal(38))
    [shift] = found.deadline_shifts()
    assert (shift.old_id, shift.new_id) == ("6.1.2.a2", "6.1.2.a2")
    assert (shift.old_period.label, shift.new_period.label) == ("2024-07", "2025-07")
    assert shift.days == (shift.new.due - shift.old.due).days == 365
    assert found.counts == {"added": 1, "removed": 1, "changed": 3, "moved": 0}
    assert found.summary() == "1 added, 1 removed, 3 changed, 0 moved"
    assert [e.kind for e in found.filter(kind="indicator")] == ["indicator"]
    assert [e.old_id for e in found.filter(change="removed")] == ["6.1.6.a2"]


def test_a_json_export_is_an_edition_too(tmp_path: Path, roadmap: Roadmap) -> None:
    new = open_edition(DATA / "every_edit.txt")
    path = tmp_path / "every_edit.json"
    path.write_text(dumps(new), encoding="utf-8")
    loaded = open_edition(path)
    assert summary(diff(roadmap, loaded)) == summary(diff(roadmap, new))
    assert not diff(open_edition("bundled"), roadmap)


# -- edits the generator does not make ----------------------------------------------------
def test_a_reworded_action_that_also_changed_ministries(source: str, roadmap: Roadmap) -> None:
    new = edited(
        source,
        (
            "・建設現場における遠隔施工の更なる活用に向けた検討を開始。【<u>国</u>】",
            "・建設現場における遠隔施工の更なる活用に向けた実証を開始。【<u>国</u>、経】",
        ),
    )
    [entry] = diff(roadmap, new)
    assert (entry.change, entry.old_id, entry.new_id) == (Change.CHANGED, "6.1.6.a5", "6.1.6.a5")
    assert entry.fields == ("text", "ministries")
    assert [(m.code, m.change) for m in entry.ministries] == [("経", "added")]


def test_a_changed_initiative_heading_changes_only_the_initiative(
    source: str, roadmap: Roadmap
) -> None:
    new = edited(
        source,
        (
            "○デジタル社会を支える戦略的基盤技術である半導体について",
            "○デジタル社会と経済安全保障を支える基盤技術である半導体について",
        ),
    )
    [entry] = diff(roadmap, new)
    assert (entry.kind, entry.old_id, entry.new_id, entry.fields) == (
        "initiative",
        "6.1.5",
        "6.1.5",
        ("text",),
    )


def test_a_heading_rewritten_beyond_recognition_is_found_by_its_actions(
    source: str, roadmap: Roadmap
) -> None:
    old_heading = roadmap.get("6.1.5", Initiative).text
    new = edited(
        source,
        (
            old_heading.split("【")[0],
            "○先端ロジック・メモリの量産に向けて、官民の投資を拡大する。",
        ),
    )
    found = diff(roadmap, new)
    assert [(e.change, e.kind, e.old_id, e.new_id, e.fields) for e in found] == [
        (Change.CHANGED, "initiative", "6.1.5", "6.1.5", ("text",))
    ]
    assert found[0].score is not None
    assert found[0].score < THRESHOLD


def test_an_inserted_footnote_renumbers_later_ones_but_only_it_is_new(
    source: str, roadmap: Roadmap
) -> None:
    superscript = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
    plain = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

    def shifted(match: re.Match[str]) -> str:
        number = int(match.group(0).translate(plain))
        return str(number + 1 if number >= 95 else number).translate(superscript)

    text = re.sub("[⁰¹²³⁴⁵⁶⁷⁸⁹]+", shifted, source)
    marker = "国際機関におけるガイドライン等の作成における我が国の関与⁹⁶を高める"
    assert text.count(marker) == 1
    text = text.replace(
        marker, "国際機関におけるガイドライン等の作成⁹⁵における我が国の関与⁹⁶を高める"
    )
    text = text.replace(
        "\n⁹⁶ OECD", "\n⁹⁵ 国際機関が2023年度に公表したガイドライン等の数。\n\n⁹⁶ OECD"
    )
    new = stpmodel.parse(text, name="footnote.txt")
    assert len(new.footnotes) == len(roadmap.footnotes) + 1
    [entry] = diff(roadmap, new)
    assert (entry.change, entry.kind, entry.new_id) == (Change.ADDED, "footnote", "fn95")


def test_a_moved_and_reworded_action_is_moved_with_its_text(source: str) -> None:
    roadmap = stpmodel.parse(source)
    text, _ = make_edition.apply(source, [Edit(op="move", target="6.5.1.a5", to="6.5.3.a3")])
    text = text.replace(
        "量子技術の国際シンポジウム等を契機とした共同研究・人的交流を推進。",
        "量子技術の国際シンポジウム等を契機とした共同研究・人的交流を一層推進。",
    )
    [entry] = diff(roadmap, stpmodel.parse(text))
    assert (entry.change, entry.old_id, entry.new_id, entry.fields) == (
        Change.MOVED,
        "6.5.1.a5",
        "6.5.3.a4",
        ("text",),
    )


def test_a_renamed_subsection_and_a_removed_status_note(source: str, roadmap: Roadmap) -> None:
    note = "研究開発戦略センター事業において、研究開発・政策動向の把握・分析を実施し、次世代 A I などの研究開発戦略を提案。"
    assert normalize(roadmap.get("6.1.3.s2", StatusNote).text) == normalize(note)
    new = edited(
        source,
        (
            "② 社会課題解決のためのミッションオリエンテッド型の研究開発の推進",
            "② 社会課題解決のためのミッション志向型の研究開発の推進",
        ),
        ("・" + note, ""),
    )
    assert [(e.change, e.kind, e.old_id, e.new_id, e.fields) for e in diff(roadmap, new)] == [
        (Change.REMOVED, "status_note", "6.1.3.s2", None, ()),
        (Change.CHANGED, "subsection", "6.2", "6.2", ("text",)),
    ]


def test_a_dropped_repost_mark_and_a_program_named(source: str, roadmap: Roadmap) -> None:
    new = edited(
        source,
        ("推進。（再掲）【<u>経</u>】", "推進。【<u>経</u>】"),
        (
            "・学術研究の国際性を一層高めるため、JSPSにおいて",
            "・学術研究の国際性を一層高めるため、WPIとJSPSにおいて",
        ),
    )
    entries = {e.old_id: e for e in diff(roadmap, new)}
    assert entries["6.1.5.a2"].fields == ("repost",)
    assert entries["6.5.5.a12"].fields == ("text", "programs")
    assert [str(p) for p in entries["6.5.5.a12"].programs] == ["wpi added"]
    assert set(entries) == {"6.1.5.a2", "6.5.5.a12"}


# -- presentation -------------------------------------------------------------------------
def test_html_highlights_words_and_escapes_everything(source: str) -> None:
    text, _ = make_edition.apply(source, make_edition.NEXT_EDITION)
    html = diff(stpmodel.parse(source), stpmodel.parse(text))._repr_html_()
    assert "<del" in html
    assert "<ins" in html
    assert ">35<" in html
    assert ">38<" in html
    hostile = {
        "change": "changed",
        "kind": "action",
        "old_id": "<b>",
        "new_id": "x",
        "fields": ["text"],
        "score": 0.9,
        "old_text": "<script>alert(1)</script>",
        "new_text": "<img src=x onerror=alert(1)>",
        "ministries": [{"code": "<i>", "change": "added"}],
        "dates": [],
        "programs": [],
        "observations": [],
        "repost": None,
    }
    rendered = render([hostile], {"changed": 1})
    assert "<script" not in rendered
    assert "<img" not in rendered
    assert "<i>" not in rendered
    assert "&lt;" in rendered
    assert "script" in rendered
    assert "&lt;b&gt;" in rendered
    assert render([], {"added": 0}) == "<p>No differences (0 added).</p>"


def test_word_level_highlighting() -> None:
    assert inline_diff("2025年度までに実施", "2026年度までに実施") == (
        '<del style="background:#fdd;text-decoration:line-through">2025</del>'
        '<ins style="background:#dfd">2026</ins>年度までに実施'
    )
    assert word_diff("35位／64か国中", "38位／64か国中") == "[-35-]{+38+}位／64か国…"
    assert word_diff("35位／64か国中", "38位／64か国中", context=9) == "[-35-]{+38+}位／64か国中"


def test_to_frame(source: str) -> None:
    pytest.importorskip("pandas", reason="the 'pandas' extra is not installed")
    text, _ = make_edition.apply(source, make_edition.NEXT_EDITION)
    frame = diff(stpmodel.parse(source), stpmodel.parse(text)).to_frame()
    assert list(frame["change"]) == ["changed", "added", "changed", "changed", "removed"]
    assert frame.loc[3, "ministries"] == "経 lead lost"
    empty = diff(stpmodel.parse(source), stpmodel.parse(source)).to_frame()
    assert len(empty) == 0
    assert "old_id" in empty.columns


# -- the pieces ---------------------------------------------------------------------------
def test_normalised_text_ignores_spacing_marks_and_markup() -> None:
    assert normalize("次期 S I P の課題⁹⁴<u>を</u>推進") == normalize("次期SIPの課題を推進")
    assert similarity("S I P 第 3 期", "SIP第3期") == 1.0
    assert similarity("abc", "xyz") == 0.0
    assert 0.5 < similarity("建設現場の検討を開始", "建設現場の検討を本格的に開始") < 1


def test_threshold_must_be_a_share() -> None:
    roadmap = stpmodel.load()
    with pytest.raises(ValueError, match="threshold"):
        diff(roadmap, roadmap, threshold=0)


def test_entry_records_are_plain_data(source: str) -> None:
    text, _ = make_edition.apply(source, make_edition.NEXT_EDITION)
    found = diff(stpmodel.parse(source), stpmodel.parse(text))
    assert isinstance(found[0], DiffEntry)
    json.dumps(found.records())  # nothing but JSON types
    [dates] = [r["dates"] for r in found.records() if r["dates"]]
    assert dates == [
        {
            "old": "2024年7月までに",
            "new": "2025年7月までに",
            "old_period": "2024-07",
            "new_period": "2025-07",
            "old_due": "2024-07-31",
            "new_due": "2025-07-31",
            "shift_days": 365,
        }
    ]


# -- the command line -----------------------------------------------------------------------
def test_cli_table_csv_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(DATA / "every_edit.txt")
    assert main(["diff", "bundled", path]) == 0
    out = capsys.readouterr().out
    assert "[-2025-]{+2026+}" in out
    assert out.rstrip().endswith("2 added, 2 removed, 4 changed, 1 moved")
    assert main(["diff", "bundled", path, "--format", "csv", "--kind", "indicator"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "change,kind,old_id,new_id,fields,score,old_text,new_text,"
        "ministries,dates,programs,observations,repost"
    )
    assert [line.split(",")[:4] for line in lines[1:]] == [["changed", "indicator", "6.r2", "6.r2"]]
    assert main(["diff", "bundled", "bundled"]) == 0
    assert capsys.readouterr().out == "no differences\n"


def test_cli_errors_name_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["diff", "bundled", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("stpmodel: error: ")
    assert "missing.txt" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": 1}', encoding="utf-8")
    assert main(["diff", str(broken), "bundled"]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err
    assert err.count("\n") == 1
    assert main(["diff", "bundled"]) == 2
    assert main(["diff", "bundled", "bundled", "--kind", "nonsense"]) == 2


def test_counts_by_kind(source: str) -> None:
    text, _ = make_edition.apply(source, make_edition.EVERY_KIND)
    found = diff(stpmodel.parse(source), stpmodel.parse(text))
    assert found.counts_by_kind() == {
        "indicator": {"added": 0, "removed": 0, "changed": 1, "moved": 0},
        "action": {"added": 2, "removed": 2, "changed": 3, "moved": 1},
    }


def test_the_worked_example_in_the_docs_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = (DATA.parents[1] / "docs" / "diff.md").read_text(encoding="utf-8")
    block = page.split("$ stpmodel diff bundled tests/data/next_edition.txt\n", 1)[1]
    shown = block.split("```", 1)[0]
    monkeypatch.chdir(DATA.parents[1])
    assert main(["diff", "bundled", "tests/data/next_edition.txt"]) == 0
    assert capsys.readouterr().out == shown


def test_no_pass_scores_every_pair(source: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts scored grow with the size of the roadmap, not with its square: the nine edits
    of EVERY_KIND in each of n copies of the section (the added texts numbered by copy)
    cost about n times what they cost once."""
    from stpmodel.diff import _match
    from stpmodel.diff._text import dice as real

    calls = 0

    def counting(a: Any, b: Any) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(_match, "dice", counting)

    def section(text: str, number: int) -> str:
        return re.sub(r"^\(6\)", f"({number})", text, count=1, flags=re.MULTILINE)

    def scored(copies: int) -> int:
        nonlocal calls
        old, new = [], []
        for i in range(1, copies + 1):
            edits = [
                Edit(op=e.op, target=e.target, new=e.new.replace("。", f"（第{i}案）。", 1))
                if e.op == "insert"
                else e
                for e in make_edition.EVERY_KIND
            ]
            old.append(section(source, i))
            new.append(section(make_edition.apply(source, edits)[0], i))
        before, after = stpmodel.parse("\n".join(old)), stpmodel.parse("\n".join(new))
        calls = 0
        assert len(diff(before, after)) == 9 * copies
        return calls

    small, large = scored(6), scored(24)
    assert small > 0
    assert large / small <= 4 * 1.25  # 4x the copies; scoring every pair would be 16x


def test_an_initiative_moved_into_a_new_subsection(source: str, roadmap: Roadmap) -> None:
    lines = source.split("\n")
    row = next(
        n
        for n, line in enumerate(lines)
        if line.startswith("<p>○先端重要分野における国際協力取決め数")
    )
    header = next(line for line in lines if line.startswith("基本計画における具体的な取組"))
    moved = [
        *lines[:row],
        *lines[row + 1 :],
        "",
        "⑥ 科学技術外交の新たな展開",
        "",
        header,
        lines[row],
    ]
    new = stpmodel.parse("\n".join(moved))
    assert [(e.change, e.kind, e.old_id, e.new_id) for e in diff(roadmap, new)] == [
        (Change.ADDED, "subsection", None, "6.6"),
        (Change.MOVED, "initiative", "6.5.6", "6.6.1"),
    ]


def test_the_actions_of_a_removed_initiative_that_went_elsewhere_are_moved(
    source: str, roadmap: Roadmap
) -> None:
    lines = source.split("\n")
    row = next(n for n, line in enumerate(lines) if line.startswith("<p>○産学官民が協調して高精度"))
    action = lines[row][lines[row].rindex("・産学官民が連携し") :]
    target = next(
        n for n, line in enumerate(lines) if "・「人協調型ロボティクスの拡大に向けた" in line
    )
    lines[target] += " " + action
    del lines[row]
    new = stpmodel.parse("\n".join(lines))
    found = [(e.change, e.kind, e.old_id, e.new_id) for e in diff(roadmap, new)]
    notes = [n.id for n in roadmap.get("6.1.7", Initiative).status_notes]
    assert found == [
        (Change.REMOVED, "initiative", "6.1.7", None),
        *[(Change.REMOVED, "status_note", note, None) for note in notes],
        (Change.MOVED, "action", "6.1.7.a1", "6.1.6.a7"),
    ]


def test_cli_says_when_an_edition_had_parse_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_text(source.replace("【<u>国</u>】", "【<u>国</u>", 1), encoding="utf-8")
    assert main(["diff", "bundled", str(broken), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)  # the comparison still runs
    assert err.startswith(f"stpmodel: {broken}: ")
    assert "parse warnings" in err


# -- bounded work: highlighting and matching grow linearly ---------------------------------
HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
WORDS = ("研究を", "開発し", "推進の", "支援が", "強化と", "整備で", "人材も", "育成へ", "技術や")


def long_words(chars: int, seed: int = 0) -> list[str]:
    """Words of kanji and kana (so each is its own token), about `chars` characters."""
    rnd = random.Random(seed)
    return [rnd.choice(WORDS) for _ in range(chars // 3)]


def one_action(words: list[str]) -> str:
    return f"{HEAD}○取組。【科技】\t・実施。\t・{''.join(words)}を推進。【文】\n"


def reordered(chars: int) -> tuple[str, str]:
    """Two editions whose one action holds `chars` characters, reordered in the second."""
    words = long_words(chars)
    shuffled = words[:]
    random.Random(1).shuffle(shuffled)
    return one_action(words), one_action(shuffled)


def reworded(chars: int) -> tuple[str, str]:
    """Two editions whose one long action has every fifth word changed."""
    words = long_words(chars)
    rnd = random.Random(2)
    return one_action(words), one_action(
        [rnd.choice(WORDS) if i % 5 == 0 else w for i, w in enumerate(words)]
    )


def near_identical(n: int) -> tuple[str, str]:
    """`n` actions in one initiative, each 40 two-character words drawn from five variants;
    the second edition differs only in a number in each."""
    rnd = random.Random(3)
    variants = ("研究", "開発", "推進", "支援", "強化")
    texts = ["".join(rnd.choice(variants) for _ in range(40)) for _ in range(n)]

    def edition(bump: int) -> str:
        rows = "".join(f"\t\t・{t}を{i + bump}件実施。【文】\n" for i, t in enumerate(texts))
        return f"{HEAD}○取組。【科技】\t・実施。\t・開始。【文】\n{rows}"

    return edition(0), edition(1)


def rebuilt(before: list[str], after: list[str]) -> list[str]:
    out: list[str] = []
    position = (0, 0)
    for op, i1, i2, j1, j2 in opcodes(before, after):
        assert (i1, j1) == position
        if op == "equal":
            assert before[i1:i2] == after[j1:j2]
        out += after[j1:j2]
        position = (i2, j2)
    assert position == (len(before), len(after))
    return out


def test_opcodes_turn_one_sequence_into_the_other_keeping_a_longest_common_part() -> None:
    rnd = random.Random(0)
    for _ in range(500):
        before = [rnd.choice("abcd") for _ in range(rnd.randint(0, 12))]
        after = [rnd.choice("abcd") for _ in range(rnd.randint(0, 12))]
        assert rebuilt(before, after) == after
        kept = sum(i2 - i1 for op, i1, i2, *_ in opcodes(before, after) if op == "equal")
        blocks = difflib.SequenceMatcher(None, before, after, autojunk=False)
        assert kept >= sum(b.size for b in blocks.get_matching_blocks())


def test_a_changed_passage_over_the_cap_is_shown_whole() -> None:
    from stpmodel.diff import HIGHLIGHT_LIMIT

    words = long_words(HIGHLIGHT_LIMIT + 600)
    shuffled = words[:]
    random.Random(1).shuffle(shuffled)
    old, new = "始め。" + "".join(words) + "終わり。", "始め。" + "".join(shuffled) + "終わり。"
    shown = word_diff(old, new)
    assert shown.count("[-") == shown.count("{+") == 1
    assert f"[-{''.join(words)}" in shown
    assert inline_diff(old, new).count("<del") == 1
    # under the cap, the same kind of edit is highlighted word by word
    assert (
        word_diff("始め。" + "".join(words[:40]), "始め。" + "".join(shuffled[:40])).count("[-") > 1
    )


def test_many_near_identical_actions_still_pair_up_by_position() -> None:
    old, new = near_identical(300)
    found = diff(stpmodel.parse(old), stpmodel.parse(new))
    assert found.counts == {"added": 0, "removed": 0, "changed": 300, "moved": 0}


def _diff_and_view(old: str, new: str) -> Callable[[], object]:
    before, after = stpmodel.parse(old), stpmodel.parse(new)

    def step() -> object:
        found = diff(before, after)
        for record in found.records():
            if record["old_text"] is not None and record["new_text"] is not None:
                word_diff(record["old_text"], record["new_text"])
        return found._repr_html_()

    return step


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "n"), [(reordered, 2400), (reworded, 2400), (near_identical, 300)]
)
def test_diff_and_its_views_grow_linearly(make: Callable[[int], tuple[str, str]], n: int) -> None:
    """Diff, the command line's word diff and the notebook view, at n and 10n: under 20×
    (a quadratic step gives ~100×)."""
    ratio = growth_ratio(_diff_and_view(*make(n)), _diff_and_view(*make(10 * n)))
    assert ratio < 20, ratio


# -- the command line's JSON and CSV carry the detail of the records ----------------------
def test_cli_json_and_csv_carry_ministry_codes_with_lead_flags_and_date_shifts(
    source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An edition that adds 厚 to an action lists 厚 as added on that record, and a deadline
    moved by a year shows its shift in days, in JSON and in CSV."""
    import csv
    import io

    text = source
    for old, new in (
        (
            "し、サプライチェーンの強化を推進。【<u>科技</u>】",
            "し、サプライチェーンの強化を推進。【<u>科技</u>、厚】",
        ),
        ("サプライチェーンについて2025年度までに", "サプライチェーンについて2026年度までに"),
    ):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "next.txt"
    path.write_text(text, encoding="utf-8")

    assert main(["diff", "bundled", str(path), "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert (record["old_id"], record["fields"]) == ("6.1.2.a3", ["text", "ministries", "dates"])
    assert record["ministries"] == [{"code": "厚", "change": "added", "lead": False}]
    (date,) = record["dates"]
    assert (date["old_period"], date["new_period"], date["shift_days"]) == ("FY2025", "FY2026", 365)
    assert record["old_text"] is not None

    assert main(["diff", "bundled", str(path), "--format", "csv"]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["ministries"] == "厚 added"
    assert row["dates"].endswith(", +365 days")
    assert row["fields"] == "text,ministries,dates"


def test_a_ministry_that_leads_where_it_was_added_or_dropped_says_so(source: str) -> None:
    text = source.replace(
        "し、サプライチェーンの強化を推進。【<u>科技</u>】",
        "し、サプライチェーンの強化を推進。【<u>厚</u>】",
    )
    (entry,) = compare(stpmodel.load(), stpmodel.parse(text))
    assert [m.record() for m in entry.ministries] == [
        {"code": "科技", "change": "dropped", "lead": True},
        {"code": "厚", "change": "added", "lead": True},
    ]


# -- the module, its function and its summary ---------------------------------------------
def test_the_module_is_a_module_with_its_constants_and_the_function_is_compare() -> None:
    import subprocess
    import sys
    import types

    import stpmodel.diff as module

    assert isinstance(module, types.ModuleType)
    assert module is stpmodel.diff
    assert (module.THRESHOLD, module.HIGHLIGHT_LIMIT, module.HIGHLIGHT_EDITS) == (0.5, 4000, 200)
    assert stpmodel.compare is module.compare is module.diff
    roadmap = stpmodel.load()
    with pytest.warns(DeprecationWarning, match=r"stpmodel\.compare\(old, new\)"):
        old_spelling = stpmodel.diff(roadmap, roadmap)  # type: ignore[operator]
    assert old_spelling.counts == compare(roadmap, roadmap).counts
    # the matcher loads on the first comparison, not on import
    light = "import sys, stpmodel; print(sorted(m for m in sys.modules if m.startswith('stpmodel.diff')))"
    done = subprocess.run([sys.executable, "-c", light], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['stpmodel.diff']"


def test_counts_is_a_property_and_the_old_call_warns(source: str) -> None:
    text, _ = make_edition.apply(source, make_edition.NEXT_EDITION)
    found = compare(stpmodel.parse(source), stpmodel.parse(text))
    assert found.counts == {"added": 1, "removed": 1, "changed": 3, "moved": 0}
    with pytest.warns(DeprecationWarning, match="property"):
        assert found.counts() == found.counts


def test_repr_is_one_short_line_for_any_two_roadmaps(source: str) -> None:
    long_title = "題" * 5000
    texts = (
        source,
        "(1) " + long_title + "\n" + "① 小\n○取組。【科技】\t・実施。\t・推進。【文】\n",
    )
    for old in texts:
        for new in texts:
            found = compare(stpmodel.parse(old), stpmodel.parse(new))
            shown = repr(found)
            assert len(shown) < 300, shown
            assert "\n" not in shown
            assert found.summary() in shown


def test_the_html_view_escapes_every_value_it_shows() -> None:
    evil = "<x onmouseover=1>"
    record = {
        "change": evil,
        "kind": evil,
        "old_id": evil,
        "new_id": evil,
        "fields": [evil],
        "score": 0.5,
        "old_text": evil + "a",
        "new_text": evil + "b",
        "text": evil,
        "ministries": [{"code": evil, "change": evil, "lead": True}],
        "dates": [
            {"old": evil, "new": evil, "old_period": evil, "new_period": evil, "shift_days": 3}
        ],
        "programs": [{"program": evil, "change": evil}],
        "observations": [{"old": evil, "new": evil}],
        "repost": {"old": evil, "new": evil},
    }
    for old_text, new_text in ((evil, evil + "b"), (None, evil), (evil, None), (None, None)):
        shown = render([{**record, "old_text": old_text, "new_text": new_text}], {evil: 1})
        assert "<x" not in shown
        assert "&lt;x onmouseover=1&gt;" in shown
