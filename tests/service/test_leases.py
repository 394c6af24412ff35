"""Leases on a shared PostgreSQL store: one watcher per folder, a crashed holder's lease lapses."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import psycopg
import pytest

from checker.service.lease import HOST, RootLease, leases
from checker.service.lock import ServiceError
from checker.service.status import collect
from checker.store import PostgresStore
from tests.conftest import run_checker


def _foreign(url: str, root: str, expires_in: str) -> None:
    """A lease another machine holds (or held) on `root`."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            b"INSERT INTO leases(root, holder, host, pid, roots, started, renewed, expires)"
            b" VALUES (%s, 'elsewhere:1:x', 'elsewhere', 1, %s, now(), now(), now() + %s::interval)",
            (root, root, expires_in),
        )


def test_a_folder_has_one_watcher_and_nested_folders_count(pg_url: str, tmp_path: Path) -> None:
    first, third = RootLease(pg_url, 30), RootLease(pg_url, 30)
    first.acquire(["desk-a", "desk-b"])
    try:
        for roots in (["desk-a"], ["desk-b/sub"], ["."], ["desk-c", "desk-b"]):
            other = RootLease(pg_url, 30)
            with pytest.raises(
                ServiceError, match=rf"already watched on this store by pid {os.getpid()} on {HOST}"
            ):
                other.acquire(roots)
        third.acquire(["desk-c"])  # a folder of its own is fine
        status = collect(pg_url)
        assert [(w.root, w.live) for w in status.watchers] == [
            ("desk-a", True),
            ("desk-b", True),
            ("desk-c", True),
        ]
        assert status.service.running and status.as_dict()["watchers"][0]["host"] == HOST
        text = run_checker("status", "--store", pg_url, cwd=tmp_path).stdout
        assert f"watcher    desk-a: pid {os.getpid()} on {HOST}, since " in text, text
    finally:
        first.release()
    store = PostgresStore(pg_url)
    try:
        assert [lease.root for lease in leases(store)] == ["desk-c"]
    finally:
        store.close()
        third.release()  # its renewal thread stops with it


def test_another_machines_lease_holds_until_it_expires(pg_url: str) -> None:
    PostgresStore(pg_url).close()  # the tables
    _foreign(pg_url, "desk-a", "1 hour")
    with pytest.raises(ServiceError, match="pid 1 on elsewhere"):
        RootLease(pg_url, 30).acquire(["desk-a"])
    _foreign(pg_url, "desk-b", "-1 second")
    taker = RootLease(pg_url, 30)
    taker.acquire(["desk-b"])
    assert {(w.root, w.host) for w in collect(pg_url).watchers} == {("desk-a", "elsewhere"), ("desk-b", HOST)}
    taker.release()


def test_a_lease_taken_away_stops_its_holder(pg_url: str) -> None:
    lost = threading.Event()
    lease = RootLease(pg_url, 2, on_lost=lost.set)
    lease.acquire(["desk-a"])
    assert lease.renew()
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(b"UPDATE leases SET holder = 'elsewhere:1:x'")
    assert lost.wait(10), "the renewal thread did not notice the lost lease"
    assert not lease.renew()
    lease.release()
