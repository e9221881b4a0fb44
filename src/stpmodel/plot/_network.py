"""The network of programs (left) and the ministries tagged on the items that mention them
(right)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stpmodel.model import Initiative, StatusNote
from stpmodel.plot._style import (
    axes_for,
    ems,
    font,
    ministry_label,
    ministry_names,
    plain,
    program_name,
    resolve,
    set_title,
)
from stpmodel.roadmap import Roadmap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["network"]

_PROGRAM_COLOUR = "#e67e22"
_MINISTRY_COLOUR = "#2980b9"
_EDGE_COLOUR = "#5b7fa6"


def _links(roadmap: Roadmap) -> dict[tuple[str, str], set[str]]:
    """(program ID, ministry code) → the IDs of the items that join them: items mentioning
    the program and tagged with the ministry (a status note counts with its initiative's
    ministries)."""
    links: dict[tuple[str, str], set[str]] = {}
    for ini in roadmap.initiatives:
        objects: list[Initiative | StatusNote | Any] = [ini, *ini.status_notes, *ini.actions]
        for obj in objects:
            for pid in obj.programs:
                for ref in roadmap.item_ministries(obj):
                    links.setdefault((pid, ref.code), set()).add(obj.id)
    return links


def _program_label(roadmap: Roadmap, pid: str, count: int) -> str:
    short = program_name(roadmap, pid)
    full = roadmap.programs[pid].name_ja if pid in roadmap.programs else pid
    return (short if short == full else f"{short} ({full})") + f"  {count}件"


def _order(
    left: list[str], right: list[str], edges: dict[tuple[str, str], set[str]]
) -> tuple[list[str], list[str]]:
    """Orders both columns to uncross the edges: barycentre sweeps (each node moves to the
    mean position of its neighbours, weighted by shared items), keeping the order with
    the least crossing weight seen."""
    weights = {key: len(ids) for key, ids in edges.items()}
    best = (_crossings(left, right, weights), list(left), list(right))
    for _ in range(12):
        pos = {n: i for i, n in enumerate(right)}
        left.sort(
            key=lambda p: _barycentre([(pos[m], w) for (q, m), w in weights.items() if q == p])
        )
        pos = {n: i for i, n in enumerate(left)}
        right.sort(
            key=lambda m: _barycentre([(pos[p], w) for (p, q), w in weights.items() if q == m])
        )
        score = _crossings(left, right, weights)
        if score < best[0]:
            best = (score, list(left), list(right))
    return best[1], best[2]


def _barycentre(placed: list[tuple[int, int]]) -> float:
    total = sum(w for _, w in placed)
    return sum(i * w for i, w in placed) / total if total else 0.0


def _crossings(left: list[str], right: list[str], weights: dict[tuple[str, str], int]) -> int:
    """The summed weight products of every pair of crossing edges."""
    lpos = {n: i for i, n in enumerate(left)}
    rpos = {n: i for i, n in enumerate(right)}
    lines = [(lpos[p], rpos[m], w) for (p, m), w in weights.items()]
    return sum(
        w1 * w2
        for i, (a1, b1, w1) in enumerate(lines)
        for a2, b2, w2 in lines[i + 1 :]
        if (a1 - a2) * (b1 - b2) < 0
    )


def network(
    roadmap: Roadmap,
    *,
    program: str | None = None,
    ministry: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Programs (left) and the ministries tagged on the items that mention them (right).

    A node's area grows with the number of items it has in the picture, an edge's width
    with the number of items the program and the ministry share; each label gives the
    count. Labels sit outside the two columns, one row each, in margins as wide as the
    longest label, so they neither overlap nor get cut.

    Args:
        roadmap: the roadmap.
        program: only this program and its ministries (any name: "SIP", "sip").
        ministry: only this ministry and its programs (any name: "MEXT", "文").
        ax: draw into these axes instead of a new figure.

    Returns:
        The figure (nothing is saved or shown).

    Raises:
        MissingExtraError: matplotlib or matplotlib-fontja is not installed.
        UnknownIdError: no ministry or program has that name (close matches are listed).
    """
    ministry, program = resolve(roadmap, ministry, program)
    edges = {
        key: ids
        for key, ids in _links(roadmap).items()
        if (program is None or key[0] == program) and (ministry is None or key[1] == ministry)
    }
    prog_items: dict[str, set[str]] = {}
    min_items: dict[str, set[str]] = {}
    for (pid, code), ids in edges.items():
        prog_items.setdefault(pid, set()).update(ids)
        min_items.setdefault(code, set()).update(ids)
    programs, ministries = _order(
        sorted(prog_items, key=lambda p: -len(prog_items[p])),
        sorted(min_items, key=lambda m: -len(min_items[m])),
        edges,
    )
    names = ministry_names(roadmap)
    program_labels = {pid: _program_label(roadmap, pid, len(prog_items[pid])) for pid in programs}
    ministry_labels = {
        code: ministry_label(code, names) + f"  {len(min_items[code])}件" for code in ministries
    }
    # x in inches: the label columns are as wide as their longest label, so none is cut
    rows = max(len(programs), len(ministries), 3)
    left_w = max((ems(t) for t in program_labels.values()), default=4) * _SIZE_PT / 72
    right_w = max((ems(t) for t in ministry_labels.values()), default=4) * _SIZE_PT / 72
    left_x = 0.3 + left_w + _GAP_PT / 72
    right_x = left_x + 4.5
    total = right_x + _GAP_PT / 72 + right_w + 0.3
    figure, axes = axes_for(ax, total, 2.0 + _ROW_IN * rows)
    most = max((len(ids) for ids in edges.values()), default=1)
    most_items = max((len(v) for v in (*prog_items.values(), *min_items.values())), default=1)

    ys = {**_place(programs, rows)[0], **_place(ministries, rows)[0]}
    for (pid, code), ids in sorted(edges.items(), key=lambda e: len(e[1])):
        axes.plot(
            [left_x, right_x],
            [ys[pid], ys[code]],
            color=_EDGE_COLOUR,
            lw=_edge_width(len(ids), most),
            alpha=0.35 if len(ids) == 1 else 0.55,
            zorder=1,
            solid_capstyle="butt",
            gid=f"edge {pid} {code} {len(ids)}",
        )
    for column, items, labels, x, colour, side in (
        (programs, prog_items, program_labels, left_x, _PROGRAM_COLOUR, -1),
        (ministries, min_items, ministry_labels, right_x, _MINISTRY_COLOUR, 1),
    ):
        counts = {node: len(items[node]) for node in column}
        _draw_column(axes, column, counts, labels, x, rows, most_items, colour, side)
    axes.set_xlim(0, total)
    axes.set_ylim(rows - 0.4, -0.6)
    axes.set_xticks([])
    axes.set_yticks([])
    axes.axis("off")
    if not edges:
        axes.text(
            0.5,
            0.5,
            "該当する事業・府省はありません",
            transform=axes.transAxes,
            ha="center",
            fontproperties=font(_SIZE_PT),
        )
    _draw_legend(figure, most)
    filters = []
    if program is not None:
        filters.append(f"事業 {program_name(roadmap, program)}")
    if ministry is not None:
        filters.append(f"府省 {ministry_label(ministry, names)}")
    title = "事業・制度と府省のつながり" + (f" — {'、'.join(filters)}" if filters else "")
    set_title(figure, axes, title, roadmap.title, total - 0.6)
    return figure


