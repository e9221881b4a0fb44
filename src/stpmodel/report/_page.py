"""The page of the HTML report: its markup and style, with the script of `_script`, and the
one pass that fills the template (``{{title}}``, ``{{csp}}``, ``{{style}}``,
``{{plotly}}``, ``{{data}}``, ``{{script}}``): nothing a value brings in is read again.
The page's two scripts run under a Content-Security-Policy that allows them by their
SHA-256, computed here from the very text filled in.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

from stpmodel.errors import MissingExtraError
from stpmodel.report._script import SCRIPT

__all__ = ["PAGE", "SCRIPT", "STYLE", "fill_page", "plotly_js"]

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{csp}}">
<meta name="referrer" content="no-referrer">
<title>{{title}} — 工程表</title>
<style>{{style}}</style>
</head>
<body>
<header>
<h1>{{title}}</h1>
<p class="lead">工程表を期限・本文・事業・府省・指標から見るページ。◎ は主担当府省。
条件と検索は URL に残るので、リンクで同じ表示を共有できます。</p>
</header>
<nav id="views" role="tablist" aria-label="表示">
<button type="button" role="tab" data-view="timeline" aria-selected="true">期限</button>
<button type="button" role="tab" data-view="roadmap" aria-selected="false">工程表</button>
<button type="button" role="tab" data-view="programs" aria-selected="false">事業・制度</button>
<button type="button" role="tab" data-view="ministries" aria-selected="false">府省</button>
<button type="button" role="tab" data-view="indicators" aria-selected="false">指標</button>
</nav>
<main>
<section id="view-timeline" class="view" role="tabpanel" aria-label="期限">
<h2 class="print-only">期限</h2>
<form id="filters" autocomplete="off">
<label>府省 <select id="f-ministry" name="ministry"><option value="">すべて</option></select></label>
<label>事業・制度 <select id="f-program" name="program"><option value="">すべて</option></select></label>
<label>日付の種類 <select id="f-relation" name="relation"><option value="">すべて</option></select></label>
<label class="search">検索 <input id="f-search" name="q" type="search" placeholder="ID・本文・府省 (MEXT など)・事業"></label>
<span class="buttons">
<button id="f-reset" type="button">条件をクリア</button>
<button id="csv" type="button" title="表示中の行を CSV (UTF-8, BOM 付き) で保存">CSV</button>
</span>
<output id="count" aria-live="polite"></output>
</form>
<div id="chart-box"><div id="chart"></div></div>
<p id="empty" hidden>条件に合う期限はありません。</p>
<h2>一覧</h2>
<table id="items">
<thead><tr>
<th data-key="id" scope="col"><button type="button">ID</button></th>
<th data-key="kind_ja" scope="col"><button type="button">種別</button></th>
<th data-key="ministry_text" scope="col"><button type="button">府省 (◎主担当)</button></th>
<th data-key="expression" scope="col"><button type="button">日付の表現</button></th>
<th data-key="relation_ja" scope="col"><button type="button">種類</button></th>
<th data-key="start" scope="col"><button type="button">期間</button></th>
<th data-key="due" scope="col"><button type="button">期限日</button></th>
<th data-key="program_text" scope="col"><button type="button">事業・制度</button></th>
<th data-key="text" scope="col"><button type="button">本文</button></th>
</tr></thead>
<tbody></tbody>
</table>
</section>
<section id="view-roadmap" class="view" role="tabpanel" aria-label="工程表" hidden>
<h2 class="print-only">工程表</h2>
<p class="tools"><button id="open-all" type="button">すべて開く</button>
<button id="close-all" type="button">すべて閉じる</button></p>
<div id="tree"></div>
</section>
<section id="view-programs" class="view" role="tabpanel" aria-label="事業・制度" hidden>
<h2 class="print-only">事業・制度</h2>
<div id="program-list"></div>
</section>
<section id="view-ministries" class="view" role="tabpanel" aria-label="府省" hidden>
<h2 class="print-only">府省</h2>
<div id="ministry-list"></div>
</section>
<section id="view-indicators" class="view" role="tabpanel" aria-label="指標" hidden>
<h2 class="print-only">指標</h2>
<div id="indicator-list"></div>
</section>
</main>
<footer id="source"></footer>
<script>{{plotly}}</script>
<script type="application/json" id="stp-data">{{data}}</script>
<script>{{script}}</script>
</body>
</html>
"""

STYLE = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "IPAexGothic", "Yu Gothic",
  "Meiryo", sans-serif; margin: 0 auto; padding: .8rem 1.5rem; color: #222;
  max-width: 110rem; overflow-wrap: anywhere; }
h1 { font-size: 1.2rem; margin: 0 0 .2rem; }
h2 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.lead { margin: 0 0 .6rem; color: #555; font-size: .85rem; }
#views { display: flex; flex-wrap: wrap; gap: .3rem; border-bottom: 2px solid #c9d3dd;
  margin-bottom: .6rem; }
#views button { font: inherit; border: 1px solid #c9d3dd; border-bottom: none;
  background: #f4f6f8; padding: .35rem .9rem; border-radius: 6px 6px 0 0; cursor: pointer; }
#views button[aria-selected="true"] { background: #1f5f99; color: #fff; border-color: #1f5f99; }
#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  padding: .5rem .8rem; background: #f4f6f8; border-radius: 6px; font-size: .9rem; }
#filters label { display: flex; gap: .3rem; align-items: center; }
#filters select, #filters input, #filters button { font: inherit; padding: .15rem .3rem;
  max-width: 100%; }
