"""The program registry as Markdown: every program with its phases, periods, lineage and
operators, and the source of each fact (the glossary page of the documentation)."""

from __future__ import annotations

from collections.abc import Mapping

from stpmodel.model import Phase, Program

__all__ = ["program_facts_markdown"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _years(start: int | None, end: int | None, calendar: str) -> str:
    if start is None and end is None:
        return "—"
    unit = "" if calendar == "gregorian" else "FY"
    first = "?" if start is None else f"{unit}{start}"
    last = "" if end is None else f"{unit}{end}"
    return f"{first}–{last}" if first != last else first


def _phase_rows(phases: tuple[Phase, ...]) -> list[str]:
    rows = []
    for phase in phases:
        years = _years(phase.start_fy, phase.end_fy, phase.calendar.value)
        mark = "" if phase.confirmed else " (unconfirmed)"
        note = f" {phase.overlaps_previous}" if phase.overlaps_previous else ""
        rows.append(f"| {phase.label} | {years}{mark} | {_cell(phase.source + note)} |")
    return rows


def program_facts_markdown(programs: Mapping[str, Program]) -> str:
    """One section per program: kind, status, years, lineage and operators (each with its
    source), then a table of its phases and goals with their years and sources."""
    lines = [
        "## Programs, plans and periods: the facts and their sources",
        "",
        "Years are Japanese fiscal years (FY N = April N – March N+1) unless marked as "
        "calendar years. *Unconfirmed* marks a fact taken from a secondary source or "
        "inferred (an end year read off the next plan's start); status is as of FY2024.",
        "",
    ]
    for pid, p in programs.items():
        title = f"{p.name_ja} ({p.acronym})" if p.acronym else p.name_ja
        lines += [f"### {title} — `{pid}`", ""]
        calendar = " (calendar years)" if p.calendar.value == "gregorian" else ""
        years = _years(p.first_year, p.last_year, p.calendar.value)
        mark = "" if p.period_confirmed else " (unconfirmed)"
        lines.append(f"- {p.name_en}; {p.kind.value}, {p.status.value}.")
        source = f" — {_cell(p.period_source)}" if p.period_source else ""
        lines.append(f"- Years: {years}{calendar}{mark}{source}")
        if p.predecessor or p.successor:
            before = f"`{p.predecessor}` → " if p.predecessor else ""
            after = f" → `{p.successor}`" if p.successor else ""
            lines.append(f"- Lineage: {before}`{pid}`{after} — {_cell(p.lineage_source)}")
        if p.part_of:
            lines.append(f"- Part of `{p.part_of}`.")
        if p.operators:
            ops = "; ".join(
                f"{o.name} ({o.role.value}{', ' + _cell(o.source) if o.source else ''})"
                for o in p.operators
            )
            lines.append(f"- Run by: {ops}")
        if p.phases or p.goals:
            lines += ["", "| phase / goal | years | source |", "|---|---|---|"]
            lines += _phase_rows(p.phases) + _phase_rows(p.goals)
        lines.append("")
    return "\n".join(lines)
