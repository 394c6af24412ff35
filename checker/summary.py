"""The counts at the top of a report and the list of documents with their dates and errors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from checker.models import DocumentSummary, Finding, Group, ReadError, Severity, Summary
from checker.store.base import StoredDocument


def document_summaries(
    docs: Mapping[str, StoredDocument], errors: Mapping[str, ReadError]
) -> list[DocumentSummary]:
    """Each document as the report lists it, in path order."""
    out = []
    for path, d in sorted(docs.items()):
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
                errors=[errors[path].message] if path in errors else [],
            )
        )
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
    open_findings = [f for f in findings if not f.passed and f.status != "accepted"]
    return Summary(
        documents=documents,
        claims=claims,
        groups=sum(1 for g in groups if len(g.documents) > 1),
        corroborated=sum(1 for g in groups if g.status == "corroborated"),
        conflicts=sum(1 for g in groups if g.status == "conflict"),
        errors=sum(1 for f in open_findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in open_findings if f.severity is Severity.WARNING),
        infos=sum(1 for f in open_findings if f.severity is Severity.INFO),
        checks_passed=sum(1 for f in findings if f.passed),
        new=sum(1 for f in open_findings if f.status == "new"),
        persisting=sum(1 for f in open_findings if f.status == "persisting"),
        resolved=resolved,
        accepted=sum(1 for f in findings if f.status == "accepted"),
    )
