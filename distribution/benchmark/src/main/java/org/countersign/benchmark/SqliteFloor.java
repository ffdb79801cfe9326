package org.countersign.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * The floor: plain JDBC on SQLite with Countersign's durability (WAL, {@code synchronous=FULL}, one writer taking
 * turns, {@code BEGIN IMMEDIATE}), writing the rows Countersign writes for a lifecycle (resource, draft, request,
 * item, reviews, revision, hash-chained audit events, outbox entries) in the same four transactions, with the
 * same checks, and nothing else: no HTTP, no authorization, no rules, no views.
 */
final class SqliteFloor implements Lifecycle {

    private static final String AUTHOR = "author";
    private static final String[] APPROVERS = {"approver-1", "approver-2"};
    private static final String LOCK_HEAD = "SELECT seq, hash FROM audit_head WHERE id = 1";

    private final Connection db;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final String sourceId = id();

    SqliteFloor(Path dir) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        // every transaction takes the write lock when it begins, as Countersign's do
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        db = config.createConnection("jdbc:sqlite:" + dir.resolve("floor.db"));
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE resources (id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL,"
                    + " state TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE drafts (resource_id TEXT PRIMARY KEY REFERENCES resources (id), version INTEGER"
                    + " NOT NULL, content TEXT NOT NULL, updated_by TEXT NOT NULL, request_id TEXT)");
            s.execute("CREATE TABLE revisions (resource_id TEXT NOT NULL, number INTEGER NOT NULL, content TEXT NOT"
                    + " NULL, author TEXT, published_by TEXT, request_id TEXT, created_at INTEGER NOT NULL,"
                    + " PRIMARY KEY (resource_id, number))");
            s.execute("CREATE TABLE requests (id TEXT PRIMARY KEY, state TEXT NOT NULL, author TEXT NOT NULL,"
                    + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
            s.execute("CREATE TABLE request_items (request_id TEXT NOT NULL, resource_id TEXT NOT NULL,"
                    + " PRIMARY KEY (request_id, resource_id))");
            s.execute("CREATE TABLE reviews (request_id TEXT NOT NULL, user_id TEXT NOT NULL, verdict TEXT NOT NULL,"
                    + " at INTEGER NOT NULL, PRIMARY KEY (request_id, user_id))");
            s.execute("CREATE TABLE outbox (id TEXT PRIMARY KEY, type TEXT NOT NULL, payload TEXT NOT NULL,"
                    + " created_at INTEGER NOT NULL)");
            s.execute(AuditChain.SCHEMA);
            s.execute(AuditChain.HEAD);
            s.execute(AuditChain.FIRST_HEAD);
        }
        db.setAutoCommit(false);
        inTransaction(() -> {
            long now = System.currentTimeMillis();
            Sql.update(db, "INSERT INTO resources VALUES (?, 'source', 'Warehouse', 'published', ?, ?)", sourceId,
                    now, now);
            Sql.update(db, "INSERT INTO revisions VALUES (?, 1, '{}', ?, ?, NULL, ?)", sourceId, AUTHOR, AUTHOR, now);
            return null;
        });
    }

    @Override
    public String name() {
        return "floor";
    }

    @Override
    public void run(int client, long n) throws Exception {
        String content = Models.content("Model " + client + "-" + n, sourceId);
        String resource = inTransaction(() -> {
            Lifecycle.expect("published".equals(Sql.single(db, "SELECT state FROM resources WHERE id = ?", sourceId)),
                    "the source is published");
            String id = id();
            long now = System.currentTimeMillis();
            Sql.update(db, "INSERT INTO resources VALUES (?, 'model', ?, 'draft', ?, ?)", id, "Model", now, now);
            Sql.update(db, "INSERT INTO drafts VALUES (?, 1, ?, ?, NULL)", id, content, AUTHOR);
            record(AUTHOR, "resource.created", id);
            return id;
        });
        String request = inTransaction(() -> {
            Lifecycle.expect(Sql.single(db, "SELECT request_id FROM drafts WHERE resource_id = ?", resource) == null,
                    "the draft is in no other request");
            String id = id();
            long now = System.currentTimeMillis();
            Sql.update(db, "INSERT INTO requests VALUES (?, 'open', ?, ?, ?)", id, AUTHOR, now, now);
            Sql.update(db, "INSERT INTO request_items VALUES (?, ?)", id, resource);
            Sql.update(db, "UPDATE drafts SET request_id = ? WHERE resource_id = ?", id, resource);
            record(AUTHOR, "request.submitted", id);
            return id;
        });
        for (String approver : APPROVERS) {
            inTransaction(() -> {
                approve(request, resource, approver);
                return null;
            });
        }
        Lifecycle.expect("applied".equals(inTransaction(() -> Sql.single(db, "SELECT state FROM requests WHERE id = ?",
                request))), "the request is applied");
    }

    private void approve(String request, String resource, String approver) throws SQLException {
        Lifecycle.expect("open".equals(Sql.single(db, "SELECT state FROM requests WHERE id = ?", request)), "open");
        Lifecycle.expect(!approver.equals(Sql.single(db, "SELECT author FROM requests WHERE id = ?", request)),
                "not the author");
        long now = System.currentTimeMillis();
        Sql.update(db, "INSERT INTO reviews VALUES (?, ?, 'approved', ?)", request, approver, now);
        record(approver, "request.approved", request);
        int approvals = Integer.parseInt(Sql.single(db, "SELECT count(*) FROM reviews WHERE request_id = ?"
                + " AND verdict = 'approved'", request));
        if (approvals < APPROVERS.length) {
            return;
        }
        String content = Sql.single(db, "SELECT content FROM drafts WHERE resource_id = ?", resource);
        Sql.update(db, "INSERT INTO revisions VALUES (?, 1, ?, ?, ?, ?, ?)", resource, content, AUTHOR, approver,
                request, now);
        Sql.update(db, "DELETE FROM drafts WHERE resource_id = ?", resource);
        Sql.update(db, "UPDATE resources SET state = 'published', updated_at = ? WHERE id = ?", now, resource);
        Sql.update(db, "UPDATE requests SET state = 'applied', updated_at = ? WHERE id = ?", now, request);
        record(approver, "resource.published", resource);
        record(approver, "request.applied", request);
    }

    /** An audit event and its outbox entry, as every change in Countersign has. */
    private void record(String actor, String action, String target) throws SQLException {
        AuditChain.append(db, LOCK_HEAD, actor, action, target, "{}");
        Sql.update(db, "INSERT INTO outbox VALUES (?, ?, ?, ?)", id(), action, "{\"target\":\"" + target + "\"}",
                System.currentTimeMillis());
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        writer.lock();
        try {
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            }
        } finally {
            writer.unlock();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    @Override
    public long cpuNanos() {
        return Lifecycle.processCpuNanos();
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
