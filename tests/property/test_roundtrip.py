"""Property tests: structure(unstructure(x)) == x for generated models, and date spans."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

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
from stpmodel.errors import WarningCode
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


mentions = st.builds(
    DateMention,
    text=texts,
    span=st.tuples(st.integers(0, 50), st.integers(50, 100)),
    period=periods(),
    relation=st.sampled_from(Relation),
)
refs = st.builds(MinistryRef, code=texts, lead=st.booleans())
numbers = st.lists(st.integers(1, 200), max_size=3).map(tuple)
notes = st.builds(
    StatusNote,
    id=ids,
    initiative_id=ids,
    text=texts,
    programs=st.lists(ids, max_size=2).map(tuple),
    footnotes=numbers,
    dates=st.lists(mentions, max_size=2).map(tuple),
    source=spans,
)
actions = st.builds(
    Action,
    id=ids,
    initiative_id=ids,
    text=texts,
    ministries=st.lists(refs, max_size=3).map(tuple),
    repost=st.booleans(),
    programs=st.lists(ids, max_size=2).map(tuple),
    footnotes=numbers,
    dates=st.lists(mentions, max_size=2).map(tuple),
    source=spans,
)
initiatives = st.builds(
    Initiative,
    id=ids,
    number=st.integers(1, 30),
    text=texts,
    ministries=st.lists(refs, max_size=3).map(tuple),
    repost=st.booleans(),
    status_notes=st.lists(notes, max_size=3).map(tuple),
    actions=st.lists(actions, max_size=3).map(tuple),
    programs=st.lists(ids, max_size=2).map(tuple),
    footnotes=numbers,
    dates=st.lists(mentions, max_size=2).map(tuple),
    source=spans,
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
indicators = st.builds(
    Indicator,
    id=ids,
    kind=st.sampled_from(IndicatorKind),
    name=texts,
    text=texts,
    details=st.lists(texts, max_size=2).map(tuple),
    observations=st.lists(observations, max_size=2).map(tuple),
    footnotes=numbers,
    repost=st.booleans(),
    dates=st.lists(mentions, max_size=1).map(tuple),
    source=spans,
)
subsections = st.builds(
    Subsection,
    id=ids,
    number=st.integers(1, 20),
    title=texts,
    initiatives=st.lists(initiatives, max_size=2).map(tuple),
    source=spans,
)
sections = st.builds(
    Section,
    id=ids,
    number=st.integers(1, 20),
    title=texts,
    chapter=st.none() | texts,
    indicators=st.lists(indicators, max_size=2).map(tuple),
    subsections=st.lists(subsections, max_size=2).map(tuple),
    source=spans,
)
ministries = st.builds(
    Ministry, code=texts, name_ja=texts, name_en=texts, kind=st.sampled_from(MinistryKind)
)
programs = st.builds(
    Program, id=ids, name_ja=texts, name_en=texts, aliases=st.lists(texts, max_size=2).map(tuple)
)
footnotes = st.builds(
    Footnote,
    number=st.integers(1, 999),
    text=texts,
    cited_by=st.lists(ids, max_size=2).map(tuple),
    source=spans,
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
roadmaps = st.builds(
    Roadmap,
    title=texts,
    edition=st.none() | st.integers(2000, 2100),
    source=st.builds(
        SourceInfo, name=texts, sha256=st.text("0123456789abcdef", min_size=64, max_size=64)
    ),
    sections=st.lists(sections, max_size=2).map(tuple),
    ministries=st.lists(ministries, max_size=3).map(lambda ms: {m.code: m for m in ms}),
    programs=st.lists(programs, max_size=3).map(lambda ps: {p.id: p for p in ps}),
    footnotes=st.lists(footnotes, max_size=3).map(lambda fs: {f.number: f for f in fs}),
    warnings=st.lists(warnings, max_size=2).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(roadmaps)
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
