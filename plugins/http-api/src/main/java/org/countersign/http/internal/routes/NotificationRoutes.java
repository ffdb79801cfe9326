package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.countersign.api.notify.DeliveryStatus;
import org.countersign.api.notify.InboxPage;
import org.countersign.api.notify.NotificationService;
import org.countersign.api.storage.Page;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/** The caller's in-app inbox and a workspace's delivery log (docs/domain.md#notifications). */
public final class NotificationRoutes implements RouteGroup {

    private final NotificationService notifications;

    public NotificationRoutes(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/me/notifications", this::inbox);
        routes.post("/api/v1/me/notifications/read", this::markAllRead);
        routes.post("/api/v1/me/notifications/{notificationId}/read", this::markRead);
        routes.get(WorkspaceRoutes.WS + "/notifications/deliveries", this::deliveries);
        routes.post(WorkspaceRoutes.WS + "/notifications/deliveries/retry", this::retryDead);
        routes.post(WorkspaceRoutes.WS + "/settings/notifications/test", ctx -> Json.write(ctx, 200, notifications.test(
                Authentication.actor(ctx), ctx.pathParam("ws"), Json.read(ctx, TestBody.class).index())));
        routes.post(WorkspaceRoutes.WS + "/notifications/deliveries/{deliveryId}/retry", this::retry);
    }

    /** {@code {"channel": "email"}} narrows the retry to one channel; no body retries every dead delivery. */
    private void retryDead(Context ctx) {
        RetryBody body = Json.readOptional(ctx, RetryBody.class, new RetryBody(null));
        Json.write(ctx, 200, Map.of("retried", notifications.retryDead(Authentication.actor(ctx), ctx.pathParam("ws"),
                body.channel())));
    }

    record RetryBody(String channel) {
    }

    /** Which of the workspace's channels to send a test message through (its position in the settings). */
    record TestBody(int index) {
    }

    private void inbox(Context ctx) {
        InboxPage page = notifications.inbox(Authentication.actor(ctx), QueryParams.bool(ctx, "unread", false),
                ctx.queryParam("cursor"), QueryParams.integer(ctx, "limit"));
        Map<String, Object> body = Lists.of(page.items(), page.next());
        body.put("unread", page.unread());
        Json.write(ctx, 200, body);
    }

    private void markRead(Context ctx) {
        Json.write(ctx, 200, notifications.markRead(Authentication.actor(ctx), ctx.pathParam("notificationId")));
    }

    private void markAllRead(Context ctx) {
        Json.write(ctx, 200, Map.of("marked", notifications.markAllRead(Authentication.actor(ctx))));
    }

    private void retry(Context ctx) {
        Json.write(ctx, 200, notifications.retry(Authentication.actor(ctx), ctx.pathParam("ws"),
                ctx.pathParam("deliveryId")));
    }

    private void deliveries(Context ctx) {
        Page<DeliveryStatus> page = notifications.deliveries(Authentication.actor(ctx), ctx.pathParam("ws"),
                ctx.queryParam("state"), ctx.queryParam("cursor"), QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page.items(), page.next()));
    }
}
