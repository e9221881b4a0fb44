"""Program mentions as the parser links them (parsing/_programs.py and the linking in
the assembler): the mention rules (explicit, alias, cue, next-phase, subject), phases
named or implied, spans, reposts' originals, on the bundled source and on constructed
input."""

from __future__ import annotations

import datetime as dt

import stpmodel
from stpmodel import query
from stpmodel.model import MentionRule
from stpmodel.roadmap import Roadmap


def _item(
    roadmap: Roadmap, ident: str
) -> stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action:
    node = roadmap.get(ident) if hasattr(roadmap, "get") else None
    if node is None:
        node = next(n for n in roadmap.walk() if getattr(n, "id", None) == ident)
    assert isinstance(node, stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action)
    return node


Linked = stpmodel.Initiative | stpmodel.StatusNote | stpmodel.Action | stpmodel.Indicator


Reposted = stpmodel.Initiative | stpmodel.Action | stpmodel.Indicator


def _linked(roadmap: Roadmap) -> list[Linked]:
    return [n for n in roadmap.walk() if isinstance(n, Linked)]


def _reposted(roadmap: Roadmap) -> list[Reposted]:
    return [n for n in roadmap.walk() if isinstance(n, Reposted)]


# -- mentions on the bundled roadmap ----------------------------------------------------
def _mentions(roadmap: Roadmap) -> list[tuple[str, stpmodel.ProgramMention]]:
    found = []
    for node in _linked(roadmap):
        for mention in node.program_mentions:
            found.append((node.id, mention))
    return found


def test_every_next_sip_is_sip_phase_3(roadmap: Roadmap, source: str) -> None:
    nexts = [(i, m) for i, m in _mentions(roadmap) if m.program == "sip" and "次期" in m.text]
    written = "".join(source.split()).count("次期SIP")
    assert len(nexts) == written == 6
    for ident, mention in nexts:
        assert mention.phase == 3, ident
        assert mention.rule is MentionRule.NEXT_PHASE
        assert mention.inferred
        assert mention.period is not None
        assert mention.period.label == "FY2023–FY2027"


def test_next_basic_plan_in_the_2024_columns_is_the_7th(roadmap: Roadmap) -> None:
    (mention,) = _item(roadmap, "6.1.3.a1").program_mentions
    assert (mention.program, mention.phase, mention.rule) == ("sti-basic-plan", 7, "next-phase")
    assert mention.period is not None
    assert mention.period.label == "FY2026–FY2030"
    # column 1 quotes the plan of 2021: its 次期 geospatial plan is the 4th (FY2022–FY2026)
    (geo,) = _item(roadmap, "6.1.7").program_mentions
    assert (geo.program, geo.phase) == ("geospatial-basic-plan", 4)


def test_named_phases_link_to_that_phase(roadmap: Roadmap) -> None:
    second = [m for m in _item(roadmap, "6.3.3").program_mentions if m.program == "sip"]
    assert [(m.phase, m.rule) for m in second] == [(2, "explicit")]
    assert second[0].text == "S I P第2期"
    third = _item(roadmap, "6.1.4.s1").program_mentions[0]
    assert (third.phase, third.text, third.span) == (3, "S I P 第 3 期", (0, 11))
    last = _item(roadmap, "6.3.1.a2").program_mentions[0]
    assert (last.program, last.phase, last.rule) == ("sip", 3, "cue")
    assert last.period == stpmodel.Period.fiscal_year(2027)  # 第3期の最終年度
    plan = _item(roadmap, "6.4.3.a1").program_mentions
    assert [(m.program, m.phase) for m in plan] == [("intellectual-infra-plan", 3)]
    term = _item(roadmap, "6.2.4.a1").program_mentions
    (rebuilt,) = [m for m in term if m.program == "reconstruction-agency-term"]
    assert rebuilt.period is not None
    assert rebuilt.period.end == dt.date(2031, 3, 31)


def test_spans_point_at_the_words(roadmap: Roadmap) -> None:
    for ident, mention in _mentions(roadmap):
        if mention.span is None:
            assert mention.rule is MentionRule.SUBJECT
            assert mention.via
            continue
        node = _item(roadmap, ident) if not ident.startswith("6.k") else None
        text = (
            node.text
            if node is not None
            else next(i for i in roadmap.indicators if i.id == ident).text
        )
        start, end = mention.span
        assert text[start:end] == mention.text, ident


