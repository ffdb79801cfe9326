package org.countersign.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Clients running lifecycles back to back for a while; what they completed and the CPU it took. */
final class Load {

    /** Lifecycles per second, and the system's CPU time per lifecycle. */
    record Result(double perSecond, double cpuMillisPerLifecycle, long lifecycles) {
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private Load() {
    }

    static Result run(Lifecycle system, int clients, Duration length) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long cpuBefore = system.cpuNanos();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    system.run(client, SEQUENCE.incrementAndGet());
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> client : running) {
                client.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(system.name() + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = system.cpuNanos() - cpuBefore;
        long lifecycles = done.get();
        return new Result(lifecycles / seconds, lifecycles == 0 ? 0 : cpu / 1e6 / lifecycles, lifecycles);
    }
}
