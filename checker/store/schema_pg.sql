-- checker store, schema version 1, PostgreSQL dialect of schema.sql.  Applied once by migrations.py.
-- Paths sort by code point (COLLATE "C"), as SQLite's BINARY does, so both stores list alike.
CREATE TABLE documents (
    path      TEXT COLLATE "C" PRIMARY KEY,
    sha256    TEXT,
    encoding  TEXT,
    size      BIGINT NOT NULL DEFAULT 0,
    mtime     DOUBLE PRECISION NOT NULL DEFAULT 0,
    extractor TEXT,
    text      BYTEA,
    error     TEXT,
    updated   TIMESTAMPTZ NOT NULL
);
CREATE TABLE claims (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    path    TEXT COLLATE "C" NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
    ord     INTEGER NOT NULL,
    value   DOUBLE PRECISION NOT NULL,
    unit    TEXT NOT NULL,
    subject TEXT NOT NULL,
    data    TEXT NOT NULL
);
CREATE INDEX claims_path ON claims(path, ord);
CREATE TABLE runs (
    id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started  TIMESTAMPTZ NOT NULL,
    finished TIMESTAMPTZ,
    trigger  TEXT NOT NULL,
    paths    TEXT NOT NULL,
    summary  TEXT,
    report   BYTEA
);
CREATE TABLE findings (
    run_id      BIGINT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    rule        TEXT NOT NULL,
    severity    TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX findings_run ON findings(run_id);
