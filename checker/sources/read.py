"""One file to one Document: read its bytes, hand them to its format's reader, keep what it says.

A format is one module with `read(name, data) -> Extracted` (see extracted.py);
adding a format is adding a module and its suffixes to `READERS`.  Readers are
imported on first use, so a corpus of plain text never loads the HTML and PDF
libraries.
"""

from __future__ import annotations

import importlib
import os
import stat as st
from pathlib import Path
from typing import Final, cast

from checker.errors import SourceError
from checker.models import Document
from checker.sources.extracted import Reader

# A larger file is almost certainly not a news report; refusing it keeps one
# stray dump from stalling the whole corpus.
MAX_BYTES: Final[int] = 50 * 1024 * 1024

# Suffix → module under checker.sources; anything else is read as plain text.
READERS: Final[dict[str, str]] = {
    ".html": "webpage",
    ".htm": "webpage",
    ".xhtml": "webpage",
    ".pdf": "pdf",
    ".docx": "word",
}


def reader_for(name: str) -> Reader:
    """The reader of a file, chosen by its suffix (case-insensitive).

    A reader whose library is missing or broken fails the files of its format
    only, each with one error that says how to fix the install.
    """
    module = READERS.get(os.path.splitext(name)[1].lower(), "plain")
    try:
        return cast(Reader, importlib.import_module(f"checker.sources.{module}").read)
    except ImportError as exc:
        raise SourceError(
            name,
            f"cannot be read: the {module} reader did not load ({exc}); reinstall checker with its dependencies",
        ) from exc


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file.  Raises SourceError for anything a user must fix."""
    name = display or path.as_posix()
    data, mtime = _read_bytes(path, name)
    extracted = reader_for(name)(name, data)
    return Document(
        path=name,
        text=extracted.text,
        sha256=Document.hash_bytes(data),
        encoding=extracted.encoding,
        size=len(data),
        mtime=mtime,
        meta=extracted.meta,
        pages=extracted.pages,
        paragraphs=extracted.paragraphs,
    )


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


def _read_bytes(path: Path, name: str) -> tuple[bytes, float]:
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
    return data, stat.st_mtime
