package org.countersign.http.internal.console;

import io.javalin.http.Context;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the session endpoints send the browser, and whether a form came from this server's own pages. */
final class Redirects {

    private Redirects() {
    }

    /** A path on this server to return to; anything else (another site, a scheme, {@code //host}) becomes {@code /}. */
    static String safePath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    static String signIn(String error, String next) {
        return "/sign-in?error=" + error + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /**
     * Browsers name the page a form was posted from in {@code Origin} (or at least {@code Referer}); a form posted
     * from another site must not sign anyone in or out ("login CSRF"). Clients that send neither are not browsers.
     */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if ("null".equals(origin)) {
            return false;
        }
        if (origin == null) {
            origin = ctx.header("Referer");
        }
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.header("Host");
            return host != null && host.equalsIgnoreCase(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
