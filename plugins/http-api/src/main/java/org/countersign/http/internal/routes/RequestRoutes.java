package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.regex.Pattern;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestFilter;
import org.countersign.api.approval.RequestService;
import org.countersign.api.approval.RequestState;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.Actor;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.IfMatch;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/**
 * Approval requests and their state machine (docs/domain.md#approval-requests); every action answers with the request.
 */
public final class RequestRoutes implements RouteGroup {

    private static final String REQUESTS = WorkspaceRoutes.WS + "/requests";
    private static final String REQUEST = REQUESTS + "/{rid}";

    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final RequestService requests;

    public RequestRoutes(RequestService requests) {
        this.requests = requests;
    }

    /** One request action taking the optional comment and the digest from {@code If-Match}. */
    @FunctionalInterface
    private interface Action {
        ApprovalRequest run(Actor actor, String slug, String requestId, String comment, String expectedDigest);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(REQUESTS, this::submit);
        routes.get(REQUESTS, this::list);
        routes.get(REQUEST, ctx -> respond(ctx, 200,
                requests.get(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"))));
        routes.post(REQUEST + "/approve", ctx -> act(ctx, requests::approve));
        routes.post(REQUEST + "/decline", ctx -> act(ctx, (actor, slug, id, comment, digest) ->
                requests.decline(actor, slug, id, comment)));
        routes.post(REQUEST + "/request-changes", ctx -> act(ctx, (actor, slug, id, comment, digest) ->
                requests.requestChanges(actor, slug, id, comment)));
        routes.post(REQUEST + "/withdraw", ctx -> act(ctx, (actor, slug, id, comment, digest) ->
                requests.withdraw(actor, slug, id, comment)));
        routes.post(REQUEST + "/discard", ctx -> act(ctx, (actor, slug, id, comment, digest) ->
                requests.discard(actor, slug, id, comment)));
        routes.post(REQUEST + "/apply", ctx -> act(ctx, (actor, slug, id, comment, digest) ->
                requests.apply(actor, slug, id, digest)));
        routes.post(REQUEST + "/comments", this::comment);
        routes.get(REQUEST + "/since-my-review", ctx -> Json.write(ctx, 200, Lists.of(requests.sinceMyReview(
                Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid")))));
    }

    private void submit(Context ctx) {
        NewRequest request = Json.read(ctx, NewRequest.class);
        respond(ctx, 201, requests.submit(Authentication.actor(ctx), ctx.pathParam("ws"), request));
    }

    private void list(Context ctx) {
        String named = ctx.queryParam("state");
        RequestState state = named == null ? null : RequestState.find(named)
                .orElseThrow(() -> invalid("/state", "must be one of " + List.of(RequestState.values())));
        RequestFilter filter = new RequestFilter(state, me(ctx, "reviewer"), me(ctx, "author"));
        var page = requests.list(Authentication.actor(ctx), ctx.pathParam("ws"), filter, ctx.queryParam("cursor"),
                QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, r -> r));
    }

    private void act(Context ctx, Action action) {
        Views.CommentBody body = Json.readOptional(ctx, Views.CommentBody.class, new Views.CommentBody(null));
        respond(ctx, 200, action.run(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"),
                body.comment(), digest(ctx.header("If-Match"))));
    }

    private void comment(Context ctx) {
        NoteBody body = Json.read(ctx, NoteBody.class);
        respond(ctx, 200, requests.comment(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"),
                body.body()));
    }

    /** Answers with the request and its content digest as the ETag, for {@code If-Match} on approve and apply. */
    private static void respond(Context ctx, int status, ApprovalRequest request) {
        ctx.header("ETag", "\"" + request.digest() + "\"");
        Json.write(ctx, status, request);
    }

    /** {@code If-Match: "<digest>"} (or {@code W/"<digest>"}); absent means no check. */
    static String digest(String header) {
        String value = IfMatch.tag(header);
        if (value == null) {
            return null;
        }
        if (!DIGEST.matcher(value).matches()) {
            throw new BadRequestException("validation_failed", "If-Match must be a request digest (its ETag)",
                    List.of(new FieldError("/If-Match", "is not a request digest")));
        }
        return value;
    }

    /** {@code reviewer=me}, {@code author=me}: the only value these filters take. */
    private static boolean me(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return false;
        }
        if (!"me".equals(value)) {
            throw invalid("/" + name, "only \"me\" is supported");
        }
        return true;
    }

    private static BadRequestException invalid(String path, String message) {
        return new BadRequestException("validation_failed", path.substring(1) + " " + message,
                List.of(new FieldError(path, message)));
    }

    record NoteBody(String body) {
    }
}
