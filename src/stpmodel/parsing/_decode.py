"""Bytes into text: UTF-8 (with or without BOM), UTF-16 with a BOM, CP932/Shift_JIS, or
the encoding the caller names."""

from __future__ import annotations

import codecs
import os

from stpmodel.errors import ParseError

__all__ = ["MAX_FILE_BYTES", "decode", "read_file"]

MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest file read: a whole 工程表 is a few MB of text. A larger one — or a device
that never ends, such as `/dev/zero` — is refused rather than read until memory runs out."""

_CHUNK = 1024 * 1024


def read_file(path: str | os.PathLike[str], *, source: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the file at `path`, at most `limit` of them.

    Raises:
        ParseError: naming `source`, when the file cannot be opened or read, or holds more
            than `limit` bytes.
    """
    chunks: list[bytes] = []
    size = 0
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(min(_CHUNK, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise ParseError(
                        f"the file is larger than {limit // (1024 * 1024)} MiB; expected the"
                        " text of a roadmap (工程表)",
                        source=source,
                    )
    except OSError as exc:
        raise ParseError(f"cannot read the file: {exc.strerror or exc}", source=source) from None
    return b"".join(chunks)


def decode(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Bytes → text: UTF-8 (with or without BOM) or CP932/Shift_JIS, detected or named.

    Raises:
        ParseError: naming `source`, for an empty or binary file (with the offset of its
            first NUL byte), UTF-16 without a byte-order mark (with the encoding to name),
            bytes no candidate encoding reads (with the offset of the first), or an
            `encoding` Python does not know or that is no text encoding.
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
        if (hint := _utf16_without_bom(data)) is not None:
            raise ParseError(
                f"this looks like {hint} text without a byte-order mark (NUL bytes at every "
                f"other offset); name the encoding: encoding={hint!r} (--encoding {hint})",
                source=source,
            )
        raise ParseError(
            f"this is not a text file (NUL byte at byte offset {nul}); expected UTF-8 or CP932 text",
            source=source,
        )
    if encoding is not None:
        return _decode_as(data, encoding, source)
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


def _utf16_without_bom(data: bytes) -> str | None:
    """`"utf-16-le"` or `"utf-16-be"` when most NUL bytes of `data` sit at odd or at
    even offsets (the high byte of ASCII characters in UTF-16; a few characters such as
    U+3000 put theirs on the other side), else None."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    if odd > 4 * even:
        return "utf-16-le"
    if even > 4 * odd:
        return "utf-16-be"
    return None


def _decode_as(data: bytes, encoding: str, source: str) -> str:
    """Decode with the encoding the caller named: it must be a text encoding Python knows."""
    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise ParseError(
            f"unknown encoding {encoding!r}; expected a text encoding such as "
            "utf-8, cp932, shift_jis or utf-16",
            source=source,
        ) from None
    if not getattr(info, "_is_text_encoding", True):
        raise ParseError(
            f"{encoding!r} is not a text encoding (it maps bytes to bytes); expected one "
            "such as utf-8, cp932, shift_jis or utf-16",
            source=source,
        )
    try:
        return data.decode(info.name).removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"cannot decode as {encoding} at byte offset {exc.start} "
            f"({data[exc.start : exc.start + 4]!r})",
            source=source,
        ) from None
    except (UnicodeError, ValueError, LookupError) as exc:
        raise ParseError(f"cannot decode as {encoding}: {exc}", source=source) from None
