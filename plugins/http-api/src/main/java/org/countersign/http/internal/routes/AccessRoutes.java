package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.countersign.api.access.AccessService;
import org.countersign.api.access.PermissionCheck;
import org.countersign.api.access.PermissionReport;
import org.countersign.api.access.Role;
import org.countersign.api.access.Statement;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;

/** Roles and the explanation of permissions (docs/domain.md#members-roles-and-permissions). */
public final class AccessRoutes implements RouteGroup {

    private final AccessService access;

    public AccessRoutes(AccessService access) {
        this.access = access;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WorkspaceRoutes.WS + "/roles", this::roles);
        routes.put(WorkspaceRoutes.WS + "/roles/{name}", this::putRole);
        routes.delete(WorkspaceRoutes.WS + "/roles/{name}", this::deleteRole);
        routes.get(WorkspaceRoutes.WS + "/permissions", this::permissions);
    }

    private void roles(Context ctx) {
        Json.write(ctx, 200, Lists.of(access.roles(Authentication.actor(ctx), ctx.pathParam("ws"))));
    }

    private void putRole(Context ctx) {
        String name = ctx.pathParam("name");
        RoleRequest request = Json.read(ctx, RoleRequest.class);
        if (request.name() != null && !request.name().equals(name)) {
            throw new BadRequestException("validation_failed", "The body names another role than the path",
                    List.of(new FieldError("/name", "must be " + name + " or left out")));
        }
        List<Statement> statements = request.statements() == null ? null
                : request.statements().stream().map(s -> s == null ? null : s.toStatement()).toList();
        Role role = access.putRole(Authentication.actor(ctx), ctx.pathParam("ws"), name, request.description(),
                statements);
        Json.write(ctx, 200, role);
    }

    private void deleteRole(Context ctx) {
        access.deleteRole(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("name"));
        ctx.status(204);
    }

    private void permissions(Context ctx) {
        PermissionReport report = access.explain(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.queryParam("user"),
                ctx.queryParam("resource"), ctx.queryParam("type"), labels(ctx.queryParams("label")));
        Json.write(ctx, 200, ReportView.of(report));
    }

    /** {@code label=team:growth} query parameters, as repeated {@code key:value} pairs. */
    static Map<String, String> labels(List<String> params) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String param : params) {
            int colon = param.indexOf(':');
            if (colon <= 0 || colon == param.length() - 1) {
                throw new BadRequestException("validation_failed", "label must be key:value",
                        List.of(new FieldError("/label", "must be key:value, got '" + param + "'")));
            }
            labels.put(param.substring(0, colon), param.substring(colon + 1));
        }
        return labels;
    }

    record RoleRequest(String name, String description, List<StatementBody> statements) {
    }

    /** A statement as clients send it: {@code draftOnly} and {@code resourceTypes} may be left out. */
    record StatementBody(String effect, List<String> actions, List<String> resourceTypes, Boolean draftOnly,
            Statement.Where where) {
        Statement toStatement() {
            return new Statement(effect, actions, resourceTypes, Boolean.TRUE.equals(draftOnly), where);
        }
    }

    record ReportView(String userId, String role, String resourceId, String resourceType, Map<String, String> labels,
            List<CheckView> permissions) {
        static ReportView of(PermissionReport r) {
            return new ReportView(r.userId(), r.role(), r.resourceId(), r.resourceType(), r.labels(),
                    r.checks().stream().map(CheckView::of).toList());
        }
    }

    /** One action's verdict: {@code allowed}, {@code draft_only} or {@code denied}, and the statements behind it. */
    record CheckView(String action, String resourceType, String grant, List<PermissionCheck.MatchedStatement> matched) {
        static CheckView of(PermissionCheck c) {
            return new CheckView(c.action(), c.resourceType(), c.grant().name().toLowerCase(Locale.ROOT), c.matched());
        }
    }
}
