package org.countersign.core.internal.workspace;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.countersign.core.internal.secret.SecretBox;
import org.countersign.core.internal.support.JsonText;

/** Settings as stored (complete, secrets included) and as shown (URLs and secrets left out). */
public final class SettingsCodec {

    private static final TypeReference<WorkspaceSettings> TYPE = new TypeReference<>() {
    };
    /** How many distinct settings documents stay parsed: one per busy workspace is plenty. */
    private static final int PARSED = 64;
    /**
     * Settings are read on every action and change rarely: parsed once per document. Comparing the stored JSON is
     * far cheaper than parsing it, and the settings are immutable, so sharing them is safe.
     */
    private static final Map<String, WorkspaceSettings> parsed = Collections.synchronizedMap(
            new LinkedHashMap<>(PARSED, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, WorkspaceSettings> eldest) {
                    return size() > PARSED;
                }
            });

    private SettingsCodec() {
    }

    public static WorkspaceSettings read(String json) {
        WorkspaceSettings known = parsed.get(json);
        if (known != null) {
            return known;
        }
        WorkspaceSettings settings = JsonText.read(json, TYPE);
        parsed.put(json, settings);
        return settings;
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
