"""Property tests: loads(dumps(x)) == x for generated valid roadmaps, and date spans."""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

import stpmodel
from stpmodel import (
    Action,
    DateMention,
    Footnote,
    Indicator,
    IndicatorKind,
    Initiative,
    Ministry,
    MinistryKind,
    MinistryRef,
    Observation,
    ParseWarning,
    Period,
    Program,
    Relation,
    Roadmap,
    Section,
    SourceInfo,
    SourceSpan,
    StatusNote,
    Subsection,
    find_dates,
)
from stpmodel.dates import Calendar, Granularity
from stpmodel.errors import LoadError, WarningCode
from stpmodel.serialize import dumps, loads

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
ids = st.text("abc0123456789.", min_size=1, max_size=8)
spans = st.builds(
    SourceSpan, source=texts, lines=st.lists(st.integers(1, 500), min_size=1, max_size=3).map(tuple)
)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    a, b = sorted(
        draw(st.lists(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), min_size=2, max_size=2))
    )
    year = draw(st.integers(1900, 2100))
    return Period(
        start=a,
        end=b,
        granularity=draw(st.sampled_from(Granularity)),
        calendar=draw(st.sampled_from(Calendar)),
        year=year,
        last_year=year + draw(st.integers(0, 5)),
        approximate=draw(st.booleans()),
    )


date_mentions = st.builds(
    DateMention,
    text=texts,
    span=st.tuples(st.integers(0, 50), st.integers(50, 100)),
    period=periods(),
    relation=st.sampled_from(Relation),
)
observations = st.builds(
    Observation,
    value=st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9
    ),
    unit=texts,
    text=texts,
    label=st.none() | texts,
    series=st.none() | texts,
    as_of=st.none() | periods(),
)
warnings = st.builds(
    ParseWarning,
    source=texts,
    line=st.integers(0, 999),
    code=st.sampled_from(WarningCode),
    message=texts,
    text=texts,
    column=st.integers(0, 999),
    end_column=st.integers(0, 999),
)


