"""What only the PostgreSQL store does: several writers at once, and clear errors about the server."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import psycopg
import pytest

from checker.errors import StoreError
from checker.models import Claim, Document, Extraction
from checker.store import PostgresStore, open_store, redact
from tests.conftest import SEEDS, run_checker


def _doc(path: str, text: str) -> Document:
    return Document(path=path, text=text, sha256=Document.hash_bytes(text.encode()), size=len(text.encode()))


def _claims(path: str, n: int, value: float) -> list[Claim]:
    return [
        Claim(
            path=path,
            line=1,
            column=i + 1,
            end_line=1,
            end_column=i + 2,
            offset=i,
            end=i + 1,
            text="x",
            value=value,
            unit="count",
        )
        for i in range(n)
    ]


def test_writers_of_the_same_documents_never_duplicate_claims(pg_url: str) -> None:
    """Three stores (three processes' worth of connections) rewrite overlapping batches at once.

    Writer k gives each document 3+k claims; a reader watches the committed state
    meanwhile, so a duplicate that a later round would clean up is still seen.
    """
    stores = [open_store(pg_url) for _ in range(3)]
    names = [f"d{i:02}.txt" for i in range(20)]
    failures: list[BaseException] = []
    seen: set[int] = set()
    done = threading.Event()

    def writer(k: int) -> None:
        try:
            for rnd in range(40):
                batch = names[::-1] if k % 2 else names  # opposite orders: the store must sort them
                stores[k].replace_documents(
                    [(_doc(n, f"{k}-{rnd}"), Extraction(claims=_claims(n, 3 + k, k))) for n in batch], "v1"
                )
                stores[k].remove_documents(batch[:2])
        except BaseException as exc:  # pragma: no cover - reported below
            failures.append(exc)

    def reader() -> None:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            while not done.is_set():
                rows = conn.execute(b"SELECT COUNT(*) FROM claims GROUP BY path").fetchall()
                seen.update(n for (n,) in rows)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    watcher.join()
    assert not failures, failures
    assert seen and seen <= {3, 4, 5}, f"claims per document seen while writing: {sorted(seen)}"
    docs = stores[0].documents()
    claims = stores[0].claims()
    for name, doc in docs.items():
        mine = [c for c in claims if c.path == name]
        assert doc.claims == len(mine) in (3, 4, 5), (name, doc.claims, len(mine))
        assert {c.value for c in mine} == {len(mine) - 3}
    for store in stores:
        store.close()


def test_unreachable_server_is_one_clear_error_without_the_password() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql://me:s3cret@127.0.0.1:{port}/nothing"
    with pytest.raises(
        StoreError, match=r"cannot connect to the PostgreSQL store postgresql://me:\*\*\*@"
    ) as info:
        open_store(url)
    assert "s3cret" not in str(info.value)
    assert redact("postgres://u@h/db") == "postgres://u@h/db"


def test_rebuild_store_leaves_a_server_database_alone(tmp_path: Path) -> None:
    """--rebuild-store moves a SQLite file aside; on a server it says what to do instead, touching nothing."""
    url = "postgresql://me:s3cret@127.0.0.1:9/corpus"
    result = run_checker("check", SEEDS, "--store", url, "--rebuild-store", cwd=tmp_path)
    assert result.code == 2, result.stderr
    assert "postgresql://me:***@127.0.0.1:9/corpus is a PostgreSQL database" in result.stderr
    assert "s3cret" not in result.stderr


def test_a_database_used_by_something_else_is_refused(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(b"CREATE TABLE documents (id INTEGER)")
    with pytest.raises(StoreError, match="not a checker store"):
        PostgresStore(pg_url)


def test_two_checkers_opening_a_new_database_at_once_migrate_it_once(pg_url: str) -> None:
    opened: list[object] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            opened.append(open_store(pg_url))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with psycopg.connect(pg_url) as conn:
        assert conn.execute(b"SELECT COUNT(*) FROM schema_version").fetchone() == (1,)
    for store in opened:
        store.close()  # type: ignore[attr-defined]
