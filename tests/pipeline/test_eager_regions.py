"""A process of many runs (the watch service) indexes its components with its first run; a command never."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.app import Checker
from checker.config import Settings
from checker.incremental import memo_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("one_run", [False, True])
def test_the_first_run_indexes_its_components_only_in_a_process_of_many_runs(
    tmp_path: Path, one_run: bool
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    settings = Settings(store=tmp_path / "s.db", reports=tmp_path / "reports", rules=[])
    app = Checker(settings, [], one_run=one_run)
    try:
        app.run([corpus], trigger="start")
        regions = memo_for(app.store).regions
        assert regions.comps, "the seeds make components"
        assert regions._indexed is not one_run
        edited = sorted(corpus.glob("*.txt"))[0]
        edited.write_text(
            edited.read_text(encoding="utf-8") + "\n全年新增建成铁路里程661公里。\n", encoding="utf-8"
        )
        app.run([corpus], trigger="watch", only=[edited])
        assert regions._indexed, "an update indexes the split it keeps, in either process"
    finally:
        app.close()
