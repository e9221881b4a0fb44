"""Parsing the 工程表 text format into a [Roadmap][stpmodel.Roadmap].

The layer is a pipeline of small modules, each testable alone:

1. `_decode`: bytes → text (UTF-8 with or without BOM, UTF-16 with a BOM, CP932, or the
   encoding named);
2. `_lines`: text → numbered lines, each classified on its own (`classify`: what one line
   is);
3. `_reader`: the state machine over the classified lines: which block a line belongs to,
   rows continued over page breaks, footnote blocks → drafts;
4. `_cells`: a cell's fragments joined, split at bullets, 【】 tags and (再掲) read;
   `_markup` the HTML-like tags; `_indicators` the values of indicator lines;
5. `_assemble`: the drafts → frozen model objects (no line recognition);
6. `_coverage`: the check that every character of the source stands somewhere.

## The document grammar

```text
document      = title? (chapter* section)+ footnote*
title         = 統合イノベーション戦略 YEAR …            (before everything else)
chapter       = "２．…" | "第２章 …"                     (heading lines above a section)
section       = "(6) " title  vision? goals? key-indicators? reference-indicators? subsection*
vision        = 【あるべき姿…】 paragraph+
goals         = 【目標】 goal+            goal = "- ・ " text text-line*
key-indicators       = 【…主要な数値目標】（主要指標） indicator+
reference-indicators = 【現状データ】（参考指標） indicator+
indicator     = "・ " name "：" values  detail-line*
subsection    = "① " title  table-header?  row+
table-header  = 基本計画における具体的な取組 TAB 実施状況・現状分析 TAB 今後の取組方針
row           = initiative-cell TAB status-cell TAB action-cell  continuation*
continuation  = cell TAB cell TAB cell            (first cell not beginning with ○: the
                                                   row went on over a page break)
initiative-cell = ○ text tag                      status-cell = ("・" text)+
action-cell   = ("・" text (再掲)? tag)+          tag = 【 code (、 code)* 】
footnote      = SUPERSCRIPT-DIGITS text ("※" text)*
```

Footnotes, blank lines, page numbers, repeated header rows and `---` separators may stand
between a row and its continuations. Which line is which is decided by
`_lines.classify`, one rule per line kind; what a line means where it stands by the
reader's transitions (`_reader.Reader.step`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from stpmodel._gcpause import collector_paused
from stpmodel.model import Ministry, Program
from stpmodel.parsing._assemble import assemble
from stpmodel.parsing._coverage import Coverage, coverage
from stpmodel.parsing._decode import decode, read_file
from stpmodel.parsing._lines import classify, split_lines
from stpmodel.parsing._reader import COLUMNS, read_lines
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
    """Parse the text of a 工程表 into a [Roadmap][stpmodel.Roadmap].

    In the default mode problems (unknown ministry codes, malformed rows, unreadable
    dates, text that falls in no object) become `Roadmap.warnings`, each with its line and
    column, and the rest of the document still loads.

    Args:
        text: The text of the roadmap.
        name: What warnings, errors and every object's source span call the text.
        strict: Raise one [ParseError][stpmodel.ParseError] listing every problem instead
            of warning.
        title: The roadmap's title; by default what the text says (統合イノベーション戦略
            2024 …) or `name`.
        edition: The year of the edition, from which 今年度, 来年度 … are counted; by
            default read from the title.
        ministries: A ministry registry to use instead of the bundled one.
        programs: A program registry to use instead of the bundled one.

    Raises:
        ParseError: for a text with no roadmap section or table, and in strict mode for
            any problem.
    """
    # (the bytes were decoded by `read`, or by the caller) text → lines → each line
    # classified on its own → the reader's blocks and rows → model objects
    with collector_paused():  # a bulk construction: see docs/performance.md
        lines = [classify(number, raw) for number, raw in enumerate(split_lines(text), 1)]
        document = read_lines(lines, source=name)
        return assemble(
            document,
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
    """Read and parse a file: decode it, then [parse][stpmodel.parse] the text.

    UTF-8 (BOM or not), UTF-16 with a BOM, or CP932/Shift_JIS are detected unless
    `encoding` is given; CRLF, LF and CR line ends alike. `name` (default: the path) is
    what warnings and source spans call the file. See [parse][stpmodel.parse].

    Raises:
        ParseError: naming the file, for one that cannot be read or decoded (see
            `parsing._decode.decode`) or parsed.
    """
    name = os.fspath(path) if name is None else name
    text = decode(read_file(path, source=name), source=name, encoding=encoding)
    return parse(text, name=name, strict=strict, title=title, edition=edition)
