package org.countersign.rules.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.countersign.api.rules.RuleContext;
import org.countersign.api.rules.RuleDecision;
import org.countersign.api.rules.RuleEngine;
import org.countersign.api.rules.RuleProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandbox layer 6 (docs/domain.md#approval-rules, {@code rules.isolation=process}): scripts compile and run in a
 * separate JVM with a small heap. A worker that does not answer in time, or dies, is killed and replaced; the change
 * fails closed. This is the layer that still holds if the others fail.
 */
final class ProcessRules implements RuleEngine, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRules.class);
    /** Compiling a first script in a fresh JVM takes a moment; evaluations get their deadline plus this. */
    private static final long START_MARGIN_MS = 10_000;
    /** Why an evaluation failed closed when the worker had to be killed for overrunning. */
    static final String RESTARTED = "the rules worker overran and was restarted";

    private final String classpath;
    private final long timeoutMs;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "countersign-rules-worker-reader");
        thread.setDaemon(true);
        return thread;
    });
    private Process worker;
    private ObjectOutputStream toWorker;
    private ObjectInputStream fromWorker;

    ProcessRules(String classpath, long timeoutMs) {
        this.classpath = classpath;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public List<RuleProblem> check(String source) {
        WorkerProtocol.Response response = call(WorkerProtocol.Request.check(source), START_MARGIN_MS);
        if (response == null) {
            return List.of(new RuleProblem(0, 0, "the rules worker did not answer in time"));
        }
        return response.problems().stream().map(WorkerProtocol.Problem::toProblem).toList();
    }

    @Override
    public RuleDecision evaluate(String source, RuleContext context) {
        WorkerProtocol.Response response = call(WorkerProtocol.Request.evaluate(source, context),
                timeoutMs + START_MARGIN_MS);
        return response == null
                ? ThreadedRules.failClosed(RESTARTED)
                : response.decision().toDecision();
    }

    /**
     * One request to the worker, which is started first if need be; null when it failed to answer. A worker
     * found dead (it exits after an overrun, or was killed) is replaced and asked once more.
     */
    private synchronized WorkerProtocol.Response call(WorkerProtocol.Request request, long waitMs) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                ensureRunning();
                toWorker.writeObject(request);
                toWorker.reset();
                toWorker.flush();
                Future<Object> answer = reader.submit(() -> fromWorker.readObject());
                WorkerProtocol.Response response = (WorkerProtocol.Response) answer.get(waitMs, TimeUnit.MILLISECONDS);
                if (overran(response)) {
                    // its runaway thread may still be running there: start afresh for the next request
                    kill();
                }
                return response;
            } catch (TimeoutException e) {
                LOG.warn("The rules worker overran {} ms; killing it", waitMs);
                kill();
                return null;
            } catch (Exception e) {
                LOG.warn("The rules worker failed ({}); starting another", e.toString());
                kill();
            }
        }
        return null;
    }

    static boolean overran(WorkerProtocol.Response response) {
        return response.decision() != null && response.decision().blocks().stream()
                .anyMatch(b -> b.startsWith(ThreadedRules.FAILED + ThreadedRules.OVERRAN));
    }

    private void ensureRunning() throws IOException {
        if (worker != null && worker.isAlive()) {
            return;
        }
        kill();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        worker = new ProcessBuilder(java, "-Xmx64m", "-Xss512k", "-XX:+ExitOnOutOfMemoryError",
                "-cp", classpath, RulesWorker.class.getName(), Long.toString(timeoutMs))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toWorker = new ObjectOutputStream(new BufferedOutputStream(worker.getOutputStream()));
        toWorker.flush();
        fromWorker = new ObjectInputStream(new BufferedInputStream(worker.getInputStream()));
        fromWorker.setObjectInputFilter(WorkerProtocol.FILTER);
        LOG.info("Started a rules worker process (pid {})", worker.pid());
    }

    private void kill() {
        if (worker != null) {
            worker.destroyForcibly();
            worker = null;
        }
    }

    /** The worker's process id, for tests. */
    synchronized long workerPid() {
        return worker == null ? -1 : worker.pid();
    }

    @Override
    public synchronized void close() {
        kill();
        reader.shutdownNow();
    }
}
