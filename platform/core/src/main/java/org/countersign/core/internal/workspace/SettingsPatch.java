package org.countersign.core.internal.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;
import org.countersign.api.notify.OutboundUrls;
import org.countersign.api.workspace.Workspace;
import org.countersign.api.workspace.WorkspaceSettings;
import org.countersign.api.workspace.WorkspaceSettings.NotificationTarget;
import org.countersign.api.workspace.WorkspaceSettings.Promotion;

/**
 * Applies a partial update to settings (docs/domain.md#workspaces-and-settings) as a JSON merge patch: a key sets its
 * value, {@code null} restores the default, and {@code promotion} may be given as an object or as dotted keys. Every
 * problem is reported at once with its JSON path; unknown keys make the whole patch fail with {@code unknown_field}.
 */
final class SettingsPatch {

    /** Environments are named like workspace slugs; a promotion path longer than this is a mistake. */
    static final Pattern ENVIRONMENT = Pattern.compile(Workspace.SLUG_PATTERN);
    static final int MAX_ENVIRONMENTS = 20;
    private static final Set<String> CHANNEL_TYPES = Set.of("email", "slack", "webhook");
    private static final int MIN_SECRET = 16;

    private final Predicate<String> roleExists;
    private final Predicate<String> isMember;
    private final List<FieldError> unknown = new ArrayList<>();
    private final List<FieldError> invalid = new ArrayList<>();

    /**
     * @param roleExists whether a role of this name exists in the workspace
     * @param isMember whether a user id is a member of the workspace
     */
    SettingsPatch(Predicate<String> roleExists, Predicate<String> isMember) {
        this.roleExists = roleExists;
        this.isMember = isMember;
    }

