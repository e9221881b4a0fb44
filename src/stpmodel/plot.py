"""Pictures of a roadmap as matplotlib figures (extra ``plot``): a labelled timeline of the
deadlines and the network of programs and ministries.

Both functions return a [`Figure`][matplotlib.figure.Figure] and leave matplotlib's global
state alone: no pyplot, no change to `rcParams` or to the font manager. Japanese text is
drawn with the IPAex Gothic font file that `matplotlib-fontja` ships, passed to each text
as a `FontProperties` (importing `matplotlib_fontja` would switch the global font, so it is
never imported). Show a figure in a notebook by leaving it as the cell's value, or save it:

```python
from stpmodel import load, plot

figure = plot.timeline(load(), from_year=2025, to_year=2027)
figure.savefig("timeline.png", dpi=150)
```
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import textwrap
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from stpmodel._args import check_year
from stpmodel.dates import Relation, today
from stpmodel.dates import fiscal_year_of as _fiscal_year
from stpmodel.errors import MissingExtraError
from stpmodel.model import Initiative, StatusNote
from stpmodel.roadmap import Deadline, Item, Roadmap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

__all__ = ["RELATION_STYLES", "network", "timeline"]

RELATION_STYLES: dict[Relation, tuple[str, str]] = {
    Relation.BY: ("v", "までに (by): 期限"),
    Relation.TARGET: ("*", "目指して・向けて (target): 目標"),
    Relation.DURING: ("s", "中に・内 (during): 期間内"),
    Relation.FROM: (">", "から・以降 (from): 開始、以後も続く"),
    Relation.AS_OF: ("D", "時点 (as of)"),
    Relation.AT: ("o", "修飾なし (at)"),
}
"""The marker and the legend text of each relation in [timeline][stpmodel.plot.timeline]."""

_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
_NO_LEAD = "#9a9a9a"
_FONT_SIZE = 8.0


# -- fonts and figures --------------------------------------------------------------------
@cache
def _font_file() -> str:
    """The IPAex Gothic file of `matplotlib-fontja`, found without importing the package
    (its import calls `japanize()`, which changes the global font)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or spec.origin is None:
        raise MissingExtraError("plotting", "plot", "matplotlib-fontja")
    path = os.path.join(os.path.dirname(spec.origin), "fonts", "ipaexg.ttf")
    if not os.path.isfile(path):
        raise MissingExtraError("plotting", "plot", "matplotlib-fontja")
    return path


def _font(size: float = _FONT_SIZE, *, weight: str = "normal") -> FontProperties:
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=_font_file(), size=size, weight=weight)


def _new_figure(width: float, height: float) -> Figure:
    """A figure on the Agg canvas, made without pyplot, so the caller's backend and open
    figures (a notebook's inline plots) stay as they were."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from stpmodel._figure import Figure as ShownFigure
    except ImportError:
        raise MissingExtraError("plotting", "plot", "matplotlib") from None
    _font_file()
    figure = ShownFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _axes(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes]:
    if ax is not None:
        _font_file()
        figure = ax.get_figure(root=True)
        assert figure is not None  # an Axes always belongs to a figure
        return figure, ax
    figure = _new_figure(width, height)
    return figure, figure.add_subplot()


def _same(values: Any) -> Any:
    return values


def _x(day: dt.date) -> float:
    """A day as matplotlib's date number (days since its epoch)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _width(text: str) -> float:
    """Width of ``text`` in ems: full-width characters count 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


def _shorten(text: str, ems: float) -> str:
    text = " ".join(text.split())
    out = ""
    for char in text:
        if _width(out + char) > ems - 1:
            return out + "…"
        out += char
    return out


def _wrap(text: str, ems: float) -> str:
    """``text`` broken into lines of at most ``ems`` (Japanese has no spaces to break at)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if _width(line + char) > ems:
            lines.append(line)
            line = ""
        line += char
    lines.append(line)
    return "\n".join(textwrap.dedent(x).strip() for x in lines)