def test_subject_programs_reach_the_items_that_name_none(roadmap: Roadmap) -> None:
    actions = {a.id for a in query.items_of(roadmap, "moonshot", kind="action")}
    assert {"6.2.2.a1", "6.2.2.a2", "6.2.2.a4"} <= actions
    named = {a.id for a in query.items_of(roadmap, "moonshot", kind="action", inferred=False)}
    assert not named & {"6.2.2.a1", "6.2.2.a2", "6.2.2.a4"}
    for ident in ("6.2.2.a1", "6.2.2.a2", "6.2.2.a4"):
        (mention,) = _item(roadmap, ident).program_mentions
        assert (mention.rule, mention.inferred, mention.via) == ("subject", True, "6.2.2")
    assert "6.2.2.a3" not in actions  # names Horizon Europe itself
    assert _item(roadmap, "6.3.4.a1").programs == ("prism", "bridge")


def test_a_list_of_programs_passes_nothing(roadmap: Roadmap) -> None:
    sip_actions = [
        a.id for a in query.items_of(roadmap, "SIP", kind="action") if a.id.startswith("6.1.2.")
    ]
    assert sip_actions == ["6.1.2.a1"]


def test_the_nexus_fund_is_not_aspire(roadmap: Roadmap) -> None:
    for ident in ("6.5.5.s1", "6.5.5.s3"):
        assert "aspire" not in _item(roadmap, ident).programs
        assert "nexus" in _item(roadmap, ident).programs


def test_programs_are_derived_from_mentions(roadmap: Roadmap) -> None:
    for node in _linked(roadmap):
        mentions = node.program_mentions
        assert node.programs == tuple(dict.fromkeys(m.program for m in mentions))
        for mention in mentions:
            assert mention.inferred == mention.rule.inferred


def test_every_repost_has_its_original_or_says_it_is_outside(roadmap: Roadmap) -> None:
    reposts = [n for n in _reposted(roadmap) if n.repost]
    assert len(reposts) == 12
    found = {}
    for node in reposts:
        assert (node.repost_of is None) == node.repost_outside, node.id
        if node.repost_of is not None:
            found[node.id] = node.repost_of
    assert found == {"6.1.5.a2": "6.1.5.a1", "6.3.1.a1": "6.2.1.a1"}
    for node in _reposted(roadmap):
        if not node.repost:
            assert node.repost_of is None
            assert not node.repost_outside


# -- constructed input -------------------------------------------------------------------
HEADER = (
    "(6) 見出し\n\n① 小見出し\n\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
)


def _parse(rows: str, edition: int | None = 2024) -> Roadmap:
    return stpmodel.parse(HEADER + rows, name="t.txt", edition=edition)


def test_a_plan_phase_under_an_sip_initiative_is_the_plans() -> None:
    roadmap = _parse(
        "○S I P第3期について推進する。【科技】\t・S I P第3期を推進。\t"
        "・第3期知的基盤整備計画に基づく施策を実施。【経】 ・第3期の成果を検証。【科技】\n"
    )
    plan, sip = roadmap.actions
    assert plan.programs == ("intellectual-infra-plan",)
    assert plan.program_mentions[0].phase == 3
    assert [(m.program, m.phase, m.rule) for m in sip.program_mentions] == [("sip", 3, "cue")]


def test_the_subject_rule_needs_the_program_as_topic() -> None:
    listing = _parse(
        "○A Iや量子などの分野について推進し、次期 S I P の課題とする。【科技】\t・調査を実施。\t・体制を整備。【科技】\n"
    )
    assert listing.actions[0].programs == ()
    assert listing.status_notes[0].programs == ()
    topic = _parse(
        "○2018年に創設した「ムーンショット型研究開発制度」について推進する。【科技】\t・評価を実施。\t・見直しを実施。【科技】\n"
    )
    assert topic.actions[0].programs == ("moonshot",)
    assert topic.status_notes[0].program_mentions[0].rule is MentionRule.SUBJECT


def test_next_phase_resolves_against_the_year_written() -> None:
    rows = "○次期S I Pを検討する。【科技】\t・次期S I Pを検討。\t・次期基本計画に反映。【科技】\n"
    roadmap = _parse(rows)
    assert roadmap.initiatives[0].program_mentions[0].phase == 3  # the 2021 plan's 次期
    assert roadmap.actions[0].program_mentions[0].phase == 7  # the 2024 column's
    # written in 2024, 次期SIP would be a 4th phase the registry does not know: a warning
    assert [w.code for w in roadmap.warnings] == ["unresolved-phase"]
    assert roadmap.status_notes[0].program_mentions[0].phase is None
    unknown = _parse(rows, edition=None)
    assert unknown.warnings == ()
    assert all(m.phase is None for n in _linked(unknown) for m in n.program_mentions)


