"""Opening a PostgreSQL store: telling a URL from a file, hiding its password, migrating the schema."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from checker.errors import StoreError
from checker.store.migrations import SCHEMA_VERSION, statements, steps

if TYPE_CHECKING:
    import psycopg  # the URL helpers here serve SQLite runs too, which should not import psycopg

# Any constant will do: it only has to be the same for every checker migrating one database.
_MIGRATION_LOCK = 0x636865636B6572


def is_postgres_url(location: object) -> bool:
    """Whether a --store value names a PostgreSQL database rather than a SQLite file."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def redact(url: str) -> str:
    """The URL without its password, for messages and `checker status`."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def migrate(conn: psycopg.Connection[Any], location: str) -> None:
    """Bring the database to SCHEMA_VERSION, one numbered step after another, exactly once."""
    with conn.transaction():
        # Several checkers may start at once against a new database: one migrates, the others wait.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"{location} was written by a newer checker (schema {version}); upgrade checker")
        for step in steps("postgresql")[version:]:
            for statement in statements(step):
                conn.execute(statement.encode())  # packaged SQL, never user input
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version VALUES (%s)", (max(version, SCHEMA_VERSION),))


def first_line(exc: BaseException) -> str:
    """The first line of an error message (libpq adds detail lines)."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
