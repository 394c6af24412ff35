"""One checker over one corpus: settings, store, rules and baseline, and a run.

`checker check` makes one run; `checker watch` keeps one of these and calls
`run` for each batch of changes.  Both write the same reports the same way.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.baseline import Baseline, baseline_path
from checker.config import Settings
from checker.errors import ReportError
from checker.executors import make_executor, worker_count
from checker.extract.version import EXTRACTOR_VERSION
from checker.gcpause import paused_gc
from checker.incremental import memo_for
from checker.models import Claim, FactSheetInfo, Finding, ReadError, Report
from checker.models.reportjson import KeptJson, ReportJson
from checker.pipeline import Progress, SyncResult, check
from checker.report.docfiles import record_pages, start_pages
from checker.report.docpages import KeptPages
from checker.report.html import PageData, page_language, render_html, render_index
from checker.report.keptfragments import rendered
from checker.report.runindex import RunEntry, dump, updated
from checker.report.writer import WRITERS, Writer, atomic_write, run_stamp, write_reports
from checker.rules.base import Rule
from checker.sources.names import display_path
from checker.standing import Stand, report_files
from checker.store import Store, open_store
from checker.store.faults import store_failure


@dataclass
class RunOutcome:
    """A finished run: the report, what the sync did, and the files written."""

    report: Report
    sync: SyncResult
    written: dict[str, Path]
    # Nothing changed: `report` is the last run's (checker/standing.py) and no run was recorded.
    stood: bool = False
    # The line format asked for (Checker.run's `output`), printed; a report that stood then has no findings.
    printed: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        """Whether an error finding is open (a report that stands counts them in its summary)."""
        return self.report.summary.errors > 0 if self.stood else self.report.has_errors


class Checker:
    """Settings, an open store and loaded rules for one corpus."""

    def __init__(
        self,
        settings: Settings,
        rules: Sequence[Rule],
        rule_errors: Sequence[str] = (),
        *,
        one_run: bool = False,
        carry: bool | None = None,
    ) -> None:
        """Open the store for `settings`; `one_run`: the process ends after one run (a command).

        `carry`: this Checker will run again, so it keeps what its next run can reuse (by default,
        unless `one_run`; the API makes one run in a process that goes on, and carries nothing).
        """
        self.settings = settings
        # The process ends after one run (a command): its objects are never walked by the collector.
        self.one_run = one_run
        carry = not one_run if carry is None else carry
        self.rules = list(rules)
        self.rule_errors = list(rule_errors)
        self.store: Store = open_store(settings.store)
        self.executor = make_executor(settings.executor, settings.jobs, settings.dask_scheduler)
        self.baseline: Baseline | None = None
        # What the next run may take from this one's reports; a Checker of one run keeps nothing.
        self.kept_json = KeptJson() if carry else None
        self.kept_pages = KeptPages() if carry else None
        # Its first split indexed (its first edit does not wait), its rules' judgements kept for their units' heirs.
        memo = memo_for(self.store)
        memo.regions.eager = memo.recalls = carry
        # What the first run of a Checker that carries builds (the memo: millions of objects at 10,000
        # documents) lives as long as the process; see `run`.
        self._freeze_next = carry

    def run(
        self,
        roots: Sequence[Path],
        *,
        trigger: str = "check",
        only: Iterable[Path] | None = None,
        write: bool = True,
        progress: Progress | None = None,
        reuse: bool = False,
        output: str | None = None,
    ) -> RunOutcome:
        """Sync the store with the disk, evaluate the rules, write the reports.

        `reuse`: a run whose inputs are the last run's is not made again (checker/standing.py: `stood`).
        `output` names the line format the caller prints: `printed` has it (a report that stood has no findings).
        """
        # Read for every run, not once per Checker: `checker accept` may have edited it since.
        baseline = baseline_path(self.settings.baseline, roots)
        self.baseline = Baseline.load(baseline)
        written: dict[str, Path] = {}
        stand = Stand(
            self.store, self.settings, self.rules, self.rule_errors, roots, baseline, reuse, write, output
        )

        def publish(report: Report) -> ReportJson | None:
            # Before the report is written and stored: every output can cite the fact sheets.
            report.fact_sheets = fact_sheets(self.rules, self.settings.rules)
            if not write:
                return None
            made = ReportJson(report, self.kept_json)
            written.update(self._write(report, made))
            return made

        try:
            # A run makes and drops millions of models that hold no cycles: every full collection in it walked
            # all the memo's objects again (at 10,000 documents, 4-9 s of a 40 s edit in the service).  The
            # collector catches up on this run's objects after it, once, off the path to the reports.
            with paused_gc(leave=self._leaves_frozen()):
                # A service's run over what changed digests nothing: the next full check digests its own inputs.
                stands = stand if only is None else None
                report, result = self._check(roots, trigger, only, progress, publish=publish, stands=stands)
                if stand.report is not None:
                    files = report_files(self.settings.reports) if write else {}
                    return RunOutcome(report, result, files, True, stand.printed)
                stand.keep(report)
                # Only this corpus's runs: on a shared store other watchers keep their own history.
                self.store.prune_runs(self.settings.retention, report.run.paths)
        except sqlite3.Error as exc:
            raise store_failure(self.settings.store, exc) from exc
        return RunOutcome(report=report, sync=result, written=written, printed=stand.printed)

    def _leaves_frozen(self) -> bool:
        """Whether what exists when this run ends is frozen out of every later collection (gc.freeze).

        A command's one run: the process ends soon.  The first run of a Checker that carries: what it
        built (the memo) lives as long as the process, and the catch-up walked it twice, 1-2.6 s at
        10,000 documents that the service's first change waited for.  It held 402 objects in cycles
        (leaked, once); an edit's run none.
        """
        freeze, self._freeze_next = self.one_run or self._freeze_next, False
        return freeze

    def _check(
        self,
        roots: Sequence[Path],
        trigger: str,
        only: Iterable[Path] | None,
        progress: Progress | None,
        *,
        publish: Callable[[Report], ReportJson | None],
        stands: Callable[[SyncResult], Report | None] | None,
    ) -> tuple[Report, SyncResult]:
        return check(
            self.store,
            roots,
            self.rules,
            include=self.settings.include,
            exclude=self.settings.exclude,
            trigger=trigger,
            only=only,
            progress=progress,
            accept=self.accepted,
            outputs=[self.settings.reports],
            config_errors=[_as_read_error(message) for message in self.rule_errors],
            outside_links=self.settings.follow_outside_links,
            before_finish=publish,
            executor=self.executor,
            stands=stands,
        )

    def _write(self, report: Report, made: ReportJson) -> dict[str, Path]:
        """The documents' pages (large corpora), latest.{json,md,html} and the run copies, the index."""
        folder, keep = self.settings.reports, self.settings.retention
        stamp = run_stamp(report)
        runs = updated(folder, report, stamp, keep)
        plan, pages = None, None
        try:
            if len(report.documents) > self.settings.document_pages_above:
                plan, _, pages = start_pages(
                    folder,
                    report,
                    self._texts_and_claims,
                    EXTRACTOR_VERSION,
                    self._page_jobs(),
                    kept=self.kept_pages,
                )
                data = PageData(runs=runs)
            else:
                data = page_data(self.store, report, runs)
        except OSError as exc:
            raise ReportError(
                f"cannot write the documents' pages in {folder}: {exc.strerror or exc}"
            ) from exc
        renderers: dict[str, Writer] = {
            **WRITERS,
            "json": lambda _: made.file(),
            "html": lambda r: rendered(
                self.store, r.run.paths, lambda: render_html(r, data, plan, dump=made.json)
            ),
        }
        try:
            written = write_reports(report, folder, keep, renderers, before_switch=pages)
        except BaseException:
            if pages is not None:
                with contextlib.suppress(Exception):
                    pages()  # no page is left in the making when the run has failed
            raise
        try:
            record_pages(folder, plan, stamp, keep)
            atomic_write(folder / "runs.json", dump(runs))
            atomic_write(folder / "index.html", render_index(runs, page_language(report)))
        except OSError as exc:
            raise ReportError(f"cannot write the index of runs in {folder}: {exc.strerror or exc}") from exc
        written["index"] = folder / "index.html"
        return written

    def _page_jobs(self) -> int:
        """Processes that may render the documents' pages: none but this one unless extraction may use them."""
        if self.settings.executor not in ("auto", "processes"):
            return 1
        return worker_count(self.settings.jobs)

    def _texts_and_claims(self, paths: list[str]) -> tuple[dict[str, str], dict[str, list[Claim]]]:
        """The documents' texts, and their claims as this run's evaluation read them (else from the store)."""
        held = memo_for(self.store).documents
        claims = {p: held[p].claims for p in paths if p in held}
        data = page_data(self.store, None, paths=[p for p in paths if p not in claims])
        texts = {p: t for p in claims if (t := self.store.document_text(p)) is not None}
        return texts | data.texts, claims | data.claims

    def accepted(self, finding: Finding) -> str | None:
        """The reason a reviewer accepted this finding, or None (see checker accept)."""
        return self.baseline.accepted(finding) if self.baseline is not None else None

    def close(self) -> None:
        try:
            self.executor.close()
        finally:
            self.store.close()


