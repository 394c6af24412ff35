"""Issue 11, acceptance 3: a real `checker watch` follows random changes to a corpus and its rules, and after
each one its latest.json comes to hold what a fresh `checker check` of the folder reports."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from servicekit import WatchProcess, wait_until

import checker
from tests.incremental.inc_compare import cli_report, mismatch
from tests.incremental.inc_corpus import build, unexercised
from tests.incremental.inc_ops import random_changes

STEPS = 15
# How long the watch may take to catch up with a change (it has usually done so by the time the fresh
# check is over); generous, as the machine may be busy: this is no speed test.
SETTLE = 30.0


def _fresh(folder: Path, cli: bool) -> dict[str, Any]:
    """A fresh check of the folder: in this process (quick), or with the real CLI."""
    if not cli:
        return checker.check(["corpus"], store=":memory:", reports=None, rules=["rules"]).model_dump(
            mode="json"
        )
    (folder / "fresh.db").unlink(missing_ok=True)
    return cli_report(folder, "fresh.db", "fresh-reports")


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_after_each_change_latest_json_equals_a_fresh_check(
    tmp_path: Path, watch: Callable[..., WatchProcess], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rng = random.Random(21)
    corpus = build(tmp_path, rng, 6)
    svc = watch("corpus", "--rules", "rules")
    history: list[str] = []
    for step in range(STEPS + 1):
        if step:
            history.append(f"{step}: {random_changes(corpus, tmp_path / 'rules', rng)}")
        fresh = _fresh(tmp_path, cli=step in (0, STEPS))
        assert step or not unexercised(fresh, tmp_path / "rules"), "every rule kind has something to judge"
        last: list[str | None] = [None]

        def same(fresh: dict[str, Any] = fresh, last: list[str | None] = last) -> bool:
            latest = svc.latest()
            last[0] = "no latest.json" if latest is None else mismatch(latest, fresh)
            return last[0] is None

        try:
            wait_until(same, SETTLE, "latest.json to equal a fresh check")
        except AssertionError:
            log = "\n".join(history)
            pytest.fail(
                f"after step {step}:\n{log}\n---\n{last[0]}\n--- watch stderr:\n{svc.stderr()[-2000:]}"
            )
    assert svc.alive()
    assert svc.stop() == 0
