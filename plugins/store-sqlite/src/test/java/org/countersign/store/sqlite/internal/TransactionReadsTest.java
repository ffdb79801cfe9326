package org.countersign.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.countersign.api.approval.RequestKind;
import org.countersign.api.approval.RequestState;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.identity.User;
import org.countersign.api.resource.ResourceState;
import org.countersign.api.storage.DuplicateKeyException;
import org.countersign.api.storage.StoredDraft;
import org.countersign.api.storage.StoredRequest;
import org.countersign.api.storage.StoredRequestEvent;
import org.countersign.api.storage.StoredRequestItem;
import org.countersign.api.storage.StoredResource;
import org.countersign.api.storage.StoredReview;
import org.countersign.api.storage.StoredWorkspace;
import org.countersign.api.storage.Tx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A transaction answers a repeated read from memory, and always sees what it wrote itself. */
class TransactionReadsTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @TempDir
    Path dir;

    private SqliteStore store;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("countersign.db"), SqliteSynchronous.FULL);
        store.write(tx -> {
            tx.users().insert(new User("u1", "a@example.com", "Ada", false, T0));
            tx.users().insert(new User("u2", "b@example.com", "Bob", false, T0));
            tx.workspaces().insert(StoredWorkspace.of("ws1", "data", "Data", T0, "u1", "{}"));
            tx.resources().insert(new StoredResource("r1", "ws1", "model", "orders", "{}", "[]",
                    ResourceState.DRAFT, T0, "u1", T0));
            tx.requests().insert(new StoredRequest("q1", "ws1", 1, RequestKind.PUBLISH, RequestState.OPEN, "u1", "[]", null, null, null, 0,
                    false, "[]", T0, T0), List.of(new StoredRequestItem("q1", 0, "r1", 1, null)));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReadAfterAWriteInTheSameTransactionSeesTheWrite() {
        store.write(tx -> {
            assertThat(tx.drafts().get("r1")).isEmpty();
            tx.drafts().put(draft(1));
            assertThat(tx.drafts().get("r1")).get().extracting(StoredDraft::version).isEqualTo(1);
            tx.drafts().put(draft(2));
            assertThat(tx.drafts().get("r1")).get().extracting(StoredDraft::version).isEqualTo(2);
            tx.drafts().delete("r1");
            assertThat(tx.drafts().get("r1")).isEmpty();

            assertThat(tx.members().role("ws1", "u2")).isEmpty();
            tx.members().put("ws1", "u2", "workspace_viewer", T0);
            assertThat(tx.members().role("ws1", "u2")).contains("workspace_viewer");
            tx.members().put("ws1", "u2", "admin", T0);
            assertThat(tx.members().role("ws1", "u2")).contains("admin");
            tx.members().delete("ws1", "u2");
            assertThat(tx.members().role("ws1", "u2")).isEmpty();

            assertThat(tx.requests().reviews("q1")).isEmpty();
            tx.requests().addReview(review("u2"));
            assertThat(tx.requests().reviews("q1")).extracting(StoredReview::userId).containsExactly("u2");

            StoredRequest request = tx.requests().byId("ws1", "q1").orElseThrow();
            tx.requests().update(request.withState(RequestState.APPROVED, 0, "[]", T0));
            assertThat(tx.requests().byId("ws1", "q1")).get().extracting(StoredRequest::state).isEqualTo(RequestState.APPROVED);

            assertThat(tx.resources().byIdsWithDeleted("ws1", List.of("r1")))
                    .extracting(StoredResource::state).containsExactly(ResourceState.DRAFT);
            tx.resources().delete("r1");
            assertThat(tx.resources().byIdsWithDeleted("ws1", List.of("r1")))
                    .extracting(StoredResource::state).containsExactly(ResourceState.DELETED);
            return null;
        });
    }

    @Test
    void theAuditHeadFollowsEveryAppendOfTheTransaction() {
        store.write(tx -> {
            assertThat(tx.audit().head("ws1")).isEmpty();
            tx.audit().append(event(1, "h0"));
            tx.audit().append(event(2, "h1"));
            assertThat(tx.audit().head("ws1")).get().extracting(AuditEvent::seq).isEqualTo(2L);
            return null;
        });
        assertThat(store.<Long>read(tx -> tx.audit().head("ws1").orElseThrow().seq())).isEqualTo(2L);
    }

    @Test
    void aWriteThatFailsLeavesNoStaleAnswerBehind() {
        store.write(tx -> {
            assertThat(tx.users().byId("u3")).isEmpty();
            assertThatThrownBy(() -> tx.users().insert(new User("u3", "A@example.com", "Ann", false, T0)))
                    .isInstanceOf(DuplicateKeyException.class);
            tx.users().insert(new User("u3", "c@example.com", "Cy", false, T0));
            assertThat(tx.users().byId("u3")).get().extracting(User::name).isEqualTo("Cy");
            return null;
        });
    }

    @Test
    void aRepeatedListIsTheSameAnswerAndNobodyCanChangeIt() {
        store.read(tx -> {
            List<StoredRequestItem> first = items(tx);
            assertThat(items(tx)).isSameAs(first);
            assertThatThrownBy(() -> first.add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);
            return null;
        });
        // a new transaction reads again
        assertThat(store.<List<StoredRequestItem>>read(TransactionReadsTest::items)).hasSize(1);
    }

    @Test
    void aBatchReadAnswersEachRequestAfterwardsUntilItIsWritten() {
        store.write(tx -> {
            tx.requests().addReview(review("u2"));
            tx.requests().addEvent(new StoredRequestEvent("q1", T0, "u1", "submitted", null));
            assertThat(tx.requests().reviews(List.of("q1", "q2"))).containsOnlyKeys("q1", "q2")
                    .satisfies(byRequest -> assertThat(byRequest.get("q2")).isEmpty());
            assertThat(tx.requests().timeline(List.of("q1"))).extractingByKey("q1").asList().hasSize(1);
            assertThat(tx.requests().items(List.of("q1"))).hasSize(1);
            // each request's own reads answer what the batch read
            assertThat(tx.requests().reviews("q1")).extracting(StoredReview::userId).containsExactly("u2");
            assertThat(tx.requests().timeline("q1")).extracting(StoredRequestEvent::action).containsExactly("submitted");
            assertThat(tx.requests().items("q1")).extracting(StoredRequestItem::resourceId).containsExactly("r1");
            // and a write still shows
            tx.requests().addReview(review("u1"));
            tx.requests().addEvent(new StoredRequestEvent("q1", T0, "u2", "commented", "ok"));
            assertThat(tx.requests().reviews("q1")).extracting(StoredReview::userId).containsExactly("u2", "u1");
            assertThat(tx.requests().timeline("q1")).extracting(StoredRequestEvent::action)
                    .containsExactly("submitted", "commented");
            return null;
        });
    }

    private static List<StoredRequestItem> items(Tx tx) {
        return tx.requests().items("q1");
    }

    private static StoredDraft draft(int version) {
        return new StoredDraft("r1", version, "{\"name\":\"orders\"}", "[]", null, T0, "u1", "q1");
    }

    private static StoredReview review(String userId) {
        return new StoredReview("q1", userId, "approved", null, T0, 0, "d1", "{}");
    }

    private static AuditEvent event(long seq, String prevHash) {
        return new AuditEvent("ws1", seq, T0, "u1", "test", "q1", "{}", null, prevHash, "h" + seq);
    }
}
