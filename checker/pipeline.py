"""The pipeline, top-down: sources → claims → store → facts → rules → findings → report.

`sync` brings the store in line with the disk (reading and extracting only
what changed); `evaluate` runs the rules over what is stored.  `check` is one
of each, recorded as a run.  The watch service calls the same two steps.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

from loguru import logger

from checker.errors import SourceError
from checker.extract import extract
from checker.match import Fact, group_claims
from checker.models import (
    Claim,
    ClaimRef,
    DocumentSummary,
    Finding,
    Group,
    GroupStatus,
    ReadError,
    Report,
    RunInfo,
    Severity,
    Summary,
)
from checker.renames import adopt_renamed, follow_renames
from checker.rules.agree import assess
from checker.rules.base import Rule, RuleContext
from checker.rules.engine import run_rules
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped, display_path, real_roots, skip_reason, wanted
from checker.store.base import Store

Progress = Callable[[int, int], None]
# Given a finding, the reason a reviewer accepted it, or None.
Acceptance = Callable[[Finding], str | None]


@cache
def extractor_version() -> str:
    """A digest of the extractor's code: stored claims from other code are stale."""
    digest = hashlib.sha256()
    package = resources.files("checker.extract")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(name.encode())
        digest.update(package.joinpath(name).read_bytes())
    units = resources.files("checker").joinpath("units.py")
    if units.is_file():
        digest.update(units.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class SyncResult:
    """What a sync did: documents (re)extracted, skipped as unchanged, removed, and read errors."""

    extracted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    notices: list[ReadError] = field(default_factory=list)
    skipped: list[ReadError] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.extracted or self.removed or self.errors)


def _prefixes(roots: Sequence[Path]) -> tuple[str, ...]:
    """Each root as an absolute path, as given and with links resolved."""
    return tuple({p for root in roots for p in (os.path.abspath(root), str(root.resolve()))})


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    # Stored paths were resolved when they were made (display_path), so abspath
    # is enough here: no file-system call per document on every run.
    full = os.path.abspath(path)
    return any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in prefixes)


def _within_root(path: Path, roots: Sequence[Path]) -> Path | None:
    """`path` relative to the root it lies under (None if under none).

    Exclude globs apply below the root only: a corpus may itself live in a
    hidden folder (~/.data/corpus) without every file in it being excluded.
    """
    full = path.resolve()
    for root in roots:
        r = root.resolve()
        if full == r:
            return Path(path.name)
        if full.is_relative_to(r):
            return full.relative_to(r)
    return None


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
) -> SyncResult:
    """Bring the store in line with the files under `roots`.

    With `only`, just those paths are looked at (the watch service's hint of
    what changed); otherwise every file under the roots is (a reconcile).
    Files under `outputs` (checker's own reports) are never corpus documents.
    """
    include, exclude = tuple(include), tuple(exclude)
    own = [o.resolve() for o in outputs]

    def ours(path: Path) -> bool:
        full = path.resolve()
        return any(full == o or full.is_relative_to(o) for o in own)

    result = SyncResult()
    known = store.documents()
    version = extractor_version()
    skipped: list[Skipped] = []
    if only is None:
        found = discover(roots, include, exclude, notes=skipped, outside_links=outside_links)
        on_disk = {display_path(p): p for p in found if not ours(p)}
        prefixes = _prefixes(roots)
        gone = [p for p in known if p not in on_disk and _under(p, prefixes)]
    else:
        on_disk, gone, real = {}, [], real_roots(roots)
        for p in only:
            name = display_path(p)
            why = skip_reason(p, real, outside_links=outside_links)
            rel = _within_root(p, roots) if why is None else None
            if why is not None and not why.startswith("vanished"):
                skipped.append(Skipped(p, why))
            if why is None and rel is not None and not ours(p) and wanted(rel, include, exclude):
                on_disk[name] = p
            elif name in known:
                gone.append(name)
    result.skipped.extend(ReadError(path=display_path(s.path), message=s.reason) for s in skipped)
    result.renamed = adopt_renamed(store, gone, on_disk, known, version)
    gone = [p for p in gone if p not in result.renamed]
    if gone:
        store.remove_documents(gone)
        result.removed.extend(gone)

    total = len(on_disk)
    for i, (name, path) in enumerate(sorted(on_disk.items()), 1):
        if progress:
            progress(i, total)
        stored = known.get(name)
        try:
            stat = path.stat()
            if (
                stored is not None
                and stored.error is None
                and stored.extractor == version
                and stored.size == stat.st_size
                and stored.mtime == stat.st_mtime
            ):
                result.unchanged.append(name)
                continue
            document = read_document(path, name)
        except FileNotFoundError:
            document = None
        except SourceError as exc:
            if "vanished" in exc.problem:
                document = None
            else:
                logger.bind(read_error=True).error("{}", exc)
                result.errors.append(ReadError(path=name, message=exc.problem))
                store.record_error(name, exc.problem)
                continue
        if document is None:
            # Deleted between the event (or the listing) and the read: it is simply gone.
            logger.warning("{}: vanished before it could be read; treated as deleted", name)
            if stored is not None:
                store.remove_documents([name])
                result.removed.append(name)
            continue
        if is_empty_text(document.text):
            # Stored as an error so every run (not just the first) names it.
            problem = "empty file: no text to check"
            logger.bind(read_error=True).error("{}: {}", name, problem)
            result.errors.append(ReadError(path=name, message=problem))
            store.record_error(name, problem)
            continue
        if document.encoding not in ("utf-8", "utf-8-sig"):
            result.notices.append(ReadError(path=name, message=f"decoded as {document.encoding.upper()}"))
        if stored is not None and stored.sha256 == document.sha256 and stored.extractor == version:
            # Touched but not changed: keep the claims, remember the new mtime.
            store.replace_document(document, store.claims([name]), version)
            result.unchanged.append(name)
            continue
        claims = extract(document)
        store.replace_document(document, claims, version)
        result.extracted.append(name)
    return result


