package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.countersign.distribution.Api.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace audit chain through the running distribution: order, request ids, paging, tampering. */
class AuditIT {

    private static final String WS = "/api/v1/workspaces/audit-ws";

    @TempDir
    Path dir;

    @Test
    void everyChangeIsChainedAndAnEditedRowIsFoundAtItsSeq() throws Exception {
        try (RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))) {
            server.start();
            Api api = server.api();
            List<Response> changes = new ArrayList<>();
            changes.add(api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"audit-ws\",\"name\":\"Audit\"}"));
            changes.add(api.patch(WS + "/settings", ADMIN_TOKEN, "{\"requireApprovals\":true}"));
            changes.add(api.put(WS + "/roles/auditor", ADMIN_TOKEN,
                    "{\"statements\":[{\"effect\":\"allow\",\"actions\":[\"read\"]}]}"));
            String userId = api.post("/api/v1/users", ADMIN_TOKEN, "{\"email\":\"ivy@example.com\",\"name\":\"Ivy\"}")
                    .json().get("id").asText();
            changes.add(api.put(WS + "/members/" + userId, ADMIN_TOKEN, "{\"role\":\"auditor\"}"));
            changes.add(api.put(WS + "/members/" + userId, ADMIN_TOKEN, "{\"role\":\"workspace_viewer\"}"));
            changes.add(api.delete(WS + "/roles/auditor", ADMIN_TOKEN));
            changes.add(api.delete(WS + "/members/" + userId, ADMIN_TOKEN));
            // refused changes leave no event
            assertThat(api.patch(WS + "/settings", ADMIN_TOKEN, "{\"nope\":1}").status()).isEqualTo(400);

            JsonNode events = api.get(WS + "/audit", ADMIN_TOKEN).json().get("items");
            assertThat(events).hasSize(changes.size());
            List<String> actions = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                JsonNode event = events.get(i);
                actions.add(event.get("action").asText());
                assertThat(event.get("seq").asLong()).isEqualTo(i + 1);
                assertThat(event.get("requestId").asText()).as("event %d", i + 1)
                        .isEqualTo(changes.get(i).headers().firstValue("X-Request-Id").orElseThrow());
                if (i > 0) {
                    assertThat(event.get("prevHash").asText()).isEqualTo(events.get(i - 1).get("hash").asText());
                }
            }
            assertThat(actions).containsExactly("workspace.created", "settings.updated", "role.created", "member.updated",
                    "member.updated", "role.deleted", "member.removed");
            assertThat(events.get(4).at("/details/before").asText()).isEqualTo("auditor");
            assertThat(events.get(4).at("/details/after").asText()).isEqualTo("workspace_viewer");

            Response firstPage = api.get(WS + "/audit?limit=3", ADMIN_TOKEN);
            assertThat(firstPage.json().get("items")).hasSize(3);
            String next = firstPage.json().get("next").asText();
            JsonNode rest = api.get(WS + "/audit?limit=10&after=" + next, ADMIN_TOKEN).json();
            assertThat(rest.at("/items/0/seq").asLong()).isEqualTo(4);
            assertThat(rest.get("items")).hasSize(4);
            assertThat(rest.has("next")).isFalse();

            JsonNode verify = api.get(WS + "/audit/verify", ADMIN_TOKEN).json();
            assertThat(verify.get("ok").asBoolean()).isTrue();
            assertThat(verify.get("count").asInt()).isEqualTo(7);
            assertThat(verify.get("head").asText()).isEqualTo(events.get(6).get("hash").asText());
            String scope = api.get(WS, ADMIN_TOKEN).json().get("id").asText();

            server.stop();
            tamper(server.home().resolve("data/countersign.db"), scope, 3);
            server.start();

            JsonNode broken = api.get(WS + "/audit/verify", ADMIN_TOKEN).json();
            assertThat(broken.get("ok").asBoolean()).isFalse();
            assertThat(broken.get("brokenAt").asLong()).isEqualTo(3);
            assertThat(broken.get("verifiedCount").asLong()).isEqualTo(2);
            // other chains are untouched
            assertThat(api.post("/api/v1/workspaces", ADMIN_TOKEN, "{\"slug\":\"clean\",\"name\":\"Clean\"}").status())
                    .isEqualTo(201);
            assertThat(api.get("/api/v1/workspaces/clean/audit/verify", ADMIN_TOKEN).json().get("ok").asBoolean()).isTrue();
        }
    }

    /** What an attacker with the database file would do: lift the append-only trigger and rewrite a row. */
    private static void tamper(Path database, String scope, long seq) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement drop = db.createStatement()) {
                drop.execute("DROP TRIGGER audit_events_no_update");
            }
            try (PreparedStatement update = db.prepareStatement(
                    "UPDATE audit_events SET details = ? WHERE scope = ? AND seq = ?")) {
                update.setString(1, "{\"after\":{\"description\":\"\",\"statements\":[]}}");
                update.setString(2, scope);
                update.setLong(3, seq);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
