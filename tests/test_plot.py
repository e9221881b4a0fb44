"""stpmodel.plot: figures that explain themselves and leave matplotlib's global state alone.

pytest runs with ``filterwarnings = error``, so a glyph missing from the font (matplotlib
warns "Glyph … missing from font") fails the drawing tests.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stpmodel import MinistryRef, Roadmap, UnknownIdError, load
from stpmodel.cli import main
from stpmodel.dates import Relation

pytest.importorskip("matplotlib", reason="the 'plot' extra is not installed")
if __import__("importlib.util").util.find_spec("matplotlib_fontja") is None:
    pytest.skip("the 'plot' extra is not installed", allow_module_level=True)

import matplotlib
import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.text import Text

from stpmodel import plot


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load()


def _num(day: dt.date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _drawn(figure: Figure) -> Figure:
    """Render (as savefig does), so missing glyphs and layout problems surface."""
    figure.savefig(io.BytesIO(), format="png", dpi=72)
    return figure


def _texts(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _legend_labels(figure: Figure) -> list[str]:
    return [t.get_text() for legend in figure.legends for t in legend.get_texts()]


def _gids(figure: Figure, prefix: str) -> Iterator[tuple[str, Any]]:
    for artist in figure.findobj(lambda a: (a.get_gid() or "").startswith(prefix)):
        yield str(artist.get_gid()), artist


def _inside(figure: Figure, text: Text) -> bool:
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    box = text.get_window_extent(renderer)
    fig_box = figure.bbox
    return bool(
        box.x0 >= fig_box.x0 - 0.5
        and box.x1 <= fig_box.x1 + 0.5
        and box.y0 >= fig_box.y0 - 0.5
        and box.y1 <= fig_box.y1 + 0.5
    )


# -- the timeline -----------------------------------------------------------------------
def test_timeline_labels_every_item_and_explains_its_styles(roadmap: Roadmap) -> None:
    figure = _drawn(plot.timeline(roadmap, from_year=2025, to_year=2027))
    shown = roadmap.deadlines(from_year=2025, to_year=2027)
    assert shown, "the window has deadlines"
    words = {t.get_text().split()[0] for t in _texts(figure) if t.get_text().split()}
    for deadline in shown:
        assert deadline.item.id in words, deadline.item.id
    # one bar and one marker per deadline, named after the item and the date expression
    bars = [gid for gid, _ in _gids(figure, "bar ")]
    assert len(bars) == len(shown)
    assert sorted(bars) == sorted(f"bar {d.item.id} {d.mention.text.strip()}" for d in shown)
    labels = _legend_labels(figure)
    for relation in {d.mention.relation for d in shown}:
        assert plot.RELATION_STYLES[relation][1] in labels, relation
    # the colour is the first lead's; the others are marked ◎ in the right-hand column
    leads = {
        next(r.code for r in d.item.ministries if r.lead) for d in shown if d.item.lead_ministries
    }
    for code in leads:
        name = roadmap.ministries[code].name_ja
        assert f"{code}: {name}" in labels, code
    assert "主担当の記載なし" in labels  # some items in the window name no lead


def test_timeline_axis_is_exactly_the_fiscal_window(roadmap: Roadmap) -> None:
    for first, last in ((2025, 2027), (2021, 2021), (2018, 2030)):
        figure = plot.timeline(roadmap, from_year=first, to_year=last)
        (ax, *_) = figure.axes
        lo, hi = ax.get_xlim()
        assert lo == _num(dt.date(first, 4, 1))
        assert hi == _num(dt.date(last + 1, 3, 31))
        ticks = [t.get_text() for t in ax.get_xticklabels(minor=True)]
        assert ticks == [f"{year}年度" for year in range(first, last + 1)]
        title = ax.get_title(loc="left")
        window = f"{first}〜{last}年度" if last > first else f"{first}年度"
        assert window in title


def test_periods_are_bars_from_start_to_end(roadmap: Roadmap) -> None:
    figure = plot.timeline(roadmap)
    bars = dict(_gids(figure, "bar "))
    for deadline in roadmap.deadlines():
        line = bars[f"bar {deadline.item.id} {deadline.mention.text.strip()}"]
        period = deadline.mention.period
        expected = [period.start, period.end + dt.timedelta(days=1)]
        assert list(line.get_xdata()) == [_num(day) for day in expected]
    half = next(d for d in roadmap.deadlines() if "半ば" in d.mention.text)
    line = bars[f"bar {half.item.id} {half.mention.text.strip()}"]
    start, end = line.get_xdata()
    assert 150 < end - start < 200  # half a year, not the whole fiscal year


def test_timeline_filters_show_in_rows_and_title(roadmap: Roadmap) -> None:
    code = "文"
    expected = roadmap.deadlines(ministry=code)
    figure = _drawn(plot.timeline(roadmap, ministry=code))
    bars = [gid for gid, _ in _gids(figure, "bar ")]
    assert len(bars) == len(expected) < len(roadmap.deadlines())
    (ax, *_) = figure.axes
    title = ax.get_title(loc="left")
    assert roadmap.ministries[code].name_ja in title
    assert f"({len(expected)}件)" in title
    only_sip = plot.timeline(roadmap, program="sip")
    sip = roadmap.deadlines(program="sip")
    assert len(list(_gids(only_sip, "bar "))) == len(sip)
    assert "SIP" in only_sip.axes[0].get_title(loc="left")


def test_rows_take_the_colour_of_the_filtered_ministry_where_it_leads(roadmap: Roadmap) -> None:
    from matplotlib.colors import to_hex
    from matplotlib.patches import Patch

    code = "経"
    figure = plot.timeline(roadmap, ministry=code)
    patches = {
        text.get_text(): to_hex(handle.get_facecolor())
        for legend in figure.legends
        for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
        if isinstance(handle, Patch)
    }
    colour = patches[f"{code}: {roadmap.ministries[code].name_ja}"]
    bars = dict(_gids(figure, "bar "))
    shared = [
        d
        for d in roadmap.deadlines(ministry=code)
        if code in d.item.lead_ministries and d.item.lead_ministries[0] != code
    ]
    assert shared  # items led by 経 together with a ministry named first
    for deadline in roadmap.deadlines(ministry=code):
        if code in deadline.item.lead_ministries:
            line = bars[f"bar {deadline.item.id} {deadline.mention.text.strip()}"]
            assert to_hex(line.get_color()) == colour, deadline.item.id


def test_timeline_accepts_deadlines_and_an_axes(roadmap: Roadmap) -> None:
    chosen = roadmap.deadlines(from_year=2024, to_year=2024)
    figure = plot.timeline(chosen)
    assert len(list(_gids(figure, "bar "))) == len(chosen)
    host = Figure()
    ax = host.add_subplot()
    assert plot.timeline(roadmap, from_year=2025, to_year=2025, ax=ax) is host
    assert len(list(_gids(host, "bar "))) == len(roadmap.deadlines(from_year=2025, to_year=2025))


def test_figures_show_in_a_notebook_without_pyplot(roadmap: Roadmap) -> None:
    import pickle

    figure = plot.timeline(roadmap, from_year=2025, to_year=2025)
    assert figure._repr_png_().startswith(b"\x89PNG")  # type: ignore[attr-defined]
    assert repr(figure).startswith("<Figure size")
    assert isinstance(pickle.loads(pickle.dumps(figure)), Figure)


def test_timeline_with_nothing_to_show_says_so(roadmap: Roadmap) -> None:
    figure = _drawn(plot.timeline(roadmap, from_year=2040, to_year=2041))
    assert "この条件の期限はありません" in [t.get_text() for t in _texts(figure)]


def test_timeline_year_must_be_an_int(roadmap: Roadmap) -> None:
    with pytest.raises(TypeError, match="from_year"):
        plot.timeline(roadmap, from_year="2025")  # type: ignore[arg-type]


def test_filters_take_any_name_the_registry_knows(roadmap: Roadmap) -> None:
    def bars(figure: Figure) -> list[str]:
        return sorted(gid for gid, _ in _gids(figure, "bar "))

    by_code = bars(plot.timeline(roadmap, ministry="文"))
    assert bars(plot.timeline(roadmap, ministry="MEXT")) == by_code
    assert bars(plot.timeline(roadmap, ministry="文部科学省")) == by_code
    assert bars(plot.timeline(roadmap.deadlines(), ministry="MEXT")) == by_code
    assert bars(plot.timeline(roadmap, program="S I P")) == bars(
        plot.timeline(roadmap, program="sip")
    )
    with pytest.raises(UnknownIdError):
        plot.timeline(roadmap, ministry="NOPE")
    with pytest.raises(UnknownIdError):
        plot.network(roadmap, program="NOPE")


@pytest.mark.parametrize(
    ("what", "kwargs"),
    [
        ("timeline", {}),
        ("timeline", {"from_year": 2025, "to_year": 2027}),
        ("timeline", {"ministry": "文"}),
        ("network", {}),
        ("network", {"program": "sip"}),
    ],
)
def test_no_text_is_cut_and_global_state_is_kept(
    roadmap: Roadmap, what: str, kwargs: dict[str, Any]
) -> None:
    import matplotlib.font_manager as fm

    before = matplotlib.rcParams.copy()  # copy(): reading "backend" would load pyplot
    fonts = len(fm.fontManager.ttflist)
    figure = _drawn(getattr(plot, what)(roadmap, **kwargs))
    assert matplotlib.rcParams.copy() == before
    assert len(fm.fontManager.ttflist) == fonts
    cut = [t.get_text() for t in _texts(figure) if not _inside(figure, t)]
    assert cut == []
    label = figure.get_label()
    assert isinstance(label, str)
    assert roadmap.title in label  # the full title, also when the drawn one wraps


def test_importing_and_plotting_touch_no_global_state() -> None:
    """In a fresh interpreter: no pyplot, no japanize(), rcParams and fonts as they were."""
    code = (
        "import sys, matplotlib, matplotlib.font_manager as fm\n"
        "before = matplotlib.rcParams.copy(); n = len(fm.fontManager.ttflist)\n"
        "import stpmodel; from stpmodel import plot\n"
        "r = stpmodel.load()\n"
        "import io\n"
        "plot.timeline(r).savefig(io.BytesIO()); plot.network(r).savefig(io.BytesIO())\n"
        "assert matplotlib.rcParams.copy() == before\n"
        "assert len(fm.fontManager.ttflist) == n\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
        "assert 'matplotlib_fontja' not in sys.modules, 'matplotlib_fontja imported'\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "ok\n"


# -- the network ------------------------------------------------------------------------
def _program_links(roadmap: Roadmap) -> dict[tuple[str, str], set[str]]:
    """The joins, counted here from the model (items naming the program × their tags)."""
    links: dict[tuple[str, str], set[str]] = {}
    for ini in roadmap.initiatives:
        tagged: list[tuple[str, tuple[str, ...], tuple[MinistryRef, ...]]] = [
            (ini.id, ini.programs, ini.ministries),
            *((note.id, note.programs, ini.ministries) for note in ini.status_notes),
            *((a.id, a.programs, a.ministries) for a in ini.actions),
        ]
        for ident, programs, refs in tagged:
            for pid in programs:
                for ref in refs:
                    links.setdefault((pid, ref.code), set()).add(ident)
    return links


def test_network_sizes_nodes_and_edges_by_items(roadmap: Roadmap) -> None:
    figure = _drawn(plot.network(roadmap))
    links = _program_links(roadmap)
    edges = {
        (gid.split()[1], gid.split()[2]): (int(gid.split()[3]), a)
        for gid, a in _gids(figure, "edge ")
    }
    assert set(edges) == set(links)
    for key, (count, _) in edges.items():
        assert count == len(links[key])
    widths = sorted((count, artist.get_linewidth()) for count, artist in edges.values())
    assert all(a[1] <= b[1] for a, b in itertools.pairwise(widths))  # more items, wider edge
    nodes = {gid.split()[1]: (int(gid.split()[2]), a) for gid, a in _gids(figure, "node ")}
    programs = {pid for pid, _ in links}
    assert programs | {code for _, code in links} == set(nodes)
    for pid in programs:
        count, _ = nodes[pid]
        assert count == len(set().union(*(ids for (p, _), ids in links.items() if p == pid)))
    sizes = sorted((count, artist.get_sizes()[0]) for count, artist in nodes.values())
    ordered = [s for c, s in sizes if c >= 1]
    assert ordered[0] < ordered[-1]
    labels = {t.get_text() for t in _texts(figure)}
    for code in {code for _, code in links}:
        assert any(text.startswith(f"{code} ") for text in labels), code
    assert any(text.startswith("SIP (戦略的イノベーション創造プログラム)") for text in labels)
    legend = _legend_labels(figure)
    assert "事業・制度 (左)" in legend
    assert "府省 (右)" in legend


def test_network_labels_do_not_overlap(roadmap: Roadmap) -> None:
    figure = _drawn(plot.network(roadmap))
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [
        t.get_window_extent(renderer)
        for t in _texts(figure)
        if t.axes is not None and t.get_text().endswith("件")
    ]
    assert len(boxes) > 20
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b)


def test_network_filters(roadmap: Roadmap) -> None:
    figure = plot.network(roadmap, program="sip")
    nodes = {gid.split()[1] for gid, _ in _gids(figure, "node ")}
    from stpmodel.query import ministries_of

    assert nodes == {"sip", *ministries_of(roadmap, "sip")}
    figure = plot.network(roadmap, ministry="外")
    edges = {tuple(gid.split()[1:3]) for gid, _ in _gids(figure, "edge ")}
    assert edges
    assert all(code == "外" for _, code in edges)
    assert "外務省" in figure.axes[0].get_title(loc="left")


# -- the command line -------------------------------------------------------------------
def test_plot_command_writes_and_refuses_to_overwrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.png"
    assert main(["plot", "timeline", "--from", "2025", "--to", "2027", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")
    assert b"Title" in target.read_bytes()[:4000]  # the full title in the PNG's metadata
    capsys.readouterr()
    target.write_bytes(b"mine")
    assert main(["plot", "graph", "-o", str(target)]) == 2
    assert "exists" in capsys.readouterr().err
    assert target.read_bytes() == b"mine"
    assert main(["plot", "graph", "-o", str(target), "--force"]) == 0
    assert target.read_bytes().startswith(b"\x89PNG")


def test_plot_command_checks_the_ministry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plot", "timeline", "--ministry", "NOPE", "-o", str(tmp_path / "x.png")]) == 2
    assert "NOPE" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
    assert main(["plot", "timeline", "--ministry", "MEXT", "-o", str(tmp_path / "x.png")]) == 0


def test_plot_command_names_an_unknown_picture_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.xyz"
    assert main(["plot", "graph", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unknown picture format 'xyz'" in err
    assert "png" in err
    assert not target.exists()


def test_relation_styles_cover_every_relation() -> None:
    assert set(plot.RELATION_STYLES) == set(Relation)
    markers = [marker for marker, _ in plot.RELATION_STYLES.values()]
    assert len(set(markers)) == len(markers)


# -- text drawn as written ----------------------------------------------------------------
DOLLARS = (
    "(1) 見出し\n① 小見出し\n"
    "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
    "○US$1兆からUS$2兆へ。SIPで推進。【科技、文】\t・実施。\t"
    "・2026年度までにUS$1兆からUS$2兆へ。SIPで推進。【文】 ・$\\foo{$を2027年度に実施。【経】\n"
)


def test_dollar_signs_in_the_roadmap_are_drawn_as_written() -> None:
    """A `$` pair is mathtext to matplotlib: US$1兆からUS$2兆へ would lose its Japanese to
    dummy glyphs and `$\\foo{$` would stop the drawing. Every text of both figures is drawn
    as the roadmap writes it."""
    from stpmodel import parse

    title = "US$1兆からUS$2兆へ $\\foo{$"
    roadmap = parse(DOLLARS, name="dollars.txt", title=title)
    assert [a.text for a in roadmap.actions][1].startswith("$\\foo{$")
    for figure in (plot.timeline(roadmap), plot.network(roadmap)):
        _drawn(figure)
        texts = _texts(figure)
        # matplotlib's own reading of each text: (what it draws, whether it is mathtext)
        drawn = [t._preprocess_math(t.get_text()) for t in texts]  # type: ignore[attr-defined]
        assert [math for _, math in drawn] == [False] * len(drawn)
        shown = "\n".join(text for text, _ in drawn)
        assert "US$1兆からUS$2兆へ" in shown
        assert "$\\foo{$" in shown.replace("\n", "")


# -- the command line's picture options ---------------------------------------------------
@pytest.mark.parametrize("dpi", ["0", "9", "1201", "100000", "-5", "many"])
def test_dpi_outside_10_to_1200_is_a_usage_error(
    dpi: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "t.png"
    assert main(["plot", "timeline", "--dpi", dpi, "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--dpi" in err
    assert "internal error" not in err
    assert not target.exists()


def test_dpi_at_the_edges_of_its_range_draws(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small, large = tmp_path / "small.png", tmp_path / "large.png"
    assert main(["plot", "graph", "--dpi", "10", "-o", str(small)]) == 0
    assert main(["plot", "graph", "--dpi", "200", "-o", str(large)]) == 0
    assert small.stat().st_size < large.stat().st_size


_BLOCKER = """
import importlib.abc, sys

