"""Fixtures shared by the whole suite: the seeds, a copy of them, and the real CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.pgserver import MISSING, PgServer, find_bindir

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@dataclass
class CliResult:
    """A finished `checker` subprocess."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_checker(
    *args: str | Path, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> CliResult:
    """Run `python -m checker ARGS` in `cwd`, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., CliResult]:
    """Run the CLI in tmp_path with the store and reports kept there."""

    def run(*args: str | Path, **kwargs: Any) -> CliResult:
        return run_checker(*args, cwd=kwargs.pop("cwd", tmp_path), **kwargs)

    return run


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ (only the .txt reports) to change at will."""
    target = tmp_path / "corpus"
    target.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, target / f.name)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Change text in a corpus file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the whole session; the tests that need it skip, saying why, without it."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(MISSING)
    server = PgServer(bindir)
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        tail = server.log_tail()
        server.stop()
        pytest.skip(f"could not start a PostgreSQL test server: {exc}" + (f"\n{tail}" if tail else ""))
    yield server
    server.stop()


def _closed_after(request: pytest.FixtureRequest) -> None:
    """PostgreSQL stores this test opens and leaves open are closed after it.

    An open store's pool outlives the test and, once the session's server stops, logs that it cannot
    reconnect ("error connecting in 'pool-6'") after the last test.
    """
    from checker.store.postgres import PostgresStore

    opened: list[PostgresStore] = []
    monkeypatch = request.getfixturevalue("monkeypatch")
    real = PostgresStore.__init__

    def init(self: PostgresStore, *args: Any, **kwargs: Any) -> None:
        real(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(PostgresStore, "__init__", init)

    def close() -> None:
        for store in opened:
            store.close()  # closing a closed pool does nothing

    request.addfinalizer(close)


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> str:
    """A fresh, empty PostgreSQL database of this test's own."""
    _closed_after(request)
    return pg_server.new_database()


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new store of each backend: a SQLite file path, or a PostgreSQL URL to an empty database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    server: PgServer = request.getfixturevalue("pg_server")
    _closed_after(request)
    return server.new_database()
