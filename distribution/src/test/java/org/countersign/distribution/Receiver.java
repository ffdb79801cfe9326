package org.countersign.distribution;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntBiFunction;

/**
 * A real local HTTP endpoint standing in for Slack or a webhook consumer: it records every request and answers
 * with the status a script chooses per call (e.g. 500 three times, then 200), and can hold calls until released.
 */
final class Receiver implements AutoCloseable {

    /** One received call. */
    record Call(String path, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private volatile ToIntBiFunction<String, Integer> status = (path, call) -> 200;
    private volatile CountDownLatch hold = new CountDownLatch(0);

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The status to answer to the n-th call (1-based) on a path. */
    Receiver answering(ToIntBiFunction<String, Integer> statusOfCall) {
        this.status = statusOfCall;
        return this;
    }

    /** Holds every call (after recording it) until {@link #release()}. */
    Receiver holding() {
        hold = new CountDownLatch(1);
        return this;
    }

    void release() {
        hold.countDown();
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            calls.add(new Call(path, Map.copyOf(exchange.getRequestHeaders()), body));
            int n = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(status.applyAsInt(path, n), -1);
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
