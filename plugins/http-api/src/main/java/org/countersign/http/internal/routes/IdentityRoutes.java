package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.IdentityService;
import org.countersign.api.identity.NewUser;
import org.countersign.api.identity.SignInService;
import org.countersign.api.workspace.WorkspaceService;
import org.countersign.http.internal.routes.Views.ApiKeyRequest;
import org.countersign.http.internal.routes.Views.ApiKeyView;
import org.countersign.http.internal.routes.Views.IssuedKeyView;
import org.countersign.http.internal.routes.Views.UserRequest;
import org.countersign.http.internal.routes.Views.UserView;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/** {@code /api/v1/me}, its API keys, and the users of the instance with theirs (docs/domain.md#users-and-api-keys). */
public final class IdentityRoutes implements RouteGroup {

    private final IdentityService identity;
    private final WorkspaceService workspaces;
    private final SignInService signIn;

    public IdentityRoutes(IdentityService identity, WorkspaceService workspaces, SignInService signIn) {
        this.identity = identity;
        this.workspaces = workspaces;
        this.signIn = signIn;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/v1/me", this::me);
        routes.get("/api/v1/me/api-keys", ctx -> listKeys(ctx, Authentication.actor(ctx).userId()));
        routes.post("/api/v1/me/api-keys", ctx -> createKey(ctx, Authentication.actor(ctx).userId()));
        routes.delete("/api/v1/me/api-keys/{keyId}", ctx -> revokeKey(ctx, Authentication.actor(ctx).userId()));
        routes.post("/api/v1/users", this::createUser);
        routes.get("/api/v1/users", this::listUsers);
        routes.get("/api/v1/users/{userId}", this::getUser);
        routes.get("/api/v1/users/{userId}/api-keys", ctx -> listKeys(ctx, ctx.pathParam("userId")));
        routes.post("/api/v1/users/{userId}/api-keys", ctx -> createKey(ctx, ctx.pathParam("userId")));
        routes.delete("/api/v1/users/{userId}/api-keys/{keyId}", ctx -> revokeKey(ctx, ctx.pathParam("userId")));
    }

    private void me(Context ctx) {
        Actor actor = Authentication.actor(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        UserView user = UserView.of(actor.user());
        body.put("id", user.id());
        body.put("email", user.email());
        body.put("name", user.name());
        body.put("instanceAdmin", user.instanceAdmin());
        body.put("createdAt", user.createdAt());
        body.put("apiKeyId", actor.apiKeyId());
        body.put("mustChangePassword", signIn.mustChangePassword(actor.userId()));
        body.put("memberships", workspaces.memberships(actor));
        Json.write(ctx, 200, body);
    }

    private void createUser(Context ctx) {
        UserRequest request = Json.read(ctx, UserRequest.class);
        NewUser user = new NewUser(request.email(), request.name(), Boolean.TRUE.equals(request.instanceAdmin()));
        Json.write(ctx, 201, UserView.of(identity.createUser(Authentication.actor(ctx), user)));
    }

    private void listUsers(Context ctx) {
        var page = identity.users(Authentication.actor(ctx), ctx.queryParam("cursor"), QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, UserView::of));
    }

    private void getUser(Context ctx) {
        Json.write(ctx, 200, UserView.of(identity.user(Authentication.actor(ctx), ctx.pathParam("userId"))));
    }

    private void listKeys(Context ctx, String userId) {
        List<ApiKeyView> keys = identity.apiKeys(Authentication.actor(ctx), userId).stream().map(ApiKeyView::of).toList();
        Json.write(ctx, 200, Lists.of(keys));
    }

    private void createKey(Context ctx, String userId) {
        ApiKeyRequest request = Json.read(ctx, ApiKeyRequest.class);
        Json.write(ctx, 201, IssuedKeyView.of(identity.createApiKey(Authentication.actor(ctx), userId, request.name())));
    }

    private void revokeKey(Context ctx, String userId) {
        identity.revokeApiKey(Authentication.actor(ctx), userId, ctx.pathParam("keyId"));
        ctx.status(204);
    }
}
