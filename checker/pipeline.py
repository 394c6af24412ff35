"""The pipeline, top-down: sources → claims and relations → store → facts → rules → findings → report.

`sync` (checker/sync.py) brings the store in line with the disk, reading and
extracting only what changed; `evaluate` (checker/evaluate.py) runs the rules
over what is stored; `track` (checker/tracking.py) gives each finding its
status against the previous run.  `incremental` evaluates only what changed
since the last run over the same store object (checker/incremental.py).  `check` is one of each, recorded as a run.
The watch service calls the same steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from checker.evaluate import evaluate, keep
from checker.executors import Executor
from checker.incremental import Memo, memo_for
from checker.models import ReadError, Report, RunInfo
from checker.models.reportjson import ReportJson
from checker.renames import follow_renames
from checker.rules.base import Rule
from checker.sources.names import display_path
from checker.store.base import Store
from checker.sync import Progress, SyncResult, sync
from checker.tracking import NOTHING, Acceptance, Previous

__all__ = ["Acceptance", "Progress", "SyncResult", "check", "evaluate", "sync"]


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
    before_finish: Callable[[Report], ReportJson | None] | None = None,
    executor: Executor | None = None,
    incremental: bool = True,
    stands: Callable[[SyncResult], Report | None] | None = None,
) -> tuple[Report, SyncResult]:
    """One recorded run: sync the store, evaluate the rules, store the findings.

    The previous run is the last one over the same roots: on a shared store, another watcher's runs
    over other folders are not this one's history.  `stands`, given the sync, may answer with a report
    that stands (checker/standing.py): no run is then made.
    """
    names = [display_path(r) for r in roots]
    memo = memo_for(store) if incremental else None
    started = datetime.now(UTC)
    result = sync(
        store, roots, include=include, exclude=exclude, only=only, progress=progress, outputs=outputs,
        outside_links=outside_links, executor=executor,
    )  # fmt: skip
    if stands is not None and (standing := stands(result)) is not None:
        return standing, result
    previous = _previous(store, names, memo, result.renamed)
    run_id = store.start_run(trigger, names)
    run = RunInfo(id=run_id, started=started, paths=names, trigger=trigger)
    run.documents_read = len(result.extracted) + len(result.unchanged)
    run.documents_extracted = len(result.extracted)
    errors = [*result.errors, *result.skipped, *config_errors]
    report = evaluate(store, roots, rules, run=run, previous=previous, read_errors=errors, accept=accept,
                      memo=memo, written=result.written)  # fmt: skip
    # Reports first: a run whose reports failed is never recorded as finished (the store keeps their JSON).
    made = before_finish(report) if before_finish is not None else None
    if memo is not None:
        keep(memo, store, roots)
    store.finish_run(run_id, report, made)
    if memo is not None:
        memo.last_run = (run_id, report.findings)
    return report, result


def _previous(store: Store, names: list[str], memo: Memo | None, renamed: Mapping[str, str]) -> Previous:
    """The open findings of the last finished run over these roots (held when this process made it).

    From the store only their fingerprints and statuses are read, and in whole only those the run resolves.
    """
    run = store.last_run(names)
    if run is None:
        return NOTHING
    if memo is not None and memo.last_run is not None and memo.last_run[0] == run.id:
        previous = Previous.of(memo.last_run[1])
    else:
        previous = Previous(store.finding_heads(run.id), lambda gone: store.findings(run.id, gone))
    if not renamed:
        return previous
    return Previous.of(follow_renames(previous.whole({f for f, _ in previous.heads}), renamed))
