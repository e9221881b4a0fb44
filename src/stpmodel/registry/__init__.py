"""Curated registries: ministry codes and the program catalog, kept as data files.

`ministries.json` and `programs.json` beside this module are the data; this module
reads them and matches program mentions in text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from stpmodel._text import drop_footnote_marks
from stpmodel.dates import Calendar
from stpmodel.model import (
    Ministry,
    MinistryKind,
    Operator,
    OperatorRole,
    Phase,
    Program,
    ProgramKind,
    ProgramStatus,
)
from stpmodel.registry._names import NameIndex, name_key

__all__ = [
    "NameIndex",
    "ProgramMatcher",
    "default_ministries",
    "default_program_cues",
    "default_programs",
    "default_qualified_aliases",
    "name_key",
    "program_key",
]


def _read(name: str) -> Any:
    import json
    from importlib import resources

    return json.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@functools.cache
def default_ministries() -> Mapping[str, Ministry]:
    """The ministry codes of the 工程表 tags (科技, 文, 経, 関係府省 …), by code."""
    entries = _read("ministries.json")["ministries"]
    return {e["code"]: Ministry(**{**e, "kind": MinistryKind(e["kind"])}) for e in entries}


_MATCHING_ONLY = ("cues", "qualified_aliases", "not_followed_by")


def _phase(program: str, entry: Mapping[str, Any], calendar: Calendar) -> Phase:
    return Phase(
        program=program,
        label=entry["label"],
        number=entry.get("number"),
        start_fy=entry.get("start_fy"),
        end_fy=entry.get("end_fy"),
        calendar=calendar,
        confirmed=entry.get("confirmed", True),
        source=entry["source"],
        overlaps_previous=entry.get("overlaps_previous", ""),
    )


def program_from_entry(entry: Mapping[str, Any]) -> Program:
    """A [Program][stpmodel.Program] from one entry of programs.json."""
    e = {k: v for k, v in entry.items() if k not in _MATCHING_ONLY}
    calendar = Calendar(e.pop("calendar", Calendar.FISCAL.value))
    pid = e["id"]
    return Program(
        **{
            **e,
            "aliases": tuple(e.get("aliases", ())),
            "kind": ProgramKind(e.get("kind", "program")),
            "status": ProgramStatus(e.get("status", "unknown")),
            "calendar": calendar,
            "operators": tuple(
                Operator(
                    name=o["name"],
                    role=OperatorRole(o.get("role", "unknown")),
                    source=o.get("source", ""),
                )
                for o in e.get("operators", ())
            ),
            "phases": tuple(_phase(pid, p, calendar) for p in e.get("phases", ())),
            "goals": tuple(_phase(pid, g, calendar) for g in e.get("goals", ())),
        }
    )


@functools.cache
def default_programs() -> Mapping[str, Program]:
    """The program catalog (SIP, ムーンショット, ASPIRE, 科学技術・イノベーション基本計画 …),
    by ID, with phases, goals, periods, lineage and operators (each fact with its source)."""
    return {e["id"]: program_from_entry(e) for e in _read("programs.json")["programs"]}


@functools.cache
def default_qualified_aliases() -> Mapping[str, tuple[str, ...]]:
    """Spellings that name a program only when qualified by 第N期 or 次期 (基本計画 in
    第6期基本計画 is the Basic Plan), by program ID: the `qualified_aliases` of
    programs.json."""
    entries = _read("programs.json")["programs"]
    return {e["id"]: tuple(e["qualified_aliases"]) for e in entries if e.get("qualified_aliases")}


@functools.cache
def default_not_followed_by() -> Mapping[str, tuple[str, ...]]:
    """Continuations after which an alias is another name (統合イノベーション戦略推進会議 is
    a council, not the strategy), by program ID."""
    entries = _read("programs.json")["programs"]
    return {e["id"]: tuple(e["not_followed_by"]) for e in entries if e.get("not_followed_by")}


@functools.cache
def default_program_cues() -> Mapping[str, tuple[str, ...]]:
    """The words by which an item refers to a program named by its initiative without
    naming it (SIP: 14課題, 本プログラム), by program ID: the `cues` of programs.json."""
    entries = _read("programs.json")["programs"]
    return {e["id"]: tuple(e["cues"]) for e in entries if e.get("cues")}


def program_key(text: str) -> str:
    """The form programs are matched in: NFKC, no white space, no footnote marks.

    `"次期 S I P"` and `"次期ＳＩＰ"` both become `"次期SIP"`. Case is kept, so the
    acronym FIRST does not match the English word "first".
    """
    return unicodedata.normalize("NFKC", drop_footnote_marks("".join(text.split())))


class ProgramMatcher:
    """Finds program mentions in text with one compiled pattern over all aliases."""

    def __init__(self, programs: Mapping[str, Program]) -> None:
        self.programs = programs
        alias_to_id: dict[str, str] = {}
        for program in programs.values():
            for alias in (*program.aliases, program.name_ja, program.acronym):
                key = program_key(alias)
                if key:
                    alias_to_id.setdefault(key, program.id)
        self._ids = alias_to_id
        parts = []
        for key in sorted(alias_to_id, key=len, reverse=True):
            # each branch begins with its literal first character (a Latin one then looks
            # behind it for a letter), so the engine skips to the aliases' first characters
            body = re.escape(key[0])
            if key[0].isascii() and key[0].isalpha():
                body += r"(?<![A-Za-z].)"
            body += re.escape(key[1:])
            if key[-1].isascii() and key[-1].isalpha():
                body += r"(?![A-Za-z])"
            parts.append(body)
        self._pattern = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> tuple[str, ...]:
        """The IDs of the programs `text` mentions, in order of first mention."""
        return self.find_in_key(program_key(text))

    def find_in_key(self, key: str) -> tuple[str, ...]:
        """Like [find][stpmodel.registry.ProgramMatcher.find], for text already in [program_key][stpmodel.registry.program_key] form."""
        if self._pattern is None:
            return ()
        found: dict[str, None] = {}
        for m in self._pattern.finditer(key):
            found.setdefault(self._ids[m.group(0)], None)
        return tuple(found)