def test_key_offsets_match_a_per_character_reference() -> None:
    import bisect
    import random
    import unicodedata

    from stpmodel.parsing._programs import Keyed

    rng = random.Random(1)
    alphabet = list("SIP第3期 　\t⁹⁴の㈱Ｓab㍻")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        chars: list[str] = []
        kept: list[int] = []
        for i, c in enumerate(text):
            n = "" if c.isspace() or c in "⁰¹²³⁴⁵⁶⁷⁸⁹" else unicodedata.normalize("NFKC", c)
            chars.append(n)
            kept.extend([i] * len(n))
        keyed = Keyed(text)
        assert keyed.key == "".join(chars), text
        assert [keyed.to_text(i) for i in range(len(keyed.key))] == kept, text
        for offset in range(len(text) + 1):
            assert keyed.to_key(offset) == bisect.bisect_left(kept, offset), (text, offset)


def test_a_council_named_after_the_strategy_is_not_the_strategy() -> None:
    roadmap = _parse(
        "○統合イノベーション戦略推進会議で議論し、統合戦略に反映する。【科技】\t・実施。\t・推進。【科技】\n"
    )
    (mention,) = roadmap.initiatives[0].program_mentions
    assert (mention.program, mention.text) == ("integrated-innovation-strategy", "統合戦略")


def test_bare_basic_plan_needs_a_phase_to_name_the_plan() -> None:
    roadmap = _parse(
        "○基本計画に基づき、第6期基本計画を推進する。【科技】\t・実施。\t・推進。【科技】\n"
    )
    mentions = roadmap.initiatives[0].program_mentions
    assert [(m.program, m.phase, m.text) for m in mentions] == [
        ("sti-basic-plan", 6, "第6期基本計画")
    ]


ROW_LINE = HEADER.count("\n") + 1  # the first row's line


def test_a_phase_the_registry_lacks_keeps_its_words_and_warns() -> None:
    """第9期SIP and SIP第9期 alike: the mention spans the phase words, has no phase, and
    one warning names them — also for a number too long for int() (4,300 digits) and one
    longer than the few characters looked at before a name."""
    for number in ("9", "12345678901", "9" * 5_000):
        for words in (f"第{number}期SIP", f"SIP第{number}期"):
            roadmap = _parse(f"○{words}を推進する。【科技】\t・実施。\t・推進。【科技】\n")
            (mention,) = roadmap.initiatives[0].program_mentions
            assert (mention.program, mention.phase, mention.text) == ("sip", None, words)
            assert [(w.code, w.line) for w in roadmap.warnings] == [("unresolved-phase", ROW_LINE)]


def test_a_phase_cue_too_long_for_a_number_is_no_cue() -> None:
    roadmap = _parse(
        f"○S I P第3期について推進する。【科技】\t・第{'9' * 5_000}期を実施。\t・推進。【科技】\n"
    )
    assert [m.rule for m in roadmap.status_notes[0].program_mentions] == ["subject"]


def test_linking_a_cell_that_names_thousands_of_programs_is_linear() -> None:
    """Each name used to copy the rest of the cell (to look for 第N期 after it) and to
    rebuild the key once per name (to blank the words of the names): quadratic, a growth
    of about 40 from 2,000 to 20,000 names."""
    from tests._growth import growth_ratio

    def make(n: int) -> str:
        return (
            "○S I Pについて推進する。【科技】\t・"
            + "ムーンショット、" * n
            + "を実施。\t・推進。【科技】\n"
        )

    small, large = make(2_000), make(20_000)
    assert growth_ratio(lambda: _parse(small), lambda: _parse(large)) < 20


def test_a_full_name_with_its_abbreviation_is_one_mention_and_can_be_the_topic() -> None:
    """「正式名称（略称）」第3期について: the abbreviation inside the quote is part of the
    name's words (one mention, not a second overlapping one), and the phase and the topic
    after the closing quote are read whichever order the quote and the parentheses take."""
    for words in (
        "「戦略的イノベーション創造プログラム（SIP）」第3期",
        "「戦略的イノベーション創造プログラム」（SIP）第3期",
        "戦略的イノベーション創造プログラム（SIP）第3期",
    ):
        roadmap = _parse(
            f"○{words}について推進する。【科技】\t・評価を実施。\t・見直しを実施。【科技】\n"
        )
        (mention,) = roadmap.initiatives[0].program_mentions
        assert (mention.program, mention.phase) == ("sip", 3)
        assert words.endswith(mention.text)
        assert [(m.program, m.phase, m.rule) for m in roadmap.actions[0].program_mentions] == [
            ("sip", 3, "subject")
        ]
    quoted = _parse(
        "○「ムーンショット型研究開発制度（ムーンショット）」について推進する。【科技】\t・評価を実施。\t・見直しを実施。【科技】\n"
    )
    assert quoted.actions[0].programs == ("moonshot",)
