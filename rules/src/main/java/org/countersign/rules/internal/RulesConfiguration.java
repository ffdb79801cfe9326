package org.countersign.rules.internal;

import org.countersign.api.config.InstanceConfig;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The keys of the instance configuration the rule engine reads; {@code a_b()} reads the key {@code a.b}. */
@ObjectClassDefinition(pid = InstanceConfig.PID, name = "Countersign rule engine",
        description = "Where and how long approval rules run")
public @interface RulesConfiguration {

    @AttributeDefinition(description = "Time limit (ms) of one rules evaluation; a script that overruns fails closed")
    long rules_timeout_ms() default GroovyRuleEngine.DEFAULT_TIMEOUT_MS;

    @AttributeDefinition(description = "thread: worker threads with a deadline; process: a separate worker JVM",
            options = {@Option(value = "thread", label = "thread"), @Option(value = "process", label = "process")})
    String rules_isolation() default "thread";
}
