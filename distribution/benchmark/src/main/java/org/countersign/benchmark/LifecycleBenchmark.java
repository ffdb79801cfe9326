package org.countersign.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The full approval lifecycle (draft, submit, two approvals, publish) on Countersign over HTTP, on Flowable
 * embedded and on plain JDBC on SQLite, alternating the three over several rounds on this machine. Each round
 * starts every system fresh, warms it up, then measures one client and eight clients.
 *
 * <p>Arguments: the distribution folder, rounds, seconds per measurement, warm-up seconds. The last lines printed
 * are the medians over the rounds.
 */
public final class LifecycleBenchmark {

    private static final int[] CLIENTS = {1, 8};
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private LifecycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path distribution = Path.of(args[0]).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(args[1]);
        Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(args[3]));
        if (!Files.isExecutable(distribution.resolve("bin/countersign"))) {
            throw new IllegalArgumentException("No built distribution at " + distribution
                    + ": build it first (mvn -DskipTests package)");
        }
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String system : List.of("countersign", "flowable", "floor")) {
                Path dir = Files.createTempDirectory("countersign-benchmark-");
                try (Lifecycle lifecycle = open(system, distribution, dir, figures)) {
                    Load.run(lifecycle, CLIENTS[CLIENTS.length - 1], warmUp);
                    for (int clients : CLIENTS) {
                        Load.Result result = Load.run(lifecycle, clients, measure);
                        System.out.printf("round %d  %-11s  %d client(s)  %8.1f lifecycles/s  %6.2f ms CPU each"
                                + "  (%d lifecycles)%n", round, system, clients, result.perSecond(),
                                result.cpuMillisPerLifecycle(), result.lifecycles());
                        add(figures, system + " " + clients, result.perSecond());
                        if (clients == 1) {
                            add(figures, system + " cpu", result.cpuMillisPerLifecycle());
                        }
                    }
                } finally {
                    delete(dir);
                }
            }
        }
        summarise(figures);
    }

    private static Lifecycle open(String system, Path distribution, Path dir, Map<String, List<Double>> figures)
            throws Exception {
        switch (system) {
            case "countersign" -> {
                CountersignOverHttp countersign = new CountersignOverHttp(distribution, dir);
                add(figures, "startup", countersign.startup().toMillis() / 1000.0);
                Thread.sleep(SETTLE.toMillis());
                add(figures, "rss", (double) countersign.residentMiB());
                countersign.setUp();
                return countersign;
            }
            case "flowable" -> {
                return new FlowableEmbedded(dir);
            }
            default -> {
                return new SqliteFloor(dir);
            }
        }
    }

    private static void summarise(Map<String, List<Double>> figures) {
        System.out.printf("countersign start-up to the first 200 on /health: median %.2f s; idle RSS (%d s after"
                + " start): median %.0f MiB%n", median(figures, "startup"), SETTLE.toSeconds(), median(figures, "rss"));
        System.out.printf("CPU per lifecycle with 1 client: countersign=%.2f ms (server) flowable=%.2f ms floor=%.2f ms"
                + " (in-process)%n", median(figures, "countersign cpu"), median(figures, "flowable cpu"),
                median(figures, "floor cpu"));
        for (int clients : CLIENTS) {
            double countersign = median(figures, "countersign " + clients);
            double flowable = median(figures, "flowable " + clients);
            double floor = median(figures, "floor " + clients);
            System.out.printf("lifecycle/s with %d client%s: countersign=%.1f flowable=%.1f floor=%.1f"
                    + " ratio_cs_flowable=%.2f ratio_cs_floor=%.2f%n", clients, clients == 1 ? "" : "s", countersign,
                    flowable, floor, countersign / flowable, countersign / floor);
        }
    }

    private static void add(Map<String, List<Double>> figures, String key, double value) {
        figures.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static double median(Map<String, List<Double>> figures, String key) {
        List<Double> values = new ArrayList<>(figures.getOrDefault(key, List.of()));
        if (values.isEmpty()) {
            return Double.NaN;
        }
        values.sort(Comparator.naturalOrder());
        int middle = values.size() / 2;
        return values.size() % 2 == 1 ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
