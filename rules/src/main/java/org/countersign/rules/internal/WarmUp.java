package org.countersign.rules.internal;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RuleContext;

/**
 * One evaluation with a generous deadline before the first real one. A fresh JVM loads and initialises Groovy's
 * runtime, the DSL and RE2/J on its first evaluation, which alone can take longer than the deadline: the first
 * change after a start would then fail closed for no reason of its own (and in a worker process, an overrun
 * replaces the worker with another cold one).
 */
final class WarmUp {

    private static final String SCRIPT = """
            rule 'warm-up', {
                when { resource.name ==~ /w.*/ && change.items.contains('x') && !(resource.name =~ /\\d/) }
                requireApproval()
                approvals 1, from: role('admin')
            }
            """;
    private static final long TIMEOUT_MS = 30_000;

    private WarmUp() {
    }

    static void run() {
        try (ThreadedRules rules = new ThreadedRules(TIMEOUT_MS)) {
            rules.evaluate(SCRIPT, new RuleContext(Map.of("kind", "publish", "items", List.of("x")),
                    Map.of("type", "model", "name", "warm", "labels", Map.of("pii", "true")), Map.of(), List.of(),
                    ZonedDateTime.now(ZoneOffset.UTC), Map.of()));
        }
    }
}
