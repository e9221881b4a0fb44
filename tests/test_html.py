"""Notebook HTML: every model object and result collection shows as a table, from records."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from typing import Any

import pytest

import stpmodel
from stpmodel import _html, parse, query
from stpmodel.roadmap import Roadmap

HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


class _Cells(HTMLParser):
    """Collects header cells and rows of the tables in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[list[str]] = []
        self.rows = 0
        self._in: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self.headers.append([])
        if tag == "tr":
            self.rows += 1
        if tag == "th":
            self._in, self._text = "th", ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "th" and self._in == "th":
            self.headers[-1].append(self._text)
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text += data


def _cells(html: str) -> _Cells:
    parser = _Cells()
    parser.feed(html)
    return parser


def test_every_header_row_is_in_one_language() -> None:
    roadmap = stpmodel.load()
    from stpmodel import records

    for name, table in _html.TABLES.items():
        record = records.roadmap_record(roadmap) if table.exclude is not None else None
        headers = [c.header for c in table.columns_for(record)]
        assert headers, name
        assert not [h for h in headers if re.search("[A-Za-z]", h)], name


def test_roadmap_shows_its_counts_and_subsections(roadmap: Roadmap) -> None:
    cells = _cells(roadmap._repr_html_())
    assert cells.headers[0] == [
        "題名",
        "版",
        "節",
        "取組",
        "取組方針",
        "実施状況",
        "指標",
        "脚注",
        "警告",
    ]
    # one header row and one row of counts, then a header and one row per subsection
    assert cells.rows == 2 + 1 + len(roadmap.subsections)
    assert f">{len(roadmap.initiatives)}<" in roadmap._repr_html_()


def test_an_initiative_lists_itself_its_notes_and_actions(roadmap: Roadmap) -> None:
    initiative = next(i for i in roadmap.initiatives if i.lead_ministries)
    html = initiative._repr_html_()
    assert _cells(html).rows == 1 + 1 + len(initiative.status_notes) + len(initiative.actions)
    for code in initiative.lead_ministries:
        assert f"<u>{code}</u>" in html


def test_a_deadline_slice_keeps_its_table(roadmap: Roadmap) -> None:
    found = roadmap.deadlines(from_year=2025, to_year=2027)
    assert _cells(found._repr_html_()).rows == 1 + len(found)
    part = found[:3]
    assert type(part) is type(found)
    assert _cells(part._repr_html_()).rows == 1 + 3
    assert found[0] in found


def test_long_text_is_cut_to_one_line_with_the_whole_on_hover(roadmap: Roadmap) -> None:
    action = max(roadmap.actions, key=lambda a: len(a.text))
    html = action._repr_html_()
    assert "text-overflow:ellipsis" in html
    assert f'title="{action.text}"' in html


def test_hostile_text_is_escaped() -> None:
    evil = parse(HEAD + "○<b>取組</b>。【科技】\t・実施。\t・x<script>。【文】\n")
    for obj in (evil, evil.actions[0], evil.initiatives[0], query.search(evil, "script")):
        html = obj._repr_html_()
        assert "<script>" not in html
        assert "<b>" not in html


@pytest.mark.parametrize(
    "make",
    [
        lambda r: query.items_of(r, "sip"),
        lambda r: query.actions_of(r, "文"),
        lambda r: query.search(r, "SIP"),
        lambda r: r.deadlines(),
    ],
)
def test_result_collections_are_tables_of_their_rows(roadmap: Roadmap, make: object) -> None:
    found = make(roadmap)  # type: ignore[operator]
    assert found
    assert _cells(found._repr_html_()).rows == 1 + len(found)


def test_a_parse_warning_shows_its_position_and_code() -> None:
    roadmap = stpmodel.parse(stpmodel.source_text() + "\n○取組。【ZZ】\t・実施。\t・推進。【ZZ】\n")
    warning = next(w for w in roadmap.warnings if w.code == "unknown-ministry")
    html = warning._repr_html_()
    assert html.startswith("<table")
    assert "<th" in html
    assert f">{escape(warning.source)}<" in html
    assert ">unknown-ministry<" in html
    assert f">{warning.column}–{warning.end_column}<" in html


def test_coverage_shows_its_ratio_and_what_is_missing() -> None:
    text = stpmodel.source_text()
    assert ">100.00%<" in stpmodel.coverage(text, stpmodel.load())._repr_html_()
    partial = stpmodel.coverage(text + "\n余分な行\n", stpmodel.load())._repr_html_()
    assert all(char in partial for char in "余分な行")
    assert ">100.00%<" not in partial


def test_a_period_and_a_date_mention_show_their_days_and_relation() -> None:
    period = stpmodel.Period.fiscal_year(2025)
    html = period._repr_html_()
    assert html.startswith("<table")
    assert ">2025-04-01<" in html
    assert ">2026-03-31<" in html
    mention = stpmodel.find_dates("2027年度以降")[0]
    html = mention._repr_html_()
    assert ">2027年度以降<" in html
    assert ">from<" in html
    assert ">2027-04-01<" in html  # a `from` mention falls due on its first day


