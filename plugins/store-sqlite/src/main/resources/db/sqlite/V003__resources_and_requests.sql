-- Resources, their labels, drafts, revisions, publications per environment, runs, and approval requests.
-- Documents (labels, owners, content) are JSON text written by the core. Times are epoch milliseconds.

CREATE TABLE resources (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    type         TEXT NOT NULL,
    name         TEXT NOT NULL,
    labels       TEXT NOT NULL,
    owners       TEXT NOT NULL,
    state        TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    created_by   TEXT,
    updated_at   INTEGER NOT NULL
);
-- the list filters: all of a workspace, by type, by state, each in id order for keyset paging
CREATE INDEX resources_by_workspace ON resources (workspace_id, id);
CREATE INDEX resources_by_type ON resources (workspace_id, type, id);
CREATE INDEX resources_by_state ON resources (workspace_id, state, id);

-- one row per label, kept in step with resources.labels, so that label filters use an index
CREATE TABLE resource_labels (
    workspace_id TEXT NOT NULL,
    key          TEXT NOT NULL,
    value        TEXT NOT NULL,
    resource_id  TEXT NOT NULL REFERENCES resources (id),
    PRIMARY KEY (workspace_id, key, value, resource_id)
) WITHOUT ROWID;
CREATE INDEX resource_labels_by_resource ON resource_labels (resource_id);

CREATE TABLE drafts (
    resource_id   TEXT PRIMARY KEY REFERENCES resources (id),
    version       INTEGER NOT NULL,
    content       TEXT NOT NULL,
    contributors  TEXT NOT NULL,
    base_revision INTEGER,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT,
    request_id    TEXT
) WITHOUT ROWID;

CREATE TABLE revisions (
    resource_id TEXT NOT NULL REFERENCES resources (id),
    number      INTEGER NOT NULL,
    content     TEXT NOT NULL,
    author      TEXT,
    created_at  INTEGER NOT NULL,
    comment     TEXT,
    request_id  TEXT,
    PRIMARY KEY (resource_id, number)
) WITHOUT ROWID;

CREATE TABLE publications (
    resource_id  TEXT NOT NULL REFERENCES resources (id),
    environment  TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    published_by TEXT,
    PRIMARY KEY (resource_id, environment)
) WITHOUT ROWID;

CREATE TABLE runs (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    resource_id  TEXT NOT NULL,
    environment  TEXT NOT NULL,
    revision     INTEGER NOT NULL,
    actor        TEXT,
    at           INTEGER NOT NULL
);
CREATE INDEX runs_by_resource ON runs (resource_id, at);

-- Approval requests, numbered per workspace; ids grow with time, so id order is age order.
CREATE TABLE requests (
    id             TEXT PRIMARY KEY,
    workspace_id   TEXT NOT NULL REFERENCES workspaces (id),
    number         INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    state          TEXT NOT NULL,
    author         TEXT NOT NULL,
    reviewers      TEXT NOT NULL,
    comment        TEXT,
    source_env     TEXT,
    target_env     TEXT,
    round          INTEGER NOT NULL,
    apply_manually INTEGER NOT NULL,
    blocked_by     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (workspace_id, number)
);
CREATE INDEX requests_by_workspace ON requests (workspace_id, id);
CREATE INDEX requests_by_state ON requests (workspace_id, state, id);
CREATE INDEX requests_by_author ON requests (workspace_id, author, id);

CREATE TABLE request_items (
    request_id    TEXT NOT NULL REFERENCES requests (id),
    position      INTEGER NOT NULL,
    resource_id   TEXT NOT NULL REFERENCES resources (id),
    draft_version INTEGER,
    revision      INTEGER,
    PRIMARY KEY (request_id, position)
) WITHOUT ROWID;
CREATE INDEX request_items_by_resource ON request_items (resource_id);

CREATE TABLE reviews (
    request_id TEXT NOT NULL REFERENCES requests (id),
    seq        INTEGER NOT NULL,
    user_id    TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    comment    TEXT,
    at         INTEGER NOT NULL,
    round      INTEGER NOT NULL,
    PRIMARY KEY (request_id, seq)
) WITHOUT ROWID;

CREATE TABLE request_events (
    request_id TEXT NOT NULL REFERENCES requests (id),
    seq        INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    actor      TEXT,
    action     TEXT NOT NULL,
    comment    TEXT,
    PRIMARY KEY (request_id, seq)
) WITHOUT ROWID;
