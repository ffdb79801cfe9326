package org.countersign.http.internal.routes;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.SettingsChange;
import org.countersign.api.workspace.Workspace;
import org.countersign.api.workspace.WorkspaceService;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/**
 * Workspaces, their settings and members (docs/domain.md#workspaces-and-settings, #members-roles-and-permissions).
 * Permissions are the core's business.
 */
public final class WorkspaceRoutes implements RouteGroup {

    static final String WS = "/api/v1/workspaces/{ws}";

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final WorkspaceService workspaces;

    public WorkspaceRoutes(WorkspaceService workspaces) {
        this.workspaces = workspaces;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/v1/workspaces", this::create);
        routes.get("/api/v1/workspaces", this::list);
        routes.get(WS, ctx -> Json.write(ctx, 200, workspaces.get(Authentication.actor(ctx), ctx.pathParam("ws"))));
        routes.get(WS + "/settings", this::settings);
        routes.patch(WS + "/settings", this::patchSettings);
        routes.get(WS + "/members", this::members);
        routes.put(WS + "/members/{userId}", this::putMember);
        routes.delete(WS + "/members/{userId}", this::removeMember);
    }

    private void create(Context ctx) {
        WorkspaceRequest request = Json.read(ctx, WorkspaceRequest.class);
        Workspace created = workspaces.create(Authentication.actor(ctx), request.slug(), request.name());
        Json.write(ctx, 201, created);
    }

    private void list(Context ctx) {
        var page = workspaces.list(Authentication.actor(ctx), ctx.queryParam("cursor"), QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, w -> w));
    }

    private void settings(Context ctx) {
        Json.write(ctx, 200, SettingsView.of(workspaces.settings(Authentication.actor(ctx), ctx.pathParam("ws"))));
    }

    @SuppressWarnings("unchecked")
    private void patchSettings(Context ctx) {
        Map<String, Object> patch = Json.read(ctx, Map.class);
        SettingsChange change = workspaces.updateSettings(Authentication.actor(ctx), ctx.pathParam("ws"), patch);
        if (change.pendingRequest() == null) {
            Json.write(ctx, 200, SettingsView.of(change.settings()));
        } else {
            // part of the patch waits for approval: accepted, not yet all in force
            Map<String, Object> body = Json.MAPPER.convertValue(SettingsView.of(change.settings()), OBJECT);
            body.put("pendingRequest", change.pendingRequest());
            Json.write(ctx, 202, body);
        }
    }

    private void members(Context ctx) {
        var page = workspaces.members(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.queryParam("cursor"),
                QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, m -> m));
    }

    private void putMember(Context ctx) {
        MemberRequest request = Json.read(ctx, MemberRequest.class);
        Member member = workspaces.putMember(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("userId"),
                request.role());
        Json.write(ctx, 200, member);
    }

    private void removeMember(Context ctx) {
        workspaces.removeMember(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("userId"));
        ctx.status(204);
    }

    record WorkspaceRequest(String slug, String name) {
    }

    record MemberRequest(String role) {
    }

    /** Settings as shown: notification channels by type only, their URLs and secrets being write-only. */
    record SettingsView(boolean requireApprovals, boolean allowSelfApproval, List<String> environments,
            WorkspaceSettings.Promotion promotion, List<Map<String, String>> notifications, String timezone,
            boolean governRules) {
        static SettingsView of(WorkspaceSettings s) {
            return new SettingsView(s.requireApprovals(), s.allowSelfApproval(), s.environments(), s.promotion(),
                    s.notifications().stream().map(n -> Map.of("type", n.type())).toList(), s.timezone(),
                    s.governRules());
        }
    }
}
