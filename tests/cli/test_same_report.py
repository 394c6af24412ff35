"""Issue 12's acceptance 1: `checker check seeds/` gives the same report on PostgreSQL as on SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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


def check_json(home: Path, store: str, *extra: str) -> dict[str, Any]:
    home.mkdir(exist_ok=True)
    result = run_checker(
        "check", SEEDS, "--store", store, "--no-reports", "--format", "json", *extra, cwd=home
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
    sqlite, postgres = check_json(tmp_path / "a", "store.db"), check_json(tmp_path / "b", url)
    assert postgres["run"]["documents_extracted"] == sqlite["run"]["documents_extracted"] == 0
    assert essence(postgres) == essence(sqlite)
