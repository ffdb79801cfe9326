package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import org.countersign.api.identity.Invite;
import org.countersign.api.identity.SignInService;
import org.countersign.api.notify.NotificationService;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;

/**
 * Console passwords over the API (docs/domain.md#users-and-api-keys): a user changes their own; instance admins invite
 * a user with a one-time console link (also emailed when SMTP is set up) or set an initial password the user must
 * change.
 */
public final class PasswordRoutes implements RouteGroup {

    private final SignInService signIn;
    private final NotificationService notifications;
    private final String publicUrl;

    public PasswordRoutes(SignInService signIn, NotificationService notifications, String publicUrl) {
        this.signIn = signIn;
        this.notifications = notifications;
        this.publicUrl = publicUrl;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.put("/api/v1/me/password", this::change);
        routes.post("/api/v1/users/{userId}/invite", this::invite);
        routes.post("/api/v1/users/{userId}/password", this::setInitial);
    }

    private void change(Context ctx) {
        PasswordChange body = Json.read(ctx, PasswordChange.class);
        signIn.changePassword(Authentication.actor(ctx), body.current(), body.password(),
                Authentication.sessionToken(ctx));
        ctx.status(204);
    }

    private void invite(Context ctx) {
        Invite invite = signIn.invite(Authentication.actor(ctx), ctx.pathParam("userId"));
        String url = publicUrl + "/invite/" + invite.token();
        boolean emailed = notifications.emailInvite(invite.userId(), url, invite.expiresAt());
        Json.write(ctx, 201, Map.of("url", url, "expiresAt", invite.expiresAt(), "emailed", emailed));
    }

    private void setInitial(Context ctx) {
        InitialPassword body = Json.read(ctx, InitialPassword.class);
        signIn.setInitialPassword(Authentication.actor(ctx), ctx.pathParam("userId"), body.password());
        ctx.status(204);
    }

    record PasswordChange(String current, String password) {
    }

    record InitialPassword(String password) {
    }
}
