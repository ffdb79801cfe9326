package org.countersign.http.internal;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of the instance configuration the HTTP server reads; {@code a_b()} reads the key {@code a.b}. */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign HTTP server",
        description = "The JSON API, the console's sign-in and how failed authentications are slowed down")
public @interface HttpConfiguration {

    @AttributeDefinition(description = "Address the HTTP server binds to (0.0.0.0 for all interfaces)")
    String http_host() default "127.0.0.1";

    @AttributeDefinition(description = "HTTP port")
    int http_port() default 7070;

    @AttributeDefinition(description = "Largest request body accepted; larger ones get 413 body_too_large")
    long http_max_body_bytes() default 1_048_576L;

    @AttributeDefinition(required = false,
            description = "Where people reach this instance (default http://<http.host>:<http.port>)")
    String public_url() default "";

    @AttributeDefinition(description = "Failed authentications one client address may make within the window")
    int auth_throttle_max_failures() default 10;

    @AttributeDefinition(description = "Sliding window (ms) failures are counted in")
    long auth_throttle_window_ms() default 60_000L;

    @AttributeDefinition(description = "Length (ms) of the first block; each further block doubles it")
    long auth_throttle_block_ms() default 60_000L;

    @AttributeDefinition(description = "The longest block (ms)")
    long auth_throttle_block_max_ms() default 3_600_000L;

    @AttributeDefinition(description = "Client addresses tracked at most")
    int auth_throttle_max_clients() default 10_000;

    @AttributeDefinition(description = "Tokens remembered per address as having worked there")
    int auth_throttle_known_tokens() default 8;

    @AttributeDefinition(required = false, description = "OpenID Connect issuer URL; unset: passwords only")
    String oidc_issuer() default "";

    @AttributeDefinition(description = "OpenID Connect client id")
    String oidc_client_id() default "countersign";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "OpenID Connect client secret")
    String oidc_client_secret() default "";

    @AttributeDefinition(description = "Whether a verified email the provider vouches for but no user has yet creates "
            + "that user")
    boolean oidc_autoProvision() default false;
}
