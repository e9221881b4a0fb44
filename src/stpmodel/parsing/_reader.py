"""Reading bytes into text and text into numbered lines."""

from __future__ import annotations

import codecs
import re

from stpmodel.errors import ParseError

__all__ = ["decode", "split_lines"]

_NEWLINES = re.compile(r"\r\n|\n|\r")


def decode(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Bytes → text: UTF-8 (with or without BOM) or CP932/Shift_JIS, detected or named.

    A binary file, or one that no candidate encoding reads, raises :class:`ParseError`
    naming the file and the byte offset of the first byte that could not be read.
    """
    if not data:
        raise ParseError(
            "the file is empty; expected the text of a roadmap (工程表)", source=source
        )
    nul = data.find(b"\x00")
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        encoding is not None and encoding.lower().replace("-", "").startswith("utf16")
    )
    if nul >= 0 and not utf16:
        raise ParseError(
            f"this is not a text file (NUL byte at byte offset {nul}); expected UTF-8 or CP932 text",
            source=source,
        )
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ParseError(f"unknown encoding {encoding!r}", source=source) from None
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"cannot decode as {encoding} at byte offset {exc.start} "
                f"({data[exc.start : exc.start + 4]!r})",
                source=source,
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise ParseError(
                f"cannot decode as UTF-16 at byte offset {exc.start}", source=source
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp932")
        except UnicodeDecodeError:
            offset = utf8_error.start
            raise ParseError(
                f"cannot decode as UTF-8 or CP932 at byte offset {offset} "
                f"({data[offset : offset + 4]!r}); name the encoding with encoding=...",
                source=source,
            ) from None


def split_lines(text: str) -> list[str]:
    """Lines without their ends, for CRLF, LF and CR files alike (1-based = index + 1)."""
    return _NEWLINES.split(text.removeprefix("\ufeff"))
