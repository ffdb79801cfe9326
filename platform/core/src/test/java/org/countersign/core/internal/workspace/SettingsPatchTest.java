package org.countersign.core.internal.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.junit.jupiter.api.Test;

class SettingsPatchTest {

    private static final Set<String> ROLES = Set.of("admin", "reviewers");
    private static final Set<String> MEMBERS = Set.of("usr_a", "usr_b");

    private static WorkspaceSettings apply(WorkspaceSettings current, Map<String, Object> patch) {
        return new SettingsPatch(ROLES::contains, MEMBERS::contains).apply(current, patch);
    }

    private static BadRequestException refused(Map<String, Object> patch) {
        return catchThrowableOfType(BadRequestException.class, () -> apply(WorkspaceSettings.DEFAULTS, patch));
    }

    private static List<String> paths(BadRequestException e) {
        return e.errors().stream().map(FieldError::path).toList();
    }

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(apply(WorkspaceSettings.DEFAULTS, Map.of())).isEqualTo(WorkspaceSettings.DEFAULTS);
    }

    @Test
    void setsEverySetting() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("requireApprovals", true);
        patch.put("allowSelfApproval", true);
        patch.put("environments", List.of("development", "staging", "production"));
        patch.put("promotion", Map.of("enabled", true, "reviewerRoles", List.of("reviewers"), "assignees", List.of("usr_a")));
        patch.put("notifications", List.of(Map.of("type", "email"), Map.of("type", "slack", "url", "https://hooks.example/x"),
                Map.of("type", "webhook", "url", "http://receiver.example/hook", "secret", "0123456789abcdef")));
        patch.put("timezone", "Europe/Berlin");
        patch.put("governRules", true);

        WorkspaceSettings s = apply(WorkspaceSettings.DEFAULTS, patch);

        assertThat(s.requireApprovals()).isTrue();
        assertThat(s.allowSelfApproval()).isTrue();
        assertThat(s.environments()).containsExactly("development", "staging", "production");
        assertThat(s.firstEnvironment()).isEqualTo("development");
        assertThat(s.promotion()).isEqualTo(new WorkspaceSettings.Promotion(true, List.of("reviewers"), List.of("usr_a")));
        assertThat(s.notifications()).containsExactly(new NotificationTarget("email", null, null),
                new NotificationTarget("slack", "https://hooks.example/x", null),
                new NotificationTarget("webhook", "http://receiver.example/hook", "0123456789abcdef"));
        assertThat(s.timezone()).isEqualTo("Europe/Berlin");
        assertThat(s.governRules()).isTrue();
    }

    @Test
    void dottedKeysMeanTheSameAsNestedOnes() {
        WorkspaceSettings dotted = apply(WorkspaceSettings.DEFAULTS, Map.of("promotion.enabled", true));
        WorkspaceSettings nested = apply(WorkspaceSettings.DEFAULTS, Map.of("promotion", Map.of("enabled", true)));
        assertThat(dotted).isEqualTo(nested);
        assertThat(dotted.promotion().enabled()).isTrue();
    }

    @Test
    void aPatchKeepsWhatItDoesNotMentionAndNullRestoresDefaults() {
        WorkspaceSettings changed = apply(WorkspaceSettings.DEFAULTS,
                Map.of("requireApprovals", true, "timezone", "Asia/Tokyo", "promotion.assignees", List.of("usr_b")));
        Map<String, Object> reset = new HashMap<>();
        reset.put("timezone", null);
        reset.put("promotion", null);
        WorkspaceSettings after = apply(changed, reset);
        assertThat(after.requireApprovals()).isTrue();
        assertThat(after.timezone()).isEqualTo("UTC");
        assertThat(after.promotion()).isEqualTo(WorkspaceSettings.Promotion.DEFAULTS);
    }

    @Test
    void unknownKeysAreRefusedWithTheirPaths() {
        BadRequestException e = refused(Map.of("requireApprovals", true, "colour", "blue",
                "promotion", Map.of("enabled", true, "speed", 3)));
        assertThat(e.code()).isEqualTo("unknown_field");
        assertThat(paths(e)).containsExactlyInAnyOrder("/colour", "/promotion/speed");
    }

    @Test
    void wrongValuesAreRefusedWithTheirPaths() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("requireApprovals", "yes");
        patch.put("environments", List.of("dev", "Prod!", "dev"));
        patch.put("timezone", "Mars/Olympus");
        patch.put("promotion.reviewerRoles", List.of("reviewers", "ghosts"));
        patch.put("promotion.assignees", List.of("usr_z"));
        patch.put("governRules", 1);
        BadRequestException e = refused(patch);
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(paths(e)).containsExactlyInAnyOrder("/requireApprovals", "/environments/1", "/environments/2",
                "/timezone", "/promotion/reviewerRoles/1", "/promotion/assignees/0", "/governRules");
    }

    @Test
    void environmentsAreNamedLikeSlugsAndAtMostTwenty() {
        List<String> many = IntStream.rangeClosed(1, 21).mapToObj(i -> "env-" + i).toList();
        assertThat(paths(refused(Map.of("environments", many)))).containsExactly("/environments");
        assertThat(apply(WorkspaceSettings.DEFAULTS, Map.of("environments", many.subList(0, 20))).environments())
                .hasSize(20);
        assertThat(paths(refused(Map.of("environments", List.of("x", "under_score", "UPPER", "-dash", "ok-1")))))
                .containsExactly("/environments/0", "/environments/1", "/environments/2", "/environments/3");
    }

    @Test
    void environmentsCannotBeEmpty() {
        assertThat(paths(refused(Map.of("environments", List.of())))).containsExactly("/environments");
        assertThat(paths(refused(Map.of("environments", "production")))).containsExactly("/environments");
    }

    @Test
    void notificationChannelsAreCheckedStrictly() {
        BadRequestException e = refused(Map.of("notifications", List.of(
                Map.of("type", "pager"),
                Map.of("type", "slack"),
                Map.of("type", "webhook", "url", "ftp://x.example", "secret", "short"),
                Map.of("type", "email", "url", "https://x.example"),
                "email")));
        assertThat(e.code()).isEqualTo("unknown_field");
        assertThat(paths(e)).containsExactly("/notifications/3/url");

        e = refused(Map.of("notifications", List.of(Map.of("type", "pager"), Map.of("type", "slack"),
                Map.of("type", "webhook", "url", "ftp://x.example", "secret", "short"), "email")));
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(paths(e)).containsExactlyInAnyOrder("/notifications/0/type", "/notifications/1/url",
                "/notifications/2/url", "/notifications/2/secret", "/notifications/3");
    }

    @Test
    void metadataAndLinkLocalTargetsAreRefusedWhenWritten() {
        BadRequestException e = refused(Map.of("notifications", List.of(
                Map.of("type", "webhook", "url", "http://169.254.169.254/latest/meta-data", "secret", "0123456789abcdef"),
                Map.of("type", "slack", "url", "http://metadata.google.internal/computeMetadata/v1"),
                Map.of("type", "webhook", "url", "http://[fe80::1]/hook", "secret", "0123456789abcdef"),
                Map.of("type", "slack", "url", "https://hooks.slack.com/services/T/B/X"))));
        assertThat(e.code()).isEqualTo("validation_failed");
        assertThat(paths(e)).containsExactly("/notifications/0/url", "/notifications/1/url", "/notifications/2/url");
        assertThat(e.errors().get(0).message()).contains("never allowed");
    }

    @Test
    void redactionHidesUrlsAndSecrets() {
        WorkspaceSettings s = apply(WorkspaceSettings.DEFAULTS, Map.of("notifications", List.of(
                Map.of("type", "webhook", "url", "https://receiver.example/hook", "secret", "0123456789abcdef"))));
        assertThat(SettingsCodec.redacted(s).notifications()).containsExactly(new NotificationTarget("webhook", null, null));
        assertThat(SettingsCodec.read(SettingsCodec.write(s))).isEqualTo(s);
    }
}
