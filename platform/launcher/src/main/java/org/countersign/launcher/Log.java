package org.countersign.launcher;

import java.io.PrintStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own log lines, in the same shape as the bundles' (slf4j-simple on stderr). */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX");
    private static final PrintStream OUT = System.err;

    private Log() {
    }

    static void info(String message) {
        line("INFO", message);
    }

    static void warn(String message) {
        line("WARN", message);
    }

    static void error(String message) {
        line("ERROR", message);
    }

    private static void line(String level, String message) {
        OUT.println(TIME.format(OffsetDateTime.now()) + " [" + Thread.currentThread().getName() + "] " + level
                + " countersign.launcher - " + message);
    }
}
