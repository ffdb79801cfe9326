-- The in-app inbox and the delivery log of the notification channels (docs/domain.md#notifications).

CREATE TABLE inbox (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    event_id     TEXT NOT NULL,
    type         TEXT NOT NULL,
    title        TEXT NOT NULL,
    text         TEXT NOT NULL,
    link         TEXT,
    request_id   TEXT,
    created_at   INTEGER NOT NULL,
    read_at      INTEGER
);
-- one notification per user and event, however often an event is fanned out
CREATE UNIQUE INDEX inbox_user_event ON inbox (user_id, event_id);
CREATE INDEX inbox_user ON inbox (user_id, id);
CREATE INDEX inbox_user_unread ON inbox (user_id, id) WHERE read_at IS NULL;

CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,
    workspace_id    TEXT NOT NULL REFERENCES workspaces (id),
    event_id        TEXT NOT NULL,
    event_type      TEXT NOT NULL,
    channel         TEXT NOT NULL,
    recipient       TEXT,
    url             TEXT,
    secret          TEXT,
    message         TEXT NOT NULL,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_until     INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    delivered_at    INTEGER
);
-- the dispatcher's queue: only pending rows, per channel (a missing channel's backlog is never scanned)
CREATE INDEX deliveries_due ON deliveries (channel, next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_workspace ON deliveries (workspace_id, id);
CREATE INDEX deliveries_workspace_state ON deliveries (workspace_id, state, id);
-- old delivered deliveries and dispatched events are pruned (notify.retention.days): found by age
CREATE INDEX deliveries_delivered ON deliveries (delivered_at) WHERE state = 'delivered';
CREATE INDEX outbox_dispatched ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL;
