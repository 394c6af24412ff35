"""Web pages: the article's text without navigation, sidebars or footers, and the page's metadata.

trafilatura finds the main text (boilerplate removed, tables kept) and the
metadata (title, site name, canonical URL; the publication date through
htmldate).  The text is laid out one paragraph a line; claims are placed by
line and column in it, and by paragraph.
"""

from __future__ import annotations

import codecs
import re
from typing import Final

import trafilatura
from lxml import etree
from lxml.etree import _Element
from trafilatura.settings import Document as Page

from checker.errors import SourceError
from checker.models import DocumentMeta
from checker.sources.decode import decode_bytes
from checker.sources.extracted import Extracted, join_blocks, partial_date

# Articles are well under a megabyte of HTML; trafilatura reads about 2 MB/s, so a larger
# file (a saved feed, a dump) would hold the run up for no article worth reading.
MAX_BYTES: Final[int] = 10 * 1024 * 1024

_CHARSET_RE: Final[re.Pattern[bytes]] = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I
)
_LANG_RE: Final[re.Pattern[str]] = re.compile(
    r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)""", re.I
)
# Declared charsets read through their supersets, as browsers do.
_SUPERSETS: Final[dict[str, str]] = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "cp950",
    "x-gbk": "gb18030",
}


def read(name: str, data: bytes) -> Extracted:
    """The article text of a web page and its title, outlet, URL and publication date."""
    if len(data) > MAX_BYTES:
        raise SourceError(
            name,
            f"web page too large ({len(data) / 1e6:.0f} MB, limit {MAX_BYTES // 2**20} MB); "
            "save the article alone, or exclude the file",
        )
    html, encoding = _decode(name, data)
    try:
        found = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True, deduplicate=False
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on malformed pages
        raise SourceError(name, f"cannot be read as a web page ({type(exc).__name__}: {exc})") from exc
    # bare_extraction gives a dict only when asked to; anything but a Document is no article.
    page = found if isinstance(found, Page) else None
    text, paragraphs = (
        join_blocks(_blocks(page.body)) if page is not None and page.body is not None else ("", ())
    )
    if page is None or not text.strip():
        raise SourceError(
            name, "web page with no article text (navigation, sidebars and footers are not read)"
        )
    date = partial_date(page.date)
    meta = DocumentMeta(
        date=date,
        date_source="html" if date is not None else "unknown",
        title=page.title or None,
        outlet=page.sitename or page.hostname or None,
        url=page.url or None,
        language=page.language or _language(html),
    )
    return Extracted(text=text, encoding=encoding, meta=meta, paragraphs=paragraphs)


def _blocks(body: _Element) -> list[str]:
    """The main text as blocks: a paragraph, heading, quote or list item each; a table row each."""
    for lb in body.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    blocks: list[str] = []
    for el in body:
        if el.tag == "table":
            blocks += ["\t".join(_text(c) for c in row.iter("cell")) for row in el.iter("row")]
        elif el.tag == "list":
            blocks += [_text(item) for item in el.iter("item")]
        else:
            blocks.append(_text(el))
    return blocks


def _text(el: _Element) -> str:
    return " ".join(etree.tostring(el, method="text", encoding="unicode", with_tail=False).split())


def _language(html: str) -> str | None:
    m = _LANG_RE.search(html, 0, 4096)
    return m.group(1) if m else None


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """The page's declared charset if it decodes the bytes, else the text decoder's guess."""
    m = _CHARSET_RE.search(data[:4096])
    if m is not None:
        declared = m.group(1).decode("ascii", "replace").lower()
        codec = _SUPERSETS.get(declared, declared)
        try:
            canonical = codecs.lookup(codec).name
            if canonical not in ("utf-8", "utf-16"):
                return data.decode(codec), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: guess as for any text file
    return decode_bytes(name, data)
