"""The base of the result collections: a tuple that shows itself as a table in notebooks
(the one renderer of collections) and turns into a DataFrame. The collections themselves
are in `roadmap.py` and `query.py`; each names its record function (`records()`) and its
table (`_frame`), nothing more."""

from __future__ import annotations

from typing import Any, ClassVar, Self, SupportsIndex, TypeVar, overload

__all__ = ["Results"]

_T = TypeVar("_T")


class Results(tuple[_T, ...]):
    """Base of the result collections ([Deadlines][stpmodel.Deadlines],
    [Items][stpmodel.Items], [Nodes][stpmodel.Nodes] …): a tuple that shows itself as a
    table in notebooks (`_repr_html_`) and turns into a pandas DataFrame (`to_frame()`);
    slicing keeps the type."""

    __slots__ = ()
    _frame: ClassVar[str] = ""
    """The name of the results' frame and of their table in the notebook view."""
    _unit: ClassVar[str] = "件"
    """What the count in the table's caption counts."""

    def records(self) -> list[dict[str, Any]]:
        """One plain record per result ([stpmodel.records][])."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        from stpmodel._html import TABLES

        return TABLES[self._frame].render(self.records(), f"{len(self)} {self._unit}")

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> _T: ...

    @overload
    def __getitem__(self, key: slice, /) -> Self: ...

    def __getitem__(self, key: SupportsIndex | slice, /) -> _T | Self:
        if isinstance(key, slice):
            return type(self)(super().__getitem__(key))
        return super().__getitem__(key)

    def to_frame(self, *, engine: str = "pandas") -> Any:
        """A DataFrame of the results, one row per record, with typed columns: a
        `pandas.DataFrame` (extra `pandas`), or with `engine="polars"` a
        `polars.DataFrame` (built by [stpmodel.export.frame][])."""
        from stpmodel.export.frame import records_frame

        return records_frame(self.records(), self._frame, engine=engine)
