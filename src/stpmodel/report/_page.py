"""The page template of the HTML report: markup, style and the script that draws the chart
and the table from the embedded records (text is set with textContent, never as HTML)."""

from __future__ import annotations

__all__ = ["PAGE", "SCRIPT", "STYLE"]

PAGE = """<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<title>{{title}} — 期限の工程表</title>
<style>{{style}}</style>
</head>
<body>
<header>
<h1>{{title}}</h1>
<p class="lead">期限の工程表: 取組と今後の取組方針に書かれた日付 (棒 = 日付が指す期間)。
棒にカーソルを合わせると詳細が出ます。◎ は主担当府省。</p>
</header>
<form id="filters" onsubmit="return false">
<label>府省 <select id="f-ministry"><option value="">すべて</option></select></label>
<label>事業・制度 <select id="f-program"><option value="">すべて</option></select></label>
<label>日付の種類 <select id="f-relation"><option value="">すべて</option></select></label>
<label>検索 <input id="f-search" type="search" placeholder="ID・本文・府省・事業" autocomplete="off"></label>
<button id="f-reset" type="button">条件をクリア</button>
<output id="count" aria-live="polite"></output>
</form>
<div id="chart"></div>
<p id="empty" hidden>条件に合う期限はありません。</p>
<h2>一覧</h2>
<table id="items">
<thead><tr><th>ID</th><th>種別</th><th>府省 (◎主担当)</th><th>日付の表現</th><th>種類</th>
<th>期間</th><th>期限日</th><th>事業・制度</th><th>本文</th></tr></thead>
<tbody></tbody>
</table>
<footer id="source"></footer>
<script>{{plotly}}</script>
<script type="application/json" id="stp-data">{{data}}</script>
<script>{{script}}</script>
</body>
</html>
"""

