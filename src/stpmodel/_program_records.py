"""The records of the program catalog: programs, their phases and goals, the programs an
item mentions and the command line's listing of programs with their use.

Part of [stpmodel.records][], which re-exports every name here and under whose name
they are documented (`__module__` is ``stpmodel.records``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from stpmodel.model import Action, Initiative, Program, StatusNote

__all__ = [
    "ItemProgramRecord",
    "ProgramPhaseRecord",
    "ProgramRecord",
    "ProgramUseRecord",
    "item_program_records",
    "program_phase_records",
    "program_record",
    "program_use_record",
]


class ItemProgramRecord(TypedDict):
    """One program an item mentions (the `item_programs` link table)."""

    item_id: str
    program_id: str


class ProgramRecord(TypedDict):
    """A program of the catalog: `start_fy`/`end_fy` its first and last year (fiscal
    unless `calendar` is `gregorian`), `predecessor`/`successor` its lineage, `phases`
    the labels of its phases (each a row of `program_phases`)."""

    id: str
    name_ja: str
    name_en: str
    acronym: str
    kind: str
    status: str
    start_fy: int | None
    end_fy: int | None
    calendar: str
    predecessor: str
    successor: str
    operator: str
    part_of: str
    phases: list[str]
    confirmed: bool


class ProgramPhaseRecord(TypedDict):
    """One phase (`kind` `phase`: SIP 第3期) or goal (`goal`: ムーンショット 目標10) of a
    program (the `program_phases` table): its years, their first and last day, whether
    the fact is confirmed and its source."""

    program_id: str
    kind: str
    number: int | None
    label: str
    start_fy: int | None
    end_fy: int | None
    start: dt.date | None
    end: dt.date | None
    calendar: str
    confirmed: bool
    source: str


class ProgramUseRecord(ProgramRecord):
    """A program with how many `items` mention it and the `ministries` tagged on them (the
    command line's `programs` listing)."""

    items: int
    ministries: list[str]


def item_program_records(item: Initiative | Action | StatusNote) -> list[ItemProgramRecord]:
    """One row per program an item mentions, in the order of the text."""
    return [{"item_id": item.id, "program_id": pid} for pid in item.programs]


def program_record(program: Program) -> ProgramRecord:
    """A program of the catalog."""
    return {
        "id": program.id,
        "name_ja": program.name_ja,
        "name_en": program.name_en,
        "acronym": program.acronym,
        "kind": program.kind.value,
        "status": program.status.value,
        "start_fy": program.first_year,
        "end_fy": program.last_year,
        "calendar": program.calendar.value,
        "predecessor": program.predecessor,
        "successor": program.successor,
        "operator": program.operator,
        "part_of": program.part_of,
        "phases": [phase.label for phase in program.phases],
        "confirmed": program.confirmed,
    }


def program_phase_records(program: Program) -> list[ProgramPhaseRecord]:
    """One row per phase, then per goal, of a program."""
    found: list[ProgramPhaseRecord] = []
    for kind, phases in (("phase", program.phases), ("goal", program.goals)):
        for phase in phases:
            period = phase.period
            found.append(
                {
                    "program_id": program.id,
                    "kind": kind,
                    "number": phase.number,
                    "label": phase.label,
                    "start_fy": phase.start_fy,
                    "end_fy": phase.end_fy,
                    "start": None if period is None else period.start,
                    "end": None if period is None else period.end,
                    "calendar": phase.calendar.value,
                    "confirmed": phase.confirmed,
                    "source": phase.source,
                }
            )
    return found


def program_use_record(
    program: Program, items: Iterable[object], ministries: Iterable[str]
) -> ProgramUseRecord:
    """A program with the `items` mentioning it (counted) and their `ministries`."""
    return {**program_record(program), "items": len(list(items)), "ministries": list(ministries)}


# documented under the module that re-exports them
for _public in (
    ItemProgramRecord,
    ProgramPhaseRecord,
    ProgramRecord,
    ProgramUseRecord,
    item_program_records,
    program_phase_records,
    program_record,
    program_use_record,
):
    _public.__module__ = "stpmodel.records"
