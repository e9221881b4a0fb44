"""The graph derived from the model."""

from __future__ import annotations

import networkx as nx
import pytest

import stpmodel
from stpmodel import Action, Goal, Initiative, Paragraph, Period, StatusNote
from stpmodel.graph import build_graph, neighbors, path, period_node
from stpmodel.roadmap import Roadmap
from tests._growth import growth_ratio


@pytest.fixture(scope="module")
def graph(roadmap: Roadmap) -> nx.MultiDiGraph:
    return build_graph(roadmap)


def test_every_node_has_a_kind(graph: nx.MultiDiGraph) -> None:
    kinds = {data["kind"] for _, data in graph.nodes(data=True)}
    assert kinds == {
        "section",
        "subsection",
        "initiative",
        "action",
        "status_note",
        "ministry",
        "program",
        "phase",
        "program_goal",
        "indicator",
        "footnote",
        "period",
    }


def test_counts(graph: nx.MultiDiGraph, roadmap: Roadmap) -> None:
    def count(kind: str) -> int:
        return sum(1 for _, d in graph.nodes(data=True) if d["kind"] == kind)

    assert count("initiative") == 25
    assert count("action") == 95
    assert count("status_note") == 102
    assert count("footnote") == 6
    assert count("indicator") == 11


def test_sip_in_every_spelling(graph: nx.MultiDiGraph, roadmap: Roadmap) -> None:
    linked = set(neighbors(graph, "sip", relation="mentions"))
    for obj in roadmap.walk():  # items carry program links; indicators and footnotes do not
        if isinstance(obj, Initiative | StatusNote | Action) and any(
            s in obj.text for s in ("SIP", "S I P")
        ):
            assert obj.id in linked, obj
    for spelling_holder in (
        "6.1.2",
        "6.3.3",
        "6.1.4.a1",
        "6.1.6.s6",
    ):  # 次期 S I P, S I P第2期, S I P 第 3 期, SIP第3期
        assert spelling_holder in linked


def test_fy2027_is_reached_by_the_three_sip_third_phase_actions(graph: nx.MultiDiGraph) -> None:
    node = "period:FY2027"
    reaching = [src for src, _, d in graph.in_edges(node, data=True) if d["relation"] == "due"]
    assert reaching == ["6.3.1.a2", "6.3.1.a3", "6.3.2.a1"]
    assert all("sip" in neighbors(graph, a, relation="mentions") for a in reaching)


def test_programs_have_edges(graph: nx.MultiDiGraph) -> None:
    for program in ("aspire", "satreps", "moonshot"):
        assert neighbors(graph, program, relation="mentions"), program


def test_every_action_has_a_responsible_edge(graph: nx.MultiDiGraph, roadmap: Roadmap) -> None:
    for action in roadmap.actions:
        edges = [
            d for _, _, d in graph.out_edges(action.id, data=True) if d["relation"] == "responsible"
        ]
        assert edges, action.id
        assert [d["lead"] for d in edges] == [r.lead for r in action.ministries]


def test_reposts_and_citations(graph: nx.MultiDiGraph) -> None:
    assert neighbors(graph, "6.1.5.a2", relation="reposts") == ("6.1.5.a1",)
    assert "6.2.1.a1" in neighbors(graph, "6.3.1.a1", relation="reposts")
    assert neighbors(graph, "fn99", relation="cites") == ("6.1.6",)


def test_contains_tree(graph: nx.MultiDiGraph, roadmap: Roadmap) -> None:
    ini = roadmap.get("6.1.2", Initiative)
    children = neighbors(graph, ini.id, relation="contains")
    assert set(children) == {"6.1", *(n.id for n in ini.status_notes), *(a.id for a in ini.actions)}
    assert path(graph, "sip", "period:FY2027")
    assert path(graph, "sip", "nowhere") == ()


def test_period_node_names() -> None:
    assert period_node(Period.fiscal_year(2027)) == "period:FY2027"
    assert period_node(Period.month(2024, 7)) == "period:2024-07"


def test_every_tree_object_is_a_node_contained_by_its_parent(
    graph: nx.MultiDiGraph, roadmap: Roadmap
) -> None:
    for obj, parent in roadmap.walk_with_parents():
        if isinstance(obj, Paragraph | Goal):
            continue  # the section stands for its vision and goals
        assert obj.id in graph, obj.id
        if parent is not None:
            assert obj.id in neighbors(graph, parent.id, relation="contains")


# -- reposts: one edge per repost, whatever the number of copies --------------------------
HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def reposted(n: int, *, original: bool = False) -> str:
    """A roadmap of one initiative whose actions are `n` identical (再掲) bullets, after an
    unmarked action with the same text when `original`."""
    first = "・同じ取組を推進。【文】" if original else "・別の取組。【文】"
    rows = "".join("\t\t・同じ取組を推進。（再掲）【文】\n" for _ in range(n))
    return f"{HEAD}○取組。【科技】\t・実施。\t{first}\n{rows}"


def _reposts(graph: nx.MultiDiGraph) -> list[tuple[str, str]]:
    return [(a, b) for a, b, rel in graph.edges(data="relation") if rel == "reposts"]


def test_each_repost_links_once_to_the_first_unmarked_action_with_its_text() -> None:
    text = reposted(3, original=True) + "\t\t・同じ 取組を推進。【文】\n"  # a later, unmarked copy
    graph = build_graph(stpmodel.parse(text))
    assert _reposts(graph) == [
        ("1.1.1.a2", "1.1.1.a1"),
        ("1.1.1.a3", "1.1.1.a1"),
        ("1.1.1.a4", "1.1.1.a1"),
    ]


def test_reposts_without_an_original_are_not_linked_to_each_other() -> None:
    graph = build_graph(stpmodel.parse(reposted(50)))
    assert _reposts(graph) == []


def test_graph_edges_grow_linearly_with_reposts() -> None:
    small, large = (build_graph(stpmodel.parse(reposted(n, original=True))) for n in (200, 2000))
    assert len(_reposts(large)) == 2000
    assert large.number_of_edges() / small.number_of_edges() < 10.5


@pytest.mark.slow
def test_build_graph_time_grows_linearly_with_reposts() -> None:
    small, large = (stpmodel.parse(reposted(n, original=True)) for n in (200, 2000))
    ratio = growth_ratio(lambda: build_graph(small), lambda: build_graph(large))
    assert ratio < 20, ratio
