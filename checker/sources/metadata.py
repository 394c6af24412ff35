"""Every document's metadata: date (with where it came from), outlet, title, URL, language.

Sources, highest first: YAML front matter; a sidecar ``NAME.meta.yml``; the
folder's manifest (``sources.csv`` / ``sources.yml``); what the format's reader
already put in ``Document.meta`` (HTML, PDF, Word); a date in the file name;
a date line or dateline in the first lines.  Each field comes from the
highest source that gives it; a lower source's date may only refine a higher
one (the file name's year, the dateline's day of that year).  A malformed
date is one problem naming the file and the field, and the next source's date
is used.  The front matter is blanked out of the text (same length, same line
breaks), so offsets stay those of the file and no figure is read from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final

from checker.models import DateSource, Document, DocumentMeta, PartialDate, ReadError
from checker.sources import datelines, frontmatter, metafiles
from checker.sources.dates import FORMS, parse_date, refines

_TEXT_FIELDS: Final[dict[str, str]] = {
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "publication": "outlet",
    "title": "title", "headline": "title",
    "url": "url", "link": "url",
    "language": "language", "lang": "language",
}  # fmt: skip
_DATE_KEYS: Final[tuple[str, ...]] = ("date", "published", "pubdate")
_FRONT_MATTER_SUFFIXES: Final[tuple[str, ...]] = (".txt", ".md", ".markdown", ".text")
_READER_SOURCES: Final[frozenset[str]] = frozenset({"html", "pdf", "docx"})
_CJK: Final = re.compile("[\u4e00-\u9fff]")
_LATIN: Final = re.compile("[A-Za-z]")  # ASCII letters: str.isascii() and str.isalpha()


@dataclass
class _Layer:
    """What one source says of the document."""

    source: DateSource
    date: PartialDate | None = None
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class _Where:
    """The file a layer's values were read from, for error messages."""

    name: str
    line: int | None = None
    entry: str = ""


def _layer(source: DateSource, data: dict[str, Any], where: _Where, problems: list[ReadError]) -> _Layer:
    """A source's values, its malformed ones named in `problems` and dropped."""
    out = _Layer(source)
    for key, value in data.items():
        low = str(key).strip().lower()
        if low in _DATE_KEYS and out.date is None and value not in (None, ""):
            try:
                out.date = parse_date(value)
            except ValueError as exc:
                _problem(problems, where, low, f"{value!r} is not a date ({exc}); write {FORMS}")
        elif low in _TEXT_FIELDS and value not in (None, ""):
            if isinstance(value, (dict, list)):
                _problem(problems, where, low, "must be text, not a list or mapping")
                continue
            out.fields.setdefault(_TEXT_FIELDS[low], str(value).strip())
    return out


def _problem(problems: list[ReadError], where: _Where, key: str, what: str) -> None:
    entry = f" of the entry for {where.entry}" if where.entry else ""
    tail = "; the next source's date is used" if key in _DATE_KEYS else ""
    problems.append(
        ReadError(path=where.name, line=where.line, message=f"field '{key}'{entry}: {what}{tail}")
    )


def _beside(document: Document, meta_file: Path) -> str:
    """The display name of a metadata file next to the document."""
    return (PurePosixPath(document.path).parent / meta_file.name).as_posix()


def _front_matter(document: Document, path: Path, problems: list[ReadError]) -> tuple[str, _Layer | None]:
    if path.suffix.lower() not in _FRONT_MATTER_SUFFIXES:
        return document.text, None
    found = frontmatter.split_front_matter(document.text)
    if not found.found:
        return document.text, None
    if found.problem:
        problems.append(ReadError(path=document.path, line=found.line, message=found.problem))
    line = frontmatter.key_line(
        document.text, next((k for k in found.data if k.lower() in _DATE_KEYS), "date")
    )
    return found.text, _layer("front matter", found.data, _Where(document.path, line), problems)


def _from_file(
    document: Document, meta_file: Path, key: str, source: DateSource, problems: list[ReadError]
) -> _Layer | None:
    """The entry for `key` ("" for a sidecar's one entry) in a sidecar or manifest, if there is one."""
    loaded = metafiles.load(meta_file)
    if loaded is None:
        return None
    name = _beside(document, meta_file)
    if loaded.problem:
        problems.append(ReadError(path=name, line=loaded.line, message=loaded.problem))
        return None
    entry = loaded.entries.get(key)
    if entry is None:
        return None
    return _layer(source, entry.data, _Where(name, entry.line, key), problems)


def _external(
    document: Document, path: Path, problems: list[ReadError], listing: metafiles.FolderNames | None
) -> list[_Layer]:
    """The sidecar's layer (the most specific existing one), then the manifest's."""
    layers: list[_Layer] = []
    if metafiles.none_listed(path, listing):
        return layers
    for sidecar in metafiles.listed(metafiles.sidecars_of(path), listing):
        layer = _from_file(document, sidecar, "", "sidecar", problems)
        if layer is not None or metafiles.load(sidecar) is not None:
            if layer is not None:
                layers.append(layer)
            break
    for manifest in metafiles.listed(metafiles.manifests_of(path), listing):
        layer = _from_file(document, manifest, path.name, "manifest", problems)
        if layer is not None:
            layers.append(layer)
            break
    return layers


def _reader(meta: DocumentMeta) -> _Layer:
    """What a format's reader already found (kept unless a higher source overrides it)."""
    source: DateSource = meta.date_source if meta.date_source in _READER_SOURCES else "unknown"
    fields = {k: v for k in ("outlet", "title", "url", "language") if (v := getattr(meta, k))}
    return _Layer(source, meta.date if source != "unknown" else None, fields)


def _language(text: str) -> str | None:
    """The language ("zh" or "en") when the text plainly is one; a sample is enough."""
    sample = text[:4000]
    cjk = _CJK.subn("", sample)[1]  # counted without a list of every match
    latin = _LATIN.subn("", sample)[1]
    if cjk >= 4 and cjk * 3 >= latin:
        return "zh"
    if latin >= 30 and cjk * 20 < latin:
        return "en"
    return None


def _merge(layers: list[_Layer]) -> tuple[PartialDate | None, DateSource, dict[str, str]]:
    date: PartialDate | None = None
    source: DateSource = "unknown"
    fields: dict[str, str] = {}
    for layer in layers:
        if layer.date is not None and (date is None or refines(date, layer.date)):
            date, source = layer.date, layer.source
        for key, value in layer.fields.items():
            fields.setdefault(key, value)
    return date, source, fields


def describe(document: Document, path: Path, listing: metafiles.FolderNames | None = None) -> Document:
    """The document with its metadata from every source, the front matter blanked out of its text.

    `listing` (of a pass over many files) spares looking up metadata files its folders do not hold.
    """
    problems: list[ReadError] = []
    files = metafiles.signature(path, listing)
    text, front = _front_matter(document, path, problems)
    layers = [front] if front is not None else []
    layers += [*_external(document, path, problems, listing), _reader(document.meta)]
    named = datelines.from_file_name(path.name)
    if named is not None:
        layers.append(_Layer("file name", named))
    year = next((layer.date.year for layer in layers if layer.date is not None), None)
    dated = datelines.from_dateline(text, year)
    if dated is not None:
        layers.append(_Layer("dateline", dated))
    date, source, fields = _merge(layers)
    meta = DocumentMeta(
        date=date,
        date_source=source,
        outlet=fields.get("outlet"),
        title=fields.get("title"),
        url=fields.get("url"),
        language=fields.get("language") or _language(text),
        problems=tuple(problems),
        files=files,
    )
    return document.model_copy(update={"text": text, "meta": meta})
