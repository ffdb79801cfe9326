-- Versioned rules scripts per workspace; the highest version is in force. Times are epoch milliseconds.

CREATE TABLE rule_scripts (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    version      INTEGER NOT NULL,
    source       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    created_by   TEXT,
    managed_by   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, version)
) WITHOUT ROWID;
