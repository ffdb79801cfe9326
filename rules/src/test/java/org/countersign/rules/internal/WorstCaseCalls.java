package org.countersign.rules.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.codehaus.groovy.runtime.DefaultGroovyMethods;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.StringGroovyMethods;

/**
 * Measures what the allowlisted calls cost on the worst facts a request body of 1 MiB can carry, for the table in
 * docs/rules-sandbox.md: {@code java -cp <test class path> org.countersign.rules.internal.WorstCaseCalls}. Each
 * case runs in a JVM of its own, since a call that overruns keeps its thread busy. A plain call is timed (best
 * of three, stopped at {@value #CAP_MS} ms); a stand-in runs twice (the first warms up) and is interrupted after
 * 100 ms, as the deadline does, and the time it took to stop is shown.
 */
public final class WorstCaseCalls {

    private static final long CAP_MS = 5_000;
    private static final long DEADLINE_MS = 100;

    private static final String MEGABYTE = "a".repeat(1_000_000);
    private static final String TEXT = "a".repeat(700_000);
    private static final String NEEDLE = "a".repeat(300_000) + "b";
    private static final List<String> LIST = strings(125_000, "v");
    private static final List<String> LEFT = strings(60_000, "l");
    private static final List<String> RIGHT = strings(60_000, "r");
    private static final List<String> LEFT_REVERSED = reversed(LEFT);
    private static final List<Object> LEFT_MAPS = maps(30_000, "l");
    private static final List<Object> RIGHT_MAPS = maps(30_000, "r");
    private static final Map<String, String> MAP = index(LEFT);

    private WorstCaseCalls() {
    }

