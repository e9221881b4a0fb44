"""The one renderer of model objects in Jupyter: a class says which records and tables it
shows, and [Shown][stpmodel._shown.Shown] draws them (the result collections have theirs
on their base, [Results][stpmodel.results.Results]).

```python
class Period(Shown):
    _views = (View("period", attributes("label")),)

class Ministry(Shown):
    _views = (View("ministries", one("ministry_record")),)   # see stpmodel._recorded
```

A view names a table of [stpmodel._html.TABLES][] and the records drawn in it. The table
module is imported only when an object is shown, so this one — which every model class
derives from — imports nothing: loading the model loads no renderer. The records of the
model's classes come from [stpmodel.records][] through `stpmodel._recorded`; this module
never imports them, so the date and error classes, which records use, can derive from it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, NamedTuple

__all__ = ["Records", "Shown", "View", "attributes"]

Record = Mapping[str, Any]
Records = Callable[[Any], Iterable[Record]]
"""The records of an object."""


class View(NamedTuple):
    """A part of an object's HTML: the `table` its `records` are drawn in, an optional
    `caption`, and whether the part is left out (`optional`) when there are no records."""

    table: str
    records: Records
    caption: Callable[[Any], str] | None = None
    optional: bool = False

    def render(self, obj: Any) -> str:
        """This part of `obj`'s HTML."""
        from stpmodel._html import TABLES

        rows = list(self.records(obj))
        if self.optional and not rows:
            return ""
        caption = "" if self.caption is None else self.caption(obj)
        return TABLES[self.table].render(rows, caption)


def attributes(*derived: str) -> Records:
    """The record of a small value object (a period, a warning …): its attrs fields and
    the `derived` properties named (a period's `label`, a mention's `due`)."""

    def record(obj: Any) -> list[Record]:
        import attrs

        own = {f.name: getattr(obj, f.name) for f in attrs.fields(type(obj))}
        return [{**own, **{name: getattr(obj, name) for name in derived}}]

    return record


class Shown:
    """What shows as HTML tables in Jupyter: a class names its `_views` and nothing more."""

    __slots__ = ()
    _views: ClassVar[tuple[View, ...]] = ()

    def _repr_html_(self) -> str:
        return "".join(view.render(self) for view in self._views)