def _group_model(fact: Fact, status: GroupStatus) -> Group:
    return Group(
        key=fact.key,
        subject=fact.label(),
        unit=fact.unit,
        measure=fact.measure,
        time_scope=str(fact.year) if fact.year is not None else None,
        status=status,
        documents=fact.documents,
        claims=[ClaimRef.of(c) for c in fact.claims],
    )


def evaluate(
    store: Store,
    roots: Sequence[Path],
    rules: Sequence[Rule],
    *,
    run: RunInfo,
    previous: Sequence[Finding] = (),
    read_errors: Sequence[ReadError] = (),
    accept: Acceptance | None = None,
) -> Report:
    """Run the rules over the stored claims of the documents under `roots`."""
    prefixes = _prefixes(roots)
    docs = {p: d for p, d in store.documents().items() if _under(p, prefixes)}
    claims: list[Claim] = store.claims(p for p, d in docs.items() if d.error is None)
    facts = group_claims(claims)
    ctx = RuleContext(claims=claims, facts=facts, text_of=store.document_text)
    findings, problems = run_rules(rules, ctx)
    for problem in problems:
        findings.append(
            Finding(rule="internal", severity=Severity.WARNING, message=problem, claims=[], fact="internal")
        )

    # An accepted finding whose claims changed is no longer accepted: it is news again.
    before = {f.fingerprint for f in previous if not f.passed and f.status != "accepted"}
    now = {f.fingerprint for f in findings}
    for f in findings:
        if f.passed:
            continue
        reason = accept(f) if accept else None
        if reason is not None:
            f.status, f.accepted_reason = "accepted", reason
        else:
            f.status = "persisting" if f.fingerprint in before else "new"
    resolved = [f for f in previous if not f.passed and f.fingerprint not in now]

    groups = []
    for fact in facts:
        status = assess(fact).status
        groups.append(_group_model(fact, status))
    status_rank = {"conflict": 0, "disputed": 1, "corroborated": 2, "single": 3}
    groups.sort(key=lambda g: (status_rank[g.status], g.subject))

    errors = {e.path: e for e in read_errors}
    for path, d in docs.items():
        if d.error and path not in errors:
            errors[path] = ReadError(path=path, message=d.error)
    summaries = [
        DocumentSummary(
            path=path,
            claims=d.claims,
            sha256=d.sha256,
            encoding=d.encoding,
            errors=[errors[path].message] if path in errors else [],
        )
        for path, d in sorted(docs.items())
    ]
    open_findings = [f for f in findings if not f.passed and f.status != "accepted"]
    summary = Summary(
        documents=len(docs),
        claims=len(claims),
        groups=sum(1 for g in groups if len(g.documents) > 1),
        corroborated=sum(1 for g in groups if g.status == "corroborated"),
        conflicts=sum(1 for g in groups if g.status == "conflict"),
        errors=sum(1 for f in open_findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in open_findings if f.severity is Severity.WARNING),
        infos=sum(1 for f in open_findings if f.severity is Severity.INFO),
        checks_passed=sum(1 for f in findings if f.passed),
        new=sum(1 for f in open_findings if f.status == "new"),
        persisting=sum(1 for f in open_findings if f.status == "persisting"),
        resolved=len(resolved),
        accepted=sum(1 for f in findings if f.status == "accepted"),
    )
    run.finished = datetime.now(UTC)
    return Report(
        run=run,
        summary=summary,
        documents=summaries,
        groups=groups,
        findings=findings,
        resolved=resolved,
        errors=sorted(errors.values(), key=lambda e: e.path),
    )


def check(
    store: Store,
    roots: Sequence[Path],
    rules: Sequence[Rule],
    *,
    include: Iterable[str],
    exclude: Iterable[str],
    trigger: str = "check",
    only: Iterable[Path] | None = None,
    progress: Progress | None = None,
    accept: Acceptance | None = None,
    outputs: Sequence[Path] = (),
    config_errors: Sequence[ReadError] = (),
    outside_links: bool = False,
    before_finish: Callable[[Report], object] | None = None,
) -> tuple[Report, SyncResult]:
    """One recorded run: sync the store, evaluate the rules, store the findings."""
    names = [display_path(r) for r in roots]
    previous_run = store.last_run()
    previous = store.findings(previous_run.id) if previous_run else []
    run_id = store.start_run(trigger, names)
    run = RunInfo(id=run_id, started=datetime.now(UTC), paths=names, trigger=trigger)
    result = sync(
        store, roots, include=include, exclude=exclude, only=only, progress=progress, outputs=outputs,
        outside_links=outside_links,
    )  # fmt: skip
    previous = follow_renames(previous, result.renamed)
    run.documents_read = len(result.extracted) + len(result.unchanged)
    run.documents_extracted = len(result.extracted)
    report = evaluate(
        store,
        roots,
        rules,
        run=run,
        previous=previous,
        read_errors=[*result.errors, *result.skipped, *config_errors],
        accept=accept,
    )
    if before_finish is not None:
        # The reports are written first: a run whose reports failed is never recorded as finished.
        before_finish(report)
    store.finish_run(run_id, report)
    return report, result
