"""Plots with matplotlib (extra ``plot``): a deadline timeline and the program network.

Japanese labels are drawn with the IPAex Gothic font that ``matplotlib-fontja`` ships, so
no glyph is missing. Figures are written to files; nothing is shown on screen.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from stpmodel.errors import MissingExtraError
from stpmodel.roadmap import Deadline, Roadmap

__all__ = ["plot_program_network", "plot_timeline"]


def _figure(width: float, height: float) -> Any:
    """A new figure drawn by the Agg canvas: no pyplot, so the caller's backend and open
    figures (a notebook's inline plots) are left as they were."""
    try:
        import matplotlib_fontja  # registers IPAex Gothic
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingExtraError("plotting", "plot", "matplotlib") from None
    matplotlib_fontja.japanize()  # IPAex Gothic as the default family, for Japanese labels
    return Figure(figsize=(width, height))


def plot_timeline(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    *,
    deadlines: tuple[Deadline, ...] | None = None,
) -> str:
    """Deadlines per ministry on a time axis, with fiscal-year bands; writes ``path``."""
    chosen = roadmap.deadlines() if deadlines is None else deadlines
    rows: dict[str, list[Deadline]] = {}
    for deadline in chosen:
        for ref in deadline.item.ministries:
            rows.setdefault(ref.code, []).append(deadline)
    codes = sorted(rows, key=lambda c: -len(rows[c]))
    fig = _figure(11, 0.45 * max(len(codes), 4) + 1.5)
    ax = fig.subplots()
    days = [d.mention.due for d in chosen] or [dt.date(2024, 4, 1)]
    first, last = min(days).year - 1, max(days).year + 1
    for year in range(first, last + 1):
        if year % 2:
            ax.axvspan(dt.date(year, 4, 1), dt.date(year + 1, 3, 31), color="#f0f0f0", zorder=0)
        ax.text(
            dt.date(year, 10, 1),
            len(codes) - 0.4,
            f"{year}年度",
            ha="center",
            fontsize=8,
            color="#666666",
        )
    markers = {"by": "v", "target": "*", "from": ">", "during": "s", "as_of": "o", "at": "o"}
    for row, code in enumerate(reversed(codes)):
        for deadline in rows[code]:
            mention = deadline.mention
            lead = any(r.code == code and r.lead for r in deadline.item.ministries)
            ax.plot([mention.period.start, mention.period.end], [row, row], color="#9bb7d4", lw=3)
            ax.plot(
                mention.due,
                row,
                markers[mention.relation.value],
                color="#c0392b" if lead else "#2c3e50",
                ms=8,
            )
    names = {
        code: roadmap.ministries[code].name_ja if code in roadmap.ministries else code
        for code in codes
    }
    ax.set_yticks(range(len(codes)), [f"{names[c]} ({c})" for c in reversed(codes)])
    ax.set_ylim(-1, len(codes))
    ax.set_xlim(dt.date(first, 4, 1), dt.date(last + 1, 3, 31))
    ax.set_title(f"{roadmap.title[:40]} — 期限 (赤 = 主担当)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return os.fspath(path)


def plot_program_network(roadmap: Roadmap, path: str | os.PathLike[str]) -> str:
    """Programs and the ministries tagged on the items that mention them; writes ``path``."""
    import networkx as nx

    from stpmodel.query import ministries_of

    g = nx.Graph()
    for pid, program in roadmap.programs.items():
        g.add_node(pid, kind="program", label=program.acronym or program.name_ja[:10])
        for code in ministries_of(roadmap, pid):
            g.add_node(code, kind="ministry", label=code)
            g.add_edge(pid, code)
    fig = _figure(12, 9)
    ax = fig.subplots()
    layout = nx.spring_layout(g, seed=6, k=0.6)
    colours = ["#e67e22" if g.nodes[n]["kind"] == "program" else "#2980b9" for n in g]
    nx.draw_networkx_edges(g, layout, ax=ax, alpha=0.3)
    nx.draw_networkx_nodes(g, layout, ax=ax, node_color=colours, node_size=300)
    from matplotlib import rcParams

    font = rcParams["font.family"]
    nx.draw_networkx_labels(
        g,
        layout,
        {n: g.nodes[n]["label"] for n in g},
        ax=ax,
        font_size=8,
        font_family=font[0] if isinstance(font, list) else font,
    )
    ax.set_title("事業・制度と府省 (橙 = 事業, 青 = 府省)")
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    return os.fspath(path)
