package org.countersign.core.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.audit.AuditEntry;
import org.countersign.api.audit.AuditEvent;
import org.countersign.api.audit.AuditVerification;
import org.countersign.store.sqlite.internal.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashChainAuditLogTest {

    private static final String WS = "ws_1";

    @TempDir
    Path dir;

    private Path file;
    private SqliteStore store;
    private HashChainAuditLog log;

    @BeforeEach
    void open() {
        file = dir.resolve("countersign.db");
        store = SqliteStore.open(file);
        log = new HashChainAuditLog(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private AuditEvent append(String scope, String action, Map<String, Object> details) {
        return store.write(tx -> log.append(tx, new AuditEntry(scope, "usr_a", action, "tgt_1", details, "req-1")));
    }

    private List<AuditEvent> appendThree(String scope) {
        List<AuditEvent> events = new ArrayList<>();
        events.add(append(scope, "one", Map.of("n", 1)));
        events.add(append(scope, "two", Map.of("n", 2)));
        events.add(append(scope, "three", Map.of("n", 3)));
        return events;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private static String sha256hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void appendedEventsFormAChainFromGenesis() {
        List<AuditEvent> events = appendThree(AuditEvent.INSTANCE);

        assertThat(events).extracting(AuditEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(events.get(0).prevHash()).isEqualTo(AuditEvent.GENESIS);
        assertThat(events.get(1).prevHash()).isEqualTo(events.get(0).hash());
        assertThat(events.get(2).prevHash()).isEqualTo(events.get(1).hash());
        assertThat(events).extracting(AuditEvent::hash).doesNotHaveDuplicates().allMatch(h -> h.matches("[0-9a-f]{64}"));
        // what is read back is exactly what append returned
        assertThat(log.list(AuditEvent.INSTANCE, 0, 10)).containsExactlyElementsOf(events);
        assertThat(log.list(AuditEvent.INSTANCE, 1, 1)).containsExactly(events.get(1));
    }

    @Test
    void eachScopeHasItsOwnChain() {
        AuditEvent i1 = append(AuditEvent.INSTANCE, "a", Map.of());
        AuditEvent w1 = append(WS, "b", Map.of());
        AuditEvent i2 = append(AuditEvent.INSTANCE, "c", Map.of());
        AuditEvent w2 = append(WS, "d", Map.of());

        assertThat(w1.seq()).isEqualTo(1);
        assertThat(w1.prevHash()).isEqualTo(AuditEvent.GENESIS);
        assertThat(w2.seq()).isEqualTo(2);
        assertThat(w2.prevHash()).isEqualTo(w1.hash());
        assertThat(i2.seq()).isEqualTo(2);
        assertThat(i2.prevHash()).isEqualTo(i1.hash());
        assertThat(log.list(WS, 0, 10)).extracting(AuditEvent::action).containsExactly("b", "d");
        assertThat(log.verify(WS)).isEqualTo(new AuditVerification(true, 2, w2.hash(), null));
        assertThat(log.verify(AuditEvent.INSTANCE)).isEqualTo(new AuditVerification(true, 2, i2.hash(), null));
    }

    @Test
    void hashIsSha256OfPrevHashAndSortedCompactJson() throws Exception {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("y", true);
        inner.put("b", "x");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("z", 1);
        details.put("a", inner);
        details.put("list", List.of(Map.of("k", "v")));

        AuditEvent e = store.write(tx -> log.append(tx,
                new AuditEntry(AuditEvent.INSTANCE, "usr_1", "user.created", "usr_2", details, "req-9")));

        String canonicalDetails = "{\"a\":{\"b\":\"x\",\"y\":true},\"list\":[{\"k\":\"v\"}],\"z\":1}";
        assertThat(e.details()).isEqualTo(canonicalDetails);
        assertThat(e.at().getNano() % 1_000_000).as("stored with millisecond precision").isZero();
        String canonicalEvent = "{\"action\":\"user.created\",\"actor\":\"usr_1\",\"at\":\"" + AuditHasher.AT_FORMAT.format(e.at())
                + "\",\"details\":" + canonicalDetails
                + ",\"requestId\":\"req-9\",\"scope\":\"instance\",\"seq\":1,\"target\":\"usr_2\"}";
        assertThat(e.hash()).isEqualTo(sha256hex(AuditEvent.GENESIS + "\n" + canonicalEvent));
    }

    @Test
    void nullActorTargetAndRequestIdAreHashedAndVerify() {
        store.write(tx -> log.append(tx, new AuditEntry(WS, null, "system.thing", null, null, null)));
        AuditEvent last = append(WS, "x", Map.of());

        assertThat(log.list(WS, 0, 1).get(0).details()).isEqualTo("{}");
        assertThat(log.verify(WS)).isEqualTo(new AuditVerification(true, 2, last.hash(), null));
    }

    @Test
    void verifyOfAnIntactChainIsOkWithCountAndHead() {
        List<AuditEvent> events = appendThree(WS);

        assertThat(log.verify(WS)).isEqualTo(new AuditVerification(true, 3, events.get(2).hash(), null));
    }

    @Test
    void verifyOfAnEmptyChainIsOkAtGenesis() {
        assertThat(log.verify("ws_empty")).isEqualTo(new AuditVerification(true, 0, AuditEvent.GENESIS, null));
    }

    @Test
    void changedDetailsBreakTheChainAtThatEvent() throws Exception {
        List<AuditEvent> events = appendThree(WS);
        sql("DROP TRIGGER audit_events_no_update",
                "UPDATE audit_events SET details = '{\"n\":20}' WHERE scope = 'ws_1' AND seq = 2");

        AuditVerification v = log.verify(WS);

        assertThat(v.ok()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(2L);
        assertThat(v.count()).isEqualTo(1);
        assertThat(v.head()).isEqualTo(events.get(0).hash());
    }

    @Test
    void changedActorBreaksTheChainAtThatEvent() throws Exception {
        appendThree(WS);
        sql("DROP TRIGGER audit_events_no_update",
                "UPDATE audit_events SET actor = 'usr_mallory' WHERE scope = 'ws_1' AND seq = 2");

        AuditVerification v = log.verify(WS);

        assertThat(v.ok()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(2L);
    }

    @Test
    void tamperingInOneScopeLeavesOtherChainsValid() throws Exception {
        appendThree(WS);
        List<AuditEvent> instance = appendThree(AuditEvent.INSTANCE);
        sql("DROP TRIGGER audit_events_no_update",
                "UPDATE audit_events SET action = 'forged' WHERE scope = 'ws_1' AND seq = 3");

        assertThat(log.verify(WS).brokenAt()).isEqualTo(3L);
        assertThat(log.verify(AuditEvent.INSTANCE)).isEqualTo(new AuditVerification(true, 3, instance.get(2).hash(), null));
    }

    @Test
    void deletedMiddleEventBreaksTheChainAtItsSeq() throws Exception {
        appendThree(WS);
        sql("DROP TRIGGER audit_events_no_delete", "DELETE FROM audit_events WHERE scope = 'ws_1' AND seq = 2");

        AuditVerification v = log.verify(WS);

        assertThat(v.ok()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(2L);
    }

    @Test
    void theStoreRefusesUpdatesAndDeletesWhileTheTriggersStand() {
        appendThree(WS);

        assertThatThrownBy(
                () -> sql("UPDATE audit_events SET actor = 'x' WHERE scope = 'ws_1' AND seq = 1"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                () -> sql("DELETE FROM audit_events WHERE scope = 'ws_1'"))
                .hasMessageContaining("append-only");
        assertThat(log.verify(WS).ok()).isTrue();
    }

    @Test
    void verifyWalksPastTheFirstBatch() throws Exception {
        AuditEvent last = store.write(tx -> {
            AuditEvent e = null;
            for (int i = 1; i <= 1001; i++) {
                e = log.append(tx, new AuditEntry(WS, "usr_a", "n", null, Map.of("i", i), null));
            }
            return e;
        });
        assertThat(last.seq()).isEqualTo(1001);
        assertThat(log.verify(WS)).isEqualTo(new AuditVerification(true, 1001, last.hash(), null));

        sql("DROP TRIGGER audit_events_no_update", "UPDATE audit_events SET details = '{}' WHERE scope = 'ws_1' AND seq = 1001");

        assertThat(log.verify(WS).brokenAt()).isEqualTo(1001L);
    }

    @Test
    void detailsThatAreNoLongerJsonAreReportedAsBroken() throws Exception {
        appendThree(WS);
        sql("DROP TRIGGER audit_events_no_update",
                "UPDATE audit_events SET details = 'not json' WHERE scope = 'ws_1' AND seq = 2");

        AuditVerification v = log.verify(WS);

        assertThat(v.ok()).isFalse();
        assertThat(v.brokenAt()).isEqualTo(2L);
    }
}
