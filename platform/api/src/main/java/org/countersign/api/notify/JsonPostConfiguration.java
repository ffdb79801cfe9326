package org.countersign.api.notify;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The keys of the instance configuration {@link JsonPost} reads, for the channels that post JSON (Slack,
 * webhooks); {@code a_b()} reads the key {@code a.b}.
 */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign HTTP channels",
        description = "How Slack and webhook deliveries reach their targets")
public @interface JsonPostConfiguration {

    @AttributeDefinition(description = "Also refuse Slack and webhook targets on loopback and private networks")
    boolean webhook_deny_private() default false;

    @AttributeDefinition(description = "Time limit (ms) of one delivery attempt")
    long notify_timeout_ms() default 10_000;
}