_SIZE_PT = 9.0  # labels
_ROW_IN = 0.36  # one row, in inches
_BIGGEST = 1.6 * _ROW_IN * 72 * 0.9  # the widest circle, in points
_GAP_PT = _BIGGEST / 2 + 6  # from a node's centre to its label


def _edge_width(count: int, most: int) -> float:
    return 0.7 + 5.0 * count / most


def _place(column: list[str], rows: int) -> tuple[dict[str, float], float]:
    """Row positions spread over the height, and the widest circle that fits a row."""
    step = (rows - 1) / max(len(column) - 1, 1)
    offset = 0.0 if len(column) > 1 else (rows - 1) / 2
    room = min(_BIGGEST, step * _ROW_IN * 72 * 0.92)
    return {n: offset + i * step for i, n in enumerate(column)}, room


def _draw_column(
    axes: Axes,
    column: list[str],
    counts: dict[str, int],
    labels: dict[str, str],
    x: float,
    rows: int,
    most_items: int,
    colour: str,
    side: int,
) -> None:
    """One column of nodes: a circle per node, its area growing with the node's items
    (the largest one as big as a row allows), and its label outside the column (`side`
    -1: on the left, 1: on the right)."""
    ys, room = _place(column, rows)
    for node in column:
        count = counts[node]
        diameter = min(room, 6 + (_BIGGEST - 6) * (count / most_items) ** 0.5)
        axes.scatter(
            [x],
            [ys[node]],
            s=diameter**2,
            color=colour,
            zorder=3,
            ec="white",
            gid=f"node {node} {count}",
        )
        axes.annotate(
            plain(labels[node]),
            (x, ys[node]),
            xytext=(side * _GAP_PT, 0),
            textcoords="offset points",
            ha="right" if side < 0 else "left",
            va="center",
            fontproperties=font(_SIZE_PT),
        )


def _draw_legend(figure: Figure, most: int) -> None:
    """What the colours, the circles' sizes and the edges' widths say."""
    from matplotlib.lines import Line2D

    samples = sorted({1, max(1, most // 2), most})
    legend: list[Any] = [
        Line2D([], [], ls="", marker="o", ms=9, color=_PROGRAM_COLOUR, label="事業・制度 (左)"),
        Line2D([], [], ls="", marker="o", ms=9, color=_MINISTRY_COLOUR, label="府省 (右)"),
        *(
            Line2D(
                [],
                [],
                color=_EDGE_COLOUR,
                alpha=0.5,
                lw=_edge_width(n, most),
                label=f"線の太さ: 共通の項目 {n}件",
            )
            for n in samples
        ),
    ]
    figure.legend(
        handles=legend,
        loc="outside lower center",
        ncols=len(legend),
        prop=font(8),
        title="円の大きさ = 項目 (取組・今後の取組方針・実施状況) の数",
        title_fontproperties=font(8),
        frameon=False,
    )