def _set_title(figure: Figure, ax: Axes, title: str, subtitle: str, width_in: float) -> None:
    """A title that wraps instead of being cut; the full text goes to the figure's label
    (``figure.get_label()``), which `savefig` writers may use as metadata."""
    size = 11.0
    ems = width_in * 72 / size * 0.95
    ax.set_title(
        _wrap(title, ems) + ("\n" + _wrap(subtitle, ems * 1.3) if subtitle else ""),
        fontproperties=_font(size, weight="bold"),
        loc="left",
    )
    figure.set_label(f"{title} — {subtitle}" if subtitle else title)


# -- choosing what to draw ----------------------------------------------------------------
def _in_window(deadline: Deadline, first: int | None, last: int | None) -> bool:
    lo = -(10**9) if first is None else first
    hi = 10**9 if last is None else last
    period = deadline.mention.period
    return lo <= period.year <= hi or lo <= period.last_year <= hi


def _ministry_names(roadmap: Roadmap | None) -> dict[str, str]:
    from stpmodel.registry import default_ministries

    names = {code: m.name_ja for code, m in default_ministries().items()}
    if roadmap is not None:
        names.update({code: m.name_ja for code, m in roadmap.ministries.items()})
    return names


def _ministry_label(code: str, names: dict[str, str]) -> str:
    name = names.get(code, code)
    return code if name == code else f"{code} ({name})"


def _program_name(roadmap: Roadmap | None, pid: str) -> str:
    from stpmodel.registry import default_programs

    programs = dict(default_programs())
    if roadmap is not None:
        programs.update(roadmap.programs)
    program = programs.get(pid)
    if program is None:
        return pid
    return program.acronym or program.name_ja


def _resolve(
    roadmap: Roadmap | None, ministry: str | None, program: str | None
) -> tuple[str | None, str | None]:
    """The ministry code and program ID that the names given stand for (any spelling the
    registries know: "MEXT", "文部科学省", "S I P" …)."""
    if roadmap is not None:
        return (
            None if ministry is None else roadmap.ministry_code(ministry),
            None if program is None else roadmap.program_id(program),
        )
    from stpmodel.registry import NameIndex, default_ministries, default_programs

    return (
        None
        if ministry is None
        else NameIndex.of_ministries(default_ministries()).resolve(ministry, "ministry"),
        None
        if program is None
        else NameIndex.of_programs(default_programs()).resolve(program, "program"),
    )


def _chosen(
    source: Roadmap | Iterable[Deadline],
    first: int | None,
    last: int | None,
    ministry: str | None,
    program: str | None,
) -> tuple[Roadmap | None, list[Deadline]]:
    if isinstance(source, Roadmap):
        found = source.deadlines(from_year=first, to_year=last, ministry=ministry, program=program)
        return source, list(found)
    ministry, program = _resolve(None, ministry, program)
    chosen = []
    for deadline in source:
        if not isinstance(deadline, Deadline):
            raise TypeError(f"expected a Roadmap or Deadline objects, got {deadline!r}")
        if not _in_window(deadline, first, last):
            continue
        if ministry is not None and all(r.code != ministry for r in deadline.item.ministries):
            continue
        if program is not None and program not in deadline.item.programs:
            continue
        chosen.append(deadline)
    return None, chosen


def _window(deadlines: Sequence[Deadline], first: int | None, last: int | None) -> range:
    """The fiscal years shown: the ones asked for, else those the deadlines reach."""
    if deadlines:
        lo = min(_fiscal_year(d.mention.period.start) for d in deadlines)
        hi = max(_fiscal_year(d.mention.period.end) for d in deadlines)
    else:
        lo = hi = _fiscal_year(today())
    lo = lo if first is None else first
    hi = hi if last is None else last
    return range(lo, max(lo, hi) + 1)


# -- the timeline -------------------------------------------------------------------------
def _lead_code(item: Item, preferred: str | None = None) -> str | None:
    """The lead ministry whose colour the item's row takes: ``preferred`` (the ministry
    filtered on) when it leads, else the first lead."""
    leads = [r.code for r in item.ministries if r.lead]
    if preferred in leads:
        return preferred
    return leads[0] if leads else None


