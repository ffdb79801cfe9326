package org.countersign.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.countersign.api.web.WebConsole;
import org.countersign.api.web.WebResource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The console as files in this bundle: {@code /assets/...} are its scripts, styles and images; every other path
 * that looks like a page ({@code /}, {@code /w/growth/requests/apr_...}) gets the page shell, whose scripts route
 * in the browser. Files are read once and kept.
 *
 * <p>The shell points at {@code /assets/<version>/...}, where the version is a hash of every asset in the bundle:
 * browsers keep those files for good and a page opens without asking for them again, and a new bundle has a new
 * version, so nobody runs yesterday's scripts. The modules import each other by relative paths, so the version
 * carries through. A path with another version (a page opened before an upgrade) gets today's file, not cached.
 */
@Component(service = WebConsole.class)
public class ConsoleAssets implements WebConsole {

    private static final String ROOT = "web";
    private static final String SHELL = "/index.html";
    private static final Pattern VERSIONED = Pattern.compile("/assets/([0-9a-f]{12})(/.+)");
    private static final Pattern ASSET = Pattern.compile("/assets/[A-Za-z0-9_./-]+\\.[a-z0-9]+");
    /** Page routes: no dots, so a mistyped asset is a 404 rather than a page. */
    private static final Pattern PAGE = Pattern.compile("/[A-Za-z0-9_/-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final String version;
    private final Map<String, Optional<WebResource>> files = new ConcurrentHashMap<>();
    private final Map<String, Optional<WebResource>> cacheable = new ConcurrentHashMap<>();

    @Activate
    public ConsoleAssets(BundleContext context) {
        this(versionOf(context));
    }

    /** A console whose assets are served under {@code version} (twelve hex digits). */
    ConsoleAssets(String version) {
        if (!version.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("An asset version is twelve hex digits: " + version);
        }
        this.version = version;
    }

    /** Where the shell loads {@code file} (e.g. {@code app.js}) from. */
    String assetPath(String file) {
        return "/assets/" + version + "/" + file;
    }

    @Override
    public Optional<WebResource> resource(String path) {
        if (path.contains("..")) {
            return Optional.empty();
        }
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches()) {
            String file = "/assets" + versioned.group(2);
            if (!ASSET.matcher(file).matches()) {
                return Optional.empty();
            }
            return versioned.group(1).equals(version)
                    ? cacheable.computeIfAbsent(file, f -> file(f).map(r -> new WebResource(r.contentType(), r.body(), true)))
                    : file(file);
        }
        if (path.startsWith("/assets/")) {
            return ASSET.matcher(path).matches() ? file(path) : Optional.empty();
        }
        if (PAGE.matcher(path).matches()) {
            return files.computeIfAbsent(SHELL, this::shell);
        }
        return Optional.empty();
    }

    private Optional<WebResource> file(String path) {
        return files.computeIfAbsent(path, this::load);
    }

    private Optional<WebResource> shell(String path) {
        return load(path).map(r -> new WebResource(r.contentType(), new String(r.body(), StandardCharsets.UTF_8)
                .replace("\"/assets/", "\"/assets/" + version + "/").getBytes(StandardCharsets.UTF_8), false));
    }

    private Optional<WebResource> load(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(new WebResource(type, in.readAllBytes(), false));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console file " + path, e);
        }
    }

    /** A hash over the names and contents of every file the bundle serves. */
    private static String versionOf(BundleContext context) {
        String folder = ConsoleAssets.class.getPackageName().replace('.', '/') + "/" + ROOT;
        Enumeration<URL> found = context.getBundle().findEntries(folder, "*", true);
        if (found == null) {
            throw new IllegalStateException("The console bundle holds no files under " + folder);
        }
        List<URL> entries = new ArrayList<>(Collections.list(found));
        entries.sort(Comparator.comparing(URL::getPath));
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (URL entry : entries) {
                if (entry.getPath().endsWith("/")) {
                    continue;
                }
                sha.update(entry.getPath().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = entry.openStream()) {
                    sha.update(in.readAllBytes());
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the console's files", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
