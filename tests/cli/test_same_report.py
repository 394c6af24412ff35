"""Issue 12's acceptance 1 and 2: the same report from `checker check seeds/` on PostgreSQL as on
SQLite, and with extraction in a process pool or on a Dask cluster as in this process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, run_checker
from tests.pgserver import PgServer


def essence(report: dict[str, Any]) -> dict[str, Any]:
    """What a report says about the corpus: documents, claims, facts, findings and fingerprints, no run data."""
    return {
        "summary": report["summary"],
        "documents": report["documents"],
        "groups": report["groups"],
        "findings": report["findings"],
        "errors": report["errors"],
    }


def check_json(home: Path, store: str, *extra: str, corpus: Path = SEEDS) -> dict[str, Any]:
    home.mkdir(exist_ok=True)
    result = run_checker(
        "check", corpus, "--store", store, "--no-reports", "--format", "json", *extra, cwd=home
    )
    assert result.code in (0, 1), result.stderr
    return result.json()  # type: ignore[no-any-return]


def test_postgres_store_gives_the_same_report_as_sqlite(tmp_path: Path, pg_server: PgServer) -> None:
    url = pg_server.new_database()
    sqlite = check_json(tmp_path / "a", "store.db")
    postgres = check_json(tmp_path / "b", url)
    assert sqlite["summary"]["claims"] > 100 and sqlite["findings"]
    assert essence(postgres) == essence(sqlite)
    # A second run reads nothing again on either and still agrees: stored claims round-trip exactly.
    # (--rerun: unchanged, the first run's report would stand on both.)
    sqlite = check_json(tmp_path / "a", "store.db", "--rerun")
    postgres = check_json(tmp_path / "b", url, "--rerun")
    assert postgres["run"]["documents_extracted"] == sqlite["run"]["documents_extracted"] == 0
    assert essence(postgres) == essence(sqlite)


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return check_json(tmp_path_factory.mktemp("serial"), "store.db", "--executor", "serial")


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A real two-worker Dask cluster, as `dask scheduler` and `dask worker` would give."""
    from dask.distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.parametrize(
    "extra",
    [("--executor", "processes", "--jobs", "2"), ("--executor", "dask", "--jobs", "2")],
    ids=["processes", "dask-local-cluster"],
)
def test_executors_give_the_same_report_as_serial(
    tmp_path: Path, serial: dict[str, Any], extra: tuple[str, ...]
) -> None:
    assert serial["run"]["documents_extracted"] == 5
    report = check_json(tmp_path, "store.db", *extra)
    assert report["run"]["documents_extracted"] == 5
    assert essence(report) == essence(serial)


def test_workers_extract_documents_with_their_metadata(tmp_path: Path) -> None:
    """Periods come from the document's date (file name, front matter): workers must get it too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "2006-03-05_report.txt").write_text("过去一年，城镇新增就业970万人。", encoding="utf-8")
    (corpus / "jobs.md").write_text(
        "---\ndate: 2007-03-05\n---\n过去一年，城镇新增就业1184万人。\n", encoding="utf-8"
    )
    serial = check_json(tmp_path / "a", "store.db", corpus=corpus)
    pooled = check_json(tmp_path / "b", "store.db", "--executor", "processes", "--jobs", "2", corpus=corpus)
    periods = {c["period"]["start"] for g in pooled["groups"] for c in g["claims"] if c["value"] > 1e6}
    assert periods == {"2005-01-01", "2006-01-01"}
    assert essence(pooled) == essence(serial)


def test_extraction_on_a_running_dask_scheduler_into_postgres(
    tmp_path: Path, serial: dict[str, Any], dask_scheduler: str, pg_server: PgServer
) -> None:
    url = pg_server.new_database()
    report = check_json(tmp_path, url, "--executor", "dask", "--dask-scheduler", dask_scheduler)
    assert essence(report) == essence(serial)


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path: Path) -> None:
    result = run_checker(
        "check", SEEDS, "--store", "s.db", "--no-reports", "--executor", "dask",
        "--dask-scheduler", "tcp://127.0.0.1:9", cwd=tmp_path, timeout=120,
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )  # fmt: skip
    assert result.code == 2, result.stderr
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
