"""A check whose inputs are those of the last run: that run's report stands.

`checker check` run again over a corpus nothing changed in would evaluate
every rule to write the same findings again (15 s at 10,000 documents).  Like
make, it need not: when what a report follows from is what the last finished
run over the same roots followed from, and that run's report files are still
in the reports folder, the check prints that run's findings and records no
new run.  `checker check --rerun` evaluates and records one all the same.

What a report follows from, digested after the sync: the documents as the
store holds them (each one's content digest, extractor and metadata, or its
read error), the files that could not be read, the rule kinds (code and state)
and every file under the rule folders (fact sheets, glossaries), the rule-file
problems, the baseline of accepted findings, the settings, and the package's
own code and Python's version.  A change to any of them is a new run (the
installed libraries are not digested: upgrading one, pass --rerun).

Kept beside the digest (in the store's kept rows, per set of roots) are the
run's report without its findings (the summary, the errors) and the line
format the run printed (concise, full, github, jsonl or statistics), as it
printed it: reading the findings back to print them again would cost most of
what the check saves (0.65 s at 10,000 documents), and printing every line
format at the end of every run cost 1 s of it.  A check asking for another
line format prints it from the whole report, read from the store
(`Store.last_report`) as the other formats are, and keeps it too.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from checker import kept
from checker.config import Settings
from checker.models import ReadError, Report
from checker.packing import pack_text, unpack, unpack_text
from checker.report.formats import renderer
from checker.report.runindex import read_index
from checker.report.writer import WRITERS
from checker.roots import prefixes, under
from checker.rules.base import Rule
from checker.sources.names import display_path
from checker.store.base import Store, StoredDocument
from checker.sync import SyncResult

PACKAGE = Path(__file__).resolve().parent


class Standing(BaseModel):
    """The last run's inputs digest, its report without the findings, and the line formats it printed."""

    run: int
    inputs: str
    report: Report
    outputs: dict[str, str] = Field(default_factory=dict, exclude=True)  # kept in rows of their own


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
        # What its claims and dates follow from (extraction is a pure function of the text and metadata), not
        # when its row was written: a file touched or that cannot be read has its row rewritten by every sync.
        meta = document.meta.model_dump_json()
        part("document", path, document.sha256, document.extractor, meta, document.error)
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


def printed(name: str, report: Report) -> str:
    """A line format ("statistics" for --statistics) of a report."""
    return renderer(name)(report)


def remember(
    store: Store, roots: Sequence[str], inputs: str, report: Report, outputs: dict[str, str]
) -> None:
    """Keep the digest of a finished run's inputs, its report without findings and the line formats printed."""
    bare = report.model_copy(
        update={"documents": [], "groups": [], "findings": [], "resolved": [], "timelines": []}
    )
    standing = Standing(run=report.run.id, inputs=inputs, report=bare)
    rows = {str(standing.run): pack_text(standing.model_dump_json())}
    rows |= {f"{standing.run} {name}": pack_text(text) for name, text in outputs.items()}
    store.keep(kept.kind("standing", roots), rows, list(rows))


def note(store: Store, roots: Sequence[str], standing: Standing, name: str, text: str) -> None:
    """Keep one more line format of the run that stands, printed from its whole report."""
    standing.outputs[name] = text
    rows = [str(standing.run), *(f"{standing.run} {n}" for n in standing.outputs)]
    store.keep(kept.kind("standing", roots), {f"{standing.run} {name}": pack_text(text)}, rows)


def recall(store: Store, roots: Sequence[str], inputs: str) -> Standing | None:
    """The last finished run over `roots` if its inputs digest is `inputs`, else None."""
    last = store.last_run(list(roots))
    if last is None:
        return None
    rows = store.kept(kept.kind("standing", roots))
    data = rows.get(str(last.id))
    if data is None:
        return None
    try:
        standing = Standing.model_validate_json(unpack(data))
        mine = f"{last.id} "
        outputs = {k.removeprefix(mine): unpack_text(v) for k, v in rows.items() if k.startswith(mine)}
    except (ValidationError, ValueError):
        return None  # a damaged row: the check runs
    standing.outputs = outputs
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
    still show that run.  `output`: the line format the caller prints (None: it
    prints another format, and needs the whole report); its text is in
    `printed`, whether the report stood or the check ran (`keep`).
    """

    store: Store
    settings: Settings
    rules: Sequence[Rule]
    rule_errors: Sequence[str]
    roots: Sequence[Path]
    baseline: Path
    reuse: bool = False
    write: bool = True
    output: str | None = None
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
        if self.output in found.outputs:
            self.report, self.printed = found.report, {self.output: found.outputs[self.output]}
            return
        stored = self.store.last_report()
        if stored is None or stored.run.id != found.run:
            return
        self.report = stored
        if self.output is not None:
            self.printed = {self.output: printed(self.output, stored)}
            note(self.store, self.names, found, self.output, self.printed[self.output])

    def keep(self, report: Report) -> None:
        """Remember a run this check made (with the line format asked for, printed now) for the next check."""
        if self.output is not None:
            self.printed = {self.output: printed(self.output, report)}
        if self.inputs is not None:
            remember(self.store, self.names, self.inputs, report, self.printed)
