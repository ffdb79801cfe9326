package org.countersign.notify.email.internal;

import org.countersign.api.config.ConfigKeys;
import org.countersign.api.config.RuntimeConfig;

/**
 * The SMTP settings of the instance. {@code host} is null when the operator has not configured email yet;
 * {@code user} is null when the server takes mail without logging in.
 */
record EmailSettings(String host, int port, String from, String user, String password, boolean starttls,
        int timeoutMs) {

    static final int DEFAULT_PORT = 25;
    static final String DEFAULT_FROM = "countersign@localhost";
    static final int DEFAULT_TIMEOUT_MS = 10_000;

    static EmailSettings from(RuntimeConfig config) {
        return new EmailSettings(
                config.get(ConfigKeys.SMTP_HOST, null),
                config.getInt(ConfigKeys.SMTP_PORT, DEFAULT_PORT),
                config.get(ConfigKeys.SMTP_FROM, DEFAULT_FROM),
                config.get(ConfigKeys.SMTP_USER, null),
                config.get(ConfigKeys.SMTP_PASSWORD, null),
                config.getBoolean(ConfigKeys.SMTP_STARTTLS, false),
                config.getInt(ConfigKeys.NOTIFY_TIMEOUT_MS, DEFAULT_TIMEOUT_MS));
    }

    boolean configured() {
        return host != null && !host.isBlank();
    }

    boolean authenticated() {
        return user != null && !user.isBlank();
    }

    /** How delivery errors name the server. */
    String server() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        // records print every component; the password must never reach a log
        return "EmailSettings[" + server() + " from " + from + (authenticated() ? " as " + user : "")
                + (starttls ? " starttls" : "") + " timeout " + timeoutMs + "ms]";
    }
}
