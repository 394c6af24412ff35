-- checker store, schema version 1.  Applied once by migrations in sqlite.py.
CREATE TABLE IF NOT EXISTS documents (
    path      TEXT PRIMARY KEY,
    sha256    TEXT,
    encoding  TEXT,
    size      INTEGER NOT NULL DEFAULT 0,
    mtime     REAL NOT NULL DEFAULT 0,
    extractor TEXT,
    text      BLOB,
    error     TEXT,
    updated   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    id      INTEGER PRIMARY KEY,
    path    TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    value   REAL NOT NULL,
    unit    TEXT NOT NULL,
    subject TEXT NOT NULL,
    data    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_path ON claims(path, ord);
CREATE TABLE IF NOT EXISTS runs (
    id       INTEGER PRIMARY KEY,
    started  TEXT NOT NULL,
    finished TEXT,
    trigger  TEXT NOT NULL,
    paths    TEXT NOT NULL,
    summary  TEXT,
    report   BLOB
);
CREATE TABLE IF NOT EXISTS findings (
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_run ON findings(run_id);
