package org.countersign.store.sqlite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations, applied in order at start. Each runs in its own transaction together with
 * its row in {@code schema_version}, so a crash leaves the schema at a whole version. Migrations are
 * append-only: never edit one that has shipped.
 */
final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** In order; the number is the version. */
    static final List<String> SCRIPTS = List.of("V001__foundation.sql", "V002__workspaces.sql",
            "V003__resources_and_requests.sql", "V004__rule_scripts.sql", "V005__notifications.sql",
            "V006__approval_integrity.sql", "V007__console_sign_in.sql", "V008__metrics.sql");

    private Migrations() {
    }

    static void apply(Handle handle) {
        handle.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                + "script TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        Set<Integer> applied = Set.copyOf(handle.createQuery("SELECT version FROM schema_version")
                .mapTo(Integer.class).list());
        for (int i = 0; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            if (applied.contains(version)) {
                continue;
            }
            String script = SCRIPTS.get(i);
            handle.useTransaction(tx -> {
                runScript(tx.getConnection(), read(script));
                tx.execute("INSERT INTO schema_version(version, script, applied_at) VALUES (?, ?, ?)",
                        version, script, System.currentTimeMillis());
            });
            LOG.info("Applied database migration {}", script);
        }
    }

    /** sqlite-jdbc runs every statement of a multi-statement string, triggers included. */
    private static void runScript(Connection connection, String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Migration failed: " + e.getMessage(), e);
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/sqlite/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Missing migration " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration " + script, e);
        }
    }
}
