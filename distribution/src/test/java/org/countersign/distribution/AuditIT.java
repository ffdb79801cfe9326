package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.list;
import static org.countersign.distribution.WorkspaceFixtures.problem;
import static org.countersign.distribution.WorkspaceFixtures.texts;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import org.countersign.distribution.Api.Response;
import org.countersign.distribution.WorkspaceFixtures.Person;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workspace audit chain over real HTTP (docs/domain.md#audit-log): order, request ids, paging, export, tampering.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT {

    /** Sorted keys, compact: the canonical form the chain hashes. */
    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String READ_ROLE = "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}";

    @RegisterExtension
    static final CountersignServer SERVER = new CountersignServer();

    static RunningCountersign server;
    static Api api;
    static WorkspaceFixtures fx;

    @BeforeAll
    static void start() {
        server = SERVER.server();
        api = server.api();
        fx = new WorkspaceFixtures(api);
    }

    /** A change made through the API and the event it must have appended. */
    record Change(Response response, String action, String target, String actor) {
        String requestId() {
            return response.header("X-Request-Id");
        }
    }

    @Test
    @Order(1)
    void everyChangeAppendsOneChainedEventCarryingItsRequestId() {
        String adminId = fx.adminId();
        Person ivy = fx.person("ivy@example.com");
        Person pat = fx.person("pat@example.com");
        String ws = "/api/v1/workspaces/chain";
        List<Change> changes = new ArrayList<>();

        Response created = api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"chain\",\"name\":\"Chain\"}").expect(201);
        String wsId = created.json().get("id").asText();
        changes.add(new Change(created, "workspace.created", wsId, adminId));
        changes.add(new Change(api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200),
                "settings.updated", wsId, adminId));
        changes.add(new Change(api.put(ws + "/roles/auditor", ADMIN_TOKEN, READ_ROLE).expect(200),
                "role.created", "auditor", adminId));
        changes.add(new Change(api.put(ws + "/members/" + ivy.id(), ADMIN_TOKEN, "{\"role\":\"auditor\"}").expect(200),
                "member.updated", ivy.id(), adminId));
        changes.add(new Change(api.put(ws + "/roles/auditor", ADMIN_TOKEN,
                "{\"description\":\"Reads\",\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\",\"preview\"]}]}").expect(200),
                "role.updated", "auditor", adminId));
        changes.add(new Change(api.put(ws + "/members/" + pat.id(), ADMIN_TOKEN, "{\"role\":\"destination_admin\"}").expect(200),
                "member.updated", pat.id(), adminId));
        // a manager other than the instance admin, with a request id of the client's own
        Response byPat = api.send(api.request(ws + "/members/" + ivy.id()).header("Authorization", "Bearer " + pat.token())
                .header("Content-Type", "application/json").header("X-Request-Id", "it-audit-change-7")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"role\":\"workspace_viewer\"}"))).expect(200);
        assertThat(byPat.header("X-Request-Id")).isEqualTo("it-audit-change-7");
        changes.add(new Change(byPat, "member.updated", ivy.id(), pat.id()));
        changes.add(new Change(api.delete(ws + "/roles/auditor", ADMIN_TOKEN).expect(204), "role.deleted", "auditor", adminId));
        changes.add(new Change(api.delete(ws + "/members/" + ivy.id(), pat.token()).expect(204), "member.removed", ivy.id(), pat.id()));

        // refusals and reads append nothing
        problem(api.patch(ws + "/settings", ADMIN_TOKEN, "{\"nope\":1}"), 400, "unknown_field");
        problem(api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":\"no\"}"), 400, "validation_failed");
        problem(api.put(ws + "/roles/bad", ADMIN_TOKEN, "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"fly\"]}]}"),
                400, "validation_failed");
        problem(api.delete(ws + "/members/" + adminId, ADMIN_TOKEN), 409, "conflict");
        problem(api.delete(ws + "/roles/admin", ADMIN_TOKEN), 409, "conflict");
        problem(api.put(ws + "/members/usr_nobody", ADMIN_TOKEN, "{\"role\":\"admin\"}"), 404, "not_found");
        problem(api.patch(ws + "/settings", ivy.token(), "{\"requireApprovals\":false}"), 404, "not_found");
        api.get(ws + "/settings", ADMIN_TOKEN).expect(200);
        api.get(ws + "/members", pat.token()).expect(200);
        api.get(ws + "/audit/export", ADMIN_TOKEN).expect(200);

        JsonNode page = api.get(ws + "/audit?limit=100", ADMIN_TOKEN).expect(200).json();
        List<JsonNode> events = list(page.get("items"));
        assertThat(texts(page.get("items"), "action")).containsExactlyElementsOf(changes.stream().map(Change::action).toList());
        assertThat(page.has("next")).isFalse();
        Instant previousAt = Instant.EPOCH;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            Change change = changes.get(i);
            String what = "event " + (i + 1) + " " + change.action();
            assertThat(event.get("seq").asLong()).as(what).isEqualTo(i + 1);
            assertThat(event.get("requestId").asText()).as(what).isNotBlank().isEqualTo(change.requestId());
            assertThat(event.get("actor").asText()).as(what).isEqualTo(change.actor());
            assertThat(event.get("target").asText()).as(what).isEqualTo(change.target());
            assertThat(event.get("hash").asText()).as(what).matches("[0-9a-f]{64}");
            assertThat(event.get("prevHash").asText()).as(what).matches("[0-9a-f]{64}");
            if (i > 0) {
                assertThat(event.get("prevHash").asText()).as(what).isEqualTo(events.get(i - 1).get("hash").asText());
            }
            Instant at = Instant.parse(event.get("at").asText());
            assertThat(at).as(what).isAfterOrEqualTo(previousAt);
            previousAt = at;
        }
        assertThat(events.stream().map(e -> e.get("hash").asText()).distinct()).hasSize(events.size());
        assertThat(changes.stream().map(Change::requestId).distinct()).hasSize(changes.size());

        // details say what changed
        assertThat(events.get(1).at("/details/before/requireApprovals").asBoolean()).isFalse();
        assertThat(events.get(1).at("/details/after/requireApprovals").asBoolean()).isTrue();
        assertThat(events.get(3).at("/details/after").asText()).isEqualTo("auditor");
        assertThat(events.get(4).at("/details/before/statements/0/actions")).hasSize(1);
        assertThat(events.get(4).at("/details/after/statements/0/actions")).hasSize(2);
        assertThat(events.get(6).at("/details/before").asText()).isEqualTo("auditor");
        assertThat(events.get(6).at("/details/after").asText()).isEqualTo("workspace_viewer");
        assertThat(events.get(8).at("/details/before").asText()).isEqualTo("workspace_viewer");

        JsonNode verify = api.get(ws + "/audit/verify", pat.token()).expect(200).json();
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(verify.get("count").asInt()).isEqualTo(changes.size());
        assertThat(verify.get("head").asText()).isEqualTo(events.get(events.size() - 1).get("hash").asText());
    }

    @Test
    @Order(2)
    void eventsArePagedAfterASeq() {
        String ws = fx.workspace("paged");
        for (int i = 1; i <= 10; i++) {
            api.put(ws + "/roles/role-" + i, ADMIN_TOKEN, READ_ROLE).expect(200);
        }
        JsonNode all = api.get(ws + "/audit", ADMIN_TOKEN).expect(200).json();
        assertThat(all.get("items")).hasSize(11);
        assertThat(all.has("next")).as("one page holds all").isFalse();

        List<JsonNode> collected = new ArrayList<>();
        List<String> nexts = new ArrayList<>();
        String after = "0";
        while (after != null) {
            JsonNode page = api.get(ws + "/audit?limit=4&after=" + after, ADMIN_TOKEN).expect(200).json();
            assertThat(page.get("items").size()).isBetween(1, 4);
            collected.addAll(list(page.get("items")));
            after = page.has("next") ? page.get("next").asText() : null;
            if (after != null) {
                nexts.add(after);
                assertThat(after).as("next is the last seq of the page")
                        .isEqualTo(collected.get(collected.size() - 1).get("seq").asText());
            }
        }
        assertThat(nexts).containsExactly("4", "8");
        assertThat(collected).containsExactlyElementsOf(list(all.get("items")));

        JsonNode first = api.get(ws + "/audit?limit=4", ADMIN_TOKEN).json();
        assertThat(first.at("/items/0/seq").asLong()).isEqualTo(1);
        assertThat(first.get("next").asText()).isEqualTo("4");
        JsonNode middle = api.get(ws + "/audit?after=5&limit=2", ADMIN_TOKEN).json();
        assertThat(middle.get("items").findValuesAsText("seq")).containsExactly("6", "7");
        assertThat(middle.get("next").asText()).isEqualTo("7");
        JsonNode exact = api.get(ws + "/audit?after=7&limit=4", ADMIN_TOKEN).json();
        assertThat(exact.get("items").findValuesAsText("seq")).containsExactly("8", "9", "10", "11");
        assertThat(exact.has("next")).as("nothing follows a page that ends at the head").isFalse();
        JsonNode past = api.get(ws + "/audit?after=11", ADMIN_TOKEN).json();
        assertThat(past.get("items")).isEmpty();
        assertThat(past.has("next")).isFalse();
    }

    @Test
    @Order(3)
    void everyExportedLineIsCanonicalAndHashesToItsChain() throws Exception {
        String ws = fx.workspace("exported");
        String wsId = api.get(ws, ADMIN_TOKEN).json().get("id").asText();
        String secret = "export-secret-0123456789abcdef";
        api.patch(ws + "/settings", ADMIN_TOKEN, "{\"environments\":[\"dev\",\"production\"],\"timezone\":\"Europe/Zurich\","
                + "\"notifications\":[{\"type\":\"webhook\",\"url\":\"https://export-hook.example/h\",\"secret\":\"" + secret + "\"}]}")
                .expect(200);
        api.put(ws + "/roles/quoted", ADMIN_TOKEN, "{\"description\":\"Quotes \\\" back\\\\slash tab\\t newline\\n </script>\","
                + "\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"],\"where\":{\"labels\":{\"team\":\"growth\"}}}]}").expect(200);
        api.put(ws + "/roles/unicode", ADMIN_TOKEN, "{\"description\":\"Relecteur \u00e9t\u00e9 \u2713 \uD83D\uDE00 \\u0001\","
                + "\"statements\":[{\"effect\":\"deny\",\"actions\":[\"approve\"],\"resourceTypes\":[\"model\",\"sync\"]}]}").expect(200);
        Person quinn = fx.person("quinn@example.com");
        fx.member(ws, quinn, "unicode");
        api.delete(ws + "/members/" + quinn.id(), ADMIN_TOKEN).expect(204);

        Response export = api.get(ws + "/audit/export", ADMIN_TOKEN).expect(200);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(export.body()).doesNotContain(secret).doesNotContain("export-hook.example");
        List<String> lines = export.body().lines().toList();
        List<JsonNode> events = list(api.get(ws + "/audit?limit=100", ADMIN_TOKEN).json().get("items"));
        JsonNode verify = api.get(ws + "/audit/verify", ADMIN_TOKEN).json();
        assertThat(verify.get("ok").asBoolean()).isTrue();
        assertThat(lines).hasSize(6).hasSize(events.size()).hasSize(verify.get("count").asInt());

        String previousHash = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String what = "line " + (i + 1) + ": " + line;
            LinkedHashMap<String, Object> fields = Api.JSON.readValue(line, MAP);
            assertThat(CANONICAL.writeValueAsString(fields)).as("canonical: sorted keys, compact; " + what).isEqualTo(line);
            String prevHash = (String) fields.remove("prevHash");
            String hash = (String) fields.remove("hash");
            assertThat(hash).as(what).isEqualTo(sha256hex(prevHash + "\n" + CANONICAL.writeValueAsString(fields)));
            if (previousHash != null) {
                assertThat(prevHash).as(what).isEqualTo(previousHash);
            }
            previousHash = hash;

            JsonNode event = events.get(i);
            assertThat(((Number) fields.get("seq")).longValue()).as(what).isEqualTo(i + 1);
            assertThat(fields.get("scope")).as(what).isEqualTo(wsId);
            assertThat(fields.get("action")).as(what).isEqualTo(event.get("action").asText());
            assertThat(fields.get("actor")).as(what).isEqualTo(event.get("actor").asText());
            assertThat(fields.get("target")).as(what).isEqualTo(event.get("target").asText());
            assertThat(fields.get("requestId")).as(what).isEqualTo(event.get("requestId").asText());
            assertThat((JsonNode) Api.JSON.valueToTree(fields.get("details"))).as(what).isEqualTo(event.get("details"));
            assertThat(Instant.parse((String) fields.get("at"))).as(what).isEqualTo(Instant.parse(event.get("at").asText()));
            assertThat(prevHash).as(what).isEqualTo(event.get("prevHash").asText());
            assertThat(hash).as(what).isEqualTo(event.get("hash").asText());
        }
        assertThat(previousHash).isEqualTo(verify.get("head").asText());
        // the odd characters went through the chain as they were sent
        assertThat(Api.JSON.readTree(lines.get(3)).at("/details/after/description").asText())
                .isEqualTo("Relecteur \u00e9t\u00e9 \u2713 \uD83D\uDE00 \u0001");
        assertThat(Api.JSON.readTree(lines.get(2)).at("/details/after/description").asText())
                .isEqualTo("Quotes \" back\\slash tab\t newline\n </script>");
    }

    @Test
    @Order(4)
    void anEditedRowIsFoundAtItsSeqAfterARestart() throws Exception {
        String ws = fx.workspace("tampered");
        api.patch(ws + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}").expect(200);
        api.put(ws + "/roles/reader", ADMIN_TOKEN, READ_ROLE).expect(200);
        Person rae = fx.person("rae@example.com");
        fx.member(ws, rae, "reader");
        api.put(ws + "/roles/reader", ADMIN_TOKEN, "{\"description\":\"x\",\"statements\":[]}").expect(200);
        String first = fx.workspace("tampered-first");
        String clean = fx.workspace("untouched");
        api.patch(clean + "/settings", ADMIN_TOKEN, "{\"timezone\":\"Europe/Oslo\"}").expect(200);
        JsonNode cleanBefore = api.get(clean + "/audit/verify", ADMIN_TOKEN).json();
        assertThat(fx.auditCount(ws)).isEqualTo(5);
        JsonNode eventsBefore = api.get(ws + "/audit", ADMIN_TOKEN).json().get("items");
        String tamperedId = api.get(ws, ADMIN_TOKEN).json().get("id").asText();
        String firstId = api.get(first, ADMIN_TOKEN).json().get("id").asText();

        server.stop();
        Path database = server.home().resolve("data/countersign.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            // the application's own guard: rows can be neither updated nor deleted
            assertThatThrownBy(() -> update(db, "UPDATE audit_events SET action = 'x' WHERE scope = ? AND seq = ?", tamperedId, 3))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> update(db, "DELETE FROM audit_events WHERE scope = ? AND seq = ?", tamperedId, 3))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            // an attacker with the file lifts the guard and rewrites history
            try (Statement drop = db.createStatement()) {
                drop.execute("DROP TRIGGER audit_events_no_update");
            }
            String details = read(db, "SELECT details FROM audit_events WHERE scope = ? AND seq = ?", tamperedId, 3);
            assertThat(details).contains("\"read\"");
            String forged = details.replace("\"read\"", "\"*\"");
            try (PreparedStatement update = db.prepareStatement("UPDATE audit_events SET details = ? WHERE scope = ? AND seq = ?")) {
                update.setString(1, forged);
                update.setString(2, tamperedId);
                update.setLong(3, 3);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            assertThat(update(db, "UPDATE audit_events SET actor = 'usr_forged' WHERE scope = ? AND seq = ?", firstId, 1))
                    .isEqualTo(1);
        }
        server.start();

        JsonNode broken = api.get(ws + "/audit/verify", ADMIN_TOKEN).expect(200).json();
        assertThat(broken.get("ok").asBoolean()).as(broken.toString()).isFalse();
        assertThat(broken.get("brokenAt").asLong()).isEqualTo(3);
        assertThat(broken.get("verifiedCount").asLong()).isEqualTo(2);
        assertThat(broken.has("head")).isFalse();
        // any member sees it, not only managers
        JsonNode seenByRae = api.get(ws + "/audit/verify", rae.token()).expect(200).json();
        assertThat(seenByRae.get("brokenAt").asLong()).isEqualTo(3);

        JsonNode brokenFirst = api.get(first + "/audit/verify", ADMIN_TOKEN).expect(200).json();
        assertThat(brokenFirst.get("ok").asBoolean()).as(brokenFirst.toString()).isFalse();
        assertThat(brokenFirst.get("brokenAt").asLong()).isEqualTo(1);
        assertThat(brokenFirst.get("verifiedCount").asLong()).isZero();

        // the other chains are untouched and the stored hashes were not rewritten to fit
        assertThat(api.get(clean + "/audit/verify", ADMIN_TOKEN).json()).isEqualTo(cleanBefore);
        JsonNode eventsAfter = api.get(ws + "/audit", ADMIN_TOKEN).json().get("items");
        assertThat(eventsAfter.findValuesAsText("hash")).isEqualTo(eventsBefore.findValuesAsText("hash"));
        assertThat(eventsAfter.get(2).get("details")).isNotEqualTo(eventsBefore.get(2).get("details"));
    }

    private static int update(Connection db, String sql, String scope, long seq) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, scope);
            statement.setLong(2, seq);
            return statement.executeUpdate();
        }
    }

    private static String read(Connection db, String sql, String scope, long seq) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, scope);
            statement.setLong(2, seq);
            try (ResultSet rows = statement.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static String sha256hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