    private static Map<String, Callable<Object>> cases() {
        Map<String, Callable<Object>> cases = new LinkedHashMap<>();
        // linear calls, left as they are
        cases.put("String.equalsIgnoreCase 1M/1M", () -> MEGABYTE.equalsIgnoreCase(MEGABYTE.substring(1) + "b"));
        cases.put("String.toUpperCase 1M", () -> MEGABYTE.toUpperCase().length());
        cases.put("String.compareTo 1M/1M", () -> MEGABYTE.compareTo(MEGABYTE.substring(1) + "b"));
        cases.put("String.startsWith 1M prefix", () -> MEGABYTE.startsWith(MEGABYTE.substring(1) + "b"));
        cases.put("String.isBlank 1M spaces", () -> " ".repeat(1_000_000).isBlank());
        cases.put("String.hashCode 1M (uncached)", () -> new String(MEGABYTE.toCharArray()).hashCode());
        cases.put("List.contains 125K", () -> LIST.contains("missing"));
        cases.put("List.indexOf 125K", () -> LIST.indexOf("missing"));
        cases.put("Map.containsValue 60K", () -> MAP.containsValue("missing"));
        cases.put("Object.toString list 125K", () -> LIST.toString().length());
        cases.put("Object.hashCode list 125K", () -> LIST.hashCode());
        cases.put("DGM.equals lists 60K/60K", () -> DefaultGroovyMethods.equals(LEFT, strings(60_000, "l")));
        cases.put("DGM.count(value) 125K", () -> DefaultGroovyMethods.count((Iterable<String>) LIST, "missing"));
        cases.put("DGM.contains 125K", () -> DefaultGroovyMethods.contains((Iterable<String>) LIST, "missing"));
        cases.put("DGM.isCase list 125K", () -> DefaultGroovyMethods.isCase(LIST, "missing"));
        cases.put("SGM.toInteger 1M digits", () -> toInteger("1".repeat(1_000_000)));
        cases.put("SGM.startsWithAny 100 x 1K", () -> StringGroovyMethods.startsWithAny(MEGABYTE, prefixes()));
        // calls that are not linear, or that build without bound: now bound to BoundedCalls
        cases.put("String.contains 700K/300K", () -> TEXT.contains(NEEDLE));
        cases.put("+ BoundedCalls.contains", () -> BoundedCalls.contains(TEXT, NEEDLE));
        cases.put("String.indexOf 1M/60K literal", () -> MEGABYTE.indexOf("a".repeat(60_000) + "b"));
        cases.put("+ BoundedCalls.indexOf", () -> BoundedCalls.indexOf(MEGABYTE, "a".repeat(60_000) + "b"));
        cases.put("String.matches (.*a){20} 38 chars", () -> "a".repeat(37).concat("b").matches("(.*a){20}"));
        cases.put("+ BoundedCalls.matches 38 chars", () -> BoundedCalls.matches("a".repeat(37) + "b", "(.*a){20}"));
        cases.put("+ BoundedCalls.matches 1M", () -> BoundedCalls.matches(MEGABYTE + "b", "(.*a){20}"));
        cases.put("List.containsAll 60K/60K", () -> LEFT.containsAll(LEFT_REVERSED));
        cases.put("+ BoundedCalls.containsAll", () -> BoundedCalls.containsAll(LEFT, LEFT_REVERSED));
        cases.put("DGM.intersect strings 60K/60K", () -> DefaultGroovyMethods.intersect(LEFT, (Iterable<String>) RIGHT));
        cases.put("+ BoundedCalls.intersect strings", () -> BoundedCalls.intersect(LEFT, (Iterable<String>) RIGHT));
        cases.put("DGM.intersect maps 30K/30K", () -> DefaultGroovyMethods.intersect(LEFT_MAPS, (Iterable<Object>) RIGHT_MAPS));
        cases.put("+ BoundedCalls.intersect maps", () -> BoundedCalls.intersect(LEFT_MAPS, (Iterable<Object>) RIGHT_MAPS));
        cases.put("DGM.minus strings 60K/60K", () -> DefaultGroovyMethods.minus(LEFT, (Collection<String>) RIGHT));
        cases.put("DGM.minus maps 30K/30K", () -> DefaultGroovyMethods.minus(LEFT_MAPS, (Collection<Object>) RIGHT_MAPS));
        cases.put("+ BoundedCalls.minus maps", () -> BoundedCalls.minus(LEFT_MAPS, (Collection<Object>) RIGHT_MAPS));
        cases.put("DGM.grep(list) 60K/60K", () -> DefaultGroovyMethods.grep(LEFT, RIGHT));
        cases.put("+ BoundedCalls.grep(list)", () -> BoundedCalls.grep(LEFT, RIGHT));
        cases.put("DGM.join 125K, 1K separator", () -> DefaultGroovyMethods.join(LIST, "-".repeat(1_000)).length());
        cases.put("+ BoundedCalls.join 125K, 1K separator", () -> BoundedCalls.join(LIST, "-".repeat(1_000)).length());
        cases.put("SGM.isNumber 1M digits", () -> StringGroovyMethods.isNumber("1".repeat(1_000_000)));
        cases.put("+ BoundedCalls.isNumber 1M digits", () -> BoundedCalls.isNumber("1".repeat(1_000_000)));
        return cases;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            // Groovy's runtime initialises itself on first use (seconds on a busy machine); a server has long done so
            InvokerHelper.invokeMethod(List.of(Map.of()), "isCase", Map.of());
            System.out.println(measure(args[0], cases().get(args[0])));
            return;
        }
        for (String name : cases().keySet()) {
            System.out.println(inOwnJvm(name));
        }
    }

    /** One case in a fresh JVM, so that an overrun of an earlier one cannot slow it down. */
    private static String inOwnJvm(String name) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), WorstCaseCalls.class.getName(), name)
                .redirectErrorStream(true).start();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            return String.format("%-42s did not finish", name);
        }
        return new String(child.getInputStream().readAllBytes()).strip();
    }

    private static String measure(String name, Callable<Object> call) throws InterruptedException {
        if (name.startsWith("+ ")) {
            untilInterrupted(call); // warms up
            return String.format("%-42s %s", name, untilInterrupted(call));
        }
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            double ms = timed(call);
            if (ms < 0) {
                return String.format("%-42s   > %d ms (still running)", name, CAP_MS);
            }
            best = Math.min(best, ms);
        }
        return String.format("%-42s %8.1f ms", name, best);
    }

    /** Milliseconds, or -1 when the call was still running at the cap. */
    private static double timed(Callable<Object> call) throws InterruptedException {
        long started = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                call.call();
            } catch (Exception | OutOfMemoryError e) {
                // a refusal ends the call as well
            }
        });
        thread.setDaemon(true);
        thread.start();
        thread.join(CAP_MS);
        return thread.isAlive() ? -1 : (System.nanoTime() - started) / 1e6;
    }

    /** How a stand-in ends: on its own within the deadline, or how long after the interrupt. */
    private static String untilInterrupted(Callable<Object> call) throws InterruptedException {
        long started = System.nanoTime();
        Thread thread = new Thread(() -> {
            try {
                call.call();
            } catch (Exception e) {
                // the CancellationException of the deadline, or a refusal
            }
        });
        thread.setDaemon(true);
        thread.start();
        thread.join(DEADLINE_MS);
        if (!thread.isAlive()) {
            return String.format("%8.1f ms (within the deadline)", (System.nanoTime() - started) / 1e6);
        }
        long interrupted = System.nanoTime();
        thread.interrupt();
        thread.join(CAP_MS);
        return thread.isAlive() ? "still running " + CAP_MS + " ms after the interrupt"
                : String.format("stopped %.1f ms after the interrupt", (System.nanoTime() - interrupted) / 1e6);
    }

    private static Object toInteger(String digits) {
        try {
            return StringGroovyMethods.toInteger(digits);
        } catch (NumberFormatException e) {
            return e;
        }
    }

    private static String[] prefixes() {
        String[] prefixes = new String[100];
        Collections.nCopies(100, "a".repeat(999) + "b").toArray(prefixes);
        return prefixes;
    }

    private static Map<String, String> index(List<String> values) {
        Map<String, String> map = new LinkedHashMap<>();
        values.forEach(v -> map.put(v, v));
        return map;
    }

    private static List<String> strings(int count, String prefix) {
        List<String> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(prefix + i);
        }
        return Collections.unmodifiableList(list);
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static List<Object> maps(int count, String prefix) {
        List<Object> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Map.of("k", prefix + i));
        }
        return Collections.unmodifiableList(list);
    }
}