STYLE = """
body { font-family: "Hiragino Sans", "Noto Sans CJK JP", "IPAexGothic", "Yu Gothic",
  "Meiryo", sans-serif; margin: 1.2rem 2rem; color: #222; }
h1 { font-size: 1.25rem; margin: 0 0 .3rem; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.lead { margin: 0 0 .8rem; color: #555; font-size: .9rem; }
#filters { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: center;
  padding: .6rem .8rem; background: #f4f6f8; border-radius: 6px; font-size: .9rem; }
#filters select, #filters input { font: inherit; padding: .15rem .3rem; }
#f-search { width: 16rem; }
#count { margin-left: auto; font-weight: bold; }
#chart { width: 100%; min-height: 200px; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .4rem; text-align: left;
  vertical-align: top; }
th { background: #eef1f4; position: sticky; top: 0; }
td.text { min-width: 24rem; max-width: 48rem; }
td.ministries { min-width: 9rem; }
td.nowrap { white-space: nowrap; }
footer { margin-top: 1rem; color: #777; font-size: .8rem; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("stp-data").textContent);
  var ROWS = DATA.rows;
  var COLOURS = { by: "#d62728", target: "#ff7f0e", during: "#2ca02c", from: "#1f77b4",
                  as_of: "#9467bd", at: "#7f7f7f" };
  var JA = { "Zoom": "拡大", "Pan": "移動", "Zoom in": "拡大", "Zoom out": "縮小",
             "Autoscale": "全体を表示", "Reset axes": "軸を戻す",
             "Download plot as a png": "PNG で保存", "Box Select": "範囲選択",
             "Lasso Select": "投げ縄選択", "Double-click to zoom back out": "ダブルクリックで戻る" };
  if (window.Plotly) {
    Plotly.register({ moduleType: "locale", name: "ja", dictionary: JA,
                      format: { months: ["1月","2月","3月","4月","5月","6月","7月","8月","9月","10月","11月","12月"],
                                shortMonths: ["1月","2月","3月","4月","5月","6月","7月","8月","9月","10月","11月","12月"],
                                date: "%Y年%m月%d日" } });
  }

  function norm(s) { return String(s).normalize("NFKC").replace(/\s+/g, "").toLowerCase(); }
  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function wrap(s, n) {
    var out = [], chars = Array.from(String(s).replace(/\s+/g, " "));
    for (var i = 0; i < chars.length; i += n) { out.push(esc(chars.slice(i, i + n).join(""))); }
    return out.join("<br>");
  }
  function ministryText(r) {
    return r.ministry_labels.map(function (label, i) {
      var name = DATA.ministries[r.ministries[i]] || r.ministries[i];
      return name === r.ministries[i] ? label : label + " " + name;
    }).join("、");
  }
  ROWS.forEach(function (r) {
    r.search = norm([r.id, r.kind_ja, r.text, r.expression, r.relation_ja,
                     r.ministries.join(" "), r.ministries.map(function (c) { return DATA.ministries[c] || c; }).join(" "),
                     r.program_names.join(" ")].join(" "));
    r.label = r.id + "  " + r.expression.trim();
    r.hover = "<b>" + esc(r.id) + "</b> (" + esc(r.kind_ja) + ")<br>" +
      "府省: " + esc(ministryText(r)) + "<br>" +
      "日付: " + esc(r.expression.trim()) + " — " + esc(r.relation_ja) + "<br>" +
      "期間: " + esc(r.period_label) + " (" + r.start + " 〜 " + r.end + ")<br>" +
      "期限日: " + r.due + "<br>" +
      (r.program_names.length ? "事業: " + esc(r.program_names.join("、")) + "<br>" : "") +
      "<br>" + wrap(r.text, 42);
  });

  function fill(id, entries) {
    var select = document.getElementById(id);
    entries.forEach(function (e) {
      var option = document.createElement("option");
      option.value = e[0]; option.textContent = e[1];
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

  var controls = ["f-ministry", "f-program", "f-relation", "f-search"].map(function (id) {
    return document.getElementById(id);
  });

  function chosen() {
    var ministry = controls[0].value, program = controls[1].value,
        relation = controls[2].value, words = norm(controls[3].value);
    return ROWS.filter(function (r) {
      return (!ministry || r.ministries.indexOf(ministry) >= 0) &&
             (!program || r.programs.indexOf(program) >= 0) &&
             (!relation || r.relation === relation) &&
             (!words || r.search.indexOf(words) >= 0);
    });
  }

  function layout(rows) {
    var first = DATA.years[0], last = DATA.years[1], shapes = [], ticks = [], labels = [];
    for (var y = first; y <= last; y++) {
      if (y % 2 === 0) {
        shapes.push({ type: "rect", xref: "x", yref: "paper", x0: y + "-04-01", x1: (y + 1) + "-04-01",
                      y0: 0, y1: 1, fillcolor: "#f0f0f0", line: { width: 0 }, layer: "below" });
      }
      ticks.push(y + "-10-01"); labels.push(y + "年度");
    }
    return {
      height: Math.max(260, 26 * rows.length + 140),
      margin: { l: 170, r: 20, t: 40, b: 40 },
      barmode: "overlay",
      bargap: 0.35,
      hoverlabel: { align: "left", bgcolor: "white", font: { size: 12 } },
      legend: { orientation: "h", y: -0.02, yanchor: "top", x: 0, title: { text: "日付の種類:" } },
      shapes: shapes,
      xaxis: { type: "date", side: "top", range: [first + "-04-01", (last + 1) + "-03-31"], tickvals: ticks,
               ticktext: labels, ticks: "", showgrid: false, zeroline: false, fixedrange: false },
      yaxis: { type: "category", categoryorder: "array",
               categoryarray: rows.map(function (r) { return r.key; }),
               tickvals: rows.map(function (r) { return r.key; }),
               ticktext: rows.map(function (r) { return r.label; }),
               autorange: "reversed", automargin: true }
    };
  }

  function traces(rows) {
    return Object.keys(DATA.relations).map(function (rel) {
      var part = rows.filter(function (r) { return r.relation === rel; });
      return {
        type: "bar", orientation: "h", name: DATA.relations[rel],
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

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    td.textContent = text;
    if (cls) { td.className = cls; }
    tr.appendChild(td);
  }

  function table(rows) {
    var body = document.querySelector("#items tbody");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.dataset.id = r.id;
      cell(tr, r.id, "nowrap"); cell(tr, r.kind_ja, "nowrap"); cell(tr, ministryText(r), "ministries");
      cell(tr, r.expression.trim(), "nowrap"); cell(tr, r.relation_ja, "nowrap");
      cell(tr, r.period_label, "nowrap");
      tr.lastChild.title = r.start + " 〜 " + r.end;
      cell(tr, r.due, "nowrap"); cell(tr, r.program_names.join("、")); cell(tr, r.text, "text");
      body.appendChild(tr);
    });
  }

  function draw() {
    var rows = chosen();
    document.getElementById("count").textContent = "表示 " + rows.length + "件 / 全 " + ROWS.length + "件";
    document.getElementById("empty").hidden = rows.length > 0;
    Plotly.react("chart", traces(rows), layout(rows),
                 { locale: "ja", displaylogo: false, responsive: true,
                   modeBarButtonsToRemove: ["select2d", "lasso2d"] });
    table(rows);
  }

  controls.forEach(function (c) { c.addEventListener(c.tagName === "INPUT" ? "input" : "change", draw); });
  document.getElementById("f-reset").addEventListener("click", function () {
    controls.forEach(function (c) { c.value = ""; });
    draw();
  });
  document.getElementById("source").textContent =
    "出典: " + DATA.source + " — " + ROWS.length + "件の期限。stpmodel で生成。";
  draw();
})();
"""
