"""The `kept` table, said once for both stores: results one process keeps for the next (checker/kept.py).

Rows are found by kind and key only; what a key means is the caller's
business.  The functions take an open cursor (or SQLite connection) and the
dialect's parameter mark, so each store runs them inside its own transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Protocol


class Cursor(Protocol):
    """A DB-API cursor, or a SQLite connection (it executes too)."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...
    def executemany(self, sql: Any, params: Any, /) -> Any: ...


def kept_rows(cur: Cursor, kind: str, mark: str) -> dict[str, bytes]:
    """Every row of one kind, by key."""
    rows = cur.execute(f"SELECT key, data FROM kept WHERE kind = {mark}", (kind,)).fetchall()  # noqa: S608
    return {row[0]: bytes(row[1]) for row in rows}


def keep_rows(
    cur: Cursor,
    kind: str,
    new: Mapping[str, bytes],
    keep: Collection[str],
    mark: str,
    *,
    gone: Collection[str] | None = None,
) -> None:
    """Add the `new` rows of one kind and drop its rows whose keys are not in `keep` (nor new).

    `gone`: the keys to drop, when the caller knows them (what its last call kept and this one does not):
    the kind's keys are then not read (tens of thousands of them each run of the watch service).  Rows
    other writers added since are left for a call without `gone` to drop.
    """
    if gone is not None:
        dropped = [(kind, key) for key in gone if key not in new]
        if dropped:
            cur.executemany(f"DELETE FROM kept WHERE kind = {mark} AND key = {mark}", dropped)  # noqa: S608
        if new:
            cur.executemany(
                f"INSERT INTO kept(kind, key, data) VALUES ({mark}, {mark}, {mark})"  # noqa: S608
                " ON CONFLICT (kind, key) DO NOTHING",
                [(kind, key, data) for key, data in new.items()],
            )
        return
    held = {row[0] for row in cur.execute(f"SELECT key FROM kept WHERE kind = {mark}", (kind,)).fetchall()}  # noqa: S608
    wanted = set(keep) | set(new)
    stale = [(kind, key) for key in held - wanted]
    if stale:
        cur.executemany(f"DELETE FROM kept WHERE kind = {mark} AND key = {mark}", stale)  # noqa: S608
    added = [(kind, key, data) for key, data in new.items() if key not in held]
    if added:
        cur.executemany(f"INSERT INTO kept(kind, key, data) VALUES ({mark}, {mark}, {mark})", added)  # noqa: S608
