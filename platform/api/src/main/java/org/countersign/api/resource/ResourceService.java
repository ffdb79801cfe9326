package org.countersign.api.resource;

import java.util.List;
import org.countersign.api.error.FieldError;
import org.countersign.api.identity.Actor;
import org.countersign.api.identity.Person;
import org.countersign.api.storage.Page;

/**
 * Resources, drafts, revisions and runs of a workspace (docs/domain.md#resources-drafts-and-revisions). Every method
 * passes the workspace gate and checks the actor's permissions on the resource's type and labels; every change is
 * audited in the same transaction.
 */
public interface ResourceService {

    /** Creates a resource as a draft, then submits or publishes it as {@code mode} says. */
    Resource create(Actor actor, String slug, NewResource resource);

    Resource get(Actor actor, String slug, String resourceId);

    /** Resources the actor may read, ordered by id. */
    Page<Resource> list(Actor actor, String slug, ResourceFilter filter, String cursor, Integer limit);

    /**
     * Saves the draft (creating it from the published revision when there is none). With {@code ifMatch} the
     * draft must still be at that version, else 412 {@code stale_version}.
     */
    Resource saveDraft(Actor actor, String slug, String resourceId, DraftEdit edit, Integer ifMatch);

    /** Deletes the draft; a never-published resource goes with it. */
    void deleteDraft(Actor actor, String slug, String resourceId);

    /**
     * The diff between two revisions; {@code from} null means the revision the draft is based on (or the
     * first environment's), {@code to} null means the draft.
     */
    ConfigDiff diff(Actor actor, String slug, String resourceId, Integer from, Integer to);

    /** Publishes the draft to the first environment now; 403 {@code approval_required} when that needs approval. */
    Resource publish(Actor actor, String slug, String resourceId, String comment);

    /** Removes the resource from an environment (all of them when null); 403 {@code approval_required} when governed. */
    void delete(Actor actor, String slug, String resourceId, String environment);

    /** Every revision, newest first. */
    List<Revision> revisions(Actor actor, String slug, String resourceId);

    /** Records a run; 409 {@code dependency_unpublished} unless it and all it references are published with no draft. */
    Run run(Actor actor, String slug, String resourceId, String environment);

    /**
     * Who could approve a request publishing the resource's draft: members whose role may approve it, and (unless
     * self-approval is allowed) neither the caller nor anyone who edited the draft. The reviewer picker's list.
     */
    List<Person> approvers(Actor actor, String slug, String resourceId);

    /** Checks a resource as {@code create} and draft edits would, changing nothing: every problem at its path. */
    List<FieldError> validate(Actor actor, String slug, NewResource resource);
}
