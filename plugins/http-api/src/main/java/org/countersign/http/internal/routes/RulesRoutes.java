package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.countersign.api.rules.RulesScriptView;
import org.countersign.api.rules.RulesService;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.Json;

/** A workspace's rules script and the sandbox for trying one (docs/domain.md#approval-rules). */
public final class RulesRoutes implements RouteGroup {

    private final RulesService rules;

    public RulesRoutes(RulesService rules) {
        this.rules = rules;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(WorkspaceRoutes.WS + "/rules", ctx -> Json.write(ctx, 200,
                rules.get(Authentication.actor(ctx), ctx.pathParam("ws"))));
        routes.put(WorkspaceRoutes.WS + "/rules", this::put);
        routes.post(WorkspaceRoutes.WS + "/rules/evaluate", this::evaluate);
    }

    private void put(Context ctx) {
        SourceBody body = Json.read(ctx, SourceBody.class);
        RulesScriptView saved = rules.put(Authentication.actor(ctx), ctx.pathParam("ws"), body.source());
        // with governRules the change waits for approval: accepted, not yet in force
        Json.write(ctx, saved.pendingRequest() == null ? 200 : 202, saved);
    }

    private void evaluate(Context ctx) {
        EvaluateBody body = Json.read(ctx, EvaluateBody.class);
        Json.write(ctx, 200, rules.evaluate(Authentication.actor(ctx), ctx.pathParam("ws"), body.source(), body.change(),
                body.resource(), body.actor(), body.paths()));
    }

    record SourceBody(String source) {
    }

    /** A described change to try a script on; {@code paths} are the JSON paths it changes. */
    record EvaluateBody(String source, Map<String, Object> change, Map<String, Object> resource,
            Map<String, Object> actor, List<String> paths) {
    }
}
