package org.countersign.core.internal.resource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Role;
import org.countersign.api.approval.NewRequest;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.audit.AuditLog;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.ConflictException;
import org.countersign.api.error.CountersignException;
import org.countersign.api.error.FieldError;
import org.countersign.api.error.NotFoundException;
import org.countersign.api.error.StaleVersionException;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.Person;
import org.countersign.api.resource.ConfigDiff;
import org.countersign.api.resource.DraftEdit;
import org.countersign.api.resource.NewResource;
import org.countersign.api.resource.Resource;
import org.countersign.api.resource.ResourceContent;
import org.countersign.api.resource.ResourceFilter;
import org.countersign.api.resource.ResourceService;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.resource.ResourceType;
import org.countersign.api.resource.ResourceTypes;
import org.countersign.api.resource.Revision;
import org.countersign.api.resource.Run;
import org.countersign.api.storage.Page;
import org.countersign.api.storage.Store;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredPublication;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.Tx;
import org.countersign.api.workspace.Member;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.AccessControl;
import org.countersign.core.internal.access.PermissionEvaluator;
import org.countersign.core.internal.access.WorkspaceAccess;
import org.countersign.core.internal.request.ApprovalPolicy;
import org.countersign.core.internal.request.Publisher;
import org.countersign.core.internal.request.RequestEvaluator;
import org.countersign.core.internal.request.RequestRounds;
import org.countersign.core.internal.request.Submissions;
import org.countersign.core.internal.rules.RulesGate;
import org.countersign.core.internal.rules.RulesResourceType;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Ids;
import org.countersign.core.internal.support.Paging;
import org.countersign.core.internal.support.Times;
import org.countersign.core.internal.workspace.SettingsCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resources, drafts, revisions, direct publishing and runs (docs/domain.md#resources-drafts-and-revisions), behind the
 * workspace gate.
 */
@Component(service = ResourceService.class)
public class ResourceServiceImpl implements ResourceService {

    private static final int MEMBER_BATCH = 500;

    private final Store store;
    private final AuditLog audit;
    private final AccessControl access;
    private final ResourceTypes types;
    private final Publisher publisher;
    private final Submissions submissions;
    private final RulesGate rules;
    private final ConfigValidator configs = new ConfigValidator();
    private final SecretBox secrets;

    @Activate
    public ResourceServiceImpl(@Reference Store store, @Reference AuditLog audit, @Reference AccessControl access,
            @Reference ResourceTypes types, @Reference RulesGate rules, @Reference SecretBox secrets) {
        this.secrets = secrets;
        this.store = store;
        this.audit = audit;
        this.access = access;
        this.types = types;
        this.publisher = new Publisher(audit);
        this.submissions = new Submissions(audit, types, new RequestEvaluator(access, rules));
        this.rules = rules;
    }

    @Override
    public Resource create(Actor actor, String slug, NewResource request) {
        String mode = request.mode() == null ? NewResource.DRAFT : request.mode();
        if (!List.of(NewResource.DRAFT, NewResource.SUBMIT, NewResource.PUBLISH).contains(mode)) {
            throw new BadRequestException("validation_failed", "mode must be draft, submit or publish",
                    List.of(new FieldError("/mode", "must be \"draft\", \"submit\" or \"publish\"")));
        }
        if (request.type() == null || request.type().isBlank()) {
            throw new BadRequestException("validation_failed", "A resource needs a type",
                    List.of(new FieldError("/type", "is required: one of GET /api/v1/resource-types")));
        }
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            if (RulesResourceType.NAME.equals(request.type())) {
                throw new BadRequestException("validation_failed", "Rules are changed through the rules endpoint",
                        List.of(new FieldError("/type", "use PUT /api/v1/workspaces/" + slug + "/rules")));
            }
            ResourceType type = types.find(request.type()).orElseThrow(() -> new BadRequestException("validation_failed",
                    "No resource type " + request.type() + " is installed",
                    List.of(new FieldError("/type", "is not an installed resource type"))));
            ResourceContent content = request.content();
            ContentValidation.check(content, user -> tx.members().role(ws.workspaceId(), user).isPresent());
            configs.check(type, content.config());
            ResourceContent stored = sealed(type, content);
            ws.require(Actions.CREATE, type.name(), content.labels());
            Dependencies.requireReadable(tx, ws, type, content);

            StoredResource resource = new StoredResource(Ids.next("res"), ws.workspaceId(), type.name(), content.name(),
                    ContentJson.write(content.labels()), ContentJson.write(content.owners()), ResourceState.DRAFT,
                    Times.now(), actor.userId(), Times.now());
            tx.resources().insert(resource);
            tx.drafts().put(new StoredDraft(resource.id(), 1, ContentJson.write(stored),
                    ContentJson.write(List.of(actor.userId())), null, resource.createdAt(), actor.userId(), null));
            audit.append(tx, ws.auditEntry("resource.created", resource.id(),
                    Details.of("type", type.name(), "name", content.name(), "mode", mode)));
            if (NewResource.PUBLISH.equals(mode)) {
                publishDraft(tx, ws, resource.id(), request.comment());
            } else if (NewResource.SUBMIT.equals(mode)) {
                submissions.submit(tx, ws, new NewRequest(RequestKind.PUBLISH.wire(), List.of(resource.id()), null,
                        null, request.reviewers(), request.comment()));
            }
            return view(tx, ws, resource.id());
        });
    }

    @Override
    public Resource get(Actor actor, String slug, String resourceId) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            return view(tx, ws, resource.id());
        });
    }

    @Override
    public Page<Resource> list(Actor actor, String slug, ResourceFilter filter, String cursor, Integer limit) {
        int size = Paging.limit(limit);
        String list = "resources:" + slug + ":" + filter.type() + ":" + filter.state() + ":"
                + new TreeMap<>(filter.labels());
        String after = Paging.decode(list, cursor);
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            // label-conditioned roles hide some rows, so keep reading until the page is full
            List<StoredResource> visible = new ArrayList<>();
            String from = after;
            while (visible.size() <= size) {
                List<StoredResource> batch = tx.resources().list(ws.workspaceId(), filter.type(), filter.state(),
                        filter.labels(), from, size + 1);
                for (StoredResource row : batch) {
                    if (ws.check(Actions.READ, row.type(), ContentJson.labels(row.labelsJson())).grant().permits()) {
                        visible.add(row);
                    }
                }
                if (batch.size() < size + 1) {
                    break;
                }
                from = batch.get(batch.size() - 1).id();
            }
            List<StoredResource> page = visible.size() > size ? visible.subList(0, size + 1) : visible;
            WorkspaceSettings settings = settings(ws);
            List<Resource> views = ResourceViews.of(tx, page, typesOf(page)).stream()
                    .map(view -> view.withAllowedActions(ResourceActions.allowed(ws, settings, view, false))).toList();
            return Paging.page(list, views, size, Resource::id);
        });
    }

    @Override
    public Resource saveDraft(Actor actor, String slug, String resourceId, DraftEdit edit, Integer ifMatch) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            ResourceType type = installed(resource);
            Optional<StoredDraft> existing = tx.drafts().get(resourceId);
            int version = existing.map(StoredDraft::version).orElse(0);
            if (ifMatch != null && ifMatch != version) {
                throw new StaleVersionException("The draft is at version " + version + ", not " + ifMatch);
            }
            Integer base = existing.isPresent() ? existing.get().baseRevision() : latestPublished(tx, resourceId);
            ResourceContent before = existing.map(d -> ContentJson.content(d.contentJson()))
                    .orElseGet(() -> revisionContent(tx, resourceId, base));
            // checks see the secrets in the clear; what is stored only ever holds them sealed
            ResourceContent edited = opened(type, apply(before, edit, type));
            ContentValidation.check(edited, user -> tx.members().role(ws.workspaceId(), user).isPresent());
            configs.check(type, edited.config());
            ResourceContent after = sealed(type, edited);
            ws.require(Actions.UPDATE, type.name(), before.labels());
            ws.require(Actions.UPDATE, type.name(), after.labels());
            Dependencies.requireReadable(tx, ws, type, after);

            Set<String> contributors = new LinkedHashSet<>(existing.map(d -> ContentJson.strings(d.contributorsJson()))
                    .orElse(List.of()));
            contributors.add(actor.userId());
            tx.drafts().put(new StoredDraft(resourceId, version + 1, ContentJson.write(after),
                    ContentJson.write(List.copyOf(contributors)), base, Times.now(), actor.userId(),
                    existing.map(StoredDraft::requestId).orElse(null)));
            existing.map(StoredDraft::requestId).ifPresent(requestId ->
                    RequestRounds.draftEdited(tx, ws, audit, requestId, resourceId, version + 1));
            boolean published = base != null;
            tx.resources().update(published ? withState(resource, ResourceState.CHANGED) : current(resource, after,
                    ResourceState.DRAFT));
            ConfigDiff diff = ContentDiffer.diff(before, after, List.of());
            audit.append(tx, ws.auditEntry("draft.saved", resourceId,
                    Details.of("version", version + 1, "paths", diff.paths())));
            return view(tx, ws, resourceId);
        });
    }

    @Override
    public void deleteDraft(Actor actor, String slug, String resourceId) {
        store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            StoredDraft draft = tx.drafts().get(resourceId)
                    .orElseThrow(() -> new NotFoundException("Resource " + resourceId + " has no draft"));
            if (draft.requestId() != null) {
                throw new ConflictException("draft_in_request", "The draft is part of request " + draft.requestId()
                        + "; withdraw or discard the request first");
            }
            ws.require(Actions.UPDATE, resource.type(), ContentJson.labels(resource.labelsJson()));
            tx.drafts().delete(resourceId);
            if (resource.state() == ResourceState.DRAFT) {
                tx.resources().delete(resourceId);
            } else {
                tx.resources().update(withState(resource, ResourceState.PUBLISHED));
            }
            audit.append(tx, ws.auditEntry("draft.deleted", resourceId, Details.of("version", draft.version())));
            return null;
        });
    }

    @Override
    public ConfigDiff diff(Actor actor, String slug, String resourceId, Integer from, Integer to) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            Optional<ResourceType> type = types.find(resource.type());
            Optional<StoredDraft> draft = tx.drafts().get(resourceId);
            Integer fromRevision = from != null ? from
                    : draft.map(StoredDraft::baseRevision).orElseGet(() -> latestPublished(tx, resourceId));
            ResourceContent before = fromRevision == null ? null : revisionContent(tx, resourceId, fromRevision);
            ResourceContent after;
            if (to != null) {
                after = revisionContent(tx, resourceId, to);
            } else {
                after = draft.map(d -> ContentJson.content(d.contentJson())).orElse(before);
            }
            // secrets are left out before diffing, so a diff never shows them
            return ContentDiffer.diff(before == null ? null : ResourceViews.redact(before, type),
                    after == null ? null : ResourceViews.redact(after, type),
                    type.map(ResourceType::textDiffPaths).orElse(List.of()));
        });
    }

    @Override
    public Resource publish(Actor actor, String slug, String resourceId, String comment) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            readable(tx, ws, resourceId);
            publishDraft(tx, ws, resourceId, comment);
            return view(tx, ws, resourceId);
        });
    }

    @Override
    public void delete(Actor actor, String slug, String resourceId, String environment) {
        store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            ResourceType type = installed(resource);
            WorkspaceSettings settings = settings(ws);
            if (environment != null && !settings.environments().contains(environment)) {
                throw new BadRequestException("validation_failed", "No environment " + environment,
                        List.of(new FieldError("/environment", "is not one of " + settings.environments())));
            }
            Map<String, String> labels = ContentJson.labels(resource.labelsJson());
            ws.require(Actions.DELETE, type.name(), labels);
            if (resource.state() == ResourceState.DRAFT) {
                throw new ConflictException("invalid_state", resource.name() + " was never published; delete its draft");
            }
            ResourceContent live = ResourceRows.latestContent(tx, resourceId).orElseThrow();
            RulesGate.Outcome outcome = rules.evaluate(tx, ws, settings, new RulesGate.Change(RequestKind.DELETE.wire(),
                    environment, null, List.of(ruleItem(resource, live, ContentDiffer.diff(live, null, List.of()))),
                    ws.actor().userId()));
            ApprovalPolicy.requireDirect(ApprovalPolicy.decide(ws, settings, type, Actions.DELETE, labels, labels,
                    ContentDiffer.diff(live, null, List.of()), outcome));
            if (tx.drafts().get(resourceId).map(StoredDraft::requestId).orElse(null) != null) {
                throw new ConflictException("draft_in_request", "The resource has a draft under review");
            }
            List<String> environments = environment == null ? settings.environments() : List.of(environment);
            publisher.unpublish(tx, ws, resource, environments, null);
            return null;
        });
    }

    @Override
    public List<Revision> revisions(Actor actor, String slug, String resourceId) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            Optional<ResourceType> type = types.find(resource.type());
            return tx.revisions().list(resourceId).stream().map(r -> new Revision(r.number(),
                    ResourceViews.redact(ContentJson.content(r.contentJson()), type), r.author(), r.at(), r.comment(),
                    r.requestId(), r.publishedBy(),
                    r.contributorsJson() == null ? List.of() : ContentJson.strings(r.contributorsJson()))).toList();
        });
    }

    @Override
    public List<Person> approvers(Actor actor, String slug, String resourceId) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            Map<String, String> labels = ContentJson.labels(resource.labelsJson());
            Set<String> wrote = new HashSet<>(tx.drafts().get(resourceId).map(d -> ContentJson.strings(d.contributorsJson()))
                    .orElse(List.of()));
            wrote.add(actor.userId());
            boolean selfApproval = settings(ws).allowSelfApproval();
            Map<String, Optional<Role>> roles = new HashMap<>();
            List<String> ids = new ArrayList<>();
            String after = null;
            List<Member> members;
            do {
                members = tx.members().list(ws.workspaceId(), after, MEMBER_BATCH);
                for (Member member : members) {
                    after = member.userId();
                    Optional<Role> role = roles.computeIfAbsent(member.role(),
                            name -> access.findRole(tx, ws.workspaceId(), name));
                    if ((selfApproval || !wrote.contains(member.userId())) && role.isPresent()
                            && PermissionEvaluator.check(role.get(), Actions.APPROVE, resource.type(), labels).grant()
                                    .permits()) {
                        ids.add(member.userId());
                    }
                }
            } while (members.size() == MEMBER_BATCH);
            Map<String, Person> named = new HashMap<>();
            tx.users().byIds(ids).forEach(user -> named.put(user.id(), Person.of(user)));
            return ids.stream().map(named::get).filter(Objects::nonNull).toList();
        });
    }

    @Override
    public List<FieldError> validate(Actor actor, String slug, NewResource request) {
        return store.read(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            Optional<ResourceType> type = request.type() == null ? Optional.empty() : types.find(request.type());
            if (type.isEmpty()) {
                return List.of(new FieldError("/type", "is not an installed resource type"));
            }
            List<FieldError> errors = new ArrayList<>();
            ResourceContent content = request.content();
            try {
                ContentValidation.check(content, user -> tx.members().role(ws.workspaceId(), user).isPresent());
            } catch (BadRequestException e) {
                errors.addAll(e.errors());
            }
            try {
                configs.check(type.get(), content.config());
            } catch (BadRequestException e) {
                errors.addAll(e.errors());
            }
            return errors;
        });
    }

    @Override
    public Run run(Actor actor, String slug, String resourceId, String environment) {
        return store.write(tx -> {
            WorkspaceAccess ws = access.enter(tx, actor, slug);
            StoredResource resource = readable(tx, ws, resourceId);
            WorkspaceSettings settings = settings(ws);
            String env = environment == null ? settings.firstEnvironment() : environment;
            if (!settings.environments().contains(env)) {
                throw new BadRequestException("validation_failed", "No environment " + env,
                        List.of(new FieldError("/environment", "is not one of " + settings.environments())));
            }
            ws.require(Actions.START, resource.type(), ContentJson.labels(resource.labelsJson()));
            StoredPublication live = Dependencies.requireRunnable(tx, ws.workspaceId(), resource, env, types);
            Run run = new Run(Ids.next("run"), resourceId, env, live.revision(), actor.userId(), Times.now());
            tx.runs().insert(ws.workspaceId(), run);
            audit.append(tx, ws.auditEntry("run.requested", resourceId,
                    Details.of("run", run.id(), "environment", env, "revision", live.revision())));
            Publisher.outbox(tx, ws, "run.requested", Details.of("runId", run.id(), "resourceId", resourceId, "type",
                    resource.type(), "environment", env, "revision", live.revision(), "actor", actor.userId()));
            return run;
        });
    }

    /** Publishes the resource's draft to the first environment, if nothing requires approval. */
    private void publishDraft(Tx tx, WorkspaceAccess ws, String resourceId, String comment) {
        StoredResource resource = tx.resources().byId(ws.workspaceId(), resourceId).orElseThrow();
        ResourceType type = installed(resource);
        StoredDraft draft = tx.drafts().get(resourceId)
                .orElseThrow(() -> new ConflictException("invalid_state", "There is no draft to publish"));
        requireDirectPublish(tx, ws, type, resource, draft);
        publisher.publishDraft(tx, ws, type, resource, draft, settings(ws).firstEnvironment(), comment, null, Set.of());
    }

    /** Refuses unless the draft may go live directly: not under review, and nothing requires approval or blocks it. */
    private void requireDirectPublish(Tx tx, WorkspaceAccess ws, ResourceType type, StoredResource resource,
            StoredDraft draft) {
        ApprovalPolicy.requireDirect(directPublish(tx, ws, type, resource, draft, false));
    }

    /**
     * The decision on publishing the draft directly. With {@code enoughToRefuse}, rules are not asked when roles and
     * settings already require approval (rules only tighten); without it, the decision names what rules require too.
     */
    private ApprovalPolicy.Decision directPublish(Tx tx, WorkspaceAccess ws, ResourceType type, StoredResource resource,
            StoredDraft draft, boolean enoughToRefuse) {
        if (draft.requestId() != null) {
            throw new ConflictException("draft_in_request", "The draft is part of request " + draft.requestId());
        }
        WorkspaceSettings settings = settings(ws);
        ResourceContent after = ContentJson.content(draft.contentJson());
        ResourceContent before = draft.baseRevision() == null ? null
                : revisionContent(tx, resource.id(), draft.baseRevision());
        String action = before == null ? Actions.CREATE : Actions.UPDATE;
        ConfigDiff diff = ContentDiffer.diff(before, after, List.of());
        Map<String, String> labelsBefore = before == null ? null : before.labels();
        if (enoughToRefuse) {
            ApprovalPolicy.Decision withoutRules = ApprovalPolicy.decide(ws, settings, type, action, labelsBefore,
                    after.labels(), diff, RulesGate.Outcome.NONE);
            if (withoutRules.approvalRequired()) {
                return withoutRules;
            }
        }
        RulesGate.Outcome outcome = rules.evaluate(tx, ws, settings, new RulesGate.Change(RequestKind.PUBLISH.wire(),
                settings.firstEnvironment(), null, List.of(ruleItem(resource, after, diff)), ws.actor().userId()));
        return ApprovalPolicy.decide(ws, settings, type, action, labelsBefore, after.labels(), diff, outcome);
    }

    /** Whether "Publish now" would go through for this actor, asked without changing anything. */
    private boolean mayPublishNow(Tx tx, WorkspaceAccess ws, StoredResource resource) {
        Optional<ResourceType> type = types.find(resource.type());
        Optional<StoredDraft> draft = tx.drafts().get(resource.id());
        if (type.isEmpty() || draft.isEmpty()) {
            return false;
        }
        try {
            ApprovalPolicy.requireDirect(directPublish(tx, ws, type.get(), resource, draft.get(), true));
            Dependencies.requirePublished(tx, ws.workspaceId(), type.get(), ContentJson.content(draft.get().contentJson()),
                    Set.of());
            return true;
        } catch (CountersignException e) {
            return false;
        }
    }

    private ResourceContent sealed(ResourceType type, ResourceContent content) {
        return new ResourceContent(content.name(), content.labels(), content.owners(),
                SecretValues.seal(secrets, content.config(), type.writeOnlyPaths()));
    }

    private ResourceContent opened(ResourceType type, ResourceContent content) {
        return new ResourceContent(content.name(), content.labels(), content.owners(),
                SecretValues.open(secrets, content.config(), type.writeOnlyPaths()));
    }

    private static RulesGate.Item ruleItem(StoredResource resource, ResourceContent content, ConfigDiff diff) {
        return new RulesGate.Item(resource.id(), resource.type(), content.name(), content.labels(), content.owners(),
                content.config(), diff.paths());
    }

    private static ResourceContent apply(ResourceContent before, DraftEdit edit, ResourceType type) {
        Map<String, Object> config = edit.config() == null ? before.config()
                : ConfigPaths.keepWriteOnly(edit.config(), before.config(), type.writeOnlyPaths());
        return new ResourceContent(edit.name() == null ? before.name() : edit.name(),
                edit.labels() == null ? before.labels() : edit.labels(),
                edit.owners() == null ? before.owners() : edit.owners(), config);
    }

    private static StoredResource readable(Tx tx, WorkspaceAccess ws, String resourceId) {
        return ResourceRows.readable(tx, ws, resourceId);
    }

    private ResourceType installed(StoredResource resource) {
        return ResourceRows.installed(types, resource);
    }

    private Resource view(Tx tx, WorkspaceAccess ws, String resourceId) {
        List<StoredResource> rows = tx.resources().byId(ws.workspaceId(), resourceId).stream().toList();
        Resource view = ResourceViews.of(tx, rows, typesOf(rows)).get(0);
        return view.withAllowedActions(ResourceActions.allowed(ws, settings(ws), view, mayPublishNow(tx, ws, rows.get(0))));
    }

    private Map<String, Optional<ResourceType>> typesOf(List<StoredResource> rows) {
        Map<String, Optional<ResourceType>> byResource = new HashMap<>();
        rows.forEach(row -> byResource.put(row.id(), types.find(row.type())));
        return byResource;
    }

    private static Integer latestPublished(Tx tx, String resourceId) {
        return tx.resources().publications(List.of(resourceId)).stream().map(StoredPublication::revision)
                .max(Integer::compare).orElse(null);
    }

    private static ResourceContent revisionContent(Tx tx, String resourceId, Integer number) {
        return tx.revisions().get(resourceId, number).map(r -> ContentJson.content(r.contentJson()))
                .orElseThrow(() -> new NotFoundException("Resource " + resourceId + " has no revision " + number));
    }

    private static StoredResource withState(StoredResource r, ResourceState state) {
        return ResourceRows.withState(r, state);
    }

    private static StoredResource current(StoredResource r, ResourceContent content, ResourceState state) {
        return new StoredResource(r.id(), r.workspaceId(), r.type(), content.name(), ContentJson.write(content.labels()),
                ContentJson.write(content.owners()), state, r.createdAt(), r.createdBy(), Times.now());
    }

    private static WorkspaceSettings settings(WorkspaceAccess ws) {
        return SettingsCodec.read(ws.workspace().settingsJson());
    }

}
