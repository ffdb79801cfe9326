package org.countersign.rules.internal;

import java.time.Duration;
import java.util.List;
import org.countersign.api.config.InstanceConfig;
import org.countersign.api.metrics.Telemetry;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Groovy rule engine service (docs/domain.md#approval-rules): rules run in this JVM on deadline-bound threads
 * ({@code rules.isolation=thread}, the default) or in a separate worker JVM with its own small heap that is
 * killed and restarted when it overruns ({@code rules.isolation=process}).
 */
@Component(service = RuleEngine.class, configurationPid = InstanceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class GroovyRuleEngine implements RuleEngine {

    private static final Logger LOG = LoggerFactory.getLogger(GroovyRuleEngine.class);
    static final long DEFAULT_TIMEOUT_MS = 100;

    private final RuleEngine engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Telemetry telemetry;

    @Activate
    public GroovyRuleEngine(BundleContext context, RulesConfiguration config) {
        long timeoutMs = config.rules_timeout_ms();
        String isolation = config.rules_isolation();
        if ("process".equals(isolation)) {
            engine = new ProcessRules(WorkerClasspath.of(context), timeoutMs);
        } else {
            engine = new ThreadedRules(timeoutMs);
            // in the background, so the start is not held up; by the first change the runtime is loaded
            Thread warmUp = new Thread(WarmUp::run, "countersign-rules-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        LOG.info("Rules are evaluated in {} isolation with a {} ms deadline", isolation, timeoutMs);
    }

    @Deactivate
    void close() throws Exception {
        ((AutoCloseable) engine).close();
    }

    @Override
    public List<RuleProblem> check(String source) {
        return engine.check(source);
    }

    @Override
    public RuleDecision evaluate(String source, RuleContext context) {
        long started = System.nanoTime();
        RuleDecision decision = engine.evaluate(source, context);
        Telemetry metrics = telemetry;
        if (metrics != null) {
            metrics.ruleEvaluated(outcome(decision), Duration.ofNanos(System.nanoTime() - started));
        }
        return decision;
    }

    /** Both isolations fail closed with a block that says why: an overrun or any other error. */
    static Telemetry.RuleOutcome outcome(RuleDecision decision) {
        Telemetry.RuleOutcome outcome = Telemetry.RuleOutcome.DECIDED;
        for (String block : decision.blocks()) {
            if (block.startsWith(ThreadedRules.FAILED + ThreadedRules.OVERRAN)
                    || block.startsWith(ThreadedRules.FAILED + ProcessRules.RESTARTED)) {
                return Telemetry.RuleOutcome.TIMEOUT;
            }
            if (block.startsWith(ThreadedRules.FAILED)) {
                outcome = Telemetry.RuleOutcome.ERROR;
            }
        }
        return outcome;
    }
}
