"""The checks of a loaded roadmap that a JSON Schema cannot make: IDs unique, cited
footnotes defined, ministry and program codes known to the document's registries, status
notes and actions pointing at their initiative, registry keys equal to their objects' codes.

`reference_problems` reads the raw JSON data defensively and names every problem with
its JSONPath; `references_hold` is its quick form over the typed roadmap, for the common
case of a document with no problem at all.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from stpmodel._jsontext import path_step
from stpmodel.schema import INT_KEY_PATTERN

if TYPE_CHECKING:
    from collections.abc import Iterator

    from stpmodel.model import (
        Action,
        Goal,
        Indicator,
        Initiative,
        Paragraph,
        Program,
        StatusNote,
    )
    from stpmodel.roadmap import Roadmap

__all__ = ["reference_problems", "references_hold"]

_INT_KEY = re.compile(INT_KEY_PATTERN)


def reference_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """What the JSON Schema cannot say: unique IDs, defined footnotes, known codes,
    parents. Reads the raw data defensively, so that it reports alongside type errors."""
    problems: list[tuple[str, str]] = []

    def items(value: Any, path: str) -> Iterator[tuple[dict[str, Any], str]]:
        if type(value) is list:
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    yield item, f"{path}[{index}]"

    def keyed(value: Any, path: str) -> Iterator[tuple[str, dict[str, Any], str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, dict):
                    yield key, item, path + path_step(key)

    footnotes = data.get("footnotes")
    defined = (
        {int(k) for k in footnotes if _INT_KEY.fullmatch(k)}
        if isinstance(footnotes, dict)
        else set()
    )
    ministries = data.get("ministries")
    codes = set(ministries) if isinstance(ministries, dict) else set()
    programs = data.get("programs")
    program_ids = set(programs) if isinstance(programs, dict) else set()
    seen: dict[str, str] = {}

    def identify(obj: dict[str, Any], path: str) -> Any:
        ident = obj.get("id")
        if type(ident) is str:
            if ident in seen:
                problems.append((f"{path}.id", f"duplicate ID {ident!r} (also at {seen[ident]})"))
            else:
                seen[ident] = f"{path}.id"
        return ident

    def cites(obj: dict[str, Any], path: str) -> None:
        numbers = obj.get("footnotes")
        if type(numbers) is list:
            for index, number in enumerate(numbers):
                if type(number) is int and number not in defined:
                    problems.append(
                        (
                            f"{path}.footnotes[{index}]",
                            f"footnote {number} is cited but not defined",
                        )
                    )

    def tags(obj: dict[str, Any], path: str) -> None:
        for ref, ref_path in items(obj.get("ministries"), f"{path}.ministries"):
            code = ref.get("code")
            if type(code) is str and code not in codes:
                problems.append((f"{ref_path}.code", f"unknown ministry code {code!r}"))
        links(obj, path)

    reposted: list[tuple[str, str]] = []

    def links(obj: dict[str, Any], path: str) -> None:
        """Program links known and `programs` the programs of `program_mentions`; a
        repost's original recorded only on a repost."""
        uses = obj.get("programs")
        known = True
        if type(uses) is list:
            for index, program in enumerate(uses):
                if type(program) is str and program not in program_ids:
                    problems.append((f"{path}.programs[{index}]", f"unknown program {program!r}"))
                    known = False
        mentioned: dict[Any, None] = {}
        for mention, m_path in items(obj.get("program_mentions"), f"{path}.program_mentions"):
            program = mention.get("program")
            mentioned.setdefault(program, None)
            if type(program) is str and program not in program_ids:
                problems.append((f"{m_path}.program", f"unknown program {program!r}"))
        absent = [
            p for p in mentioned if type(p) is str and p in program_ids and p not in (uses or ())
        ]
        if known and type(uses) is list and absent:
            problems.append(
                (f"{path}.programs", f"programs {absent!r} of program_mentions are not in programs")
            )
        original = obj.get("repost_of")
        if original is not None and obj.get("repost") is not True:
            problems.append((f"{path}.repost_of", "repost_of on an item that is no repost"))
        if type(original) is str:
            reposted.append((f"{path}.repost_of", original))

    def child_of(obj: dict[str, Any], path: str, parent: Any) -> None:
        pointer = obj.get("initiative_id")
        if type(pointer) is str and type(parent) is str and pointer != parent:
            problems.append(
                (f"{path}.initiative_id", f"initiative {pointer!r} is not its parent {parent!r}")
            )

    for section, s_path in items(data.get("sections"), "$.sections"):
        identify(section, s_path)
        for field in ("vision", "goals", "indicators"):
            for obj, path in items(section.get(field), f"{s_path}.{field}"):
                identify(obj, path)
                cites(obj, path)
                if field == "indicators":
                    links(obj, path)
        for sub, sub_path in items(section.get("subsections"), f"{s_path}.subsections"):
            identify(sub, sub_path)
            for ini, ini_path in items(sub.get("initiatives"), f"{sub_path}.initiatives"):
                parent = identify(ini, ini_path)
                cites(ini, ini_path)
                tags(ini, ini_path)
                for field in ("status_notes", "actions"):
                    for obj, path in items(ini.get(field), f"{ini_path}.{field}"):
                        identify(obj, path)
                        cites(obj, path)
                        tags(obj, path)
                        child_of(obj, path, parent)
    for key, footnote, path in keyed(footnotes, "$.footnotes"):
        number = footnote.get("number")
        if type(number) is int and _INT_KEY.fullmatch(key) and int(key) != number:
            problems.append((f"{path}.number", f"footnote {number} is filed under key {key!r}"))
        if type(number) is int:
            ident = f"fn{number}"
            if ident in seen:
                problems.append(
                    (f"{path}.number", f"duplicate ID {ident!r} (also at {seen[ident]})")
                )
    for _key, footnote, path in keyed(footnotes, "$.footnotes"):
        citing = footnote.get("cited_by")
        for index, cited_by in enumerate(citing if type(citing) is list else ()):
            if type(cited_by) is str and cited_by not in seen:
                problems.append((f"{path}.cited_by[{index}]", f"no object with ID {cited_by!r}"))
    for key, ministry, path in keyed(ministries, "$.ministries"):
        code = ministry.get("code")
        if type(code) is str and code != key:
            problems.append((f"{path}.code", f"ministry {code!r} is filed under key {key!r}"))
    for key, program, path in keyed(programs, "$.programs"):
        program_id = program.get("id")
        if type(program_id) is str and program_id != key:
            problems.append((f"{path}.id", f"program {program_id!r} is filed under key {key!r}"))
        for field in ("part_of", "predecessor", "successor"):
            other = program.get(field)
            if type(other) is str and other and other not in program_ids:
                problems.append((f"{path}.{field}", f"unknown program {other!r}"))
        for field in ("phases", "goals"):
            for phase, p_path in items(program.get(field), f"{path}.{field}"):
                owner = phase.get("program")
                if type(owner) is str and owner != key:
                    problems.append(
                        (f"{p_path}.program", f"a phase of {owner!r} filed under {key!r}")
                    )
    for r_path, original in reposted:
        if original not in seen:
            problems.append((r_path, f"no object with ID {original!r}"))
    return problems


