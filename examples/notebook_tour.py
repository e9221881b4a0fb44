# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # A tour of stpmodel
#
# This file is a notebook in jupytext's percent format: open it in Jupyter (with jupytext)
# or run it as a script. It walks through the API on the bundled roadmap, section (6) of
# 統合イノベーション戦略2024 工程表.

# %%
from __future__ import annotations

import datetime as dt

import stpmodel
from stpmodel import Initiative, query

roadmap = stpmodel.load()
print(roadmap.title)
print(len(roadmap.initiatives), "initiatives,", len(roadmap.actions), "actions")

# %% [markdown]
# ## One initiative, broken over a page in the source
# Its row was printed on lines 46 and 58; the parser joined it back.

# %%
ai = roadmap.get("6.1.2", Initiative)
print(ai.text[:60], "…")
print("lines:", ai.source.lines, "| ministries:", [(r.code, r.lead) for r in ai.ministries])
for action in ai.actions[:3]:
    print(" ", action.id, action.text[:50])

# %% [markdown]
# ## Dates, with fiscal years

# %%
for mention in stpmodel.find_dates("2025年度までに体制を整備し、令和7年度末に評価する"):
    print(mention.text, mention.period.start, mention.period.end, mention.relation.value)

# %% [markdown]
# ## Deadlines, overdue items and what comes next

# %%
for d in roadmap.deadlines(from_year=2025, to_year=2027):
    print(d.mention.period.year, d.item.id, d.mention.text)
print("overdue on 2024-08-01:", [d.item.id for d in query.overdue(roadmap, dt.date(2024, 8, 1))])
print(
    "due within a year of 2025-06-01:",
    [d.item.id for d in query.upcoming(roadmap, dt.date(2025, 6, 1), within=365)],
)

# %% [markdown]
# ## Programs and ministries

# %%
print("SIP items:", len(query.items_of(roadmap, "sip")))
print("ministries on ASPIRE items:", query.ministries_of(roadmap, "aspire"))
print("search 'S I P' finds", len(query.search(roadmap, "SIP")), "objects")

# %% [markdown]
# ## DataFrames (extra `pandas`)

# %%
try:
    frame = stpmodel.to_frame(roadmap, "deadlines")
except stpmodel.MissingExtraError as missing:
    print(missing)
else:
    print(frame[["id", "expression", "due", "relation"]].head())
    print(frame.groupby("first_year").size())
    # list-valued ministry columns: one row per lead ministry with explode
    print(frame.explode("lead_ministries").groupby("lead_ministries").size().head())

# %% [markdown]
# ## The graph

# %%
from stpmodel.graph import build_graph, neighbors  # noqa: E402

graph = build_graph(roadmap)
print(graph.number_of_nodes(), "nodes,", graph.number_of_edges(), "edges")
print("due in FY2027:", neighbors(graph, "period:FY2027", relation="due"))
