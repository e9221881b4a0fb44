"""What both figures share: the Japanese font, colours, a figure made without pyplot, text
measured in ems, titles, and the names drawn for ministries and programs.

Every text taken from a roadmap passes through [plain][stpmodel.plot._style.plain] before
it is drawn, so a `$` pair in it (`US$1兆からUS$2兆へ`) is drawn as written instead of as
mathtext.
"""

from __future__ import annotations

import datetime as dt
import importlib.machinery
import importlib.util
import os
import textwrap
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import TYPE_CHECKING, Any

from stpmodel.errors import MissingExtraError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    from stpmodel.roadmap import Roadmap

__all__ = [
    "FONT_SIZE",
    "NO_LEAD",
    "PALETTE",
    "axes_for",
    "japanese_font",
    "japanese_style",
    "picture_bytes",
    "picture_formats",
    "plain",
]

PALETTE = (
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
"""The colours of lead ministries, in the order they first appear."""

NO_LEAD = "#9a9a9a"
"""The colour of an item with no lead ministry (主担当)."""

FONT_SIZE = 8.0
"""The size of most text, in points."""


# -- the Japanese font --------------------------------------------------------------------
def _missing(module: str) -> MissingExtraError:
    return MissingExtraError("plotting", "plot", module)


def _spec(module: str) -> importlib.machinery.ModuleSpec:
    try:
        spec = importlib.util.find_spec(module)
    except ImportError:  # an import hook that hides the package
        spec = None
    if spec is None or spec.origin is None:
        raise _missing(module.replace("_", "-"))
    return spec


@cache
def _font_file() -> str:
    """The IPAex Gothic file of `matplotlib-fontja`, found without importing the package
    (its import calls `japanize()`, which changes the global font)."""
    _spec("matplotlib")
    spec = _spec("matplotlib_fontja")
    assert spec.origin is not None  # checked by _spec
    path = os.path.join(os.path.dirname(spec.origin), "fonts", "ipaexg.ttf")
    if not os.path.isfile(path):
        raise _missing("matplotlib-fontja")
    return path


def japanese_font(size: float | None = None, *, weight: str = "normal") -> FontProperties:
    """The font the library's figures draw Japanese with (IPAex Gothic, from
    `matplotlib-fontja`), for your own figures' text:

    ```python
    from stpmodel.plot import japanese_font

    ax.set_title("府省別の期限", fontproperties=japanese_font(12))
    ```

    Args:
        size: the size in points (default: matplotlib's `font.size`).
        weight: `"normal"`, `"bold"` …

    Raises:
        MissingExtraError: matplotlib or matplotlib-fontja is not installed.
    """
    path = _font_file()
    from matplotlib.font_manager import FontProperties

    return FontProperties(fname=path, size=size, weight=weight)


def font(size: float = FONT_SIZE, *, weight: str = "normal") -> FontProperties:
    """The Japanese font at `size` points (default: the figures' text size)."""
    return japanese_font(size, weight=weight)


@contextmanager
def japanese_style() -> Iterator[FontProperties]:
    """Inside this block, text of figures made there is drawn in the Japanese font, so a
    plain matplotlib figure of the roadmap's text shows no missing glyphs:

    ```python
    from matplotlib.figure import Figure
    from stpmodel.plot import japanese_style

    with japanese_style():
        figure = Figure()
        figure.add_subplot().bar(["文", "経"], [12, 7])
        figure.savefig("ministries.png")
    ```

    The font file is registered with matplotlib's font manager (which adds a font and
    changes no setting); `rcParams` are as they were once the block ends. Yields the
    font's [japanese_font][stpmodel.plot.japanese_font].

    Raises:
        MissingExtraError: matplotlib or matplotlib-fontja is not installed.
    """
    path = _font_file()
    import matplotlib
    from matplotlib import font_manager

    properties = japanese_font()
    name = properties.get_name()
    if all(entry.fname != path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    families = [name, *(f for f in matplotlib.rcParams["font.family"] if f != name)]
    with matplotlib.rc_context({"font.family": families}):
        yield properties


# -- figures ------------------------------------------------------------------------------
def new_figure(width: float, height: float) -> Figure:
    """A figure on the Agg canvas, made without pyplot, so the caller's backend and open
    figures (a notebook's inline plots) stay as they were."""
    _font_file()
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        from stpmodel.plot._figure import Figure as ShownFigure
    except ImportError:
        raise _missing("matplotlib") from None

    figure = ShownFigure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def axes_for(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes]:
    """`ax` and its figure, or a new figure of `width` × `height` inches and its axes."""
    if ax is not None:
        _font_file()
        figure = ax.get_figure(root=True)
        assert figure is not None  # an Axes always belongs to a figure
        return figure, ax
    figure = new_figure(width, height)
    return figure, figure.add_subplot()


def picture_formats() -> dict[str, str]:
    """The picture formats figures save to (`png`, `svg`, `pdf` …) and their names.

    Raises:
        MissingExtraError: matplotlib is not installed.
    """
    _font_file()
    try:
        from matplotlib.backend_bases import FigureCanvasBase
    except ImportError:
        raise _missing("matplotlib") from None

    return dict(FigureCanvasBase.get_supported_filetypes())


def picture_bytes(figure: Figure, kind: str, *, dpi: int) -> bytes:
    """`figure` as a `kind` picture (one of [picture_formats][]); PNG, PDF and SVG carry
    the figure's full title (its label) as metadata."""
    import io

    buffer = io.BytesIO()
    metadata = {"Title": figure.get_label()} if kind in ("png", "pdf", "svg") else None
    figure.savefig(buffer, format=kind, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


def same(values: Any) -> Any:
    """The identity, as the transform of a secondary axis (picklable, unlike a lambda)."""
    return values


def x_of(day: dt.date) -> float:
    """A day as matplotlib's date number (days since its epoch)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


# -- text ---------------------------------------------------------------------------------
def plain(text: str) -> str:
    r"""`text` to draw as written: each `$` escaped as `\$`, which matplotlib draws as `$`
    and never reads as the start of mathtext (so `US$1兆からUS$2兆へ` keeps its Japanese
    and `$\foo{$` cannot break the drawing)."""
    return text.replace("$", r"\$")


def ems(text: str) -> float:
    """Width of `text` in ems: full-width characters count 1, others about ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.55 for c in text)


def shorten(text: str, width: float) -> str:
    """`text` on one line, cut to `width` ems with …"""
    text = " ".join(text.split())
    out = ""
    for char in text:
        if ems(out + char) > width - 1:
            return out + "…"
        out += char
    return out


def wrap(text: str, width: float) -> str:
    """`text` broken into lines of at most `width` ems (Japanese has no spaces to break at)."""
    lines: list[str] = []
    line = ""
    for char in text:
        if ems(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    lines.append(line)
    return "\n".join(textwrap.dedent(x).strip() for x in lines)


def set_title(figure: Figure, ax: Axes, title: str, subtitle: str, width_in: float) -> None:
    """A title that wraps instead of being cut; the full text goes to the figure's label
    (`figure.get_label()`), which `savefig` writers may use as metadata."""
    size = 11.0
    width = width_in * 72 / size * 0.95
    ax.set_title(
        plain(wrap(title, width) + ("\n" + wrap(subtitle, width * 1.3) if subtitle else "")),
        fontproperties=font(size, weight="bold"),
        loc="left",
    )
    figure.set_label(f"{title} — {subtitle}" if subtitle else title)


# -- names --------------------------------------------------------------------------------
def ministry_names(roadmap: Roadmap | None) -> dict[str, str]:
    """Ministry code → Japanese name, from the bundled registry and the roadmap's."""
    from stpmodel.registry import default_ministries

    names = {code: m.name_ja for code, m in default_ministries().items()}
    if roadmap is not None:
        names.update({code: m.name_ja for code, m in roadmap.ministries.items()})
    return names


def ministry_label(code: str, names: dict[str, str]) -> str:
    """`文 (文部科学省)`, or the code alone where no name is known."""
    name = names.get(code, code)
    return code if name == code else f"{code} ({name})"


def program_name(roadmap: Roadmap | None, pid: str) -> str:
    """A program's acronym, else its Japanese name, else its ID."""
    from stpmodel.registry import default_programs

    programs = dict(default_programs())
    if roadmap is not None:
        programs.update(roadmap.programs)
    program = programs.get(pid)
    if program is None:
        return pid
    return program.acronym or program.name_ja


def resolve(
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
