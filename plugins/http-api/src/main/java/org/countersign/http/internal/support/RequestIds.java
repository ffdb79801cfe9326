package org.countersign.http.internal.support;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code X-Request-Id}: a valid incoming id is echoed, otherwise one is made; it also goes into the audit log. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "countersign.requestId";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String id = resolve(ctx.header(HEADER));
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    /** The incoming id when it is valid, otherwise a new one. */
    public static String resolve(String incoming) {
        return incoming != null && VALID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "-" : id;
    }
}
