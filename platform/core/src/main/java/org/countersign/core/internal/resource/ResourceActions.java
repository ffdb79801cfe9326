package org.countersign.core.internal.resource;

import java.util.ArrayList;
import java.util.List;
import org.countersign.api.access.Actions;
import org.countersign.api.resource.Resource;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.core.internal.access.WorkspaceAccess;

/** What the caller may do with a resource, as the console shows it: the same gate the actions go through. */
final class ResourceActions {

    private ResourceActions() {
    }

    /** @param publishNow whether publishing the draft directly would be allowed (asked only for one resource) */
    static List<String> allowed(WorkspaceAccess ws, WorkspaceSettings settings, Resource view, boolean publishNow) {
        List<String> allowed = new ArrayList<>();
        boolean update = permits(ws, Actions.UPDATE, view);
        if (update) {
            allowed.add(Resource.ACT_EDIT);
        }
        boolean freeDraft = view.draft() != null && view.openRequest() == null;
        if (freeDraft && update) {
            allowed.add(Resource.ACT_DELETE_DRAFT);
        }
        if (freeDraft && (update || view.published().isEmpty() && permits(ws, Actions.CREATE, view))) {
            allowed.add(Resource.ACT_SUBMIT);
        }
        if (freeDraft && publishNow) {
            allowed.add(Resource.ACT_PUBLISH);
        }
        List<String> path = settings.environments();
        boolean promotable = view.published().keySet().stream()
                .anyMatch(env -> path.indexOf(env) >= 0 && path.indexOf(env) < path.size() - 1);
        if (promotable) {
            allowed.add(Resource.ACT_PROMOTE);
        }
        if (!view.published().isEmpty() && permits(ws, Actions.DELETE, view)) {
            allowed.add(Resource.ACT_DELETE);
        }
        if (!view.published().isEmpty() && permits(ws, Actions.START, view)) {
            allowed.add(Resource.ACT_RUN);
        }
        return allowed;
    }

    private static boolean permits(WorkspaceAccess ws, String action, Resource view) {
        return ws.check(action, view.type(), view.labels()).grant().permits();
    }
}
