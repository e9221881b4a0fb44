"""Labels in Japanese and English: kinds, relations, column headers — written once.

The notebook HTML, the report, the plots and the command line show these; each label is
the roadmap's own term where the document has one (基本計画における具体的な取組,
実施状況・現状分析, 今後の取組方針, 主要指標, 参考指標, 目標, あるべき姿とその実現に向けた方向性),
with a `short` form for narrow places (a table column, a legend). Keys are the values the
records hold (`"action"`, `"by"`, `"lead_ministries"` …), so a label is looked up from a
record without touching the model.

```python
from stpmodel._labels import KINDS, column_label

KINDS["action"].ja        # '今後の取組方針'
KINDS["action"].short     # '取組方針'
column_label("due", "en") # 'due'
```
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = [
    "COLUMNS",
    "INDICATOR_KINDS",
    "KINDS",
    "MINISTRY_KINDS",
    "RELATIONS",
    "Label",
    "column_label",
    "kind_label",
]

Language = Literal["ja", "en", "short"]


class Label(NamedTuple):
    """One thing's label: `ja` the document's term, `en` its English, `short` a short
    Japanese form for narrow places (the `ja` term where it is short already)."""

    ja: str
    en: str
    short: str = ""

    def text(self, language: Language = "ja") -> str:
        """The label in `language` (`"ja"`, `"en"` or `"short"`)."""
        if language == "short":
            return self.short or self.ja
        return self.ja if language == "ja" else self.en


KINDS: dict[str, Label] = {
    "section": Label("節", "section"),
    "subsection": Label("小項目", "subsection"),
    "paragraph": Label("あるべき姿とその実現に向けた方向性", "vision", "方向性"),
    "goal": Label("目標", "goal"),
    "indicator": Label("指標", "indicator"),
    "initiative": Label("基本計画における具体的な取組", "initiative", "取組"),
    "status_note": Label("実施状況・現状分析", "status note", "実施状況"),
    "action": Label("今後の取組方針", "action", "取組方針"),
    "footnote": Label("脚注", "footnote"),
    "ministry": Label("府省", "ministry"),
    "program": Label("事業", "program"),
}
"""Each kind of object (a record's `kind`, [ItemKind][stpmodel.ItemKind] …)."""

INDICATOR_KINDS: dict[str, Label] = {
    "key": Label("主要指標", "key indicator"),
    "reference": Label("参考指標", "reference indicator"),
}
"""[IndicatorKind][stpmodel.IndicatorKind] values."""

MINISTRY_KINDS: dict[str, Label] = {
    "ministry": Label("省庁", "ministry or agency"),
    "cabinet_office": Label("内閣府", "Cabinet Office"),
    "cabinet_secretariat": Label("内閣官房", "Cabinet Secretariat"),
    "collective": Label("総称", "collective"),
    "unknown": Label("不明", "unknown"),
}
"""[MinistryKind][stpmodel.MinistryKind] values."""

RELATIONS: dict[str, Label] = {
    "by": Label("までに", "by"),
    "from": Label("から", "from"),
    "during": Label("期間中", "during"),
    "target": Label("目途", "target"),
    "as_of": Label("時点", "as of"),
    "at": Label("時期", "at"),
}
"""[Relation][stpmodel.Relation] values: what the words around a date say about it."""

COLUMNS: dict[str, Label] = {
    "abbreviation": Label("略称", "abbreviation"),
    "acronym": Label("略称", "acronym"),
    "actions": Label("今後の取組方針の数", "actions", "取組方針"),
    "approximate": Label("概算", "approximate"),
    "as_of_end": Label("時点 (終了)", "as of (end)"),
    "as_of_label": Label("時点", "as of"),
    "as_of_start": Label("時点 (開始)", "as of (start)"),
    "calendar": Label("暦", "calendar"),
    "chapter": Label("章", "chapter"),
    "cited_by": Label("引用元", "cited by"),
    "code": Label("コード", "code"),
    "confirmed": Label("確認済み", "confirmed"),
    "count": Label("共同の件数", "count"),
    "dates": Label("日付の数", "dates"),
    "due": Label("期日", "due"),
    "edition": Label("版", "edition"),
    "end": Label("終了", "end"),
    "end_fiscal_year": Label("終了年度", "end fiscal year"),
    "end_fy": Label("終了年度", "last fiscal year"),
    "expression": Label("表現", "expression"),
    "expressions": Label("期限", "dates as written"),
    "first": Label("府省", "ministry"),
    "first_due": Label("最初の期日", "first due"),
    "first_year": Label("開始年", "first year"),
    "fiscal_quarter": Label("四半期", "fiscal quarter"),
    "fiscal_year": Label("年度", "fiscal year"),
    "footnote": Label("脚注", "footnote"),
    "footnote_number": Label("脚注番号", "footnote number"),
    "footnotes": Label("脚注", "footnotes"),
    "granularity": Label("粒度", "granularity"),
    "id": Label("番号", "ID"),
    "indicator_id": Label("指標", "indicator"),
    "indicators": Label("指標の数", "indicators", "指標"),
    "inferred": Label("推定", "inferred"),
    "initiative_id": Label("取組", "initiative"),
    "initiatives": Label("基本計画における具体的な取組の数", "initiatives", "取組"),
    "item_id": Label("項目", "item"),
    "item_kind": Label("項目の種別", "item kind"),
    "items": Label("項目", "items"),
    "kind": Label("種別", "kind"),
    "label": Label("区分", "label"),
    "last_due": Label("最後の期日", "last due"),
    "last_year": Label("終了年", "last year"),
    "latest_as_of": Label("時点", "latest as of"),
    "latest_unit": Label("単位", "latest unit"),
    "latest_value": Label("最新値", "latest value"),
    "lead": Label("主担当", "lead"),
    "lead_ministries": Label("主担当府省", "lead ministries"),
    "leads": Label("主担当の数", "leads", "主担当"),
    "line": Label("行", "line"),
    "ministries": Label("府省", "ministries"),
    "name": Label("名称", "name"),
    "name_en": Label("英語名", "English name"),
    "name_ja": Label("名称", "name"),
    "number": Label("番号", "number"),
    "observations": Label("値の数", "observations"),
    "operator": Label("運営", "operator"),
    "parent_id": Label("親", "parent"),
    "part_of": Label("上位の事業", "part of"),
    "period": Label("期間", "period"),
    "phase": Label("期", "phase"),
    "phases": Label("期", "phases"),
    "predecessor": Label("前身", "predecessor"),
    "program": Label("事業", "program"),
    "program_id": Label("事業", "program"),
    "programs": Label("事業", "programs"),
    "relation": Label("関係", "relation"),
    "repost": Label("再掲", "repost"),
    "role": Label("役割", "role"),
    "rule": Label("規則", "rule"),
    "second": Label("府省", "ministry"),
    "section_id": Label("節", "section"),
    "sections": Label("節の数", "sections", "節"),
    "series": Label("系列", "series"),
    "sha256": Label("ハッシュ値", "SHA-256"),
    "source": Label("出典", "source"),
    "span": Label("位置", "span"),
    "span_end": Label("位置 (終了)", "span end"),
    "span_start": Label("位置 (開始)", "span start"),
    "start": Label("開始", "start"),
    "start_fiscal_year": Label("開始年度", "start fiscal year"),
    "start_fy": Label("開始年度", "first fiscal year"),
    "status": Label("状況", "status"),
    "status_notes": Label("実施状況・現状分析の数", "status notes", "実施状況"),
    "subsection_id": Label("小項目", "subsection"),
    "subsections": Label("小項目の数", "subsections", "小項目"),
    "successor": Label("後継", "successor"),
    "text": Label("内容", "text"),
    "title": Label("題名", "title"),
    "unit": Label("単位", "unit"),
    "value": Label("値", "value"),
    "via": Label("経由", "via"),
    "warnings": Label("警告", "warnings"),
}
"""The header of each record column ([stpmodel.records][]), by the column's name."""


def kind_label(kind: str, language: Language = "ja") -> str:
    """The label of a kind of object (`"action"` → `"今後の取組方針"`); an unknown kind as
    it is."""
    label = KINDS.get(kind)
    return kind if label is None else label.text(language)


def column_label(column: str, language: Language = "ja") -> str:
    """The header of a record column (`"due"` → `"期日"`); an unknown column as it is."""
    label = COLUMNS.get(column)
    return column if label is None else label.text(language)
