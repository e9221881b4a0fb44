"""The records of indicators and of their values (observations).

Part of [stpmodel.records][], which re-exports every name here and under whose name
they are documented (`__module__` is ``stpmodel.records``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from stpmodel.dates import fiscal_year_of

if TYPE_CHECKING:
    from stpmodel.model import Indicator, Observation

__all__ = [
    "IndicatorRecord",
    "ObservationRecord",
    "indicator_record",
    "observation_record",
    "observation_records",
]


class ObservationRecord(TypedDict):
    """One value of an indicator: `series` the line of values it belongs to (never `None`
    in a table: see [Indicator.series_of][stpmodel.Indicator.series_of]), `label` its
    breakdown; `value` as a float, `unit` beside it; `as_of_*` are the
    period's days (`None` where the text gives none); `footnote` the number of the footnote
    the value was read from (`None` for a value written in the indicator's own line);
    `fiscal_year` the fiscal year of `as_of_end` (`None` without a period)."""

    indicator_id: str
    series: str | None
    label: str | None
    value: float
    unit: str
    text: str
    as_of_start: dt.date | None
    as_of_end: dt.date | None
    as_of_label: str | None
    fiscal_year: int | None
    footnote: int | None


class IndicatorRecord(TypedDict):
    """An indicator (主要指標 `key` or 参考指標 `reference`); `latest_*` describe its
    observation with the latest `as_of` (or its last, where none has a date)."""

    id: str
    section_id: str
    kind: str
    name: str
    text: str
    repost: bool
    footnotes: list[int]
    observations: int
    latest_value: float | None
    latest_unit: str | None
    latest_as_of: str | None
    line: int


def observation_record(
    observation: Observation, indicator_id: str, *, series: str | None = None
) -> ObservationRecord:
    """One value of the indicator `indicator_id`; `series` (the indicator's
    [series_of][stpmodel.Indicator.series_of] the value) where known, else the
    observation's own."""
    as_of = observation.as_of
    return {
        "indicator_id": indicator_id,
        "series": series if series is not None else observation.series,
        "label": observation.label,
        "value": float(observation.value),
        "unit": observation.unit,
        "text": observation.text,
        "as_of_start": as_of.start if as_of else None,
        "as_of_end": as_of.end if as_of else None,
        "as_of_label": as_of.label if as_of else None,
        "fiscal_year": fiscal_year_of(as_of.end) if as_of else None,
        "footnote": observation.footnote,
    }


def observation_records(indicator: Indicator) -> list[ObservationRecord]:
    """The values of an indicator, each with its series
    ([Indicator.series_of][stpmodel.Indicator.series_of]): never `None`, so values in
    different units (6.k3's 30名 and 13件) are different series."""
    return [
        observation_record(o, indicator.id, series=indicator.series_of(o))
        for o in indicator.observations
    ]


def _latest(indicator: Indicator) -> Observation | None:
    observations = indicator.observations
    if not observations:
        return None
    dated = [o for o in observations if o.as_of is not None]
    if not dated:
        return observations[-1]
    # the latest period; among equals the first written (the headline value)
    return max(dated, key=lambda o: o.as_of.end if o.as_of else dt.date.min)


def indicator_record(indicator: Indicator, section_id: str = "") -> IndicatorRecord:
    """An indicator with its latest observation's value; `section_id` defaults to the part
    of its ID before the first dot."""
    latest = _latest(indicator)
    return {
        "id": indicator.id,
        "section_id": section_id or indicator.id.partition(".")[0],
        "kind": indicator.kind.value,
        "name": indicator.name,
        "text": "\n".join((indicator.text, *indicator.details)),
        "repost": indicator.repost,
        "footnotes": list(indicator.footnotes),
        "observations": len(indicator.observations),
        "latest_value": None if latest is None else float(latest.value),
        "latest_unit": None if latest is None else latest.unit,
        "latest_as_of": None if latest is None or latest.as_of is None else latest.as_of.label,
        "line": indicator.source.first_line,
    }


# documented under the module that re-exports them
for _public in (
    IndicatorRecord,
    ObservationRecord,
    indicator_record,
    observation_record,
    observation_records,
):
    _public.__module__ = "stpmodel.records"
