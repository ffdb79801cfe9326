package org.countersign.http.internal.jetty;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Problems;
import org.countersign.http.internal.support.RequestIds;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error handler, replaced so that what Jetty refuses before any route runs (a malformed request line,
 * URI or header, a URI or headers over the limits, an unknown HTTP version) is problem+json like every other
 * error, whatever the request's method or Accept header, and carries an {@code X-Request-Id}.
 */
public final class ProblemErrorHandler extends ErrorHandler {

    private static final String PROBLEM_JSON = "application/problem+json";

    /** Every method gets a problem body, not only GET, POST and HEAD. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        response.getHeaders().put(RequestIds.HEADER, RequestIds.resolve(request.getHeaders().get(RequestIds.HEADER)));
        if (request.getConnectionMetaData().getHttpVersion().getVersion() < HttpVersion.HTTP_2.getVersion()) {
            // Jetty drops a connection whose request it could not parse, at times without saying so; say it,
            // so that clients do not send the next request down a closed connection
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** Used where Jetty answers a broken message without a request to hand. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        fields.put(RequestIds.HEADER, RequestIds.resolve(null));
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String reason) {
        try {
            return Json.MAPPER.writeValueAsBytes(Problems.server(status, reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a problem", e);
        }
    }
}
