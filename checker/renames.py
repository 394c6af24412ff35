"""Moved and renamed documents: the same content under a new path keeps its claims and findings.

A folder rename looks, to a sync, like N documents gone and N new ones.  When a
new file has the content hash of a gone one, its stored claims move to the new
path instead (no re-extraction), and the previous run's findings are restated
under the new paths, so they persist instead of being N resolved and N new.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, MutableMapping, Sequence
from pathlib import Path

from checker.errors import ExtractError, SourceError
from checker.extract import extract
from checker.models import Finding
from checker.sources import read_document
from checker.sources.metadata import describe
from checker.store.base import Store, StoredDocument


def _candidates(
    gone: Iterable[str], known: Mapping[str, StoredDocument], version: str
) -> dict[tuple[int, str], str]:
    """(size, sha256) → path of every gone document whose stored claims are current."""
    found: dict[tuple[int, str], str] = {}
    for name in gone:
        doc = known.get(name)
        if doc is not None and doc.sha256 and doc.error is None and doc.extractor == version:
            found.setdefault((doc.size, doc.sha256), name)
    return found


def adopt_renamed(
    store: Store,
    gone: Sequence[str],
    on_disk: Mapping[str, Path],
    known: MutableMapping[str, StoredDocument],
    version: str,
) -> dict[str, str]:
    """Move the claims of gone documents to new files with the same content; return old → new.

    Only new files of a gone document's size are read (and hashed) here.  `known`
    is updated so the sync that follows sees the new paths as unchanged.
    """
    candidates = _candidates(gone, known, version)
    sizes = {size for size, _ in candidates}
    renamed: dict[str, str] = {}
    for new, path in sorted(on_disk.items()):
        if not candidates:
            break
        if new in known:
            continue
        try:
            if path.stat().st_size not in sizes:
                continue
            document = describe(read_document(path, new), path)
        except (OSError, SourceError):
            continue  # the sync reads it again and names the problem
        old = candidates.pop((document.size, document.sha256), None)
        if old is None:
            continue
        try:
            # Extraction is a pure function of the document: its claims and relations under the new path.
            extraction = extract(document)
        except ExtractError:
            continue  # the sync extracts it again and records the error
        store.replace_document(document, extraction, version)
        store.remove_documents([old])
        known[new] = known[old].model_copy(
            update={"path": new, "size": document.size, "mtime": document.mtime}
        )
        renamed[old] = new
    return renamed


def _fact_renamed(fact: str, renamed: Mapping[str, str]) -> str:
    """Rules name a document in a fact as "…@path" (optionally "#n" after it)."""
    for old, new in renamed.items():
        fact = re.sub(f"@{re.escape(old)}(?=#|$)", "@" + new.replace("\\", "\\\\"), fact)
    return fact


def follow_renames(findings: Sequence[Finding], renamed: Mapping[str, str]) -> list[Finding]:
    """The findings restated under the new paths, with the fingerprints they would have had there.

    A fingerprint is made of the rule, what the finding is about (its fact's key,
    or its claims' places in words) and the documents; a finding whose identity
    cannot be recomputed so is kept as it is.
    """
    if not renamed:
        return list(findings)
    moved: list[Finding] = []
    for f in findings:
        paths = [c.path for c in f.claims]
        identities = [f.fact, "+".join(sorted(c.key for c in f.claims))]
        about = next(
            (i for i in identities if Finding.make_fingerprint(f.rule, i, paths) == f.fingerprint), None
        )
        if not renamed.keys() & set(paths) or about is None:
            moved.append(f)
            continue
        claims = [c.model_copy(update={"path": renamed.get(c.path, c.path)}) for c in f.claims]
        fingerprint = Finding.make_fingerprint(f.rule, about, [c.path for c in claims])
        fact = _fact_renamed(f.fact, renamed)
        moved.append(f.model_copy(update={"claims": claims, "fact": fact, "fingerprint": fingerprint}))
    return moved
