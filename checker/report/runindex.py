"""The index of runs: `reports/runs.json` (one small entry per run) and `reports/index.html`.

Each entry keeps what changed in its run: the findings that appeared and the
ones that went away, with the counts, and a link to the run's own page under
runs/.  The index keeps as many runs as `retention`, like the run copies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from checker.models import Report
from checker.report.evidence import primary


class Change(BaseModel):
    """A finding that appeared or went away in a run."""

    code: str
    message: str
    place: str = ""
    severity: str = "error"


class RunEntry(BaseModel):
    """One run in the index."""

    id: int | None
    stamp: str
    started: str
    trigger: str
    paths: list[str]
    counts: dict[str, int]
    new: list[Change] = Field(default_factory=list)
    resolved: list[Change] = Field(default_factory=list)

    @property
    def page(self) -> str:
        return f"runs/{self.stamp}.html"


def entry(report: Report, stamp: str) -> RunEntry:
    """The index entry of a run: counts, and the findings new in it and resolved by it."""
    s = report.summary
    new = []
    for f in report.findings:
        if f.passed or f.status != "new":
            continue
        c = primary(f, report.groups)
        place = f"{c.path}:{c.line}:{c.column}" if c is not None else ""
        new.append(Change(code=f.code or f.rule, message=f.message, place=place, severity=f.severity.value))
    resolved = [
        Change(code=f.code or f.rule, message=f.message, severity=f.severity.value) for f in report.resolved
    ]
    return RunEntry(
        id=report.run.id,
        stamp=stamp,
        started=f"{report.run.started:%Y-%m-%d %H:%M:%S}",
        trigger=report.run.trigger,
        paths=report.run.paths,
        counts={
            "documents": s.documents,
            "claims": s.claims,
            "errors": s.errors,
            "warnings": s.warnings,
            "new": s.new,
            "resolved": s.resolved,
        },
        new=new,
        resolved=resolved,
    )


def read_index(folder: Path) -> list[RunEntry]:
    """The runs recorded so far, newest first; a damaged index starts again (it is a convenience)."""
    try:
        raw: Any = json.loads((folder / "runs.json").read_text(encoding="utf-8"))
        return [RunEntry.model_validate(item) for item in raw]
    except (OSError, ValueError, TypeError, ValidationError):
        return []


def updated(folder: Path, report: Report, stamp: str, retention: int) -> list[RunEntry]:
    """The index with this run on top (a run written again replaces its entry)."""
    runs = [r for r in read_index(folder) if r.stamp != stamp]
    return [entry(report, stamp), *runs][:retention]


def dump(runs: list[RunEntry]) -> str:
    """The index as runs.json holds it."""
    return json.dumps([r.model_dump(mode="json") for r in runs], ensure_ascii=False, indent=1) + "\n"
