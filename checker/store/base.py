"""The store interface every backend implements (SQLite, the embedded default, and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from checker.models import Claim, Document, DocumentMeta, Extraction, Finding, Relation, Report
from checker.models.reportjson import ReportJson


class StoredDocument(BaseModel):
    """What the store remembers of a document (its text and claims are fetched separately).

    Frozen: the same object stands for an unchanged row from one read to the next (`DocumentRows`).
    """

    model_config = ConfigDict(frozen=True)

    path: str
    sha256: str | None
    encoding: str | None = None
    size: int = 0
    mtime: float = 0.0
    extractor: str | None = None
    claims: int = 0
    error: str | None = None
    updated: datetime
    meta: DocumentMeta = Field(default_factory=DocumentMeta)


class DocumentRows:
    """`documents` rows read as models, an unchanged row as the model it gave last time.

    A service's every run reads every document's row (the sync, the evaluation); building 10,000 models
    from them was 0.15 s a read.  Only the last read's rows are kept: memory does not grow.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[Any, ...], StoredDocument] = {}

    def read(self, rows: Iterable[Sequence[Any]]) -> dict[str, StoredDocument]:
        made: dict[tuple[Any, ...], StoredDocument] = {}
        last = self._last
        for row in rows:
            key = tuple(row)
            made[key] = last.get(key) or stored_document(key)
        self._last = made
        return {d.path: d for d in made.values()}


def content_signature(sha256: str | None, extractor: str | None, meta: DocumentMeta) -> str:
    """What a document's claims and dates follow from: its content, the extractor and its metadata.

    Not when its row was written: a file touched but not changed, or read again, has the same claims.
    """
    return "\x1f".join([sha256 or "", extractor or "", meta.model_dump_json()])


@dataclass(frozen=True)
class Written:
    """A document a sync extracted and stored in this run: its signature as stored, and the extraction."""

    signature: str
    extraction: Extraction


def stored_document(row: Sequence[Any]) -> StoredDocument:
    """A `documents` row read as (path, sha256, encoding, size, mtime, extractor, error, updated, meta, claims)."""
    path, sha256, encoding, size, mtime, extractor, error, updated, meta, claims = row
    return StoredDocument(
        path=path, sha256=sha256, encoding=encoding, size=size, mtime=mtime, extractor=extractor, error=error,
        updated=updated, claims=claims, meta=DocumentMeta.model_validate_json(meta) if meta else DocumentMeta(),
    )  # fmt: skip


class RunRecord(BaseModel):
    """A finished run as the store remembers it."""

    id: int
    started: datetime
    finished: datetime | None = None
    trigger: str = "check"
    paths: list[str] = Field(default_factory=list)
    summary: dict[str, int] = Field(default_factory=dict)


class Store(Protocol):
    """What the pipeline needs from a store.  Every write is one transaction."""

    location: str

    def documents(self) -> dict[str, StoredDocument]:
        """Every known document by path."""
        ...

    def replace_document(self, document: Document, extraction: Extraction, extractor: str) -> None:
        """Store a (changed) document and replace all its claims and relations, atomically."""
        ...

    def replace_documents(self, batch: Sequence[tuple[Document, Extraction]], extractor: str) -> None:
        """Store several documents as `replace_document` does, in one transaction."""
        ...

    def touch_document(self, document: Document) -> None:
        """Remember a new size, mtime and metadata of a document whose text did not change."""
        ...

    def record_error(self, path: str, message: str) -> None:
        """Remember that a file could not be read; its old claims are retracted."""
        ...

    def remove_documents(self, paths: Iterable[str]) -> None:
        """Retract documents that are gone, with their claims."""
        ...

    def document_text(self, path: str) -> str | None:
        """The decoded text of a stored document, kept for the review page (rules never read it)."""
        ...

    def claims(self, paths: Iterable[str] | None = None) -> list[Claim]:
        """Claims of the given documents (all when None), in document and text order."""
        ...

    def relations(self, paths: Iterable[str] | None = None) -> list[Relation]:
        """Relations between the claims of the given documents (all when None)."""
        ...

    def start_run(self, trigger: str, paths: list[str]) -> int:
        """Open a run record and return its id."""
        ...

    def finish_run(self, run_id: int, report: Report, made: ReportJson | None = None) -> None:
        """Close the run, storing its report and findings (from `made`, its JSON, when the reports made it)."""
        ...

    def prune_runs(self, keep: int, paths: list[str] | None = None) -> None:
        """Forget all but the newest `keep` finished runs (of exactly these roots, when given)."""
        ...

    def last_run(self, paths: list[str] | None = None) -> RunRecord | None:
        """The newest finished run (over exactly these roots, when given)."""
        ...

    def last_report(self) -> Report | None:
        """The report of the newest finished run."""
        ...

    def findings(self, run_id: int, only: Collection[str] | None = None) -> list[Finding]:
        """The findings a run recorded that did not pass, in report order (`only`: of these fingerprints)."""
        ...

    def finding_heads(self, run_id: int) -> list[tuple[str, str]]:
        """The fingerprint and status of each finding `findings` gives, in report order (what the next run tracks)."""
        ...

    def kept(self, kind: str) -> dict[str, bytes]:
        """What earlier runs kept for later ones under `kind` (checker/kept.py), by key."""
        ...

    def keep(
        self, kind: str, new: Mapping[str, bytes], keep: Collection[str], gone: Collection[str] | None = None
    ) -> None:
        """Add `new` under `kind` and forget its other keys not in `keep`, in one transaction.

        `gone`: the keys to forget, when the caller knows them (what it kept last time and not now).
        """
        ...

    def close(self) -> None:
        """Release the connection."""
        ...
