package org.countersign.notify.email.internal;

/**
 * The SMTP settings of the instance. {@code host} is null when the operator has not configured email yet;
 * {@code user} is null when the server takes mail without logging in.
 */
record EmailSettings(String host, int port, String from, String user, String password, boolean starttls,
        long timeoutMs) {

    static final int DEFAULT_PORT = 25;
    static final String DEFAULT_FROM = "countersign@localhost";
    static final long DEFAULT_TIMEOUT_MS = 10_000;

    static EmailSettings from(EmailConfiguration config) {
        return new EmailSettings(unsetIfBlank(config.smtp_host()), config.smtp_port(), config.smtp_from(),
                unsetIfBlank(config.smtp_user()), unsetIfBlank(config.smtp_password()), config.smtp_starttls(),
                config.notify_timeout_ms());
    }

    private static String unsetIfBlank(String value) {
        return value.isBlank() ? null : value.strip();
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