@st.composite
def roadmaps(draw: st.DrawFn) -> Roadmap:
    """A valid roadmap: random text everywhere, but every ID unique, every cited footnote
    defined, every ministry and program code in the registries, every child pointing at
    its parent, every footnote cited by objects that exist — what `loads()` checks."""
    ministry_list = draw(
        st.lists(
            st.builds(
                Ministry,
                code=texts,
                name_ja=texts,
                name_en=texts,
                kind=st.sampled_from(MinistryKind),
            ),
            max_size=3,
            unique_by=lambda m: m.code,
        )
    )
    program_ids = draw(st.lists(ids, max_size=3, unique=True))
    program_list = [
        Program(
            id=ident,
            name_ja=draw(texts),
            name_en=draw(texts),
            aliases=tuple(draw(st.lists(texts, max_size=2))),
            part_of=draw(st.sampled_from(["", *program_ids])),
        )
        for ident in program_ids
    ]
    numbers = draw(st.lists(st.integers(1, 999), max_size=3, unique=True))
    codes = [m.code for m in ministry_list]
    made: list[str] = []

    def ident() -> str:
        # random, made unique by a serial number ("fn…" is never drawn: footnotes' IDs)
        made.append(f"{draw(ids)}#{len(made)}")
        return made[-1]

    def cites() -> tuple[int, ...]:
        return tuple(draw(st.lists(st.sampled_from(numbers), max_size=3))) if numbers else ()

    def uses() -> tuple[str, ...]:
        return (
            tuple(draw(st.lists(st.sampled_from(program_ids), max_size=2))) if program_ids else ()
        )

    def tagged() -> tuple[MinistryRef, ...]:
        if not codes:
            return ()
        refs = st.builds(MinistryRef, code=st.sampled_from(codes), lead=st.booleans())
        return tuple(draw(st.lists(refs, max_size=3)))

    def mentions(most: int) -> tuple[DateMention, ...]:
        return tuple(draw(st.lists(date_mentions, max_size=most)))

    def initiative() -> Initiative:
        own = ident()
        notes = tuple(
            StatusNote(
                id=ident(),
                initiative_id=own,
                text=draw(texts),
                programs=uses(),
                footnotes=cites(),
                dates=mentions(2),
                source=draw(spans),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        actions = tuple(
            Action(
                id=ident(),
                initiative_id=own,
                text=draw(texts),
                ministries=tagged(),
                repost=draw(st.booleans()),
                programs=uses(),
                footnotes=cites(),
                dates=mentions(2),
                source=draw(spans),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
        return Initiative(
            id=own,
            number=draw(st.integers(1, 30)),
            text=draw(texts),
            ministries=tagged(),
            repost=draw(st.booleans()),
            status_notes=notes,
            actions=actions,
            programs=uses(),
            footnotes=cites(),
            dates=mentions(2),
            source=draw(spans),
        )

    def indicator() -> Indicator:
        return Indicator(
            id=ident(),
            kind=draw(st.sampled_from(IndicatorKind)),
            name=draw(texts),
            text=draw(texts),
            details=tuple(draw(st.lists(texts, max_size=2))),
            observations=tuple(draw(st.lists(observations, max_size=2))),
            footnotes=cites(),
            repost=draw(st.booleans()),
            dates=mentions(1),
            source=draw(spans),
        )

    def section() -> Section:
        own = ident()
        return Section(
            id=own,
            number=draw(st.integers(1, 20)),
            title=draw(texts),
            chapter=draw(st.none() | texts),
            indicators=tuple(indicator() for _ in range(draw(st.integers(0, 2)))),
            subsections=tuple(
                Subsection(
                    id=ident(),
                    number=draw(st.integers(1, 20)),
                    title=draw(texts),
                    initiatives=tuple(initiative() for _ in range(draw(st.integers(0, 2)))),
                    source=draw(spans),
                )
                for _ in range(draw(st.integers(0, 2)))
            ),
            source=draw(spans),
        )

    sections = tuple(section() for _ in range(draw(st.integers(0, 2))))
    footnotes = {
        number: Footnote(
            number=number,
            text=draw(texts),
            cited_by=tuple(draw(st.lists(st.sampled_from(made), max_size=2))) if made else (),
            source=draw(spans),
        )
        for number in numbers
    }
    return Roadmap(
        title=draw(texts),
        edition=draw(st.none() | st.integers(2000, 2100)),
        source=draw(
            st.builds(
                SourceInfo,
                name=texts,
                sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
            )
        ),
        sections=sections,
        ministries={m.code: m for m in ministry_list},
        programs={p.id: p for p in program_list},
        footnotes=footnotes,
        warnings=tuple(draw(st.lists(warnings, max_size=2))),
    )


@settings(max_examples=60, deadline=None)
@given(roadmaps())
def test_json_round_trip(roadmap: Roadmap) -> None:
    assert loads(dumps(roadmap)) == roadmap


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.sampled_from("2025年度月日令和平成元三十～〜からまで以降中 ,.０１９13"), max_size=40)
)
def test_date_spans_always_point_into_the_text(text: str) -> None:
    for mention in find_dates(text):
        start, end = mention.span
        assert text[start:end] == mention.text
        assert mention.period.start <= mention.period.end


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8)
    | st.sampled_from(["2025-04-01", "2021-13-01", "1.5", "at", "fiscal", "fn1", "6.1.1"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=6,
)


@functools.cache
def _bundled_data() -> str:
    import stpmodel

    return dumps(stpmodel.load())


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_damaged_documents_raise_only_load_error(data: st.DataObject) -> None:
    """Any value anywhere in the bundled document replaced by any JSON value (NaN and
    Infinity included): loads() returns a roadmap or raises LoadError, nothing else."""
    document = json.loads(_bundled_data())
    for _ in range(data.draw(st.integers(1, 3))):
        node: Any = document
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and data.draw(st.booleans()):
                node = child
                continue
            node[key] = data.draw(json_values)
            break
    problems: tuple[tuple[str, str], ...] | None = None
    try:
        loads(json.dumps(document, ensure_ascii=False))
    except LoadError as error:
        problems = error.problems
    if problems is not None:
        assert problems
        assert all(path.startswith("$") for path, _ in problems)


# -- whatever the parser returns can be written and read back ------------------------------
_NUMBERS = st.one_of(
    st.integers(0, 10**12).map(str),
    st.integers(1, 40).map(lambda groups: "1" + ",000" * groups),  # up to 121 digits
    st.decimals(0, 10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
    st.just("1" + ",000" * 30),  # 91 digits with separators
)
_WORDS = st.sampled_from(
    [
        "推進",
        "SIP",
        "S I P",
        "2026年度",
        "令和6年",
        "⁹⁴",
        "(再掲)",
        "【科技】",
        "【謎】",
        "、",
        "・",
        " ",
    ]
)
_UNITS = st.sampled_from(["件", "%", "億円", "人", "倍", "", "年"])


@st.composite
def _values(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_WORDS, _NUMBERS, _UNITS), min_size=1, max_size=4))
    return "、".join(f"{word}{number}{unit}" for word, number, unit in parts)


@st.composite
def _documents(draw: st.DrawFn) -> str:
    lines = ["(6) 見出し", "【現状データ】（参考指標）"]
    for _ in range(draw(st.integers(1, 3))):
        lines.append(f"・ 指標：{draw(_values())}")
        if draw(st.booleans()):
            lines.append(f"  内訳 {draw(_values())}")
    lines.append("① 小")
    for _ in range(draw(st.integers(1, 3))):
        lines.append(
            f"○取組{draw(_values())}。【科技】\t・実施{draw(_values())}。\t"
            f"・推進{draw(_values())}。【<u>文</u>】"
        )
    if draw(st.booleans()):
        lines.append(f"⁹⁴ 注 {draw(_values())}")
    lines.extend(draw(st.lists(texts, max_size=2)))
    return "\n".join(lines) + "\n"


@settings(max_examples=80, deadline=None)
@given(_documents())
@example(
    "(6) 見出し\n【現状データ】（参考指標）\n・ 件数：" + "1" + ",000" * 30 + "件\n"
    "① 小\n○取組。【科技】\t・実施。\t・推進。【科技】\n"
)
def test_whatever_the_parser_returns_loads_back_equal(text: str) -> None:
    roadmap = stpmodel.parse(text, name="generated.txt")
    assert loads(dumps(roadmap)) == roadmap
    assert loads(dumps(roadmap, indent=1)) == roadmap
