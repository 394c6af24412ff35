"""Bring the store in line with the files under the corpus roots.

Only what changed is read, and only what was read anew is extracted: a file
with the same size and mtime, read by the same extractor, is skipped without
being opened; a file touched but unchanged is hashed but not extracted.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import SourceError
from checker.executors import Executor, Pending, SerialExecutor
from checker.extract import EXTRACTOR_VERSION
from checker.lazylog import logger
from checker.models import Document, ReadError
from checker.renames import adopt_renamed
from checker.roots import prefixes as roots_prefixes
from checker.roots import under, within_root
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped, real_roots, skip_reason, wanted
from checker.sources.metadata import describe
from checker.sources.metafiles import FolderNames, signature
from checker.sources.names import Names, display_path
from checker.store.base import Store, StoredDocument, Written, content_signature

Progress = Callable[[int, int], None]


@dataclass
class SyncResult:
    """What a sync did: documents (re)extracted, skipped as unchanged, removed, read and metadata errors."""

    extracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    notices: list[ReadError] = field(default_factory=list)
    skipped: list[ReadError] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    # Malformed metadata of documents read in this run (the report lists them from the stored metadata).
    metadata: list[ReadError] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)  # unchanged in text, their size, time or metadata noted
    # The documents as the store held them before the sync: as it holds them after, unless `wrote`.
    known: dict[str, StoredDocument] = field(default_factory=dict)
    # What this sync extracted and stored, by path: the evaluation takes it rather than read it back.
    written: dict[str, Written] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.extracted or self.removed or self.errors)

    @property
    def wrote(self) -> bool:
        """Whether the sync wrote to the store (else `known` is what it holds)."""
        return bool(self.changed or self.renamed or self.touched)


def sync(
    store: Store,
    roots: Sequence[Path],
    *,
    include: Iterable[str],
    exclude: Iterable[str],
    only: Iterable[Path] | None = None,
    progress: Progress | None = None,
    outputs: Sequence[Path] = (),
    outside_links: bool = False,
    executor: Executor | None = None,
) -> SyncResult:
    """Bring the store in line with the files under `roots`.

    With `only`, just those paths are looked at (the watch service's hint of
    what changed); otherwise every file under the roots is (a reconcile).
    Files under `outputs` (checker's own reports) are never corpus documents.
    Reading and deciding happen here; extraction runs in chunks on the
    `executor` (this process by default) while the next chunk is read, and
    this process alone writes the results to the store.
    """
    result = SyncResult()
    known = store.documents()
    result.known = dict(known)
    skipped: list[Skipped] = []
    on_disk, gone = _plan(
        roots, include=tuple(include), exclude=tuple(exclude), only=only, outputs=outputs, known=known,
        skipped=skipped, outside_links=outside_links,
    )  # fmt: skip
    result.skipped.extend(ReadError(path=display_path(s.path), message=s.reason) for s in skipped)
    result.renamed = adopt_renamed(store, gone, on_disk, known, EXTRACTOR_VERSION)
    gone = [p for p in gone if p not in result.renamed]
    if gone:
        store.remove_documents(gone)
        result.removed.extend(gone)
    executor = executor or SerialExecutor()
    try:
        _read_and_extract(store, on_disk, known, result, executor=executor, progress=progress)
    finally:
        executor.rest()
    return result


def _read_and_extract(
    store: Store,
    on_disk: dict[str, Path],
    known: dict[str, StoredDocument],
    result: SyncResult,
    *,
    executor: Executor,
    progress: Progress | None,
) -> None:
    """Read each file in path order; extract the changed ones in chunks, the next chunk read meanwhile."""
    total = len(on_disk)
    chunk: list[Document] = []
    running: tuple[list[Document], Pending] | None = None
    listing = FolderNames()
    for i, (name, path) in enumerate(sorted(on_disk.items()), 1):
        if progress:
            progress(i, total)
        document = _sync_one(store, name, path, known.get(name), result, listing=listing)
        if document is not None:
            chunk.append(document)
        if chunk and (len(chunk) >= executor.batch or i == total):
            submitted = (chunk, executor.submit(chunk))
            if running:
                _store_extractions(store, *running, result)
            running, chunk = submitted, []
    if running:
        _store_extractions(store, *running, result)


def _store_extractions(store: Store, documents: list[Document], pending: Pending, result: SyncResult) -> None:
    """Wait for a chunk's extractions and write them in one batch; a failed extraction is that file's error."""
    done = []
    for document, outcome in zip(documents, pending(), strict=True):
        if isinstance(outcome, str):
            _failed(store, document.path, outcome, result)
        else:
            done.append((document, outcome))
    store.replace_documents(done, EXTRACTOR_VERSION)
    result.extracted.extend(d.path for d, _ in done)
    for d, extraction in done:
        result.written[d.path] = Written(content_signature(d.sha256, EXTRACTOR_VERSION, d.meta), extraction)


def _plan(
    roots: Sequence[Path],
    *,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    only: Iterable[Path] | None,
    outputs: Sequence[Path],
    known: dict[str, StoredDocument],
    skipped: list[Skipped],
    outside_links: bool,
) -> tuple[dict[str, Path], list[str]]:
    """The files to look at (by stored name) and the stored documents that are gone."""
    own = [str(o.resolve()) for o in outputs]
    names = Names()

    def ours(path: Path) -> bool:
        full = names.real(path)
        return any(full == o or full.startswith(o.rstrip(os.sep) + os.sep) for o in own)

    if only is None:
        found = discover(roots, include, exclude, notes=skipped, outside_links=outside_links)
        on_disk = {names.display(p): p for p in found if not ours(p)}
        prefixes = roots_prefixes(roots)
        return on_disk, [p for p in known if p not in on_disk and under(p, prefixes)]
    on_disk, gone, real = {}, [], real_roots(roots)
    for p in only:
        name = display_path(p)
        why = skip_reason(p, real, outside_links=outside_links)
        rel = within_root(p, roots) if why is None else None
        if why is not None and not why.startswith("vanished"):
            skipped.append(Skipped(p, why))
        if why is None and rel is not None and not ours(p) and wanted(rel, include, exclude):
            on_disk[name] = p
        elif name in known:
            gone.append(name)
    return on_disk, gone


def fresh(stored: StoredDocument | None, path: Path, listing: FolderNames | None = None) -> bool:
    """Read fine before, by this extractor, the same size and mtime now, its metadata files unchanged."""
    if stored is None or stored.error is not None or stored.extractor != EXTRACTOR_VERSION:
        return False
    stat = path.stat()
    return (
        stored.size == stat.st_size
        and stored.mtime == stat.st_mtime
        and stored.meta.files == signature(path, listing)
    )


def _read(
    store: Store, name: str, path: Path, result: SyncResult, listing: FolderNames | None = None
) -> Document | None:
    """The document, or None when it vanished or could not be read (recorded as an error)."""
    try:
        document = describe(read_document(path, name), path, listing)
        result.metadata.extend(document.meta.problems)
        return document
    except FileNotFoundError:
        return None
    except SourceError as exc:
        if "vanished" in exc.problem:
            return None
        logger.bind(read_error=True).error("{}", exc)
        _failed(store, name, exc.problem, result)
        raise _Skip from None


class _Skip(Exception):
    """The document was dealt with (an error recorded): go on with the next."""


def _failed(store: Store, name: str, problem: str, result: SyncResult) -> None:
    result.errors.append(ReadError(path=name, message=problem))
    store.record_error(name, problem)


def _sync_one(
    store: Store,
    name: str,
    path: Path,
    stored: StoredDocument | None,
    result: SyncResult,
    *,
    listing: FolderNames,
) -> Document | None:
    """Read the file and settle what needs no extraction; the document to extract, or None."""
    try:
        if fresh(stored, path, listing):
            result.unchanged.append(name)
            return None
        document = _read(store, name, path, result, listing)
    except FileNotFoundError:
        document = None
    except _Skip:
        return None
    if document is None:
        # Deleted between the event (or the listing) and the read: it is simply gone.
        logger.warning("{}: vanished before it could be read; treated as deleted", name)
        if stored is not None:
            store.remove_documents([name])
            result.removed.append(name)
        return None
    if is_empty_text(document.text):
        # Stored as an error so every run (not just the first) names it.
        logger.bind(read_error=True).error("{}: {}", name, "empty file: no text to check")
        _failed(store, name, "empty file: no text to check", result)
        return None
    if document.encoding not in ("utf-8", "utf-8-sig"):
        result.notices.append(ReadError(path=name, message=f"decoded as {document.encoding.upper()}"))
    if (
        stored is not None
        and stored.sha256 == document.sha256
        and stored.extractor == EXTRACTOR_VERSION
        and stored.meta.same_as(document.meta)
    ):
        # Touched but not changed: keep the claims, remember the new mtime (and metadata bookkeeping).
        store.touch_document(document)
        result.unchanged.append(name)
        result.touched.append(name)
        return None
    return document
