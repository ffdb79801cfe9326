package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * How fast a reviewer's Pending tab paints with many requests stored: a benchmark, run only when asked for by name,
 * that reports its figures and asserts no timing. It stores {@code requests} open requests (default 10,000) through
 * the API, times the tab's API call alone, signs a reviewer in in headless Chromium, opens the Approvals page again
 * and again, and reports the first contentful paint and the time until the page had its rows (the console's
 * {@code countersign:page-rendered} mark) from navigation start, with the last load's fetches.
 *
 * <pre>
 * mvn verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConsolePaintBenchmark [-Drequests=10000]
 * </pre>
 */
class ConsolePaintBenchmark {

    private static final String WS = "/api/v1/workspaces/bench";
    private static final int LOADS = 20;

    @TempDir
    Path dir;

    @Test
    void pendingTabWithManyRequestsStored() throws Exception {
        int requests = Integer.getInteger("requests", 10_000);
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

            List<Double> api50 = new ArrayList<>();
            for (int i = 0; i < LOADS; i++) {
                long t = System.nanoTime();
                api.get(WS + "/requests?reviewer=me&limit=50", reviewer.token()).expect(200);
                api50.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf("GET requests?reviewer=me&limit=50 over HTTP: median %.0f ms (p90 %.0f)%n",
                    percentile(api50, 50), percentile(api50, 90));

            try (ConsoleBrowser browser = new ConsoleBrowser("http://127.0.0.1:" + server.port(), dir.resolve("profile"))) {
                browser.signIn("reviewer@example.com", "a long reviewer password");
                List<Double> paints = new ArrayList<>();
                List<Double> rendered = new ArrayList<>();
                for (int i = 0; i < LOADS; i++) {
                    browser.open("/w/bench/approvals?tab=pending");
                    assertThat(browser.await(By.cssSelector("main table tbody tr")).getText()).contains("Model");
                    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
                    paints.add(((Number) js.executeScript("const p = performance.getEntriesByName("
                            + "'first-contentful-paint'); return p.length ? p[0].startTime : -1;")).doubleValue());
                    rendered.add(((Number) js.executeScript("const m = performance.getEntriesByName("
                            + "'countersign:page-rendered'); return m.length ? m[0].startTime : -1;")).doubleValue());
                }
                System.out.println("the last load, each fetch from navigation start (ms):");
                System.out.println(((JavascriptExecutor) browser.driver()).executeScript("return performance"
                        + ".getEntriesByType('resource').map(e => '  ' + e.name.replace(location.origin, '') + ' '"
                        + " + Math.round(e.startTime) + '..' + Math.round(e.responseEnd) + ' ' + e.decodedBodySize + ' bytes').join('\\n')"));
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
