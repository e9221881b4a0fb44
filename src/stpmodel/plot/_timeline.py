"""The deadline timeline: one row per item, a bar per period, a marker per due day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

from stpmodel._args import check_year
from stpmodel.dates import Relation, today
from stpmodel.dates import fiscal_year_of as _fiscal_year
from stpmodel.plot._style import (
    FONT_SIZE,
    NO_LEAD,
    PALETTE,
    axes_for,
    ems,
    font,
    ministry_label,
    ministry_names,
    plain,
    program_name,
    resolve,
    same,
    set_title,
    shorten,
    x_of,
)
from stpmodel.roadmap import Deadline, Item, Roadmap

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["RELATION_STYLES", "timeline"]

RELATION_STYLES: dict[Relation, tuple[str, str]] = {
    Relation.BY: ("v", "までに (by): 期限"),
    Relation.TARGET: ("*", "目指して・向けて (target): 目標"),
    Relation.DURING: ("s", "中に・内 (during): 期間内"),
    Relation.FROM: (">", "から・以降 (from): 開始、以後も続く"),
    Relation.AS_OF: ("D", "時点 (as of)"),
    Relation.AT: ("o", "修飾なし (at)"),
}
"""The marker and the legend text of each relation in [timeline][stpmodel.plot.timeline]."""


# -- choosing what to draw ----------------------------------------------------------------
def _in_window(deadline: Deadline, first: int | None, last: int | None) -> bool:
    lo = -(10**9) if first is None else first
    hi = 10**9 if last is None else last
    period = deadline.mention.period
    return lo <= period.year <= hi or lo <= period.last_year <= hi


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
    ministry, program = resolve(None, ministry, program)
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


def _ministry_column(item: Item, width: float = 14) -> str:
    """The item's ministry codes (◎ = lead), broken between codes into lines of `width` ems."""
    lines = [""]
    for ref in item.ministries:
        code = f"{ref.code}◎" if ref.lead else ref.code
        if lines[-1] and ems(lines[-1] + "・" + code) > width:
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
    for bar_start, day, size in marks:
        span = (size + 1.5) * days_per_em
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
    check_year(from_year, "from_year")
    check_year(to_year, "to_year")
    roadmap, chosen = _chosen(roadmap_or_deadlines, from_year, to_year, ministry, program)
    ministry, program = resolve(roadmap, ministry, program)
    years = _window(chosen, from_year, to_year)
    window = (dt.date(years[0], 4, 1), dt.date(years[-1] + 1, 3, 31))

    width = 13.0
    axes_inches = width - 5.2  # left labels and right ministry column take the rest
    days_per_em = (window[1] - window[0]).days / (axes_inches * 72 / FONT_SIZE)
    layout = _layout(chosen, window, days_per_em)
    height_rows = sum(0.28 + 0.17 * lanes for *_, lanes in layout)
    figure, axes = axes_for(ax, width, max(3.2, height_rows + 2.1))

    names = ministry_names(roadmap)
    leads = list(
        dict.fromkeys(c for d in chosen if (c := _lead_code(d.item, ministry)) is not None)
    )
    colours = {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(leads)}
    _draw_years(axes, years, window)
    relations = _draw_rows(axes, layout, window, days_per_em, colours, ministry)
    if chosen:
        _draw_legends(figure, relations, leads, colours, names, chosen)
    else:
        axes.text(
            0.5,
            0.5,
            "この条件の期限はありません",
            transform=axes.transAxes,
            ha="center",
            fontproperties=font(11),
        )

    span = f"{years[0]}〜{years[-1]}年度" if len(years) > 1 else f"{years[0]}年度"
    filters = []
    if ministry is not None:
        filters.append(f"府省 {ministry_label(ministry, names)}")
    if program is not None:
        filters.append(f"事業 {program_name(roadmap, program)}")
    title = f"期限の一覧 {span}" + (f" — {'、'.join(filters)}" if filters else "")
    title += f" ({len(chosen)}件)"
    subtitle = roadmap.title if roadmap is not None else ""
    set_title(figure, axes, title, subtitle, axes_inches)
    return figure


_Row = tuple[str, list[tuple[Deadline, int, bool]], int]
"""An item's row: its ID, each deadline with its lane and whether its label goes left of
the bar, and the number of lanes."""


def _layout(
    chosen: Sequence[Deadline], window: tuple[dt.date, dt.date], days_per_em: float
) -> list[_Row]:
    """One row per item, in the order the items first appear, its marks put in lanes."""
    rows: dict[str, list[Deadline]] = {}
    for deadline in chosen:
        rows.setdefault(deadline.item.id, []).append(deadline)
    layout: list[_Row] = []
    for item_id, found in rows.items():
        found.sort(key=lambda d: _label_day(d, window[1]))
        spots = _lanes(
            [
                (d.mention.period.start, _label_day(d, window[1]), ems(d.mention.text))
                for d in found
            ],
            days_per_em,
            window,
        )
        lanes = max(lane for lane, _ in spots) + 1
        placed = [(d, ln, lf) for d, (ln, lf) in zip(found, spots, strict=True)]
        layout.append((item_id, placed, lanes))
    return layout