# -- one renderer -------------------------------------------------------------------------
def _public_classes() -> list[type]:
    """Every public class of the package and its public modules that shows as HTML."""
    import importlib

    found: dict[str, type] = {}
    for module_name in (
        "stpmodel",
        "stpmodel.model",
        "stpmodel.roadmap",
        "stpmodel.query",
        "stpmodel.dates",
        "stpmodel.errors",
        "stpmodel.parsing",
        "stpmodel.diff",
    ):
        module = importlib.import_module(module_name)
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and hasattr(value, "_repr_html_"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_every_public_class_renders_through_the_shared_renderer() -> None:
    from stpmodel._shown import Shown
    from stpmodel.diff import RoadmapDiff
    from stpmodel.results import Results

    classes = _public_classes()
    assert len(classes) > 25
    shared = {Shown._repr_html_, Results._repr_html_}
    renderers = {
        c: next(vars(k)["_repr_html_"] for k in c.__mro__ if "_repr_html_" in vars(k))
        for c in classes
    }
    own = [c.__name__ for c, f in renderers.items() if f not in shared and c is not RoadmapDiff]
    assert own == []
    # each one names views (a model class) or a table (a result collection), and the
    # tables it names exist
    for cls in classes:
        if issubclass(cls, Shown):
            assert cls._views, cls.__name__
            assert {v.table for v in cls._views} <= set(_html.TABLES), cls.__name__
        elif issubclass(cls, Results) and cls is not Results:
            assert cls._frame in _html.TABLES, cls.__name__


def test_at_most_three_renderers_are_written_under_src() -> None:
    """The shared one, the result collections' and the diff's own view."""
    import ast
    from pathlib import Path

    src = Path(stpmodel.__file__).parent
    defined = [
        f"{path.relative_to(src)}:{node.lineno}"
        for path in sorted(src.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "_repr_html_"
    ]
    assert len(defined) <= 3, defined


EVIL = '<a href="https://evil.example/">x</a><script>alert(1)</script>'


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.links += [v or "" for k, v in attrs if k in ("href", "src")]

    def handle_data(self, data: str) -> None:
        self.text += data


def _poison(value: object, count: list[int]) -> object:
    """`value` with every string in it (IDs, codes, texts, names) made hostile HTML."""
    import enum

    import attrs

    if isinstance(value, enum.Enum):  # a kind, a relation: not text
        return value
    if isinstance(value, str):
        count[0] += 1
        return f"{EVIL}{count[0]}"
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_poison(v, count) for v in value)
    if isinstance(value, dict):
        return {k: _poison(v, count) for k, v in value.items()}
    if attrs.has(type(value)):
        thing: Any = value
        changes = {
            f.alias or f.name: _poison(getattr(thing, f.name), count)
            for f in attrs.fields(type(thing))
            if f.init
        }
        return attrs.evolve(thing, **changes)
    return value


def test_every_html_escapes_text_an_id_holding_a_link_shows_as_text() -> None:
    from stpmodel.query import Codes, MinistryPair, MinistryPairs
    from stpmodel.roadmap import Deadline, Deadlines, Items, Nodes

    small = parse(
        HEAD + "○取組。2025年度までに【科技、文】\t・実施。\t・2026年度中に推進。【文】\n"
    )
    count = [0]
    roadmap = _poison(small, count)
    assert isinstance(roadmap, Roadmap)
    action = roadmap.actions[0]
    mention = action.dates[0]
    shown: list[object] = [
        roadmap,
        *roadmap.sections,
        *roadmap.subsections,
        *roadmap.initiatives,
        *roadmap.status_notes,
        action,
        *action.ministries,
        action.source,
        roadmap.source,
        mention,
        mention.period,
        _poison(stpmodel.load().programs["sip"], count),
        _poison(stpmodel.load().ministries["文"], count),
        _poison(next(i for i in stpmodel.load().indicators if i.observations), count),
        _poison(next(iter(stpmodel.load().footnotes.values())), count),
        _poison(stpmodel.load().sections[0].vision[0], count),
        _poison(
            stpmodel.parse(HEAD + "○取組。【謎】\t・実施。\t・推進。【文】\n").warnings[0], count
        ),
        Deadline(item=action, mention=mention),
        Deadlines([Deadline(item=action, mention=mention)]),
        Items([action]),
        Nodes([action]),
        Codes([EVIL], {EVIL: EVIL}),
        MinistryPairs([MinistryPair(EVIL, EVIL, 1, (EVIL,))]),
    ]
    covered = {type(obj) for obj in shown}
    assert len(covered) >= 20
    for obj in shown:
        html = obj._repr_html_()  # type: ignore[attr-defined]
        parsed = _Tags()
        parsed.feed(html)
        assert parsed.tags <= {
            "table",
            "caption",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
            "span",
            "u",
            "br",
        }, type(obj)
        assert parsed.links == [], type(obj)
        if not isinstance(obj, stpmodel.Period):  # a period holds no text of its own
            assert EVIL in parsed.text, type(obj)  # shown as text, not dropped