def page_data(
    store: Store, report: Report | None, runs: list[RunEntry] | None = None, paths: list[str] | None = None
) -> PageData:
    """What the review page shows besides the report: each document's text and claims, the runs.

    `paths` limits it to those documents (a run renders only the pages of documents that changed).
    """
    if paths is None:
        paths = [d.path for d in report.documents if not d.errors] if report is not None else []
    texts = {p: t for p in paths if (t := store.document_text(p)) is not None}
    claims: dict[str, list[Claim]] = {}
    for c in store.claims(paths):
        claims.setdefault(c.path, []).append(c)
    return PageData(texts=texts, claims=claims, runs=runs or [])


def fact_sheets(rules: Sequence[Rule], folders: Sequence[Path]) -> list[FactSheetInfo]:
    """The fact sheets the rules read (a `sheets` list of (name, sheet)), with the file of each."""
    out: dict[str, FactSheetInfo] = {}
    for rule in rules:
        for name, sheet in getattr(rule, "sheets", []):
            file = next(
                (
                    display_path(p)
                    for folder in folders
                    for p in sorted((folder if folder.is_dir() else folder.parent).rglob(f"{name}.y*ml"))
                ),
                f"{name}.yml",
            )
            out[name] = FactSheetInfo(
                name=name,
                file=file,
                title=str(getattr(sheet, "title", "")),
                source=str(getattr(sheet, "source", "")),
                year=getattr(sheet, "year", None),
            )
    return list(out.values())


def _as_read_error(message: str) -> ReadError:
    """A rule-file problem ("rules/x.yml:7: key 'k': …") as the report lists unreadable files."""
    path, sep, rest = message.partition(":")
    if not sep or " " in path:
        return ReadError(path="(rules)", message=message)
    line, _, problem = rest.partition(":")
    if line.strip().isdigit():
        return ReadError(path=path, line=int(line), message=problem.strip())
    return ReadError(path=path, message=rest.strip())
