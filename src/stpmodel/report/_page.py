"""The page template of the HTML report: markup, style and the script that draws the views
from the embedded records (text is set with textContent, never as HTML; every label that
reaches plotly is escaped, since plotly reads ``<a>``, ``<b>`` and ``<br>`` in labels).

The template is filled in one pass (``{{title}}``, ``{{csp}}``, ``{{style}}``,
``{{plotly}}``, ``{{data}}``, ``{{script}}``); nothing a value brings in is read again.
"""

from __future__ import annotations

__all__ = ["PAGE", "SCRIPT", "STYLE"]

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

SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("stp-data").textContent);
  var ROWS = DATA.rows;
  var COLOURS = { by: "#d62728", target: "#ff7f0e", during: "#2ca02c", from: "#1f77b4",
                  as_of: "#9467bd", at: "#7f7f7f" };
  var VIEWS = ["timeline", "roadmap", "programs", "ministries", "indicators"];
  var FILTERS = { ministry: "f-ministry", program: "f-program", relation: "f-relation", q: "f-search" };
  if (window.Plotly) {
    Plotly.register({ moduleType: "locale", name: "ja", dictionary: DATA.plotly_labels,
                      format: { months: ["1月","2月","3月","4月","5月","6月","7月","8月","9月","10月","11月","12月"],
                                shortMonths: ["1月","2月","3月","4月","5月","6月","7月","8月","9月","10月","11月","12月"],
                                date: "%Y年%m月%d日" } });
  }

  // the library's name folding: NFKC, no white space, case folded
  function norm(s) { return String(s).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  // plotly reads <a>, <b>, <br> in labels: a label from the data is always escaped
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function wrap(s, n) {
    var out = [], chars = Array.from(String(s).replace(/\s+/g, " "));
    for (var i = 0; i < chars.length; i += n) { out.push(esc(chars.slice(i, i + n).join(""))); }
    return out.join("<br>");
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function link(id, text) {
    var a = el("a", null, text || id);
    a.setAttribute("href", "#" + encodeURIComponent(id));
    return a;
  }
  function ministryName(code) { return DATA.ministry_names[code] || code; }
  function ministryText(r) {
    return r.ministry_labels.map(function (label, i) {
      var name = ministryName(r.ministries[i]);
      return name === r.ministries[i] ? label : label + " " + name;
    }).join("、");
  }
  ROWS.forEach(function (r) {
    r.ministry_text = ministryText(r);
    r.program_text = r.program_names.join("、");
    r.search = norm([r.id, r.kind_ja, r.text, r.expression, r.relation_ja,
                     r.ministries.join(" "), r.ministries.map(ministryName).join(" "),
                     r.program_names.join(" ")].join(" "));
    r.hover = "<b>" + esc(r.id) + "</b> (" + esc(r.kind_ja) + ")<br>" +
      "府省: " + esc(r.ministry_text) + "<br>" +
      "日付: " + esc(r.expression.trim()) + " — " + esc(r.relation_ja) + "<br>" +
      "期間: " + esc(r.period_label) + " (" + esc(r.start) + " 〜 " + esc(r.end) + ")<br>" +
      "期限日: " + esc(r.due) + "<br>" +
      (r.program_names.length ? "事業: " + esc(r.program_text) + "<br>" : "") +
      "<br>" + wrap(r.text, 42);
  });

  // -- filters and the URL hash ---------------------------------------------------------
  function fill(id, entries) {
    var select = document.getElementById(id);
    entries.forEach(function (e) {
      var option = el("option", null, e[1]);
      option.value = e[0];
      select.appendChild(option);
    });
  }
  fill("f-ministry", Object.keys(DATA.ministries).map(function (c) {
    var name = DATA.ministries[c];
    return [c, name === c ? c : c + " " + name];
  }));
  fill("f-program", Object.keys(DATA.programs).map(function (p) { return [p, DATA.programs[p]]; }));
  fill("f-relation", Object.keys(DATA.relations).filter(function (k) {
    return ROWS.some(function (r) { return r.relation === k; });
  }).map(function (k) { return [k, DATA.relations[k] + " (" + k + ")"]; }));

  var state = { view: "timeline", sort: "", dir: "asc" };
  function control(name) { return document.getElementById(FILTERS[name]); }

  // a query-style hash (#?view=…&ministry=…&q=…) holds the view and the filters; a bare
  // ID (#6.1.2.a3) names one item. No ID starts with "?", so the two never collide.
  function writeHash() {
    var params = new URLSearchParams();
    if (state.view !== "timeline") { params.set("view", state.view); }
    Object.keys(FILTERS).forEach(function (name) {
      var value = control(name).value;
      if (value) { params.set(name, value); }
    });
    if (state.sort) { params.set("sort", state.sort); params.set("dir", state.dir); }
    var text = params.toString();
    var url = location.pathname + location.search + (text ? "#?" + text : "");
    if (url !== location.pathname + location.search + location.hash) {
      history.replaceState(null, "", url);
    }
  }
  function readQuery(text) {
    var params = new URLSearchParams(text);
    Object.keys(FILTERS).forEach(function (name) {
      var value = params.get(name) || "";
      var c = control(name);
      if (c.tagName === "SELECT" && value &&
          !Array.prototype.some.call(c.options, function (o) { return o.value === value; })) {
        value = "";
      }
      c.value = value;
    });
    state.sort = params.get("sort") || "";
    state.dir = params.get("dir") === "desc" ? "desc" : "asc";
    var view = params.get("view") || "timeline";
    showView(VIEWS.indexOf(view) >= 0 ? view : "timeline", false);
  }

  function searchMatch(words) {
    // a ministry or program name read as the library reads it: MEXT → 文
    var named = DATA.aliases[words] || { ministries: [], programs: [] };
    return function (r) {
      return r.search.indexOf(words) >= 0 ||
        named.ministries.some(function (c) { return r.ministries.indexOf(c) >= 0; }) ||
        named.programs.some(function (p) { return r.programs.indexOf(p) >= 0; });
    };
  }

  function chosen() {
    var ministry = control("ministry").value, program = control("program").value,
        relation = control("relation").value, words = norm(control("q").value);
    var text = words ? searchMatch(words) : function () { return true; };
    var rows = ROWS.filter(function (r) {
      return (!ministry || r.ministries.indexOf(ministry) >= 0) &&
             (!program || r.programs.indexOf(program) >= 0) &&
             (!relation || r.relation === relation) && text(r);
    });
    if (state.sort) {
      var key = state.sort, sign = state.dir === "desc" ? -1 : 1;
      rows = rows.map(function (r, i) { return [r, i]; }).sort(function (a, b) {
        var x = String(a[0][key]), y = String(b[0][key]);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return c !== 0 ? sign * c : a[1] - b[1];
      }).map(function (p) { return p[0]; });
    }
    return rows;
  }

  // -- the timeline ---------------------------------------------------------------------
  function narrow() { return window.innerWidth < 700; }

  function layout(rows) {
    var first = DATA.years[0], last = DATA.years[1], shapes = [], ticks = [], labels = [];
    var step = narrow() ? Math.max(1, Math.ceil((last - first + 1) / 4)) : 1;
    for (var y = first; y <= last; y++) {
      if (y % 2 === 0) {
        shapes.push({ type: "rect", xref: "x", yref: "paper", x0: y + "-04-01", x1: (y + 1) + "-04-01",
                      y0: 0, y1: 1, fillcolor: "#f0f0f0", line: { width: 0 }, layer: "below" });
      }
      if ((y - first) % step === 0) { ticks.push(y + "-10-01"); labels.push(y + "年度"); }
    }
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: DATA.today, x1: DATA.today,
                  y0: 0, y1: 1, line: { color: "#c00000", width: 2, dash: "dot" }, name: "today" });
    return {
      height: Math.max(220, 20 * rows.length + 110),
      margin: { l: 10, r: 10, t: 62, b: 30 },
      barmode: "overlay",
      bargap: 0.3,
      hoverlabel: { align: "left", bgcolor: "white", font: { size: 12 } },
      showlegend: !narrow(),
      legend: { orientation: "h", y: 0, yanchor: "top", x: 0, title: { text: "日付の種類:" } },
      shapes: shapes,
      annotations: [{ x: DATA.today, xref: "x", y: 1, yref: "paper", yanchor: "bottom", yshift: 24,
                      text: esc("今日 " + DATA.today), showarrow: false,
                      font: { color: "#c00000", size: 11 } }],
      xaxis: { type: "date", side: "top", range: [first + "-04-01", (last + 1) + "-03-31"], tickvals: ticks,
               ticktext: labels, ticks: "", showgrid: false, zeroline: false, fixedrange: false },
      yaxis: { type: "category", categoryorder: "array",
               categoryarray: rows.map(function (r) { return r.key; }),
               tickvals: rows.map(function (r) { return r.key; }),
               ticktext: rows.map(function (r) {
                 return esc(narrow() ? r.id : r.id + "  " + r.expression.trim());
               }),
               autorange: "reversed", automargin: true, fixedrange: true }
    };
  }

  function traces(rows) {
    return Object.keys(DATA.relations).map(function (rel) {
      var part = rows.filter(function (r) { return r.relation === rel; });
      return {
        type: "bar", orientation: "h", name: esc(DATA.relations[rel]),
        y: part.map(function (r) { return r.key; }),
        base: part.map(function (r) { return r.start; }),
        x: part.map(function (r) { return Date.parse(r.bar_end) - Date.parse(r.start); }),
        customdata: part.map(function (r) { return r.hover; }),
        hovertemplate: "%{customdata}<extra></extra>",
        marker: { color: COLOURS[rel] || "#555", opacity: 0.8 },
        showlegend: part.length > 0
      };
    }).filter(function (t) { return t.y.length > 0; });
  }

  var LABELS = { id: "ID", kind_ja: "種別", ministry_text: "府省", expression: "日付の表現",
                 relation_ja: "種類", start: "期間", due: "期限日", program_text: "事業・制度",
                 text: "本文" };
  function cell(tr, key, text, cls) {
    var td = el("td", cls, text);
    td.setAttribute("data-label", LABELS[key]);
    tr.appendChild(td);
    return td;
  }

  function table(rows) {
    var body = document.querySelector("#items tbody");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.id = r.id;
      cell(tr, "id", "", "nowrap").appendChild(link(r.id));
      cell(tr, "kind_ja", r.kind_ja, "nowrap");
      cell(tr, "ministry_text", r.ministry_text, "ministries");
      cell(tr, "expression", r.expression.trim(), "nowrap");
      cell(tr, "relation_ja", r.relation_ja, "nowrap");
      cell(tr, "start", r.period_label, "nowrap").title = r.start + " 〜 " + r.end;
      cell(tr, "due", r.due, "nowrap due");
      cell(tr, "program_text", r.program_text, "programs");
      cell(tr, "text", r.text, "text");
      body.appendChild(tr);
    });
    document.querySelectorAll("#items th").forEach(function (th) {
      if (th.dataset.key === state.sort) {
        th.setAttribute("aria-sort", state.dir === "desc" ? "descending" : "ascending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  var shown = ROWS;
  var CONFIG = { locale: "ja", displaylogo: false, responsive: true,
                 modeBarButtons: [["toImage", "zoomIn2d", "zoomOut2d", "resetScale2d"]],
                 toImageButtonOptions: { format: "png", filename: "roadmap-timeline", scale: 2 } };
  function draw() {
    shown = chosen();
    document.getElementById("count").textContent = "表示 " + shown.length + "件 / 全 " + ROWS.length + "件";
    document.getElementById("empty").hidden = shown.length > 0;
    if (window.Plotly) { Plotly.react("chart", traces(shown), layout(shown), CONFIG); }
    table(shown);
  }
  function changed() { draw(); writeHash(); }

  Object.keys(FILTERS).forEach(function (name) {
    var c = control(name);
    c.addEventListener(c.tagName === "INPUT" ? "input" : "change", changed);
  });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("f-reset").addEventListener("click", function () {
    Object.keys(FILTERS).forEach(function (name) { control(name).value = ""; });
    state.sort = "";
    changed();
  });
  document.querySelectorAll("#items th").forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () {
      var key = th.dataset.key;
      state.dir = state.sort === key && state.dir === "asc" ? "desc" : "asc";
      state.sort = key;
      changed();
    });
  });

  // the rows shown, as CSV: cells come guarded from the Python side; only quoted here
  function quote(v) { return '"' + String(v === null || v === undefined ? "" : v).replace(/"/g, '""') + '"'; }
  document.getElementById("csv").addEventListener("click", function () {
    var lines = [DATA.csv_columns].concat(shown.map(function (r) { return r.csv; }));
    var text = "\ufeff" + lines.map(function (l) { return l.map(quote).join(","); }).join("\r\n") + "\r\n";
    var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    var a = el("a");
    a.href = url;
    a.download = "roadmap.csv";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  });

  // -- the other views ------------------------------------------------------------------
  function meta(parts) {
    var p = el("p", "meta");
    parts.forEach(function (part) { if (part[1]) { p.appendChild(el("span", null, part[0] + ": " + part[1])); } });
    return p;
  }
  function dateText(dates) {
    return dates.map(function (d) { return d.text + " (期限 " + d.due + ")"; }).join("、");
  }
  function itemMeta(item) {
    return meta([["府省", item.ministry_labels.map(function (l, i) {
                    var code = item.ministries[i], name = ministryName(code);
                    return name === code ? l : l + " " + name;
                  }).join("、")],
                 ["事業・制度", item.programs.join("、")],
                 ["日付", dateText(item.dates)],
                 ["再掲", item.repost ? "あり" : ""]]);
  }
  function entry(item) {
    var li = el("li");
    li.id = item.id;
    li.dataset.anchor = item.id;
    li.dataset.kind = item.kind;
    var strong = el("strong", null, item.id + " ");
    li.appendChild(strong);
    li.appendChild(el("span", "text", item.text));
    li.appendChild(itemMeta(item));
    return li;
  }
  function node(initiative) {
    var box = el("article", "node");
    box.id = initiative.id;
    box.dataset.anchor = initiative.id;
    box.dataset.kind = initiative.kind;
    var head = el("button", "head");
    head.type = "button";
    head.setAttribute("aria-expanded", "false");
    head.appendChild(el("span", "id", initiative.id));
    head.appendChild(el("span", "summary", initiative.text));
    box.appendChild(head);
    var body = el("div", "body");
    body.appendChild(itemMeta(initiative));
    [["status_notes", "実施状況・現状分析"], ["actions", "今後の取組方針"]].forEach(function (part) {
      body.appendChild(el("p", "kind-label", part[1] + " (" + initiative[part[0]].length + ")"));
      var list = el("ol", "items");
      initiative[part[0]].forEach(function (item) { list.appendChild(entry(item)); });
      body.appendChild(list);
    });
    box.appendChild(body);
    head.addEventListener("click", function () { toggle(box); });
    return box;
  }
  function toggle(box, open) {
    var now = open === undefined ? !box.classList.contains("open") : open;
    box.classList.toggle("open", now);
    box.querySelector(".head").setAttribute("aria-expanded", now ? "true" : "false");
  }
  var tree = document.getElementById("tree");
  DATA.tree.forEach(function (section) {
    var s = el("div", "section");
    s.id = section.id;
    s.dataset.anchor = section.id;
    s.appendChild(el("h2", null, section.title));
    section.subsections.forEach(function (sub) {
      var box = el("div", "subsection");
      box.id = sub.id;
      box.dataset.anchor = sub.id;
      box.appendChild(el("h3", null, sub.id + " " + sub.title));
      sub.initiatives.forEach(function (i) { box.appendChild(node(i)); });
      s.appendChild(box);
    });
    tree.appendChild(s);
  });
  document.getElementById("open-all").addEventListener("click", function () {
    tree.querySelectorAll(".node").forEach(function (b) { toggle(b, true); });
  });
  document.getElementById("close-all").addEventListener("click", function () {
    tree.querySelectorAll(".node").forEach(function (b) { toggle(b, false); });
  });

  function links(ids) {
    var p = el("p", "links");
    ids.forEach(function (id) { p.appendChild(link(id)); p.appendChild(document.createTextNode(" ")); });
    return p;
  }
  function card(anchor, title) {
    var box = el("div");
    box.id = anchor;
    box.dataset.anchor = anchor;
    box.appendChild(el("h3", null, title));
    return box;
  }
  var programList = el("div", "card-list");
  DATA.program_list.forEach(function (p) {
    var box = card(p.id, p.name);
    box.appendChild(meta([["ID", p.id], ["英語名", p.name_en], ["実施", p.operator],
                          ["フェーズ", p.phases.join("、")], ["項目数", String(p.items.length)]]));
    box.appendChild(links(p.items));
    programList.appendChild(box);
  });
  document.getElementById("program-list").appendChild(programList);
  var ministryList = el("div", "card-list");
  DATA.ministry_list.forEach(function (m) {
    var box = card(m.code, m.code + " " + m.name);
    box.appendChild(meta([["英語名", m.name_en + (m.abbreviation ? " (" + m.abbreviation + ")" : "")],
                          ["項目数", String(m.items.length)], ["主担当", String(m.lead.length)]]));
    box.appendChild(links(m.items));
    ministryList.appendChild(box);
  });
  document.getElementById("ministry-list").appendChild(ministryList);
  var indicatorList = el("div", "card-list");
  DATA.indicators.forEach(function (ind) {
    var box = card(ind.id, ind.id + " " + ind.name);
    box.appendChild(meta([["種別", ind.kind], ["日付", dateText(ind.dates)]]));
    box.appendChild(el("p", "text", ind.text));
    if (ind.details.length || ind.observations.length) {
      var list = el("ul");
      ind.details.concat(ind.observations).forEach(function (t) { list.appendChild(el("li", null, t)); });
      box.appendChild(list);
    }
    indicatorList.appendChild(box);
  });
  document.getElementById("indicator-list").appendChild(indicatorList);

  // -- views, anchors -------------------------------------------------------------------
  function showView(view, write) {
    state.view = view;
    VIEWS.forEach(function (v) { document.getElementById("view-" + v).hidden = v !== view; });
    document.querySelectorAll("#views button").forEach(function (b) {
      b.setAttribute("aria-selected", b.dataset.view === view ? "true" : "false");
    });
    if (view === "timeline" && window.Plotly) { Plotly.Plots.resize("chart"); }
    if (write) { writeHash(); }
  }
  document.querySelectorAll("#views button").forEach(function (b) {
    b.addEventListener("click", function () { showView(b.dataset.view, true); });
  });

  function highlight(id) {
    var target = null;
    document.querySelectorAll("main [data-anchor]").forEach(function (n) {
      if (target === null && n.dataset.anchor === id) { target = n; }
    });
    if (target === null) { return false; }
    var view = target.closest(".view").id.slice("view-".length);
    showView(view, false);
    for (var up = target; up; up = up.parentElement) {
      if (up.classList && up.classList.contains("node")) { toggle(up, true); }
    }
    document.querySelectorAll(".highlight").forEach(function (n) { n.classList.remove("highlight"); });
    target.classList.add("highlight");
    target.scrollIntoView({ block: "center" });
    return true;
  }

  function route() {
    var hash = location.hash;
    if (hash.indexOf("#?") === 0) { readQuery(hash.slice(2)); draw(); return; }
    if (hash.length > 1) {
      var id = hash.slice(1);
      try { id = decodeURIComponent(id); } catch (e) { /* keep it as written */ }
      draw();
      highlight(id);
      return;
    }
    readQuery("");
    draw();
  }
  window.addEventListener("hashchange", route);

  var c = DATA.citation;
  var footer = document.getElementById("source");
  var cite = c.publisher ? c.publisher + "「" + c.document + "」" + c.part : c.document;
  footer.appendChild(el("p", null, "出典: " + cite + (c.section ? " " + c.section : "") +
                                   (c.edition ? "（" + c.edition + "年版）" : "") +
                                   (c.license ? " — " + c.license : "")));
  footer.appendChild(el("p", null, "原文の SHA-256: " + c.sha256 + " — 期限 " + ROWS.length +
                                   "件、今日 = " + DATA.today + "。stpmodel で生成。"));
  route();
})();
"""
