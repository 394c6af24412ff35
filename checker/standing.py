"""A check whose inputs are those of the last run: that run's report stands.

`checker check` run again over a corpus nothing changed in would evaluate
every rule to write the same findings again (15 s at 10,000 documents).  Like
make, it need not: when what a report follows from is what the last finished
run over the same roots followed from, and that run's report files are still
in the reports folder, the check prints that run's findings and records no
new run.  `checker check --rerun` evaluates and records one all the same.

What a report follows from, digested after the sync: the documents as the
store holds them (each one's signature: content, extractor, metadata; its
read error), the files that could not be read, the rule kinds (code and state)
and every file under the rule folders (fact sheets, glossaries), the rule-file
problems, the baseline of accepted findings, the settings, and the package's
own code and Python's version.  A change to any of them is a new run (the
installed libraries are not digested: upgrading one, pass --rerun).

Kept beside the digest (in the store's kept rows, per set of roots) are the
run's summary and the line formats as that run printed them (concise, full,
github, jsonl, statistics): reading back its findings to print them again
would cost most of what the check saves (0.65 s at 10,000 documents, against
0.5 s to print them all once when the run ends).  The formats that need the
whole report read it from the store (`Store.last_report`).
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from checker import kept
from checker.config import Settings
from checker.incremental import signature
from checker.models import ReadError, Report
from checker.report.formats import LINES, renderer
from checker.report.lines import render_statistics
from checker.report.runindex import read_index
from checker.report.writer import WRITERS
from checker.roots import prefixes, under
from checker.rules.base import Rule
from checker.sources.names import display_path
from checker.store.base import Store, StoredDocument
from checker.sync import SyncResult

PACKAGE = Path(__file__).resolve().parent


class Standing(BaseModel):
    """The last run's inputs digest, its report without the findings, and its line formats printed."""

    run: int
    inputs: str
    report: Report
    outputs: dict[str, str]


def inputs_digest(
    *,
    settings: str,
    roots: Sequence[str],
    documents: dict[str, StoredDocument],
    read_errors: Sequence[ReadError],
    rules: Sequence[Rule],
    rule_folders: Sequence[Path],
    rule_errors: Sequence[str],
    baseline: Path,
) -> str:
    """The digest of what a run's report follows from (`settings` is their JSON)."""
    h = hashlib.blake2b(digest_size=20)

    def part(*items: object) -> None:
        for item in items:
            h.update(str(item).encode("utf-8", "surrogatepass"))
            h.update(b"\x1f")
        h.update(b"\x1e")

    part("code", code_digest(), sys.version)
    part("settings", settings, *roots)
    for path, document in sorted(documents.items()):
        part("document", path, signature(document), document.error)
    for error in read_errors:
        part("read error", error.model_dump_json())
    part("rules", kept.salt(rules), *rule_errors)
    for folder in rule_folders:
        for file in sorted(folder.rglob("*")) if folder.is_dir() else [folder]:
            if file.is_file():
                part("rule file", file, _bytes_digest(file))
    part("baseline", _bytes_digest(baseline) if baseline.is_file() else "")
    return h.hexdigest()


def code_digest() -> str:
    """The package's code and data: sources by content, other files by size and time (tables are large)."""
    h = hashlib.blake2b(digest_size=20)
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        h.update(str(path.relative_to(PACKAGE)).encode() + b"\x1f")
        if path.suffix == ".py":
            h.update(path.read_bytes())
        else:
            info = path.stat()
            h.update(f"{info.st_size}\x1f{info.st_mtime_ns}".encode())
        h.update(b"\x1e")
    return h.hexdigest()


def _bytes_digest(path: Path) -> str:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError as exc:
        return f"unreadable: {exc.strerror}"


def outputs(report: Report) -> dict[str, str]:
    """The line formats of a report, by format name ("statistics" for --statistics)."""
    printed = {name: renderer(name)(report) for name in sorted(LINES)}
    printed["statistics"] = render_statistics(report)
    return printed


