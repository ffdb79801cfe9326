-- Users, API keys, the hash-chained audit log and the event outbox.
-- Times are epoch milliseconds (INTEGER): compact, and ordered the way they compare.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    instance_admin INTEGER NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE);

CREATE TABLE api_keys (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX api_keys_user ON api_keys (user_id, created_at);

CREATE TABLE audit_events (
    scope      TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    actor      TEXT,
    action     TEXT NOT NULL,
    target     TEXT,
    details    TEXT NOT NULL,
    request_id TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL,
    PRIMARY KEY (scope, seq)
) WITHOUT ROWID;

-- Append-only: refuse edits made through the application; tampering outside it is what verify finds.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

CREATE TABLE outbox (
    id            TEXT PRIMARY KEY,
    scope         TEXT,
    type          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    dispatched_at INTEGER
);
CREATE INDEX outbox_pending ON outbox (created_at, id) WHERE dispatched_at IS NULL;
