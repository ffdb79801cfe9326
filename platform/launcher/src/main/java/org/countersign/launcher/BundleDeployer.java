package org.countersign.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * Installs every jar of {@code bundle/} and starts them. A bundle that cannot resolve is logged with its
 * missing requirement and skipped; the others still start.
 */
final class BundleDeployer {

    /** Started first: other bundles' ServiceLoader use (slf4j, Jetty) is woven by the SPI Fly processor. */
    private static final String SPI_FLY = "org.apache.aries.spifly.dynamic.bundle";
    /** Started last, so components activate once every bundle (and the log provider) is up. */
    private static final String SCR = "org.apache.felix.scr";

    private BundleDeployer() {
    }

    /** Returns the number of bundles that failed to install or start. */
    static int deploy(BundleContext context, Path bundleDir) throws IOException {
        List<Bundle> installed = new ArrayList<>();
        int failures = 0;
        for (Path jar : jars(bundleDir)) {
            try {
                installed.add(context.installBundle(jar.toUri().toString()));
            } catch (BundleException e) {
                failures++;
                Log.error("Cannot install " + jar.getFileName() + ": " + e.getMessage());
            }
        }
        installed.sort(Comparator.comparingInt(BundleDeployer::startOrder));
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                failures++;
                Log.error("Bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " did not start: "
                        + e.getMessage());
            }
        }
        return failures;
    }

    /** SPI Fly, then the slf4j API and its provider, then the rest, then SCR. */
    private static int startOrder(Bundle bundle) {
        String name = bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName();
        if (name.equals(SPI_FLY)) {
            return 0;
        }
        if (name.startsWith("slf4j.")) {
            return 1;
        }
        return name.equals(SCR) ? 3 : 2;
    }

    private static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("No bundle folder at " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }
}