def remember(store: Store, roots: Sequence[str], inputs: str, report: Report) -> None:
    """Keep the digest of a finished run's inputs, its summary and its line formats for the next check."""
    bare = report.model_copy(
        update={"documents": [], "groups": [], "findings": [], "resolved": [], "timelines": []}
    )
    standing = Standing(run=report.run.id, inputs=inputs, report=bare, outputs=outputs(report))
    data = zlib.compress(standing.model_dump_json().encode(), 1)
    # Kept rows are never overwritten (a key names its content): each run's row has its own key.
    key = str(report.run.id)
    store.keep(kept.kind("standing", roots), {key: data}, [key])


def recall(store: Store, roots: Sequence[str], inputs: str) -> Standing | None:
    """The last finished run over `roots` if its inputs digest is `inputs`, else None."""
    last = store.last_run(list(roots))
    if last is None:
        return None
    data = store.kept(kept.kind("standing", roots)).get(str(last.id))
    if data is None:
        return None
    try:
        standing = Standing.model_validate_json(zlib.decompress(data))
    except (zlib.error, ValidationError, ValueError):
        return None  # a damaged row: the check runs
    return standing if standing.run == last.id and standing.inputs == inputs else None


def reports_stand(folder: Path, run_id: int, files: Sequence[Path]) -> bool:
    """Whether the reports folder still shows run `run_id`: its index names it first, its files are there."""
    runs = read_index(folder)
    return bool(runs) and runs[0].id == run_id and all(f.is_file() for f in [*files, folder / "runs.json"])


def report_files(folder: Path) -> dict[str, Path]:
    """The report files every run writes in `folder`, by format ("index" for the index of runs)."""
    return {**{ext: folder / f"latest.{ext}" for ext in [*WRITERS, "html"]}, "index": folder / "index.html"}


@dataclass
class Stand:
    """One check's question once its sync is done: does the last run's report stand.

    Called with the sync's result (pipeline.check's `stands`), it digests the
    check's inputs and, with `reuse`, answers with the last run's report when
    that stands (None: the check runs).  `write`: the reports folder must
    still show that run; `whole`: the whole report, read from the store, else
    the bare one and the line formats as printed.  A check that runs is
    remembered after it (`keep`).
    """

    store: Store
    settings: Settings
    rules: Sequence[Rule]
    rule_errors: Sequence[str]
    roots: Sequence[Path]
    baseline: Path
    reuse: bool = False
    write: bool = True
    whole: bool = True
    inputs: str | None = None
    report: Report | None = None
    printed: dict[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [display_path(r) for r in self.roots]

    def __call__(self, result: SyncResult) -> Report | None:
        # The store is as the sync found it unless it wrote: no second read of every document's row.
        stored = self.store.documents() if result.wrote else result.known
        wanted = prefixes(self.roots)
        self.inputs = inputs_digest(
            settings=self.settings.model_dump_json(),
            roots=self.names,
            documents={p: d for p, d in stored.items() if under(p, wanted)},
            read_errors=[*result.errors, *result.skipped],
            rules=self.rules,
            rule_folders=self.settings.rules,
            rule_errors=self.rule_errors,
            baseline=self.baseline,
        )
        if self.reuse:
            self._recall(self.inputs)
        return self.report

    def _recall(self, inputs: str) -> None:
        found = recall(self.store, self.names, inputs)
        folder = self.settings.reports
        if found is None or (
            self.write and not reports_stand(folder, found.run, list(report_files(folder).values()))
        ):
            return
        if not self.whole:
            self.report, self.printed = found.report, found.outputs
            return
        stored = self.store.last_report()
        if stored is not None and stored.run.id == found.run:
            self.report = stored

    def keep(self, report: Report) -> None:
        """Remember a run this check made, for the next check to stand on."""
        if self.inputs is not None:
            remember(self.store, self.names, self.inputs, report)
