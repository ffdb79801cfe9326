package org.countersign.core.internal.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.countersign.api.access.Actions;
import org.countersign.api.access.Statement;
import org.countersign.api.error.BadRequestException;
import org.countersign.api.error.FieldError;

/** Strict checks of a custom role; every problem is reported at once, with its JSON path. */
final class RoleValidation {

    static final Pattern ROLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_STATEMENTS = 100;

    private RoleValidation() {
    }

    /** @param knownActions every action a statement may name */
    static void check(String description, List<Statement> statements, Set<String> knownActions) {
        List<FieldError> errors = new ArrayList<>();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("/description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        if (statements == null) {
            errors.add(new FieldError("/statements", "is required"));
        } else if (statements.size() > MAX_STATEMENTS) {
            errors.add(new FieldError("/statements", "must have at most " + MAX_STATEMENTS + " statements"));
        } else {
            for (int i = 0; i < statements.size(); i++) {
                statement("/statements/" + i, statements.get(i), knownActions, errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("validation_failed", "The role is invalid", errors);
        }
    }

    private static void statement(String path, Statement s, Set<String> knownActions, List<FieldError> errors) {
        if (s == null) {
            errors.add(new FieldError(path, "must be an object"));
            return;
        }
        if (!Statement.ALLOW.equals(s.effect()) && !Statement.DENY.equals(s.effect())) {
            errors.add(new FieldError(path + "/effect", "must be \"allow\" or \"deny\""));
        }
        if (s.actions() == null || s.actions().isEmpty()) {
            errors.add(new FieldError(path + "/actions", "must name at least one action"));
        } else {
            for (int j = 0; j < s.actions().size(); j++) {
                String action = s.actions().get(j);
                if (!knownActions.contains(action)) {
                    errors.add(new FieldError(path + "/actions/" + j, "unknown action '" + action + "'"));
                }
            }
        }
        if (s.resourceTypes().isEmpty()) {
            errors.add(new FieldError(path + "/resourceTypes", "must name at least one type, or \"*\""));
        }
        for (int j = 0; j < s.resourceTypes().size(); j++) {
            String type = s.resourceTypes().get(j);
            if (type == null || !(Actions.ALL.equals(type) || TYPE_NAME.matcher(type).matches())) {
                errors.add(new FieldError(path + "/resourceTypes/" + j, "is not a resource type name"));
            }
        }
        if (s.draftOnly() && s.denies()) {
            errors.add(new FieldError(path + "/draftOnly", "applies only to allow statements"));
        }
        labels(path + "/where/labels", s.labels(), errors);
        if (s.actions() != null && s.actions().contains(Actions.MANAGE)) {
            if (!s.resourceTypes().contains(Actions.ALL)) {
                errors.add(new FieldError(path + "/resourceTypes", "manage is workspace-wide: use [\"*\"]"));
            }
            if (!s.labels().isEmpty()) {
                errors.add(new FieldError(path + "/where", "manage is workspace-wide and cannot have label conditions"));
            }
        }
    }

    private static void labels(String path, Map<String, String> labels, List<FieldError> errors) {
        labels.forEach((key, value) -> {
            if (key.isBlank() || value == null || value.isBlank()) {
                errors.add(new FieldError(path + "/" + key, "label conditions need a non-empty key and value"));
            }
        });
    }
}
