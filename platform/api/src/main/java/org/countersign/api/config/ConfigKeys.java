package org.countersign.api.config;

/** The configuration keys of docs/architecture.md; their names are part of the contract. */
public interface ConfigKeys {
    /** Where the instance keeps its data: database, tokens, keys (default {@code data} in the installation folder). */
    String DATA_DIR = "data.dir";
    /** The key write-only secrets are encrypted with at rest (default {@code <data.dir>/secret.key}). */
    String SECRETS_KEY_FILE = "secrets.key.file";
    String HTTP_HOST = "http.host";
    String HTTP_PORT = "http.port";
    String HTTP_MAX_BODY_BYTES = "http.max.body.bytes";
    /** Failed authentications one client address may make within the window before it is blocked (default 10). */
    String AUTH_THROTTLE_MAX_FAILURES = "auth.throttle.max.failures";
    /** The sliding window failures are counted in (ms, default 60000). */
    String AUTH_THROTTLE_WINDOW_MS = "auth.throttle.window.ms";
    /** How long the first block lasts (ms, default 60000); each further block doubles it. */
    String AUTH_THROTTLE_BLOCK_MS = "auth.throttle.block.ms";
    /** The longest block (ms, default 3600000). */
    String AUTH_THROTTLE_BLOCK_MAX_MS = "auth.throttle.block.max.ms";
    /** Client addresses tracked at most; the least recently seen is forgotten first (default 10000). */
    String AUTH_THROTTLE_MAX_CLIENTS = "auth.throttle.max.clients";
    /** Tokens remembered per address as having worked there, still accepted while it is blocked (default 8). */
    String AUTH_THROTTLE_KNOWN_TOKENS = "auth.throttle.known.tokens";
    /** The storage backend; {@code sqlite}, the embedded default, is the one this distribution ships. */
    String STORAGE = "storage";
    String SQLITE_PATH = "sqlite.path";
    String SQLITE_SYNCHRONOUS = "sqlite.synchronous";
    String PUBLIC_URL = "public.url";
    String SMTP_HOST = "smtp.host";
    String SMTP_PORT = "smtp.port";
    String SMTP_FROM = "smtp.from";
    String SMTP_USER = "smtp.user";
    String SMTP_PASSWORD = "smtp.password";
    String SMTP_STARTTLS = "smtp.starttls";
    String ADMIN_TOKEN = "admin.token";
    /** Seconds without activity after which a console session ends (default 1800: half an hour). */
    String SESSION_IDLE_SECONDS = "session.idle.seconds";
    /** Hours an invite link stays valid (default 72). */
    String INVITE_HOURS = "invite.hours";
    /** OpenID Connect single sign-on: the provider's issuer URL (unset: no single sign-on). */
    String OIDC_ISSUER = "oidc.issuer";
    String OIDC_CLIENT_ID = "oidc.client.id";
    String OIDC_CLIENT_SECRET = "oidc.client.secret";
    /** Whether a verified email the provider vouches for but no user has yet creates that user (default false). */
    String OIDC_AUTO_PROVISION = "oidc.autoProvision";
    String RULES_TIMEOUT_MS = "rules.timeout.ms";
    String RULES_ISOLATION = "rules.isolation";
    String WEBHOOK_DENY_PRIVATE = "webhook.deny.private";
    /** How often the notification dispatcher looks for new events and due deliveries (ms, default 500). */
    String NOTIFY_POLL_MS = "notify.poll.ms";
    /** Attempts before a delivery is dead-lettered (default 10). */
    String NOTIFY_MAX_ATTEMPTS = "notify.max.attempts";
    /** Delay before the first retry (ms, default 1000); doubled after each failure. */
    String NOTIFY_BACKOFF_MS = "notify.backoff.ms";
    /** The longest delay between retries (ms, default 3600000). */
    String NOTIFY_BACKOFF_MAX_MS = "notify.backoff.max.ms";
    /** How long one attempt may take: connect, send and wait for the answer (ms, default 10000). */
    String NOTIFY_TIMEOUT_MS = "notify.timeout.ms";
    /** Days delivered deliveries and dispatched outbox events are kept (default 30). */
    String NOTIFY_RETENTION_DAYS = "notify.retention.days";
}
