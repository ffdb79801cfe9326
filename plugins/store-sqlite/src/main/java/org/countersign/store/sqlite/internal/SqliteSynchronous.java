package org.countersign.store.sqlite.internal;

import java.util.Locale;
import org.sqlite.SQLiteConfig;

/** The accepted values of {@code sqlite.synchronous}; FULL makes an acknowledged commit survive power loss. */
enum SqliteSynchronous {
    OFF(SQLiteConfig.SynchronousMode.OFF),
    NORMAL(SQLiteConfig.SynchronousMode.NORMAL),
    FULL(SQLiteConfig.SynchronousMode.FULL);

    private final SQLiteConfig.SynchronousMode pragma;

    SqliteSynchronous(SQLiteConfig.SynchronousMode pragma) {
        this.pragma = pragma;
    }

    SQLiteConfig.SynchronousMode pragma() {
        return pragma;
    }

    static SqliteSynchronous parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sqlite.synchronous must be OFF, NORMAL or FULL, not '" + value + "'", e);
        }
    }
}