def _draw_years(axes: Axes, years: range, window: tuple[dt.date, dt.date]) -> None:
    """Fiscal-year bands, gridlines on 1 April, the years' names on their middles."""
    for year in years:
        if year % 2 == 0:
            axes.axvspan(
                x_of(dt.date(year, 4, 1)), x_of(dt.date(year + 1, 4, 1)), color="#f2f2f2", lw=0
            )
    # major ticks (unlabelled, with gridlines) on 1 April; labels on the years' middles
    axes.set_xticks([x_of(dt.date(y, 4, 1)) for y in [*years, years[-1] + 1]])
    axes.tick_params(axis="x", which="major", labelbottom=False)
    axes.set_xlim(x_of(window[0]), x_of(window[1]))  # after the ticks, which would widen it
    axes.set_xticks(
        [x_of(dt.date(y, 10, 1)) for y in years], [f"{y}年度" for y in years], minor=True
    )
    axes.tick_params(axis="x", which="minor", length=0)
    axes.grid(axis="x", which="major", color="#cccccc", lw=0.6)
    for label in axes.get_xticklabels(minor=True):
        label.set_fontproperties(font())


def _draw_rows(
    axes: Axes,
    layout: list[_Row],
    window: tuple[dt.date, dt.date],
    days_per_em: float,
    colours: dict[str, str],
    ministry: str | None,
) -> dict[Relation, None]:
    """Each item's bars, markers and date labels, its ID and text on the left and its
    ministries on the right; returns the relations drawn, in order."""
    y = 0.0
    ticks: list[float] = []
    tick_labels: list[str] = []
    columns: list[str] = []
    relations: dict[Relation, None] = {}
    for item_id, placed, lanes in layout:
        item = placed[0][0].item
        lane_gap = 0.55
        row_height = 0.8 + lane_gap * (lanes - 1)
        ticks.append(y + row_height / 2)
        tick_labels.append(plain(f"{item_id}  {shorten(item.text, 17)}"))
        colour = colours.get(_lead_code(item, ministry) or "", NO_LEAD)
        for deadline, lane, left in placed:
            relations[deadline.mention.relation] = None
            row_y = y + 0.4 + lane * lane_gap
            _draw_mark(axes, deadline, row_y, left, colour, window, days_per_em)
        columns.append(plain(_ministry_column(item)))
        y += row_height + 0.25
    axes.set_ylim(max(y, 1.0), -0.25)
    axes.set_yticks(ticks, tick_labels)
    for label in axes.get_yticklabels():
        label.set_fontproperties(font())
    axes.tick_params(axis="y", length=0)
    # the ministries of each row, on the right: tick labels, so the layout makes room
    right = axes.secondary_yaxis("right", functions=(same, same))
    right.set_yticks(ticks, columns)
    right.tick_params(axis="y", length=0, pad=8)
    right.spines["right"].set_visible(False)
    for label in right.get_yticklabels():
        label.set_fontproperties(font(FONT_SIZE - 0.5))
        label.set_color("#333333")
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    return relations


def _draw_mark(
    axes: Axes,
    deadline: Deadline,
    row_y: float,
    left: bool,
    colour: str,
    window: tuple[dt.date, dt.date],
    days_per_em: float,
) -> None:
    """One date: the bar of its period (an arrow on past it for a FROM), the marker on
    its due day, and its expression beside them."""
    start, end = window
    mention = deadline.mention
    item_id = deadline.item.id
    axes.plot(
        [x_of(mention.period.start), x_of(mention.period.end + dt.timedelta(days=1))],
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
            xy=(x_of(_label_day(deadline, end)), row_y),
            xytext=(x_of(mention.period.end), row_y),
            arrowprops={"arrowstyle": "->", "color": colour, "ls": "--", "lw": 1},
        )
    axes.plot(
        x_of(mention.due),
        row_y,
        RELATION_STYLES[mention.relation][0],
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
        day = (max(start, mention.period.start) if left else anchor) + (-shift if left else shift)
        axes.text(
            x_of(day),
            row_y,
            plain(mention.text.strip()),
            ha="right" if left else "left",
            va="center",
            fontproperties=font(FONT_SIZE - 0.5),
            color="#222222",
            zorder=4,
            clip_on=True,
        )


def _draw_legends(
    figure: Figure,
    relations: dict[Relation, None],
    leads: list[str],
    colours: dict[str, str],
    names: dict[str, str],
    chosen: Sequence[Deadline],
) -> None:
    """What each marker shape says, and which colour is which lead ministry."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

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
        Patch(color=colours[c], alpha=0.7, label=plain(f"{c}: {names.get(c, c)}")) for c in leads
    ]
    if any(_lead_code(d.item) is None for d in chosen):
        owners.append(Patch(color=NO_LEAD, alpha=0.7, label="主担当の記載なし"))
    corners: list[tuple[list[Any], Literal["outside lower left", "outside lower right"], str]] = [
        (shapes, "outside lower left", "印の形 = 日付の種類"),
        (owners, "outside lower right", "色 = 主担当府省 (右欄の◎)"),
    ]
    for handles, where, title in corners:
        figure.legend(
            handles=handles,
            loc=where,
            title=title,
            prop=font(FONT_SIZE - 0.5),
            title_fontproperties=font(),
            ncols=2,
            frameon=False,
        )
