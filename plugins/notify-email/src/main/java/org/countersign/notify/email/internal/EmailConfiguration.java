package org.countersign.notify.email.internal;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The keys of the instance configuration the email channel reads; {@code a_b()} reads the key {@code a.b}. */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign email channel",
        description = "The SMTP server email notifications go through")
public @interface EmailConfiguration {

    @AttributeDefinition(required = false, description = "SMTP server; unset: emails wait and say why")
    String smtp_host() default "";

    @AttributeDefinition(description = "SMTP port")
    int smtp_port() default EmailSettings.DEFAULT_PORT;

    @AttributeDefinition(description = "Sender address")
    String smtp_from() default EmailSettings.DEFAULT_FROM;

    @AttributeDefinition(required = false, description = "SMTP user; unset: no authentication")
    String smtp_user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, required = false, description = "SMTP password")
    String smtp_password() default "";

    @AttributeDefinition(description = "Require STARTTLS")
    boolean smtp_starttls() default false;

    @AttributeDefinition(description = "Time limit (ms) of one delivery attempt")
    long notify_timeout_ms() default EmailSettings.DEFAULT_TIMEOUT_MS;
}
