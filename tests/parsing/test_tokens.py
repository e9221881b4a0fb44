"""The grammar's tokens: each pattern is written once, in `parsing._tokens`, and means what
the grammar says."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import stpmodel.parsing
from stpmodel._text import SUPERSCRIPT_DIGITS
from stpmodel.parsing import _tokens

PARSING = Path(stpmodel.parsing.__file__).parent

# Literal pieces of the token patterns: each may stand in one string of the code (not a
# docstring, not a comment) under parsing/.
TOKEN_LITERALS = [
    "○◯〇",  # the initiative marks
    "◯",
    "〇",
    "･",  # the bullets
    "•",
    "[-*+]",  # the list mark before a bullet
    "再掲",  # the repost mark
    "[^【】]",  # the inside of a 【】 tag
    "、,，／",  # between the codes of a tag
    "０-９",  # full-width digits
    "－―",  # the dashes around a page number
    r"u\b",  # the underline tag
    "p|ul|ol|li",  # the block tags
    "[A-Za-z][A-Za-z0-9]",  # any tag
]


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code: docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    # a string standing alone as a statement documents the assignment above it
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            docstrings.add(id(node.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _occurrences(literal: str) -> list[str]:
    return [
        path.name
        for path in sorted(PARSING.glob("*.py"))
        for text in _code_strings(path)
        if literal in text
    ]


@pytest.mark.parametrize("literal", TOKEN_LITERALS)
def test_each_token_pattern_is_written_once_under_parsing(literal: str) -> None:
    assert _occurrences(literal) == ["_tokens.py"]


def test_superscript_digits_are_written_once_outside_the_parser() -> None:
    # the footnote marks are shared with search keys: the parser takes them from _text
    assert _occurrences(SUPERSCRIPT_DIGITS) == []
    assert _occurrences("⁹") == []


def test_the_scan_sees_a_duplicate(tmp_path: Path) -> None:
    module = tmp_path / "copy.py"
    module.write_text('"""○◯〇 in a docstring is fine."""\nMARK = "[○◯〇]"\n', encoding="utf-8")
    assert _code_strings(module) == ["[○◯〇]"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("・項目", True),
        (" ・項目", True),
        ("人文・社会科学", False),  # a ・ inside words is no bullet
        ("･半角", True),
        ("• 別の印刷", True),
    ],
)
def test_a_bullet_begins_an_item_only(text: str, found: bool) -> None:
    assert bool(_tokens.BULLET.search(text)) is found


@pytest.mark.parametrize("text", ["○取組", " ◯取組", "〇取組"])
def test_initiative_marks(text: str) -> None:
    assert _tokens.INITIATIVE_START.match(text)


@pytest.mark.parametrize("text", ["(再掲)", "（再掲）", "( 再掲 )"])
def test_repost_marks(text: str) -> None:
    assert _tokens.REPOST.fullmatch(text)


def test_a_tag_and_its_bounds() -> None:
    assert _tokens.TAG.fullmatch("【科技、文】")
    assert not _tokens.TAG.fullmatch("【" + "あ" * 61 + "】")
    assert _tokens.TAG_OR_REPOST.fullmatch("【" + "あ" * 200 + "】")
    assert not _tokens.TAG_OR_REPOST.fullmatch("【" + "あ" * 201 + "】")
    assert _tokens.CODE_SEPARATOR.split("科技、文,経，総／外") == ["科技", "文", "経", "総", "外"]


def test_underlines() -> None:
    assert _tokens.UNDERLINE.findall('<u style="x">科技</U >') == ["", "/"]
    assert _tokens.UNDERLINED_TEXT.search("<u>科技")
    assert not _tokens.UNDERLINED_TEXT.search("<u> </u>")