def _ministry_column(item: Item, ems: float = 14) -> str:
    """The item's ministry codes (◎ = lead), broken between codes into lines of ``ems``."""
    lines = [""]
    for ref in item.ministries:
        code = f"{ref.code}◎" if ref.lead else ref.code
        if lines[-1] and _width(lines[-1] + "・" + code) > ems:
            lines[-1] += "・"
            lines.append("")
        lines[-1] += ("・" if lines[-1] else "") + code
    return "\n".join(lines)


def _label_day(deadline: Deadline, window_end: dt.date) -> dt.date:
    """Where a mention's label starts: after its bar (after the arrow of a FROM)."""
    period = deadline.mention.period
    if deadline.mention.relation is Relation.FROM:
        return min(window_end, period.end + dt.timedelta(days=300))
    return max(deadline.mention.due, period.end)


def _lanes(
    marks: list[tuple[dt.date, dt.date, float]],
    days_per_em: float,
    window: tuple[dt.date, dt.date],
) -> list[tuple[int, bool]]:
    """For each (bar start, label day, label width in ems), sorted by label day: the lane it
    goes in and whether its label is drawn left of the bar (when it would run past the
    window's end). Bars and labels in one lane never overlap."""
    ends: list[float] = []  # per lane: the day number where its last bar or label ends
    placed: list[tuple[int, bool]] = []
    for bar_start, day, ems in marks:
        span = (ems + 1.5) * days_per_em
        left = day.toordinal() + span > window[1].toordinal()
        begin = max(bar_start, window[0]).toordinal() - (span if left else 0)
        finish = day.toordinal() + (0 if left else span)
        lane = next((i for i, e in enumerate(ends) if e < begin), len(ends))
        if lane == len(ends):
            ends.append(finish)
        else:
            ends[lane] = finish
        placed.append((lane, left))
    return placed