class _Hide(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {"matplotlib", "matplotlib_fontja"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _Hide())
"""


def test_without_the_plot_extra_plotting_names_the_pip_line(tmp_path: Path) -> None:
    """As in a core install (matplotlib hidden by an import hook): the command exits 2 with
    one line naming the extra; the library raises MissingExtraError."""
    target = tmp_path / "t.png"
    code = _BLOCKER + (
        "import stpmodel\n"
        "from stpmodel import MissingExtraError, plot\n"
        "for call in (lambda: plot.timeline(stpmodel.load()), lambda: plot.network(stpmodel.load()),\n"
        "             plot.japanese_font, lambda: plot.japanese_style().__enter__()):\n"
        "    try:\n"
        "        call()\n"
        "    except MissingExtraError as exc:\n"
        "        assert exc.extra == 'plot', exc\n"
        "    else:\n"
        "        raise AssertionError('no MissingExtraError')\n"
        "from stpmodel.cli import main\n"
        "status = [main(['plot', what, '-o', sys.argv[1]]) for what in ('timeline', 'graph')]\n"
        "assert 'matplotlib' not in sys.modules\n"
        "raise SystemExit(max(status))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2, done.stderr
    for line in lines:
        assert line.startswith("stpmodel: error: plotting needs the optional package")
        assert line.endswith("pip install 'stpmodel[plot]'")
    assert not target.exists()


# -- Japanese in the user's own figures ---------------------------------------------------
def _own_figure(roadmap: Roadmap, **text: Any) -> Figure:
    """A plain matplotlib figure of ministry names, as an analyst would draw one."""
    codes = list(roadmap.ministries)[:5]
    figure = Figure()
    ax = figure.add_subplot()
    ax.bar([roadmap.ministries[c].name_ja for c in codes], range(1, len(codes) + 1))
    ax.set_title("府省別の取組方針", **text)
    return figure


def test_japanese_font_draws_the_roadmap_in_a_plain_figure(roadmap: Roadmap) -> None:
    from matplotlib.font_manager import FontProperties

    font = plot.japanese_font(12)
    assert isinstance(font, FontProperties)
    assert font.get_size() == 12
    figure = Figure()
    figure.add_subplot().set_title("文部科学省の期限", fontproperties=font)
    _drawn(figure)  # a missing glyph would warn, and warnings are errors here


def _missing_glyphs(figure: Figure) -> set[str]:
    """The characters of the figure's texts that the fonts matplotlib picks for them lack
    (read from each font file's character map, so no earlier drawing's cache hides one)."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    missing: set[str] = set()
    for text in _texts(_drawn(figure)):
        paths = font_manager.fontManager._find_fonts_by_props(text.get_fontproperties())
        charmaps = [set(FT2Font(str(path)).get_charmap()) for path in paths]
        missing |= {c for c in text.get_text() if not any(ord(c) in m for m in charmaps)}
    return missing


def test_japanese_style_gives_own_figures_the_font_and_restores_rcparams(
    roadmap: Roadmap,
) -> None:
    # matplotlib's own default font, whatever an earlier test or import set globally
    with matplotlib.rc_context({"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}):
        before = matplotlib.rcParams.copy()
        with warnings.catch_warnings():  # without the style: boxes (and a warning) for 府 …
            warnings.simplefilter("ignore")
            assert "府" in _missing_glyphs(_own_figure(roadmap))
        with plot.japanese_style() as font:
            assert matplotlib.rcParams["font.family"][0] == font.get_name()
            assert _missing_glyphs(_own_figure(roadmap)) == set()
        assert matplotlib.rcParams.copy() == before
        with plot.japanese_style():  # twice: the font is registered once
            assert _missing_glyphs(_own_figure(roadmap)) == set()
        assert matplotlib.rcParams.copy() == before


# -- the deprecated module --------------------------------------------------------------
def test_the_old_plot_module_warns_and_still_writes(roadmap: Roadmap, tmp_path: Path) -> None:
    from stpmodel.export.plot import plot_program_network, plot_timeline

    with pytest.warns(DeprecationWarning, match=r"use stpmodel\.plot\.timeline"):
        plot_timeline(roadmap, tmp_path / "t.png")
    with pytest.warns(DeprecationWarning, match=r"use stpmodel\.plot\.network"):
        plot_program_network(roadmap, tmp_path / "n.png")
    assert (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "n.png").read_bytes()[:4] == b"\x89PNG"
