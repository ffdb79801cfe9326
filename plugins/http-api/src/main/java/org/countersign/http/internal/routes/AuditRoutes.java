package org.countersign.http.internal.routes;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditService;
import org.countersign.api.audit.AuditVerification;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/** A workspace's audit log: list, verify, and export as JSON Lines (docs/domain.md#audit-log). */
public final class AuditRoutes implements RouteGroup {

    private final AuditService audit;

    public AuditRoutes(AuditService audit) {
        this.audit = audit;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WorkspaceRoutes.WS + "/audit", this::list);
        routes.get(WorkspaceRoutes.WS + "/audit/verify", this::verify);
        routes.get(WorkspaceRoutes.WS + "/audit/export", this::export);
    }

    private void list(Context ctx) {
        String after = ctx.queryParam("after") != null ? ctx.queryParam("after") : ctx.queryParam("cursor");
        var page = audit.events(Authentication.actor(ctx), ctx.pathParam("ws"), seq(after),
                QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, EventView::of));
    }

    private void verify(Context ctx) {
        AuditVerification v = audit.verify(Authentication.actor(ctx), ctx.pathParam("ws"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", v.ok());
        if (v.ok()) {
            body.put("count", v.count());
            body.put("head", v.head());
        } else {
            body.put("brokenAt", v.brokenAt());
            body.put("verifiedCount", v.count());
        }
        Json.write(ctx, 200, body);
    }

    private void export(Context ctx) throws IOException {
        String slug = ctx.pathParam("ws");
        try (LineStream lines = new LineStream(ctx, slug + "-audit.jsonl")) {
            audit.export(Authentication.actor(ctx), slug, lines);
        }
    }

    /**
     * Opens the response only with the first line, so that a refusal (403, 404) raised before any line is
     * still answered as a problem rather than as a truncated 200.
     */
    private static final class LineStream implements Consumer<String>, AutoCloseable {

        private final Context ctx;
        private final String filename;
        private Writer out;

        LineStream(Context ctx, String filename) {
            this.ctx = ctx;
            this.filename = filename;
        }

        @Override
        public void accept(String line) {
            try {
                open().write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Writer open() {
            if (out == null) {
                ctx.status(200).contentType("application/x-ndjson")
                        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
                out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    private static long seq(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRequestException("validation_failed", "after must be a sequence number",
                List.of(new FieldError("/after", "must be a non-negative integer")));
    }

    record EventView(long seq, Instant at, String actor, String action, String target, @JsonRawValue String details,
            String requestId, String prevHash, String hash) {
        static EventView of(AuditEvent e) {
            return new EventView(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.details(), e.requestId(),
                    e.prevHash(), e.hash());
        }
    }
}
