"""What a sync extracted is evaluated as it is, not read back from the store, and the report is the same."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.models import Claim, Report
from checker.pipeline import check
from checker.rules.loader import load_rules
from checker.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _plain(report: Report) -> dict[str, Any]:
    """The report without what differs from run to run: its run, statuses and what was resolved."""
    data = report.model_dump(mode="json", exclude={"run", "summary", "resolved"})
    for finding in data["findings"]:
        finding.pop("status")
    return data


def test_a_check_evaluates_what_it_extracted_without_reading_it_back(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    for path in sorted((ROOT / "bench" / "data" / "crosslang").glob("en*.txt")):
        shutil.copy(path, corpus / path.name)
    rules = load_rules([ROOT / "rules"]).rules
    store = open_store(tmp_path / "s.db")
    asked: list[list[str]] = []
    real = store.claims

    def claims(paths: Iterable[str] | None = None) -> list[Claim]:
        wanted = None if paths is None else list(paths)
        asked.append(wanted or [])
        return real(wanted)

    store.claims = claims  # type: ignore[method-assign]  # counts what is read; the store is real
    report, result = check(store, [corpus], rules, include=["*.txt"], exclude=[])
    assert len(result.extracted) == len(result.written) > 5
    assert not any(asked), "no claim read back"
    # The same store, read by a new process (no memo, nothing written by its sync): the same report.
    store.claims = real  # type: ignore[method-assign]
    again = open_store(tmp_path / "s.db")
    second, synced = check(again, [corpus], rules, include=["*.txt"], exclude=[], incremental=False)
    assert synced.written == {}
    assert _plain(second) == _plain(report)
    assert report.summary.claims > 100 and report.summary.errors > 0
