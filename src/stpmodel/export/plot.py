"""Deprecated: the plots moved to [stpmodel.plot][], whose functions return figures.

These two wrappers keep the old file-writing calls working for one release.
"""

from __future__ import annotations

import os

from stpmodel.roadmap import Deadline, Roadmap

__all__ = ["plot_program_network", "plot_timeline"]


def plot_timeline(
    roadmap: Roadmap,
    path: str | os.PathLike[str],
    *,
    deadlines: tuple[Deadline, ...] | None = None,
) -> str:
    """Deprecated: use [stpmodel.plot.timeline][] and save the figure. Writes ``path``."""
    from stpmodel.plot import timeline

    figure = timeline(roadmap if deadlines is None else deadlines)
    figure.savefig(path, dpi=110)
    return os.fspath(path)


def plot_program_network(roadmap: Roadmap, path: str | os.PathLike[str]) -> str:
    """Deprecated: use [stpmodel.plot.network][] and save the figure. Writes ``path``."""
    from stpmodel.plot import network

    network(roadmap).savefig(path, dpi=110)
    return os.fspath(path)
