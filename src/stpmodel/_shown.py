"""The one renderer of model objects in Jupyter: a class says which records and tables it
shows, and [Shown][stpmodel._shown.Shown] draws them.

```python
class Ministry(Shown):
    _views = (View("ministries", one("ministry_record")),)
```

A view names a table of [stpmodel._html.TABLES][] and the records drawn in it, found in
[stpmodel.records][]. Both modules are imported only when an object is shown, so this one
— which every model class derives from — imports nothing: loading the model loads no
renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import ModuleType
from typing import Any, ClassVar, NamedTuple

__all__ = ["Shown", "View", "fields", "one"]

Record = Mapping[str, Any]
Records = Callable[[Any, ModuleType], Iterable[Record]]
"""The records of an object, given it and the [stpmodel.records][] module."""


class View(NamedTuple):
    """A part of an object's HTML: the `table` its `records` are drawn in, an optional
    `caption`, and whether the part is left out (`optional`) when there are no records."""

    table: str
    records: Records
    caption: Callable[[Any], str] | None = None
    optional: bool = False

    def render(self, obj: Any) -> str:
        """This part of `obj`'s HTML."""
        from stpmodel import records as record_functions
        from stpmodel._html import TABLES

        rows = list(self.records(obj, record_functions))
        if self.optional and not rows:
            return ""
        caption = "" if self.caption is None else self.caption(obj)
        return TABLES[self.table].render(rows, caption)


def one(record: str) -> Records:
    """The records of an object that is one row: `record` (a function of
    [stpmodel.records][], by name) of it."""
    return lambda obj, records: [getattr(records, record)(obj)]


def fields(*names: str) -> Records:
    """The record of a small value object (a period, a warning …): its attributes `names`."""
    return lambda obj, records: [{name: getattr(obj, name) for name in names}]


class Shown:
    """What shows as HTML tables in Jupyter: a class names its `_views` and nothing more."""

    __slots__ = ()
    _views: ClassVar[tuple[View, ...]] = ()

    def _repr_html_(self) -> str:
        return "".join(view.render(self) for view in self._views)
