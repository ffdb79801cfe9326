package org.countersign.store.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.countersign.api.event.DeliveryCount;
import org.countersign.api.event.StoredDelivery;
import org.countersign.api.event.StoredInboxItem;
import org.countersign.api.identity.User;
import org.countersign.api.storage.StoredWorkspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inbox and the delivery queue on a real SQLite file. */
class SqliteNotificationStoreTest {

    private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

    @TempDir
    Path dir;

    private Path file;
    private SqliteStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("countersign.db");
        store = SqliteStore.open(file);
        store.write(tx -> {
            tx.users().insert(new User("u1", "u1@example.com", "U1", false, T0));
            tx.users().insert(new User("u2", "u2@example.com", "U2", false, T0));
            tx.workspaces().insert(StoredWorkspace.of("ws1", "one", "One", T0, "u1", "{}"));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static StoredInboxItem item(String id, String user, String event) {
        return new StoredInboxItem(id, user, "ws1", event, "request.submitted", "t", "x", null, "req", T0, null);
    }

    private static StoredDelivery delivery(String id, String channel, Instant due) {
        return new StoredDelivery(id, "ws1", "evt", "request.submitted", channel, null, "https://h", null, "{}",
                "pending", 0, due, null, null, T0, null);
    }

    @Test
    void theInboxHoldsOneNotificationPerUserAndEventNewestFirst() {
        store.write(tx -> {
            assertThat(tx.inbox().add(item("n1", "u1", "e1"))).isTrue();
            assertThat(tx.inbox().add(item("n1-again", "u1", "e1"))).isFalse();
            tx.inbox().add(item("n2", "u1", "e2"));
            tx.inbox().add(item("n3", "u1", "e3"));
            tx.inbox().add(item("n4", "u2", "e1"));
            assertThat(tx.inbox().markRead("u1", "n2", T0)).isTrue();
            assertThat(tx.inbox().markRead("u1", "n2", T0)).isFalse();
            assertThat(tx.inbox().markRead("u2", "n1", T0)).isFalse();
            return null;
        });
        store.read(tx -> {
            assertThat(tx.inbox().page("u1", false, null, 10)).extracting(StoredInboxItem::id).containsExactly("n3", "n2", "n1");
            assertThat(tx.inbox().page("u1", true, null, 10)).extracting(StoredInboxItem::id).containsExactly("n3", "n1");
            assertThat(tx.inbox().page("u1", false, "n3", 1)).extracting(StoredInboxItem::id).containsExactly("n2");
            assertThat(tx.inbox().unreadCount("u1")).isEqualTo(2);
            assertThat(tx.inbox().byId("u2", "n1")).isEmpty();
            return null;
        });
        int marked = store.write(tx -> tx.inbox().markAllRead("u1", T0));
        assertThat(marked).isEqualTo(2);
    }

    @Test
    void dueDeliveriesAreThoseOfInstalledChannelsWhoseTimeHasComeAndThatNobodyHolds() {
        store.write(tx -> {
            tx.deliveries().add(delivery("d1", "email", T0));
            tx.deliveries().add(delivery("d2", "slack", T0));
            tx.deliveries().add(delivery("d3", "email", T0.plusSeconds(60)));
            return null;
        });
        assertThat(due(List.of("email"), T0)).containsExactly("d1");
        assertThat(due(List.of("email", "slack"), T0.plusSeconds(60))).containsExactly("d1", "d2", "d3");
        assertThat(due(List.of(), T0)).isEmpty();

        boolean claimed = store.write(tx -> tx.deliveries().claim("d1", T0, T0.plusSeconds(20)));
        assertThat(claimed).isTrue();
        assertThat(due(List.of("email"), T0.plusSeconds(10))).isEmpty();
        assertThat(due(List.of("email"), T0.plusSeconds(21))).containsExactly("d1");

        store.write(tx -> {
            tx.deliveries().failed("d1", "HTTP 500", T0.plusSeconds(5));
            tx.deliveries().failed("d2", "gone", null);
            tx.deliveries().delivered("d3", T0);
            return null;
        });
        List<StoredDelivery> all = store.read(tx -> tx.deliveries().page("ws1", null, null, 10));
        assertThat(all).extracting(StoredDelivery::id, StoredDelivery::state, StoredDelivery::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d3", "delivered", 0),
                        org.assertj.core.groups.Tuple.tuple("d2", "dead", 0),
                        org.assertj.core.groups.Tuple.tuple("d1", "pending", 1));
        assertThat(all.get(2).lastError()).isEqualTo("HTTP 500");
        assertThat(all.get(2).leaseUntil()).isNull();
        assertThat(due(List.of("email", "slack"), T0.plusSeconds(5))).containsExactly("d1");
        List<StoredDelivery> dead = store.read(tx -> tx.deliveries().page("ws1", "dead", null, 10));
        assertThat(dead).extracting(StoredDelivery::id).containsExactly("d2");
        assertThat(store.<List<DeliveryCount>>read(tx -> tx.deliveries().countByChannelAndState())).containsExactlyInAnyOrder(
                new DeliveryCount("email", "pending", 1), new DeliveryCount("email", "delivered", 1),
                new DeliveryCount("slack", "dead", 1));
    }

    @Test
    void metricsCountTheBacklogsFromIndexesAlone() throws Exception {
        assertThat(plan("SELECT channel, state, count(*) AS n FROM deliveries GROUP BY channel, state"))
                .contains("COVERING INDEX deliveries_channel_state");
        assertThat(plan("SELECT count(*) FROM outbox WHERE dispatched_at IS NULL")).contains("INDEX outbox_pending");
        assertThat(plan("SELECT state, count(*) AS n FROM requests WHERE workspace_id = 'ws1'"
                + " AND state IN ('open', 'approved') GROUP BY state"))
                .contains("SEARCH requests USING COVERING INDEX requests_by_state");
    }

    @Test
    void inboxAndQueueQueriesUseIndexes() throws Exception {
        for (String query : List.of(
                "SELECT id FROM inbox WHERE user_id = 'u1' AND id < 'x' ORDER BY id DESC LIMIT 50",
                "SELECT id FROM inbox WHERE user_id = 'u1' AND read_at IS NULL ORDER BY id DESC LIMIT 50",
                "SELECT count(*) FROM inbox WHERE user_id = 'u1' AND read_at IS NULL",
                "SELECT id FROM deliveries WHERE state = 'pending' AND channel IN ('email', 'slack')"
                        + " AND next_attempt_at <= 5 AND (lease_until IS NULL OR lease_until < 5)"
                        + " ORDER BY next_attempt_at, id LIMIT 16",
                "SELECT id FROM deliveries WHERE workspace_id = 'ws1' ORDER BY id DESC LIMIT 50",
                "SELECT id FROM deliveries WHERE workspace_id = 'ws1' AND state = 'dead' ORDER BY id DESC LIMIT 50",
                "SELECT id FROM deliveries WHERE state = 'delivered' AND delivered_at < 5 LIMIT 1000",
                "SELECT id FROM outbox WHERE dispatched_at IS NOT NULL AND dispatched_at < 5 LIMIT 1000")) {
            assertThat(plan(query)).as(query).doesNotContain("SCAN inbox").doesNotContain("SCAN deliveries")
                    .doesNotContain("SCAN outbox");
        }
    }

    private List<String> due(List<String> channels, Instant now) {
        return store.read(tx -> tx.deliveries().due(channels, now, 10)).stream().map(StoredDelivery::id).toList();
    }

    private String plan(String query) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("EXPLAIN QUERY PLAN " + query)) {
            while (rs.next()) {
                plan.append(rs.getString("detail")).append(" | ");
            }
        }
        return plan.toString();
    }
}
