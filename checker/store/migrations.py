"""The store's schema versions, one numbered step each, in every dialect the store speaks.

Step N makes schema version N from version N-1 (step 1 from an empty store).
SQLite records the version in `PRAGMA user_version`, PostgreSQL in the one-row
table `schema_version`; both stores run the same steps in the same order, so
a version number means the same tables on either.  Never edit a released
step: add one.  An entry ending in .sql names a packaged script.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Literal

Dialect = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class Step:
    """One schema version: what it adds, said once per dialect."""

    why: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]


STEPS: tuple[Step, ...] = (
    Step("documents, claims, runs, findings", sqlite=("schema.sql",), postgresql=("schema_pg.sql",)),
    Step(
        "document metadata (date, outlet, ...) and the relations between claims",
        sqlite=(
            "ALTER TABLE documents ADD COLUMN meta TEXT",
            "CREATE TABLE relations (id INTEGER PRIMARY KEY,"
            " path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,"
            " ord INTEGER NOT NULL, data TEXT NOT NULL)",
            "CREATE INDEX relations_path ON relations(path, ord)",
        ),
        postgresql=(
            "ALTER TABLE documents ADD COLUMN meta TEXT",
            "CREATE TABLE relations (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
            ' path TEXT COLLATE "C" NOT NULL REFERENCES documents(path) ON DELETE CASCADE,'
            " ord INTEGER NOT NULL, data TEXT NOT NULL)",
            "CREATE INDEX relations_path ON relations(path, ord)",
        ),
    ),
    Step(
        # SQLite keeps its flock beside the file (one watcher per store): no lease table there.
        "runs found by their roots; watch leases per corpus root (several watchers on one server)",
        sqlite=("CREATE INDEX runs_paths ON runs(paths, id)",),
        postgresql=(
            'CREATE TABLE leases (root TEXT COLLATE "C" PRIMARY KEY, holder TEXT NOT NULL,'
            " host TEXT NOT NULL, pid INTEGER NOT NULL, roots TEXT NOT NULL,"
            " started TIMESTAMPTZ NOT NULL, renewed TIMESTAMPTZ NOT NULL, expires TIMESTAMPTZ NOT NULL)",
            "CREATE INDEX runs_paths ON runs(paths, id)",
        ),
    ),
    Step(
        # checker/kept.py: what one process evaluated, carried over by the next `checker check`.
        "the last evaluation's units kept for the next process, by kind and digest",
        sqlite=(
            "CREATE TABLE kept (kind TEXT NOT NULL, key TEXT NOT NULL, data BLOB NOT NULL,"
            " PRIMARY KEY (kind, key)) WITHOUT ROWID",
        ),
        postgresql=(
            'CREATE TABLE kept (kind TEXT COLLATE "C" NOT NULL, key TEXT COLLATE "C" NOT NULL,'
            " data BYTEA NOT NULL, PRIMARY KEY (kind, key))",
        ),
    ),
    Step(
        # checker/store/runrows.py: a run's findings are stored once, as rows; `ord` keeps the report's order.
        "a finding's place in its run's report",
        sqlite=("ALTER TABLE findings ADD COLUMN ord INTEGER",),
        postgresql=("ALTER TABLE findings ADD COLUMN ord INTEGER",),
    ),
    Step(
        # checker/store/runrows.py: the run's blob is its whole report again, and only the findings that did
        # not pass are also rows (what the next run tracks), read by run in report order.  Runs of schema 5
        # and 6 (every finding a row, none in the blob) are read as they were written.
        "a run's whole report in its blob, its open findings as rows in report order",
        sqlite=("CREATE INDEX findings_place ON findings(run_id, ord)", "DROP INDEX findings_run"),
        postgresql=("CREATE INDEX findings_place ON findings(run_id, ord)", "DROP INDEX findings_run"),
    ),
)
SCHEMA_VERSION = len(STEPS)


def steps(dialect: Dialect) -> tuple[tuple[str, ...], ...]:
    """Each version's SQL entries in one dialect, version 1 first."""
    return tuple(getattr(step, dialect) for step in STEPS)


def statements(step: tuple[str, ...]) -> list[str]:
    """A step's SQL statements, packaged scripts split at their semicolons."""
    out: list[str] = []
    for item in step:
        if item.endswith(".sql"):
            script = resources.files("checker.store").joinpath(item).read_text(encoding="utf-8")
            out += [s for s in script.split(";") if s.strip()]
        else:
            out.append(item)
    return out
