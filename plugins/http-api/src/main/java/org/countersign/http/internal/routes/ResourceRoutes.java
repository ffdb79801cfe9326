package org.countersign.http.internal.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.Person;
import org.countersign.api.resource.Dependency;
import org.countersign.api.resource.Draft;
import org.countersign.api.resource.DraftEdit;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.Publication;
import org.countersign.api.resource.Resource;
import org.countersign.api.resource.ResourceFilter;
import org.countersign.api.resource.ResourceService;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.Revision;
import org.countersign.http.internal.support.Authentication;
import org.countersign.http.internal.support.IfMatch;
import org.countersign.http.internal.support.Json;
import org.countersign.http.internal.support.Lists;
import org.countersign.http.internal.support.QueryParams;

/** Resources, drafts, revisions, diffs, direct publishing and runs (docs/domain.md#resources-drafts-and-revisions). */
public final class ResourceRoutes implements RouteGroup {

    private static final String RESOURCES = WorkspaceRoutes.WS + "/resources";
    private static final String RESOURCE = RESOURCES + "/{id}";

    private final ResourceService resources;

    public ResourceRoutes(ResourceService resources) {
        this.resources = resources;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(RESOURCES, this::list);
        routes.post(RESOURCES, this::create);
        routes.get(RESOURCE, ctx -> respond(ctx, 200,
                resources.get(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"))));
        routes.delete(RESOURCE, this::delete);
        routes.put(RESOURCE + "/draft", this::saveDraft);
        routes.delete(RESOURCE + "/draft", this::deleteDraft);
        routes.get(RESOURCE + "/diff", this::diff);
        routes.post(RESOURCE + "/publish", this::publish);
        routes.get(RESOURCE + "/revisions", this::revisions);
        routes.post(RESOURCE + "/runs", this::run);
        routes.get(RESOURCE + "/approvers", ctx -> Json.write(ctx, 200, Lists.of(resources.approvers(
                Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id")))));
        routes.post(RESOURCES + "/validate", ctx -> Json.write(ctx, 200, Map.of("errors", resources.validate(
                Authentication.actor(ctx), ctx.pathParam("ws"), Json.read(ctx, NewResource.class)))));
    }

    private void list(Context ctx) {
        ResourceFilter filter = new ResourceFilter(ctx.queryParam("type"), AccessRoutes.labels(ctx.queryParams("label")),
                state(ctx.queryParam("state")));
        var page = resources.list(Authentication.actor(ctx), ctx.pathParam("ws"), filter, ctx.queryParam("cursor"),
                QueryParams.integer(ctx, "limit"));
        Json.write(ctx, 200, Lists.of(page, ResourceView::of));
    }

    private void create(Context ctx) {
        NewResource request = Json.read(ctx, NewResource.class);
        respond(ctx, 201, resources.create(Authentication.actor(ctx), ctx.pathParam("ws"), request));
    }

    private void saveDraft(Context ctx) {
        DraftEdit edit = Json.read(ctx, DraftEdit.class);
        Resource saved = resources.saveDraft(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"), edit,
                ifMatch(ctx.header("If-Match")));
        respond(ctx, 200, saved);
    }

    private void deleteDraft(Context ctx) {
        resources.deleteDraft(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"));
        ctx.status(204);
    }

    private void diff(Context ctx) {
        Json.write(ctx, 200, resources.diff(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                QueryParams.integer(ctx, "from"), QueryParams.integer(ctx, "to")));
    }

    private void publish(Context ctx) {
        Views.CommentBody body = Json.readOptional(ctx, Views.CommentBody.class, new Views.CommentBody(null));
        respond(ctx, 200, resources.publish(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                body.comment()));
    }

    private void delete(Context ctx) {
        resources.delete(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                ctx.queryParam("environment"));
        ctx.status(204);
    }

    private void revisions(Context ctx) {
        List<RevisionView> items = resources.revisions(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"))
                .stream().map(RevisionView::of).toList();
        Json.write(ctx, 200, Lists.of(items));
    }

    private void run(Context ctx) {
        RunBody body = Json.readOptional(ctx, RunBody.class, new RunBody(null));
        Json.write(ctx, 202, resources.run(Authentication.actor(ctx), ctx.pathParam("ws"), ctx.pathParam("id"),
                body.environment()));
    }

    /** Answers with the resource and, when it has a draft, the draft version as its ETag. */
    private static void respond(Context ctx, int status, Resource resource) {
        if (resource.draft() != null) {
            ctx.header("ETag", "\"" + resource.draft().version() + "\"");
        }
        Json.write(ctx, status, ResourceView.of(resource));
    }

    /** {@code If-Match: "3"} (or {@code W/"3"}, or {@code 3}); absent means no check. */
    static Integer ifMatch(String header) {
        String value = IfMatch.tag(header);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("validation_failed", "If-Match must be a draft version such as \"3\"",
                    List.of(new FieldError("/If-Match", "is not a draft version")));
        }
    }

    private static ResourceState state(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "draft" -> ResourceState.DRAFT;
            case "published" -> ResourceState.PUBLISHED;
            case "changed" -> ResourceState.CHANGED;
            default -> throw new BadRequestException("validation_failed", "state must be draft, published or changed",
                    List.of(new FieldError("/state", "must be draft, published or changed")));
        };
    }

    record RunBody(String environment) {
    }

    /** The resource shape of docs/domain.md#http-api. */
    record ResourceView(String id, String type, String name, Map<String, String> labels, List<String> owners,
            String state, Map<String, PublishedView> published, DraftView draft, String openRequest, Instant createdAt,
            String createdBy, List<DependencyView> dependencies, Map<String, Person> people,
            List<String> allowedActions) {
        static ResourceView of(Resource r) {
            Map<String, PublishedView> published = new LinkedHashMap<>();
            r.published().forEach((env, p) -> published.put(env, PublishedView.of(p)));
            return new ResourceView(r.id(), r.type(), r.name(), r.labels(), r.owners(), lower(r.state()), published,
                    r.draft() == null ? null : DraftView.of(r.draft()), r.openRequest(), r.createdAt(), r.createdBy(),
                    r.dependencies().stream().map(DependencyView::of).toList(), r.people(), r.allowedActions());
        }
    }

    /** A referenced resource; {@code draftVersion} is set while it has a pending draft. */
    record DependencyView(String path, String resourceId, String type, String name, String state, Integer draftVersion) {
        static DependencyView of(Dependency d) {
            return new DependencyView(d.path(), d.resourceId(), d.type(), d.name(), lower(d.state()), d.draftVersion());
        }
    }

    private static String lower(ResourceState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    record PublishedView(int revision, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config, Instant publishedAt, String publishedBy) {
        static PublishedView of(Publication p) {
            return new PublishedView(p.revision(), p.content().name(), p.content().labels(), p.content().owners(),
                    p.content().config(), p.publishedAt(), p.publishedBy());
        }
    }

    record DraftView(int version, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config, List<String> contributors, Integer baseRevision, Instant updatedAt,
            String updatedBy) {
        static DraftView of(Draft d) {
            return new DraftView(d.version(), d.content().name(), d.content().labels(), d.content().owners(),
                    d.content().config(), d.contributors(), d.baseRevision(), d.updatedAt(), d.updatedBy());
        }
    }

    record RevisionView(int number, String name, Map<String, String> labels, List<String> owners,
            Map<String, Object> config, String author, Instant at, String comment, String requestId, String publishedBy,
            List<String> contributors) {
        static RevisionView of(Revision r) {
            return new RevisionView(r.number(), r.content().name(), r.content().labels(), r.content().owners(),
                    r.content().config(), r.author(), r.at(), r.comment(), r.requestId(), r.publishedBy(),
                    r.contributors());
        }
    }
}
