"""The script of the HTML report: it draws the five views from the records embedded in
the page (text is set with textContent, never as HTML; every label that reaches plotly is
escaped, since plotly reads ``<a>``, ``<b>`` and ``<br>`` in labels), keeps the view and
the filters in the URL hash, and writes the CSV of the rows shown.

The page runs it under a Content-Security-Policy that allows it by its SHA-256, so any
edit here changes the hash the page carries (computed when the page is filled).
"""

from __future__ import annotations

__all__ = ["SCRIPT"]

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
