"""The figure class of [stpmodel.plot][]: a matplotlib `Figure` that also shows itself as a
PNG in Jupyter when pyplot (which installs matplotlib's own notebook display) was never
imported. Imported only by the plot functions, so matplotlib loads only when used."""

from __future__ import annotations

import io

from matplotlib.figure import Figure as _MatplotlibFigure

__all__ = ["Figure"]


class Figure(_MatplotlibFigure):
    """A matplotlib figure with a PNG for notebooks (`_repr_png_`)."""

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()
