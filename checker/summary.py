"""The counts at the top of a report and the list of documents with their dates and errors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from checker.models import DocumentSummary, Finding, Group, ReadError, Severity, Summary
from checker.store.base import StoredDocument

# A document's summary by path, with the stored row and the error it was made from.
Summaries = dict[str, tuple[StoredDocument, str | None, DocumentSummary]]


def document_summaries(
    docs: Mapping[str, StoredDocument], errors: Mapping[str, ReadError], kept: Summaries | None = None
) -> list[DocumentSummary]:
    """Each document as the report lists it, in path order.

    `kept`: the last run's summaries, replaced by this run's.  A document whose stored row is the object it
    was (store/base.py `DocumentRows`) and whose error is the same keeps its summary object: what is made of
    the report later (its JSON, the documents' pages) knows an unchanged document by identity.
    """
    out = []
    last = dict(kept or {})
    if kept is not None:
        kept.clear()
    for path, d in sorted(docs.items()):
        error = errors[path].message if path in errors else None
        hit = last.get(path)
        if hit is not None and hit[0] is d and hit[1] == error:
            out.append(hit[2])
            if kept is not None:
                kept[path] = hit
            continue
        meta = d.meta
        out.append(
            DocumentSummary(
                path=path,
                claims=d.claims,
                sha256=d.sha256,
                encoding=d.encoding,
                date=meta.date.iso() if meta.date else None,
                date_source=meta.date_source,
                title=meta.title,
                outlet=meta.outlet,
                url=meta.url,
                language=meta.language,
                errors=[error] if error is not None else [],
            )
        )
        if kept is not None:
            kept[path] = (d, error, out[-1])
    return out


def metadata_errors(docs: Mapping[str, StoredDocument], listed: Iterable[ReadError]) -> list[ReadError]:
    """Malformed metadata of the stored documents, each once, and none already `listed`."""
    seen = {(e.path, e.message, e.line) for e in listed}
    out = []
    for _, d in sorted(docs.items()):
        for problem in d.meta.problems:
            key = (problem.path, problem.message, problem.line)
            if key not in seen:
                seen.add(key)
                out.append(problem)
    return out


def summarise(
    documents: int, claims: int, groups: Sequence[Group], findings: Sequence[Finding], resolved: int
) -> Summary:
    """The summary counts; accepted findings count apart from the open ones."""
    statuses = Counter(g.status for g in groups)
    severities: Counter[Severity] = Counter()
    tracked: Counter[str] = Counter()
    passed = accepted = 0
    for f in findings:
        if f.passed:
            passed += 1
            accepted += f.status == "accepted"
        elif f.status == "accepted":
            accepted += 1
        else:
            severities[f.severity] += 1
            tracked[f.status] += 1
    return Summary(
        documents=documents,
        claims=claims,
        groups=sum(len(g.documents) > 1 for g in groups),
        corroborated=statuses["corroborated"],
        conflicts=statuses["conflict"],
        errors=severities[Severity.ERROR],
        warnings=severities[Severity.WARNING],
        infos=severities[Severity.INFO],
        checks_passed=passed,
        new=tracked["new"],
        persisting=tracked["persisting"],
        resolved=resolved,
        accepted=accepted,
    )
