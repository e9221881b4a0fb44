"""Bad input: exact messages naming file, line and what was expected."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import stpmodel
from stpmodel import ParseError, StpError

HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
GOOD_ROW = "○取組。【科技】\t・実施。\t・推進。【文】\n"


def warnings_of(text: str) -> list[str]:
    return [str(w) for w in stpmodel.parse(text, name="x.txt").warnings]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "○取組。【科技】\t・実施。\n",
            [
                "x.txt:4:1: row has 2 cells, expected 3",
                "x.txt:4:1: initiative 1.1.1 has no actions (今後の取組方針 is empty)",
            ],
        ),
        (
            "○取組。【科技】\t・実施。\t・推進。【文】\t余り\n",
            [
                "x.txt:4:1: row has 4 cells, expected 3",
                "x.txt:4:16: action 1.1.1.a1 has no ministry tag 【…】",
            ],
        ),
        (
            "\t・実施。\t・推進。【科技】\n",
            [
                "x.txt:4:1: row continues nothing: its first cell does not begin a new initiative (○) "
                "and no row stands before it",
                "x.txt:4:2: initiative 1.1.1 has an empty first cell (基本計画における具体的な取組)",
            ],
        ),
        (
            "○取組。【科技、謎】\t・実施。\t・推進。【文】\n",
            [
                "x.txt:4:9: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)",
            ],
        ),
        (
            "○取組。【科技\t・実施。\t・推進。【文】\n",
            [
                "x.txt:4:5: initiative 1.1.1: 【 tag is not closed (expected 】): '【科技'",
            ],
        ),
        (
            "○取組。【科技】\t・実施。\t・推進。\n",
            ["x.txt:4:16: action 1.1.1.a1 has no ministry tag 【…】"],
        ),
        (
            "○取組。【科技】\t\t・推進。【文】\n",
            [
                "x.txt:4:1: initiative 1.1.1 has no status notes (実施状況・現状分析 is empty)",
            ],
        ),
        (
            '○取組。【科技】\t<ul style="x" ・実施。\t・推進。【文】\n',
            [
                "x.txt:4:10: markup does not close: '<ul style=\"x\" ・実施。' (expected '>')",
            ],
        ),
        (
            "○取組。【科技】\t・実施。\t・推進。【<u>文】\n",
            [
                "x.txt:4:15: underline does not close: 1 <u> but 0 </u> in a cell",
            ],
        ),
        (
            GOOD_ROW + "なにかの文章\n",
            [
                "x.txt:5:1: text between table rows that is no row, footnote or heading",
            ],
        ),
        (
            "○令和0年に取組。【科技】\t・実施。\t・推進。【文】\n",
            [
                "x.txt:4:2: unreadable date '令和0年': 令和0年 is no year",
            ],
        ),
        (
            "○取組⁵。【科技】\t・実施。\t・推進。【文】\n",
            [
                "x.txt:4:1: footnote 5 is cited by 1.1.1 but never defined",
            ],
        ),
        (
            # a bullet the parser cannot see runs two actions together
            "○取組。【科技】\t・実施。\t・推進する。【科技】＊整備する。【文】\n",
            [
                "x.txt:4:21: action 1.1.1.a1: ministry tag '【科技】' inside the text "
                "(expected one tag, at the end of the item: a missing bullet?)",
            ],
        ),
        (
            "○取組。【、科技】\t・実施。\t・推進。【文、、経】\n",
            [
                "x.txt:4:20: action 1.1.1.a1: empty code in the ministry tag '【文、、経】' "
                "(expected codes separated by 、)",
                "x.txt:4:5: initiative 1.1.1: empty code in the ministry tag '【、科技】' "
                "(expected codes separated by 、)",
            ],
        ),
        (
            GOOD_ROW + "※ 注記だけ\n",
            [
                "x.txt:5:1: text between table rows that is no row, footnote or heading",
            ],
        ),
    ],
)
def test_warnings(body: str, expected: list[str]) -> None:
    assert warnings_of(HEAD + body) == expected


def test_text_before_the_first_section() -> None:
    assert warnings_of("前置き\n" + HEAD + GOOD_ROW) == [
        "x.txt:1:1: text before the first section heading (…)"
    ]


def test_nothing_is_lost_in_default_mode() -> None:
    text = HEAD + "○取組。【科技、謎】\t・実施。\t・推進。【文】\n\t・続き。\t\nなにかの文章\n"
    roadmap = stpmodel.parse(text, name="x.txt")
    assert stpmodel.coverage(text, roadmap).complete
    assert [n.text for n in roadmap.status_notes] == ["実施。", "続き。"]


def test_strict_mode_reports_every_problem_at_once() -> None:
    text = HEAD + "○取組。【科技、謎】\t・実施。\n"
    with pytest.raises(ParseError) as info:
        stpmodel.parse(text, name="x.txt", strict=True)
    error = info.value
    assert str(error) == (
        "x.txt:4: 3 problems in strict mode:\n"
        "  x.txt:4:1: row has 2 cells, expected 3\n"
        "  x.txt:4:1: initiative 1.1.1 has no actions (今後の取組方針 is empty)\n"
        "  x.txt:4:9: unknown ministry code '謎' in a 【】 tag (expected a code such as 科技, 文, 経, 関係府省)"
    )
    assert (error.source, error.line) == ("x.txt", 4)
    assert [p.code for p in error.problems] == ["bad-row", "no-actions", "unknown-ministry"]
    assert isinstance(error, ValueError)
    assert isinstance(error, StpError)


def test_no_section() -> None:
    with pytest.raises(ParseError) as info:
        stpmodel.parse("hello\nworld\n", name="y.txt")
    assert str(info.value) == (
        "y.txt: no roadmap section found: expected a section heading such as "
        "'(6) 様々な社会課題を…' followed by its table"
    )


def test_no_table() -> None:
    with pytest.raises(ParseError) as info:
        stpmodel.parse("(6) 見出し\n【目標】\n- ・ 目標。\n", name="t.txt")
    assert str(info.value) == (
        "t.txt: no roadmap table found: expected rows of three tab-separated cells "
        "(基本計画における具体的な取組, 実施状況・現状分析, 今後の取組方針) under a section heading"
    )


def test_empty_text() -> None:
    with pytest.raises(ParseError, match=r"^z\.txt: the text is empty"):
        stpmodel.parse("  \n", name="z.txt")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty; expected the text of a roadmap (工程表)"),
        (
            b"abc\x00def",
            "this is not a text file (NUL byte at byte offset 3); expected UTF-8 or CP932 text",
        ),
        (
            b"(1) \xff\xfe\xfa\x80\x81",
            "cannot decode as UTF-8 or CP932 at byte offset 4 "
            "(b'\\xff\\xfe\\xfa\\x80'); name the encoding with encoding=...",
        ),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ParseError) as info:
        stpmodel.read(path)
    assert str(info.value) == f"{path}: {message}"
    assert info.value.source == str(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match="cannot read the file: No such file or directory"):
        stpmodel.read(tmp_path / "missing.txt")


def test_named_encoding_that_does_not_fit(tmp_path: Path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes("(1) 見出し".encode("cp932"))
    with pytest.raises(ParseError, match=r"cannot decode as utf-8 at byte offset 4"):
        stpmodel.read(path, encoding="utf-8")
    with pytest.raises(ParseError, match=r"unknown encoding 'klingon'"):
        stpmodel.read(path, encoding="klingon")


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("cp932", "\n"),
        ("shift_jis", "\r\n"),
        ("utf-8-sig", "\r\n"),
        ("utf-8", "\r"),
        ("utf-16", "\n"),
    ],
)
def test_other_encodings_give_the_same_model(
    tmp_path: Path, source: str, encoding: str, newline: str
) -> None:
    # CP932 has no superscript digits (the footnote marks ⁹⁴ …): a CP932 copy carries
    # them as character references, which the reader resolves like any entity.
    data = source.replace("\n", newline).encode(encoding, errors="xmlcharrefreplace")
    path = tmp_path / "copy.txt"
    path.write_bytes(data)
    original = stpmodel.load()
    copy = stpmodel.read(path, strict=True, name=original.source.name, edition=original.edition)
    assert copy.sections == original.sections
    assert copy.footnotes == original.footnotes
    assert copy.ministries == original.ministries
    assert copy.programs == original.programs


def test_a_warning_names_file_line_and_column() -> None:
    from stpmodel.errors import ParseWarning, WarningCode

    warning = ParseWarning(
        source="x.txt", line=3, column=5, end_column=7, code=WarningCode.BAD_TAG, message="m"
    )
    assert str(warning) == "x.txt:3:5: m"
    # warnings loaded from JSON written before warnings had columns have column 0
    assert str(attrs.evolve(warning, column=0, end_column=0)) == "x.txt:3: m"


def test_an_unknown_name_of_any_length_is_echoed_by_its_start_only() -> None:
    import stpmodel

    roadmap = stpmodel.load()
    with pytest.raises(stpmodel.UnknownIdError) as raised:
        roadmap.ministry("x" * 100_000)
    message = str(raised.value)
    assert message.startswith("unknown ministry '" + "x" * 79 + "…'")
    assert len(message) < 400
    assert raised.value.ident == "x" * 100_000  # the attribute keeps the whole name
    short = stpmodel.UnknownIdError("6.9.9")
    assert str(short) == "no object with ID '6.9.9'"