def timeline(
    roadmap_or_deadlines: Roadmap | Iterable[Deadline],
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    ministry: str | None = None,
    program: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The deadlines as a timeline: one row per item, a bar per period, a marker per due day.

    Each row is labelled with the item's ID and the start of its text, and lists its
    ministries on the right (◎ = lead, 主担当). Each bar spans the period a date names
    (2026年度半ば is a half-year, 2027年度まで runs to 2028-03-31) in the colour of the
    item's lead ministry; its marker sits on the day the mention falls due
    ([DateMention.due][stpmodel.DateMention.due]) with a shape per relation
    ([RELATION_STYLES][stpmodel.plot.RELATION_STYLES]) and the date expression beside it.
    The x-axis runs over whole fiscal years (年度), 1 April of the first to 31 March after
    the last.

    Args:
        roadmap_or_deadlines: a [Roadmap][stpmodel.Roadmap] (all its deadlines) or the
            deadlines to draw.
        from_year: first year of the window (filters as
            [Roadmap.deadlines][stpmodel.Roadmap.deadlines] does, and fixes the axis).
        to_year: last year of the window.
        ministry: only items tagged with this ministry, by any name
            ([Roadmap.ministry_code][stpmodel.Roadmap.ministry_code]: "文", "MEXT",
            "文部科学省").
        program: only items mentioning this program, by any name
            ([Roadmap.program_id][stpmodel.Roadmap.program_id]: "sip", "SIP").
        ax: draw into these axes instead of a new figure.

    Returns:
        The figure (nothing is saved or shown).

    Raises:
        MissingExtraError: matplotlib or matplotlib-fontja is not installed.
        UnknownIdError: no ministry or program has that name (close matches are listed).
        TypeError: a year is not an int, or a name not a string.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    check_year(from_year, "from_year")
    check_year(to_year, "to_year")
    first, last = from_year, to_year
    roadmap, chosen = _chosen(roadmap_or_deadlines, first, last, ministry, program)
    ministry, program = _resolve(roadmap, ministry, program)
    years = _window(chosen, first, last)
    start, end = dt.date(years[0], 4, 1), dt.date(years[-1] + 1, 3, 31)

    rows: dict[str, list[Deadline]] = {}
    for deadline in chosen:
        rows.setdefault(deadline.item.id, []).append(deadline)

    width = 13.0
    axes_inches = width - 5.2  # left labels and right ministry column take the rest
    days_per_em = (end - start).days / (axes_inches * 72 / _FONT_SIZE)
    layout: list[tuple[str, list[tuple[Deadline, int, bool]], int]] = []
    for item_id, found in rows.items():
        found.sort(key=lambda d: _label_day(d, end))
        spots = _lanes(
            [(d.mention.period.start, _label_day(d, end), _width(d.mention.text)) for d in found],
            days_per_em,
            (start, end),
        )
        lanes = max(lane for lane, _ in spots) + 1
        rows_of = [(d, ln, lf) for d, (ln, lf) in zip(found, spots, strict=True)]
        layout.append((item_id, rows_of, lanes))
    height_rows = sum(0.28 + 0.17 * lanes for *_, lanes in layout)
    figure, axes = _axes(ax, width, max(3.2, height_rows + 2.1))

    names = _ministry_names(roadmap)
    leads = list(
        dict.fromkeys(c for d in chosen if (c := _lead_code(d.item, ministry)) is not None)
    )
    colours = {code: _PALETTE[i % len(_PALETTE)] for i, code in enumerate(leads)}
    font = _font()
    small = _font(_FONT_SIZE - 0.5)

    # fiscal-year bands, ticks on their middles, gridlines on 1 April
    for year in years:
        if year % 2 == 0:
            axes.axvspan(
                _x(dt.date(year, 4, 1)), _x(dt.date(year + 1, 4, 1)), color="#f2f2f2", lw=0
            )
    # major ticks (unlabelled, with gridlines) on 1 April; labels on the years' middles
    axes.set_xticks([_x(dt.date(y, 4, 1)) for y in [*years, years[-1] + 1]])
    axes.tick_params(axis="x", which="major", labelbottom=False)
    axes.set_xlim(_x(start), _x(end))  # after the ticks, which would widen it
    axes.set_xticks([_x(dt.date(y, 10, 1)) for y in years], [f"{y}年度" for y in years], minor=True)
    axes.tick_params(axis="x", which="minor", length=0)
    axes.grid(axis="x", which="major", color="#cccccc", lw=0.6)
    for label in axes.get_xticklabels(minor=True):
        label.set_fontproperties(font)

    y = 0.0
    ticks: list[float] = []
    tick_labels: list[str] = []
    columns: list[str] = []
    relations: dict[Relation, None] = {}
    for item_id, placed, lanes in layout:
        item = placed[0][0].item
        lane_gap = 0.55
        row_height = 0.8 + lane_gap * (lanes - 1)
        centre = y + row_height / 2
        ticks.append(centre)
        tick_labels.append(f"{item_id}  {_shorten(item.text, 17)}")
        colour = colours.get(_lead_code(item, ministry) or "", _NO_LEAD)
        for deadline, lane, left in placed:
            mention = deadline.mention
            relations[mention.relation] = None
            row_y = y + 0.4 + lane * lane_gap
            axes.plot(
                [_x(mention.period.start), _x(mention.period.end + dt.timedelta(days=1))],
                [row_y, row_y],
                color=colour,
                lw=6,
                alpha=0.35,
                solid_capstyle="butt",
                gid=f"bar {item_id} {mention.text.strip()}",
            )
            if mention.relation is Relation.FROM:
                axes.annotate(
                    "",
                    xy=(_x(_label_day(deadline, end)), row_y),
                    xytext=(_x(mention.period.end), row_y),
                    arrowprops={"arrowstyle": "->", "color": colour, "ls": "--", "lw": 1},
                )
            marker = RELATION_STYLES[mention.relation][0]
            axes.plot(
                _x(mention.due),
                row_y,
                marker,
                color=colour,
                ms=7,
                mec="white",
                mew=0.6,
                zorder=3,
                clip_on=not start <= mention.due <= end,
                gid=f"due {item_id} {mention.text.strip()}",
            )
            anchor = _label_day(deadline, end)
            if start <= anchor <= end:
                shift = dt.timedelta(days=days_per_em * 0.8)
                axes.text(
                    _x(
                        (max(start, mention.period.start) if left else anchor)
                        + (-shift if left else shift)
                    ),
                    row_y,
                    mention.text.strip(),
                    ha="right" if left else "left",
                    va="center",
                    fontproperties=small,
                    color="#222222",
                    zorder=4,
                    clip_on=True,
                )
        columns.append(_ministry_column(item))
        y += row_height + 0.25
    axes.set_ylim(max(y, 1.0), -0.25)
    axes.set_yticks(ticks, tick_labels)
    for label in axes.get_yticklabels():
        label.set_fontproperties(font)
    axes.tick_params(axis="y", length=0)
    # the ministries of each row, on the right: tick labels, so the layout makes room
    right = axes.secondary_yaxis("right", functions=(_same, _same))  # picklable, unlike lambdas
    right.set_yticks(ticks, columns)
    right.tick_params(axis="y", length=0, pad=8)
    right.spines["right"].set_visible(False)
    for label in right.get_yticklabels():
        label.set_fontproperties(small)
        label.set_color("#333333")
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if not chosen:
        axes.text(
            0.5,
            0.5,
            "この条件の期限はありません",
            transform=axes.transAxes,
            ha="center",
            fontproperties=_font(11),
        )

    # legends: what each marker shape says, and which colour is which lead ministry
    shapes: list[Any] = [
        Line2D([], [], color="#555555", lw=6, alpha=0.35, label="帯: 日付が指す期間"),
        *(
            Line2D(
                [],
                [],
                ls="",
                marker=RELATION_STYLES[r][0],
                color="#555555",
                ms=7,
                label=RELATION_STYLES[r][1],
            )
            for r in RELATION_STYLES
            if r in relations
        ),
    ]
    owners: list[Any] = [
        Patch(color=colours[c], alpha=0.7, label=f"{c}: {names.get(c, c)}") for c in leads
    ]
    if any(_lead_code(d.item) is None for d in chosen):
        owners.append(Patch(color=_NO_LEAD, alpha=0.7, label="主担当の記載なし"))
    legend_font = _font(_FONT_SIZE - 0.5)
    if chosen:
        figure.legend(
            handles=shapes,
            loc="outside lower left",
            title="印の形 = 日付の種類",
            prop=legend_font,
            title_fontproperties=font,
            ncols=2,
            frameon=False,
        )
        figure.legend(
            handles=owners,
            loc="outside lower right",
            title="色 = 主担当府省 (右欄の◎)",
            prop=legend_font,
            title_fontproperties=font,
            ncols=2,
            frameon=False,
        )

    window = f"{years[0]}〜{years[-1]}年度" if len(years) > 1 else f"{years[0]}年度"
    filters = []
    if ministry is not None:
        filters.append(f"府省 {_ministry_label(ministry, names)}")
    if program is not None:
        filters.append(f"事業 {_program_name(roadmap, program)}")
    title = f"期限の一覧 {window}" + (f" — {'、'.join(filters)}" if filters else "")
    title += f" ({len(chosen)}件)"
    subtitle = roadmap.title if roadmap is not None else ""
    _set_title(figure, axes, title, subtitle, axes_inches)
    return figure


# -- the network --------------------------------------------------------------------------
def _links(roadmap: Roadmap) -> dict[tuple[str, str], set[str]]:
    """(program ID, ministry code) → the IDs of the items that join them: items mentioning
    the program and tagged with the ministry (a status note counts with its initiative's
    ministries)."""
    links: dict[tuple[str, str], set[str]] = {}
    for ini in roadmap.initiatives:
        objects: list[Initiative | StatusNote | Any] = [ini, *ini.status_notes, *ini.actions]
        for obj in objects:
            refs = ini.ministries if isinstance(obj, StatusNote) else obj.ministries
            for pid in obj.programs:
                for ref in refs:
                    links.setdefault((pid, ref.code), set()).add(obj.id)
    return links


def _program_label(roadmap: Roadmap, pid: str, count: int) -> str:
    short = _program_name(roadmap, pid)
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
    from matplotlib.lines import Line2D

    ministry, program = _resolve(roadmap, ministry, program)
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
    rows = max(len(programs), len(ministries), 3)
    names = _ministry_names(roadmap)
    program_labels = {pid: _program_label(roadmap, pid, len(prog_items[pid])) for pid in programs}
    ministry_labels = {
        code: _ministry_label(code, names) + f"  {len(min_items[code])}件" for code in ministries
    }
    # x in inches: the label columns are as wide as their longest label, so none is cut
    size_pt = 9.0
    row_in = 0.36
    biggest = 1.6 * row_in * 72 * 0.9  # widest circle, in points
    gap_pt = biggest / 2 + 6
    left_w = max((_width(t) for t in program_labels.values()), default=4) * size_pt / 72
    right_w = max((_width(t) for t in ministry_labels.values()), default=4) * size_pt / 72
    left_x = 0.3 + left_w + gap_pt / 72
    right_x = left_x + 4.5
    total = right_x + gap_pt / 72 + right_w + 0.3
    figure, axes = _axes(ax, total, 2.0 + row_in * rows)
    font = _font(size_pt)
    most = max((len(ids) for ids in edges.values()), default=1)
    most_items = max((len(v) for v in (*prog_items.values(), *min_items.values())), default=1)

    def edge_width(count: int) -> float:
        return 0.7 + 5.0 * count / most

    def place(column: list[str]) -> tuple[dict[str, float], float]:
        """Row positions spread over the height, and the widest circle that fits a row."""
        step = (rows - 1) / max(len(column) - 1, 1)
        offset = 0.0 if len(column) > 1 else (rows - 1) / 2
        room = min(biggest, step * row_in * 72 * 0.92)
        return {n: offset + i * step for i, n in enumerate(column)}, room

    def area(count: int, room: float) -> float:
        """Circle area (points²): its diameter grows with √count, the largest one biggest."""
        diameter: float = min(room, 6 + (biggest - 6) * (count / most_items) ** 0.5)
        return diameter**2

    program_ys, program_room = place(programs)
    ministry_ys, ministry_room = place(ministries)
    ys = {**program_ys, **ministry_ys}
    for (pid, code), ids in sorted(edges.items(), key=lambda e: len(e[1])):
        axes.plot(
            [left_x, right_x],
            [ys[pid], ys[code]],
            color="#5b7fa6",
            lw=edge_width(len(ids)),
            alpha=0.35 if len(ids) == 1 else 0.55,
            zorder=1,
            solid_capstyle="butt",
            gid=f"edge {pid} {code} {len(ids)}",
        )
    for pid in programs:
        count = len(prog_items[pid])
        axes.scatter(
            [left_x],
            [ys[pid]],
            s=area(count, program_room),
            color="#e67e22",
            zorder=3,
            ec="white",
            gid=f"node {pid} {count}",
        )
        axes.annotate(
            program_labels[pid],
            (left_x, ys[pid]),
            xytext=(-gap_pt, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontproperties=font,
        )
    for code in ministries:
        count = len(min_items[code])
        axes.scatter(
            [right_x],
            [ys[code]],
            s=area(count, ministry_room),
            color="#2980b9",
            zorder=3,
            ec="white",
            gid=f"node {code} {count}",
        )
        axes.annotate(
            ministry_labels[code],
            (right_x, ys[code]),
            xytext=(gap_pt, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontproperties=font,
        )
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
            fontproperties=font,
        )

    samples = sorted({1, max(1, most // 2), most})
    legend = [
        Line2D([], [], ls="", marker="o", ms=9, color="#e67e22", label="事業・制度 (左)"),
        Line2D([], [], ls="", marker="o", ms=9, color="#2980b9", label="府省 (右)"),
        *(
            Line2D(
                [],
                [],
                color="#5b7fa6",
                alpha=0.5,
                lw=edge_width(n),
                label=f"線の太さ: 共通の項目 {n}件",
            )
            for n in samples
        ),
    ]
    figure.legend(
        handles=legend,
        loc="outside lower center",
        ncols=len(legend),
        prop=_font(8),
        title="円の大きさ = 項目 (取組・今後の取組方針・実施状況) の数",
        title_fontproperties=_font(8),
        frameon=False,
    )
    filters = []
    if program is not None:
        filters.append(f"事業 {_program_name(roadmap, program)}")
    if ministry is not None:
        filters.append(f"府省 {_ministry_label(ministry, names)}")
    title = "事業・制度と府省のつながり" + (f" — {'、'.join(filters)}" if filters else "")
    _set_title(figure, axes, title, roadmap.title, total - 0.6)
    return figure
