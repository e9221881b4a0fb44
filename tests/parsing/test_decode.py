"""Bytes → text: the encodings a roadmap file comes in, and the clear errors for the rest."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

import stpmodel
from stpmodel.parsing._decode import decode, read_file

TEXT = (
    "(6) 様々な社会課題を解決するための研究開発\n○人文・社会科学の知\t・実施。\t・推進。【科技】\n"
)


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with its byte-order mark
        TEXT.encode("cp932"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "cp932"],
)
def test_the_encodings_a_file_comes_in_are_detected(data: bytes) -> None:
    assert decode(data, source="x.txt") == TEXT


def test_a_named_encoding_is_used() -> None:
    assert decode(TEXT.encode("shift_jis"), source="x.txt", encoding="shift_jis") == TEXT


def test_an_empty_file() -> None:
    with pytest.raises(stpmodel.ParseError, match=r"^x.txt: the file is empty"):
        decode(b"", source="x.txt")


def test_a_binary_file_names_its_nul_byte() -> None:
    with pytest.raises(stpmodel.ParseError, match=r"NUL byte at byte offset 3\)"):
        decode(b"\x89PN\x00G\r\n\x1a\n" + bytes(range(256)), source="x.png")


def test_bytes_no_encoding_reads_name_their_offset() -> None:
    data = "見出し".encode() + b"\x80\xff\xfe\x81\x00"[:-1]
    with pytest.raises(
        stpmodel.ParseError, match=r"cannot decode as UTF-8 or CP932 at byte offset 9"
    ):
        decode(data, source="x.txt")


def test_utf16_without_a_byte_order_mark_names_the_encoding_to_pass(
    tmp_path: Path, source: str
) -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(source.encode(codec))
        with pytest.raises(stpmodel.ParseError) as info:
            stpmodel.read(path)
        assert str(info.value) == (
            f"{path}: this looks like {codec} text without a byte-order mark (NUL bytes at "
            f"every other offset); name the encoding: encoding={codec!r} (--encoding {codec})"
        )
        bundled = stpmodel.load()
        copy = stpmodel.read(
            path, encoding=codec, name=bundled.source.name, edition=bundled.edition
        )
        assert (copy.sections, copy.footnotes) == (bundled.sections, bundled.footnotes)


@pytest.mark.parametrize(
    ("encoding", "message"),
    [
        ("klingon", "unknown encoding 'klingon'; expected a text encoding such as utf-8"),
        ("rot13", "'rot13' is not a text encoding (it maps bytes to bytes)"),
        ("hex", "'hex' is not a text encoding (it maps bytes to bytes)"),
        ("base64", "'base64' is not a text encoding (it maps bytes to bytes)"),
    ],
)
def test_an_encoding_that_is_no_text_codec_is_a_clear_error(
    tmp_path: Path, encoding: str, message: str
) -> None:
    path = tmp_path / "x.txt"
    path.write_text("(1) 見出し\n", encoding="utf-8")
    with pytest.raises(stpmodel.ParseError) as info:
        stpmodel.read(path, encoding=encoding)
    assert str(info.value).startswith(f"{path}: {message}")


def test_a_file_larger_than_any_roadmap_is_refused_not_read_to_the_end(tmp_path: Path) -> None:

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2049)
    assert read_file(big, source="big.txt", limit=2049) == b"x" * 2049
    with pytest.raises(stpmodel.ParseError, match=r"^big.txt: the file is larger than"):
        read_file(big, source="big.txt", limit=2048)
