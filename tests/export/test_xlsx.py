"""The Excel workbook: what the per-column checks of the writer must still catch."""

from __future__ import annotations

from pathlib import Path

import pytest

from stpmodel import parse
from stpmodel.errors import WriteError
from stpmodel.export.xlsx import CELL_LIMIT, write_xlsx

HEAD = "(1) 見出し\n① 小見出し\n基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"


def _action_text_of_length(size: int, first: str) -> str:
    """A source whose one action's text is `size` characters long and begins with `first`."""
    filler = size - 2  # the action is `first`, the filler and 。
    source = HEAD + f"○取組。【科技】\t・実施。\t・{first}{'長' * filler}。【文】\n"
    assert len(parse(source).actions[0].text) == size
    return source


def test_a_text_of_exactly_the_cell_limit_is_written_whole(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    path = tmp_path / "full.xlsx"
    write_xlsx(parse(_action_text_of_length(CELL_LIMIT, "長")), path)
    sheet = openpyxl.load_workbook(path)["actions"]
    (text,) = [r[2] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(text) == CELL_LIMIT


def test_the_guard_apostrophe_that_takes_a_text_over_the_limit_fails_naming_the_item(
    tmp_path: Path,
) -> None:
    pytest.importorskip("xlsxwriter", reason="the 'excel' extra is not installed")
    path = tmp_path / "over.xlsx"
    roadmap = parse(_action_text_of_length(CELL_LIMIT, "＝"))
    with pytest.raises(WriteError, match=r"1\.1\.1\.a1.*32,768 characters.*32,767"):
        write_xlsx(roadmap, path)
    assert list(tmp_path.iterdir()) == []


def test_non_characters_beyond_the_first_plane_are_replaced_and_other_characters_kept(
    tmp_path: Path,
) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    # U+20B9F (a kanji outside the Basic Multilingual Plane) stays; U+1FFFF and U+10FFFE
    # (non-characters of other planes) become U+FFFD and are counted
    roadmap = parse(
        HEAD + "○取組\U00020b9f\U0001ffff。【科技】\t・実施\U0010fffe。\t・推進。【文】\n"
    )
    path = tmp_path / "planes.xlsx"
    written = write_xlsx(roadmap, path)
    assert written.replaced == 2
    book = openpyxl.load_workbook(path)
    initiative = next(book["initiatives"].iter_rows(min_row=2, values_only=True))[2]
    note = next(book["status_notes"].iter_rows(min_row=2, values_only=True))[2]
    assert initiative == "取組\U00020b9f\ufffd。"
    assert note == "実施\ufffd。"


def test_numbers_dates_and_lists_keep_their_kind(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="the 'excel' extra is not installed")
    roadmap = parse(HEAD + "○取組。【科技】\t・実施。\t・2025年度までに推進。【文、経】\n")
    path = tmp_path / "kinds.xlsx"
    write_xlsx(roadmap, path)
    book = openpyxl.load_workbook(path)
    header, *rows = book["deadlines"].iter_rows(values_only=True)
    row = dict(zip(header, rows[0], strict=True))
    assert row["due"].isoformat() == "2026-03-31T00:00:00"
    assert book["deadlines"].cell(row=2, column=header.index("due") + 1).is_date
    assert row["fiscal_year"] == 2025
    assert row["approximate"] is False
    assert row["ministries"] == "文、経"
