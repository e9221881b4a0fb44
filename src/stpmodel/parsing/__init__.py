"""Parsing the 工程表 text format into a :class:`~stpmodel.roadmap.Roadmap`.

The layer is a package of small modules: ``_reader`` (bytes, encodings, lines),
``_markup`` (HTML-like tags), ``_cells`` (page-break joins, bullets, 【】 tags, (再掲)),
``_indicators`` (indicator values), ``_assemble`` (the line reader and the assembly) and
``_coverage`` (the check that nothing was dropped).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from stpmodel._gcpause import collector_paused
from stpmodel.errors import ParseError
from stpmodel.model import Ministry, Program
from stpmodel.parsing._assemble import COLUMNS, assemble
from stpmodel.parsing._coverage import Coverage, coverage
from stpmodel.parsing._reader import decode
from stpmodel.roadmap import Roadmap

__all__ = ["COLUMNS", "Coverage", "coverage", "parse", "read"]


def parse(
    text: str,
    *,
    name: str = "<string>",
    strict: bool = False,
    title: str | None = None,
    edition: int | None = None,
    ministries: Mapping[str, Ministry] | None = None,
    programs: Mapping[str, Program] | None = None,
) -> Roadmap:
    """Parse the text of a 工程表 into a :class:`Roadmap`.

    ``name`` is used in warnings, errors and on every object's source span. In the default
    mode problems (unknown ministry codes, malformed rows, unreadable dates, text that falls
    in no object) become ``Roadmap.warnings`` and the rest of the document still loads; with
    ``strict=True`` they raise one :class:`~stpmodel.ParseError` listing all of them.
    ``title`` and ``edition`` default to what the text says (統合イノベーション戦略2024 …) or
    to ``name``. ``ministries`` and ``programs`` replace the bundled registries.
    """
    with collector_paused():
        return assemble(
            text,
            name=name,
            strict=strict,
            title=title,
            edition=edition,
            ministries=ministries,
            programs=programs,
        )


def read(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    strict: bool = False,
    title: str | None = None,
    edition: int | None = None,
    name: str | None = None,
) -> Roadmap:
    """Read and parse a file: UTF-8 (BOM or not), UTF-16 with a BOM, or CP932/Shift_JIS,
    detected unless ``encoding`` is given; CRLF, LF and CR line ends alike. ``name``
    (default: the path) is what warnings and source spans call the file. See :func:`parse`."""
    name = os.fspath(path) if name is None else name
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", source=name) from None
    text = decode(data, source=name, encoding=encoding)
    return parse(text, name=name, strict=strict, title=title, edition=edition)
