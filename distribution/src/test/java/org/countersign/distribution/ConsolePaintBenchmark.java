package org.countersign.distribution;

import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How fast a reviewer's Pending tab paints with many requests stored (a benchmark, not a test: it asserts
 * nothing). It stores {@code requests} open requests (default 10,000) through the API, signs a reviewer in in
 * headless Chromium, opens the Approvals page again and again, and reports the first contentful paint and the time
 * until the page had its rows (the console's {@code countersign:page-rendered} mark), from navigation start.
 *
 * <pre>
 * mvn -q -DskipTests package
 * mvn -q -pl distribution exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.countersign.distribution.ConsolePaintBenchmark [-Drequests=10000]
 * </pre>
 */
public final class ConsolePaintBenchmark {

    private static final String WS = "/api/v1/workspaces/bench";
    private static final int LOADS = 20;

    private ConsolePaintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int requests = Integer.getInteger("requests", 10_000);
        Path dir = Files.createTempDirectory("countersign-paint");
        System.setProperty("countersign.distribution", System.getProperty("countersign.distribution",
                "distribution/target/countersign"));
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign")).start()) {
            Api api = server.api();
            WorkspaceFixtures fx = new WorkspaceFixtures(api);
            fx.workspace("bench");
            WorkspaceFixtures.Person reviewer = fx.member(WS, "reviewer@example.com", "workspace_editor");
            api.put("/api/v1/me/password", reviewer.token(), "{\"password\":\"a long reviewer password\"}").expect(204);
            String source = fx.publishedSource(WS, "Warehouse");
            long started = System.nanoTime();
            store(api, source, requests);
            System.out.printf("stored %d open requests in %.0f s%n", requests, (System.nanoTime() - started) / 1e9);

            try (ConsoleBrowser browser = new ConsoleBrowser("http://127.0.0.1:" + server.port(), dir.resolve("profile"))) {
                browser.open("/sign-in?next=%2Fw%2Fbench%2Fapprovals");
                browser.await(By.id("email")).sendKeys("reviewer@example.com");
                browser.driver().findElement(By.id("password")).sendKeys("a long reviewer password");
                browser.driver().findElement(By.cssSelector("form[action='/console/sign-in'] button[type=submit]"))
                        .click();
                browser.awaitPath("/w/bench/approvals");
                List<Double> paints = new ArrayList<>();
                List<Double> rendered = new ArrayList<>();
                for (int i = 0; i < LOADS; i++) {
                    browser.open("/w/bench/approvals?tab=pending");
                    browser.await(By.cssSelector("main table tbody tr"));
                    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
                    paints.add(((Number) js.executeScript("const p = performance.getEntriesByName("
                            + "'first-contentful-paint'); return p.length ? p[0].startTime : -1;")).doubleValue());
                    rendered.add(((Number) js.executeScript("const m = performance.getEntriesByName("
                            + "'countersign:page-rendered'); return m.length ? m[0].startTime : -1;")).doubleValue());
                }
                System.out.printf("pending tab, %d loads, %d requests stored: first contentful paint median %.0f ms"
                        + " (p90 %.0f); list rendered median %.0f ms (p90 %.0f)%n", LOADS, requests,
                        percentile(paints, 50), percentile(paints, 90), percentile(rendered, 50),
                        percentile(rendered, 90));
            }
        }
    }

    /** Open requests by the admin, each of one new model, from four clients at once. */
    private static void store(Api api, String source, int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                done.add(clients.submit(() -> api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"model\",\"name\":"
                        + "\"Model " + n + "\",\"config\":{\"sourceId\":\"" + source + "\",\"query\":\"select " + n
                        + "\",\"primaryKey\":\"id\"},\"mode\":\"submit\"}").expect(201)));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            clients.shutdown();
        }
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
