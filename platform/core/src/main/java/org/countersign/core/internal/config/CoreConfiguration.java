package org.countersign.core.internal.config;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of the instance configuration the engine reads, with their types and defaults. Declarative Services
 * hands it to the engine's components; the metatype generated from it lets the instance check a configured
 * value before anything uses it. A method {@code a_b_c()} reads the key {@code a.b.c}.
 */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign engine",
        description = "Identity, sessions, notifications and the data folder")
public @interface CoreConfiguration {

    @AttributeDefinition(description = "The installation folder; set by the launcher, relative paths resolve against it")
    String home() default ".";

    @AttributeDefinition(description = "Where the instance keeps its data: the database, the initial admin token, "
            + "the secret key and the framework cache")
    String data_dir() default "data";

    @AttributeDefinition(description = "The key write-only secrets are encrypted with at rest (default secret.key in "
            + "data.dir)", required = false)
    String secrets_key_file() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false,
            description = "Token of admin@localhost, used only on the first start with an empty database")
    String admin_token() default "";

    @AttributeDefinition(required = false,
            description = "Base URL used in notification links (default http://<http.host>:<http.port>)")
    String public_url() default "";

    @AttributeDefinition(description = "Address the HTTP server binds to")
    String http_host() default "127.0.0.1";

    @AttributeDefinition(description = "HTTP port")
    int http_port() default 7070;

    @AttributeDefinition(description = "A console session ends after this many seconds without a request")
    long session_idle_seconds() default 1800;

    @AttributeDefinition(description = "How many hours an invite link stays valid")
    long invite_hours() default 72;

    @AttributeDefinition(description = "How often (ms) the dispatcher looks for new events and due deliveries")
    long notify_poll_ms() default 500;

    @AttributeDefinition(description = "Attempts before a delivery is given up")
    int notify_max_attempts() default 10;

    @AttributeDefinition(description = "Delay (ms) before the first retry, doubled after each failure")
    long notify_backoff_ms() default 1000;

    @AttributeDefinition(description = "The longest delay (ms) between retries")
    long notify_backoff_max_ms() default 3_600_000;

    @AttributeDefinition(description = "Time limit (ms) of one delivery attempt")
    long notify_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Days delivered deliveries and dispatched events are kept")
    int notify_retention_days() default 30;
}
