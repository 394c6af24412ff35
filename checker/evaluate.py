"""Run the rules over what the store holds for the documents under the roots, into a Report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from checker import kept
from checker.glossary import load_lexicon
from checker.incremental import Memo, evaluate_all
from checker.loading import load
from checker.match.timeline import timelines
from checker.models import Finding, ReadError, Report, RunInfo, Severity
from checker.roots import only_under, prefixes
from checker.rules.base import Rule
from checker.store.base import Store, StoredDocument, Written
from checker.summary import document_summaries, metadata_errors, summarise
from checker.tracking import NOTHING, Acceptance, Previous, track


def evaluate(
    store: Store,
    roots: Sequence[Path],
    rules: Sequence[Rule],
    *,
    run: RunInfo,
    previous: Previous = NOTHING,
    read_errors: Sequence[ReadError] = (),
    accept: Acceptance | None = None,
    memo: Memo | None = None,
    written: Mapping[str, Written] | None = None,
) -> Report:
    """Run the rules over the stored claims and relations of the documents under `roots`.

    With a `memo` of the last run over the same store, only what changed is evaluated again
    (checker/incremental.py), and what an earlier process evaluated is taken from the store
    (checker/kept.py); the report is the same.  What this run evaluated is kept for the next process
    by `keep`, once the reports are out.  `written`: what this run's sync stored (not read back).
    """
    wanted = prefixes(roots)
    docs = _under(store.documents(), wanted)
    roots_ = sorted(wanted)
    if memo is not None:
        _recall(memo, store, rules, roots_)
    memo = memo or Memo()
    data = load(memo, store, {p: d for p, d in docs.items() if d.error is None}, written)
    lexicon, glossary_errors = memo.lexicon(rules, load_lexicon)
    dates = {p: d.meta.date for p, d in docs.items()}
    outcome = evaluate_all(memo, rules, data, dates, memo.linker(lexicon).link)
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
        summary=summarise(len(docs), len(data.claims), groups, findings, len(resolved)),
        documents=document_summaries(docs, errors, memo.summaries),
        groups=groups,
        findings=findings,
        resolved=resolved,
        errors=sorted([*errors.values(), *metadata_errors(docs, errors.values())], key=lambda e: e.path),
        timelines=timelines(facts, dates, memo.lines),
    )


def _under(documents: dict[str, StoredDocument], wanted: tuple[str, ...]) -> dict[str, StoredDocument]:
    inside = only_under(documents, wanted)
    return {p: d for p, d in documents.items() if p in inside}


def _recall(memo: Memo, store: Store, rules: Sequence[Rule], roots: list[str]) -> None:
    """Start from the units an earlier process kept, unless this memo already holds them for these rules."""
    salt = kept.salt(rules)
    if salt != memo.salt:
        memo.salt, memo.kept = salt, store.kept(kept.kind("units", roots))
    if not memo.fact_rows:
        memo.kept_facts = store.kept(kept.kind("facts", roots))


def keep(memo: Memo, store: Store, roots: Sequence[Path]) -> None:
    """Write what the memo's last evaluation evaluated for the next process, and forget kept units gone since.

    Called after the run's reports are written, not inside `evaluate`: a reader of the reports does not
    wait for it (a change to a fact held by half of 10,000 documents encodes its unit's 1,900 findings,
    90 ms).  A run stopped before it loses nothing but rows a later process would have reused.
    """
    if memo.salt:
        names = sorted(prefixes(roots))
        new = {
            d: kept.encode(u.found, u.problems, u.claims, [g.status for g in u.groups])
            for d, u in memo.judged.items()
        }
        # The rows this memo kept last time and not now are dropped; the first time, all others not used.
        units, facts = {u.digest for u in memo.units.values()}, set(memo.fact_rows.values())
        where = tuple(names)
        last = memo.kept_rows.get(where)
        store.keep(kept.kind("units", names), new, units, last[0] - units if last else None)
        grouped = {d: kept.encode_facts(fs) for d, fs in memo.grouped.items()}
        store.keep(kept.kind("facts", names), grouped, facts, last[1] - facts if last else None)
        memo.kept_rows[where] = (units, facts)
        memo.kept = memo.kept_facts = {}  # carried in the memo from now on
