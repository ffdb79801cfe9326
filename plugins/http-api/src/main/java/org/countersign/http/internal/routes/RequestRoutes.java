package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import org.countersign.api.approval.ApprovalRequest;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestFilter;
import org.countersign.api.approval.RequestService;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.Actor;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/** Approval requests and their state machine (SPEC §2.5, §4); every action answers with the request. */
public final class RequestRoutes implements RouteGroup {

    private static final String REQUESTS = WorkspaceRoutes.WS + "/requests";
    private static final String REQUEST = REQUESTS + "/{rid}";
    private static final List<String> STATES = List.of(ApprovalRequest.OPEN, ApprovalRequest.CHANGES_REQUESTED,
            ApprovalRequest.APPROVED, ApprovalRequest.APPLIED, ApprovalRequest.DECLINED, ApprovalRequest.WITHDRAWN,
            ApprovalRequest.DISCARDED);

    private final RequestService requests;

    public RequestRoutes(RequestService requests) {
        this.requests = requests;
    }

    /** One request action taking the optional comment. */
    @FunctionalInterface
    private interface Action {
        ApprovalRequest run(Actor actor, String slug, String requestId, String comment);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(REQUESTS, this::submit);
        routes.get(REQUESTS, this::list);
        routes.get(REQUEST, ctx -> Json.write(ctx, 200,
                requests.get(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"))));
        routes.post(REQUEST + "/approve", ctx -> act(ctx, requests::approve));
        routes.post(REQUEST + "/decline", ctx -> act(ctx, requests::decline));
        routes.post(REQUEST + "/request-changes", ctx -> act(ctx, requests::requestChanges));
        routes.post(REQUEST + "/withdraw", ctx -> act(ctx, requests::withdraw));
        routes.post(REQUEST + "/discard", ctx -> act(ctx, requests::discard));
        routes.post(REQUEST + "/apply", ctx -> act(ctx, (actor, slug, id, comment) -> requests.apply(actor, slug, id)));
        routes.post(REQUEST + "/comments", this::comment);
    }

    private void submit(Context ctx) {
        NewRequest request = Json.read(ctx, NewRequest.class);
        Json.write(ctx, 201, requests.submit(Authentication.actor(ctx), ctx.pathParam("ws"), request));
    }

    private void list(Context ctx) {
        String state = ctx.queryParam("state");
        if (state != null && !STATES.contains(state)) {
            throw invalid("/state", "must be one of " + STATES);
        }
        RequestFilter filter = new RequestFilter(state, me(ctx, "reviewer"), me(ctx, "author"));
        var page = requests.list(Authentication.actor(ctx), ctx.pathParam("ws"), filter, ctx.queryParam("cursor"),
                QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, r -> r));
    }

    private void act(Context ctx, Action action) {
        Views.CommentBody body = Json.readOptional(ctx, Views.CommentBody.class, new Views.CommentBody(null));
        Json.write(ctx, 200, action.run(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"),
                body.comment()));
    }

    private void comment(Context ctx) {
        NoteBody body = Json.read(ctx, NoteBody.class);
        Json.write(ctx, 200, requests.comment(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("rid"),
                body.body()));
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
