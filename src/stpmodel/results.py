"""The base of the result collections: a tuple that shows itself as a table in notebooks
(the one renderer of collections) and turns into a DataFrame.

The collections themselves ([Deadlines][stpmodel.Deadlines], [Items][stpmodel.Items],
[Nodes][stpmodel.Nodes] in [stpmodel.roadmap][], `Codes` and `MinistryPairs` in
[stpmodel.query][]) each name their records (`records()`) and their table (`_frame`),
nothing more."""

from __future__ import annotations

from typing import Any, ClassVar, Self, SupportsIndex, TypeVar, overload

__all__ = ["Results"]

T = TypeVar("T")
"""The type of the results."""


class Results(tuple[T, ...]):
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

    _noun: ClassVar[str] = "result"
    """What one result is called in the printed summary (`"deadline"`)."""

    def _label(self, result: T) -> str:
        """How one result is named in the printed summary: its ID, else its text."""
        return str(getattr(result, "id", None) or result)

    def __repr__(self) -> str:
        """One line: the collection, how many, the first few (`<Deadlines: 29 deadlines —
        6.1.2.a3 …, …>`); `list(results)` or `records()` give them all."""
        from stpmodel._summary import items_summary

        return items_summary(type(self).__name__, map(self._label, self), len(self), self._noun)

    def _repr_html_(self) -> str:
        from stpmodel._html import TABLES

        return TABLES[self._frame].render(self.records(), f"{len(self)} {self._unit}")

    @overload
    def __getitem__(self, key: SupportsIndex, /) -> T: ...

    @overload
    def __getitem__(self, key: slice, /) -> Self: ...

    def __getitem__(self, key: SupportsIndex | slice, /) -> T | Self:
        if isinstance(key, slice):
            return type(self)(super().__getitem__(key))
        return super().__getitem__(key)

    def to_frame(self, *, engine: str = "pandas") -> Any:
        """A DataFrame of the results, one row per record, with typed columns: a
        `pandas.DataFrame` (extra `pandas`), or with `engine="polars"` a
        `polars.DataFrame` (built by [stpmodel.export.frame][])."""
        from stpmodel.export.frame import records_frame

        return records_frame(self.records(), self._frame, engine=engine)
