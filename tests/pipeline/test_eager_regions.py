"""A process of many runs (the watch service) indexes its components with its first run; a command never."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

import checker
from checker.app import Checker
from checker.config import Settings
from checker.incremental import memo_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("one_run", "carry", "indexed"), [(False, None, True), (True, None, False), (False, False, False)]
)
def test_the_first_run_indexes_its_components_only_in_a_checker_that_runs_again(
    tmp_path: Path, one_run: bool, carry: bool | None, indexed: bool
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(store=tmp_path / "s.db", reports=tmp_path / "reports", rules=[])
    app = Checker(settings, [], one_run=one_run, carry=carry)
    try:
        app.run([corpus], trigger="start")
        regions = memo_for(app.store).regions
        assert regions.comps, "the seeds make components"
        assert regions._indexed is indexed
        assert (app.kept_json is not None) is indexed, "the report's pieces are kept by the same rule"
        edited = sorted(corpus.glob("*.txt"))[0]
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\n全年新增建成铁路里程661公里。\n", encoding="utf-8"
        )
        app.run([corpus], trigger="watch", only=[edited])
        assert regions._indexed, "an update indexes the split it keeps, in either process"
    finally:
        app.close()


def test_the_api_carries_nothing_past_its_one_run(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Checker] = []
    real = Checker.__init__

    def spy(self: Checker, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(Checker, "__init__", spy)
    report = checker.check([seeds_copy], store=tmp_path / "s.db")
    assert report.summary.claims > 0
    assert len(made) == 1 and made[0].kept_json is None and made[0].kept_pages is None
