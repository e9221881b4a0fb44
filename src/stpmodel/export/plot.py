"""Deprecated: the plots moved to [stpmodel.plot][], whose functions return figures.

These two wrappers keep the old file-writing calls working for one release; each call
warns with a `DeprecationWarning` naming what to use instead.
"""

from __future__ import annotations

import os
import warnings

from stpmodel.roadmap import Deadline, Roadmap

__all__ = ["plot_program_network", "plot_timeline"]


def plot_timeline(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    *,
    deadlines: tuple[Deadline, ...] | None = None,
) -> str:
    """Deprecated: use [stpmodel.plot.timeline][] and save the figure. Writes ``path``."""
    _deprecated("plot_timeline", "timeline")
    from stpmodel.plot import timeline

    figure = timeline(roadmap if deadlines is None else deadlines)
    figure.savefig(path, dpi=110)
    return os.fspath(path)


def plot_program_network(roadmap: Roadmap, path: str | os.PathLike[str]) -> str:
    """Deprecated: use [stpmodel.plot.network][] and save the figure. Writes ``path``."""
    _deprecated("plot_program_network", "network")
    from stpmodel.plot import network

    network(roadmap).savefig(path, dpi=110)
    return os.fspath(path)


def _deprecated(old: str, new: str) -> None:
    warnings.warn(
        f"stpmodel.export.plot.{old} is deprecated and goes in the next release: "
        f"use stpmodel.plot.{new}(...).savefig(path)",
        DeprecationWarning,
        stacklevel=3,
    )
