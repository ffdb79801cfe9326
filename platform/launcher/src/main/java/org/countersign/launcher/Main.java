package org.countersign.launcher;

import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.felix.framework.Felix;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;

/**
 * Starts Countersign: reads the configuration, embeds Felix, starts {@code bundle/}, watches {@code plugins/}
 * and stops everything cleanly on SIGTERM or Ctrl-C.
 */
public final class Main {

    private static final long STOP_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);
    /** Where a bundle leaves the reason it stopped the framework (the API's StartupFailure.PROPERTY). */
    static final String FATAL = "countersign.fatal";

    /** Never read: held so that the channel carrying the lock stays reachable for as long as the process runs. */
    @SuppressWarnings("PMD.UnusedPrivateField")
    private static FileLock dataLock;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path home = home();
        Map<String, String> config = LauncherConfig.load(home, System.getenv());
        configureLogging();
        Path data = LauncherConfig.dataDir(home, config);
        try {
            LauncherConfig.check(config);
            // held until the process ends: the lock is released with it, however it ends
            dataLock = DataFolder.claim(data);
        } catch (IllegalStateException e) {
            Log.error(e.getMessage());
            System.exit(1);
        }

        Felix felix = new Felix(frameworkProperties(home, config));
        // start the empty framework first: bundles started afterwards start at once, in the deployer's order
        felix.start();
        offerConfiguration(felix.getBundleContext(), instanceConfiguration(home, config));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(felix), "countersign-shutdown"));
        int failures = BundleDeployer.deploy(felix.getBundleContext(), home.resolve("bundle"));
        Log.info("Countersign started from " + home + (failures == 0 ? "" : " (" + failures + " bundle(s) failed, see above)"));

        FrameworkEvent stopped = felix.waitForStop(0);
        String fatal = System.getProperty(FATAL);
        if (fatal != null) {
            Log.error("Countersign stopped because it cannot run: " + fatal);
            System.exit(1);
        }
        if (stopped.getType() == FrameworkEvent.ERROR) {
            Log.error("Framework stopped with an error: " + stopped.getThrowable());
            System.exit(1);
        }
    }

    static Path home() {
        String configured = System.getProperty("countersign.home", System.getenv("COUNTERSIGN_HOME"));
        return Path.of(configured == null ? "." : configured).toAbsolutePath().normalize();
    }

    /** What the launcher read, plus where the installation is ({@code home}): the instance configuration. */
    static Map<String, String> instanceConfiguration(Path home, Map<String, String> config) {
        Map<String, String> instance = new TreeMap<>(config);
        instance.put("home", home.toString());
        return Collections.unmodifiableMap(instance);
    }

    /**
     * Offers the instance configuration to the engine, which publishes it through Configuration Admin. It goes as a
     * service of a JDK type, which the launcher and the bundles share, so the launcher needs no OSGi service API.
     */
    private static void offerConfiguration(BundleContext context, Map<String, String> instance) {
        Supplier<Map<String, String>> offered = () -> instance;
        context.registerService(Supplier.class, offered, new Hashtable<>(Map.of("countersign.config", "instance")));
    }

    static Map<String, Object> frameworkProperties(Path home, Map<String, String> config) throws Exception {
        Map<String, Object> props = new HashMap<>();

        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins);
        props.put(Constants.FRAMEWORK_STORAGE, LauncherConfig.dataDir(home, config).resolve("felix-cache").toString());
        // the cache only mirrors bundle/ and plugins/: start from them every time
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // While a Flight Recorder recording runs, the JDK rewrites event classes (JDBI's statement events among
        // them) to call handler classes it defines in jdk.jfr.internal; a bundle cannot import those, so they are
        // delegated to the JDK for every bundle
        props.put(Constants.FRAMEWORK_BOOTDELEGATION, "jdk.jfr.internal.*");
        props.put("felix.fileinstall.dir", plugins.toString());
        props.put("felix.fileinstall.filter", ".*\\.jar");
        props.put("felix.fileinstall.poll", "500");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.bundles.new.start", "true");
        props.put("felix.fileinstall.log.level", "3");
        props.put("felix.log.level", "2");
        props.put("felix.log.logger", new FrameworkLog());
        return props;
    }

    /** SPI Fly logs every provider it registers through java.util.logging; keep only its warnings. */
    private static final java.util.logging.Logger SPI_FLY_LOG = java.util.logging.Logger.getLogger("org.apache.aries.spifly");

    private static void configureLogging() {
        SPI_FLY_LOG.setLevel(java.util.logging.Level.WARNING);
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.javalin", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static void stop(Felix felix) {
        try {
            if ((felix.getState() & (org.osgi.framework.Bundle.ACTIVE | org.osgi.framework.Bundle.STARTING)) != 0) {
                Log.info("Stopping Countersign");
                felix.stop();
                felix.waitForStop(STOP_TIMEOUT_MS);
                Log.info("Countersign stopped");
            }
        } catch (Exception e) {
            Log.error("Unclean stop: " + e);
        }
    }
}
