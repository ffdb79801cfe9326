package org.countersign.http.internal.support;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import org.countersign.api.error.PayloadTooLargeException;
import org.countersign.api.error.UnsupportedMediaTypeException;

/**
 * Refuses oversized bodies (413) before they are read, and bodies that are not JSON (415), but for the console's
 * HTML forms.
 */
public final class BodyGuard {

    private static final String FORMS = "/console/";

    private final long maxBodyBytes;

    public BodyGuard(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void check(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new PayloadTooLargeException(maxBodyBytes);
        }
        boolean hasBody = length > 0 || ctx.header("Transfer-Encoding") != null;
        // the console's session endpoints take HTML form posts; everything else speaks JSON
        if (hasBody && carriesBody(ctx.method()) && !isJson(ctx.header("Content-Type"))
                && !(ctx.path().startsWith(FORMS) && isForm(ctx.header("Content-Type")))) {
            throw new UnsupportedMediaTypeException(ctx.header("Content-Type"));
        }
    }

    private static boolean carriesBody(HandlerType method) {
        return method == HandlerType.POST || method == HandlerType.PUT || method == HandlerType.PATCH;
    }

    private static boolean isForm(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].trim().equalsIgnoreCase(
                "application/x-www-form-urlencoded");
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
