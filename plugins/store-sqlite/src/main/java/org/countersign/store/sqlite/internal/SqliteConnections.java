package org.countersign.store.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The connections to one SQLite file: a single writer whose transactions begin IMMEDIATE, and a small
 * pool of query-only readers (WAL lets them read while the writer writes). Data sources, not
 * DriverManager: under OSGi the caller's class loader cannot see the driver.
 */
final class SqliteConnections implements AutoCloseable {

    private static final int READER_POOL_SIZE = 4;
    /** Waits for locks held by other processes (backup tools); our own writers never contend. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final DatabaseFile owned;
    private final SQLiteDataSource writerSource;
    private final SQLiteDataSource readerSource;
    private final Connection writer;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READER_POOL_SIZE);

    SqliteConnections(Path file, SqliteSynchronous synchronous) throws SQLException {
        owned = DatabaseFile.claim(file);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        writerSource = dataSource(url, synchronous, false);
        readerSource = dataSource(url, synchronous, true);
        try {
            writer = writerSource.getConnection();
        } catch (SQLException e) {
            owned.close();
            throw e;
        }
    }

    private static SQLiteDataSource dataSource(String url, SqliteSynchronous synchronous, boolean readOnly) {
        SQLiteConfig config = new SQLiteConfig();
        if (!readOnly) {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        config.setSynchronous(synchronous.pragma());
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setReadOnly(readOnly);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(url);
        return source;
    }

    /** The one writer connection; callers must hold the store's write lock. */
    Connection writer() {
        return writer;
    }

    Connection borrowReader() throws SQLException {
        Connection idle = idleReaders.poll();
        return idle != null ? idle : readerSource.getConnection();
    }

    void returnReader(Connection connection) throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
        if (!idleReaders.offer(connection)) {
            connection.close();
        }
    }

    @Override
    public void close() throws SQLException {
        Connection reader;
        while ((reader = idleReaders.poll()) != null) {
            reader.close();
        }
        try {
            writer.close();
        } finally {
            owned.close();
        }
    }
}
