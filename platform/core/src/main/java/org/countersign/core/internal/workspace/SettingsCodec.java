package org.countersign.core.internal.workspace;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.JsonText;
import org.countersign.core.internal.support.ParsedDocuments;

/** Settings as stored (complete, secrets included) and as shown (URLs and secrets left out). */
public final class SettingsCodec {

    private static final TypeReference<WorkspaceSettings> TYPE = new TypeReference<>() {
    };
    /** Settings are immutable records, so one parsed copy per document is shared; one per busy workspace. */
    private static final ParsedDocuments<WorkspaceSettings> PARSED = new ParsedDocuments<>(64,
            json -> JsonText.read(json, TYPE));

    private SettingsCodec() {
    }

    public static WorkspaceSettings read(String json) {
        return PARSED.read(json);
    }

    public static String write(WorkspaceSettings settings) {
        return JsonText.write(settings);
    }

    /** The settings as stored: the write-only URLs and secrets of notification channels sealed. */
    public static WorkspaceSettings sealed(WorkspaceSettings s, SecretBox box) {
        List<NotificationTarget> channels = s.notifications().stream()
                .map(n -> new NotificationTarget(n.type(), box.seal("notifications/" + n.type() + "/url", n.url()),
                        box.seal("notifications/" + n.type() + "/secret", n.secret()))).toList();
        return new WorkspaceSettings(s.requireApprovals(), s.allowSelfApproval(), s.environments(), s.promotion(),
                channels, s.timezone(), s.governRules());
    }

    /** The settings without the write-only URLs and secrets of notification channels. */
    public static WorkspaceSettings redacted(WorkspaceSettings s) {
        List<NotificationTarget> channels = s.notifications().stream()
                .map(n -> new NotificationTarget(n.type(), null, null)).toList();
        return new WorkspaceSettings(s.requireApprovals(), s.allowSelfApproval(), s.environments(), s.promotion(),
                channels, s.timezone(), s.governRules());
    }
}
