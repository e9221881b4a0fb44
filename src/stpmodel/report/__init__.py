"""The interactive HTML roadmap (extra ``report``): one self-contained file that works
offline.

[write_html][stpmodel.report.write_html] writes a page with five views:

- **期限** (the dated timeline): a Gantt-style chart of every dated item (plotly, its
  JavaScript embedded in the file) with a line for today, hover text for each bar, filters
  by ministry, program and relation, a search box, and a sortable table of the items shown
  with a CSV button;
- **工程表** (the roadmap itself): sections → initiatives with their status notes and
  actions, collapsible, each with its dates, ministries and programs;
- **事業・制度** (programs with their phases and the items that name them), **府省**
  (ministries and their items) and **指標** (indicators and their values).

The view, the filters and the search are kept in the URL hash, so a link restores them:
a query-style hash (``#?view=timeline&ministry=文&q=MEXT&sort=due&dir=asc``) holds the
view and the filters; a bare ID (``#6.1.2.a3``) opens and highlights that item. The two
cannot collide: a query-style hash starts with ``?``, which no ID does. The search reads
ministry and program names the way the library does (``MEXT`` finds 文's items).
Nothing is fetched from the network when the page opens, and the page's scripts run under
a Content-Security-Policy that allows them by hash.

```python
from stpmodel import load
from stpmodel.report import write_html

write_html(load(), "roadmap.html")
```

The page is built from plain records (dicts); the model is read only to make them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable
from typing import Any

from stpmodel._labels import COLUMNS, INDICATOR_KINDS, KINDS, RELATIONS
from stpmodel.dates import fiscal_year_of
from stpmodel.dates import today as current_date
from stpmodel.model import Action, Initiative, StatusNote
from stpmodel.roadmap import Roadmap

__all__ = [
    "CSV_COLUMNS",
    "PLOTLY_LABELS",
    "RELATION_LABELS",
    "render_html",
    "report_records",
    "write_html",
]

RELATION_LABELS: dict[str, str] = {key: label.ja for key, label in RELATIONS.items()}
"""The Japanese name shown for each relation (the values of
[Relation][stpmodel.Relation]), from the library's one table of labels."""

_CSV_KEYS = (
    "id",
    "kind",
    "ministries",
    "lead_ministries",
    "expression",
    "relation",
    "start",
    "end",
    "due",
    "programs",
    "text",
)
CSV_COLUMNS: tuple[str, ...] = tuple(COLUMNS[key].ja for key in _CSV_KEYS)
"""The header of the CSV the report's button downloads (the rows shown, in the order
shown): the library's Japanese column labels."""

PLOTLY_LABELS: dict[str, str] = {
    "Download plot as a PNG": "PNG で保存",
    "Download plot": "画像で保存",
    "Zoom in": "拡大",
    "Zoom out": "縮小",
    "Reset axes": "表示を戻す",
    "Preparing image - this may take a few seconds": "画像を準備しています",
    "Image download succeeded": "画像を保存しました",
    "Sorry, there was a problem downloading your image!": "画像を保存できませんでした",
    "Double-click to zoom back out": "ダブルクリックで元の表示に戻る",
    "Double-click on legend to isolate one trace": "凡例をダブルクリックでその種類だけを表示",
}
"""The Japanese for the English strings of plotly's toolbar that the report shows (the
plotly.js shipped with Python plotly holds English only)."""

# the kinds' short Japanese names (取組, 取組方針, 実施状況; 主要指標, 参考指標)
_KINDS = {
    **{key: label.short or label.ja for key, label in KINDS.items()},
    **{key: label.ja for key, label in INDICATOR_KINDS.items()},
}


def _period_ja(start: dt.date, end: dt.date) -> str:
    """A period in Japanese: 2025年度, 2025年, 2024年7月, or its first and last day."""
    after = end + dt.timedelta(days=1)
    if start.day == 1 and after.day == 1:
        months = (after.year - start.year) * 12 + after.month - start.month
        if months == 12 and start.month == 4:
            return f"{start.year}年度"
        if months == 12 and start.month == 1:
            return f"{start.year}年"
        if months == 1:
            return f"{start.year}年{start.month}月"
        last = end
        return f"{start.year}年{start.month}月〜{last.year}年{last.month}月"
    return f"{start.isoformat()}〜{end.isoformat()}"


