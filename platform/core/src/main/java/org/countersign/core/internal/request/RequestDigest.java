package org.countersign.core.internal.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.Tx;
import org.countersign.core.internal.resource.ContentJson;
import org.countersign.core.internal.support.Details;
import org.countersign.core.internal.support.Sha256;

/**
 * The fingerprint of what a request would make live (docs/domain.md#approval-requests): each draft's content and the
 * revision it is based on, each promoted revision, each revision a deletion removes, and where it all goes. An approval
 * is bound to the digest the reviewer saw, so an edit made after it never goes live under it.
 */
final class RequestDigest {

    private RequestDigest() {
    }

    static String of(Tx tx, StoredRequest request, List<StoredRequestItem> rows) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (StoredRequestItem row : rows) {
            String id = row.resourceId();
            if (RequestKind.PROMOTE.equals(request.kind())) {
                items.add(Details.of("resource", id, "revision", row.revision()));
            } else if (RequestKind.DELETE.equals(request.kind())) {
                items.add(Details.of("resource", id, "revision", tx.revisions().latest(id)));
            } else {
                items.add(published(tx, request, id).orElseGet(() -> drafted(tx, request, id)));
            }
        }
        return Sha256.hex(ContentJson.write(Details.of("kind", request.kind().wire(), "source",
                request.sourceEnvironment(), "target", request.targetEnvironment(), "items", items)));
    }

    /** Once applied, the content is the revision the request published: the draft's content on the same base. */
    private static Optional<Map<String, Object>> published(Tx tx, StoredRequest request, String id) {
        return tx.revisions().byRequest(id, request.id()).map(r -> Details.of("resource", id, "base",
                r.number() == 1 ? null : r.number() - 1, "content", r.contentJson()));
    }

    /** Before that, the draft, as long as no other request has taken it since. */
    private static Map<String, Object> drafted(Tx tx, StoredRequest request, String id) {
        Optional<StoredDraft> draft = tx.drafts().get(id)
                .filter(d -> d.requestId() == null || request.id().equals(d.requestId()));
        return Details.of("resource", id, "base", draft.map(StoredDraft::baseRevision).orElse(null),
                "content", draft.map(StoredDraft::contentJson).orElse(null));
    }

    /** Whether a review was given on this content; reviews stored before digests existed count as on it. */
    static boolean sameContent(String reviewed, String current) {
        return reviewed == null || reviewed.equals(current);
    }
}
