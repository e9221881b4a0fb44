"""The interactive HTML roadmap (extra ``report``): one self-contained file that works
offline.

[write_html][stpmodel.report.write_html] writes a page with a Gantt-style timeline of
every dated item (plotly, its JavaScript embedded in the file), hover text for each bar
(ID, kind, 府省 with the lead marked ◎, the date expression, its period and the full
text), filters by ministry, program and relation, a search box, and a table of the items
below the chart. Nothing is fetched from the network when the page opens.

```python
from stpmodel import load
from stpmodel.report import write_html

write_html(load(), "roadmap.html")
```

The page is built from plain records (dicts), one per deadline; the model is read only to
make them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from typing import Any

from stpmodel.dates import fiscal_year_of
from stpmodel.dates import today as current_date
from stpmodel.errors import MissingExtraError
from stpmodel.roadmap import Roadmap

__all__ = ["RELATION_LABELS", "render_html", "report_records", "write_html"]

RELATION_LABELS: dict[str, str] = {
    "by": "までに (期限)",
    "target": "目指して・向けて (目標)",
    "during": "中に・内 (期間内)",
    "from": "から・以降 (開始)",
    "as_of": "時点",
    "at": "修飾なし",
}
"""The Japanese name shown for each relation (the values of
[Relation][stpmodel.Relation])."""

_KINDS = {"initiative": "取組", "action": "今後の取組方針"}


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


def report_records(roadmap: Roadmap) -> dict[str, Any]:
    """The data the page shows, as plain JSON-ready records.

    Returns a dict with ``title``, ``source``, ``rows`` (one record per deadline, in
    document order: the deadline record plus Japanese labels and the ministries' and
    programs' names), ``ministries`` and ``programs`` (code or ID → name, those that
    appear in the rows) and ``years`` (first and last fiscal year covered).
    """
    from stpmodel.records import deadline_record, jsonable

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
        used_ministries.update(dict.fromkeys(record["ministries"]))
        used_programs.update(dict.fromkeys(record["programs"]))
        rows.append(record)
    starts = [dt.date.fromisoformat(r["start"]) for r in rows]
    ends = [dt.date.fromisoformat(r["end"]) for r in rows]
    today = current_date()
    return {
        "title": roadmap.title,
        "source": roadmap.source.name,
        "rows": rows,
        "ministries": {c: ministry_names.get(c, c) for c in used_ministries},
        "programs": {p: program_names.get(p, p) for p in used_programs},
        "relations": RELATION_LABELS,
        "years": [
            fiscal_year_of(min(starts, default=today)),
            fiscal_year_of(max(ends, default=today)),
        ],
    }


def _plotly_js() -> str:
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise MissingExtraError("the HTML report", "report", "plotly") from None
    js: str = get_plotlyjs()
    return js


def _script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``</script>``, no ``<!--``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(roadmap: Roadmap) -> str:
    """The whole page as a string (about 5 MB: plotly's JavaScript is inside)."""
    from stpmodel.report._page import PAGE, SCRIPT, STYLE

    data = report_records(roadmap)
    return (
        PAGE.replace("{{title}}", html.escape(roadmap.title))
        .replace("{{style}}", STYLE)
        .replace("{{plotly}}", _plotly_js().replace("</script", "<\\/script"))
        .replace("{{data}}", _script_json(data))
        .replace("{{script}}", SCRIPT)
    )


def write_html(roadmap: Roadmap, path: str | os.PathLike[str], *, overwrite: bool = False) -> str:
    """Write the interactive roadmap to ``path``; returns the path written.

    Args:
        roadmap: the roadmap to show.
        path: the HTML file to write.
        overwrite: replace ``path`` if it exists (otherwise an existing file is an error).

    Raises:
        MissingExtraError: plotly is not installed (`pip install 'stpmodel[report]'`).
        WriteError: ``path`` exists and ``overwrite`` is false, is a symbolic link or not a
            regular file, or cannot be written (see [WriteError][stpmodel.errors.WriteError]).
    """
    from stpmodel._write import write_bytes

    return write_bytes(path, render_html(roadmap).encode("utf-8"), overwrite=overwrite)
