package org.countersign.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.countersign.api.web.WebConsole;
import org.countersign.api.web.WebResource;
import org.osgi.service.component.annotations.Component;

/**
 * The console as files in this bundle: {@code /assets/...} are its scripts, styles and images; every other path
 * that looks like a page ({@code /}, {@code /w/growth/requests/apr_...}) gets the page shell, whose scripts route
 * in the browser. Files are read once and kept.
 */
@Component(service = WebConsole.class)
public class ConsoleAssets implements WebConsole {

    private static final String ROOT = "web";
    private static final String SHELL = "/index.html";
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

    private final Map<String, Optional<WebResource>> cache = new ConcurrentHashMap<>();

    @Override
    public Optional<WebResource> resource(String path) {
        if (path.contains("..")) {
            return Optional.empty();
        }
        if (ASSET.matcher(path).matches()) {
            return cache.computeIfAbsent(path, this::load);
        }
        if (PAGE.matcher(path).matches()) {
            return cache.computeIfAbsent(SHELL, this::load);
        }
        return Optional.empty();
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
}
