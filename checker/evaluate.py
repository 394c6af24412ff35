"""Run the rules over what the store holds for the documents under the roots, into a Report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from checker.match import Fact, assess, group_claims
from checker.match.timeline import timelines
from checker.models import ClaimRef, Finding, Group, GroupStatus, ReadError, Report, RunInfo, Severity
from checker.roots import prefixes, under
from checker.rules.base import Rule, RuleContext
from checker.rules.engine import run_rules
from checker.store.base import Store
from checker.summary import document_summaries, metadata_errors, summarise
from checker.tracking import Acceptance, track

_STATUS_RANK = {"conflict": 0, "disputed": 1, "corroborated": 2, "single": 3}


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


def groups_of(facts: Sequence[Fact]) -> list[Group]:
    """Every fact with its status, conflicts first."""
    groups = [_group_model(fact, assess(fact).status) for fact in facts]
    groups.sort(key=lambda g: (_STATUS_RANK[g.status], g.subject))
    return groups


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
    """Run the rules over the stored claims and relations of the documents under `roots`."""
    wanted = prefixes(roots)
    docs = {p: d for p, d in store.documents().items() if under(p, wanted)}
    readable = [p for p, d in docs.items() if d.error is None]
    claims = store.claims(readable)
    dates = {p: d.meta.date for p, d in docs.items()}
    facts = group_claims(claims, dates)
    ctx = RuleContext(claims=claims, facts=facts, relations=store.relations(readable), dates=dates)
    findings, problems = run_rules(rules, ctx)
    findings += [
        Finding(rule="internal", severity=Severity.WARNING, message=problem, claims=[], fact="internal")
        for problem in problems
    ]
    resolved = track(findings, previous, accept)
    groups = groups_of(facts)
    errors = {e.path: e for e in read_errors}
    for path, d in docs.items():
        if d.error and path not in errors:
            errors[path] = ReadError(path=path, message=d.error)
    run.finished = datetime.now(UTC)
    return Report(
        run=run,
        summary=summarise(len(docs), len(claims), groups, findings, len(resolved)),
        documents=document_summaries(docs, errors),
        groups=groups,
        findings=findings,
        resolved=resolved,
        errors=sorted([*errors.values(), *metadata_errors(docs, errors.values())], key=lambda e: e.path),
        timelines=timelines(facts, dates),
    )
