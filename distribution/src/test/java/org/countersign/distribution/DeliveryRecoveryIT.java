package org.countersign.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.distribution.RunningCountersign.ADMIN_TOKEN;
import static org.countersign.distribution.WorkspaceFixtures.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/domain.md#notifications and docs/architecture.md#qualities: a server killed while it delivers notifications
 * loses none of them.
 */
class DeliveryRecoveryIT {

    private static final String WS = "/api/v1/workspaces/recovery";
    private static final String SECRET = "recovery-secret-0123456789";
    private static final int EVENTS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aServerKilledDuringDeliveryDeliversEverythingAfterARestart() throws Exception {
        try (Receiver receiver = new Receiver().holding();
                RunningCountersign server = RunningCountersign.installIn(dir.resolve("countersign"))
                        .env("COUNTERSIGN_NOTIFY_POLL_MS", "100")
                        .env("COUNTERSIGN_NOTIFY_BACKOFF_MS", "200")
                        .env("COUNTERSIGN_NOTIFY_TIMEOUT_MS", "2000")) {
            server.start();
            Api api = server.api();
            new WorkspaceFixtures(api).workspace("recovery");
            api.patch(WS + "/settings", ADMIN_TOKEN, "{\"notifications\":[{\"type\":\"webhook\",\"url\":\""
                    + receiver.url("/hook") + "\",\"secret\":\"" + SECRET + "\"}]}").expect(200);
            List<String> resources = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                resources.add(api.post(WS + "/resources", ADMIN_TOKEN, "{\"type\":\"source\",\"name\":\"Source " + i
                        + "\",\"config\":{\"kind\":\"snowflake\",\"connection\":{\"account\":\"acme\"}},\"mode\":\"publish\"}")
                        .expect(201).json().get("id").asText());
            }
            // the receiver holds the first calls open: the server dies in the middle of sending them
            Await.until(WAIT, () -> assertThat(receiver.calls()).isNotEmpty());
            server.kill();
            Set<String> heldIds = receiver.calls().stream().map(c -> c.header("webhook-id")).collect(Collectors.toSet());
            receiver.release();

            server.start();
            Await.until(WAIT, () -> assertThat(publishedResources(receiver)).containsAll(resources));
            // each delivery kept its id across the crash, so the receiver can drop the repeats
            assertThat(receiver.calls().stream().map(c -> c.header("webhook-id")).collect(Collectors.toSet()))
                    .containsAll(heldIds);
            Await.until(WAIT, () -> {
                JsonNode deliveries = api.get(WS + "/notifications/deliveries", ADMIN_TOKEN).expect(200).json();
                assertThat(deliveries.get("items")).hasSize(EVENTS);
                assertThat(texts(deliveries.get("items"), "state")).containsOnly("delivered");
            });
            for (Receiver.Call call : receiver.calls()) {
                assertThat(NotificationsIT.verify(call, SECRET.getBytes(StandardCharsets.UTF_8))).isTrue();
            }
            JsonNode verify = api.get(WS + "/audit/verify", ADMIN_TOKEN).expect(200).json();
            assertThat(verify.get("ok").asBoolean()).isTrue();
        }
    }

    private static Set<String> publishedResources(Receiver receiver) {
        return receiver.calls().stream().map(call -> {
            try {
                return JSON.readTree(call.body()).at("/data/resourceId").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).collect(Collectors.toSet());
    }
}
