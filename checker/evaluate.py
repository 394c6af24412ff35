"""Run the rules over what the store holds for the documents under the roots, into a Report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from checker.glossary import load_lexicon
from checker.incremental import Memo, evaluate_all, load
from checker.match.languages import link_languages
from checker.match.timeline import timelines
from checker.models import Finding, ReadError, Report, RunInfo, Severity
from checker.roots import prefixes, under
from checker.rules.base import Rule
from checker.store.base import Store
from checker.summary import document_summaries, metadata_errors, summarise
from checker.tracking import Acceptance, track


def evaluate(
    store: Store,
    roots: Sequence[Path],
    rules: Sequence[Rule],
    *,
    run: RunInfo,
    previous: Sequence[Finding] = (),
    read_errors: Sequence[ReadError] = (),
    accept: Acceptance | None = None,
    memo: Memo | None = None,
) -> Report:
    """Run the rules over the stored claims and relations of the documents under `roots`.

    With a `memo` of the last run over the same store, only what changed is evaluated again
    (checker/incremental.py); the report is the same.
    """
    wanted = prefixes(roots)
    docs = {p: d for p, d in store.documents().items() if under(p, wanted)}
    memo = memo or Memo()
    data = load(memo, store, {p: d for p, d in docs.items() if d.error is None})
    lexicon, glossary_errors = memo.lexicon(rules, load_lexicon)
    dates = {p: d.meta.date for p, d in docs.items()}
    outcome = evaluate_all(memo, rules, data, dates, lambda facts: link_languages(facts, lexicon))
    findings, problems, groups, facts = outcome.findings, outcome.problems, outcome.groups, outcome.facts
    findings += [
        Finding(rule="internal", severity=Severity.WARNING, message=problem, claims=[], fact="internal")
        for problem in problems
    ]
    resolved = track(findings, previous, accept)
    errors = {e.path: e for e in [*read_errors, *glossary_errors]}
    for path, d in docs.items():
        if d.error and path not in errors:
            errors[path] = ReadError(path=path, message=d.error)
    run.finished = datetime.now(UTC)
    return Report(
        run=run,
        summary=summarise(len(docs), len(data[0]), groups, findings, len(resolved)),
        documents=document_summaries(docs, errors),
        groups=groups,
        findings=findings,
        resolved=resolved,
        errors=sorted([*errors.values(), *metadata_errors(docs, errors.values())], key=lambda e: e.path),
        timelines=timelines(facts, dates),
    )
