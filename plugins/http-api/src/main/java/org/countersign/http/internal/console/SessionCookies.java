package org.countersign.http.internal.console;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The console's cookies. The session token is HttpOnly (scripts never see it) and SameSite=Lax, so a link from an
 * email opens a signed-in page while another site's forms and scripts cannot use the session; the CSRF token is
 * readable by the console's own scripts, which send it back in a header with every change.
 */
public final class SessionCookies {

    public static final String SESSION = "countersign_session";
    public static final String CSRF = "countersign_csrf";

    private SessionCookies() {
    }

    /** Sets both cookies for a new session. */
    static void set(Context ctx, String token, String csrf, boolean secure) {
        String flags = "; Path=/" + (secure ? "; Secure" : "");
        ctx.res().addHeader("Set-Cookie", SESSION + "=" + token + flags + "; HttpOnly; SameSite=Lax");
        ctx.res().addHeader("Set-Cookie", CSRF + "=" + csrf + flags + "; SameSite=Strict");
    }

    static void clear(Context ctx, boolean secure) {
        String flags = "; Path=/; Max-Age=0" + (secure ? "; Secure" : "");
        ctx.res().addHeader("Set-Cookie", SESSION + "=" + flags + "; HttpOnly; SameSite=Lax");
        ctx.res().addHeader("Set-Cookie", CSRF + "=" + flags + "; SameSite=Strict");
    }

    /** Compares in constant time; a missing token never matches. */
    public static boolean csrfMatches(String sent, String expected) {
        return sent != null && expected != null
                && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