def _citation(roadmap: Roadmap) -> dict[str, Any]:
    """How a person cites the source: publisher, document, section and edition (from the
    bundled text's manifest when the roadmap is that text), and the text's SHA-256."""
    from importlib import resources

    section = roadmap.sections[0] if roadmap.sections else None
    cited: dict[str, Any] = {
        "publisher": "",
        "document": roadmap.title,
        "part": "",
        "section": f"({section.number}) {section.title}" if section is not None else "",
        "edition": roadmap.edition,
        "license": "",
        "sha256": roadmap.source.sha256,
        "name": roadmap.source.name,
    }
    manifest = json.loads(
        resources.files("stpmodel.data").joinpath("manifest.json").read_text(encoding="utf-8")
    )
    bundled = resources.files("stpmodel.data").joinpath(manifest["source"]).read_bytes()
    if hashlib.sha256(bundled).hexdigest() == roadmap.source.sha256:
        # "統合イノベーション戦略2024（内閣府）": the document, the publisher in brackets
        found = re.fullmatch(r"(.+?)[（(](.+?)[）)]", manifest["attribution"])
        if found is not None:
            cited.update(document=found.group(1), publisher=found.group(2), part="工程表")
        cited.update(license=manifest.get("license", ""), edition=manifest.get("edition"))
    return cited


def _alias_table(roadmap: Roadmap) -> dict[str, dict[str, list[str]]]:
    """Every spelling the library's name resolver reads (codes, abbreviations, names,
    aliases, the extra spellings of the registry), folded the way it folds them, with the
    ministries and programs it stands for: the search box reads names as the library does.
    """
    from importlib import resources

    from stpmodel.errors import UnknownIdError
    from stpmodel.registry._names import name_key

    extra = json.loads(
        resources.files("stpmodel.registry").joinpath("names.json").read_text(encoding="utf-8")
    )
    table: dict[str, dict[str, list[str]]] = {}

    def add(kind: str, spellings: Iterable[str], key: str, resolve: Any) -> None:
        for spelling in spellings:
            if not spelling:
                continue
            try:
                if resolve(spelling) != key:
                    continue  # the resolver reads this spelling as another entry
            except UnknownIdError:
                continue
            entry = table.setdefault(name_key(spelling), {"ministries": [], "programs": []})
            if key not in entry[kind]:
                entry[kind].append(key)

    for code, m in roadmap.ministries.items():
        names = [code, m.abbreviation, m.name_ja, m.name_en, *extra["ministries"].get(code, ())]
        add("ministries", names, code, roadmap.ministry_code)
    for pid, p in roadmap.programs.items():
        names = [pid, p.acronym, p.name_ja, p.name_en, *p.aliases, *extra["programs"].get(pid, ())]
        add("programs", names, pid, roadmap.program_id)
    return table


def _dates(item: Any) -> list[dict[str, str]]:
    return [
        {
            "text": m.text.strip(),
            "due": m.due.isoformat(),
            "relation": m.relation.value,
            "period": _period_ja(m.period.start, m.period.end),
        }
        for m in item.dates
    ]


def _ministry_labels(item: Any) -> list[str]:
    return [f"{r.code}◎" if r.lead else r.code for r in getattr(item, "ministries", ())]


