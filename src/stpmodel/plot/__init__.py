"""Pictures of a roadmap as matplotlib figures (extra ``plot``): a labelled timeline of the
deadlines and the network of programs and ministries, and the Japanese font for your own
figures.

[timeline][stpmodel.plot.timeline] and [network][stpmodel.plot.network] return a
[`Figure`][matplotlib.figure.Figure] and leave matplotlib's global state alone: no pyplot,
no change to `rcParams` or to the font manager. Japanese text is drawn with the IPAex
Gothic font file that `matplotlib-fontja` ships, passed to each text as a `FontProperties`
(importing `matplotlib_fontja` would switch the global font, so it is never imported).
Text from the roadmap is drawn as written: a `$` pair in it is never read as mathtext.
Show a figure in a notebook by leaving it as the cell's value, or save it:

```python
from stpmodel import load, plot

figure = plot.timeline(load(), from_year=2025, to_year=2027)
figure.savefig("timeline.png", dpi=150)
```

For figures of your own, [japanese_font][stpmodel.plot.japanese_font] gives the font to
pass as `fontproperties=`, and inside [japanese_style][stpmodel.plot.japanese_style] every
figure uses it.

The package's modules: `_timeline` and `_network` draw one figure each, `_style` holds
what they share (font, colours, text measure, names).
"""

from __future__ import annotations

from stpmodel.plot._network import network
from stpmodel.plot._style import japanese_font, japanese_style
from stpmodel.plot._timeline import RELATION_STYLES, timeline

__all__ = ["RELATION_STYLES", "japanese_font", "japanese_style", "network", "timeline"]