#filters select { max-width: 16rem; }
#f-search { width: 16rem; }
#count { margin-left: auto; font-weight: bold; }
#chart-box { max-height: 58vh; overflow-y: auto; overflow-x: hidden; }
#chart { width: 100%; min-height: 200px; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left;
  vertical-align: top; }
th { background: #eef1f4; position: sticky; top: 0; z-index: 1; }
th button { font: inherit; font-weight: bold; background: none; border: none; padding: 0;
  cursor: pointer; text-align: left; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
th[aria-sort="descending"] button::after { content: " ▼"; }
td.text { min-width: 20rem; }
td.nowrap { white-space: nowrap; }
td.programs { min-width: 9rem; }
td.ministries { min-width: 12rem; }
a { color: #1f5f99; }
.highlight { outline: 3px solid #f0a000; background: #fff6d6 !important; }
.tools button { font: inherit; }
.node { border: 1px solid #d5dde5; border-radius: 6px; margin: .4rem 0; background: #fff; }
.node > .head { display: flex; gap: .6rem; width: 100%; text-align: left; font: inherit;
  background: #f7f9fb; border: none; border-radius: 6px; padding: .45rem .6rem; cursor: pointer; }
.node > .head .id { font-weight: bold; white-space: nowrap; }
.node > .head .summary { flex: 1; overflow: hidden; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
.node.open > .head .summary { display: block; -webkit-line-clamp: unset; overflow: visible; }
.node > .head::before { content: "▶"; font-size: .7rem; padding-top: .2rem; }
.node.open > .head::before { content: "▼"; }
.node > .body { display: none; padding: .3rem .8rem .6rem; }
.node.open > .body { display: block; }
.meta { color: #555; font-size: .82rem; margin: .2rem 0; }
.meta span + span::before { content: " ・ "; }
.subsection > h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.section > h2 { margin-top: .6rem; }
ol.items { padding-left: 1.2rem; margin: .3rem 0; }
ol.items > li { margin: .35rem 0; padding: .15rem .3rem; border-radius: 4px; }
.kind-label { font-weight: bold; margin: .6rem 0 .2rem; font-size: .9rem; }
.card-list > div { border: 1px solid #d5dde5; border-radius: 6px; padding: .5rem .8rem;
  margin: .5rem 0; }
.card-list h3 { font-size: 1rem; margin: 0 0 .3rem; }
.links a { margin-right: .5rem; white-space: nowrap; }
footer { margin-top: 1.2rem; color: #666; font-size: .8rem; }
.print-only { display: none; }
@media (max-width: 700px) {
  body { padding: .5rem .6rem; }
  #filters { flex-direction: column; align-items: stretch; }
  #filters label { justify-content: space-between; }
  #filters select, #f-search { width: 100%; max-width: none; flex: 1; }
  #count { margin-left: 0; }
  table#items thead { display: none; }
  table#items, table#items tbody, table#items tr, table#items td { display: block; width: 100%; }
  table#items tr { border: 1px solid #d5dde5; border-radius: 6px; margin: .5rem 0;
    padding: .3rem .5rem; }
  table#items td { border: none; padding: .15rem 0; min-width: 0; white-space: normal; }
  table#items td::before { content: attr(data-label) "： "; font-weight: bold; color: #555; }
  table#items td:empty { display: none; }
}
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  #views, #filters, .tools, .modebar-container, #csv, th button::after { display: none !important; }
  .print-only { display: block; }
  .view, .view[hidden] { display: block !important; }
  .view + .view { break-before: page; }
  #chart-box { max-height: none; overflow: visible; }
  .node > .body { display: block !important; }
  .node > .head::before { content: none; }
  .node > .head .summary { display: block; -webkit-line-clamp: none; }
  .node, tr, .card-list > div { break-inside: avoid; }
  th { position: static; }
  td.text, td.ministries, td.programs { min-width: 0; }
  td.nowrap { white-space: normal; }
  table { font-size: 8.5pt; table-layout: auto; }
  a { color: inherit; text-decoration: none; }
}
"""


def plotly_js() -> str:
    """plotly's JavaScript, to embed in the page."""
    try:
        from plotly.offline import get_plotlyjs
    except ImportError:
        raise MissingExtraError("the HTML report", "report", "plotly") from None
    js: str = get_plotlyjs()
    return js


def _script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>``, no ``<!--``, no
    entity, and no line terminator that older JavaScript reads as the end of a line."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _fill(template: str, values: dict[str, str]) -> str:
    """The template with each ``{{name}}`` replaced by its value, in one pass: text a value
    brings in is never read again as a placeholder."""
    return _PLACEHOLDER.sub(lambda found: values[found.group(1)], template)


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def fill_page(title: str, plotly: str, records: object) -> str:
    """The page titled `title`, with plotly's JavaScript and the report's records in it."""
    plotly = plotly.replace("</script", "<\\/script")
    policy = (
        "default-src 'none'; "
        f"script-src {_hash(plotly)} {_hash(SCRIPT)}; "
        "style-src 'unsafe-inline'; img-src data: blob:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return _fill(
        PAGE,
        {
            "title": html.escape(title),
            "csp": html.escape(policy),
            "style": STYLE,
            "plotly": plotly,
            "data": _script_json(records),
            "script": SCRIPT,
        },
    )