def _tree(roadmap: Roadmap, program_names: dict[str, str]) -> list[dict[str, Any]]:
    """Sections → subsections → initiatives with their status notes and actions."""

    def item(node: Any) -> dict[str, Any]:
        return {
            "id": node.id,
            "kind": node.kind.value,
            "text": node.text,
            "ministries": [r.code for r in getattr(node, "ministries", ())],
            "ministry_labels": _ministry_labels(node),
            "programs": [program_names.get(p, p) for p in node.programs],
            "program_ids": list(node.programs),
            "repost": bool(getattr(node, "repost", False)),
            "dates": _dates(node),
            "line": node.source.first_line,
        }

    return [
        {
            "id": section.id,
            "title": f"({section.number}) {section.title}",
            "subsections": [
                {
                    "id": sub.id,
                    "title": sub.title,
                    "initiatives": [
                        {
                            **item(initiative),
                            "status_notes": [item(n) for n in initiative.status_notes],
                            "actions": [item(a) for a in initiative.actions],
                        }
                        for initiative in sub.initiatives
                    ],
                }
                for sub in section.subsections
            ],
        }
        for section in roadmap.sections
    ]


def _csv_cells(record: dict[str, Any], names: dict[str, str]) -> list[object]:
    """One CSV row of a deadline, every cell passed through the CSV exports' formula
    guard (so the page's button writes what `stpmodel export --format csv` would)."""
    from stpmodel.export.tables import guard

    cells = [
        record["id"],
        record["kind_ja"],
        "、".join(names.get(c, c) for c in record["ministries"]),
        "、".join(record["lead_ministries"]),
        record["expression"].strip(),
        record["relation_ja"],
        record["start"],
        record["end"],
        record["due"],
        "、".join(record["program_names"]),
        record["text"],
    ]
    return [guard(c) for c in cells]


def report_records(roadmap: Roadmap, *, today: dt.date | None = None) -> dict[str, Any]:
    """The data the page shows, as plain JSON-ready records.

    Args:
        roadmap: the roadmap to show.
        today: the day the timeline marks as today (default
            [today][stpmodel.dates.today]).

    Returns:
        A dict with ``title``; ``citation`` (publisher, document, section, edition and
        the source's SHA-256); ``today``; ``rows`` (one record per deadline, in document
        order: the deadline record plus Japanese labels, the ministries' and programs'
        names and ``csv``, its cells for the CSV button, already guarded);
        ``ministries`` and ``programs`` (code or ID → name, those that appear in the
        rows); ``years`` (first and last fiscal year covered); ``tree`` (sections →
        subsections → initiatives with their status notes and actions);
        ``program_list``, ``ministry_list`` and ``indicators`` (the other views);
        ``aliases`` (every spelling of a ministry or program, folded, with what it
        stands for) and ``csv_columns``.
    """
    from stpmodel.records import deadline_record, jsonable

    day = today if today is not None else current_date()
    ministry_names = {code: m.name_ja for code, m in roadmap.ministries.items()}
    program_names = {
        pid: (p.acronym + " " if p.acronym and p.acronym != p.name_ja else "") + p.name_ja
        for pid, p in roadmap.programs.items()
    }
    rows: list[dict[str, Any]] = []
    used_ministries: dict[str, None] = {}
    used_programs: dict[str, None] = {}
    for number, deadline in enumerate(roadmap.deadlines()):
        record = jsonable(deadline_record(deadline))
        start = deadline.mention.period.start
        end = deadline.mention.period.end
        record.update(
            key=f"r{number}",
            kind_ja=_KINDS.get(record["kind"], record["kind"]),
            relation_ja=RELATION_LABELS.get(record["relation"], record["relation"]),
            bar_end=(end + dt.timedelta(days=1)).isoformat(),
            period_label=_period_ja(start, end),
            ministry_labels=[
                f"{code}◎" if code in record["lead_ministries"] else code
                for code in record["ministries"]
            ],
            program_names=[program_names.get(pid, pid) for pid in record["programs"]],
        )
        record["csv"] = _csv_cells(record, ministry_names)
        used_ministries.update(dict.fromkeys(record["ministries"]))
        used_programs.update(dict.fromkeys(record["programs"]))
        rows.append(record)
    starts = [dt.date.fromisoformat(r["start"]) for r in rows]
    ends = [dt.date.fromisoformat(r["end"]) for r in rows]
    items = [n for n in roadmap.walk() if isinstance(n, Initiative | StatusNote | Action)]
    return {
        "title": roadmap.title,
        "source": roadmap.source.name,
        "citation": _citation(roadmap),
        "today": day.isoformat(),
        "rows": rows,
        "csv_columns": list(CSV_COLUMNS),
        "ministries": {c: ministry_names.get(c, c) for c in used_ministries},
        "ministry_names": ministry_names,
        "plotly_labels": PLOTLY_LABELS,
        "programs": {p: program_names.get(p, p) for p in used_programs},
        "relations": RELATION_LABELS,
        "kinds": _KINDS,
        "years": [
            fiscal_year_of(min([*starts, day])),
            fiscal_year_of(max([*ends, day])),
        ],
        "tree": _tree(roadmap, program_names),
        "program_list": [
            {
                "id": pid,
                "name": program_names.get(pid, pid),
                "name_en": p.name_en,
                "operator": _operator_text(p),
                "phases": [_phase_text(ph) for ph in p.phases],
                "items": [i.id for i in items if pid in i.programs],
            }
            for pid, p in roadmap.programs.items()
        ],
        "ministry_list": [
            {
                "code": code,
                "name": m.name_ja,
                "name_en": m.name_en,
                "abbreviation": m.abbreviation,
                "items": [i.id for i in items if code in _codes(i)],
                "lead": [i.id for i in items if code in _codes(i, lead=True)],
            }
            for code, m in roadmap.ministries.items()
        ],
        "indicators": [
            {
                "id": ind.id,
                "kind": _KINDS.get(ind.kind.value, ind.kind.value),
                "name": ind.name,
                "text": ind.text,
                "details": list(ind.details),
                "observations": [o.text for o in ind.observations],
                "dates": _dates(ind),
            }
            for ind in roadmap.indicators
        ],
        "aliases": _alias_table(roadmap),
    }


