package org.countersign.rules.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;

/**
 * Rules evaluated in this JVM (docs/domain.md#approval-rules, {@code rules.isolation=thread}): scripts compile once per
 * content (the cache) through the sandbox, and every evaluation runs on a worker thread with a deadline; a script that
 * throws or overruns fails closed. The worker process of the {@code process} mode runs one of these too.
 */
final class ThreadedRules implements RuleEngine, AutoCloseable {

    /** The start of the reason given when a script overruns its deadline. */
    /** How every fail-closed block begins, and why when the deadline passed. */
    static final String FAILED = "rules error: ";
    static final String OVERRAN = "the rules took longer than ";
    private static final int CACHE_SIZE = 256;

    private final ScriptCompiler compiler = new ScriptCompiler();
    private final Map<String, Class<? extends RulesScript>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Class<? extends RulesScript>> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    /** Scripts that do not compile, with why (guarded by {@code cache}). */
    private final Map<String, SandboxException> refused = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SandboxException> eldest) {
            return size() > CACHE_SIZE;
        }
    };
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "countersign-rules");
        thread.setDaemon(true);
        return thread;
    });
    private final long timeoutMs;

    ThreadedRules(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    @Override
    public List<RuleProblem> check(String source) {
        try {
            compiled(source);
            return List.of();
        } catch (SandboxException e) {
            return List.of(new RuleProblem(e.line(), e.column(), e.getMessage()));
        }
    }

    @Override
    public RuleDecision evaluate(String source, RuleContext context) {
        try {
            Class<? extends RulesScript> type = compiled(source);
            Future<List<RuleSpec>> run = workers.submit(() -> {
                RulesScript script = type.getDeclaredConstructor().newInstance();
                FactsMapper.apply(script, context);
                return script.decide();
            });
            try {
                return decision(run.get(timeoutMs, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                run.cancel(true);
                return failClosed(OVERRAN + timeoutMs + " ms");
            }
        } catch (SandboxException e) {
            return failClosed(e.getMessage());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return failClosed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failClosed("interrupted");
        } catch (RuntimeException e) {
            // e.g. the engine is stopping and refuses new work: still an answer, and a closed one
            return failClosed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Class<? extends RulesScript> compiled(String source) {
        String key = ScriptCompiler.digest(source);
        synchronized (cache) {
            Class<? extends RulesScript> hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
            SandboxException known = refused.get(key);
            if (known != null) {
                throw known;
            }
        }
        Class<? extends RulesScript> type;
        try {
            type = compiler.compile(source);
        } catch (SandboxException e) {
            // a broken rules file stays in force (failing closed) until it is fixed: refuse it without recompiling
            synchronized (cache) {
                refused.put(key, e);
            }
            throw e;
        }
        synchronized (cache) {
            cache.put(key, type);
        }
        return type;
    }

    /** Whether the compiled form of this source is cached (for tests and benchmarks). */
    boolean isCached(String source) {
        synchronized (cache) {
            return cache.containsKey(ScriptCompiler.digest(source));
        }
    }

    static RuleDecision decision(List<RuleSpec> matched) {
        boolean requireApproval = false;
        boolean forbidSelf = false;
        boolean forbidContributors = false;
        boolean manual = false;
        List<RuleDecision.Requirement> requirements = new ArrayList<>();
        Set<String> blocks = new LinkedHashSet<>();
        Set<String> reviewers = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (RuleSpec rule : matched) {
            names.add(rule.name());
            requireApproval |= rule.requireApproval;
            forbidSelf |= rule.forbidSelfApproval;
            forbidContributors |= rule.forbidContributorApproval;
            manual |= rule.applyManually;
            requirements.addAll(rule.requirements);
            blocks.addAll(rule.blocks);
            reviewers.addAll(rule.reviewerEmails);
        }
        return new RuleDecision(requireApproval, requirements, forbidSelf, forbidContributors, List.copyOf(blocks),
                List.copyOf(reviewers), manual, names);
    }

    static RuleDecision failClosed(String reason) {
        return new RuleDecision(true, List.of(), false, false, List.of(FAILED + reason), List.of(), false,
                List.of());
    }
}
