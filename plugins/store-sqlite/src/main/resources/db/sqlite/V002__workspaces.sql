-- Workspaces, their members and custom roles. Settings and role statements are JSON documents owned by
-- the core; storage keeps them as text. Times are epoch milliseconds.

CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    settings   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT
);

CREATE TABLE members (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    user_id      TEXT NOT NULL REFERENCES users (id),
    role         TEXT NOT NULL,
    since        INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, user_id)
) WITHOUT ROWID;
-- a user's workspaces (GET /workspaces, /me) and the holders of a role (last admin, role in use, reviewers)
CREATE INDEX members_by_user ON members (user_id, workspace_id);
CREATE INDEX members_by_role ON members (workspace_id, role, user_id);

CREATE TABLE roles (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    name         TEXT NOT NULL,
    description  TEXT NOT NULL,
    statements   TEXT NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, name)
) WITHOUT ROWID;
