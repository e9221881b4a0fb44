"""HTML for notebooks: compact tables rendered from plain records.

Every function takes records of [stpmodel.records][] (dicts), never model objects, and
this module imports nothing of the model, so the model's `_repr_html_` methods can call it
without an import cycle. All text goes through `html.escape`.

Headers are in Japanese, the language of the 工程表 (番号, 種別, 府省, 期限, 内容 …); frames
and records use English keys. In the 府省 column the ministry in charge (主担当) is
underlined, as in the source. Long texts are cut to one line; the full text shows on hover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

__all__ = [
    "HEADERS",
    "KIND_LABELS",
    "codes_table",
    "deadlines_table",
    "footnotes_table",
    "indicators_table",
    "items_table",
    "ministries_table",
    "nodes_table",
    "observations_table",
    "pairs_table",
    "programs_table",
    "roadmap_summary",
    "row",
    "sections_table",
    "table",
]

_STYLE = "border-collapse:collapse;font-size:90%"
_CELL = "border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top"
_ONE_LINE = "max-width:36em;white-space:nowrap;overflow:hidden;text-overflow:ellipsis"

KIND_LABELS: dict[str, str] = {
    "section": "節",
    "subsection": "小項目",
    "paragraph": "方向性",
    "goal": "目標",
    "indicator": "指標",
    "initiative": "取組",
    "status_note": "実施状況",
    "action": "取組方針",
    "footnote": "脚注",
    "ministry": "府省",
    "program": "事業",
}
"""The Japanese label shown for each kind of object (`"action"` → 今後の取組方針 as 取組方針)."""

HEADERS: dict[str, tuple[str, ...]] = {
    "items": ("番号", "種別", "府省", "期限", "内容"),
    "deadlines": ("番号", "種別", "府省", "期限", "期日", "内容"),
    "nodes": ("番号", "種別", "内容"),
    "sections": ("番号", "題名", "取組", "取組方針", "実施状況"),
    "indicators": ("番号", "種別", "名称", "最新値", "時点", "値の数"),
    "observations": ("系列", "区分", "値", "単位", "時点"),
    "footnotes": ("番号", "内容", "引用元"),
    "ministries": ("コード", "名称", "英語名", "種別"),
    "programs": ("キー", "名称", "英語名", "略称", "運営"),
    "pairs": ("府省", "府省", "共同の件数"),
    "codes": ("コード", "名称"),
    "roadmap": ("題名", "版", "節", "取組", "取組方針", "実施状況", "指標", "脚注", "警告"),
    "source": ("出典", "行"),
    "source_info": ("出典", "ハッシュ値", "行数"),
    "ministry_ref": ("府省", "主担当"),
    "warning": ("出典", "行", "列", "コード", "内容", "原文"),
    "period": ("期間", "開始", "終了", "粒度", "暦", "概算"),
    "mention": ("表現", "期間", "開始", "終了", "関係", "期日"),
    "coverage": ("文字数", "対応率", "欠落", "余分", "欠落行"),
}
"""The header row of each table: one language (Japanese) per row."""


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value))


def _one_line(text: str) -> str:
    """A cell cut to one line, the full text in its tooltip."""
    return f'<span style="{_ONE_LINE};display:inline-block" title="{escape(text)}">{escape(text)}</span>'


def _ministries(codes: Sequence[str], leads: Sequence[str]) -> str:
    lead = set(leads)
    return "、".join(f"<u>{escape(c)}</u>" if c in lead else escape(c) for c in codes)


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str = "") -> str:
    """An HTML table; `rows` hold cells that are already HTML (escaped)."""
    head = "".join(f'<th style="{_CELL}">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (
        f'<table style="{_STYLE}">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def row(what: str, values: Sequence[Any]) -> str:
    """A one-row table under the headers `HEADERS[what]`, each value escaped."""
    return table(HEADERS[what], [[_text(v) for v in values]])


def _kind(kind: str) -> str:
    return escape(KIND_LABELS.get(kind, kind))


def items_table(items: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Initiatives, status notes and actions ([ItemRecord][stpmodel.records.ItemRecord])."""
    rows = [
        [
            _text(r["id"]),
            _kind(r["kind"]),
            _ministries(r["ministries"], r["lead_ministries"]),
            "<br>".join(escape(e) for e in r["expressions"]),
            _one_line(r["text"]),
        ]
        for r in items
    ]
    return table(HEADERS["items"], rows, caption)


