"""PDF: the text layer, page by page (pypdf), and the document date from its metadata.

Pages are joined by a blank line and the offset where each starts is kept, so
every claim knows its page.  A PDF without a text layer (a scan) is refused
with one note: OCR is out of scope.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

from checker.errors import SourceError
from checker.models import DocumentMeta
from checker.sources.extracted import Extracted, partial_date

# pypdf logs every recoverable flaw of a file it can still read; the file's one error (if any) is ours to give.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read(name: str, data: bytes) -> Extracted:
    """Every page's text, the offset where each page starts, and the title and date."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _password(name)
        pages = [(page.extract_text() or "").rstrip() for page in reader.pages]
        info: Any = reader.metadata or {}
    except SourceError:
        raise
    except FileNotDecryptedError as exc:
        raise _password(name) from exc
    except DependencyError as exc:
        raise SourceError(name, f"is encrypted in a way this install cannot open ({exc})") from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise SourceError(
            name, f"cannot be read as a PDF ({type(exc).__name__}: {exc}); it may be damaged or truncated"
        ) from exc
    if not any(p.strip() for p in pages):
        raise SourceError(
            name,
            f"has no text to read ({len(pages)} pages without a text layer: a scan?); "
            "OCR is out of scope: check the original's text instead",
        )
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 2
    date = partial_date(_string(info.get("/CreationDate")) or _string(info.get("/ModDate")))
    meta = DocumentMeta(
        date=date, date_source="pdf" if date is not None else "unknown", title=_string(info.get("/Title"))
    )
    return Extracted(text="\n\n".join(pages), meta=meta, pages=tuple(starts))


def _password(name: str) -> SourceError:
    return SourceError(name, "is password-protected; save an unprotected copy to check it")


def _string(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
