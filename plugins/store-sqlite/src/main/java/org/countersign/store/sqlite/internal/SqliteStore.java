package org.countersign.store.sqlite.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.countersign.api.error.CountersignException;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.storage.StorageException;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.TxWork;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link Store} on one SQLite file. Writers take turns on the single writer connection, so concurrent requests
 * queue here instead of ever meeting SQLITE_BUSY, and writers that queue together share one commit
 * ({@link GroupCommit}); readers use their own connections and see the last committed snapshot.
 */
public final class SqliteStore implements Store, AutoCloseable {

    private final SqliteConnections connections;
    private final Jdbi writers;
    private final Jdbi readers;
    private final GroupCommit writes;

    private SqliteStore(SqliteConnections connections) {
        this.connections = connections;
        this.writers = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connections.writer();
            }

            @Override
            public void closeConnection(Connection connection) {
                // the writer stays open for the life of the store
            }
        });
        this.writes = new GroupCommit(writers);
        this.readers = Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return connections.borrowReader();
            }

            @Override
            public void closeConnection(Connection connection) throws SQLException {
                connections.returnReader(connection);
            }
        });
    }

    /** Opens the database with {@code synchronous=FULL}; see {@link #open(Path, SqliteSynchronous)}. */
    public static SqliteStore open(Path file) {
        return open(file, SqliteSynchronous.FULL);
    }

    /** Opens (creating if needed) the database and brings its schema up to date. */
    static SqliteStore open(Path file, SqliteSynchronous synchronous) {
        SqliteConnections connections;
        try {
            connections = new SqliteConnections(file, synchronous);
        } catch (SQLException e) {
            throw new StorageException("Cannot open the SQLite database " + file + ": " + e.getMessage(), e);
        }
        SqliteStore store = new SqliteStore(connections);
        try {
            store.writes.alone(Migrations::apply);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    @Override
    public <T> T write(TxWork<T> work) {
        try {
            return writes.write(handle -> work.run(new SqliteTx(handle)));
        } catch (JdbiException e) {
            throw storageFailure(e);
        }
    }

    @Override
    public <T> T read(TxWork<T> work) {
        try {
            return readers.inTransaction(handle -> work.run(new SqliteTx(handle)));
        } catch (JdbiException e) {
            throw storageFailure(e);
        }
    }

    /** Reports the writers' waits and shared commits there from now on. */
    void reportTo(Telemetry telemetry) {
        writes.reportTo(telemetry);
    }

    /** The writers' turns and shared commits (for tests). */
    GroupCommit writes() {
        return writes;
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    private static CountersignException storageFailure(JdbiException e) {
        return new StorageException("Database failure: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        writes.lockForClose();
        try {
            connections.close();
        } catch (SQLException e) {
            throw new StorageException("Cannot close the database cleanly: " + e.getMessage(), e);
        } finally {
            writes.unlockAfterClose();
        }
    }
}