def references_hold(roadmap: Roadmap) -> bool:
    """Whether a roadmap built from a well-typed document passes every check of
    `reference_problems` (one quick walk of the typed objects; `reference_problems` is what
    then names each problem with its path)."""
    defined = roadmap.footnotes.keys()
    codes = roadmap.ministries.keys()
    programs = roadmap.programs
    count = 0
    ids: set[str] = set()
    reposts: list[str] = []
    for section in roadmap.sections:
        ids.add(section.id)
        count += 1
        texts: list[Paragraph | Goal | Indicator] = [
            *section.vision,
            *section.goals,
            *section.indicators,
        ]
        for obj in texts:
            ids.add(obj.id)
            count += 1
            if not defined >= set(obj.footnotes):
                return False
        for indicator in section.indicators:
            if not _links_hold(indicator, programs.keys(), reposts):
                return False
        for sub in section.subsections:
            ids.add(sub.id)
            count += 1
            for ini in sub.initiatives:
                ids.add(ini.id)
                count += 1
                items: list[Initiative | StatusNote | Action] = [
                    ini,
                    *ini.status_notes,
                    *ini.actions,
                ]
                for item in items:
                    if not defined >= set(item.footnotes):
                        return False
                    if not programs.keys() >= set(item.programs):
                        return False
                    if not _links_hold(item, programs.keys(), reposts):
                        return False
                for tagged in (ini, *ini.actions):
                    for ref in tagged.ministries:
                        if ref.code not in codes:
                            return False
                children: list[StatusNote | Action] = [*ini.status_notes, *ini.actions]
                for child in children:
                    ids.add(child.id)
                    count += 1
                    if child.initiative_id != ini.id:
                        return False
    if len(ids) != count or not ids.issuperset(reposts):
        return False
    for number, footnote in roadmap.footnotes.items():
        if footnote.number != number or f"fn{number}" in ids:
            return False
        if not ids.issuperset(footnote.cited_by):
            return False
    if any(ministry.code != code for code, ministry in roadmap.ministries.items()):
        return False
    return all(
        program.id == key
        and all(not other or other in programs for other in _lineage(program))
        and all(phase.program == key for phase in (*program.phases, *program.goals))
        for key, program in programs.items()
    )


def _lineage(program: Program) -> tuple[str, str, str]:
    return (program.part_of, program.predecessor, program.successor)


def _links_hold(
    obj: Initiative | StatusNote | Action | Indicator, known: Any, reposts: list[str]
) -> bool:
    """The typed form of the program-link and repost checks of `reference_problems`."""
    mentioned = {m.program for m in obj.program_mentions}
    if not known >= mentioned or not set(obj.programs) >= mentioned:
        return False
    original = getattr(obj, "repost_of", None)
    if original is not None:
        if not obj.repost:  # type: ignore[union-attr]
            return False
        reposts.append(original)
    return True
