"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK, and clear refusals.

Chinese newsrooms still exchange GBK files, so a file that is not valid UTF-8
is tried as GB18030 (a superset of GBK and GB2312).  A decoding is accepted
only if it looks like text; anything else is refused with a message that names
the file and says what to do.
"""

from __future__ import annotations

import os
import stat as st
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


def _reads_as_text(text: str) -> bool:
    """Mostly ASCII, CJK and their punctuation, nothing private or control: text, not byte soup."""
    head = text[:4096]
    if not head:
        return False
    usual = sum(
        1
        for ch in head
        if (" " <= ch <= "~") or ch in "\n\r\t" or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
        or "\uff00" <= ch <= "\uffef" or ("\u00a0" <= ch <= "\u024f") or "\u2000" <= ch <= "\u206f"
    )  # fmt: skip
    odd = sum(
        1
        for ch in head
        if "\ue000" <= ch <= "\uf8ff" or ch in "\x00\ufffd" or (not ch.isprintable() and ch not in "\n\r\t")
    )
    return odd == 0 and usual / len(head) > 0.9


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a BOM (some Windows tools do): accepted only when it decodes cleanly.

    Its ASCII characters and line breaks put NUL bytes in it, so it would be
    called binary.  Little-endian (Windows) is tried first; the decoded text
    must read as text, which random bytes decoded as UTF-16 never do.
    """
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(text):
            return text, encoding
    return None


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
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
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


def _read_regular(path: Path, name: str) -> bytes:
    """The bytes of a regular file; anything else is refused after a non-blocking open.

    O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever; the
    fstat after opening catches a file swapped for a pipe since it was listed.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        if not st.S_ISREG(os.fstat(fd).st_mode):
            raise SourceError(name, "not a regular file (a pipe, socket or device); skipped unread")
        return fh.read(MAX_BYTES + 1)


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file.  Raises SourceError for anything a user must fix."""
    name = display or path.as_posix()
    try:
        stat = path.stat()
        if stat.st_size > MAX_BYTES:
            raise SourceError(
                name, f"too large ({stat.st_size} bytes, limit {MAX_BYTES}); split it or exclude it"
            )
        data = _read_regular(path, name)
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
