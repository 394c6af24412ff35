"""Word (.docx): paragraphs and table rows in reading order (python-docx), the date from core properties.

Each paragraph, and each table row (cells joined by a tab), is one line of the
text, so a claim's paragraph number counts the non-empty blocks before it.
"""

from __future__ import annotations

import io
import zipfile
from typing import Final

import docx
from docx.document import Document as WordDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from checker.errors import SourceError
from checker.models import DocumentMeta
from checker.sources.extracted import Extracted, join_blocks, partial_date

# A press release unzips to a few megabytes; more is a zip bomb or not a report.
MAX_UNZIPPED: Final[int] = 200 * 1024 * 1024


def read(name: str, data: bytes) -> Extracted:
    """The document's paragraphs and table rows in order, and its title and date."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(i.file_size for i in archive.infolist())
        if unzipped > MAX_UNZIPPED:
            raise SourceError(name, f"unzips to {unzipped / 1e6:.0f} MB; not a report this checker reads")
        document = docx.Document(io.BytesIO(data))
        blocks = _blocks(document)
        props = document.core_properties
        created, modified, title, language = props.created, props.modified, props.title, props.language
    except SourceError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx raise many kinds on damaged files
        raise SourceError(
            name,
            f"cannot be read as a Word file ({type(exc).__name__}: {exc}); it may be truncated, damaged, "
            "password-protected or an old .doc: re-save it as .docx",
        ) from exc
    text, paragraphs = join_blocks(blocks)
    date = partial_date(created or modified)
    meta = DocumentMeta(
        date=date,
        date_source="docx" if date is not None else "unknown",
        title=title or None,
        language=language or None,
    )
    return Extracted(text=text, meta=meta, paragraphs=paragraphs)


def _blocks(document: WordDocument) -> list[str]:
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, Table):
            blocks.extend(_rows(item))
    return blocks


def _rows(table: Table) -> list[str]:
    """One block per row; a merged cell is met once per row it spans, and read once."""
    rows: list[str] = []
    for row in table.rows:
        seen: set[object] = set()
        cells: list[str] = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            cells.append(" ".join(cell.text.split("\n")))
        rows.append("\t".join(cells))
    return rows
