-- Console sign-in (docs/domain.md#users-and-api-keys): password hashes (Argon2id, PHC strings), console sessions and one-time invite links.
-- Session and invite tokens are stored only as their SHA-256, like API tokens.
CREATE TABLE passwords (
    user_id      TEXT PRIMARY KEY REFERENCES users (id),
    hash         TEXT NOT NULL,
    must_change  INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    csrf         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_last_seen ON sessions (last_seen_at);

CREATE TABLE invites (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER
) WITHOUT ROWID;
CREATE INDEX invites_by_user ON invites (user_id);

-- Every saved draft version, so a reviewer can see what changed since the version they reviewed; each review
-- records the draft versions it was given on.
CREATE TABLE draft_versions (
    resource_id  TEXT NOT NULL REFERENCES resources (id),
    version      INTEGER NOT NULL,
    content      TEXT NOT NULL,
    saved_at     INTEGER NOT NULL,
    saved_by     TEXT,
    PRIMARY KEY (resource_id, version)
) WITHOUT ROWID;
ALTER TABLE reviews ADD COLUMN draft_versions TEXT;