def _operator_text(program: object) -> str:
    """Who runs a program: its ``operators`` (names, in order) where the model lists
    them, else its ``operator`` text."""
    operators = getattr(program, "operators", None)
    if operators:
        return "、".join(str(getattr(o, "name", o)) for o in operators)
    return str(getattr(program, "operator", "") or "")


def _phase_text(phase: object) -> str:
    """A program's phase as shown: its label, with its years where they are known
    (第3期 (2023〜2027年度)); a phase given as plain text is shown as it is."""
    if isinstance(phase, str):
        return phase
    label = str(getattr(phase, "label", phase))
    first, last = getattr(phase, "start_fy", None), getattr(phase, "end_fy", None)
    if first is None and last is None:
        return label
    unit = "年度" if str(getattr(phase, "calendar", "fiscal")) == "fiscal" else "年"
    return f"{label} ({first or ''}〜{last or ''}{unit})"


def _codes(item: Any, *, lead: bool = False) -> list[str]:
    return [r.code for r in getattr(item, "ministries", ()) if r.lead or not lead]


def render_html(roadmap: Roadmap, *, today: dt.date | None = None) -> str:
    """The whole page as a string (about 5 MB: plotly's JavaScript is inside).

    Args:
        roadmap: the roadmap to show.
        today: the day the timeline marks as today (default
            [today][stpmodel.dates.today]).
    """
    from stpmodel.report._page import fill_page, plotly_js

    plotly = plotly_js()
    return fill_page(roadmap.title, plotly, report_records(roadmap, today=today))


def write_html(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    today: dt.date | None = None,
) -> str:
    """Write the interactive roadmap to ``path``; returns the path written.

    Args:
        roadmap: the roadmap to show.
        path: the HTML file to write.
        overwrite: replace ``path`` if it exists (otherwise an existing file is an error).
        today: the day the timeline marks as today (default
            [today][stpmodel.dates.today]).

    Raises:
        MissingExtraError: plotly is not installed (`pip install 'stpmodel[report]'`).
        WriteError: ``path`` exists and ``overwrite`` is false, is a symbolic link or not a
            regular file, or cannot be written (see [WriteError][stpmodel.errors.WriteError]).
    """
    from stpmodel._write import write_bytes

    return write_bytes(path, render_html(roadmap, today=today).encode("utf-8"), overwrite=overwrite)
