"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK, and clear refusals.

Chinese newsrooms still exchange GBK files, so a file that is not valid UTF-8
is tried as GB18030 (a superset of GBK and GB2312).  A decoding is accepted
only if it looks like text; anything else is refused with a message that names
the file and says what to do.
"""

from __future__ import annotations

from pathlib import Path

from checker.errors import SourceError
from checker.models import Document

# A larger file is almost certainly not a news report; refusing it keeps one
# stray dump from stalling the whole corpus.
MAX_BYTES = 50 * 1024 * 1024

_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return True
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and chr(b) not in _CONTROL_OK)
    return bool(sample) and controls / len(sample) > 0.10


def _plausible_cjk(text: str) -> bool:
    """GB18030 decodes almost any byte soup; accept it only when it reads as text."""
    if not text:
        return True
    sample = text[:4096]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f")
    odd = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")
    return good / len(sample) > 0.97 and odd == 0 and (cjk > 0 or sample.isascii())


def decode_bytes(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise SourceError naming the file and the problem."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"has a UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}") from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"invalid UTF-16 at byte {exc.start}") from exc
    # After the BOM checks: UTF-16 text is full of NUL bytes.
    if _looks_binary(data):
        raise SourceError(path, "binary file (contains NUL or control bytes); only .txt/.md text is checked")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and _plausible_cjk(text):
            return text, "gb18030"
        line = data[: utf8_error.start].count(b"\n") + 1
        raise SourceError(
            path,
            f"invalid UTF-8 at byte {utf8_error.start} (line {line}) and not GBK/GB18030 text either; "
            "re-save the file as UTF-8",
        ) from utf8_error


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file.  Raises SourceError for anything a user must fix."""
    name = display or path.as_posix()
    try:
        stat = path.stat()
        if stat.st_size > MAX_BYTES:
            raise SourceError(
                name, f"too large ({stat.st_size} bytes, limit {MAX_BYTES}); split it or exclude it"
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError as exc:
        raise SourceError(name, "vanished before it could be read (deleted or renamed)") from exc
    except IsADirectoryError as exc:
        raise SourceError(name, "is a directory") from exc
    except PermissionError as exc:
        raise SourceError(name, "permission denied; make it readable by this user") from exc
    except OSError as exc:
        raise SourceError(name, f"cannot be read: {exc.strerror or exc}") from exc
    text, encoding = decode_bytes(name, data)
    # Line ends are normalised so offsets are the same on every platform.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(
        path=name,
        text=text,
        sha256=Document.hash_bytes(data),
        encoding=encoding,
        size=len(data),
        mtime=stat.st_mtime,
    )


def is_empty_text(text: str) -> bool:
    """True for a file with nothing but white space."""
    return not text.strip(" \t\n\r\u3000\ufeff")