    WorkspaceSettings apply(WorkspaceSettings current, Map<String, Object> patch) {
        WorkspaceSettings d = WorkspaceSettings.DEFAULTS;
        boolean requireApprovals = current.requireApprovals();
        boolean allowSelfApproval = current.allowSelfApproval();
        List<String> environments = current.environments();
        boolean promotionEnabled = current.promotion().enabled();
        List<String> reviewerRoles = current.promotion().reviewerRoles();
        List<String> assignees = current.promotion().assignees();
        List<NotificationTarget> notifications = current.notifications();
        String timezone = current.timezone();
        boolean governRules = current.governRules();

        for (Map.Entry<String, Object> e : flatten(patch).entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            String path = "/" + key.replace('.', '/');
            switch (key) {
                case "requireApprovals" -> requireApprovals = bool(path, value, d.requireApprovals());
                case "allowSelfApproval" -> allowSelfApproval = bool(path, value, d.allowSelfApproval());
                case "environments" -> environments = environments(path, value);
                case "promotion.enabled" -> promotionEnabled = bool(path, value, d.promotion().enabled());
                case "promotion.reviewerRoles" -> reviewerRoles = names(path, value, roleExists, "is not a role here");
                case "promotion.assignees" -> assignees = names(path, value, isMember, "is not a member");
                case "notifications" -> notifications = notifications(path, value);
                case "timezone" -> timezone = timezone(path, value);
                case "governRules" -> governRules = bool(path, value, d.governRules());
                default -> unknown.add(new FieldError(path, "is not a setting"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadRequestException("unknown_field", "Unknown settings: " + unknown.stream().map(FieldError::path)
                    .toList(), unknown);
        }
        if (!invalid.isEmpty()) {
            throw new BadRequestException("validation_failed", "The settings are invalid", invalid);
        }
        return new WorkspaceSettings(requireApprovals, allowSelfApproval, environments,
                new Promotion(promotionEnabled, reviewerRoles, assignees), notifications, timezone, governRules);
    }

    /** {@code {"promotion": {"enabled": true}}} and {@code {"promotion.enabled": true}} mean the same. */
    private Map<String, Object> flatten(Map<String, Object> patch) {
        Map<String, Object> flat = new LinkedHashMap<>();
        patch.forEach((key, value) -> {
            if ("promotion".equals(key) && value instanceof Map<?, ?> nested) {
                nested.forEach((sub, subValue) -> flat.put("promotion." + sub, subValue));
            } else if ("promotion".equals(key) && value == null) {
                flat.put("promotion.enabled", null);
                flat.put("promotion.reviewerRoles", null);
                flat.put("promotion.assignees", null);
            } else {
                flat.put(key, value);
            }
        });
        return flat;
    }

    private boolean bool(String path, Object value, boolean byDefault) {
        if (value == null) {
            return byDefault;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        invalid.add(new FieldError(path, "must be true or false"));
        return byDefault;
    }

    private List<String> environments(String path, Object value) {
        if (value == null) {
            return WorkspaceSettings.DEFAULTS.environments();
        }
        List<String> names = strings(path, value);
        if (value instanceof List<?> list && list.isEmpty()) {
            invalid.add(new FieldError(path, "needs at least one environment"));
        } else if (names.size() > MAX_ENVIRONMENTS) {
            invalid.add(new FieldError(path, "must have at most " + MAX_ENVIRONMENTS + " environments"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!ENVIRONMENT.matcher(name).matches()) {
                invalid.add(new FieldError(path + "/" + i, "must match " + ENVIRONMENT.pattern()));
            } else if (!seen.add(name)) {
                invalid.add(new FieldError(path + "/" + i, "appears twice"));
            }
        }
        return names;
    }

    private List<String> names(String path, Object value, Predicate<String> exists, String problem) {
        if (value == null) {
            return List.of();
        }
        List<String> names = strings(path, value);
        for (int i = 0; i < names.size(); i++) {
            if (!exists.test(names.get(i))) {
                invalid.add(new FieldError(path + "/" + i, problem));
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private List<String> strings(String path, Object value) {
        if (!(value instanceof List<?> list)) {
            invalid.add(new FieldError(path, "must be an array of strings"));
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s && !s.isBlank()) {
                strings.add(s);
            } else {
                invalid.add(new FieldError(path + "/" + i, "must be a non-empty string"));
            }
        }
        return strings;
    }

    private String timezone(String path, Object value) {
        if (value == null) {
            return WorkspaceSettings.DEFAULTS.timezone();
        }
        if (value instanceof String zone) {
            try {
                return ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                // reported below
            }
        }
        invalid.add(new FieldError(path, "must be a time zone such as UTC or Europe/Berlin"));
        return WorkspaceSettings.DEFAULTS.timezone();
    }

    private List<NotificationTarget> notifications(String path, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            invalid.add(new FieldError(path, "must be an array of channels"));
            return List.of();
        }
        List<NotificationTarget> channels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "/" + i;
            if (list.get(i) instanceof Map<?, ?> channel) {
                channels.add(channel(at, channel));
            } else {
                invalid.add(new FieldError(at, "must be an object such as {\"type\":\"email\"}"));
            }
        }
        return channels;
    }

    private NotificationTarget channel(String path, Map<?, ?> channel) {
        Object type = channel.get("type");
        if (!(type instanceof String t) || !CHANNEL_TYPES.contains(t)) {
            invalid.add(new FieldError(path + "/type", "must be one of " + CHANNEL_TYPES));
            return null;
        }
        Set<String> allowed = switch (t) {
            case "email" -> Set.of("type");
            case "slack" -> Set.of("type", "url");
            default -> Set.of("type", "url", "secret");
        };
        channel.keySet().stream().map(String::valueOf).filter(k -> !allowed.contains(k))
                .forEach(k -> unknown.add(new FieldError(path + "/" + k, "is not a field of a " + t + " channel")));
        String url = null;
        String secret = null;
        if (!t.equals("email")) {
            url = url(path + "/url", channel.get("url"));
        }
        if (t.equals("webhook")) {
            if (channel.get("secret") instanceof String s && s.length() >= MIN_SECRET) {
                secret = s;
            } else {
                invalid.add(new FieldError(path + "/secret", "must be a string of at least " + MIN_SECRET + " characters"));
            }
        }
        return new NotificationTarget(t, url, secret);
    }

    private String url(String path, Object value) {
        if (value instanceof String text) {
            try {
                URI uri = new URI(text);
                if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                    String refused = OutboundUrls.alwaysRefused(uri);
                    if (refused == null) {
                        return text;
                    }
                    invalid.add(new FieldError(path, "is refused: " + refused));
                    return null;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
        }
        invalid.add(new FieldError(path, "must be an http(s) URL"));
        return null;
    }
}