def deadlines_table(deadlines: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Deadlines ([DeadlineRecord][stpmodel.records.DeadlineRecord]); the 期限 cell shows
    the expression as written, its period and relation on hover."""
    rows = []
    for r in deadlines:
        hover = f"{r['label']}: {r['start']}–{r['end']} ({r['relation']})"
        rows.append(
            [
                _text(r["id"]),
                _kind(r["kind"]),
                _ministries(r["ministries"], r["lead_ministries"]),
                f'<span title="{escape(hover)}">{escape(r["expression"])}</span>',
                _text(r["due"]),
                _one_line(r["text"]),
            ]
        )
    return table(HEADERS["deadlines"], rows, caption)


def nodes_table(nodes: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Objects of any kind ([NodeRecord][stpmodel.records.NodeRecord]), as a search
    returns them."""
    rows = [[_text(r["id"]), _kind(r["kind"]), _one_line(r["text"])] for r in nodes]
    return table(HEADERS["nodes"], rows, caption)


def sections_table(sections: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Sections or subsections with their counts."""
    rows = [
        [
            _text(r["id"]),
            _one_line(r["title"]),
            _text(r["initiatives"]),
            _text(r["actions"]),
            _text(r.get("status_notes", "")),
        ]
        for r in sections
    ]
    return table(HEADERS["sections"], rows, caption)


def indicators_table(indicators: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Indicators with their latest value."""
    labels = {"key": "主要指標", "reference": "参考指標"}
    rows = [
        [
            _text(r["id"]),
            escape(labels.get(r["kind"], r["kind"])),
            _one_line(r["name"]),
            ""
            if r["latest_value"] is None
            else f"{r['latest_value']:g}{escape(r['latest_unit'] or '')}",
            _text(r["latest_as_of"]),
            _text(r["observations"]),
        ]
        for r in indicators
    ]
    return table(HEADERS["indicators"], rows, caption)


def observations_table(observations: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Values of indicators; the text they were read from on hover."""
    rows = [
        [
            _text(r["series"]),
            _text(r["label"]),
            f'<span title="{escape(r["text"])}">{r["value"]:g}</span>',
            _text(r["unit"]),
            _text(r["as_of_label"]),
        ]
        for r in observations
    ]
    return table(HEADERS["observations"], rows, caption)


def footnotes_table(footnotes: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Footnotes with the IDs citing them."""
    rows = [
        [
            f"注{_text(r['number'])}",
            _one_line(r["text"]),
            "、".join(escape(c) for c in r["cited_by"]),
        ]
        for r in footnotes
    ]
    return table(HEADERS["footnotes"], rows, caption)


_MINISTRY_KINDS = {
    "ministry": "省庁",
    "cabinet_office": "内閣府",
    "cabinet_secretariat": "内閣官房",
    "collective": "総称",
    "unknown": "不明",
}


def ministries_table(ministries: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Ministries of the registry."""
    rows = [
        [
            _text(r["code"]),
            _text(r["name_ja"]),
            _text(r["name_en"]),
            escape(_MINISTRY_KINDS.get(r["kind"], r["kind"])),
        ]
        for r in ministries
    ]
    return table(HEADERS["ministries"], rows, caption)


def programs_table(programs: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Programs of the catalog."""
    rows = [
        [
            _text(r["id"]),
            _text(r["name_ja"]),
            _text(r["name_en"]),
            _text(r["acronym"]),
            _text(r["operator"]),
        ]
        for r in programs
    ]
    return table(HEADERS["programs"], rows, caption)


def codes_table(codes: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Ministry codes or program IDs with their Japanese names."""
    rows = [[_text(r["code"]), _text(r["name"])] for r in codes]
    return table(HEADERS["codes"], rows, caption)


def pairs_table(pairs: Iterable[Mapping[str, Any]], caption: str = "") -> str:
    """Ministry pairs sharing items, with their counts."""
    rows = [[_text(r["first"]), _text(r["second"]), _text(r["count"])] for r in pairs]
    return table(HEADERS["pairs"], rows, caption)


def roadmap_summary(roadmap: Mapping[str, Any], subsections: Iterable[Mapping[str, Any]]) -> str:
    """A roadmap: one row of counts, then its subsections."""
    counts = table(
        HEADERS["roadmap"],
        [
            [
                _one_line(roadmap["title"]),
                _text(roadmap["edition"]),
                _text(roadmap["sections"]),
                _text(roadmap["initiatives"]),
                _text(roadmap["actions"]),
                _text(roadmap["status_notes"]),
                _text(roadmap["indicators"]),
                _text(roadmap["footnotes"]),
                _text(roadmap["warnings"]),
            ]
        ],
    )
    return counts + sections_table(subsections)
